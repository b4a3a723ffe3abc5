import { Counter, Histogram, Registry } from 'prom-client';
import { RequestMetrics } from './request-metrics';

const NAMES = { count: 'req_total', duration: 'req_seconds' };
const HELP = { count: 'requests', duration: 'latency' };
const BOUNDS = [0.005, 0.01, 0.1, 1];

// The same observations through prom-client's own Counter and Histogram, for the exposition the
// request metrics must match line for line.
function promClientExposition(observations: [string, string, number, number][]): Promise<string> {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const count = new Counter({ name: NAMES.count, help: HELP.count, labelNames, registers: [] });
  const duration = new Histogram({
    name: NAMES.duration,
    help: HELP.duration,
    labelNames,
    buckets: BOUNDS,
    registers: [],
  });
  registry.registerMetric(count);
  registry.registerMetric(duration);
  for (const [method, route, status, seconds] of observations) {
    const labels = { method, route, status: String(status) };
    count.inc(labels);
    duration.observe(labels, seconds);
  }
  return registry.metrics();
}

describe('RequestMetrics', () => {
  const observations: [string, string, number, number][] = [
    ['GET', '/api/health', 200, 0.0004],
    ['GET', '/api/health', 200, 0.005],
    ['GET', '/api/health', 200, 0.0071],
    ['POST', '/api/jobs', 201, 0.3],
    ['GET', '/api/health', 503, 2],
    ['GET', 'unmatched', 404, 0.01],
  ];

  it("writes the same counter and histogram as prom-client's own metrics", async () => {
    const registry = new Registry();
    const metrics = new RequestMetrics(NAMES, HELP, BOUNDS);
    metrics.register(registry);
    for (const [method, route, status, seconds] of observations) {
      metrics.observe(method, route, status, seconds);
    }
    const ours = await registry.metrics();
    expect(ours).toBe(await promClientExposition(observations));
    expect(ours).toContain('req_total{method="GET",route="/api/health",status="200"} 3');
    expect(ours).toContain(
      'req_seconds_bucket{le="0.005",method="GET",route="/api/health",status="200"} 2',
    );
  });

  it('forgets every series when the registry is reset', async () => {
    const registry = new Registry();
    const metrics = new RequestMetrics(NAMES, HELP, BOUNDS);
    metrics.register(registry);
    metrics.observe('GET', '/x', 200, 0.1);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('route="/x"');
  });
});
