import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

// The twin of GET /api/health in bench/hot-path.ts: a bare NestJS + Fastify application with one
// route answering the same document from memory, no guards, hooks, logging or headers. Its
// throughput in the same run is the ceiling of the framework on this machine, which moves with
// the machine's load (the health figure alone does not tell the pipeline's cost from the load).
@Controller('api/health')
class BareHealthController {
  @Get()
  check(): Record<string, string> {
    return {
      status: 'healthy',
      version: '0.1.0',
      database: 'connected',
      queue: 'running',
      ai_provider: 'offline',
      video_provider: 'webrtc',
    };
  }
}

@Module({ controllers: [BareHealthController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.listen(Number(process.env.BARE_PORT ?? 8798), '127.0.0.1');
}

void main();
