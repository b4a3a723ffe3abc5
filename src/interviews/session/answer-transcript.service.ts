import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { NotFoundProblem } from '../../common/errors/domain.exception';
import { ConsentService } from '../../consent/consent.service';
import { CryptoService } from '../../crypto/crypto.service';
import { QueueService } from '../../queue/queue.service';
import { AnswerRepository } from '../answer.repository';
import type { InterviewAnswer } from '../entities/interview-answer.entity';
import type { ScoringStatus } from '../entities/interview-answer.entity';
import { fingerprintAnswer, wordCount } from '../integrity/answer-fingerprint';
import { InterviewAccessService } from '../interview-access.service';
import { AnswerScoringService } from '../scoring/answer-scoring.service';
import { ANSWER_SCORE_QUEUE } from '../interviews.queues';

export interface AudioAnswerRef {
  id: string;
  interviewId: string;
  candidateId: string;
  scoringStatus: ScoringStatus;
  audioStorageKey: string | null;
  audioFormat: string | null;
}

function refOf(answer: InterviewAnswer): AudioAnswerRef {
  return {
    id: answer.id,
    interviewId: answer.interviewId,
    candidateId: answer.candidateId,
    scoringStatus: answer.scoringStatus,
    audioStorageKey: answer.audioStorageKey,
    audioFormat: answer.audioFormat,
  };
}

// The interviews side of transcription: the media module transcribes an audio answer and hands
// the text back here, where it becomes the answer text and enters scoring exactly like a typed
// answer (AI with ai_evaluation consent, else a domain expert).
@Injectable()
export class AnswerTranscriptService {
  constructor(
    private readonly answers: AnswerRepository,
    private readonly access: InterviewAccessService,
    private readonly crypto: CryptoService,
    private readonly consent: ConsentService,
    private readonly queue: QueueService,
    private readonly scoring: AnswerScoringService,
  ) {}

  async findAnswer(answerId: string): Promise<AudioAnswerRef | null> {
    const answer = await this.answers.findById(answerId);
    return answer ? refOf(answer) : null;
  }

  // The caller's own answer (its candidate only); anything else is 404.
  async findOwnAnswer(user: AuthUser, answerId: string): Promise<AudioAnswerRef> {
    const answer = await this.answers.findById(answerId);
    const candidateId = answer ? await this.access.candidateIdOf(user) : null;
    if (!answer || candidateId === null || candidateId !== answer.candidateId) {
      throw new NotFoundProblem('Answer');
    }
    return refOf(answer);
  }

  // Staff see any interview and answer; a candidate only their own (404 otherwise).
  async assertVisible(user: AuthUser, interviewId?: string, answerId?: string): Promise<void> {
    if (answerId) {
      const answer = await this.answers.findById(answerId);
      if (!answer || (interviewId && answer.interviewId !== interviewId)) {
        throw new NotFoundProblem('Answer');
      }
      // Someone else's answer must read exactly like an unknown one (same code), or the
      // INTERVIEW_NOT_FOUND / ANSWER_NOT_FOUND difference tells which answer ids exist.
      await this.access.loadForViewer(user, answer.interviewId).catch((error: unknown) => {
        throw error instanceof NotFoundProblem ? new NotFoundProblem('Answer') : error;
      });
    } else if (interviewId) {
      await this.access.loadForViewer(user, interviewId);
    }
  }

  // Joins the caller's transaction. Returns the answer's new status, or null when it was no
  // longer waiting for a transcript (another path got there first), in which case nothing changes.
  async attachTranscript(
    manager: EntityManager,
    answerId: string,
    text: string,
  ): Promise<ScoringStatus | null> {
    const existing = await this.answers.findById(answerId, manager);
    if (!existing) {
      return null;
    }
    // Same lock order as scoring: the interview row first, then the answer.
    const interview = await this.access.lock(manager, existing.interviewId);
    const answer = await this.answers.findById(answerId, manager);
    if (answer?.scoringStatus !== 'awaiting_transcript') {
      return null;
    }
    const consented = await this.consent.has(answer.candidateId, 'ai_evaluation', manager);
    const status: ScoringStatus = consented ? 'pending' : 'awaiting_human';
    const fingerprint = text.trim()
      ? fingerprintAnswer(text, (s) =>
          Buffer.from(this.crypto.blindIndex('answer-shingle', s), 'base64url'),
        )
      : null;
    await this.answers.update(
      answerId,
      {
        answerText: text,
        wordCount: wordCount(text),
        minhash: fingerprint?.minhash ?? null,
        lshBands: fingerprint?.bands ?? [],
        scoringStatus: status,
      },
      manager,
    );
    if (status === 'pending') {
      await this.queue.enqueue(ANSWER_SCORE_QUEUE, { answer_id: answerId }, { manager });
    } else {
      // Leaving 'awaiting_transcript' may be what the completed interview was waiting for.
      await this.scoring.finaliseWhenSettled(manager, interview);
    }
    return status;
  }
}
