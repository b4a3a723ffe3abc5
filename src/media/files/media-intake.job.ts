import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'pg-boss';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { detectAudioFormat } from '../../interviews';
import { QueueJob } from '../../queue/queue-job.decorator';
import { QueueService } from '../../queue/queue.service';
import { FILE_STORAGE } from '../../storage/file-storage';
import type { FileStorage } from '../../storage/file-storage';
import { audioDurationSeconds } from '../audio/audio-duration';
import { expectedContainer } from '../audio/media-container';
import type { MediaFile } from '../entities/media-file.entity';
import { MEDIA_INTAKE_QUEUE } from '../media.queues';
import type { MediaIntakeJobData } from '../media.queues';
import { MediaFilesRepository } from './media-files.repository';

// How often a waiting upload is looked for while its presigned URL is valid.
const POLL_SECONDS = 2;
// Up to this size the whole file is read to find its duration; larger files are only sniffed
// from their first bytes and streamed (duration unknown).
const DURATION_READ_MAX_BYTES = 32 * 1024 * 1024;
const SNIFF_BYTES = 64;

class RejectedUpload extends Error {}

async function sniff(body: Readable): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> {
  const rest = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const parts: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await rest.next();
    if (next.done) {
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  return { head: Buffer.concat(parts), rest };
}

async function* joined(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    yield next.value;
  }
}

// Presigned uploads (S3 driver): the browser PUTs into the bucket's intake area; this job finds
// the object, checks its bytes are the declared container, encrypts it into the store under the
// file's key and deletes the intake object. Until then the file is 'pending' and unreadable.
@Injectable()
export class MediaIntakeJob {
  private readonly logger = new Logger('MediaIntake');

  constructor(
    private readonly files: MediaFilesRepository,
    private readonly queue: QueueService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  static intakeKey(mediaFileId: string): string {
    return `intake-${mediaFileId}`;
  }

  // Looks for the upload now (nudge) or every POLL_SECONDS until the URL expires (follow).
  async watch(mediaFileId: string, follow: boolean, manager?: EntityManager): Promise<void> {
    await this.queue.enqueue<MediaIntakeJobData>(
      MEDIA_INTAKE_QUEUE,
      { media_file_id: mediaFileId, follow },
      { manager, startAfter: follow ? new Date(Date.now() + POLL_SECONDS * 1000) : undefined },
    );
  }

  // A store outage fails the attempt; retries back off from 5 s.
  @QueueJob(MEDIA_INTAKE_QUEUE, { options: { retryLimit: 8, retryDelay: 5, retryBackoff: true } })
  async run(data: MediaIntakeJobData, job?: Job<MediaIntakeJobData>): Promise<void> {
    const retryCount = job?.retryCount ?? 0;
    const intake = this.storage.intake;
    const file = await this.files.findById(data.media_file_id);
    if (!intake || !file || file.status === 'uploaded') {
      return;
    }
    const key = MediaIntakeJob.intakeKey(file.id);
    // Looked at without reading it: only the job that claims the file reads the body.
    const sizeBytes = await intake.sizeOf(key);
    // An empty object is a PUT still in progress (s3rver shows it before its body): the signed
    // Content-Length makes a finished upload at least one byte long.
    if (sizeBytes === null || sizeBytes === 0) {
      if (file.uploadExpiresAt.getTime() > Date.now()) {
        if (data.follow) {
          await this.watch(file.id, true);
        }
      }
      return;
    }
    // One job moves a file; a retry of a job that died mid-way takes the file over.
    if (!(await this.files.claimForReceiving(file.id, retryCount > 0 ? file.status : 'pending'))) {
      return;
    }
    try {
      const body = await intake.read(key);
      if (!body) {
        throw new Error('the intake object went away');
      }
      const moved = await this.move(file, { body, sizeBytes });
      await this.files.markUploaded(file.id, moved);
      await intake.remove(key);
    } catch (error) {
      await this.files.markPending(file.id);
      if (error instanceof RejectedUpload) {
        // The URL stays usable until it expires; the refused object is not kept.
        this.logger.warn(`Upload for media file ${file.id} refused: ${error.message}`);
        await intake.remove(key);
        if (data.follow) {
          await this.watch(file.id, true);
        }
        return;
      }
      throw error;
    }
  }

  private async move(
    file: MediaFile,
    opened: { body: Readable; sizeBytes: number },
  ): Promise<{ sizeBytes: number; durationSeconds: number | null }> {
    const container = expectedContainer(file.kind, file.contentType);
    if (opened.sizeBytes === 0 || opened.sizeBytes > file.maxBytes) {
      opened.body.destroy();
      throw new RejectedUpload(`size ${opened.sizeBytes} outside 1..${file.maxBytes}`);
    }
    if (opened.sizeBytes <= DURATION_READ_MAX_BYTES) {
      const parts: Buffer[] = [];
      for await (const part of opened.body) {
        parts.push(part as Buffer);
      }
      const data = Buffer.concat(parts);
      // A short read is the store's fault, not the uploader's (s3rver lists an object before all
      // of it can be read): retried, never refused — refusing deletes the upload.
      if (data.length !== opened.sizeBytes) {
        throw new Error(`read ${data.length} of the ${opened.sizeBytes} bytes of the upload`);
      }
      if (detectAudioFormat(data) !== container) {
        throw new RejectedUpload(`the bytes are not a ${file.contentType} file`);
      }
      await this.storage.put(file.fileKey, data);
      const durationSeconds = container ? audioDurationSeconds(data, container) : null;
      return { sizeBytes: data.length, durationSeconds };
    }
    const { head, rest } = await sniff(opened.body);
    if (head.length < SNIFF_BYTES) {
      opened.body.destroy();
      throw new Error(`read ${head.length} of the first ${SNIFF_BYTES} bytes of the upload`);
    }
    if (detectAudioFormat(head) !== container) {
      opened.body.destroy();
      throw new RejectedUpload(`the bytes are not a ${file.contentType} file`);
    }
    const sizeBytes = await this.storage.putStream(file.fileKey, Readable.from(joined(head, rest)));
    return { sizeBytes, durationSeconds: null };
  }
}
