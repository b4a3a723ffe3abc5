import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/policy.decorators';
import { HealthReport, HealthService } from './health.service';

export class HealthResponse {
  @ApiProperty({ enum: ['healthy', 'unhealthy'] }) status: 'healthy' | 'unhealthy';
  @ApiProperty() version: string;
  @ApiProperty({ enum: ['connected', 'disconnected'] }) database: 'connected' | 'disconnected';
  @ApiProperty({ enum: ['running', 'stopped'] }) queue: 'running' | 'stopped';
  @ApiProperty({
    enum: ['gemini', 'offline', 'openai_compatible'],
    description:
      'The configured AI provider. openai_compatible (a self-hosted model, LLM_BASE_URL) appears only when an operator opts in; without it the value is gemini or offline as before',
  })
  ai_provider: 'gemini' | 'offline' | 'openai_compatible';
  @ApiProperty({ enum: ['zoom', 'webrtc'] }) video_provider: 'zoom' | 'webrtc';
  @ApiPropertyOptional({
    enum: ['connected', 'disconnected'],
    description:
      'The object store, present with STORAGE_DRIVER=s3 only. An unreachable store does not make the answer 503: the routes that need files answer 503 STORAGE_UNAVAILABLE and everything else keeps working',
  })
  storage?: 'connected' | 'disconnected';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness and dependencies (database, queue, object store, AI and video providers)',
  })
  @Public()
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({
    type: HealthResponse,
    description: 'The database is unreachable',
  })
  check(@Res({ passthrough: true }) reply: FastifyReply): HealthReport | Promise<HealthReport> {
    const report = this.health.report();
    return report instanceof Promise
      ? report.then((settled) => this.answer(reply, settled))
      : this.answer(reply, report);
  }

  private answer(reply: FastifyReply, report: HealthReport): HealthReport {
    void reply.status(report.status === 'healthy' ? 200 : 503).header('Cache-Control', 'no-store');
    return report;
  }
}
