import { ValidationPipe } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import { LogController } from 'fastify';
import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import { assertEveryRouteHasPolicy } from './common/auth/route-policy';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { validationExceptionFactory } from './common/errors/validation-problem';
import { requestContext } from './common/http/request-context';
import type { AppConfig, AppSettings } from './config/app-config';
import { MetricsService } from './metrics/metrics.service';
import { QueueService } from './queue/queue.service';

const JSON_BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function createFastifyAdapter(logger: PinoLogger): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: logger,
    // Per-request lines come from our onResponse hook (one line, with the request id).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: false,
    // Echo a well-formed client request id, otherwise mint one.
    genReqId: (req: IncomingMessage) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
  });
}

function redocPage(): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Panelist API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/docs-json"></redoc>
<script src="https://cdn.redoc.ly/redoc/v2.5.0/bundles/redoc.standalone.js"></script></body></html>`;
}

// Everything main.ts and the e2e tests share: prefix, validation, errors, headers, docs, hooks.
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const config = app.get<ConfigService<AppConfig, true>>(ConfigService);
  const settings = config.get<AppSettings>('app');
  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();

  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.enableCors({
    origin: (origin, done) =>
      done(null, !origin || settings.corsOrigins.includes(origin) ? (origin ?? false) : false),
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'", 'https://cdn.redoc.ly'],
        styleSrc: ["'self'", "'unsafe-inline'", 'https:'],
        imgSrc: ["'self'", 'data:', 'https:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart, {
    limits: {
      fileSize: settings.maxFileSize,
      files: 1,
      fields: 40,
      fieldSize: 64 * 1024,
      parts: 45,
    },
  });

  fastify.addHook('onRequest', (request, _reply, done) => {
    requestContext.run({ requestId: request.id, ip: request.ip }, done);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('X-Request-Id', request.id);
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
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
  fastify.get('/metrics', async (_request, reply) => {
    const queue = app.get(QueueService);
    for (const q of await queue.depth().catch(() => [])) {
      metrics.queueDepth.set({ queue: q.name, state: 'queued' }, q.queued);
      metrics.queueDepth.set({ queue: q.name, state: 'active' }, q.active);
      metrics.queueDepth.set({ queue: q.name, state: 'failed' }, q.failed);
    }
    void reply.header('Content-Type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  fastify.get('/redoc', (_request, reply) => {
    void reply.header('Content-Type', 'text/html; charset=utf-8').send(redocPage());
  });

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
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
  });

  await app.init();
  assertEveryRouteHasPolicy(app);
  return app;
}
