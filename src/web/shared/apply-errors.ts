// How the application form reads the API's refusals (POST /api/jobs/:id/applications): one
// catalogue key per form field. Shared by the server-rendered form and its script, so the page
// says the same thing with and without JavaScript.

export interface ApiProblem {
  status?: number;
  code?: string;
  errors?: { field: string; message: string }[];
}

export type ApplyField =
  | 'applicant_name'
  | 'applicant_email'
  | 'applicant_phone'
  | 'resume'
  | 'cover_letter'
  | 'consent_data_processing'
  | 'form';

export type FieldErrors = Partial<Record<ApplyField, string>>;

// The order errors are listed in the summary: the order of the fields on the page.
export const APPLY_FIELDS: ApplyField[] = [
  'applicant_name',
  'applicant_email',
  'applicant_phone',
  'resume',
  'cover_letter',
  'consent_data_processing',
  'form',
];

const FIELD_MESSAGES: Record<string, [ApplyField, string]> = {
  applicant_name: ['applicant_name', 'job.err_name'],
  applicant_email: ['applicant_email', 'job.err_email'],
  applicant_phone: ['applicant_phone', 'job.err_phone'],
  cover_letter: ['cover_letter', 'job.err_cover'],
  consent_data_processing: ['consent_data_processing', 'job.err_consent'],
  resume: ['resume', 'job.err_wrong_type'],
};

// Field → catalogue key for one refusal.
export function applyErrorsFrom(status: number, problem: ApiProblem): FieldErrors {
  const errors: FieldErrors = {};
  switch (status) {
    case 400:
      for (const item of problem.errors ?? []) {
        const [field, key] = FIELD_MESSAGES[item.field] ?? ['form', 'job.err_invalid'];
        errors[field] = errors[field] ?? key;
      }
      if (Object.keys(errors).length === 0) {
        errors.form = 'job.err_invalid';
      }
      return errors;
    case 413:
      return { resume: 'job.err_too_large' };
    case 415:
      return { resume: 'job.err_wrong_type' };
    case 409:
      if (problem.code === 'APPLICATION_ALREADY_EXISTS') {
        return { applicant_email: 'job.err_already_applied' };
      }
      if (problem.code === 'CANDIDATE_ERASED') {
        return { applicant_email: 'job.err_erased' };
      }
      return { form: 'job.err_not_open' };
    case 429:
      return { form: 'common.rate_limited' };
    default:
      return { form: 'common.unexpected' };
  }
}
