import type { AnswerScore, AnswerToScore, DimensionScores } from '../ai-provider';
import { findSkillEntry } from './question-bank';
import { BEHAVIORAL_TEMPLATES } from './question-bank/behavioral-templates';
import { AnswerScorer } from './answer-scorer';

const WEIGHTS: DimensionScores = {
  relevance: 0.3,
  completeness: 0.25,
  accuracy: 0.3,
  clarity: 0.15,
};

function overall(score: AnswerScore): number {
  const s = score.scores;
  return (
    s.relevance * WEIGHTS.relevance +
    s.completeness * WEIGHTS.completeness +
    s.accuracy * WEIGHTS.accuracy +
    s.clarity * WEIGHTS.clarity
  );
}

function bankQuestion(skill: string, startsWith: string): Omit<AnswerToScore, 'answerText'> {
  const question = findSkillEntry(skill)?.questions.find((q) => q.text.startsWith(startsWith));
  if (!question) {
    throw new Error(`no bank question for ${skill}: ${startsWith}`);
  }
  return {
    questionText: question.text,
    goldStandardAnswer: question.gold,
    keyPoints: [...question.keyPoints],
    questionType: 'technical',
    skills: [skill],
  };
}

function templateQuestion(id: string): Omit<AnswerToScore, 'answerText'> {
  const template = BEHAVIORAL_TEMPLATES.find((t) => t.id === id)!;
  return {
    questionText: template.text,
    goldStandardAnswer: template.gold,
    keyPoints: [...template.keyPoints],
    questionType: 'behavioral',
    skills: [],
  };
}

interface RankedAnswers {
  title: string;
  question: Omit<AnswerToScore, 'answerText'>;
  excellent: string;
  adequate: string;
  offTopic: string;
  nonsense: string;
  parroting: string;
}

const CASES: RankedAnswers[] = [
  {
    title: 'Docker images and containers',
    question: bankQuestion('Docker', 'What is the difference between a Docker image'),
    excellent:
      'An image is an immutable package: a stack of read-only layers produced from a Dockerfile that holds the application code, the runtime, the libraries and default configuration. A container is what you get when you run that image, a live process with its own isolated filesystem view, network and process namespace. Docker adds a thin writable layer on top of the image for every container, so many containers can share one image while keeping their own changes. Those changes disappear when the container is deleted, which is why anything that must survive goes into a volume. Images are tagged with versions and pushed to a registry such as Docker Hub so that other machines can pull them.',
    adequate:
      'An image is like a template for the application that you build with a Dockerfile. A container is a running instance of that image, and you can start several containers from the same one.',
    offTopic:
      'React components re-render when their state or props change. I usually keep state as local as possible and lift it up only when two siblings need to share it, which keeps the component tree easy to reason about.',
    nonsense:
      'Qwzx plorv snekt, zzgrb vlomp kwartz? Mnbvc xkcd fjdksl qpwoei rutyz hgfjd ksla pqowie vbnmx.',
    parroting:
      'The difference between a Docker image and a container is the difference between an image in Docker and a Docker container.',
  },
  {
    title: 'the JavaScript event loop',
    question: bankQuestion('JavaScript', 'Explain how the JavaScript event loop'),
    excellent:
      "JavaScript executes code on one thread, so there is a single call stack. When you start asynchronous work such as a timer, a network request or file I/O, the browser or Node.js performs it outside the stack and later puts the callback in a queue. The event loop keeps checking, and whenever the call stack is empty it takes the next task and runs it. Promise reactions are special: they go into the microtask queue, and all microtasks run right after the current task finishes and before the next timer callback, so a resolved promise's then handler beats a setTimeout of zero. Because everything shares one thread, a long synchronous loop blocks the event loop and freezes rendering and every pending callback.",
    adequate:
      'JavaScript is single threaded. Callbacks from timers and promises wait in a queue and the event loop runs them when the current code has finished. Promise callbacks run before timers.',
    offTopic:
      'I prefer PostgreSQL for most projects because it supports transactions, JSON columns and strong indexing. Our team runs it on a managed service with daily backups and read replicas.',
    nonsense:
      'Xyqq tzkfr hjkdl, oiuwer mnzxcv lkjhg sdfgh? Wqrtp zxcvb nmlkj hgfds pqwrt yxcvb mnbvz.',
    parroting:
      'The JavaScript event loop handles asynchronous code such as promises and timers, and asynchronous code such as promises and timers is handled by the event loop in JavaScript.',
  },
  {
    title: 'a behavioural question about a mistake',
    question: templateQuestion('mistake'),
    excellent:
      'Last year I pushed a database migration on a Friday that locked the orders table for twenty minutes, and about three hundred customers could not check out. As soon as the alerts fired I told my team lead and the on-call channel, stopped the migration and rolled back to the previous release, so checkout recovered within ten minutes. Then I helped support write to the affected customers. Afterwards I wrote a blameless post-mortem, and we added a check to the CI pipeline that flags migrations taking locks on large tables. The biggest lesson for me was to own the problem immediately and communicate early instead of trying to fix it quietly.',
    adequate:
      'Once I deployed a bug that broke the login page for some users. I told my manager and we rolled the release back. After that I added a test so it would not happen again.',
    offTopic:
      'My favourite programming language is Python because the syntax is clean and there are libraries for almost everything, from web development to data science and scripting.',
    nonsense: 'Grzxt vlkmn qwpzr, sdfgh jklmn zxcvb? Plmkq wrtzx hjgfd qqwzx rtzpl mnbvx kjhgf.',
    parroting:
      'A time I made a mistake that affected users or colleagues, and what I did afterwards, is a time when I made a mistake that affected users and colleagues.',
  },
  {
    // Issue 21 regression: the old negation check flagged this correct answer
    // contradicts_reference ("nothing is restarted" against "the container is not restarted").
    title:
      'Kubernetes liveness and readiness probes (a correct answer once flagged as contradicting)',
    question: {
      questionText:
        'In Kubernetes, what is the difference between a liveness probe and a readiness probe?',
      goldStandardAnswer:
        'A liveness probe tells the kubelet whether the container is still healthy; when it fails repeatedly, the kubelet kills the container and restarts it. A readiness probe tells Kubernetes whether the pod can serve traffic; when it fails, the pod is removed from the Service endpoints, but the container is not restarted. A startup probe protects slow-starting containers from the liveness probe.',
      keyPoints: [
        'a failing liveness probe restarts the container',
        'a failing readiness probe removes the pod from Service endpoints',
        'readiness failure does not restart the container',
        'startup probes protect slow-starting containers',
      ],
      questionType: 'technical',
      skills: ['Kubernetes'],
    },
    excellent:
      'The liveness probe checks whether the process is still alive. If it fails a few times in a row, the kubelet kills the container and restarts it, which is what you want for a process stuck in a deadlock. The readiness probe checks whether the pod should get traffic right now. If it fails, the pod is taken out of the Service endpoints so it stops receiving requests, but nothing is restarted, and once the probe passes again the pod gets traffic back. For slow-starting apps I add a startup probe so that liveness does not kill them while they boot.',
    adequate:
      'If the liveness probe fails, Kubernetes restarts the container. If the readiness probe fails, the pod is removed from the service so it gets no traffic until it is ready again.',
    offTopic:
      'I prefer PostgreSQL for most projects because it supports transactions, JSON columns and strong indexing. Our team runs it on a managed service with daily backups and read replicas.',
    nonsense: 'Plokv zzgrt wqxmn, sdfgh kjhgf? Mnbvx qwrtz lkjhg pqwzx rtzpl vbnmx kwqzt.',
    parroting:
      'The difference between a liveness probe and a readiness probe in Kubernetes is the difference between a readiness probe and a liveness probe.',
  },
];

// Real words without sentence structure (issue 21: the old clarity measure gave this 8.1).
const WORD_SALAD =
  'Banana purple elephant window quickly seven mountain blue river chair spoon orange cloud';

function anAnswer(
  question: Omit<AnswerToScore, 'answerText'>,
  answerText: string,
  overrides: Partial<AnswerToScore> = {},
): AnswerToScore {
  return { ...question, answerText, ...overrides };
}

const LET_CONST_VAR = bankQuestion('JavaScript', 'What is the difference between `let`');
const OWN_WORDS_LET_CONST =
  'With var the variable belongs to the whole function and its declaration is hoisted, so reading it before the declaration line gives undefined. let and const are scoped to the enclosing block, and touching them before the declaration throws a ReferenceError because of the temporal dead zone. const only stops you from reassigning the variable; if it holds an object you can still mutate its properties. I default to const and use let only for values I really need to reassign.';

describe(AnswerScorer.name, () => {
  const scorer = new AnswerScorer();

  describe.each(CASES)('answers about $title', (c) => {
    it('ranks excellent > adequate > off-topic > nonsense > parroting the question', () => {
      const ranked = [c.excellent, c.adequate, c.offTopic, c.nonsense, c.parroting].map((text) =>
        overall(scorer.score(anAnswer(c.question, text))),
      );

      for (let i = 1; i < ranked.length; i += 1) {
        expect(ranked[i - 1]).toBeGreaterThan(ranked[i]);
      }
    });

    it('flags the off-topic, nonsense and parroted answers', () => {
      expect(scorer.score(anAnswer(c.question, c.offTopic)).flags).toContain('off_topic');
      expect(scorer.score(anAnswer(c.question, c.nonsense)).flags).toContain('nonsense');
      expect(scorer.score(anAnswer(c.question, c.parroting)).flags).toContain('parrots_question');
      expect(scorer.score(anAnswer(c.question, c.excellent)).flags).toEqual([]);
    });
  });

  describe.each(CASES)('word salad about $title', (c) => {
    it('scores low on clarity and on everything else, below the adequate answer', () => {
      const salad = scorer.score(anAnswer(c.question, WORD_SALAD));

      expect(salad.scores.clarity).toBeLessThanOrEqual(2);
      expect(salad.flags).toContain('nonsense');
      expect(overall(salad)).toBeLessThan(1.5);
      expect(overall(salad)).toBeLessThan(overall(scorer.score(anAnswer(c.question, c.adequate))));
    });
  });

  it('flags an answer under eight words as too short and caps every dimension', () => {
    const result = scorer.score(anAnswer(LET_CONST_VAR, 'let is block scoped, var is not.'));

    expect(result.flags).toContain('too_short');
    expect(Math.max(...Object.values(result.scores))).toBeLessThanOrEqual(1.5);
  });

  it('scores keyboard mashing near zero', () => {
    const result = scorer.score(anAnswer(LET_CONST_VAR, CASES[0].nonsense));

    expect(result.flags).toContain('nonsense');
    expect(overall(result)).toBeLessThan(0.5);
    expect(result.matched_key_points).toEqual([]);
  });

  it('gives a restated question no credit for the key points its words touch', () => {
    const result = scorer.score(anAnswer(CASES[0].question, CASES[0].parroting));

    expect(result.scores).toMatchObject({ relevance: 0, completeness: 0, accuracy: 0 });
    expect(result.matched_key_points).toEqual([]);
  });

  it('flags a copy of the gold answer and caps completeness and accuracy at 5', () => {
    const result = scorer.score(anAnswer(LET_CONST_VAR, LET_CONST_VAR.goldStandardAnswer));

    expect(result.flags).toContain('copied_gold_answer');
    expect(result.scores.completeness).toBeLessThanOrEqual(5);
    expect(result.scores.accuracy).toBeLessThanOrEqual(5);
    expect(result.scores.relevance).toBeGreaterThan(8);
  });

  it("does not treat an answer in the candidate's own words as copied", () => {
    const result = scorer.score(anAnswer(LET_CONST_VAR, OWN_WORDS_LET_CONST));

    expect(result.flags).toEqual([]);
    expect(overall(result)).toBeGreaterThan(8);
  });

  it('lowers accuracy when a statement contradicts the reference', () => {
    const right =
      'var is function-scoped and hoisted. let and const are block-scoped. const prevents reassigning the binding, but an object it holds can still be mutated.';
    const wrong =
      'var is function-scoped and hoisted. let and const are block-scoped. const does not prevent reassigning the binding, but an object it holds can still be mutated.';

    const correct = scorer.score(anAnswer(LET_CONST_VAR, right));
    const contradicting = scorer.score(anAnswer(LET_CONST_VAR, wrong));

    expect(contradicting.flags).toContain('contradicts_reference');
    expect(contradicting.scores.accuracy).toBeLessThan(correct.scores.accuracy);
  });

  it('lowers clarity for an answer full of filler words', () => {
    const plain =
      'var is function scoped and hoisted. let and const are block scoped. const stops reassignment, but objects it holds can still change.';
    const filled =
      'um so basically var is, like, function scoped you know, and um let and const are basically block scoped and uh const, like, stops reassignment but you know objects it holds can still change um yeah.';

    expect(scorer.score(anAnswer(LET_CONST_VAR, filled)).scores.clarity).toBeLessThan(
      scorer.score(anAnswer(LET_CONST_VAR, plain)).scores.clarity - 1,
    );
  });

  it('returns the same result for the same input', () => {
    const answer = anAnswer(CASES[1].question, CASES[1].adequate);

    expect(new AnswerScorer().score(answer)).toEqual(scorer.score(answer));
  });

  it('keeps every dimension within 0..10 with one decimal', () => {
    for (const c of CASES) {
      for (const text of [c.excellent, c.adequate, c.offTopic, c.nonsense, c.parroting, '']) {
        for (const value of Object.values(scorer.score(anAnswer(c.question, text)).scores)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(10);
          expect(Math.round(value * 10) / 10).toBe(value);
        }
      }
    }
  });

  it('names matched and missed key points in the rationale', () => {
    const result = scorer.score(anAnswer(CASES[0].question, CASES[0].adequate));

    expect(result.matched_key_points.length).toBeGreaterThan(0);
    expect(result.missed_key_points.length).toBeGreaterThan(0);
    expect([...result.matched_key_points, ...result.missed_key_points].sort()).toEqual(
      [...CASES[0].question.keyPoints].sort(),
    );
    for (const point of [...result.matched_key_points, ...result.missed_key_points]) {
      expect(result.rationale).toContain(`"${point}"`);
    }
    expect(result.rationale).toMatch(/Covered \d of 5 key points/);
    expect(result.rationale).toContain('Missed:');
  });

  it('coaches on the missed key points and the weakest dimension', () => {
    const result = scorer.score(anAnswer(CASES[0].question, CASES[0].adequate));

    expect(result.coaching).toEqual(
      expect.arrayContaining([`Cover this point next time: ${result.missed_key_points[0]}.`]),
    );
    expect(result.coaching!.length).toBeGreaterThan(1);
  });

  it("uses the gold answer's sentences as key points when none are given", () => {
    const result = scorer.score(anAnswer(LET_CONST_VAR, OWN_WORDS_LET_CONST, { keyPoints: [] }));

    expect(result.matched_key_points.length + result.missed_key_points.length).toBe(4);
    expect(result.scores.completeness).toBeGreaterThan(5);
  });
});
