import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CryptoService } from '../../crypto/crypto.service';
import { MediaTranscript } from '../entities/media-transcript.entity';
import type { TranscriptSource } from '../entities/media-transcript.entity';
import type { Transcript } from './transcriber';

type Owner = { answerId: string } | { mediaFileId: string };

// Timed transcripts, encrypted as one JSON document per row (AAD: table, column, row id).
@Injectable()
export class TranscriptStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
  ) {}

  static aad(id: string): string {
    return CryptoService.fieldAad('media_transcripts', 'content', id);
  }

  // First one wins: a transcript is stored once per answer or file (unique index, no update).
  async save(
    manager: EntityManager,
    owner: Owner,
    transcript: Transcript,
    source: TranscriptSource,
  ): Promise<void> {
    const id = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(MediaTranscript)
      .values({
        id,
        answerId: 'answerId' in owner ? owner.answerId : null,
        mediaFileId: 'mediaFileId' in owner ? owner.mediaFileId : null,
        source,
        language: transcript.language,
        durationSeconds: transcript.duration_seconds,
        contentEncrypted: this.crypto.encrypt(JSON.stringify(transcript), TranscriptStore.aad(id)),
      })
      .orIgnore()
      .execute();
  }

  async findForMediaFile(mediaFileId: string): Promise<Transcript | null> {
    const row = await this.dataSource.manager.findOneBy(MediaTranscript, { mediaFileId });
    return row ? this.open(row) : null;
  }

  async findForAnswer(answerId: string): Promise<Transcript | null> {
    const row = await this.dataSource.manager.findOneBy(MediaTranscript, { answerId });
    return row ? this.open(row) : null;
  }

  private open(row: MediaTranscript): Transcript {
    return JSON.parse(
      this.crypto.decrypt(row.contentEncrypted, TranscriptStore.aad(row.id)),
    ) as Transcript;
  }
}
