import { SetMetadata } from '@nestjs/common';
import type { QueueDefinition } from './queue.service';

export const QUEUE_JOB = Symbol('panelist:queue-job');

export type QueueJobOptions = Omit<QueueDefinition<never>, 'name' | 'handler'>;

export interface QueueJobMetadata extends QueueJobOptions {
  name: string;
}

// Marks a provider method as the handler of one queue: `@QueueJob(RESUME_PARSE_QUEUE, { … })`.
// QueueJobExplorer finds every marked method at start-up and registers it, so a handler is a
// method on a service like any other and no module registers queues by hand in onModuleInit.
export function QueueJob(name: string, options: QueueJobOptions = {}): MethodDecorator {
  return SetMetadata<symbol, QueueJobMetadata>(QUEUE_JOB, { name, ...options });
}
