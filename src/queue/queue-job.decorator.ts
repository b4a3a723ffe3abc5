import { SetMetadata } from '@nestjs/common';
import type { QueueDefinition } from './queue.service';

export const QUEUE_JOB = Symbol('panelist:queue-job');

export type QueueJobOptions = Omit<QueueDefinition<never>, 'name' | 'handler'>;

// Options that depend on the service's configuration, read from the instance at registration.
export type QueueJobOptionsOf<T> = (instance: T) => QueueJobOptions;

export interface QueueJobMetadata extends QueueJobOptions {
  name: string;
  optionsOf?: QueueJobOptionsOf<never>;
}

// Marks a provider method as the handler of one queue: `@QueueJob(RESUME_PARSE_QUEUE, { … })`.
// QueueJobExplorer finds every marked method at start-up and registers it, so a handler is a
// method on a service like any other and no module registers queues by hand in onModuleInit.
export function QueueJob<T = never>(
  name: string,
  options: QueueJobOptions | QueueJobOptionsOf<T> = {},
): MethodDecorator {
  return SetMetadata<symbol, QueueJobMetadata>(
    QUEUE_JOB,
    typeof options === 'function'
      ? { name, optionsOf: options }
      : { name, ...options },
  );
}
