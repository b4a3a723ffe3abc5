import { inCategory } from '../skill-definition';

export const DESIGN_SKILLS = inCategory('design', [
  { name: 'Figma', aliases: ['FigJam'] },
  { name: 'Sketch', aliases: ['Sketch app'], wordForms: ['Sketch'] },
  { name: 'Adobe Photoshop', aliases: ['Photoshop'] },
  { name: 'Adobe Illustrator', aliases: ['Illustrator'], wordForms: ['Illustrator'] },
  { name: 'Adobe XD', aliases: [] },
  { name: 'InVision', aliases: [] },
  { name: 'UI Design', aliases: ['user interface design', 'interface design', 'visual design'] },
  { name: 'UX Design', aliases: ['UX', 'user experience design', 'UI/UX', 'UX/UI'] },
  { name: 'User Research', aliases: ['UX research', 'usability testing'] },
  { name: 'Wireframing', aliases: ['wireframes', 'prototyping', 'mockups'] },
  { name: 'Responsive Design', aliases: ['responsive web design', 'mobile-first design'] },
  { name: 'Accessibility', aliases: ['a11y', 'WCAG', 'web accessibility'] },
  { name: 'Design Systems', aliases: ['design system', 'component libraries'] },
]);
