// Coarse statuses (the seed vocabulary) follow from the fine-grained stage, never the reverse.
export const APPLICATION_STATUSES = [
  'Applied',
  'Under Review',
  'Interview Scheduled',
  'Selected',
  'Rejected',
  'Withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface StageDefinition {
  key: string;
  name: string;
  status: ApplicationStatus;
  sla_days: number | null;
}

// Outcomes exist in every pipeline and cannot be redefined.
export const OUTCOME_STAGES: StageDefinition[] = [
  { key: 'rejected', name: 'Rejected', status: 'Rejected', sla_days: null },
  { key: 'withdrawn', name: 'Withdrawn', status: 'Withdrawn', sla_days: null },
];

export const DEFAULT_STAGES: StageDefinition[] = [
  { key: 'applied', name: 'Applied', status: 'Applied', sla_days: 7 },
  { key: 'screening', name: 'Screening', status: 'Under Review', sla_days: 7 },
  { key: 'interview', name: 'Interview', status: 'Interview Scheduled', sla_days: 14 },
  { key: 'offer', name: 'Offer', status: 'Selected', sla_days: 7 },
  { key: 'hired', name: 'Hired', status: 'Selected', sla_days: null },
];

// Stages an application cannot leave by an ordinary move (unreject is its own action).
export const TERMINAL_STAGES = new Set(['rejected', 'withdrawn', 'hired']);

export function stageForStatus(
  stages: StageDefinition[],
  status: ApplicationStatus,
): StageDefinition | undefined {
  return [...stages, ...OUTCOME_STAGES].find((s) => s.status === status);
}
