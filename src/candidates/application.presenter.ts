import { ApiProperty } from '@nestjs/swagger';
import { Application } from './entities/application.entity';

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty({ format: 'uuid' }) candidate_id: string;
  @ApiProperty({ nullable: true, type: String }) applicant_name: string | null;
  @ApiProperty({ nullable: true, type: String }) applicant_email: string | null;
  @ApiProperty({ nullable: true, type: String }) applicant_phone: string | null;
  @ApiProperty({ nullable: true, type: String }) cover_letter: string | null;
  @ApiProperty({ nullable: true, type: Number }) experience_years: number | null;
  @ApiProperty({ nullable: true, type: String }) current_company: string | null;
  @ApiProperty({ nullable: true, type: String }) current_position: string | null;
  @ApiProperty({ nullable: true, type: String }) expected_salary: string | null;
  @ApiProperty({ nullable: true, type: String }) availability: string | null;
  @ApiProperty() source: string;
  @ApiProperty({ example: 'Applied' }) status: string;
  @ApiProperty({ example: 'applied' }) stage: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) resume_id: string | null;
  @ApiProperty({ format: 'date-time' }) applied_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({ format: 'date-time' }) stage_entered_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) hired_at: string | null;
}

export class ApplicationPageResponse {
  @ApiProperty({ type: [ApplicationResponse] }) items: ApplicationResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export function presentApplication(a: Application): ApplicationResponse {
  return {
    id: a.id,
    job_id: a.jobId,
    candidate_id: a.candidateId,
    applicant_name: a.applicantName,
    applicant_email: a.applicantEmail,
    applicant_phone: a.applicantPhone,
    cover_letter: a.coverLetter,
    experience_years: a.experienceYears,
    current_company: a.currentCompany,
    current_position: a.currentPosition,
    expected_salary: a.expectedSalary,
    availability: a.availability,
    source: a.source,
    status: a.status,
    stage: a.stage,
    resume_id: a.resumeId,
    applied_at: a.appliedAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
    stage_entered_at: a.stageEnteredAt.toISOString(),
    hired_at: a.hiredAt ? a.hiredAt.toISOString() : null,
  };
}
