import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARSING_STATUSES, Resume } from './entities/resume.entity';
import type { ParsingStatus } from './entities/resume.entity';
import type { ParsedResume } from './parsing/resume-parser';

export class ResumeContactResponse {
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() location?: string;
  @ApiProperty({ type: [String] }) links: string[];
}

export class ResumeEducationResponse {
  @ApiProperty() institution: string;
  @ApiPropertyOptional() degree?: string;
  @ApiPropertyOptional() field?: string;
  @ApiPropertyOptional() start_year?: number;
  @ApiPropertyOptional() end_year?: number;
}

export class ResumeWorkEntryResponse {
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional() company?: string;
  @ApiProperty({ example: '2019-03', description: 'YYYY-MM' }) start: string;
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM, null while ongoing' })
  end: string | null;
}

export class ParsedResumeResponse {
  @ApiProperty({ type: [String], description: 'Normalised skill names, listed skills first' })
  skills: string[];
  @ApiProperty({ description: 'Years covered by dated work entries (overlaps counted once)' })
  experience_years: number;
  @ApiProperty({ enum: ['entry', 'junior', 'mid', 'senior', 'lead'] }) experience_level: string;
  @ApiProperty({ type: [ResumeEducationResponse] }) education: ResumeEducationResponse[];
  @ApiProperty({ type: ResumeContactResponse }) contact: ResumeContactResponse;
  @ApiProperty({ type: [ResumeWorkEntryResponse] }) work_history: ResumeWorkEntryResponse[];
}

export class ResumeParseResponse {
  @ApiProperty({ format: 'uuid' }) resume_id: string;
  @ApiProperty({ enum: PARSING_STATUSES }) parsing_status: ParsingStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why parsing failed, for people' })
  parse_error: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'IMAGE_ONLY_PDF, CORRUPT_FILE, UNSUPPORTED, TOO_LARGE, TIMEOUT or FILE_MISSING',
  })
  parse_error_code: string | null;
  @ApiPropertyOptional({ type: ParsedResumeResponse, description: 'Present once parsed' })
  parsed?: ParsedResumeResponse;
}

export class ResumeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) candidate_id: string | null;
  @ApiProperty({ enum: ['pdf', 'docx', 'txt'], description: 'Detected from the bytes' })
  file_kind: string;
  @ApiProperty() content_type: string;
  @ApiProperty() size_bytes: number;
  @ApiProperty({ nullable: true, type: String, description: 'Name the file was uploaded with' })
  original_filename: string | null;
  @ApiProperty({ enum: PARSING_STATUSES }) parsing_status: ParsingStatus;
  @ApiProperty({ nullable: true, type: String }) parse_error: string | null;
  @ApiProperty({ nullable: true, type: String }) parse_error_code: string | null;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ nullable: true, type: Number }) experience_years: number | null;
  @ApiProperty({ nullable: true, type: String }) experience_level: string | null;
  @ApiProperty({ type: ParsedResumeResponse, nullable: true }) parsed: ParsedResumeResponse | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) parsed_at: string | null;
  @ApiProperty() download_url: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export function parsedOf(resume: Resume): ParsedResume | null {
  return resume.parsed ? (JSON.parse(resume.parsed) as ParsedResume) : null;
}

function presentParsed(parsed: ParsedResume): ParsedResumeResponse {
  return {
    skills: parsed.skills,
    experience_years: parsed.experience_years,
    experience_level: parsed.experience_level,
    education: parsed.education,
    contact: parsed.contact,
    work_history: parsed.work_history,
  };
}

export function presentParseResult(resume: Resume): ResumeParseResponse {
  const parsed = resume.parsingStatus === 'parsed' ? parsedOf(resume) : null;
  return {
    resume_id: resume.id,
    parsing_status: resume.parsingStatus,
    parse_error: resume.parseError,
    parse_error_code: resume.parseErrorCode,
    ...(parsed ? { parsed: presentParsed(parsed) } : {}),
  };
}

export function presentResume(resume: Resume): ResumeResponse {
  const parsed = parsedOf(resume);
  return {
    id: resume.id,
    candidate_id: resume.candidateId,
    file_kind: resume.fileKind,
    content_type: resume.contentType,
    size_bytes: resume.sizeBytes,
    original_filename: resume.originalFilename,
    parsing_status: resume.parsingStatus,
    parse_error: resume.parseError,
    parse_error_code: resume.parseErrorCode,
    skills: resume.skills,
    experience_years: resume.experienceYears,
    experience_level: resume.experienceLevel,
    parsed: parsed ? presentParsed(parsed) : null,
    parsed_at: resume.parsedAt ? resume.parsedAt.toISOString() : null,
    download_url: `/api/resumes/${resume.id}/download`,
    created_at: resume.createdAt.toISOString(),
    updated_at: resume.updatedAt.toISOString(),
  };
}
