// Every message Panelist sends, and the variables its template may use. A template that names
// anything else is refused when an admin saves it (400), so a typo cannot reach a recipient.
export const TEMPLATE_KEYS = [
  'verify_email',
  'password_reset',
  'application_received',
  'interview_invitation',
  'interview_updated',
  'interview_cancelled',
  'interview_reminder',
  'application_rejected',
  'gdpr_export_ready',
  'gdpr_erasure_done',
  'interview_completed',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

// Present in every template's variables.
const COMMON = ['app_name', 'public_url', 'recipient_name'] as const;

const INTERVIEW = [
  'job_title',
  'company',
  'scheduled_at',
  'duration_minutes',
  'mode',
  'interview_url',
] as const;

export const TEMPLATE_VARIABLES: Record<TemplateKey, readonly string[]> = {
  verify_email: [...COMMON, 'verify_url', 'expires_hours'],
  password_reset: [...COMMON, 'reset_url', 'expires_minutes'],
  application_received: [...COMMON, 'job_title', 'company', 'applied_at'],
  interview_invitation: [...COMMON, ...INTERVIEW],
  interview_updated: [...COMMON, ...INTERVIEW],
  interview_cancelled: [...COMMON, 'job_title', 'company', 'scheduled_at'],
  interview_reminder: [...COMMON, ...INTERVIEW, 'unsubscribe_url'],
  application_rejected: [
    ...COMMON,
    'job_title',
    'company',
    'reason',
    'reason_type',
    'candidate_declined',
  ],
  gdpr_export_ready: [...COMMON, 'export_id', 'expires_at', 'status_url'],
  gdpr_erasure_done: [...COMMON, 'request_id', 'completed_at'],
  interview_completed: [
    ...COMMON,
    'candidate_name',
    'job_title',
    'interview_id',
    'completed_at',
    'results_url',
  ],
};

// Recruiters may word these two per job (a job's own invitation and rejection note).
export const JOB_OVERRIDABLE: readonly TemplateKey[] = [
  'interview_invitation',
  'application_rejected',
];

export function isTemplateKey(value: string): value is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(value);
}

export type TemplateVariables = Record<string, string | number | null>;
