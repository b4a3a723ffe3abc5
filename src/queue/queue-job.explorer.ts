import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'pg-boss';
import { QUEUE_JOB, QueueJobMetadata } from './queue-job.decorator';
import { QueueService } from './queue.service';

type Handler = (data: unknown, job: Job<unknown>) => Promise<unknown>;

// Registers every @QueueJob method with the queue before the workers start (onModuleInit runs
// before QueueService.onApplicationBootstrap). Two handlers for one queue are a programming error.
@Injectable()
export class QueueJobExplorer implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queue: QueueService,
  ) {}

  onModuleInit(): void {
    const seen = new Map<string, string>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) {
        continue;
      }
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[methodName] as Handler;
        const meta = this.reflector.get<QueueJobMetadata | undefined>(QUEUE_JOB, method);
        if (!meta) {
          continue;
        }
        const where = `${wrapper.name}.${methodName}`;
        const earlier = seen.get(meta.name);
        if (earlier) {
          throw new Error(`Queue ${meta.name} has two @QueueJob handlers: ${earlier} and ${where}`);
        }
        seen.set(meta.name, where);
        const { name, optionsOf, ...options } = meta;
        this.queue.register({
          name,
          ...options,
          ...(optionsOf ? optionsOf(instance as never) : {}),
          handler: async (data, job) => {
            await method.call(instance, data, job);
          },
        });
      }
    }
  }
}
