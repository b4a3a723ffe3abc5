import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Page } from '../../common/pagination/cursor';
import { keysetPage, PageRequest } from '../../common/pagination/keyset';
import { CryptoService } from '../../crypto/crypto.service';
import { openColumn } from '../../crypto/encrypted-column';
import { VideoSignal } from '../entities/video-signal.entity';
import { VideoTranscriptLine } from '../entities/video-transcript-line.entity';
import { SIGNAL_CHANNEL } from './signal-hub.service';

// A stored signal as a stream delivers it; `payload` is null when it no longer decrypts.
export type DeliveredSignal = Omit<VideoSignal, 'payload' | 'meeting'> & { payload: string | null };

interface SignalRow {
  id: string;
  seq: number;
  sender_id: string;
  sender_role: VideoSignal['senderRole'];
  type: VideoSignal['type'];
  payload_encrypted: string;
  created_at: Date;
  meeting_id: string;
}

// The rooms' signalling messages and live transcript lines (video_signals,
// video_transcript_lines); payloads and texts are @EncryptedColumn values.
@Injectable()
export class RoomSignalsRepository {
  private readonly logger = new Logger('VideoSignals');

  constructor(
    @InjectRepository(VideoSignal) private readonly signals: Repository<VideoSignal>,
    @InjectRepository(VideoTranscriptLine)
    private readonly lines: Repository<VideoTranscriptLine>,
    private readonly crypto: CryptoService,
  ) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.signals.manager;
  }

  // Announced with NOTIFY in the same transaction, so listeners hear of it at commit.
  async insertAndAnnounce(manager: EntityManager, signal: VideoSignal): Promise<void> {
    await manager.insert(VideoSignal, signal);
    await manager.query('SELECT pg_notify($1, $2)', [
      SIGNAL_CHANNEL,
      `${signal.meetingId}:${signal.seq}`,
    ]);
  }

  // Read raw and opened one by one: a message that cannot be decrypted is skipped (and logged)
  // rather than blocking the ones after it.
  async listAfter(roomId: string, cursor: number, limit: number): Promise<DeliveredSignal[]> {
    const rows = await this.signals.query<SignalRow[]>(
      `SELECT id, meeting_id, seq, sender_id, sender_role, type, payload_encrypted, created_at
         FROM video_signals WHERE meeting_id = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3`,
      [roomId, cursor, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      meetingId: row.meeting_id,
      seq: row.seq,
      senderId: row.sender_id,
      senderRole: row.sender_role,
      type: row.type,
      createdAt: row.created_at,
      payload: this.openPayload(row),
    }));
  }

  listSentBy(manager: EntityManager, senderId: string): Promise<VideoSignal[]> {
    return manager.find(VideoSignal, { where: { senderId }, order: { createdAt: 'ASC' } });
  }

  async deleteSentBy(manager: EntityManager, senderId: string): Promise<number> {
    return (await manager.delete(VideoSignal, { senderId })).affected ?? 0;
  }

  async insertTranscriptLine(line: VideoTranscriptLine, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(VideoTranscriptLine, line);
  }

  buildTranscriptLine(values: Partial<VideoTranscriptLine>): VideoTranscriptLine {
    return this.lines.create(values);
  }

  buildSignal(values: Partial<VideoSignal>): VideoSignal {
    return this.signals.create(values);
  }

  // In spoken order.
  pageTranscript<T>(
    roomId: string,
    page: PageRequest,
    present: (line: VideoTranscriptLine) => T,
  ): Promise<Page<T>> {
    const qb = this.lines.createQueryBuilder('l').where('l.meeting_id = :roomId', { roomId });
    return keysetPage(
      qb,
      page,
      { column: 'spoken_at', direction: 'ASC', key: (l) => [l.spokenAt, l.id] },
      present,
    );
  }

  // Personal data: the lines of these meetings and the lines this user spoke.
  listTranscriptLines(
    manager: EntityManager,
    filter: { meetingIds: string[]; speakerId: string | null },
  ): Promise<VideoTranscriptLine[]> {
    const qb = manager.getRepository(VideoTranscriptLine).createQueryBuilder('l');
    const conditions: string[] = [];
    if (filter.meetingIds.length) {
      conditions.push('l.meeting_id IN (:...meetingIds)');
    }
    if (filter.speakerId) {
      conditions.push('l.speaker_id = :speakerId');
    }
    if (conditions.length === 0) {
      return Promise.resolve([]);
    }
    return qb
      .where(`(${conditions.join(' OR ')})`, filter)
      .orderBy('l.spoken_at', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getMany();
  }

  async deleteTranscriptLinesOf(manager: EntityManager, speakerId: string): Promise<number> {
    return (await manager.delete(VideoTranscriptLine, { speakerId })).affected ?? 0;
  }

  private openPayload(row: SignalRow): string | null {
    try {
      return openColumn<string>(this.crypto, VideoSignal, 'payload', 'video_signals', {
        id: row.id,
        stored: row.payload_encrypted,
      });
    } catch (error) {
      this.logger.warn(`Skipping signal ${row.id}: ${(error as Error).message}`);
      return null;
    }
  }
}
