import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { RetentionPolicy } from '../entities/retention-policy.entity';
import type { RetentionAction } from '../entities/retention-policy.entity';
import { RetentionRun } from '../entities/retention-run.entity';
import type { RetentionTrigger } from '../entities/retention-run.entity';

// One real (non-dry) run at a time across all instances.
const RETENTION_LOCK_KEY = 727_100_020;

type RunChange = Partial<Pick<RetentionRun, 'status' | 'report' | 'finishedAt'>>;

// retention_policies and retention_runs, and the advisory lock that serialises real runs.
@Injectable()
export class RetentionRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(RetentionPolicy) private readonly policies: Repository<RetentionPolicy>,
    @InjectRepository(RetentionRun) private readonly runs: Repository<RetentionRun>,
  ) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.runs.manager;
  }

  listPolicies(): Promise<RetentionPolicy[]> {
    return this.policies.find();
  }

  async savePolicy(
    manager: EntityManager,
    policy: { category: string; days: number; action: RetentionAction; updatedBy: string },
  ): Promise<RetentionPolicy> {
    await manager.query(
      `INSERT INTO retention_policies (id, category, days, action, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (category) DO UPDATE
         SET days = EXCLUDED.days, action = EXCLUDED.action,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [randomUUID(), policy.category, policy.days, policy.action, policy.updatedBy],
    );
    return manager.findOneByOrFail(RetentionPolicy, { category: policy.category });
  }

  // Runs `work` holding the session-level advisory lock on its own connection: waiting for it
  // ('wait'), or throwing `busy()` at once when another run holds it ('try').
  async underRunLock<T>(mode: 'wait' | 'try', busy: () => Error, work: () => Promise<T>) {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (mode === 'wait') {
        await runner.query('SELECT pg_advisory_lock($1)', [RETENTION_LOCK_KEY]);
      } else {
        const [row] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
          RETENTION_LOCK_KEY,
        ])) as { locked: boolean }[];
        if (!row.locked) {
          throw busy();
        }
      }
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_KEY]).catch(() => null);
      await runner.release();
    }
  }

  // A scheduled run (one per UTC day) that already exists is returned instead of a new one.
  async startRun(run: {
    trigger: RetentionTrigger;
    dryRun: boolean;
    day: string | null;
    requestedBy: string | null;
  }): Promise<RetentionRun> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO retention_runs (id, trigger, dry_run, status, scheduled_for, requested_by, started_at)
       VALUES ($1, $2, $3, 'running', $4, $5, now())
       ON CONFLICT (scheduled_for) WHERE scheduled_for IS NOT NULL DO NOTHING`,
      [id, run.trigger, run.dryRun, run.day, run.requestedBy],
    );
    return run.day
      ? this.runs.findOneByOrFail({ scheduledFor: run.day })
      : this.runs.findOneByOrFail({ id });
  }

  findRunOrFail(id: string): Promise<RetentionRun> {
    return this.runs.findOneByOrFail({ id });
  }

  async updateRun(id: string, change: RunChange, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(RetentionRun, { id }, change);
  }
}
