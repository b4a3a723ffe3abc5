import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CryptoService } from '../crypto/crypto.service';
import { Resume } from '../resumes/entities/resume.entity';
import type { ParsedResume } from '../resumes/parsing/resume-parser';
import { decryptParsed } from '../resumes/resume.presenter';

export interface ResumeFacts {
  experienceYears: number | null;
  currentCompany: string | null;
  currentPosition: string | null;
}

const MAX_TEXT = 200;
// The range an applicant may type (ApplyDto), which also fits numeric(4,1).
const MAX_YEARS = 70;

// What an application takes from its parsed résumé: total years of dated work, and the company
// and title of the latest role still ongoing. Years only when the résumé has dated work to count
// (0 would read as "no experience"); no ongoing role, no current company.
export function resumeFacts(parsed: ParsedResume): ResumeFacts {
  const ongoing = parsed.work_history
    .filter((entry) => entry.end === null)
    .sort((a, b) => b.start.localeCompare(a.start))[0];
  const text = (value: string | undefined) => value?.trim().slice(0, MAX_TEXT) || null;
  return {
    experienceYears:
      parsed.work_history.length > 0 ? Math.min(MAX_YEARS, parsed.experience_years) : null,
    currentCompany: text(ongoing?.company),
    currentPosition: text(ongoing?.title),
  };
}

// Fills an application's experience, current company and position from its résumé once the résumé
// is parsed: when the parse job finishes, or at once when applying with an already-parsed upload.
// Only empty fields are filled: what the applicant typed stays.
@Injectable()
export class ApplicationResumeFactsService {
  constructor(private readonly crypto: CryptoService) {}

  async copyParsed(manager: EntityManager, resumeId: string, parsed: ParsedResume): Promise<void> {
    const facts = resumeFacts(parsed);
    if (Object.values(facts).every((value) => value === null)) {
      return;
    }
    // updated_at never moves back: inside the apply transaction now() is older than applied_at.
    await manager.query(
      `UPDATE applications
          SET experience_years = coalesce(experience_years, $2),
              current_company = coalesce(current_company, $3),
              current_position = coalesce(current_position, $4),
              updated_at = greatest(updated_at, now())
        WHERE resume_id = $1
          AND ((experience_years IS NULL AND $2::numeric IS NOT NULL)
            OR (current_company IS NULL AND $3::text IS NOT NULL)
            OR (current_position IS NULL AND $4::text IS NOT NULL))`,
      [resumeId, facts.experienceYears, facts.currentCompany, facts.currentPosition],
    );
  }

  async copyIfParsed(manager: EntityManager, resume: Resume): Promise<void> {
    const parsed = resume.parsingStatus === 'parsed' ? decryptParsed(resume, this.crypto) : null;
    if (parsed) {
      await this.copyParsed(manager, resume.id, parsed);
    }
  }
}
