import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

// Examples a client generator or "Try it out" needs, where a property's own declaration gives
// none: ids, dates, e-mail addresses and enums get a well-formed value of their kind, and the
// wire fields that recur across the API (a snake_case name means the same thing in every schema)
// one consistent value each.
export const UUID_EXAMPLE = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';

const BY_FORMAT: Record<string, unknown> = {
  uuid: UUID_EXAMPLE,
  'date-time': '2026-03-02T09:30:00.000Z',
  date: '2026-03-02',
  email: 'ada.lovelace@example.com',
  uri: 'https://example.com/hooks/panelist',
};

const EMAIL_FIELDS = new Set(['email', 'applicant_email']);

const BY_NAME: Record<string, string | number | boolean | string[]> = {
  email: 'ada.lovelace@example.com',
  applicant_email: 'ada.lovelace@example.com',
  username: 'ada.lovelace',
  password: 'violet-harbour-kettle-93',
  current_password: 'violet-harbour-kettle-93',
  new_password: 'amber-falcon-orchard-57',
  full_name: 'Ada Lovelace',
  applicant_name: 'Ada Lovelace',
  phone: '+44 20 7946 0000',
  applicant_phone: '+44 20 7946 0000',
  title: 'Senior Backend Engineer',
  company: 'Analytical Engines Ltd',
  current_company: 'Analytical Engines Ltd',
  current_position: 'Backend Engineer',
  location: 'Lisbon, Portugal',
  department: 'Platform',
  salary_range: '70000-90000 EUR',
  experience_years: 6.5,
  skills: ['TypeScript', 'PostgreSQL', 'Kubernetes'],
  skills_required: ['TypeScript', 'PostgreSQL'],
  skills_nice_to_have: ['Kubernetes'],
  matched_skills: ['TypeScript', 'PostgreSQL'],
  missing_skills: ['Kubernetes'],
  skills_tested: ['PostgreSQL'],
  question_text: 'How would you find and fix a slow PostgreSQL query?',
  answer_text: 'I would start with EXPLAIN ANALYZE to see where the time goes, then…',
  gold_standard_answer:
    'Measure first (EXPLAIN ANALYZE, pg_stat_statements), then fix the plan: an index, a rewrite…',
  key_points: ['Measures before changing anything', 'Reads the query plan', 'Checks indexes'],
  stage: 'screening',
  from_stage: 'applied',
  to_stage: 'screening',
  reason: 'Strong phone screen',
  comment: 'Clear and correct',
  notes: 'Good system design discussion; weaker on SQL tuning.',
  cover_letter: 'I have built hiring tools for six years and would love to…',
  source: 'careers_page',
  next_cursor: 'WyIyMDI2LTAzLTAyVDA5OjMwOjAwLjAwMFoiLCIzZjFkMmM0YiJd',
  cursor: 'WyIyMDI2LTAzLTAyVDA5OjMwOjAwLjAwMFoiLCIzZjFkMmM0YiJd',
  limit: 20,
  policy_version: '2026-01',
  duration_minutes: 45,
  sla_days: 7,
  rating: 4,
  overall_score: 7.8,
};

function exampleOf(name: string | undefined, schema: SchemaObject): unknown {
  if (schema.enum && schema.enum.length > 0) {
    return schema.enum[0];
  }
  if (typeof schema.format === 'string' && BY_FORMAT[schema.format] !== undefined) {
    return BY_FORMAT[schema.format];
  }
  const byName = name === undefined ? undefined : BY_NAME[name];
  const fits = Array.isArray(byName)
    ? schema.type === 'array'
    : typeof byName === jsonType(schema.type);
  return fits ? byName : undefined;
}

function jsonType(type: SchemaObject['type']): string | undefined {
  if (type === 'integer' || type === 'number') {
    return 'number';
  }
  return type === 'string' || type === 'boolean' ? type : undefined;
}

export function fillExamples(
  schema: SchemaObject | ReferenceObject | undefined,
  name?: string,
): void {
  if (!schema || '$ref' in schema) {
    return;
  }
  if (name !== undefined && EMAIL_FIELDS.has(name) && schema.type === 'string') {
    schema.format ??= 'email';
  }
  if (schema.example === undefined && schema.examples === undefined) {
    const example = exampleOf(name, schema);
    if (example !== undefined) {
      schema.example = example;
    }
  }
  for (const [property, child] of Object.entries(schema.properties ?? {})) {
    fillExamples(child, property);
  }
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
    fillExamples(part);
  }
  fillExamples(schema.items);
}
