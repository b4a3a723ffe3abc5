import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
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

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly config: ConfigService<AppConfig, true>,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async report(): Promise<HealthReport> {
    const [reachable, storage] = await Promise.all([this.databaseReachable(), this.storageState()]);
    const database = reachable ? 'connected' : 'disconnected';
    return {
      status: database === 'connected' ? 'healthy' : 'unhealthy',
      version: this.config.get<AppSettings>('app').version,
      database,
      queue: this.queue.isRunning ? 'running' : 'stopped',
      ai_provider: this.config.get<AiSettings>('ai').provider,
      video_provider: this.config.get<VideoSettings>('video').provider,
      ...(storage ? { storage } : {}),
    };
  }

  private async storageState(): Promise<HealthReport['storage']> {
    if (this.storage.driver === 'local') {
      return undefined;
    }
    return (await this.answersInTime(() => this.storage.check())) ? 'connected' : 'disconnected';
  }

  private databaseReachable(): Promise<boolean> {
    return this.answersInTime(() => this.dataSource.query('SELECT 1'));
  }

  private async answersInTime(probe: () => Promise<unknown>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
