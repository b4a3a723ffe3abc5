import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

// One registry per application instance (tests boot several apps in one process).
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'panelist_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'panelist_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

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
  // The labelled children of the two request metrics, per method, route and status: prom-client
  // hashes the label object on every inc/observe otherwise. Bounded by the routes and statuses.
  private readonly requestSeries = new Map<
    string,
    { count: { inc(): void }; duration: { observe(value: number): void } }
  >();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  // One finished HTTP request (the onResponse hook; route is the route pattern, or 'unmatched').
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.requestSeries.get(key);
    if (!series) {
      const labels = { method, route, status: String(status) };
      series = {
        count: this.httpRequests.labels(labels),
        duration: this.httpDuration.labels(labels),
      };
      this.requestSeries.set(key, series);
    }
    series.count.inc();
    series.duration.observe(seconds);
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
