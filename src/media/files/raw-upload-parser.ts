import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { UPLOAD_ROUTE } from './media-files.service';

const MEDIA_BODY = /^\s*(audio|video)\//i;

// Lets audio/* and video/* bodies through to the signed upload route unparsed, so the handler
// can stream request.raw with its own byte counter (the per-URL size cap, enforced while the
// body arrives). Every other route keeps Fastify's default answer for these types: 415.
@Injectable()
export class RawUploadParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser(MEDIA_BODY)) {
      return;
    }
    fastify.addContentTypeParser(MEDIA_BODY, (request, _payload, done) => {
      if (request.method === 'PUT' && request.routeOptions.url === UPLOAD_ROUTE) {
        done(null, undefined);
        return;
      }
      done(
        Object.assign(new Error('Unsupported Media Type'), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
        undefined,
      );
    });
  }
}
