import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, Repository } from 'typeorm';
import { MediaTranscript } from '../entities/media-transcript.entity';
import type { TranscriptSource } from '../entities/media-transcript.entity';
import type { Transcript } from './transcriber';

type Owner = { answerId: string } | { mediaFileId: string };

// Timed transcripts (media_transcripts), one JSON document per row in an @EncryptedColumn.
@Injectable()
export class TranscriptStore {
  constructor(
    @InjectRepository(MediaTranscript) private readonly rows: Repository<MediaTranscript>,
  ) {}

  // First one wins: a transcript is stored once per answer or file (unique index, no update).
  async save(
    manager: EntityManager,
    owner: Owner,
    transcript: Transcript,
    source: TranscriptSource,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(MediaTranscript)
      .values({
        id: randomUUID(),
        answerId: 'answerId' in owner ? owner.answerId : null,
        mediaFileId: 'mediaFileId' in owner ? owner.mediaFileId : null,
        source,
        language: transcript.language,
        durationSeconds: transcript.duration_seconds,
        content: JSON.stringify(transcript),
      })
      .orIgnore()
      .execute();
  }

  async findForMediaFile(mediaFileId: string): Promise<Transcript | null> {
    const row = await this.rows.findOneBy({ mediaFileId });
    return row ? TranscriptStore.parse(row.content) : null;
  }

  async findForAnswer(answerId: string): Promise<Transcript | null> {
    const row = await this.rows.findOneBy({ answerId });
    return row ? TranscriptStore.parse(row.content) : null;
  }

  static parse(content: string): Transcript {
    return JSON.parse(content) as Transcript;
  }

  // Personal data: the transcripts of these files and of these answers.
  listFor(
    manager: EntityManager,
    owners: { mediaFileIds: string[]; answerIds: string[] },
  ): Promise<MediaTranscript[]> {
    const where = [
      ...(owners.mediaFileIds.length ? [{ mediaFileId: In(owners.mediaFileIds) }] : []),
      ...(owners.answerIds.length ? [{ answerId: In(owners.answerIds) }] : []),
    ];
    // An empty where-list would match every row.
    return where.length
      ? manager.find(MediaTranscript, { where, order: { createdAt: 'ASC' } })
      : Promise.resolve([]);
  }

  async deleteForAnswers(manager: EntityManager, answerIds: string[]): Promise<number> {
    if (answerIds.length === 0) {
      return 0;
    }
    return (await manager.delete(MediaTranscript, { answerId: In(answerIds) })).affected ?? 0;
  }
}
