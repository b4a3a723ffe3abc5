import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { BadRequestProblem, NotFoundProblem } from '../../common/errors/domain.exception';
import { MailRepository } from '../mail.repository';
import { DEFAULT_TEMPLATES, TemplateSource } from './default-templates';
import {
  isTemplateKey,
  JOB_OVERRIDABLE,
  TEMPLATE_KEYS,
  TEMPLATE_VARIABLES,
  TemplateKey,
  TemplateVariables,
} from './template-keys';
import { RenderedMessage, renderTemplate, validateTemplate } from './template-renderer';

export interface TemplateView extends TemplateSource {
  key: TemplateKey;
  variables: readonly string[];
  customized: boolean;
  job_id: string | null;
  updated_at: string | null;
}

// Which wording applies (a job's own, else the admin's edit, else the shipped default), and the
// checks that keep an edited template safe to render.
@Injectable()
export class MailTemplatesService {
  constructor(private readonly repository: MailRepository) {}

  requireKey(key: string, jobScoped = false): TemplateKey {
    if (!isTemplateKey(key) || (jobScoped && !JOB_OVERRIDABLE.includes(key))) {
      throw new NotFoundProblem('Template');
    }
    return key;
  }

  async resolve(
    key: TemplateKey,
    jobId: string | null = null,
    manager?: EntityManager,
  ): Promise<TemplateSource> {
    const row =
      (jobId && (await this.repository.findTemplate(key, jobId, manager))) ||
      (await this.repository.findTemplate(key, null, manager));
    return row ? { subject: row.subject, text: row.text, html: row.html } : DEFAULT_TEMPLATES[key];
  }

  async render(
    key: TemplateKey,
    variables: TemplateVariables,
    jobId: string | null = null,
    manager?: EntityManager,
  ): Promise<RenderedMessage> {
    return renderTemplate(
      await this.resolve(key, jobId, manager),
      TEMPLATE_VARIABLES[key],
      variables,
    );
  }

  async list(): Promise<TemplateView[]> {
    const edited = new Map((await this.repository.listGlobalTemplates()).map((t) => [t.key, t]));
    return TEMPLATE_KEYS.map((key) => {
      const row = edited.get(key);
      return this.view(key, row ?? null, null);
    });
  }

  async listForJob(jobId: string): Promise<TemplateView[]> {
    const own = new Map((await this.repository.listJobTemplates(jobId)).map((t) => [t.key, t]));
    return Promise.all(
      JOB_OVERRIDABLE.map(async (key) => {
        const row = own.get(key);
        return row ? this.view(key, row, jobId) : { ...(await this.get(key)), job_id: jobId };
      }),
    );
  }

  async get(key: TemplateKey): Promise<TemplateView> {
    return this.view(key, await this.repository.findTemplate(key, null), null);
  }

  async save(
    key: TemplateKey,
    source: TemplateSource,
    actorId: string,
    jobId: string | null = null,
  ): Promise<TemplateView> {
    this.assertValid(key, source);
    await this.repository.saveTemplate({
      id: randomUUID(),
      key,
      jobId,
      subject: source.subject,
      text: source.text,
      html: source.html,
      updatedBy: actorId,
      updatedAt: new Date(),
    });
    return this.view(key, await this.repository.findTemplate(key, jobId), jobId);
  }

  // Back to the shipped default (or, for a job, to the global wording).
  async reset(key: TemplateKey, jobId: string | null = null): Promise<void> {
    await this.repository.deleteTemplate(key, jobId);
  }

  // Preview: the current wording with the given variables. Names the template does not define are
  // ignored (a template cannot reach them); a variable left out shows as its placeholder.
  async preview(
    key: TemplateKey,
    variables: Record<string, unknown>,
    source?: TemplateSource,
    jobId: string | null = null,
  ): Promise<RenderedMessage> {
    const known = TEMPLATE_VARIABLES[key];
    const values: TemplateVariables = {};
    for (const [name, value] of Object.entries(variables)) {
      if (!known.includes(name)) {
        continue;
      }
      if (value !== null && typeof value === 'object') {
        throw new BadRequestProblem(
          'INVALID_TEMPLATE_VARIABLE',
          `${name} must be a string or number`,
          [{ field: `variables.${name}`, message: 'must be a string, a number or null' }],
        );
      }
      values[name] =
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : null;
    }
    const template = source ?? (await this.resolve(key, jobId));
    this.assertValid(key, template);
    // Placeholders show where a variable the caller left out would go.
    for (const name of known) {
      if (!(name in values)) {
        values[name] = `{{${name}}}`;
      }
    }
    return renderTemplate(template, known, values);
  }

  private assertValid(key: TemplateKey, source: TemplateSource): void {
    const problems = validateTemplate(source, TEMPLATE_VARIABLES[key]);
    if (problems.length > 0) {
      throw new BadRequestProblem(
        'INVALID_TEMPLATE',
        `The template does not compile or uses unknown variables: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
  }

  private view(
    key: TemplateKey,
    row: { subject: string; text: string; html: string; updatedAt: Date } | null,
    jobId: string | null,
  ): TemplateView {
    const source = row ?? DEFAULT_TEMPLATES[key];
    return {
      key,
      subject: source.subject,
      text: source.text,
      html: source.html,
      variables: TEMPLATE_VARIABLES[key],
      customized: !!row,
      job_id: jobId,
      updated_at: row ? row.updatedAt.toISOString() : null,
    };
  }
}
