import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { QueueService } from '../src/queue/queue.service';
import { createTestApp, TestApp } from './support/test-app';

const processed: string[] = [];

@Injectable()
class ProbeWorker implements OnModuleInit {
  constructor(private readonly queue: QueueService) {}
  onModuleInit(): void {
    this.queue.register<{ marker: string }>({
      name: 'test-probe',
      handler: async ({ marker }) => {
        processed.push(marker);
        await Promise.resolve();
      },
    });
  }
}

@Module({ providers: [ProbeWorker] })
class ProbeModule {}

async function waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Queue (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule] });
  });

  afterAll(() => t.close());

  it('runs a job enqueued in a committed transaction once and never one from a rolled-back one', async () => {
    const queue = t.app.get(QueueService);
    await t.dataSource
      .transaction(async (manager) => {
        await queue.enqueue('test-probe', { marker: 'rolled-back' }, { manager });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await t.dataSource.transaction(async (manager) => {
      await queue.enqueue('test-probe', { marker: 'committed' }, { manager });
    });
    await waitFor(() => processed.includes('committed'));
    // Give a wrongly enqueued job time to show up before asserting it never ran.
    await new Promise((r) => setTimeout(r, 2500));
    expect(processed.filter((m) => m === 'committed')).toHaveLength(1);
    expect(processed).not.toContain('rolled-back');
    const jobs = await t.dataSource.query<{ marker: string; state: string }[]>(
      `SELECT data->>'marker' AS marker, state FROM pgboss.job WHERE name = 'test-probe'`,
    );
    expect(jobs).toEqual([{ marker: 'committed', state: 'completed' }]);
  });
});
