import { Global, Injectable, Module } from '@nestjs/common';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { loggingParams } from './app-logger';
import { originOf, RequestOrigin } from './request-context';
import { processRootLogger } from './root-logger';

// The request the current code runs for (request id and client address), read from the
// request-scoped logger nestjs-pino keeps; undefined outside a request (queue jobs, start-up).
@Injectable()
export class RequestContext {
  constructor(private readonly pino: PinoLogger) {}

  current(): RequestOrigin | undefined {
    return originOf(this.pino.logger);
  }
}

@Global()
@Module({
  imports: [LoggerModule.forRootAsync({ useFactory: () => loggingParams(processRootLogger()) })],
  providers: [RequestContext],
  exports: [RequestContext],
})
export class LoggingModule {}
