import type { SkillDefinition } from './skill-definition';
import { CLOUD_SKILLS } from './taxonomy/cloud.taxonomy';
import { DATA_SKILLS } from './taxonomy/data.taxonomy';
import { DATABASE_SKILLS } from './taxonomy/databases.taxonomy';
import { DESIGN_SKILLS } from './taxonomy/design.taxonomy';
import { DEVOPS_SKILLS } from './taxonomy/devops.taxonomy';
import { ENGINEERING_SKILLS } from './taxonomy/engineering.taxonomy';
import { FRAMEWORK_SKILLS } from './taxonomy/frameworks.taxonomy';
import { LANGUAGE_SKILLS } from './taxonomy/languages.taxonomy';
import { METHODOLOGY_SKILLS } from './taxonomy/methodologies.taxonomy';
import { ML_SKILLS } from './taxonomy/ml.taxonomy';
import { MOBILE_SKILLS } from './taxonomy/mobile.taxonomy';
import { PRACTICE_SKILLS } from './taxonomy/practices.taxonomy';
import { SECURITY_SKILLS } from './taxonomy/security.taxonomy';
import { SOFT_SKILLS } from './taxonomy/soft-skills.taxonomy';
import { TESTING_SKILLS } from './taxonomy/testing.taxonomy';
import { TOOL_SKILLS } from './taxonomy/tools.taxonomy';

export type { SkillCategory, SkillDefinition } from './skill-definition';
export { SKILL_CATEGORIES } from './skill-definition';

export const SKILL_TAXONOMY: readonly SkillDefinition[] = Object.freeze([
  ...LANGUAGE_SKILLS,
  ...FRAMEWORK_SKILLS,
  ...MOBILE_SKILLS,
  ...DATABASE_SKILLS,
  ...CLOUD_SKILLS,
  ...DEVOPS_SKILLS,
  ...DATA_SKILLS,
  ...ML_SKILLS,
  ...TESTING_SKILLS,
  ...SECURITY_SKILLS,
  ...TOOL_SKILLS,
  ...ENGINEERING_SKILLS,
  ...DESIGN_SKILLS,
  ...PRACTICE_SKILLS,
  ...METHODOLOGY_SKILLS,
  ...SOFT_SKILLS,
]);
