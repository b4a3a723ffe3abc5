import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/policy.decorators';
import { MetricsService } from './metrics.service';

// Public by contract (API.md, "Health and docs"): Prometheus scrapes it without a token. It goes
// through the same guards and rate limit as every route; restrict it at the network edge.
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Request counts and latencies by route and status, queue depth per queue and state, job failures and durations, process metrics. Text exposition format 0.0.4.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
