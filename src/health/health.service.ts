import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { AiSettings, AppConfig, AppSettings, VideoSettings } from '../config/app-config';
import { QueueService } from '../queue/queue.service';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';

export interface HealthReport {
  status: 'healthy' | 'unhealthy';
  version: string;
  database: 'connected' | 'disconnected';
  queue: 'running' | 'stopped';
  ai_provider: AiSettings['provider'];
  video_provider: 'zoom' | 'webrtc';
  // The object store, with the S3 driver only (the default answer keeps its contract fields).
  // It does not make the instance unhealthy: every instance shares the store, and the routes
  // that do not need it keep working while it is down.
  storage?: 'connected' | 'disconnected';
}

const PROBE_TIMEOUT_MS = 2000;
// One probe of the database answers every health request for this long, and concurrent requests
// share the probe in flight: probes from load balancers and monitors then cost no round trip and
// no health-check machinery each, and a lost database shows as unhealthy within a second.
// Measured in bench/RESULTS.md. (The object store, with the S3 driver, is asked on every call.)
export const PROBE_CACHE_MS = 1000;

interface Probe {
  at: number;
  database: Promise<HealthReport['database']>;
  // The answer once the probe has settled.
  settled?: HealthReport['database'];
}

// The contract's shape (`status`, `database`, …) over @nestjs/terminus's checks.
@Injectable()
export class HealthService {
  private readonly fixed: Pick<HealthReport, 'version' | 'ai_provider' | 'video_provider'>;
  private probe: Probe | null = null;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueService,
    config: ConfigService<AppConfig, true>,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {
    this.fixed = {
      version: config.get<AppSettings>('app').version,
      ai_provider: config.get<AiSettings>('ai').provider,
      video_provider: config.get<VideoSettings>('video').provider,
    };
  }

  // Synchronous while the shared database probe has settled and no object store is asked (the
  // local driver): a health check then settles no promise at all.
  report(): HealthReport | Promise<HealthReport> {
    const probe = this.probedDatabase();
    if (probe.settled && this.storage.driver === 'local') {
      return this.reportOf(probe.settled, undefined);
    }
    return Promise.all([probe.database, this.storageState()]).then(([database, storage]) =>
      this.reportOf(database, storage),
    );
  }

  private reportOf(
    database: HealthReport['database'],
    storage: HealthReport['storage'],
  ): HealthReport {
    return {
      status: database === 'connected' ? 'healthy' : 'unhealthy',
      version: this.fixed.version,
      database,
      queue: this.queue.isRunning ? 'running' : 'stopped',
      ai_provider: this.fixed.ai_provider,
      video_provider: this.fixed.video_provider,
      ...(storage ? { storage } : {}),
    };
  }

  // The latest probe while it is younger than PROBE_CACHE_MS (counted from when it started, so a
  // slow probe is not kept longer), else a new one.
  private probedDatabase(): Probe {
    const now = Date.now();
    if (!this.probe || now - this.probe.at >= PROBE_CACHE_MS) {
      const probe: Probe = {
        at: now,
        database: this.databaseReachable().then((reachable) => {
          probe.settled = reachable ? 'connected' : 'disconnected';
          return probe.settled;
        }),
      };
      this.probe = probe;
    }
    return this.probe;
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.health.check([
        () => this.database.pingCheck('database').withTimeout(PROBE_TIMEOUT_MS),
      ]);
      return true;
    } catch {
      return false;
    }
  }

  private async storageState(): Promise<HealthReport['storage']> {
    if (this.storage.driver === 'local') {
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.storage.check(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
        }),
      ]);
      return 'connected';
    } catch {
      return 'disconnected';
    } finally {
      clearTimeout(timer);
    }
  }
}
