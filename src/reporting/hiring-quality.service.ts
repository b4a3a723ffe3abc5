import { Injectable } from '@nestjs/common';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { QualityQueryDto } from './dto/report-query.dto';
import { HiringQualityResponse, QuestionApproval } from './hiring-quality.presenter';
import { HiringQualityRepository } from './hiring-quality.repository';

const SCALE = { definitely_not: 1, no: 2, yes: 3, strong_yes: 4 };

@Injectable()
export class HiringQualityService {
  constructor(private readonly reads: HiringQualityRepository) {}

  async quality(query: QualityQueryDto): Promise<HiringQualityResponse> {
    const jobId = query.job_id ?? null;
    if (jobId && !(await this.reads.jobExists(jobId))) {
      throw new NotFoundProblem('Job');
    }
    return {
      job_id: jobId,
      recommendation_scale: SCALE,
      interviewer_calibration: await this.reads.calibration(jobId),
      question_approval: await this.approval(jobId),
      score_distributions: await this.reads.distributions(jobId),
      ai_human_agreement: await this.reads.agreement(jobId),
    };
  }

  private async approval(jobId: string | null): Promise<QuestionApproval> {
    const row = await this.reads.approvalCounts(jobId);
    return {
      ...row,
      rate: row.questions ? Number((row.approved / row.questions).toFixed(4)) : null,
    };
  }
}
