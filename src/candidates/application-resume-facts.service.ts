import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Application } from './entities/application.entity';

// The part of a parsed résumé (the résumé module's ParsedResume) an application takes facts from.
export interface ParsedResume {
  experience_years: number;
  work_history: { title?: string; company?: string; start: string; end: string | null }[];
}

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
  async copyParsed(manager: EntityManager, resumeId: string, parsed: ParsedResume): Promise<void> {
    const facts = resumeFacts(parsed);
    if (Object.values(facts).every((value) => value === null)) {
      return;
    }
    // Through the entity: company and position are encrypted columns with search tokens.
    for (const application of await manager.findBy(Application, { resumeId })) {
      const changes: Partial<Application> = {};
      if (application.experienceYears === null && facts.experienceYears !== null) {
        changes.experienceYears = facts.experienceYears;
      }
      if (application.currentCompany === null && facts.currentCompany !== null) {
        changes.currentCompany = facts.currentCompany;
      }
      if (application.currentPosition === null && facts.currentPosition !== null) {
        changes.currentPosition = facts.currentPosition;
      }
      if (Object.keys(changes).length > 0) {
        // updated_at given, not left to the column default: inside the apply transaction that
        // default (the transaction's start) is older than applied_at.
        const updatedAt = new Date(Math.max(Date.now(), application.updatedAt.getTime()));
        await manager.update(
          Application,
          { id: application.id },
          { id: application.id, ...changes, updatedAt },
        );
      }
    }
  }
}
