import { Inject, Injectable } from '@nestjs/common';
import { AI_PROVIDER } from '../ai/ai-provider';
import type { AiProvider } from '../ai/ai-provider';
import { AuditService } from '../audit/audit.service';
import { ApplicationsService } from '../candidates/applications.service';
import { CandidateResumeRecordsService } from '../candidates/candidate-resume-records.service';
import type { AuthUser } from '../common/auth/policy.decorators';
import { BadRequestProblem } from '../common/errors/domain.exception';
import { Transactions } from '../database/transactions';
import { JobsService } from '../jobs/jobs.service';
import { stripContactDetails } from '../resumes';
import { GenerateQuestionsDto } from './dto/question.dto';
import { QuestionBankService } from './question-bank.service';
import { GeneratedQuestionsResponse, presentQuestion } from './question.presenter';

const MAX_PROFILE_SKILLS = 15;

// What tailoring takes from the application itself.
interface ApplicantFacts {
  candidateId: string;
  experienceYears: number | null;
  currentPosition: string | null;
}

// Generated questions are drafts: stored unapproved, with the generator that produced them and
// the reason when Gemini was configured but the offline generator answered.
@Injectable()
export class QuestionGenerationService {
  constructor(
    private readonly transactions: Transactions,
    private readonly jobs: JobsService,
    private readonly applications: ApplicationsService,
    private readonly candidates: CandidateResumeRecordsService,
    private readonly bank: QuestionBankService,
    private readonly audit: AuditService,
    @Inject(AI_PROVIDER) private readonly ai: AiProvider,
  ) {}

  async generate(actor: AuthUser, dto: GenerateQuestionsDto): Promise<GeneratedQuestionsResponse> {
    const job = await this.jobs.getJob(dto.job_id);
    let resumeSummary: string | undefined;
    if (dto.application_id) {
      const application = await this.applications.loadForViewer(actor, dto.application_id);
      if (application.jobId !== job.id) {
        throw new BadRequestProblem(
          'APPLICATION_NOT_FOR_JOB',
          'The application belongs to another job',
          [{ field: 'application_id', message: 'application_id must be an application to job_id' }],
        );
      }
      resumeSummary = await this.profileSummary(application);
    }
    const skills = dto.skills?.length
      ? dto.skills
      : [...job.skillsRequired, ...job.skillsNiceToHave];
    const result = await this.ai.generateQuestions({
      jobTitle: job.title,
      jobDescription: job.description,
      skills,
      count: dto.count,
      types: dto.types ?? [],
      difficulty: dto.difficulty,
      resumeSummary,
      excludeTexts: await this.bank.recentTexts(job.id),
    });
    const drafts = result.value.slice(0, dto.count);
    const questions = await this.transactions.run(async (manager) => {
      const created = await this.bank.insertDrafts(
        manager,
        actor,
        job.id,
        result.source,
        result.fallbackReason ?? null,
        drafts,
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'questions.generated',
        targetType: 'job',
        targetId: job.id,
        metadata: {
          count: created.length,
          source: result.source,
          fallback_reason: result.fallbackReason ?? null,
          tailored: !!resumeSummary,
        },
      });
      return created;
    });
    return {
      items: questions.map(presentQuestion),
      source: result.source,
      fallback_reason: result.fallbackReason ?? null,
    };
  }

  // A PII-free profile for tailoring: skills, experience and current role from the candidate
  // record and the application. The parsed resume text is not used; contact details are
  // stripped from whatever free text remains.
  private async profileSummary(application: ApplicantFacts): Promise<string | undefined> {
    const candidate = await this.candidates.tailoringProfile(application.candidateId);
    const skills = (candidate?.skills ?? []).slice(0, MAX_PROFILE_SKILLS);
    const years = application.experienceYears ?? candidate?.experienceYears ?? null;
    const position = application.currentPosition ?? candidate?.currentPosition ?? null;
    const parts = [
      skills.length > 0 ? `Skills: ${skills.join(', ')}.` : '',
      years !== null ? `Experience: ${years} years.` : '',
      candidate?.experienceLevel ? `Level: ${candidate.experienceLevel}.` : '',
      position ? `Current role: ${position}.` : '',
    ].filter(Boolean);
    return parts.length > 0 ? stripContactDetails(parts.join(' ')) : undefined;
  }
}
