import { monthIndex } from './resume-dates';
import { classifyRole, isTitle, type RoleContext } from './resume-roles';

const span = (from: [number, number], to: [number, number] | null) => ({
  start: monthIndex(...from),
  end: to ? monthIndex(...to) : null,
});

// Studied from September 2010 to June 2014.
const STUDIES = [span([2010, 9], [2014, 6])];

function role(overrides: Partial<RoleContext>): RoleContext {
  return {
    title: 'Software Engineer',
    organisation: ['Initech'],
    span: span([2015, 1], null),
    research: false,
    education: STUDIES,
    ...overrides,
  };
}

describe(classifyRole.name, () => {
  it.each([
    ['a job after graduating', role({})],
    [
      'a full-time job that started in the last semester',
      role({ span: span([2014, 2], [2016, 5]) }),
    ],
    ['a long job held while studying part time', role({ span: span([2011, 1], [2013, 12]) })],
    ['research after the degree', role({ title: 'Research Scientist', research: true })],
    ['a job when no education is known', role({ title: 'Teacher', education: [] })],
  ])('counts %s', (_label, context) => {
    expect(classifyRole(context)).toBe(true);
  });

  it.each([
    ['an internship', role({ title: 'Software Engineering Intern' })],
    ['a co-op', role({ title: 'Co-op Engineer' })],
    ['a teaching assistantship', role({ title: 'Teaching Assistant' })],
    ['a research assistantship', role({ title: 'Research and Teaching Assistant' })],
    ['volunteering', role({ title: 'Volunteer Coach' })],
    ['a student ambassador', role({ title: 'Student Ambassador' })],
    [
      'student research',
      role({ title: 'Researcher', research: true, span: span([2013, 1], [2014, 1]) }),
    ],
    [
      'a role in a student team',
      role({
        title: 'Embedded Lead',
        organisation: ['Robotics Team'],
        span: span([2012, 8], [2014, 5]),
      }),
    ],
    [
      'a role at the university while studying',
      role({
        title: 'Web Developer',
        organisation: ['Lakeside University'],
        span: span([2012, 1], [2013, 12]),
      }),
    ],
    [
      'a summer job while studying',
      role({ title: 'Data Scientist', span: span([2012, 6], [2012, 8]) }),
    ],
  ])('leaves out %s', (_label, context) => {
    expect(classifyRole(context)).toBe(false);
  });
});

describe(isTitle.name, () => {
  it.each([
    'Co-Founder & CTO',
    'Member of Technical Staff',
    'President & CEO',
    'SRE',
    'Open Source Contributor',
  ])('reads %p as a job title', (part) => {
    expect(isTitle(part)).toBe(true);
  });

  it.each(['Google DeepMind', 'Misc Companies', 'Yahoo!', 'Kestrel Works', 'NVIDIA Research'])(
    'reads %p as a name, not a title',
    (part) => {
      expect(isTitle(part)).toBe(false);
    },
  );
});
