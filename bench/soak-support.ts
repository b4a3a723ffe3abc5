import { PDFDocument, StandardFonts } from 'pdf-lib';

// Helpers for bench/soak.ts: statistics, a weighted route picker, and generated test content
// (a one-page PDF résumé, varied interview answers). Every name and company here is invented.

// Nearest-rank percentile of an ascending array.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

// Least-squares slope of y over x; NaN with fewer than two distinct points.
export function slope(points: { x: number; y: number }[]): number {
  const valid = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const n = valid.length;
  if (n < 2) {
    return NaN;
  }
  const mx = valid.reduce((s, p) => s + p.x, 0) / n;
  const my = valid.reduce((s, p) => s + p.y, 0) / n;
  const sxx = valid.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = valid.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

// Smooth weighted round-robin (as in nginx): over any window of sum(weights) picks, each item is
// chosen exactly `weight` times, evenly spread, so the shares hold at every scale of the run.
export class WeightedPicker<T extends { weight: number }> {
  private readonly current: number[];
  private readonly total: number;

  constructor(private readonly items: T[]) {
    this.current = items.map(() => 0);
    this.total = items.reduce((s, i) => s + i.weight, 0);
  }

  next(): T {
    let best = 0;
    for (let i = 0; i < this.items.length; i++) {
      this.current[i] += this.items[i].weight;
      if (this.current[i] > this.current[best]) {
        best = i;
      }
    }
    this.current[best] -= this.total;
    return this.items[best];
  }
}

const PEOPLE = ['Robin Vale', 'Ari Okafor', 'Mina Sato', 'Jules Moreau', 'Tess Lindqvist'];
const SKILLS = [
  'TypeScript, Node.js, PostgreSQL, Docker, Kubernetes',
  'Python, Django, PostgreSQL, Redis, Celery',
  'Go, gRPC, Kafka, Kubernetes, Terraform',
  'Java, Spring Boot, MySQL, RabbitMQ, AWS',
];

// A small, real, text-based PDF résumé (about 1.5 KB); `variant` varies the person, skills and
// dates, so the parser sees different files rather than one file thousands of times.
export async function resumePdf(variant = 0): Promise<Buffer> {
  const person = PEOPLE[variant % PEOPLE.length];
  const handle = person.toLowerCase().replace(' ', '.');
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const lines = [
    person,
    `${handle}${variant}@example.net | +1 312 555 ${String(1000 + variant).slice(-4)}`,
    '',
    'Experience',
    `Backend Engineer, Northwind Traders    Mar ${2016 + (variant % 6)} - Present`,
    '- Built order and billing services in TypeScript and Node.js on PostgreSQL.',
    'Software Developer, Contoso    Jun 2015 - Feb 2018',
    '- Maintained Python data pipelines and REST APIs.',
    '',
    'Education',
    'BSc Computer Science, 2011 - 2015',
    '',
    'Skills',
    SKILLS[variant % SKILLS.length],
  ];
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 736 - i * 16, size: 11, font }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const WORDS = (
  'index query latency cache queue retry backoff idempotent transaction isolation deadlock ' +
  'replica failover partition shard migration rollback schema constraint trigger vacuum ' +
  'pool timeout circuit breaker bulkhead saga outbox event stream consumer producer offset ' +
  'throughput profiling flame graph heap leak allocation garbage collector benchmark metric ' +
  'trace span log alert dashboard runbook incident postmortem canary rollout feature flag ' +
  'contract test fixture mock stub coverage mutation review pairing refactor module boundary ' +
  'interface adapter port domain aggregate entity value repository service controller ' +
  'validation sanitising encoding token session rotation secret vault certificate handshake'
).split(' ');

// 18–25 words, mostly distinct per call, so the answer-similarity checks see realistic,
// different texts rather than thousands of copies of one answer.
export function answerText(seed: number): string {
  let x = (seed * 2654435761) >>> 0 || 1;
  const rand = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const count = 12 + Math.floor(rand() * 8);
  const picked = Array.from({ length: count }, () => WORDS[Math.floor(rand() * WORDS.length)]);
  return `I would start with ${picked.join(' ')} and then measure the result in production.`;
}
