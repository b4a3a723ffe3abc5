import {
  QUESTION_TYPES,
  type Difficulty,
  type DraftQuestion,
  type QuestionType,
} from '../ai-provider';
import { fillPlaceholders } from './job-context';
import { PRACTICE_CONVERSATION_TEMPLATES } from './question-bank/practice-conversation-templates';
import { PRACTICE_TECHNICAL_TEMPLATES } from './question-bank/practice-technical-templates';
import type { QuestionTemplate } from './question-bank/template-types';
import { normaliseQuestionText } from './question-generator';
import { orderByHash } from './stable-hash';

export const MAX_PRACTICE_DRAFTS = 50;

export interface PracticeQuestionRequest {
  // The practice track first, then any profile skills.
  skills: string[];
  count: number;
  difficulty?: Difficulty;
  excludeTexts?: string[];
}

// Every practice template, and nothing else: the screening question bank and templates are not
// reachable from here, so a practice question or key point can never be a job's.
export const PRACTICE_TEMPLATES: readonly QuestionTemplate[] = [
  ...PRACTICE_TECHNICAL_TEMPLATES,
  ...PRACTICE_CONVERSATION_TEMPLATES,
];

const SKILL_PLACEHOLDER = /\{skill\}/;

// Deterministic practice questions: the same skills give the same questions in the same order,
// types taken in turn, templates at the requested difficulty first.
export class PracticeQuestionGenerator {
  generate(req: PracticeQuestionRequest): DraftQuestion[] {
    const count = Math.max(0, Math.min(MAX_PRACTICE_DRAFTS, Math.floor(req.count)));
    const skills = this.distinctSkills(req.skills);
    if (count === 0 || skills.length === 0) {
      return [];
    }
    const seen = new Set((req.excludeTexts ?? []).map(normaliseQuestionText));
    const seed = skills.join('\u0000');
    const pools = QUESTION_TYPES.map((type) => this.candidates(type, skills, req.difficulty, seed));
    const result: DraftQuestion[] = [];
    let exhausted = 0;
    for (let slot = 0; result.length < count && exhausted < pools.length; slot += 1) {
      const next = this.nextUnseen(pools[slot % pools.length], seen);
      if (next) {
        result.push(next);
        exhausted = 0;
      } else {
        exhausted += 1;
      }
    }
    return result;
  }

  private distinctSkills(names: string[]): string[] {
    const keys = new Set<string>();
    return names
      .map((name) => name.trim())
      .filter((name) => name && !keys.has(name.toLowerCase()) && keys.add(name.toLowerCase()));
  }

  private nextUnseen(pool: Iterator<DraftQuestion>, seen: Set<string>): DraftQuestion | undefined {
    for (let step = pool.next(); !step.done; step = pool.next()) {
      const key = normaliseQuestionText(step.value.question_text);
      if (!seen.has(key)) {
        seen.add(key);
        return step.value;
      }
    }
    return undefined;
  }

  // Each round gives every template one skill, rotating so consecutive questions name different
  // skills; templates that name no skill are asked once.
  private *candidates(
    type: QuestionType,
    skills: string[],
    difficulty: Difficulty | undefined,
    seed: string,
  ): Generator<DraftQuestion> {
    const ordered = orderByHash(
      PRACTICE_TEMPLATES.filter((t) => t.type === type),
      `${seed}|${type}`,
      (t) => t.id,
    );
    const templates = difficulty
      ? [
          ...ordered.filter((t) => t.difficulty === difficulty),
          ...ordered.filter((t) => t.difficulty !== difficulty),
        ]
      : ordered;
    for (let round = 0; round < skills.length; round += 1) {
      for (const [index, template] of templates.entries()) {
        if (round > 0 && !SKILL_PLACEHOLDER.test(template.text)) {
          continue;
        }
        yield this.instantiate(template, skills[(index + round) % skills.length], difficulty);
      }
    }
  }

  private instantiate(
    template: QuestionTemplate,
    skill: string,
    difficulty: Difficulty | undefined,
  ): DraftQuestion {
    const values = { skill };
    const namesSkill = SKILL_PLACEHOLDER.test(template.text);
    return {
      question_text: fillPlaceholders(template.text, values),
      question_type: template.type,
      difficulty_level: difficulty ?? template.difficulty,
      skills_tested: [
        ...(template.competency ? [template.competency] : []),
        ...(namesSkill ? [skill] : []),
      ],
      gold_standard_answer: fillPlaceholders(template.gold, values),
      key_points: template.keyPoints.map((point) => fillPlaceholders(point, values, false)),
    };
  }
}
