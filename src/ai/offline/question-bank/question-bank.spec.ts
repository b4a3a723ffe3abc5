import { DIFFICULTIES } from '../../ai-provider';
import { answerEvidence, matchKeyPoint } from '../key-point-matcher';
import { BEHAVIORAL_TEMPLATES } from './behavioral-templates';
import { SITUATIONAL_TEMPLATES } from './situational-templates';
import { TECHNICAL_TEMPLATES } from './technical-templates';
import { QUESTION_BANK, detectBankSkills, findSkillEntry } from '.';

const sentenceCount = (text: string): number =>
  text.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length;

describe('question bank', () => {
  const allQuestions = QUESTION_BANK.flatMap((entry) =>
    entry.questions.map((question) => ({ skill: entry.skill, ...question })),
  );
  const allTemplates = [...BEHAVIORAL_TEMPLATES, ...SITUATIONAL_TEMPLATES, ...TECHNICAL_TEMPLATES];

  it('covers at least 60 skills, each at every difficulty', () => {
    expect(QUESTION_BANK.length).toBeGreaterThanOrEqual(60);
    for (const entry of QUESTION_BANK) {
      expect(new Set(entry.questions.map((q) => q.difficulty))).toEqual(new Set(DIFFICULTIES));
    }
  });

  it('gives every question a 3–6 sentence gold answer and 3–6 key points', () => {
    for (const question of allQuestions) {
      expect(sentenceCount(question.gold)).toBeGreaterThanOrEqual(3);
      expect(sentenceCount(question.gold)).toBeLessThanOrEqual(6);
      expect(question.keyPoints.length).toBeGreaterThanOrEqual(3);
      expect(question.keyPoints.length).toBeLessThanOrEqual(6);
    }
  });

  it('has no duplicate question texts or template ids', () => {
    const texts = allQuestions.map((q) => q.text);
    expect(new Set(texts).size).toBe(texts.length);
    const ids = allTemplates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  // Keeps the data honest: a key point the scorer cannot find in its own gold answer would be
  // missed in every candidate's answer too.
  it('recognises every key point in its own gold answer', () => {
    const unmatched = [...allQuestions, ...allTemplates].flatMap((question) => {
      const evidence = answerEvidence(question.gold);
      return question.keyPoints.filter((point) => !matchKeyPoint(point, evidence).matched);
    });

    expect(unmatched).toEqual([]);
  });

  it.each([
    ['kubernetes', 'Kubernetes'],
    ['K8s', 'Kubernetes'],
    ['AWS', 'Amazon Web Services'],
    ['GCP', 'Google Cloud'],
    ['Azure', 'Microsoft Azure'],
    ['postgres', 'PostgreSQL'],
    ['Golang', 'Go'],
    ['c#', 'C#'],
    ['.NET', '.NET'],
    ['iOS/Swift', 'Swift'],
    ['Android/Kotlin', 'Kotlin'],
    ['Ruby/Rails', 'Ruby on Rails'],
    ['CI/CD', 'CI/CD'],
    ['Kubernetes (K8s)', 'Kubernetes'],
  ])('finds %s as %s', (name, skill) => {
    expect(findSkillEntry(name)?.skill).toBe(skill);
  });

  it('returns nothing for a skill it does not know', () => {
    expect(findSkillEntry('Quantum Annealing')).toBeUndefined();
  });

  it('detects skills in prose without mistaking everyday words for languages', () => {
    const found = detectBankSkills(
      'We go fast: our C# and .NET services talk to Kafka, and we rust-proof our Spring release with tests.',
    ).map((e) => e.skill);

    expect(found).toEqual(['C#', '.NET', 'Apache Kafka']);
  });
});
