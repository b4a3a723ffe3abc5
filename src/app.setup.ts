import { ConfigService } from '@nestjs/config';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCors from '@fastify/cors';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import { assertEveryRouteHasPolicy } from './common/auth/route-policy';
import { buildProblem, ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { validationExceptionFactory } from './common/errors/validation-problem';
import { AppValidationPipe } from './common/validation/app-validation.pipe';
import { completeOpenApiDocument } from './common/openapi/openapi-document';
import { applyPublicCache } from './common/http/public-cache';
import { GLOBAL_PREFIX, UNPREFIXED_ROUTES } from './common/http/global-prefix';
import { registerRedoc } from './common/http/redoc-page';
import { addDataHeaders, addPageHeaders } from './common/http/security-headers';
import { streamingMultipart } from './common/http/streaming-multipart';
import { runInRequestScope } from './common/logging/request-context';
import { REQUEST_ID_LOG_LABEL } from './common/logging/root-logger';
import { httpServerSettingsFrom } from './config/app-config';
import type { AppConfig, AppSettings, HttpServerSettings } from './config/app-config';
import { MetricsService } from './metrics/metrics.service';
import { RateLimitHeaders } from './throttling/rate-limit.guard';

const JSON_BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// Node checks header and request deadlines on a timer (30 s by default), which would stretch a 15 s
// limit to 45 s: check a few times per limit, at most once a second.
function connectionsCheckingInterval(limits: HttpServerSettings): number {
  return Math.min(1000, Math.ceil(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4));
}

// Headers configureApp adds to every answer, for the router errors that skip the hooks.
const frameworkErrorHeaders = new WeakMap<
  object,
  (request: FastifyRequest, reply: FastifyReply) => void
>();

// `limits` defaults to the environment: the adapter is built before the Nest configuration exists
// (main.ts passes the validated values; the e2e harness sets the environment first).
export function createFastifyAdapter(
  logger: PinoLogger,
  limits: HttpServerSettings = httpServerSettingsFrom(process.env),
): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: logger,
    // Slowloris and slow-body clients: past these limits Node answers 408 and closes the socket.
    // Fastify's default requestTimeout (0) would disable Node's limit. There is deliberately no
    // idle-socket timeout (connectionTimeout): it would cut SSE streams and slow downloads.
    // Header size stays capped by Node's maxHeaderSize (16 KiB, 431 beyond).
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // Also here: Node checks headersTimeout against it (default 300 s) before Fastify sets it.
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: connectionsCheckingInterval(limits),
    },
    // Per-request lines come from our onResponse hook (one line, with the request id).
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: REQUEST_ID_LOG_LABEL,
    }),
    // Errors the router raises before any route or hook runs (a path segment over 100
    // characters, a malformed percent-encoding) answer as problem documents too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      // No onSend hook runs for these: the headers every answer carries are set here.
      frameworkErrorHeaders.get(request.server)?.(request, reply);
      void reply
        .code(status)
        .header('Content-Type', 'application/problem+json; charset=utf-8')
        .header('X-Content-Type-Options', 'nosniff')
        .header('X-Request-Id', request.id)
        .send(
          buildProblem(
            status,
            status === 414 ? 'A path segment is too long' : 'The URL is not valid',
            request,
            { code: status === 414 ? 'URI_TOO_LONG' : 'BAD_URL' },
          ),
        );
    },
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: false,
    // Echo a well-formed client request id, otherwise mint one.
    genReqId: (req: IncomingMessage) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
  });
}

// Everything main.ts and the e2e tests share: prefix, validation, errors, headers, docs, hooks.
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const config = app.get<ConfigService<AppConfig, true>>(ConfigService);
  const settings = config.get<AppSettings>('app');
  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();

  // First of all hooks: the rest of the request runs in its logging scope (request-context.ts).
  fastify.addHook('onRequest', (request, reply, done) => runInRequestScope(request, done));
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: UNPREFIXED_ROUTES });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new AppValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  // @fastify/cors registered directly rather than through app.enableCors(), which runs the same
  // hook and then copies its headers onto the raw response for Nest middleware (there is none
  // here); that copy cost every request a header lookup and Node's slower header path.
  await app.register(fastifyCors, {
    origin: (origin, done) =>
      done(null, !origin || settings.corsOrigins.includes(origin) ? (origin ?? false) : false),
    credentials: true,
    exposedHeaders: [
      'X-Request-Id',
      'Retry-After',
      'Content-Disposition',
      'Idempotent-Replayed',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ],
  });

  // Security headers (common/http/security-headers.ts): the data set on every reply from the
  // first hooks on, the page set added to HTML answers in onSend.
  fastify.addHook('onRequest', (request, reply, done) => {
    addDataHeaders(reply);
    done();
  });
  await app.register(streamingMultipart, {
    limits: {
      fileSize: settings.maxFileSize,
      files: 1,
      fields: 40,
      fieldSize: 64 * 1024,
      parts: 45,
    },
  });

  if (settings.role === 'worker') {
    // A worker process runs queue jobs; it answers health checks and metrics, not the API.
    fastify.addHook('onRequest', (request, reply, done) => {
      const path = request.url.split('?')[0];
      if (path === '/api/health' || path === '/metrics') {
        return done();
      }
      void reply
        .code(404)
        .header('Content-Type', 'application/problem+json; charset=utf-8')
        .send(
          buildProblem(
            404,
            'This is a worker process (APP_ROLE=worker): it serves /api/health and /metrics only',
            request,
            { code: 'WORKER_PROCESS' },
          ),
        );
    });
  }
  const rateLimitHeaders = app.get(RateLimitHeaders);
  frameworkErrorHeaders.set(fastify, (request, reply) =>
    rateLimitHeaders.fillIn(request, reply, settings.rateLimitPerMinute),
  );
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('X-Request-Id', request.id);
    addPageHeaders(reply);
    rateLimitHeaders.fillIn(request, reply, settings.rateLimitPerMinute);
    done(null, applyPublicCache(request, reply, payload));
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    request.log.info(
      {
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
    done();
  });
  registerRedoc(fastify);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Panelist API')
      .setDescription(
        'AI-assisted interviews and applicant tracking. Errors are RFC 9457 problem documents; lists are cursor pages `{ items, next_cursor, limit }`.',
      )
      .setVersion(settings.version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  completeOpenApiDocument(app, document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
  });

  await app.init();
  assertEveryRouteHasPolicy(app);
  return app;
}
