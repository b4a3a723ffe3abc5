import { Injectable } from '@nestjs/common';
import { CommittedChangeSubscriber } from '../database/committed-change.subscriber';
import { Job } from './entities/job.entity';
import { JobsRepository } from './jobs.repository';
import { PublicJobCache } from './public-job.cache';

// This process's own job changes reach the public cache right after the commit, before the answer
// that reports them is sent; other processes learn of them by NOTIFY. Any change to any job
// (insert, update, delete) empties the whole cache.
@Injectable()
export class JobChangeSubscriber extends CommittedChangeSubscriber {
  constructor(
    jobs: JobsRepository,
    private readonly cache: PublicJobCache,
  ) {
    super(new Set([Job]), true);
    jobs.addSubscriber(this);
  }

  protected committed(): void {
    this.cache.invalidateAll();
  }
}
