import { ApiProperty } from '@nestjs/swagger';
import { SKILL_CATEGORIES } from '../skills/skill-taxonomy';

// Skills the taxonomy does not place in a category.
export const UNCATEGORISED = 'other';

export class KnowledgeSkillResponse {
  @ApiProperty({ example: 'PostgreSQL' }) name: string;
  @ApiProperty({ example: 'postgresql', description: 'Normalised key used for matching' })
  key: string;
  @ApiProperty({ description: 'How often the résumé mentions it' }) mentions: number;
}

export class KnowledgeCategoryResponse {
  @ApiProperty({ enum: [...SKILL_CATEGORIES, UNCATEGORISED] }) category: string;
  @ApiProperty({ type: [KnowledgeSkillResponse] }) skills: KnowledgeSkillResponse[];
}

export class KnowledgeSetResponse {
  @ApiProperty({ format: 'uuid' }) resume_id: string;
  @ApiProperty({ nullable: true, type: Number }) experience_years: number | null;
  @ApiProperty({ nullable: true, type: String }) experience_level: string | null;
  @ApiProperty() skill_count: number;
  @ApiProperty({ type: [KnowledgeCategoryResponse], description: 'In taxonomy order' })
  categories: KnowledgeCategoryResponse[];
  @ApiProperty({ format: 'date-time' }) computed_at: string;
  @ApiProperty({ description: 'True when served from the cache for this file content' })
  cached: boolean;
}
