import type { Metric, Registry } from 'prom-client';

// One method + route + status.
interface Series {
  labels: { method: string; route: string; status: string };
  count: number;
  sum: number;
  // Observations per bucket (not cumulative); the last slot is above the largest bound.
  buckets: number[];
}

type Value = { labels: Record<string, string | number>; value: number; metricName?: string };

// The two request metrics (a counter and a latency histogram by method, route and status),
// counted in plain numbers and turned into Prometheus series when scraped. prom-client's own
// labelled counter and histogram validate and hash the labels again on every inc/observe, about
// 5 µs of every request's CPU (bench/RESULTS.md, session 4); here a request costs one map lookup
// and a few additions. The exposition (names, labels, buckets) is what prom-client writes for a
// Counter and a Histogram; the registry formats both like its own metrics.
export class RequestMetrics {
  private readonly series = new Map<string, Series>();

  constructor(
    private readonly names: { count: string; duration: string },
    private readonly help: { count: string; duration: string },
    private readonly bounds: readonly number[],
  ) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        labels: { method, route, status: String(status) },
        count: 0,
        sum: 0,
        buckets: new Array<number>(this.bounds.length + 1).fill(0),
      };
      this.series.set(key, series);
    }
    let slot = 0;
    while (slot < this.bounds.length && seconds > this.bounds[slot]) {
      slot++;
    }
    series.buckets[slot]++;
    series.count++;
    series.sum += seconds;
  }

  register(registry: Registry): void {
    // prom-client's registry reads a metric through get() and reset() only; its types list its
    // own metric classes, hence the casts.
    registry.registerMetric({
      name: this.names.count,
      get: () => Promise.resolve(this.counter()),
      reset: () => this.series.clear(),
    } as unknown as Metric);
    registry.registerMetric({
      name: this.names.duration,
      get: () => Promise.resolve(this.histogram()),
      reset: () => this.series.clear(),
    } as unknown as Metric);
  }

  private counter() {
    return {
      name: this.names.count,
      help: this.help.count,
      type: 'counter',
      aggregator: 'sum',
      values: [...this.series.values()].map((s): Value => ({ labels: s.labels, value: s.count })),
    };
  }

  private histogram() {
    const bucketName = `${this.names.duration}_bucket`;
    const values: Value[] = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += s.buckets[i];
        values.push({ labels: { le, ...s.labels }, value: cumulative, metricName: bucketName });
      });
      values.push({
        labels: { le: '+Inf', ...s.labels },
        value: s.count,
        metricName: bucketName,
      });
      values.push({ labels: s.labels, value: s.sum, metricName: `${this.names.duration}_sum` });
      values.push({ labels: s.labels, value: s.count, metricName: `${this.names.duration}_count` });
    }
    return {
      name: this.names.duration,
      help: this.help.duration,
      type: 'histogram',
      aggregator: 'sum',
      values,
    };
  }
}
