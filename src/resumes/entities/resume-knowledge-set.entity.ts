import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface KnowledgeSkill {
  name: string;
  key: string;
  mentions: number;
}

export interface KnowledgeCategory {
  category: string;
  skills: KnowledgeSkill[];
}

// Normalised skills derived from one résumé file, keyed by the SHA-256 of its bytes so the same
// content is analysed once. Skill names only (no contact data), so it stays in clear.
@Entity({ name: 'resume_knowledge_sets' })
export class ResumeKnowledgeSet {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  contentHash: string;

  // Bumped when the derivation changes, so older rows are recomputed instead of served.
  @Column({ type: 'smallint' })
  version: number;

  @Column({ type: 'jsonb', default: '[]' })
  categories: KnowledgeCategory[];

  @Column({ type: 'integer' })
  skillCount: number;

  @Column({ type: 'timestamptz' })
  computedAt: Date;
}
