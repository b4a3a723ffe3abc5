import type { Queue, UpdateQueueOptions } from 'pg-boss';

// A worker that dies (kill -9, OOM, a lost container) leaves its job 'active'. The heartbeat gets
// it retried soon instead of after expireInSeconds: a live worker refreshes each active job every
// HEARTBEAT_SECONDS / 2 (one UPDATE by primary key), and the supervisor fails a job whose heartbeat
// is older than HEARTBEAT_SECONDS into a retry. With a monitor pass every SUPERVISE_SECONDS, a dead
// worker's job is retried 15–45 s after the kill (plus the 2–4 s first retry delay), whatever its
// expiry. expireInSeconds still bounds a handler that is alive but stuck. A job can run twice (a
// database outage longer than the heartbeat lets the supervisor take a live job back), so every
// handler stays idempotent.
export const HEARTBEAT_SECONDS = 30;
export const SUPERVISE_SECONDS = 15;

export const DEFAULT_QUEUE_OPTIONS: Omit<Queue, 'name'> = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 600,
  heartbeatSeconds: HEARTBEAT_SECONDS,
};

// Settings pg-boss lets an existing queue change. createQueue() leaves an existing queue as it is,
// so a database created by an older release would otherwise keep the old settings (no heartbeat).
const MUTABLE_QUEUE_SETTINGS = [
  'retryLimit',
  'retryDelay',
  'retryBackoff',
  'retryDelayMax',
  'expireInSeconds',
  'retentionSeconds',
  'deleteAfterSeconds',
  'heartbeatSeconds',
  'notify',
] as const;

export function queueSettingsToUpdate(
  wanted: Omit<Queue, 'name'>,
  // As getQueue() reads it: a setting never given is null there (e.g. heartbeatSeconds).
  current: Partial<Record<(typeof MUTABLE_QUEUE_SETTINGS)[number], unknown>>,
): UpdateQueueOptions | null {
  const changes: Record<string, unknown> = {};
  for (const key of MUTABLE_QUEUE_SETTINGS) {
    const value = wanted[key];
    if (value !== undefined && value !== current[key]) {
      changes[key] = value;
    }
  }
  return Object.keys(changes).length ? changes : null;
}
