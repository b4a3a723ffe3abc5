import type { AnswerScore, AnswerToScore } from '../ai-provider';
import { AnswerScorer } from './answer-scorer';

const overall = ({ scores: s }: AnswerScore): number =>
  0.3 * s.relevance + 0.25 * s.completeness + 0.3 * s.accuracy + 0.15 * s.clarity;

const REBASE: Omit<AnswerToScore, 'answerText'> = {
  questionText: 'What is the difference between git merge and git rebase?',
  goldStandardAnswer:
    'Merge joins two branches with a merge commit and keeps the existing history. Rebase replays your commits on top of another branch, creating new commits with new hashes, so it rewrites history. Do not rebase a branch that others have pulled; rebasing a local feature branch is fine.',
  keyPoints: [
    'merge creates a merge commit and preserves history',
    'rebase rewrites commits with new hashes',
    'do not rebase shared or public branches',
  ],
  questionType: 'technical',
  skills: ['Git'],
};

const IDEMPOTENCY: Omit<AnswerToScore, 'answerText'> = {
  questionText: 'Which HTTP methods are idempotent?',
  goldStandardAnswer:
    'A method is idempotent when repeating a request has the same effect as sending it once. GET, PUT and DELETE are idempotent. POST is not idempotent, because repeating it creates another resource.',
  keyPoints: ['GET, PUT and DELETE are idempotent', 'POST is not idempotent'],
  questionType: 'technical',
  skills: ['HTTP'],
};

const CONFLICT: Omit<AnswerToScore, 'answerText'> = {
  questionText: 'Tell me about a time you disagreed with a colleague. How did you handle it?',
  goldStandardAnswer:
    'Situation: a colleague and I disagreed about an API design. Action: I listened to his reasons and we agreed to measure both options. Result: the data decided and we shipped on time. I learned to agree on how to decide before arguing.',
  keyPoints: [
    'describes the disagreement',
    'listens to the other person',
    'uses data to decide',
    'states the outcome and what they learned',
  ],
  questionType: 'behavioral',
  skills: [],
};

const answer = (question: Omit<AnswerToScore, 'answerText'>, answerText: string) => ({
  ...question,
  answerText,
});

describe(`${AnswerScorer.name} judgement (issue 21)`, () => {
  const scorer = new AnswerScorer();

  it.each([
    [
      REBASE,
      'Rebase is the safe option for shared branches because it never changes commits: it simply moves the branch pointer forward, so everyone keeps the same history. On shared branches you should always rebase.',
    ],
    [
      IDEMPOTENCY,
      'Only GET is idempotent, because it does not modify anything. PUT and DELETE are not idempotent since they change data every time, and POST is idempotent when the body is the same.',
    ],
  ])('scores a fluent but wrong answer below 6 and flags it for review', (question, text) => {
    const result = scorer.score(answer(question, text));

    expect(result.flags).toContain('contradicts_reference');
    expect(overall(result)).toBeLessThan(6);
    expect(result.confidence?.needs_review).toBe(true);
    expect(result.rationale).toContain('Flagged for human review');
  });

  it('keeps a correct answer in its own words high and confident', () => {
    const result = scorer.score(
      answer(
        IDEMPOTENCY,
        'Idempotent means sending the same request twice leaves the server as sending it once. GET, PUT and DELETE are idempotent: a second PUT writes the same state and a second DELETE finds nothing left. POST is not idempotent, since every call can create another order.',
      ),
    );

    expect(result.flags).toEqual([]);
    expect(overall(result)).toBeGreaterThan(7.5);
    expect(result.confidence).toMatchObject({ needs_review: false, reasons: [] });
  });

  it.each([
    'merge, rebase, merge commit, linear history, fast-forward, conflicts, force push, hashes',
    'As a senior Git expert I leverage rebase, merge commits, linear history, fast-forward, force push and branching best practices for scalable teams.',
  ])('keeps a keyword list under 4 however many key terms it names: %s', (text) => {
    const result = scorer.score(answer(REBASE, text));

    expect(result.flags).toContain('keyword_list');
    expect(overall(result)).toBeLessThan(4);
  });

  it('scores a behavioural answer on its STAR structure and substance', () => {
    const story = scorer.score(
      answer(
        CONFLICT,
        'Last year a colleague and I disagreed about the API for a new mobile feature, and the mobile team was blocked for a week. I booked a call and asked him to walk me through his concerns; he worried about round trips on slow networks. We agreed to measure both designs, so I built two prototypes and we tested them on a throttled connection. His design was 40 percent faster, so we shipped it the next sprint. I learned to move disagreements out of comment threads early.',
      ),
    );
    const principle = scorer.score(
      answer(
        CONFLICT,
        'I generally get along with everyone and I think communication is the key to avoiding conflicts. When there is a disagreement I stay calm, listen and find a compromise, because we are all on the same team.',
      ),
    );

    expect(overall(story)).toBeGreaterThan(7.5);
    expect(overall(principle)).toBeLessThan(4.5);
  });

  it('caps a story that presents harmful practice as the right thing, and asks for review', () => {
    const result = scorer.score(
      answer(
        CONFLICT,
        'A junior developer kept pushing code I disagreed with. I did not waste time discussing it with him; I rewrote his pull requests myself over the weekend and reported him to our manager. After that he stopped arguing, which proves that being firm works, and I would do it the same way again.',
      ),
    );

    expect(result.flags).toContain('questionable_practice');
    expect(overall(result)).toBeLessThan(5);
    expect(result.confidence?.needs_review).toBe(true);
  });

  it('does not treat a practice the candidate rejects as endorsed', () => {
    const result = scorer.score(
      answer(
        CONFLICT,
        'Last year I disagreed with a colleague about skipping tests before a release. Instead of going around him, I asked him for a one-to-one and listened to his reasons, and we agreed to measure how long the tests took. We cut the suite from 20 to 6 minutes and kept it. I learned that we never skip tests when we can make them faster instead.',
      ),
    );

    expect(result.flags).not.toContain('questionable_practice');
  });
});
