import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RequestMetrics } from './request-metrics';

// One registry per application instance (tests boot several apps in one process).
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  // panelist_http_requests_total and panelist_http_request_duration_seconds (request-metrics.ts).
  private readonly requests = new RequestMetrics(
    { count: 'panelist_http_requests_total', duration: 'panelist_http_request_duration_seconds' },
    {
      count: 'HTTP requests by method, route and status',
      duration: 'HTTP request latency by method, route and status',
    },
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );

  readonly queueDepth = new Gauge({
    name: 'panelist_queue_jobs',
    help: 'Jobs per queue and state (sampled at scrape time)',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'panelist_job_failures_total',
    help: 'Failed job attempts per queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'panelist_job_duration_seconds',
    help: 'Job handler duration per queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [this.registry],
  });

  private readonly samplers: (() => Promise<void>)[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.requests.register(this.registry);
  }

  // One finished HTTP request (the onResponse hook; route is the route pattern, or 'unmatched').
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe(method, route, status, seconds);
  }

  // Gauges read at scrape time (queue depth) register how to refresh themselves here, so this
  // module depends on nobody.
  sampleBeforeScrape(sampler: () => Promise<void>): void {
    this.samplers.push(sampler);
  }

  async scrape(): Promise<string> {
    await Promise.all(this.samplers.map((sample) => sample().catch(() => undefined)));
    return this.registry.metrics();
  }
}
