import {
  QUESTION_TYPES,
  type Difficulty,
  type DraftQuestion,
  type QuestionRequest,
  type QuestionType,
} from '../ai-provider';
import { fillPlaceholders, jobContext, type JobContext } from './job-context';
import { BEHAVIORAL_TEMPLATES } from './question-bank/behavioral-templates';
import { detectBankSkills, findSkillEntry, skillKey, type SkillBankEntry } from './question-bank';
import { SITUATIONAL_TEMPLATES } from './question-bank/situational-templates';
import { TECHNICAL_TEMPLATES } from './question-bank/technical-templates';
import type { QuestionTemplate } from './question-bank/template-types';
import { orderByHash } from './stable-hash';

export const MAX_OFFLINE_QUESTIONS = 50;
const MAX_SKILLS = 8;
const MAX_DETECTED_SKILLS = 5;
const MAX_RESUME_SKILLS = 3;

interface TargetSkill {
  // The name as the caller spelled it, echoed in skills_tested.
  name: string;
  entry?: SkillBankEntry;
}

const TEMPLATES_BY_TYPE: Record<Exclude<QuestionType, 'technical'>, readonly QuestionTemplate[]> = {
  behavioral: BEHAVIORAL_TEMPLATES,
  situational: SITUATIONAL_TEMPLATES,
};

export function normaliseQuestionText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();
}

// Deterministic question selection: the same request always yields the same questions in the
// same order. Bank questions come first for known skills; templates cover everything else.
export class OfflineQuestionGenerator {
  generate(req: QuestionRequest): DraftQuestion[] {
    const count = Math.max(0, Math.min(MAX_OFFLINE_QUESTIONS, Math.floor(req.count)));
    if (count === 0) {
      return [];
    }
    const skills = this.targetSkills(req);
    const context = jobContext(req);
    const seed = [req.jobTitle, req.jobDescription, ...skills.map((s) => s.name)].join('\u0000');
    const types = this.requestedTypes(req);
    const seen = new Set((req.excludeTexts ?? []).map(normaliseQuestionText));

    const pools = new Map<QuestionType, Iterator<DraftQuestion>>(
      types.map((type) => [type, this.candidates(type, skills, context, req.difficulty, seed)]),
    );
    const result: DraftQuestion[] = [];
    let exhausted = 0;
    for (let slot = 0; result.length < count && exhausted < types.length; slot += 1) {
      const type = types[slot % types.length];
      const next = this.nextUnseen(pools.get(type), seen);
      if (next) {
        result.push(next);
        exhausted = 0;
      } else {
        exhausted += 1;
      }
    }
    return result;
  }

  private requestedTypes(req: QuestionRequest): QuestionType[] {
    const requested = [...new Set(req.types)].filter((type) => QUESTION_TYPES.includes(type));
    return requested.length > 0 ? requested : [...QUESTION_TYPES];
  }

  private targetSkills(req: QuestionRequest): TargetSkill[] {
    const skills: TargetSkill[] = [];
    const add = (name: string, entry = findSkillEntry(name)): void => {
      const key = entry ? entry.skill : skillKey(name);
      if (
        name.trim() &&
        !skills.some((s) => (s.entry ? s.entry.skill : skillKey(s.name)) === key)
      ) {
        skills.push({ name: name.trim(), entry });
      }
    };
    req.skills.forEach((name) => add(name));
    if (req.resumeSummary) {
      detectBankSkills(req.resumeSummary)
        .slice(0, MAX_RESUME_SKILLS)
        .forEach((entry) => add(entry.skill, entry));
    }
    if (skills.length === 0) {
      detectBankSkills(`${req.jobTitle}\n${req.jobDescription}`)
        .slice(0, MAX_DETECTED_SKILLS)
        .forEach((entry) => add(entry.skill, entry));
    }
    if (skills.length === 0) {
      add(req.jobTitle.trim() || 'software engineering');
    }
    return skills.slice(0, MAX_SKILLS);
  }

  private nextUnseen(
    pool: Iterator<DraftQuestion> | undefined,
    seen: Set<string>,
  ): DraftQuestion | undefined {
    for (let step = pool?.next(); pool && step && !step.done; step = pool.next()) {
      const key = normaliseQuestionText(step.value.question_text);
      if (!seen.has(key)) {
        seen.add(key);
        return step.value;
      }
    }
    return undefined;
  }

  private *candidates(
    type: QuestionType,
    skills: TargetSkill[],
    context: JobContext,
    difficulty: Difficulty | undefined,
    seed: string,
  ): Generator<DraftQuestion> {
    if (type === 'technical') {
      yield* this.roundRobin(
        skills.map((skill) => this.technicalFor(skill, context, difficulty, seed)),
      );
    } else {
      yield* this.fromTemplates(type, skills, context, difficulty, seed);
    }
  }

  // Bank questions for one skill, shuffled deterministically and, when a difficulty is requested,
  // only at that level; then the generic technical templates for the same skill.
  private *technicalFor(
    skill: TargetSkill,
    context: JobContext,
    difficulty: Difficulty | undefined,
    seed: string,
  ): Generator<DraftQuestion> {
    const questions = (skill.entry?.questions ?? []).filter(
      (q) => !difficulty || q.difficulty === difficulty,
    );
    for (const question of orderByHash(questions, `${seed}|${skill.name}`, (q) => q.text)) {
      yield {
        question_text: question.text,
        question_type: 'technical',
        difficulty_level: question.difficulty,
        skills_tested: [skill.name],
        gold_standard_answer: question.gold,
        key_points: [...question.keyPoints],
      };
    }
    const templates = TECHNICAL_TEMPLATES.filter((t) => !difficulty || t.difficulty === difficulty);
    for (const template of orderByHash(templates, `${seed}|${skill.name}`, (t) => t.id)) {
      yield this.instantiate(template, skill, context, difficulty);
    }
  }

  // Templates spread over the skills: each round gives every template one skill, rotating so
  // consecutive questions name different skills. Templates at the requested difficulty come first.
  private *fromTemplates(
    type: Exclude<QuestionType, 'technical'>,
    skills: TargetSkill[],
    context: JobContext,
    difficulty: Difficulty | undefined,
    seed: string,
  ): Generator<DraftQuestion> {
    const ordered = orderByHash(TEMPLATES_BY_TYPE[type], `${seed}|${type}`, (t) => t.id);
    const templates = difficulty
      ? [
          ...ordered.filter((t) => t.difficulty === difficulty),
          ...ordered.filter((t) => t.difficulty !== difficulty),
        ]
      : ordered;
    for (let round = 0; round < skills.length; round += 1) {
      for (const [index, template] of templates.entries()) {
        const usesSkill = /\{skill\}/.test(template.text);
        if (!usesSkill && round > 0) {
          continue;
        }
        const skill = skills[(index + round) % skills.length];
        yield this.instantiate(template, skill, context, difficulty);
      }
    }
  }

  private instantiate(
    template: QuestionTemplate,
    skill: TargetSkill,
    context: JobContext,
    difficulty: Difficulty | undefined,
  ): DraftQuestion {
    const values = { role: context.role, domain: context.domain, skill: skill.name };
    const mentionsSkill = /\{skill\}/.test(template.text);
    const skillsTested = [
      ...(template.competency ? [template.competency] : []),
      ...(mentionsSkill || template.type === 'technical' ? [skill.name] : []),
    ];
    return {
      question_text: fillPlaceholders(template.text, values),
      question_type: template.type,
      // Behavioural and situational templates fit any level: a requested difficulty describes the
      // depth expected from the answer.
      difficulty_level: difficulty ?? template.difficulty,
      skills_tested: skillsTested,
      gold_standard_answer: fillPlaceholders(template.gold, values),
      key_points: template.keyPoints.map((point) => fillPlaceholders(point, values, false)),
    };
  }

  private *roundRobin<T>(sources: Array<Iterator<T>>): Generator<T> {
    const active = [...sources];
    while (active.length > 0) {
      for (let i = 0; i < active.length;) {
        const step = active[i].next();
        if (step.done) {
          active.splice(i, 1);
        } else {
          yield step.value;
          i += 1;
        }
      }
    }
  }
}
