import { ApiProperty } from '@nestjs/swagger';
import { ApplicationResponse } from './application.presenter';
import { Candidate } from './entities/candidate.entity';

export class CandidateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) user_id: string | null;
  @ApiProperty({ nullable: true, type: String }) full_name: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ nullable: true, type: Number }) experience_years: number | null;
  @ApiProperty({ nullable: true, type: String }) experience_level: string | null;
  @ApiProperty({ nullable: true, type: Number }) expected_salary: number | null;
  @ApiProperty({ nullable: true, type: String }) current_company: string | null;
  @ApiProperty({ nullable: true, type: String }) current_position: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) latest_resume_id: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ResumeSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() parsing_status: string;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ nullable: true, type: Number }) experience_years: number | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class CandidateProfileResponse extends CandidateResponse {
  @ApiProperty({ type: [ApplicationResponse] }) applications: ApplicationResponse[];
  @ApiProperty({ type: [ResumeSummary] }) resumes: ResumeSummary[];
  @ApiProperty({
    type: 'array',
    description: 'Screening interviews with their overall score, recommendation and fraud risk',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        application_id: { type: 'string', format: 'uuid', nullable: true },
        job_id: { type: 'string', format: 'uuid', nullable: true },
        kind: { type: 'string' },
        mode: { type: 'string' },
        status: { type: 'string' },
        scheduled_at: { type: 'string', format: 'date-time' },
        completed_at: { type: 'string', format: 'date-time', nullable: true },
        overall_score: { type: 'number', nullable: true },
        recommendation: { type: 'string', nullable: true },
        fraud_score: { type: 'number' },
        fraud_level: { type: 'string' },
      },
    },
  })
  interviews: unknown[];
}

export class CandidatePageResponse {
  @ApiProperty({ type: [CandidateResponse] }) items: CandidateResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

class MatchBreakdownResponse {
  @ApiProperty({ description: 'Out of 50' }) skills: number;
  @ApiProperty({ description: 'Out of 25' }) experience: number;
  @ApiProperty({ description: 'Out of 15' }) location: number;
  @ApiProperty({ description: 'Out of 10' }) salary: number;
}

export class MatchResponse {
  @ApiProperty({ format: 'uuid' }) candidate_id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) application_id: string | null;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Sum of the breakdown' }) score: number;
  @ApiProperty({ type: MatchBreakdownResponse }) breakdown: MatchBreakdownResponse;
  @ApiProperty({ type: [String] }) matched_skills: string[];
  @ApiProperty({ type: [String] }) missing_skills: string[];
}

export function presentCandidate(
  c: Candidate,
  contact: { email: string | null; full_name: string | null; phone: string | null },
): CandidateResponse {
  return {
    id: c.id,
    user_id: c.userId,
    full_name: contact.full_name,
    email: contact.email,
    phone: contact.phone,
    location: c.location,
    skills: c.skills,
    experience_years: c.experienceYears,
    experience_level: c.experienceLevel,
    expected_salary: c.expectedSalary,
    current_company: c.currentCompany,
    current_position: c.currentPosition,
    latest_resume_id: c.latestResumeId,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}
