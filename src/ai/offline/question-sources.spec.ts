import type { DraftQuestion } from '../ai-provider';
import { answerEvidence, matchKeyPoint } from './key-point-matcher';
import { PracticeQuestionGenerator, PRACTICE_TEMPLATES } from './practice-question-generator';
import { QUESTION_BANK } from './question-bank';
import { BEHAVIORAL_TEMPLATES } from './question-bank/behavioral-templates';
import { SITUATIONAL_TEMPLATES } from './question-bank/situational-templates';
import { TECHNICAL_TEMPLATES } from './question-bank/technical-templates';
import { normaliseQuestionText, OfflineQuestionGenerator } from './question-generator';

// Placeholders are compared as one token, so "{skill}" in one template and "{role}" in another
// still count as the same wording.
const shape = (text: string): string =>
  normaliseQuestionText(text.replace(/\{\w+\}/g, ' placeholder '));

const SCREENING_SOURCES = [
  ...QUESTION_BANK.flatMap((entry) => entry.questions),
  ...TECHNICAL_TEMPLATES,
  ...BEHAVIORAL_TEMPLATES,
  ...SITUATIONAL_TEMPLATES,
];

const texts = (questions: DraftQuestion[]) => new Set(questions.map((q) => shape(q.question_text)));
const keyPoints = (questions: DraftQuestion[]) =>
  new Set(questions.flatMap((q) => q.key_points.map(shape)));
const shared = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x));

describe('13.7 practice and screening question sources', () => {
  const screening = new OfflineQuestionGenerator();
  const practice = new PracticeQuestionGenerator();

  it('13.7 templates: no practice text, gold answer or key point appears in the screening bank', () => {
    const screeningTexts = new Set(SCREENING_SOURCES.map((q) => shape(q.text)));
    const screeningGold = new Set(SCREENING_SOURCES.map((q) => shape(q.gold)));
    const screeningPoints = new Set(SCREENING_SOURCES.flatMap((q) => q.keyPoints.map(shape)));

    expect(PRACTICE_TEMPLATES.filter((t) => screeningTexts.has(shape(t.text)))).toEqual([]);
    expect(PRACTICE_TEMPLATES.filter((t) => screeningGold.has(shape(t.gold)))).toEqual([]);
    expect(
      PRACTICE_TEMPLATES.flatMap((t) => t.keyPoints).filter((p) => screeningPoints.has(shape(p))),
    ).toEqual([]);
  });

  it.each([
    [['PostgreSQL']],
    [['Kubernetes', 'React', 'TypeScript']],
    [['Quantum Annealing', 'Docker']],
  ])('13.7 generating both for %j shares no question text or key point', (skills: string[]) => {
    const asked = screening.generate({
      jobTitle: `${skills[0]} engineer`,
      jobDescription: `Work with ${skills.join(', ')}.`,
      skills,
      count: 50,
      types: [],
    });
    const practised = [undefined, 'easy', 'medium', 'hard'].flatMap((difficulty) =>
      practice.generate({ skills, count: 50, difficulty: difficulty as never }),
    );

    expect(asked.length).toBeGreaterThan(20);
    expect(practised.length).toBeGreaterThan(20);
    expect(shared(texts(practised), texts(asked))).toEqual([]);
    expect(shared(keyPoints(practised), keyPoints(asked))).toEqual([]);
  });

  it('gives one practice track enough questions to fill a practice interview (30)', () => {
    const questions = practice.generate({ skills: ['Product management'], count: 50 });
    const distinct = new Set(questions.map((q) => normaliseQuestionText(q.question_text)));

    expect(distinct.size).toBe(questions.length);
    expect(questions.length).toBeGreaterThanOrEqual(30);
    expect(new Set(questions.map((q) => q.question_type))).toEqual(
      new Set(['technical', 'behavioral', 'situational']),
    );
  });

  it('names the track in practice questions and leaves no placeholder unfilled', () => {
    const questions = practice.generate({ skills: ['Rust', 'SQL'], count: 20 });

    expect(questions.filter((q) => q.question_text.includes('Rust')).length).toBeGreaterThan(5);
    for (const q of questions) {
      expect([q.question_text, q.gold_standard_answer, ...q.key_points].join(' ')).not.toMatch(
        /[{}]/,
      );
      expect(q.skills_tested.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic and skips the texts it is told to exclude', () => {
    const first = practice.generate({ skills: ['Go'], count: 6 });
    const again = practice.generate({
      skills: ['Go'],
      count: 6,
      excludeTexts: first.slice(0, 3).map((q) => q.question_text),
    });

    expect(practice.generate({ skills: ['Go'], count: 6 })).toEqual(first);
    expect(shared(texts(again), texts(first.slice(0, 3)))).toEqual([]);
    expect(again).toHaveLength(6);
  });

  // A key point the scorer cannot find in its own gold answer would be missed in every answer.
  it('recognises every practice key point in its own gold answer', () => {
    const unmatched = PRACTICE_TEMPLATES.flatMap((template) => {
      const evidence = answerEvidence(template.gold);
      return template.keyPoints.filter((point) => !matchKeyPoint(point, evidence).matched);
    });

    expect(unmatched).toEqual([]);
  });
});
