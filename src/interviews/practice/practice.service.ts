import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Difficulty } from '../../ai/ai-provider';
import { OfflineAiProvider } from '../../ai/offline/offline-ai.provider';
import { AuditService } from '../../audit/audit.service';
import { CandidateIdentityService } from '../../candidates/candidate-identity.service';
import { CandidateProfileQueryService } from '../../candidates/candidate-profile-query.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import { ConflictProblem, ForbiddenProblem } from '../../common/errors/domain.exception';
import { QuestionBankService } from '../../questions/question-bank.service';
import { questionTextHash } from '../../questions/question-history.service';
import { GeneratePracticeQuestionsDto, StartPracticeDto } from '../dto/practice.dto';
import { CryptoService } from '../../crypto/crypto.service';
import { Transactions } from '../../database/transactions';
import { PRACTICE_TRACK_DIGEST } from '../entities/interview.entity';
import { InterviewAccessService } from '../interview-access.service';
import { InterviewRepository } from '../interview.repository';
import {
  InterviewQuestionText,
  InterviewResponse,
  presentInterview,
  presentQuestionText,
} from '../interview.presenter';
import { askedCopies } from '../scheduling/asked-question';

const MAX_PRACTICE_QUESTIONS = 30;
const MAX_PROFILE_SKILLS = 5;

export function trackKey(track: string): string {
  return track.trim().toLowerCase().replace(/\s+/g, ' ');
}

// Self-coaching: one active practice interview per candidate and track. Questions come from the
// practice templates, which share no text or key point with the screening bank by construction
// (src/ai/offline/question-sources.spec.ts); a text that still matches a job's bank question (a
// manual or Gemini one) is dropped, so practice never reveals screening reference material.
@Injectable()
export class PracticeService {
  constructor(
    private readonly transactions: Transactions,
    private readonly interviews: InterviewRepository,
    private readonly access: InterviewAccessService,
    private readonly identity: CandidateIdentityService,
    private readonly profiles: CandidateProfileQueryService,
    private readonly bank: QuestionBankService,
    private readonly generator: OfflineAiProvider,
    private readonly audit: AuditService,
    private readonly crypto: CryptoService,
  ) {}

  async startOrResume(
    user: AuthUser,
    dto: StartPracticeDto,
  ): Promise<{ interview: InterviewResponse; created: boolean }> {
    if (user.role !== Role.Candidate) {
      throw new ForbiddenProblem(
        'PRACTICE_FOR_CANDIDATES',
        'Practice interviews are for candidate accounts',
      );
    }
    const key = trackKey(dto.track);
    const hash = this.crypto.blindIndex(PRACTICE_TRACK_DIGEST, key);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.transactions.run(async (manager) => {
          const candidate = await this.identity.findOrCreateForUser(manager, user.id);
          const active = await this.interviews.findActivePractice(candidate.id, hash, key, manager);
          if (active) {
            return { interview: presentInterview(active, false), created: false };
          }
          // A candidate's own practice has no schedule: it is in progress from creation, so
          // questions can be answered as soon as they are generated.
          const now = new Date();
          const interview = await this.interviews.insert(
            {
              id: randomUUID(),
              kind: 'practice',
              mode: 'async',
              status: 'In Progress',
              applicationId: null,
              jobId: null,
              candidateId: candidate.id,
              track: dto.track,
              trackHash: hash,
              difficulty: dto.difficulty ?? null,
              scheduledAt: now,
              startedAt: now,
              durationMinutes: 30,
              video: 'none',
              questionCount: 0,
              sequence: 0,
              resultsStatus: 'not_started',
              fraudSignals: [],
              scheduledBy: null,
              createdAt: now,
            },
            manager,
          );
          await this.audit.record(manager, {
            actorId: user.id,
            actorRole: user.role,
            action: 'interview.practice_started',
            targetType: 'interview',
            targetId: interview.id,
          });
          return {
            interview: presentInterview(
              await this.interviews.findByIdOrFail(interview.id, manager),
              false,
            ),
            created: true,
          };
        });
      } catch (error) {
        // Two concurrent starts for one track: the loser resumes the winner's interview.
        if ((error as { code?: string }).code !== '23505' || attempt > 0) {
          throw error;
        }
      }
    }
  }

  async generateQuestions(
    user: AuthUser,
    id: string,
    dto: GeneratePracticeQuestionsDto,
  ): Promise<InterviewQuestionText[]> {
    return this.transactions.run(async (manager) => {
      const interview = await this.access.lockOwn(manager, user, id);
      if (interview.kind !== 'practice') {
        throw new ConflictProblem(
          'PRACTICE_ONLY',
          'Questions can be generated for practice interviews only',
        );
      }
      if (interview.status !== 'Scheduled' && interview.status !== 'In Progress') {
        throw new ConflictProblem('INTERVIEW_CLOSED', `The interview is ${interview.status}`);
      }
      const count = dto.count ?? 5;
      if (interview.questionCount + count > MAX_PRACTICE_QUESTIONS) {
        throw new ConflictProblem(
          'TOO_MANY_QUESTIONS',
          `A practice interview holds at most ${MAX_PRACTICE_QUESTIONS} questions; start a new one`,
        );
      }
      const existing = await this.access.questionsOf(id, manager);
      const skills = [interview.track ?? 'software engineering'];
      if (dto.use_resume) {
        skills.push(
          ...(await this.profiles.skillsOf(interview.candidateId, manager)).slice(
            0,
            MAX_PROFILE_SKILLS,
          ),
        );
      }
      const generated = this.generator.generatePracticeQuestions({
        skills,
        count: count * 3,
        difficulty: (interview.difficulty as Difficulty | null) ?? undefined,
        excludeTexts: existing.map((q) => q.questionText),
      });
      const banked = await this.bank.bankTextHashes(
        generated.map((d) => questionTextHash(d.question_text)),
      );
      const drafts = generated
        .filter((d) => !banked.has(questionTextHash(d.question_text)))
        .slice(0, count);
      if (drafts.length === 0) {
        throw new ConflictProblem(
          'NO_MORE_QUESTIONS',
          'No new practice questions are available for this track',
        );
      }
      const questions = await this.bank.insertDrafts(manager, user, null, 'offline', null, drafts);
      const rows = await this.interviews.insertQuestions(
        askedCopies(id, questions, existing.length + 1),
        manager,
      );
      await this.interviews.update(id, { questionCount: existing.length + rows.length }, manager);
      return rows.map(presentQuestionText);
    });
  }
}
