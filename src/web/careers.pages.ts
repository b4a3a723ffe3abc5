import type { FastifyReply, FastifyRequest } from 'fastify';
import { APPLY_FIELDS, applyErrorsFrom } from './shared/apply-errors';
import type { ApiProblem, FieldErrors } from './shared/apply-errors';
import type { PageResponder } from './page-responder';
import type { PublicApiClient } from './public-api.client';

interface Job {
  id: string;
  title: string;
  description: string;
  company: string;
  skills_required: string[];
  [field: string]: unknown;
}
interface JobPage {
  items: Job[];
  next_cursor: string | null;
}

const PAGE_SIZE = 10;
const FILTERS = {
  work_mode: ['remote', 'hybrid', 'onsite'],
  job_type: ['full-time', 'part-time', 'contract', 'internship'],
  experience_level: ['entry', 'junior', 'mid', 'senior', 'lead'],
} as const;
const FILTER_LABELS: Record<keyof typeof FILTERS, string> = {
  work_mode: 'careers.work_mode_label',
  job_type: 'careers.job_type_label',
  experience_level: 'careers.experience_label',
};
// The form fields the API's application route knows; anything else a client adds is dropped.
const TEXT_FIELDS = ['applicant_name', 'applicant_email', 'applicant_phone', 'cover_letter'];
const CHECKBOXES = ['consent_data_processing', 'consent_talent_pool'];

// /careers and /careers/:jobId: the job board and the application form, rendered on the server
// from the public API's answers. The form is a plain multipart post, so it works without
// JavaScript; its script (client/apply.ts) only improves on it.
export class CareersPages {
  constructor(
    private readonly api: PublicApiClient,
    private readonly pages: PageResponder,
    private readonly maxFileSize: number,
    private readonly policyVersion: string,
  ) {}

  async list(
    request: FastifyRequest<{ Querystring: Record<string, string> }>,
    reply: FastifyReply,
  ) {
    const query = request.query ?? {};
    const filters: Record<string, string> = {};
    for (const name of ['q', 'location', ...Object.keys(FILTERS), 'cursor']) {
      const value = typeof query[name] === 'string' ? query[name].trim().slice(0, 200) : '';
      if (value) {
        filters[name] = value;
      }
    }
    const path = filters.q ? '/api/jobs/search' : '/api/jobs';
    const answer = await this.api.get<JobPage>(request, path, {
      ...filters,
      limit: String(PAGE_SIZE),
    });
    // A stale or hand-edited cursor or filter: show the first page rather than an error.
    const page =
      answer.status === 200
        ? answer.body
        : (await this.api.get<JobPage>(request, '/api/jobs', { limit: String(PAGE_SIZE) })).body;
    const link = (cursor?: string) => {
      const params = new URLSearchParams({ ...filters });
      params.delete('cursor');
      if (cursor) {
        params.set('cursor', cursor);
      }
      const search = params.toString();
      return search ? `/careers?${search}` : '/careers';
    };
    const selects = (Object.keys(FILTERS) as (keyof typeof FILTERS)[]).map((name) => ({
      name,
      label: FILTER_LABELS[name],
      options: FILTERS[name].map((value) => ({
        value,
        text: this.pages.catalogue.t(`value.${value}`),
        selected: filters[name] === value,
      })),
    }));
    return this.pages.send(reply, 200, 'careers', {
      title: this.pages.catalogue.t('careers.heading'),
      nav: 'careers',
      filters,
      selects,
      jobs: page.items ?? [],
      nextUrl: page.next_cursor ? link(page.next_cursor) : null,
      firstUrl: filters.cursor ? link() : null,
    });
  }

  async show(request: FastifyRequest<{ Params: { jobId: string } }>, reply: FastifyReply) {
    const job = await this.findJob(request, request.params.jobId);
    if (!job) {
      return this.pages.notFound(reply);
    }
    return this.renderForm(reply, job, {}, { consent_data_processing: '' }, false, 200);
  }

  // The no-JavaScript application: the browser's multipart post is re-sent to the API's
  // application route as it came (the résumé read up to one byte past the limit, so an oversized
  // file still reaches the API and the API refuses it), and any refusal re-renders the form.
  async apply(request: FastifyRequest<{ Params: { jobId: string } }>, reply: FastifyReply) {
    const job = await this.findJob(request, request.params.jobId);
    if (!job) {
      return this.pages.notFound(reply);
    }
    if (!request.isMultipart()) {
      return this.renderForm(reply, job, { form: 'job.err_invalid' }, {}, false, 400);
    }
    const values: Record<string, string> = {};
    const form = new FormData();
    let resumeSent = false;
    for await (const part of request.parts(this.partsOptions)) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) {
          chunks.push(chunk as Buffer);
        }
        const data = Buffer.concat(chunks);
        // A form with no file chosen still sends an empty "resume" part: not an upload.
        if (part.fieldname === 'resume' && data.length > 0 && !resumeSent) {
          form.append(
            'resume',
            new Blob([data], { type: part.mimetype }),
            part.filename || 'resume',
          );
          resumeSent = true;
        }
      } else if (TEXT_FIELDS.includes(part.fieldname) || CHECKBOXES.includes(part.fieldname)) {
        values[part.fieldname] = String(part.value);
      }
    }
    for (const name of TEXT_FIELDS) {
      const value = values[name]?.trim() ?? '';
      if (value || name === 'applicant_name' || name === 'applicant_email') {
        form.append(name, value);
      }
    }
    for (const name of CHECKBOXES) {
      if (values[name]) {
        form.append(name, 'true');
      }
    }
    form.append('source', 'careers_page');
    const answer = await this.api.postForm<ApiProblem & { id: string }>(
      request,
      `/api/jobs/${encodeURIComponent(job.id)}/applications`,
      form,
    );
    if (answer.status === 201) {
      return this.pages.send(reply, 201, 'applied', {
        title: this.pages.catalogue.t('applied.title'),
        nav: 'careers',
        name: values.applicant_name?.trim(),
        jobTitle: job.title,
        applicationId: answer.body.id,
      });
    }
    const errors = applyErrorsFrom(answer.status, answer.body ?? {});
    return this.renderForm(reply, job, errors, values, resumeSent, answer.status);
  }

  // The résumé is read up to one byte past the limit and never refused here (throwFileSizeLimit
  // is a plugin option the type of parts() does not list): the API decides.
  private get partsOptions() {
    return {
      limits: { fileSize: this.maxFileSize + 1 },
      throwFileSizeLimit: false,
    } as Parameters<FastifyRequest['parts']>[0];
  }

  private async findJob(request: FastifyRequest, id: string): Promise<Job | null> {
    const answer = await this.api.get<Job>(request, `/api/jobs/${encodeURIComponent(id)}`);
    return answer.status === 200 ? answer.body : null;
  }

  private renderForm(
    reply: FastifyReply,
    job: Job,
    errors: FieldErrors,
    values: Record<string, string>,
    resumeDropped: boolean,
    status: number,
  ) {
    const maxMb = Math.round((this.maxFileSize / (1024 * 1024)) * 10) / 10;
    const summary = APPLY_FIELDS.filter((field) => errors[field]).map((field) => ({
      target: field === 'form' ? 'applicant_name' : field,
      text: this.pages.catalogue.t(errors[field]!, { max_mb: maxMb }),
    }));
    return this.pages.send(reply, status, 'job', {
      title: job.title,
      nav: 'careers',
      hasErrors: summary.length > 0,
      job,
      paragraphs: (job.description ?? '').split(/\n\s*\n/).filter((p) => p.trim()),
      errors,
      summary,
      values,
      resumeDropped: resumeDropped && summary.length > 0,
      maxMb,
      maxBytes: this.maxFileSize,
      policyVersion: this.policyVersion,
      script: 'apply.js',
      data: { maxBytes: this.maxFileSize, maxMb, jobId: job.id, jobTitle: job.title },
    });
  }
}
