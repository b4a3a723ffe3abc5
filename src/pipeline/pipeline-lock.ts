import { EntityManager } from 'typeorm';

// Moves take the job's pipeline lock shared and replacing the pipeline takes it exclusively, so no
// application can enter a stage while that stage is being removed. Transaction-scoped advisory
// locks (two-int key space, which never overlaps the single-bigint keys used elsewhere).
const PIPELINE_LOCK_CLASS = 727_100_010;

export async function lockPipelineShared(manager: EntityManager, jobId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [
    PIPELINE_LOCK_CLASS,
    jobId,
  ]);
}

export async function lockPipelineExclusive(manager: EntityManager, jobId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    PIPELINE_LOCK_CLASS,
    jobId,
  ]);
}
