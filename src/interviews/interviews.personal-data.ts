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
  WITHHELD_ASSESSMENT,
  WITHHELD_STAFF_NOTES,
} from '../kernel/personal-data/personal-data-handler';
import { QuestionBankService } from '../questions/question-bank.service';
import { FILE_STORAGE } from '../storage/file-storage';
import type { FileStorage } from '../storage/file-storage';
import { AnswerScoreRecord } from './entities/answer-score.entity';
import { InterviewEvent } from './entities/interview-event.entity';
import { Interview } from './entities/interview.entity';
import { InterviewQuestion } from './entities/interview-question.entity';
import { presentInterview, presentQuestionText } from './interview.presenter';
import { candidateAnswerAssessment, candidateSeesAssessment } from './results/candidate-assessment';
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

// Interviews, answers (text and audio), their scores and integrity events. The export is the
// person's copy: it shows the assessment exactly as the candidate routes do (practice scores and
// coaching; nothing of a screening assessment, see results/candidate-assessment.ts). Erasure keeps
// screening interviews and scores as numbers (hiring-quality statistics) and removes answers,
// recordings, rationales and coaching text; practice interviews exist only for the person and
// are deleted outright.
@Injectable()
@PersonalDataProvider()
export class InterviewsPersonalData implements PersonalDataHandler {
  readonly name = 'interviews';
  readonly tables = {
    // Practice interviews go as rows (with their questions, answers and scores); screening ones
    // lose these columns.
    interviews: [
      'track_encrypted',
      'track',
      'track_hash',
      'track_key',
      'cancel_reason_encrypted',
      'cancel_reason',
    ],
    interview_answers: ['answer_text_encrypted', 'audio_storage_key', 'lsh_bands'],
    answer_scores: ['rationale', 'coaching'],
    interview_events: ['detail'],
    // Practice questions generated for the person (through QuestionBankService).
    questions: 'rows',
  } as const;
  readonly retention = {
    recordings: (context: RetentionContext) => this.purgeRecordings(context),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly questions: QuestionBankService,
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
    // The questions as the candidate routes show them: text, type and order, never the reference.
    const asked = interviews.length
      ? await manager.find(InterviewQuestion, {
          where: { interviewId: In(interviews.map((i) => i.id)) },
          order: { interviewId: 'ASC', position: 'ASC' },
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
    const kindOf = new Map(interviews.map((i) => [i.id, i.kind]));
    const answerKind = new Map(answers.map((a) => [a.id, kindOf.get(a.interview_id)!]));
    const visibleScores = answers.flatMap((a) => {
      const own = scores.filter((s) => s.answerId === a.id);
      const assessment = candidateAnswerAssessment(answerKind.get(a.id)!, own);
      return assessment && own.length > 0
        ? [{ id: own[0].id, answer_id: a.id, ...assessment, created_at: own[0].createdAt }]
        : [];
    });
    const screening = interviews.filter((i) => !candidateSeesAssessment(i.kind));
    return {
      records: {
        // The candidate routes' own presenter: the person sees what those routes show them.
        interviews: interviews.map((i) => {
          const { meeting: _meeting, ...shown } = presentInterview(i, false);
          return { ...shown, difficulty: i.difficulty };
        }),
        interview_questions: asked.map((q) => ({
          interview_id: q.interviewId,
          ...presentQuestionText(q),
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
        answer_scores: visibleScores,
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
      withheld: {
        interview_assessments: {
          count: screening.filter((i) => i.resultsStatus !== 'not_started').length,
          reason: WITHHELD_ASSESSMENT,
        },
        answer_scores: {
          count: scores.filter((s) => !candidateSeesAssessment(answerKind.get(s.answerId)!)).length,
          reason: WITHHELD_ASSESSMENT,
        },
        interview_cancel_reasons: {
          count: interviews.filter((i) => i.cancelReason).length,
          reason: WITHHELD_STAFF_NOTES,
        },
      },
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
    // Practice questions were generated for this person (they name their track): they go with
    // the practice interviews, which hold the only references to them.
    const practiceQuestions = await manager.query<{ question_id: string }[]>(
      `SELECT q.question_id FROM interview_questions q JOIN interviews i ON i.id = q.interview_id
        WHERE i.candidate_id = $1 AND i.kind = 'practice'`,
      [id],
    );
    const [practice] = await manager.query<{ n: number }[]>(
      `WITH d AS (DELETE FROM interviews WHERE candidate_id = $1 AND kind = 'practice' RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [id],
    );
    const questions = await this.questions.deletePracticeQuestions(
      manager,
      practiceQuestions.map((q) => q.question_id),
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
      `UPDATE interviews SET cancel_reason_encrypted = NULL, cancel_reason = NULL,
              track_encrypted = NULL, track = NULL, track_hash = NULL, track_key = NULL,
              updated_at = now()
        WHERE candidate_id = $1`,
      [id],
    );
    // Browser-reported details keep their numbers (pasted length, face count: fraud statistics)
    // but lose any text, which could be what was on the clipboard.
    const [events] = await manager.query<{ n: number }[]>(
      `WITH u AS (
         UPDATE interview_events e SET detail = coalesce(
             (SELECT jsonb_object_agg(k, v) FROM jsonb_each(e.detail) AS d(k, v)
               WHERE jsonb_typeof(v) IN ('number', 'boolean')), '{}')
           FROM interviews i
          WHERE i.id = e.interview_id AND i.candidate_id = $1
            AND jsonb_path_exists(e.detail, '$.* ? (@.type() == "string")')
         RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [id],
    );
    return {
      practice_interviews: practice.n,
      practice_questions: questions,
      interview_event_details: events.n,
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
