// The dependency rules of src/: the source of truth for the module graph drawn in
// docs/architecture.md. `npm run lint:deps` (part of `npm run lint`, so of CI) checks them.
//
// There are no exceptions: `lint:deps` runs without a baseline, so any violation fails CI. The
// history of the ones removed (issue 15) is at the end of this file.

// Infrastructure: imports no feature module. kernel/ holds the shared contracts features
// implement (the personal-data port). audit/ is infrastructure too: every feature records its
// changes through AuditService and audit knows no feature.
const INFRASTRUCTURE = [
  'config',
  'database',
  'kernel',
  'common',
  'crypto',
  'queue',
  'storage',
  'metrics',
  'mail',
  'skills',
  'ai',
  'audit',
  'idempotency',
  'throttling',
];

// Feature modules from the bottom up: a module may import infrastructure and the modules BEFORE
// it in this list, never one after it. A strict order makes a module-level cycle impossible.
const FEATURES = [
  'auth',
  'jobs',
  'webhooks',
  'pipeline',
  // Reads the views the modules publish; the report routes are served by ats.
  'reporting',
  'consent',
  'candidates',
  'resumes',
  'questions',
  'ats',
  'interviews',
  'video',
  'media',
  'gdpr',
  'health',
  'web',
];

// The folders a module occupies.
function folders(module) {
  return [`src/${module}/`];
}

const anyOf = (paths) => `^(${paths.map((p) => p.replace(/[.]/g, '\\.')).join('|')})`;
const pathsOf = (modules) => modules.flatMap(folders);

// The top module has nothing above it (and an empty alternation would match every path).
const layering = FEATURES.slice(0, -1).map((module, rank) => {
  const above = FEATURES.slice(rank + 1);
  return {
    name: `layer-${module}`,
    comment: `${module} may import infrastructure and ${FEATURES.slice(0, rank).join(', ') || 'no feature'}`,
    severity: 'error',
    from: { path: anyOf(folders(module)) },
    to: {
      path: anyOf(pathsOf(above)),
      pathNot: anyOf(folders(module)),
    },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles between files (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'infrastructure-imports-no-feature',
      comment: 'config, database, common, crypto, queue, storage, mail, kernel… import no feature.',
      severity: 'error',
      from: { path: anyOf(INFRASTRUCTURE.map((m) => `src/${m}/`)) },
      to: { path: anyOf(pathsOf(FEATURES)) },
    },
    ...layering,
    {
      name: 'no-foreign-entities',
      comment:
        "A module never imports another module's entities: it asks that module's services (or reads a view).",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: '^src/[^/]+/.*(/entities/|[.]entity[.]ts$)',
        pathNot: ['^src/$1/', '^src/kernel/'],
      },
    },
    {
      name: 'feature-public-surface',
      comment:
        'Another feature is used through index.ts, its *.module.ts, services, presenters, DTOs and *.queues.ts only.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: anyOf(pathsOf(FEATURES)),
        pathNot: [
          '^src/$1/',
          '/index\\.ts$',
          '\\.module\\.ts$',
          '\\.service\\.ts$',
          '\\.presenter\\.ts$',
          '/dto/[^/]+\\.dto\\.ts$',
          // Queue names are a module's published contract: others enqueue its jobs by name.
          '\\.queues\\.ts$',
          '/entities/', // reported by no-foreign-entities instead
          '[.]entity[.]ts$',
        ],
      },
    },
    {
      name: 'pipeline-through-index',
      comment:
        'The pipeline module is used through src/pipeline/index.ts only: StageChangeWriter and the lock stay inside.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/pipeline/' },
      to: { path: '^src/pipeline/', pathNot: '^src/pipeline/index\\.ts$' },
    },
    {
      name: 'features-do-not-import-gdpr',
      comment:
        'The personal-data port is in src/kernel/personal-data; only the app root wires GdprModule.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/gdpr/', '^src/app\\.module\\.ts$'] },
      to: { path: '^src/gdpr/' },
    },
    {
      name: 'entities-in-entities-folder',
      comment:
        "An entity lives in its module's entities/ folder, where the rules above can see it.",
      severity: 'error',
      from: {},
      to: { path: '[.]entity[.]ts$', pathNot: '/entities/' },
    },
    {
      name: 'nothing-imports-scripts',
      comment:
        'src/scripts/ holds command-line entry points (seed); the application never imports them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/scripts/' },
      to: { path: '^src/scripts/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};

// REMOVED EXCEPTIONS (issue 15; the baseline file that held them is gone):
//
// 1. src/common/throttling imported AuthModule: src/throttling now declares the
//    RateLimitIdentity port, which app.module.ts fills from auth.
// 2. no-foreign-entities: every module keeps plain uuid columns, declares its foreign keys with
//    @ForeignKey by entity name and asks the owners through services, or through ports the owners
//    provide (PipelineApplications, TalentPoolMembership, CandidateResumes, CandidateInterviews);
//    reports and the pipeline counters read views the owners publish.
// 3. layer-webhooks: webhooks' stage events take a plain ApplicationStageSnapshot.
// 4. The apply flow's résumé hook: the apply route lives in resumes, above candidates, and hands
//    ApplicationsService an ApplicationResumes object per request.
// 5. interviews → video: interviews declares the meeting queues it enqueues in
//    interviews.queues.ts and the InterviewMeetingSource port for the `meeting` field; video
//    works the queues and provides the port.
// 6. candidates → jobs/salary.ts: jobs publishes parseSalaryRange in src/jobs/index.ts.
//
// @Global modules (checked by eslint.config.mjs): DatabaseModule, CryptoModule (config is global
// through ConfigModule.forRoot) are infrastructure every module needs; QueueModule (enqueue inside
// the caller's transaction), StorageModule (the FileStorage port) and MetricsModule (one registry
// per process) are per-process singletons with no feature knowledge; LoggingModule (nestjs-pino and
// the request context the audit log reads) is the logger, which issue #15 names as infrastructure;
// AuditModule is the log every change of every module joins in its own transaction, and knows no
// feature. Feature modules — consent, ai and the rest — are imported where they are used.
