import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Difficulty } from '../../ai/ai-provider';
import { OfflineAiProvider } from '../../ai/offline/offline-ai.provider';
import { AuditService } from '../../audit/audit.service';
import { CandidateIdentityService } from '../../candidates/candidate-identity.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import { ConflictProblem, ForbiddenProblem } from '../../common/errors/domain.exception';
import { QuestionBankService } from '../../questions/question-bank.service';
import { questionTextHash } from '../../questions/question-history.service';
import { GeneratePracticeQuestionsDto, StartPracticeDto } from '../dto/practice.dto';
import { CryptoService } from '../../crypto/crypto.service';
import { Interview, PRACTICE_TRACK_DIGEST } from '../entities/interview.entity';
import { InterviewAccessService } from '../interview-access.service';
import {
  InterviewQuestionText,
  InterviewResponse,
  presentInterview,
  presentQuestionText,
} from '../interview.presenter';
import { insertInterviewQuestions } from '../scheduling/interview-scheduling.service';

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
    private readonly dataSource: DataSource,
    private readonly access: InterviewAccessService,
    private readonly identity: CandidateIdentityService,
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
        return await this.dataSource.transaction(async (manager) => {
          const candidate = await this.identity.findOrCreateForUser(manager, user.id);
          const open = {
            candidateId: candidate.id,
            kind: 'practice' as const,
            status: In(['Scheduled', 'In Progress']),
          };
          // A row from before the track was encrypted still has its plain key until backfilled.
          const active = await manager.findOne(Interview, {
            where: [
              { ...open, trackHash: hash },
              { ...open, legacyTrackKey: key },
            ],
          });
          if (active) {
            return { interview: presentInterview(active, false), created: false };
          }
          // A candidate's own practice has no schedule: it is in progress from creation, so
          // questions can be answered as soon as they are generated.
          const now = new Date();
          const interview = manager.create(Interview, {
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
          });
          await manager.insert(Interview, interview);
          await this.audit.record(manager, {
            actorId: user.id,
            actorRole: user.role,
            action: 'interview.practice_started',
            targetType: 'interview',
            targetId: interview.id,
          });
          return {
            interview: presentInterview(
              await manager.findOneByOrFail(Interview, { id: interview.id }),
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
    return this.dataSource.transaction(async (manager) => {
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
        skills.push(...(await this.profileSkills(manager, interview.candidateId)));
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
      const rows = await insertInterviewQuestions(manager, id, questions, existing.length + 1);
      await manager.update(Interview, { id }, { questionCount: existing.length + rows.length });
      return rows.map(presentQuestionText);
    });
  }

  private async profileSkills(manager: EntityManager, candidateId: string): Promise<string[]> {
    const [row] = await manager.query<{ skills: string[] }[]>(
      'SELECT skills FROM candidates WHERE id = $1',
      [candidateId],
    );
    return (row?.skills ?? []).slice(0, MAX_PROFILE_SKILLS);
  }
}
