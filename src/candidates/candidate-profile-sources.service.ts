import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

export interface CandidateResumeSummary {
  id: string;
  parsing_status: string;
  skills: string[];
  experience_years: number | null;
  created_at: string;
}

export interface CandidateInterviewSummary {
  id: string;
  application_id: string | null;
  job_id: string | null;
  kind: string;
  mode: string;
  status: string;
  scheduled_at: string;
  completed_at: string | null;
  overall_score: number | null;
  recommendation: string | null;
  fraud_score: number;
  fraud_level: string;
}

// Ports for the parts of a candidate profile that modules above candidates own: the résumés
// (provided by resumes) and the screening interviews (provided by interviews), newest first.
export abstract class CandidateResumes {
  abstract summariesOfCandidate(candidateId: string): Promise<CandidateResumeSummary[]>;
}

export abstract class CandidateInterviews {
  abstract screeningsOf(candidateId: string): Promise<CandidateInterviewSummary[]>;
}

// Resolves both ports on first use (their modules are built after this one). An application
// without one of those modules shows no such part.
@Injectable()
export class CandidateProfileSources {
  private resumeSource: CandidateResumes | null | undefined;
  private interviewSource: CandidateInterviews | null | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  resumesOf(candidateId: string): Promise<CandidateResumeSummary[]> {
    this.resumeSource ??= this.resolve(CandidateResumes);
    return this.resumeSource
      ? this.resumeSource.summariesOfCandidate(candidateId)
      : Promise.resolve([]);
  }

  interviewsOf(candidateId: string): Promise<CandidateInterviewSummary[]> {
    this.interviewSource ??= this.resolve(CandidateInterviews);
    return this.interviewSource
      ? this.interviewSource.screeningsOf(candidateId)
      : Promise.resolve([]);
  }

  private resolve<T>(token: abstract new () => T): T | null {
    try {
      return this.moduleRef.get(token, { strict: false }) ?? null;
    } catch {
      return null;
    }
  }
}
