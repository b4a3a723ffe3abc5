import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import {
  BadRequestProblem,
  ConflictProblem,
  DomainException,
} from '../../common/errors/domain.exception';
import type { AppConfig, GdprSettings } from '../../config/app-config';
import { UpdateRetentionPolicyDto } from '../dto/retention.dto';
import { RetentionPolicy } from '../entities/retention-policy.entity';
import { RetentionRun } from '../entities/retention-run.entity';
import type { RetentionReportEntry, RetentionTrigger } from '../entities/retention-run.entity';
import { ErasureService } from '../erasure/erasure.service';
import { RetentionPolicyResponse } from '../gdpr.presenter';
import { PersonalDataRegistry } from '../personal-data/personal-data.registry';
import {
  AUDIT_POLICY,
  RETENTION_DEFINITIONS,
  RetentionCategoryDefinition,
  retentionDefinition,
} from './retention-categories';

const BATCH_SIZE = 200;
const DAY_MS = 24 * 60 * 60 * 1000;
// One real (non-dry) run at a time across all instances.
const RETENTION_LOCK_KEY = 727_100_020;

export interface RetentionRunOptions {
  dryRun: boolean;
  trigger: RetentionTrigger;
  actor?: AuthUser;
  // Scheduled runs: the UTC day (YYYY-MM-DD); one run per day however often it is enqueued.
  day?: string;
}

// Art. 5(1)(e) storage limitation: per-category policies and the run that applies them through
// the personal-data handlers' retention hooks.
@Injectable()
export class RetentionService {
  private readonly defaultDays: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly registry: PersonalDataRegistry,
    private readonly erasure: ErasureService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.defaultDays = config.get<GdprSettings>('gdpr').retentionDefaultDays;
  }

  async policies(): Promise<RetentionPolicyResponse[]> {
    const rows = await this.dataSource.getRepository(RetentionPolicy).find();
    const byCategory = new Map(rows.map((r) => [r.category, r]));
    return [
      ...RETENTION_DEFINITIONS.map((d) => this.present(d, byCategory.get(d.category))),
      AUDIT_POLICY,
    ];
  }

  async updatePolicy(
    actor: AuthUser,
    category: string,
    dto: UpdateRetentionPolicyDto,
  ): Promise<RetentionPolicyResponse> {
    if (category === AUDIT_POLICY.category) {
      throw new ConflictProblem('AUDIT_IS_KEPT', 'The audit log is never deleted');
    }
    const definition = retentionDefinition(category);
    if (!definition) {
      throw new DomainException(404, 'RETENTION_CATEGORY_NOT_FOUND', `No category "${category}"`);
    }
    if (!definition.allowedActions.includes(dto.action)) {
      throw new BadRequestProblem('RETENTION_ACTION_NOT_ALLOWED', 'Action not allowed here', [
        {
          field: 'action',
          message: `action must be one of: ${definition.allowedActions.join(', ')}`,
        },
      ]);
    }
    if (definition.maxDays !== undefined && dto.days > definition.maxDays) {
      throw new BadRequestProblem('RETENTION_DAYS_TOO_LONG', 'Days exceed this category’s limit', [
        { field: 'days', message: `days must not exceed ${definition.maxDays}` },
      ]);
    }
    const saved = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO retention_policies (id, category, days, action, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (category) DO UPDATE
           SET days = EXCLUDED.days, action = EXCLUDED.action,
               updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [randomUUID(), category, dto.days, dto.action, actor.id],
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'gdpr.retention_policy_updated',
        targetType: 'retention_policy',
        metadata: { category, days: dto.days, action: dto.action },
      });
      return manager.findOneByOrFail(RetentionPolicy, { category });
    });
    return this.present(definition, saved);
  }

  async run(options: RetentionRunOptions): Promise<RetentionRun> {
    if (options.dryRun) {
      return this.execute(await this.startRun(options));
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await this.acquireLock(runner, options.trigger);
      const run = await this.startRun(options);
      return run.status === 'completed' ? run : await this.execute(run);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_KEY]).catch(() => null);
      await runner.release();
    }
  }

  private async execute(run: RetentionRun): Promise<RetentionRun> {
    const repository = this.dataSource.getRepository(RetentionRun);
    const report: RetentionReportEntry[] = [];
    const policies = new Map(
      (await this.dataSource.getRepository(RetentionPolicy).find()).map((p) => [p.category, p]),
    );
    const now = Date.now();
    try {
      for (const definition of RETENTION_DEFINITIONS) {
        const policy = this.present(definition, policies.get(definition.category));
        const days = policy.days ?? this.defaultDays;
        const cutoff = new Date(now - days * DAY_MS);
        let affected = 0;
        for (const handler of this.registry.handlers()) {
          const hook = handler.retention?.[definition.category];
          if (hook) {
            affected += await hook({
              cutoff,
              dryRun: run.dryRun,
              batchSize: BATCH_SIZE,
              eraseSubject: async (subject) => {
                await this.erasure.eraseNow(subject, 'retention');
              },
            });
          }
        }
        report.push({
          category: definition.category,
          action: policy.action,
          days,
          cutoff: cutoff.toISOString(),
          affected,
        });
      }
    } catch (error) {
      await repository.update({ id: run.id }, { status: 'failed', report, finishedAt: new Date() });
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        RetentionRun,
        { id: run.id },
        { status: 'completed', report, finishedAt: new Date() },
      );
      await this.audit.record(manager, {
        actorId: run.requestedBy,
        action: run.dryRun ? 'gdpr.retention_dry_run' : 'gdpr.retention_run',
        targetType: 'retention_run',
        targetId: run.id,
        metadata: {
          trigger: run.trigger,
          total_affected: report.reduce((sum, e) => sum + e.affected, 0),
        },
      });
    });
    return repository.findOneByOrFail({ id: run.id });
  }

  // A scheduled run for a day that already has one resumes it (after a crash) or returns it.
  private async startRun(options: RetentionRunOptions): Promise<RetentionRun> {
    const repository = this.dataSource.getRepository(RetentionRun);
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO retention_runs (id, trigger, dry_run, status, scheduled_for, requested_by, started_at)
       VALUES ($1, $2, $3, 'running', $4, $5, now())
       ON CONFLICT (scheduled_for) WHERE scheduled_for IS NOT NULL DO NOTHING`,
      [id, options.trigger, options.dryRun, options.day ?? null, options.actor?.id ?? null],
    );
    const run = options.day
      ? await repository.findOneByOrFail({ scheduledFor: options.day })
      : await repository.findOneByOrFail({ id });
    if (run.status === 'failed') {
      await repository.update({ id: run.id }, { status: 'running' });
      run.status = 'running';
    }
    return run;
  }

  private async acquireLock(runner: QueryRunner, trigger: RetentionTrigger): Promise<void> {
    if (trigger === 'schedule') {
      // The job waits for a manual run to finish rather than failing.
      await runner.query('SELECT pg_advisory_lock($1)', [RETENTION_LOCK_KEY]);
      return;
    }
    const [row] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
      RETENTION_LOCK_KEY,
    ])) as { locked: boolean }[];
    if (!row.locked) {
      throw new ConflictProblem('RETENTION_RUNNING', 'A retention run is already in progress');
    }
  }

  private present(
    definition: RetentionCategoryDefinition,
    row: RetentionPolicy | undefined,
  ): RetentionPolicyResponse {
    const days = row?.days ?? null;
    return {
      category: definition.category,
      description: definition.description,
      days: days ?? this.defaultDays,
      action: row?.action ?? definition.allowedActions[0],
      allowed_actions: [...definition.allowedActions],
      uses_default_days: days === null,
      updated_at: row ? row.updatedAt.toISOString() : null,
    };
  }
}
