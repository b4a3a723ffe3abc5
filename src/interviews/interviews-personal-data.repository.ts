import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import { openColumn } from '../crypto/encrypted-column';
import { AnswerScoreRecord } from './entities/answer-score.entity';
import { InterviewAnswer } from './entities/interview-answer.entity';
import { InterviewEvent } from './entities/interview-event.entity';
import { InterviewQuestion } from './entities/interview-question.entity';
import { Interview } from './entities/interview.entity';

export interface ExportedAnswerRow {
  id: string;
  interview_id: string;
  question_id: string;
  question_text: string | null;
  input: string;
  answer_text: string | null;
  audio_storage_key: string | null;
  audio_format: string | null;
  word_count: number;
  scoring_status: string;
  submitted_at: Date;
}

// A person's rows in the interviews tables, for their export, their erasure and retention.
@Injectable()
export class InterviewsPersonalDataRepository {
  constructor(
    @InjectRepository(Interview) private readonly rows: Repository<Interview>,
    private readonly crypto: CryptoService,
  ) {}

  get manager(): EntityManager {
    return this.rows.manager;
  }

  interviewsOf(candidateId: string, manager: EntityManager): Promise<Interview[]> {
    return manager.find(Interview, { where: { candidateId }, order: { createdAt: 'ASC' } });
  }

  // Each answer with the question as it was asked.
  async answersOf(candidateId: string, manager: EntityManager): Promise<ExportedAnswerRow[]> {
    const rows = await manager.query<
      (Omit<ExportedAnswerRow, 'answer_text'> & { answer_text_encrypted: string | null })[]
    >(
      `SELECT a.id, a.interview_id, a.question_id, q.question_text, a.input,
              a.answer_text_encrypted, a.audio_storage_key, a.audio_format, a.word_count,
              a.scoring_status, a.submitted_at
         FROM interview_answers a
         LEFT JOIN interview_questions q
           ON q.interview_id = a.interview_id AND q.question_id = a.question_id
        WHERE a.candidate_id = $1
        ORDER BY a.submitted_at, a.id`,
      [candidateId],
    );
    return rows.map(({ answer_text_encrypted, ...row }) => ({
      ...row,
      answer_text: openColumn<string>(
        this.crypto,
        InterviewAnswer,
        'answerText',
        'interview_answers',
        { id: row.id, stored: answer_text_encrypted },
      ),
    }));
  }

  scoresOf(answerIds: string[], manager: EntityManager): Promise<AnswerScoreRecord[]> {
    return answerIds.length
      ? manager.find(AnswerScoreRecord, {
          where: { answerId: In(answerIds) },
          order: { createdAt: 'ASC' },
        })
      : Promise.resolve([]);
  }

  questionsOf(interviewIds: string[], manager: EntityManager): Promise<InterviewQuestion[]> {
    return interviewIds.length
      ? manager.find(InterviewQuestion, {
          where: { interviewId: In(interviewIds) },
          order: { interviewId: 'ASC', position: 'ASC' },
        })
      : Promise.resolve([]);
  }

  eventsOf(interviewIds: string[], manager: EntityManager): Promise<InterviewEvent[]> {
    return interviewIds.length
      ? manager.find(InterviewEvent, {
          where: { interviewId: In(interviewIds) },
          order: { occurredAt: 'ASC' },
        })
      : Promise.resolve([]);
  }

  async audioKeysOf(candidateId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ audio_storage_key: string }[]>(
      `SELECT audio_storage_key FROM interview_answers
        WHERE candidate_id = $1 AND audio_storage_key IS NOT NULL`,
      [candidateId],
    );
    return rows.map((r) => r.audio_storage_key);
  }

  async practiceQuestionIdsOf(candidateId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ question_id: string }[]>(
      `SELECT q.question_id FROM interview_questions q JOIN interviews i ON i.id = q.interview_id
        WHERE i.candidate_id = $1 AND i.kind = 'practice'`,
      [candidateId],
    );
    return rows.map((r) => r.question_id);
  }

  async deletePracticeInterviews(candidateId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `WITH d AS (DELETE FROM interviews WHERE candidate_id = $1 AND kind = 'practice' RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [candidateId],
    );
    return row.n;
  }

  async clearScoreTexts(candidateId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `WITH u AS (
         UPDATE answer_scores s SET rationale = NULL, coaching = '{}', updated_at = now()
           FROM interview_answers a
          WHERE a.id = s.answer_id AND a.candidate_id = $1
         RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [candidateId],
    );
    return row.n;
  }

  // The keyed text fingerprints go too: they exist to match this text against others'.
  async clearAnswers(candidateId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `WITH u AS (
         UPDATE interview_answers SET answer_text_encrypted = NULL, audio_storage_key = NULL,
                minhash = NULL, lsh_bands = '{}'
          WHERE candidate_id = $1
         RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [candidateId],
    );
    return row.n;
  }

  async clearInterviewTexts(candidateId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE interviews SET cancel_reason_encrypted = NULL, cancel_reason = NULL,
              track_encrypted = NULL, track = NULL, track_hash = NULL, track_key = NULL,
              updated_at = now()
        WHERE candidate_id = $1`,
      [candidateId],
    );
  }

  // Browser-reported details keep their numbers (pasted length, face count: fraud statistics)
  // but lose any text, which could be what was on the clipboard.
  async stripEventTexts(candidateId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `WITH u AS (
         UPDATE interview_events e SET detail = coalesce(
             (SELECT jsonb_object_agg(k, v) FROM jsonb_each(e.detail) AS d(k, v)
               WHERE jsonb_typeof(v) IN ('number', 'boolean')), '{}')
           FROM interviews i
          WHERE i.id = e.interview_id AND i.candidate_id = $1
            AND jsonb_path_exists(e.detail, '$.* ? (@.type() == "string")')
         RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [candidateId],
    );
    return row.n;
  }

  async countRecordingsBefore(cutoff: Date): Promise<number> {
    const [row] = await this.rows.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM interview_answers
        WHERE audio_storage_key IS NOT NULL AND submitted_at < $1`,
      [cutoff],
    );
    return row.n;
  }

  // A batch of recordings older than the cutoff, locked so parallel runs take different ones.
  lockRecordingsBefore(
    cutoff: Date,
    batchSize: number,
    manager: EntityManager,
  ): Promise<{ id: string; audio_storage_key: string }[]> {
    return manager.query<{ id: string; audio_storage_key: string }[]>(
      `SELECT id, audio_storage_key FROM interview_answers
        WHERE audio_storage_key IS NOT NULL AND submitted_at < $1
        ORDER BY submitted_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [cutoff, batchSize],
    );
  }

  async clearRecordings(answerIds: string[], manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE interview_answers SET audio_storage_key = NULL WHERE id = ANY($1::uuid[])',
      [answerIds],
    );
  }
}
