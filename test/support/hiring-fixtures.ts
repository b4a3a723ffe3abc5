import { createStaff, loginAdmin, SignedIn, unique } from './factories';
import { HttpClient } from './http-client';

export interface HiringSetup {
  admin: SignedIn;
  recruiter: SignedIn;
  expert: SignedIn;
  jobId: string;
  questionIds: string[];
}

// An open job with three approved questions, its recruiter and a domain expert.
export async function hiringSetup(
  http: HttpClient,
  title = 'Backend Engineer, Berlin; remote',
): Promise<HiringSetup> {
  const admin = await loginAdmin(http);
  const recruiter = await createStaff(http, admin, 'recruiter');
  const expert = await createStaff(http, admin, 'domain_expert');
  const job = await http.post(
    '/api/jobs',
    {
      title,
      description: 'APIs on PostgreSQL.',
      company: 'Acme',
      skills_required: ['PostgreSQL', 'TypeScript'],
    },
    { token: recruiter.accessToken },
  );
  if (job.status !== 201) {
    throw new Error(`job: ${job.status} ${job.text}`);
  }
  const generated = await http.post(
    '/api/questions/generate',
    { job_id: job.body.id, count: 3, types: ['technical'] },
    { token: recruiter.accessToken },
  );
  const questionIds = (generated.body.items as { id: string }[]).map((q) => q.id);
  await http.post(
    '/api/questions/approve',
    { question_ids: questionIds, approved: true },
    { token: expert.accessToken },
  );
  return { admin, recruiter, expert, jobId: job.body.id, questionIds };
}

export async function applyWithoutAccount(
  http: HttpClient,
  jobId: string,
  email = `${unique('anon_')}@example.com`,
  name = 'Robin Applicant',
): Promise<{ applicationId: string; email: string }> {
  const res = await http.post(`/api/jobs/${jobId}/applications`, {
    applicant_name: name,
    applicant_email: email,
    consent_data_processing: true,
  });
  if (res.status !== 201) {
    throw new Error(`apply: ${res.status} ${res.text}`);
  }
  return { applicationId: res.body.id, email };
}

export async function scheduleInterview(
  http: HttpClient,
  setup: HiringSetup,
  applicationId: string,
  at = new Date(Date.now() + 60_000),
): Promise<string> {
  const res = await http.post(
    '/api/interviews',
    {
      application_id: applicationId,
      scheduled_at: at.toISOString(),
      mode: 'async',
      question_ids: setup.questionIds,
    },
    { token: setup.recruiter.accessToken },
  );
  if (res.status !== 201) {
    throw new Error(`schedule: ${res.status} ${res.text}`);
  }
  return res.body.id;
}
