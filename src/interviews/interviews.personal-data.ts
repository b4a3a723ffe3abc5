import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
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
import { presentInterview, presentQuestionText } from './interview.presenter';
import { candidateAnswerAssessment, candidateSeesAssessment } from './results/candidate-assessment';
import {
  ExportedAnswerRow,
  InterviewsPersonalDataRepository,
} from './interviews-personal-data.repository';

const AUDIO_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  flac: 'audio/flac',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
};

// Interviews, answers (text and audio), their scores and integrity events: the export shows what
// the candidate routes show; erasure keeps screening numbers, deletes practice (README.md).
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
    private readonly transactions: Transactions,
    private readonly data: InterviewsPersonalDataRepository,
    private readonly questions: QuestionBankService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.data.manager,
  ): Promise<PersonalDataExport> {
    if (!subject.candidateId) {
      return { records: {} };
    }
    const interviews = await this.data.interviewsOf(subject.candidateId, manager);
    const answers = await this.data.answersOf(subject.candidateId, manager);
    const scores = await this.data.scoresOf(
      answers.map((a) => a.id),
      manager,
    );
    const interviewIds = interviews.map((i) => i.id);
    // The questions as the candidate routes show them: text, type and order, never the reference.
    const asked = await this.data.questionsOf(interviewIds, manager);
    const events = await this.data.eventsOf(interviewIds, manager);
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
          answer_text: a.answer_text,
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
    const audio = await this.data.audioKeysOf(id, manager);
    for (const key of audio) {
      await this.storage.delete(key);
    }
    // Practice questions were generated for this person (they name their track): they go with
    // the practice interviews, which hold the only references to them.
    const practiceQuestions = await this.data.practiceQuestionIdsOf(id, manager);
    const practice = await this.data.deletePracticeInterviews(id, manager);
    const questions = await this.questions.deletePracticeQuestions(manager, practiceQuestions);
    const scores = await this.data.clearScoreTexts(id, manager);
    const answers = await this.data.clearAnswers(id, manager);
    await this.data.clearInterviewTexts(id, manager);
    const events = await this.data.stripEventTexts(id, manager);
    return {
      practice_interviews: practice,
      practice_questions: questions,
      interview_event_details: events,
      interview_answers: answers,
      answer_scores: scores,
      recordings: audio.length,
    };
  }

  // Audio answers older than the cutoff lose their recording; the transcript (answer text) and
  // scores stay until the person's own data is erased.
  private async purgeRecordings(context: RetentionContext): Promise<number> {
    if (context.dryRun) {
      return this.data.countRecordingsBefore(context.cutoff);
    }
    let total = 0;
    for (;;) {
      const batch = await this.transactions.run(async (manager) => {
        const rows = await this.data.lockRecordingsBefore(
          context.cutoff,
          context.batchSize,
          manager,
        );
        for (const row of rows) {
          await this.storage.delete(row.audio_storage_key);
        }
        await this.data.clearRecordings(
          rows.map((r) => r.id),
          manager,
        );
        return rows.length;
      });
      total += batch;
      if (batch < context.batchSize) {
        return total;
      }
    }
  }

  private audioPath(answer: ExportedAnswerRow): string {
    return `interview-audio/${answer.id}.${answer.audio_format ?? 'bin'}`;
  }
}
