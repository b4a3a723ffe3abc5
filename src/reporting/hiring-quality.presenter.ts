import { ApiProperty } from '@nestjs/swagger';

export class InterviewerCalibration {
  @ApiProperty({ format: 'uuid' }) interviewer_id: string;
  @ApiProperty({ description: 'Scorecards with a recommendation other than no_decision' })
  scorecards: number;
  @ApiProperty({ description: 'Mean recommendation on the 1–4 scale' }) mean_recommendation: number;
  @ApiProperty({ description: 'Applications other interviewers also scored' })
  compared_applications: number;
  @ApiProperty({ nullable: true, type: Number, description: "Others' mean on those applications" })
  panel_mean: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Mean of (own − others) on those applications; > 0 is more lenient than the panel',
  })
  delta: number | null;
}

export class QuestionApproval {
  @ApiProperty() questions: number;
  @ApiProperty() approved: number;
  @ApiProperty({ nullable: true, type: Number }) rate: number | null;
}

export class QuestionScoreDistribution {
  @ApiProperty({ format: 'uuid' }) question_id: string;
  @ApiProperty() answers: number;
  @ApiProperty({ nullable: true, type: Number }) mean: number | null;
  @ApiProperty({ nullable: true, type: Number }) median: number | null;
  @ApiProperty({
    type: [Number],
    description:
      'Counts of effective overall scores (human review, else machine) in [0,2) [2,4) [4,6) [6,8) [8,10]',
  })
  buckets: number[];
}

export class AiHumanAgreement {
  @ApiProperty({ description: 'Answers with both a machine and a human overall score' })
  pairs: number;
  @ApiProperty({ nullable: true, type: Number }) mean_absolute_difference: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of pairs within 1 point' })
  within_one_point: number | null;
}

export class HiringQualityResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) job_id: string | null;
  @ApiProperty({ example: { definitely_not: 1, no: 2, yes: 3, strong_yes: 4 } })
  recommendation_scale: Record<string, number>;
  @ApiProperty({ type: [InterviewerCalibration] })
  interviewer_calibration: InterviewerCalibration[];
  @ApiProperty({ type: QuestionApproval })
  question_approval: QuestionApproval;
  @ApiProperty({ type: [QuestionScoreDistribution] })
  score_distributions: QuestionScoreDistribution[];
  @ApiProperty({ type: AiHumanAgreement })
  ai_human_agreement: AiHumanAgreement;
}
