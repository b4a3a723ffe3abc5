import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import {
  BadRequestProblem,
  ConflictProblem,
  DomainException,
} from '../../common/errors/domain.exception';
import type { UploadedFile } from '../../common/http/body-reader';
import { ConsentService } from '../../consent/consent.service';
import { CryptoService } from '../../crypto/crypto.service';
import { Transactions } from '../../database/transactions';
import { QueueService } from '../../queue/queue.service';
import { FILE_STORAGE } from '../../storage/file-storage';
import type { FileStorage } from '../../storage/file-storage';
import { AnswerReceipt, SubmitAnswerDto } from '../dto/session.dto';
import type { Interview } from '../entities/interview.entity';
import type { ScoringStatus } from '../entities/interview-answer.entity';
import { AnswerRepository } from '../answer.repository';
import { fingerprintAnswer, wordCount } from '../integrity/answer-fingerprint';
import { InterviewAccessService } from '../interview-access.service';
import { InterviewRepository } from '../interview.repository';
import { ANSWER_SCORE_QUEUE, ANSWER_TRANSCRIBE_QUEUE } from '../interviews.queues';
import { detectAudioFormat } from './audio-format';

// One answer per question. Text answers are encrypted and queued for scoring (AI only with the
// candidate's ai_evaluation consent, else a domain expert scores them). Audio answers are stored
// encrypted at 'awaiting_transcript' and queued for the media module's transcription job, which
// hands them to scoring once a transcription provider has produced the text.
@Injectable()
export class AnswerSubmissionService {
  constructor(
    private readonly transactions: Transactions,
    private readonly interviews: InterviewRepository,
    private readonly answers: AnswerRepository,
    private readonly access: InterviewAccessService,
    private readonly crypto: CryptoService,
    private readonly consent: ConsentService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async submit(
    user: AuthUser,
    interviewId: string,
    dto: SubmitAnswerDto,
    audio: UploadedFile | null,
  ): Promise<AnswerReceipt> {
    const text = dto.answer_text?.trim() ?? '';
    if (audio && text) {
      throw new BadRequestProblem(
        'AMBIGUOUS_ANSWER',
        'Send answer_text or an audio file, not both',
      );
    }
    if (!audio && !text) {
      throw new BadRequestProblem('ANSWER_REQUIRED', 'answer_text is required', [
        { field: 'answer_text', message: 'answer_text must not be empty' },
      ]);
    }
    const audioFormat = audio ? detectAudioFormat(audio.data) : null;
    if (audio && !audioFormat) {
      throw new DomainException(
        415,
        'UNSUPPORTED_AUDIO',
        'Audio must be WAV, MP3, M4A, FLAC, WebM or Ogg',
      );
    }
    const id = randomUUID();
    const storageKey = audio ? `answer-audio-${id}` : null;
    if (audio && storageKey) {
      // Written before the row: a failed insert leaves an unreferenced file, never a row
      // pointing at nothing.
      await this.storage.put(storageKey, audio.data);
    }
    try {
      return await this.transactions.run(async (manager) => {
        const interview = await this.access.lockOwn(manager, user, interviewId);
        if (interview.status !== 'In Progress') {
          throw new ConflictProblem(
            'INTERVIEW_NOT_IN_PROGRESS',
            `Answers are accepted while the interview is in progress; it is ${interview.status}`,
          );
        }
        const question = await this.interviews.findQuestion(interviewId, dto.question_id, manager);
        if (!question) {
          throw new BadRequestProblem(
            'QUESTION_NOT_IN_INTERVIEW',
            'The question is not part of this interview',
            [{ field: 'question_id', message: 'question_id must be a question of this interview' }],
          );
        }
        if (await this.answers.isAnswered(interviewId, dto.question_id, manager)) {
          throw this.duplicate();
        }
        const status = audio ? 'awaiting_transcript' : await this.initialStatus(manager, interview);
        const submittedAt = new Date();
        const fingerprint = text
          ? fingerprintAnswer(text, (s) =>
              Buffer.from(this.crypto.blindIndex('answer-shingle', s), 'base64url'),
            )
          : null;
        await this.answers.insert(
          {
            id,
            interviewId,
            questionId: dto.question_id,
            candidateId: interview.candidateId,
            input: audio ? 'audio' : 'text',
            answerText: text || null,
            audioStorageKey: storageKey,
            audioFormat,
            wordCount: text ? wordCount(text) : 0,
            minhash: fingerprint?.minhash ?? null,
            lshBands: fingerprint?.bands ?? [],
            similarAnswerIds: [],
            scoringStatus: status,
            submittedAt,
            secondsSincePrevious: await this.secondsSincePrevious(manager, interview, submittedAt),
          },
          manager,
        );
        if (status === 'pending') {
          await this.queue.enqueue(ANSWER_SCORE_QUEUE, { answer_id: id }, { manager });
        } else if (status === 'awaiting_transcript') {
          await this.queue.enqueue(ANSWER_TRANSCRIBE_QUEUE, { answer_id: id }, { manager });
        }
        await this.audit.record(manager, {
          actorId: user.id,
          actorRole: user.role,
          action: 'interview.answer_submitted',
          targetType: 'interview',
          targetId: interviewId,
          metadata: { answer_id: id, input: audio ? 'audio' : 'text', scoring_status: status },
        });
        return {
          id,
          question_id: dto.question_id,
          scoring_status: status,
          submitted_at: submittedAt.toISOString(),
        };
      });
    } catch (error) {
      if (storageKey) {
        await this.storage.delete(storageKey).catch(() => undefined);
      }
      if ((error as { code?: string }).code === '23505') {
        throw this.duplicate();
      }
      throw error;
    }
  }

  // Screening answers without ai_evaluation consent go to a human. Practice is AI coaching by
  // definition, so it needs the consent up front.
  private async initialStatus(
    manager: EntityManager,
    interview: Interview,
  ): Promise<ScoringStatus> {
    const consented = await this.consent.has(interview.candidateId, 'ai_evaluation', manager);
    if (consented) {
      return 'pending';
    }
    if (interview.kind === 'practice') {
      throw new ConflictProblem(
        'AI_EVALUATION_CONSENT_REQUIRED',
        'Practice feedback is produced by AI scoring: grant ai_evaluation consent (POST /api/gdpr/consent) first',
      );
    }
    return 'awaiting_human';
  }

  private async secondsSincePrevious(
    manager: EntityManager,
    interview: Interview,
    now: Date,
  ): Promise<number | null> {
    const since =
      (await this.answers.lastSubmittedAt(interview.id, manager)) ?? interview.startedAt;
    return since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) : null;
  }

  private duplicate(): ConflictProblem {
    return new ConflictProblem(
      'ANSWER_ALREADY_SUBMITTED',
      'This question has already been answered',
    );
  }
}
