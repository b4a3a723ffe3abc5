import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { answerText, percentile, resumePdf, slope, WeightedPicker } from './soak-support';

// Mixed workload at a fixed request rate for a fixed time, against one process (APP_ROLE=all) or
// an API process plus a separate worker (`split`: APP_ROLE=api on PORT, APP_ROLE=worker on
// PORT+1, which only answers /api/health and /metrics). Usage:
//   DATABASE_URL=… node dist/bench/soak.js <seconds> <requests per second> [all|split]
//
// Setup (through the API, before the clock starts): the bootstrap admin signs in, creates a
// recruiter, a job with 60 generated and approved questions, and signs up candidates who apply
// to it and to two listed jobs (with ai_evaluation consent, so answers are machine-scored);
// the recruiter schedules enough 50-question interviews for the run's answer share and the
// candidates start them. Each (interview, question) pair is answered once: a second answer is
// a 409, so the pool is sized from the run length.
//
// Load: our own open-loop scheduler. Request i is due at start + i / rate; a 2 ms timer sends
// every due request, up to SOAK_MAX_IN_FLIGHT (default 256) at once. Latency is measured from
// the due time, not the send time, so a stalled server is charged for the requests that queued
// behind it (no coordinated omission); the time from the actual send is reported beside it.
// Routes are interleaved by smooth weighted round-robin, so the shares below are exact.
//
// Every 10 s: RSS of the API (and worker) process, V8 heap used and event-loop p99 from each
// process's /metrics, queued pg-boss jobs (panelist_queue_jobs, state queued, from the API's
// /metrics) and the database's connections (pg_stat_activity, this sampler excluded). The report
// ends with least-squares slopes of RSS and heap used over the second half of the run.
// SOAK_MAX_OLD_SPACE_MB caps the processes' V8 old space: a leak then ends the run with an
// out-of-memory crash (errors, and the process gone) instead of a slowly rising RSS line.
const SECONDS = Number(process.argv[2] ?? 120);
const RATE = Number(process.argv[3] ?? 100);
const MODE = process.argv[4] ?? 'all';
const PORT = 8795;
const MAX_IN_FLIGHT = Number(process.env.SOAK_MAX_IN_FLIGHT ?? 256);
const REQUEST_TIMEOUT_MS = 30_000;
const QUESTIONS_PER_INTERVIEW = 50;
const CANDIDATES = 8;
const root = join(__dirname, '..', '..');
const base = `http://127.0.0.1:${PORT}`;
const workerBase = `http://127.0.0.1:${PORT + 1}`;
const MAX_OLD_SPACE = process.env.SOAK_MAX_OLD_SPACE_MB;
const ADMIN = { email: 'bench.admin@panelist.bench', password: 'bench-admin-password-2026' };
const run = Date.now().toString(36);

if (!['all', 'split'].includes(MODE) || !(SECONDS > 0) || !(RATE > 0)) {
  throw new Error('usage: soak.js <seconds> <requests per second> [all|split]');
}

function startApp(role: string, port: number): ChildProcess {
  const flags = MAX_OLD_SPACE ? [`--max-old-space-size=${MAX_OLD_SPACE}`] : [];
  return spawn(process.execPath, [...flags, join(root, 'dist', 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      APP_ROLE: role,
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '100000000',
      // Tokens minted at setup must outlive the run (default 15 min).
      JWT_ACCESS_TTL: String(Math.max(900, SECONDS + 600)),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function rssMiB(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line?.replace(/\D+/g, '') ?? NaN) / 1024);
  } catch {
    return NaN; // process gone
  }
}

interface Runtime {
  loopP99Ms: number;
  heapUsedMiB: number;
  queuedJobs: number;
}

async function runtimeMetrics(url: string): Promise<Runtime> {
  try {
    const text = await (
      await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })
    ).text();
    const value = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1]);
    // Queued (not yet started) pg-boss jobs over all queues: does the worker keep up?
    const queued = [...text.matchAll(/^panelist_queue_jobs\{[^}]*state="queued"[^}]*\} (\S+)/gm)];
    return {
      loopP99Ms: Math.round(value('nodejs_eventloop_lag_p99_seconds') * 1000 * 10) / 10,
      heapUsedMiB: Math.round(value('nodejs_heap_size_used_bytes') / 1024 / 1024),
      queuedJobs: queued.length ? queued.reduce((sum, m) => sum + Number(m[1]), 0) : NaN,
    };
  } catch {
    return { loopP99Ms: NaN, heapUsedMiB: NaN, queuedJobs: NaN };
  }
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        return;
      }
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not become healthy`);
}

// --- setup through the API --------------------------------------------------------------------

interface CallOptions {
  token?: string;
  json?: unknown;
  form?: FormData;
}

async function call(method: string, path: string, expect: number, options: CallOptions = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.form ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined),
  });
  const text = await res.text();
  if (res.status !== expect) {
    throw new Error(`setup: ${method} ${path} → ${res.status} (expected ${expect}): ${text}`);
  }
  return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
}

// Runs `work` over `items` with at most `width` at a time.
async function inParallel<T, R>(items: T[], width: number, work: (item: T) => Promise<R>) {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]);
      }
    }),
  );
  return out;
}

interface Candidate {
  token: string;
  applicationIds: string[];
  interviewApplicationId: string;
}

interface Answer {
  token: string;
  interviewId: string;
  questionId: string;
}

async function setup(answersNeeded: number) {
  const login = async (username: string, password: string) =>
    (await call('POST', '/api/auth/login', 200, { json: { username, password } }))
      .access_token as string;
  const admin = await login(ADMIN.email, ADMIN.password);
  const recruiterName = `soak_r_${run}`;
  const staffPassword = `soak-recruiter-${run}-pw`;
  await call('POST', '/api/admin/users', 201, {
    token: admin,
    json: {
      username: recruiterName,
      email: `${recruiterName}@bench.example`,
      password: staffPassword,
      role: 'recruiter',
      full_name: 'Soak Recruiter',
    },
  });
  const recruiter = await login(recruiterName, staffPassword);

  // Jobs for browsing, applying and the recruiter views: the first page of the public list.
  const listed = await call('GET', '/api/jobs?limit=100', 200);
  const browseJobs = (listed.items as { id: string }[]).map((j) => j.id);
  const applyJobs = browseJobs.slice(0, 20);

  // A job with approved questions for the interviews.
  const job = await call('POST', '/api/jobs', 201, {
    token: recruiter,
    json: {
      title: `Soak Backend Engineer ${run}`,
      description: 'Services on PostgreSQL and Node.js; queues, caching and observability.',
      skills_required: ['PostgreSQL', 'TypeScript', 'Node.js', 'Docker'],
    },
  });
  const questionIds: string[] = [];
  for (const types of [['technical'], ['behavioral'], ['situational']]) {
    const generated = await call('POST', '/api/questions/generate', 201, {
      token: recruiter,
      json: { job_id: job.id, count: 20, types },
    });
    questionIds.push(...(generated.items as { id: string }[]).map((q) => q.id));
  }
  await call('POST', '/api/questions/approve', 200, {
    token: admin,
    json: { question_ids: questionIds, approved: true },
  });
  const interviewQuestions = questionIds.slice(0, QUESTIONS_PER_INTERVIEW);

  // Candidates: each applies to the interview job and two listed jobs.
  const candidates = await inParallel(
    Array.from({ length: CANDIDATES }, (_, i) => i),
    4,
    async (i): Promise<Candidate> => {
      const username = `soak_c_${run}_${i}`;
      const email = `${username}@bench.example`;
      const signup = await call('POST', '/api/auth/signup', 201, {
        json: { username, email, password: `soak-candidate-${run}-${i}`, full_name: `Soak ${i}` },
      });
      const token = signup.access_token as string;
      await call('POST', '/api/gdpr/consent', 201, {
        token,
        json: { purpose: 'ai_evaluation', granted: true, policy_version: '2026-01' },
      });
      const applicationIds: string[] = [];
      for (const jobId of [job.id as string, applyJobs[i % 20], applyJobs[(i + 7) % 20]]) {
        const applied = await call('POST', `/api/jobs/${jobId}/applications`, 201, {
          token,
          json: {
            applicant_name: `Soak Candidate ${i}`,
            applicant_email: email,
            consent_data_processing: true,
          },
        });
        applicationIds.push(applied.id as string);
      }
      return { token, applicationIds, interviewApplicationId: applicationIds[0] };
    },
  );

  // Interviews: enough (interview, question) pairs for every answer the run will send.
  const interviewCount = Math.ceil(answersNeeded / interviewQuestions.length);
  const scheduledAt = new Date(Date.now() + 60_000).toISOString();
  const interviews = await inParallel(
    Array.from({ length: interviewCount }, (_, i) => candidates[i % candidates.length]),
    8,
    async (candidate) => {
      const created = await call('POST', '/api/interviews', 201, {
        token: recruiter,
        json: {
          application_id: candidate.interviewApplicationId,
          scheduled_at: scheduledAt,
          duration_minutes: 480,
          mode: 'async',
          question_ids: interviewQuestions,
        },
      });
      const interviewId = created.id as string;
      const started = await call('POST', `/api/interviews/${interviewId}/start`, 200, {
        token: candidate.token,
      });
      return (started.questions as { id: string }[]).map((q): Answer => ({
        token: candidate.token,
        interviewId,
        questionId: q.id,
      }));
    },
  );
  // Each candidate works through its interviews in order; consecutive answers alternate
  // between candidates, so concurrent answers rarely wait on the same interview's row lock.
  const perCandidate = candidates.map((c) =>
    interviews.filter((a) => a[0].token === c.token).flat(),
  );
  const answers: Answer[] = [];
  for (let i = 0; answers.length < interviews.flat().length; i++) {
    for (const queue of perCandidate) {
      if (i < queue.length) {
        answers.push(queue[i]);
      }
    }
  }
  return { recruiter, browseJobs, applyJobs, candidates, answers, interviewCount };
}

// --- the timed phase ------------------------------------------------------------------------

interface Outgoing {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  json?: unknown;
  form?: FormData;
}

interface Route {
  name: string;
  weight: number;
  // 4xx statuses the contract makes expected for this request; none of ours expects any.
  expected4xx: number[];
  make: () => Outgoing | null;
}

interface RouteStats {
  latency: number[]; // from the due time, ms
  service: number[]; // from the actual send, ms
  statuses: Map<string, number>;
  errors: number;
  skipped: number;
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const api = startApp(MODE === 'split' ? 'api' : 'all', PORT);
  const worker = MODE === 'split' ? startApp('worker', PORT + 1) : null;
  const exits: string[] = [];
  api.on('exit', (code, signal) => exits.push(`API process exited (${code ?? signal})`));
  worker?.on('exit', (code, signal) => exits.push(`worker process exited (${code ?? signal})`));
  try {
    await waitForHealth(base);
    if (worker) {
      await waitForHealth(workerBase);
    }
    const setupStarted = Date.now();
    const routes: Route[] = [];
    const answerWeight = 10;
    const s = await setup(Math.ceil(SECONDS * RATE * (answerWeight / 100) * 1.05) + 10);
    const resumes = await Promise.all(Array.from({ length: 20 }, (_, i) => resumePdf(i)));
    const setupSeconds = Math.round((Date.now() - setupStarted) / 100) / 10;

    // Each call site walks its own list in order.
    const cycle = <T>(items: T[]) => {
      let i = 0;
      return () => items[i++ % items.length];
    };
    const searches = [
      'engineer python',
      'backend postgresql',
      'mobile developer',
      'platform kubernetes',
      'data engineer spark',
      'product designer',
    ];
    const nextSearch = cycle(searches);
    const nextBrowseJob = cycle(s.browseJobs);
    const nextBoardJob = cycle(s.applyJobs);
    const nextListJob = cycle(s.applyJobs);
    const nextJsonApplyJob = cycle(s.applyJobs);
    const nextResumeApplyJob = cycle(s.applyJobs);
    const nextResume = cycle(resumes);
    const nextListingCandidate = cycle(s.candidates);
    const nextViewingCandidate = cycle(s.candidates);
    let viewed = 0;
    let applied = 0;
    let answered = 0;
    routes.push(
      {
        name: 'GET /api/jobs (list)',
        weight: 14,
        expected4xx: [],
        make: () => ({ method: 'GET', path: '/api/jobs?limit=20' }),
      },
      {
        name: 'GET /api/jobs/search',
        weight: 14,
        expected4xx: [],
        make: () => ({
          method: 'GET',
          path: `/api/jobs/search?q=${encodeURIComponent(nextSearch())}`,
        }),
      },
      {
        name: 'GET /api/jobs/:id',
        weight: 14,
        expected4xx: [],
        make: () => ({ method: 'GET', path: `/api/jobs/${nextBrowseJob()}` }),
      },
      {
        name: 'GET /api/ats/pipeline (recruiter)',
        weight: 8,
        expected4xx: [],
        make: () => ({
          method: 'GET',
          path: `/api/ats/pipeline?job_id=${nextBoardJob()}`,
          token: s.recruiter,
        }),
      },
      {
        name: 'GET /api/jobs/:id/applications (recruiter)',
        weight: 8,
        expected4xx: [],
        make: () => ({
          method: 'GET',
          path: `/api/jobs/${nextListJob()}/applications?limit=20`,
          token: s.recruiter,
        }),
      },
      {
        name: 'POST /api/jobs/:id/applications (JSON)',
        weight: 8,
        expected4xx: [],
        make: () => ({
          method: 'POST',
          path: `/api/jobs/${nextJsonApplyJob()}/applications`,
          json: {
            applicant_name: 'Soak Applicant',
            applicant_email: `soak.${run}.${applied++}@bench.example`,
            consent_data_processing: true,
          },
        }),
      },
      {
        name: 'POST /api/jobs/:id/applications (PDF résumé)',
        weight: 6,
        expected4xx: [],
        make: () => {
          const form = new FormData();
          const resume = nextResume();
          form.append('applicant_name', 'Soak Applicant');
          form.append('applicant_email', `soak.${run}.${applied++}@bench.example`);
          form.append('consent_data_processing', 'true');
          form.append(
            'resume',
            new Blob([new Uint8Array(resume)], { type: 'application/pdf' }),
            'resume.pdf',
          );
          return { method: 'POST', path: `/api/jobs/${nextResumeApplyJob()}/applications`, form };
        },
      },
      {
        name: 'GET /api/applications/me (candidate)',
        weight: 10,
        expected4xx: [],
        make: () => ({
          method: 'GET',
          path: '/api/applications/me',
          token: nextListingCandidate().token,
        }),
      },
      {
        name: 'GET /api/applications/:id (candidate)',
        weight: 8,
        expected4xx: [],
        make: () => {
          const c = nextViewingCandidate();
          return {
            method: 'GET',
            path: `/api/applications/${c.applicationIds[viewed++ % c.applicationIds.length]}`,
            token: c.token,
          };
        },
      },
      {
        name: 'POST /api/interviews/:id/answers (candidate)',
        weight: answerWeight,
        expected4xx: [],
        make: () => {
          const a = s.answers[answered];
          if (!a) {
            return null; // pool exhausted: counted as skipped
          }
          answered++;
          return {
            method: 'POST',
            path: `/api/interviews/${a.interviewId}/answers`,
            token: a.token,
            json: { question_id: a.questionId, answer_text: answerText(answered) },
          };
        },
      },
    );
    const stats = new Map<string, RouteStats>(
      routes.map((r) => [
        r.name,
        { latency: [], service: [], statuses: new Map(), errors: 0, skipped: 0 },
      ]),
    );
    const picker = new WeightedPicker(routes);

    // Samples.
    interface Sample {
      t: number;
      apiRss: number;
      apiHeap: number;
      apiLoop: number;
      workerRss: number;
      workerHeap: number;
      workerLoop: number;
      queued: number;
      db: number;
    }
    const samples: Sample[] = [];
    const sample = async (t: number) => {
      const {
        rows: [c],
      } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      const [a, w] = await Promise.all([
        runtimeMetrics(base),
        worker ? runtimeMetrics(workerBase) : Promise.resolve<Runtime | null>(null),
      ]);
      samples.push({
        t,
        apiRss: rssMiB(api.pid),
        apiHeap: a.heapUsedMiB,
        apiLoop: a.loopP99Ms,
        workerRss: worker ? rssMiB(worker.pid) : NaN,
        workerHeap: w?.heapUsedMiB ?? NaN,
        workerLoop: w?.loopP99Ms ?? NaN,
        queued: a.queuedJobs,
        db: c.n,
      });
    };
    await sample(0);

    // Open-loop dispatch.
    const intervalMs = 1000 / RATE;
    const total = Math.floor(SECONDS * RATE);
    const started = performance.now();
    const startedWall = Date.now();
    let due = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let lastDone = started;
    const pending = new Set<Promise<void>>();
    const send = (route: Route, dueAt: number) => {
      const st = stats.get(route.name)!;
      const out = route.make();
      if (!out) {
        st.skipped++;
        return;
      }
      const sentAt = performance.now();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const p = (async () => {
        let status: string;
        try {
          const res = await fetch(`${base}${out.path}`, {
            method: out.method,
            headers: {
              ...(out.token ? { authorization: `Bearer ${out.token}` } : {}),
              ...(out.json !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            body: out.form ?? (out.json !== undefined ? JSON.stringify(out.json) : undefined),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          await res.arrayBuffer();
          status = String(res.status);
          const ok = res.status >= 200 && res.status < 300;
          if (!ok && !route.expected4xx.includes(res.status)) {
            st.errors++;
          }
        } catch (error) {
          status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
          st.errors++;
        }
        const now = performance.now();
        lastDone = Math.max(lastDone, now);
        st.latency.push(now - dueAt);
        st.service.push(now - sentAt);
        st.statuses.set(status, (st.statuses.get(status) ?? 0) + 1);
        inFlight--;
      })();
      pending.add(p);
      void p.finally(() => pending.delete(p));
    };
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        while (due < total && started + due * intervalMs <= now && inFlight < MAX_IN_FLIGHT) {
          send(picker.next(), started + due * intervalMs);
          due++;
        }
        if (due >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 2);
      const sampler = setInterval(() => {
        if (due >= total) {
          clearInterval(sampler);
          return;
        }
        sample(Math.round((Date.now() - startedWall) / 1000)).catch((error: Error) =>
          process.stderr.write(`sample failed: ${error.message}\n`),
        );
      }, 10_000);
    });
    await Promise.all([...pending]);
    const elapsedS = (lastDone - started) / 1000;
    await sample(Math.round((Date.now() - startedWall) / 1000));

    // Report.
    const fmt = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
    const routeRows = routes.map((r) => {
      const st = stats.get(r.name)!;
      const lat = [...st.latency].sort((a, b) => a - b);
      const svc = [...st.service].sort((a, b) => a - b);
      const statuses = [...st.statuses.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, count]) => `${code}: ${count}`)
        .join(', ');
      return (
        `| ${r.name} | ${r.weight}% | ${lat.length} | ${fmt(lat.length / elapsedS, 1)} | ` +
        `${fmt(percentile(lat, 50))} | ${fmt(percentile(lat, 99))} | ${fmt(lat[lat.length - 1])} | ` +
        `${fmt(percentile(svc, 99))} | ${statuses}${st.skipped ? `, skipped: ${st.skipped}` : ''} | ${st.errors} |`
      );
    });
    const all = routes.flatMap((r) => stats.get(r.name)!.latency).sort((a, b) => a - b);
    const allSvc = routes.flatMap((r) => stats.get(r.name)!.service).sort((a, b) => a - b);
    const errors = routes.reduce((sum, r) => sum + stats.get(r.name)!.errors, 0);
    const weightTotal = routes.reduce((sum, r) => sum + r.weight, 0);

    const secondHalf = samples.filter((x) => x.t >= SECONDS / 2);
    const perMinute = (key: keyof Sample) =>
      fmt(slope(secondHalf.map((x) => ({ x: x.t / 60, y: x[key] }))), 2);
    const trend =
      `Trend over the second half (t ≥ ${Math.round(SECONDS / 2)} s, ${secondHalf.length} samples, least-squares slope): ` +
      `API RSS ${perMinute('apiRss')} MiB/min, API heap used ${perMinute('apiHeap')} MiB/min` +
      (worker
        ? `; worker RSS ${perMinute('workerRss')} MiB/min, worker heap used ${perMinute('workerHeap')} MiB/min.`
        : '.');
    const sampleRows = samples.map(
      (x) =>
        `| ${x.t} | ${fmt(x.apiRss)} | ${fmt(x.apiHeap)} | ${fmt(x.apiLoop, 1)} | ` +
        (worker ? `${fmt(x.workerRss)} | ${fmt(x.workerHeap)} | ${fmt(x.workerLoop, 1)} | ` : '') +
        `${fmt(x.queued)} | ${x.db} |`,
    );
    const report = [
      `Mode ${MODE}${MODE === 'split' ? ' (APP_ROLE=api + APP_ROLE=worker)' : ' (APP_ROLE=all)'}, ` +
        `${SECONDS} s at ${RATE} req/s target, open-loop scheduler (at most ${MAX_IN_FLIGHT} in flight, ` +
        `${maxInFlight} reached)` +
        (MAX_OLD_SPACE ? `, V8 old space capped at ${MAX_OLD_SPACE} MiB.` : '.'),
      `Setup ${setupSeconds} s: ${s.candidates.length} candidates, ${s.interviewCount} interviews × ` +
        `${QUESTIONS_PER_INTERVIEW} questions (${s.answers.length} answerable), ${s.applyJobs.length} jobs ` +
        `receiving applications, ${s.browseJobs.length} jobs browsed.`,
      '',
      `Sent ${all.length} requests in ${fmt(elapsedS, 1)} s: **${fmt(all.length / elapsedS, 2)} req/s**; ` +
        `latency from the scheduled send time p50 ${fmt(percentile(all, 50))} ms, p99 ${fmt(percentile(all, 99))} ms, ` +
        `max ${fmt(all[all.length - 1])} ms (from the actual send: p99 ${fmt(percentile(allSvc, 99))} ms); ` +
        `**errors ${errors}** (${fmt((errors / Math.max(1, all.length)) * 100, 3)} %). ` +
        'Expected 4xx: none — every request of this workload is valid, so any non-2xx counts as an error.' +
        (exits.length ? ` **${exits.join('; ')}.**` : ''),
      '',
      '| route | share | count | req/s | p50 ms | p99 ms | max ms | p99 ms from send | statuses | errors |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...routeRows,
      '',
      `Shares are of ${weightTotal} weight units; latency columns are from the scheduled send time.`,
      '',
      trend,
      '',
      worker
        ? '| t (s) | API RSS MiB | API heap used MiB | API event-loop p99 ms | worker RSS MiB | worker heap used MiB | worker event-loop p99 ms | queued jobs | DB connections (excl. sampler) |'
        : '| t (s) | RSS MiB | V8 heap used MiB | event-loop p99 ms | queued jobs | DB connections (excl. sampler) |',
      worker ? '|---|---|---|---|---|---|---|---|---|' : '|---|---|---|---|---|---|',
      ...sampleRows,
    ].join('\n');
    process.stdout.write(`${report}\n`);
    writeFileSync(join(root, 'bench', `soak-last-${MODE}.md`), `${report}\n`);
  } finally {
    api.kill('SIGTERM');
    worker?.kill('SIGTERM');
    await db.end();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
