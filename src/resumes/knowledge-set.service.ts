import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/policy.decorators';
import { ConflictProblem, NotFoundProblem } from '../common/errors/domain.exception';
import { SKILL_CATEGORIES } from '../skills/skill-taxonomy';
import { countSkillMentions, getSkillDefinition, skillKey } from '../skills/skill-normalizer';
import { Resume } from './entities/resume.entity';
import { ResumeKnowledgeSet } from './entities/resume-knowledge-set.entity';
import type { KnowledgeCategory, KnowledgeSkill } from './entities/resume-knowledge-set.entity';
import { stripContactDetails } from './parsing/resume-parser';
import { KnowledgeSetResponse, UNCATEGORISED } from './knowledge-set.presenter';
import { ResumeRepository } from './resume.repository';
import { ResumesService } from './resumes.service';

// Bump when the derivation below changes: cached rows of an older version are recomputed.
const KNOWLEDGE_SET_VERSION = 1;

// Groups the skills of a résumé by taxonomy category with mention counts. Derived from the text,
// which is decrypted only here, and cached per file content hash (the same bytes uploaded again,
// by anyone, reuse the row).
export function deriveKnowledge(text: string, listedSkills: string[]): KnowledgeCategory[] {
  const mentions = countSkillMentions(stripContactDetails(text));
  const names = [...new Set([...listedSkills, ...mentions.keys()])];
  const byCategory = new Map<string, KnowledgeSkill[]>();
  for (const name of names) {
    const category = getSkillDefinition(name)?.category ?? UNCATEGORISED;
    const skills = byCategory.get(category) ?? [];
    skills.push({ name, key: skillKey(name), mentions: mentions.get(name) ?? 0 });
    byCategory.set(category, skills);
  }
  return [...SKILL_CATEGORIES, UNCATEGORISED]
    .filter((category) => byCategory.has(category))
    .map((category) => ({ category, skills: byCategory.get(category)! }));
}

@Injectable()
export class KnowledgeSetService {
  constructor(
    private readonly repository: ResumeRepository,
    private readonly resumes: ResumesService,
  ) {}

  async forViewer(viewer: AuthUser): Promise<KnowledgeSetResponse> {
    const resume = await this.resumes.latestOf(viewer);
    if (!resume) {
      throw new NotFoundProblem('Resume');
    }
    if (resume.parsingStatus === 'pending') {
      throw new ConflictProblem(
        'RESUME_NOT_PARSED',
        'Your résumé is still being read; try again shortly',
      );
    }
    if (resume.parsingStatus === 'failed' || !resume.text) {
      throw new ConflictProblem(
        'RESUME_PARSE_FAILED',
        resume.parseError ?? 'Your résumé could not be read',
      );
    }
    let row = await this.repository.findKnowledgeSet(resume.contentHash);
    const cached = row?.version === KNOWLEDGE_SET_VERSION;
    if (!row || !cached) {
      row = await this.compute(resume, resume.text);
    }
    return {
      resume_id: resume.id,
      experience_years: resume.experienceYears,
      experience_level: resume.experienceLevel,
      skill_count: row.skillCount,
      categories: row.categories,
      computed_at: row.computedAt.toISOString(),
      cached,
    };
  }

  private async compute(resume: Resume, text: string): Promise<ResumeKnowledgeSet> {
    const categories = deriveKnowledge(text, resume.skills);
    const row: ResumeKnowledgeSet = {
      contentHash: resume.contentHash,
      version: KNOWLEDGE_SET_VERSION,
      categories,
      skillCount: categories.reduce((sum, c) => sum + c.skills.length, 0),
      computedAt: new Date(),
    };
    await this.repository.saveKnowledgeSet(row);
    return row;
  }
}
