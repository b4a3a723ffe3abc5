import { inCategory } from '../skill-definition';

export const METHODOLOGY_SKILLS = inCategory('methodology', [
  {
    name: 'Agile',
    aliases: [
      'Agile methodologies',
      'Agile methodology',
      'agile development',
      'agile software development',
    ],
  },
  { name: 'Scrum', aliases: ['Scrum Master'] },
  { name: 'Kanban', aliases: [] },
  { name: 'Lean', aliases: ['Lean methodology', 'lean startup'], wordForms: ['Lean'] },
  { name: 'Waterfall', aliases: ['waterfall model'], wordForms: ['Waterfall'] },
  { name: 'SAFe', aliases: ['Scaled Agile Framework'], wordForms: ['SAFe'] },
  { name: 'Extreme Programming', aliases: ['XP'], listForms: ['XP'] },
  { name: 'Pair Programming', aliases: ['pairing', 'mob programming'] },
  { name: 'Six Sigma', aliases: ['Lean Six Sigma'] },
  { name: 'ITIL', aliases: [] },
  { name: 'PRINCE2', aliases: [] },
  { name: 'PMP', aliases: ['Project Management Professional'] },
  { name: 'OKRs', aliases: ['OKR', 'objectives and key results'] },
  { name: 'Design Thinking', aliases: [] },
  { name: 'Project Management', aliases: ['project planning', 'program management'] },
  {
    name: 'Product Management',
    aliases: ['product ownership', 'product roadmap', 'product strategy'],
  },
  {
    name: 'Requirements Gathering',
    aliases: ['requirements analysis', 'requirements engineering', 'business analysis'],
  },
  { name: 'Risk Management', aliases: ['risk assessment'] },
  { name: 'Marketing', aliases: ['digital marketing', 'growth marketing'] },
  { name: 'Change Management', aliases: [] },
  { name: 'Software Development Life Cycle', aliases: ['SDLC'] },
  { name: 'Release Management', aliases: ['release engineering'] },
  { name: 'Technical Debt Management', aliases: ['refactoring'] },
]);
