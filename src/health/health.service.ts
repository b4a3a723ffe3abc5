import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AiSettings, AppConfig, AppSettings, VideoSettings } from '../config/app-config';
import { QueueService } from '../queue/queue.service';

export interface HealthReport {
  status: 'healthy' | 'unhealthy';
  version: string;
  database: 'connected' | 'disconnected';
  queue: 'running' | 'stopped';
  ai_provider: AiSettings['provider'];
  video_provider: 'zoom' | 'webrtc';
}

const PROBE_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async report(): Promise<HealthReport> {
    const database = (await this.databaseReachable()) ? 'connected' : 'disconnected';
    return {
      status: database === 'connected' ? 'healthy' : 'unhealthy',
      version: this.config.get<AppSettings>('app').version,
      database,
      queue: this.queue.isRunning ? 'running' : 'stopped',
      ai_provider: this.config.get<AiSettings>('ai').provider,
      video_provider: this.config.get<VideoSettings>('video').provider,
    };
  }

  private async databaseReachable(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
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
