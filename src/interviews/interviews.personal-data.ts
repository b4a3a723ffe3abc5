import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataFile,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  RetentionContext,
} from '../gdpr/personal-data/personal-data-handler';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { AnswerScoreRecord } from './entities/answer-score.entity';
import { InterviewEvent } from './entities/interview-event.entity';
import { Interview } from './entities/interview.entity';
import { answerAad } from './session/answer-submission.service';

const AUDIO_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  flac: 'audio/flac',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
};

interface AnswerRow {
  id: string;
  interview_id: string;
  question_id: string;
  question_text: string | null;
  input: string;
  answer_text_encrypted: string | null;
  audio_storage_key: string | null;
  audio_format: string | null;
  word_count: number;
  scoring_status: string;
  submitted_at: Date;
}

// Interviews, answers (text and audio), their scores and integrity events. Erasure keeps
// screening interviews and scores as numbers (hiring-quality statistics) and removes answers,
// recordings, rationales and coaching text; practice interviews exist only for the person and
// are deleted outright.
@Injectable()
@PersonalDataProvider()
export class InterviewsPersonalData implements PersonalDataHandler {
  readonly name = 'interviews';
  readonly tables = ['interviews', 'interview_answers', 'answer_scores', 'interview_events'];
  readonly retention = {
    recordings: (context: RetentionContext) => this.purgeRecordings(context),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonalDataExport> {
    if (!subject.candidateId) {
      return { records: {} };
    }
    const interviews = await manager.find(Interview, {
      where: { candidateId: subject.candidateId },
      order: { createdAt: 'ASC' },
    });
    const answers = await manager.query<AnswerRow[]>(
      `SELECT a.id, a.interview_id, a.question_id, q.question_text, a.input,
              a.answer_text_encrypted, a.audio_storage_key, a.audio_format, a.word_count,
              a.scoring_status, a.submitted_at
         FROM interview_answers a
         LEFT JOIN interview_questions q
           ON q.interview_id = a.interview_id AND q.question_id = a.question_id
        WHERE a.candidate_id = $1
        ORDER BY a.submitted_at, a.id`,
      [subject.candidateId],
    );
    const answerIds = answers.map((a) => a.id);
    const scores = answerIds.length
      ? await manager.find(AnswerScoreRecord, {
          where: { answerId: In(answerIds) },
          order: { createdAt: 'ASC' },
        })
      : [];
    const events = interviews.length
      ? await manager.find(InterviewEvent, {
          where: { interviewId: In(interviews.map((i) => i.id)) },
          order: { occurredAt: 'ASC' },
        })
      : [];
    const files: PersonalDataFile[] = [];
    for (const answer of answers) {
      const data = answer.audio_storage_key
        ? await this.storage.get(answer.audio_storage_key)
        : null;
      if (data) {
        files.push({
          path: this.audioPath(answer),
          contentType: AUDIO_TYPES[answer.audio_format ?? ''] ?? 'application/octet-stream',
          data,
        });
      }
    }
    return {
      records: {
        interviews: interviews.map((i) => ({
          id: i.id,
          kind: i.kind,
          mode: i.mode,
          status: i.status,
          application_id: i.applicationId,
          job_id: i.jobId,
          track: i.track,
          scheduled_at: i.scheduledAt,
          started_at: i.startedAt,
          completed_at: i.completedAt,
          cancelled_at: i.cancelledAt,
          cancel_reason: i.cancelReason,
          overall_score: i.overallScore,
          recommendation: i.recommendation,
          fraud_score: i.fraudScore,
          fraud_level: i.fraudLevel,
          fraud_signals: i.fraudSignals,
        })),
        interview_answers: answers.map((a) => ({
          id: a.id,
          interview_id: a.interview_id,
          question_id: a.question_id,
          question_text: a.question_text,
          input: a.input,
          // For audio answers this is the transcript, once there is one.
          answer_text: this.crypto.decryptNullable(a.answer_text_encrypted, answerAad(a.id)),
          audio_file: a.audio_storage_key ? this.audioPath(a) : null,
          word_count: a.word_count,
          scoring_status: a.scoring_status,
          submitted_at: a.submitted_at,
        })),
        answer_scores: scores.map((s) => ({
          id: s.id,
          answer_id: s.answerId,
          kind: s.kind,
          scored_by: s.scoredBy,
          relevance: s.relevance,
          completeness: s.completeness,
          accuracy: s.accuracy,
          clarity: s.clarity,
          overall: s.overall,
          rationale: s.rationale,
          matched_key_points: s.matchedKeyPoints,
          missed_key_points: s.missedKeyPoints,
          flags: s.flags,
          coaching: s.coaching,
          fallback_reason: s.fallbackReason,
          created_at: s.createdAt,
        })),
        interview_events: events.map((e) => ({
          id: e.id,
          interview_id: e.interviewId,
          type: e.type,
          question_id: e.questionId,
          detail: e.detail,
          occurred_at: e.occurredAt,
        })),
      },
      files,
    };
  }

  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    if (!subject.candidateId) {
      return {};
    }
    const id = subject.candidateId;
    const audio = await manager.query<{ audio_storage_key: string }[]>(
      `SELECT audio_storage_key FROM interview_answers
        WHERE candidate_id = $1 AND audio_storage_key IS NOT NULL`,
      [id],
    );
    for (const row of audio) {
      await this.storage.delete(row.audio_storage_key);
    }
    const [practice] = await manager.query<{ n: number }[]>(
      `WITH d AS (DELETE FROM interviews WHERE candidate_id = $1 AND kind = 'practice' RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [id],
    );
    const [scores] = await manager.query<{ n: number }[]>(
      `WITH u AS (
         UPDATE answer_scores s SET rationale = NULL, coaching = '{}', updated_at = now()
           FROM interview_answers a
          WHERE a.id = s.answer_id AND a.candidate_id = $1
         RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [id],
    );
    // The keyed text fingerprints go too: they exist to match this text against others'.
    const [answers] = await manager.query<{ n: number }[]>(
      `WITH u AS (
         UPDATE interview_answers SET answer_text_encrypted = NULL, audio_storage_key = NULL,
                minhash = NULL, lsh_bands = '{}'
          WHERE candidate_id = $1
         RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [id],
    );
    await manager.query(
      `UPDATE interviews SET cancel_reason = NULL, track = NULL, updated_at = now()
        WHERE candidate_id = $1`,
      [id],
    );
    return {
      practice_interviews: practice.n,
      interview_answers: answers.n,
      answer_scores: scores.n,
      recordings: audio.length,
    };
  }

  // Audio answers older than the cutoff lose their recording; the transcript (answer text) and
  // scores stay until the person's own data is erased.
  private async purgeRecordings(context: RetentionContext): Promise<number> {
    if (context.dryRun) {
      const [row] = await this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM interview_answers
          WHERE audio_storage_key IS NOT NULL AND submitted_at < $1`,
        [context.cutoff],
      );
      return row.n;
    }
    let total = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<{ id: string; audio_storage_key: string }[]>(
          `SELECT id, audio_storage_key FROM interview_answers
            WHERE audio_storage_key IS NOT NULL AND submitted_at < $1
            ORDER BY submitted_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [context.cutoff, context.batchSize],
        );
        for (const row of rows) {
          await this.storage.delete(row.audio_storage_key);
        }
        await manager.query(
          'UPDATE interview_answers SET audio_storage_key = NULL WHERE id = ANY($1::uuid[])',
          [rows.map((r) => r.id)],
        );
        return rows.length;
      });
      total += batch;
      if (batch < context.batchSize) {
        return total;
      }
    }
  }

  private audioPath(answer: AnswerRow): string {
    return `interview-audio/${answer.id}.${answer.audio_format ?? 'bin'}`;
  }
}
