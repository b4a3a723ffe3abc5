import { Global, Injectable, Module } from '@nestjs/common';
import { currentRequestOrigin, RequestOrigin } from './request-context';

// The request the current code runs for (request id and client address), read from the request
// scope app.setup.ts enters; undefined outside a request (queue jobs, start-up).
@Injectable()
export class RequestContext {
  current(): RequestOrigin | undefined {
    return currentRequestOrigin();
  }
}

@Global()
@Module({
  providers: [RequestContext],
  exports: [RequestContext],
})
export class LoggingModule {}
