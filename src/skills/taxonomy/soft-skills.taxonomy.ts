import { inCategory } from '../skill-definition';

export const SOFT_SKILLS = inCategory('soft-skill', [
  {
    name: 'Leadership',
    aliases: ['team leadership', 'technical leadership', 'tech lead', 'Leader'],
    // "Team Leader" in a job title is the title, not a claimed skill.
    wordForms: ['Leader'],
  },
  {
    name: 'Communication',
    aliases: ['communication skills', 'verbal communication', 'written communication'],
  },
  { name: 'Teamwork', aliases: ['team player', 'collaboration'] },
  { name: 'Mentoring', aliases: ['mentorship', 'coaching', 'mentored'] },
  { name: 'Problem Solving', aliases: ['problem-solving', 'problem solver'] },
  { name: 'Critical Thinking', aliases: [] },
  { name: 'Analytical Skills', aliases: ['analytical thinking'] },
  { name: 'Time Management', aliases: ['prioritization', 'prioritisation'] },
  { name: 'Public Speaking', aliases: ['presentation skills', 'conference talks'] },
  { name: 'Negotiation', aliases: ['negotiating'] },
  { name: 'Conflict Resolution', aliases: [] },
  { name: 'Adaptability', aliases: ['flexibility'] },
  {
    name: 'Cross-Functional Collaboration',
    aliases: ['cross-functional teams', 'cross functional teams', 'cross-functional'],
  },
  { name: 'Customer Service', aliases: ['customer support', 'client relations'] },
  {
    name: 'People Management',
    aliases: ['team management', 'managing teams', 'line management', 'engineering management'],
  },
  { name: 'Interviewing', aliases: ['technical interviewing', 'recruiting', 'hiring'] },
  { name: 'Stakeholder Management', aliases: ['stakeholder communication'] },
  { name: 'Attention to Detail', aliases: ['detail-oriented', 'detail oriented'] },
  { name: 'Decision Making', aliases: ['decision-making'] },
  { name: 'Strategic Thinking', aliases: ['strategic planning'] },
  { name: 'Emotional Intelligence', aliases: ['EQ', 'empathy'] },
  { name: 'Creativity', aliases: ['creative problem solving'] },
  { name: 'Self-Motivation', aliases: ['self-motivated', 'self-starter'] },
]);
