import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig, AppSettings, CareersSettings } from '../config/app-config';
import { CareersPages } from './careers.pages';
import { MessageCatalogue } from './message-catalogue';
import { PageRenderer } from './page-renderer';
import { PageResponder } from './page-responder';
import { PublicApiClient } from './public-api.client';
import { WEB_DIR, readManifest } from './web-files';

const ASSET_PREFIX = '/candidate-assets/';
const CONSENT_PURPOSES = [
  'data_processing',
  'ai_evaluation',
  'recording',
  'talent_pool',
  'marketing',
];

// Registers the hosted candidate pages (API.md "Hosted candidate pages") on the HTTP server:
// /careers, /careers/:jobId, /interview/:token and /me, plus their fingerprinted assets.
// CANDIDATE_PAGES=false registers nothing, so every one of those paths answers 404.
@Injectable()
export class CandidatePagesService implements OnModuleInit {
  private readonly logger = new Logger('CandidatePages');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onModuleInit(): void {
    const settings = this.config.get<CareersSettings>('careers');
    const app = this.config.get<AppSettings>('app');
    // No HTTP server at all in an application context (npm run seed and the other scripts).
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (!settings.enabled || app.role === 'worker' || !adapter) {
      return;
    }
    const fastify = adapter.getInstance<FastifyInstance>();
    const manifest = readManifest();
    if (!manifest) {
      this.logger.warn('The candidate pages are not built (run npm run build): they answer 503');
      for (const path of ['/careers', '/careers/:jobId', '/interview/:token', '/me']) {
        fastify.get(path, (_request, reply) => this.unbuilt(reply));
      }
      return;
    }
    const catalogue = MessageCatalogue.load(join(WEB_DIR, 'messages'), settings.language);
    const assets = new Map<string, { body: Buffer; type: string }>();
    for (const file of Object.values(manifest)) {
      assets.set(file, {
        body: readFileSync(join(WEB_DIR, 'assets', file)),
        type: contentType(file),
      });
    }
    // The theme is built from the settings at start-up, fingerprinted like the bundled files.
    const theme = Buffer.from(`:root{--accent:${settings.accentColor};}\n`);
    const themeFile = `theme-${createHash('sha256').update(theme).digest('hex').slice(0, 10)}.css`;
    assets.set(themeFile, { body: theme, type: 'text/css; charset=utf-8' });
    const renderer = new PageRenderer(
      join(WEB_DIR, 'views'),
      catalogue,
      { ...manifest, 'theme.css': themeFile },
      settings,
    );
    const pages = new PageResponder(catalogue, renderer, settings.logoUrl);
    const careers = new CareersPages(
      new PublicApiClient(fastify),
      pages,
      app.maxFileSize,
      settings.policyVersion,
    );

    fastify.get<{ Params: { file: string } }>(`${ASSET_PREFIX}:file`, (request, reply) => {
      const asset = assets.get(request.params.file);
      if (!asset) {
        return pages.notFound(reply);
      }
      // The name changes whenever the content does: cache for a year, never revalidate.
      return reply
        .header('Content-Type', asset.type)
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .send(asset.body);
    });
    fastify.get(
      '/careers',
      (request: FastifyRequest<{ Querystring: Record<string, string> }>, reply) =>
        careers.list(request, reply),
    );
    fastify.get(
      '/careers/:jobId',
      (request: FastifyRequest<{ Params: { jobId: string } }>, reply) =>
        careers.show(request, reply),
    );
    fastify.post(
      '/careers/:jobId',
      (request: FastifyRequest<{ Params: { jobId: string } }>, reply) =>
        careers.apply(request, reply),
    );
    fastify.get(
      '/interview/:token',
      (request: FastifyRequest<{ Params: { token: string } }>, reply) =>
        pages.send(reply, 200, 'interview', {
          title: catalogue.t('interview.title'),
          policyVersion: settings.policyVersion,
          script: 'interview.js',
          data: { token: request.params.token, policyVersion: settings.policyVersion },
        }),
    );
    fastify.get('/me', (_request, reply) =>
      pages.send(reply, 200, 'me', {
        title: catalogue.t('me.title'),
        nav: 'me',
        purposes: CONSENT_PURPOSES,
        policyVersion: settings.policyVersion,
        script: 'me.js',
        data: { policyVersion: settings.policyVersion, purposes: CONSENT_PURPOSES },
      }),
    );
  }

  private unbuilt(reply: FastifyReply): FastifyReply {
    return reply
      .code(503)
      .header('Content-Type', 'text/plain; charset=utf-8')
      .send('The candidate pages are not built: run npm run build');
  }
}

function contentType(file: string): string {
  if (file.endsWith('.js')) {
    return 'application/javascript; charset=utf-8';
  }
  if (file.endsWith('.css')) {
    return 'text/css; charset=utf-8';
  }
  return 'application/octet-stream';
}
