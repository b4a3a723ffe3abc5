import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import {
  BadRequestProblem,
  ConflictProblem,
  DomainException,
} from '../../common/errors/domain.exception';
import type { AppConfig, GdprSettings } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { UpdateRetentionPolicyDto } from '../dto/retention.dto';
import type { RetentionPolicy } from '../entities/retention-policy.entity';
import type {
  RetentionReportEntry,
  RetentionRun,
  RetentionTrigger,
} from '../entities/retention-run.entity';
import { ErasureService } from '../erasure/erasure.service';
import { RetentionPolicyResponse } from '../gdpr.presenter';
import { PersonalDataRegistry } from '../personal-data/personal-data.registry';
import {
  AUDIT_POLICY,
  RETENTION_DEFINITIONS,
  RetentionCategoryDefinition,
  retentionDefinition,
} from './retention-categories';
import { RetentionRepository } from './retention.repository';

const BATCH_SIZE = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

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
    private readonly transactions: Transactions,
    private readonly retention: RetentionRepository,
    private readonly audit: AuditService,
    private readonly registry: PersonalDataRegistry,
    private readonly erasure: ErasureService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.defaultDays = config.get<GdprSettings>('gdpr').retentionDefaultDays;
  }

  async policies(): Promise<RetentionPolicyResponse[]> {
    const rows = await this.retention.listPolicies();
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
    const saved = await this.transactions.run(async (manager) => {
      const policy = await this.retention.savePolicy(manager, {
        category,
        days: dto.days,
        action: dto.action,
        updatedBy: actor.id,
      });
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'gdpr.retention_policy_updated',
        targetType: 'retention_policy',
        metadata: { category, days: dto.days, action: dto.action },
      });
      return policy;
    });
    return this.present(definition, saved);
  }

  async run(options: RetentionRunOptions): Promise<RetentionRun> {
    if (options.dryRun) {
      return this.execute(await this.startRun(options));
    }
    // A scheduled job waits for a manual run to finish rather than failing.
    return this.retention.underRunLock(
      options.trigger === 'schedule' ? 'wait' : 'try',
      () => new ConflictProblem('RETENTION_RUNNING', 'A retention run is already in progress'),
      async () => {
        const run = await this.startRun(options);
        return run.status === 'completed' ? run : await this.execute(run);
      },
    );
  }

  private async execute(run: RetentionRun): Promise<RetentionRun> {
    const report: RetentionReportEntry[] = [];
    const policies = new Map((await this.retention.listPolicies()).map((p) => [p.category, p]));
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
      await this.retention.updateRun(run.id, { status: 'failed', report, finishedAt: new Date() });
      throw error;
    }
    await this.transactions.run(async (manager) => {
      await this.retention.updateRun(
        run.id,
        { status: 'completed', report, finishedAt: new Date() },
        manager,
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
    return this.retention.findRunOrFail(run.id);
  }

  // A scheduled run for a day that already has one resumes it (after a crash) or returns it.
  private async startRun(options: RetentionRunOptions): Promise<RetentionRun> {
    const run = await this.retention.startRun({
      trigger: options.trigger,
      dryRun: options.dryRun,
      day: options.day ?? null,
      requestedBy: options.actor?.id ?? null,
    });
    if (run.status === 'failed') {
      await this.retention.updateRun(run.id, { status: 'running' });
      run.status = 'running';
    }
    return run;
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
