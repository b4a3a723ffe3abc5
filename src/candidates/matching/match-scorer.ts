// Candidate–job match, 0–100, as the sum of four explainable parts:
//   skills 50 (required skills weigh 1, nice-to-have 0.5), experience 25, location 15, salary 10.
// Every part is rounded to one decimal and the score is exactly their sum.

export const MATCH_WEIGHTS = { skills: 50, experience: 25, location: 15, salary: 10 } as const;

// Years a level asks for; a candidate at or above the minimum gets the full experience points.
export const LEVEL_MIN_YEARS: Record<string, number> = {
  intern: 0,
  entry: 0,
  junior: 1,
  mid: 3,
  intermediate: 3,
  senior: 6,
  lead: 9,
  principal: 10,
  staff: 10,
};

export interface MatchJob {
  requiredSkillKeys: string[];
  niceSkillKeys: string[];
  skillNames: Map<string, string>;
  experienceLevel: string | null;
  location: string | null;
  workMode: string | null;
  salaryMax: number | null;
}

export interface MatchCandidate {
  skillKeys: string[];
  experienceYears: number | null;
  location: string | null;
  expectedSalary: number | null;
}

export interface MatchBreakdown {
  skills: number;
  experience: number;
  location: number;
  salary: number;
}

export interface MatchResult {
  score: number;
  breakdown: MatchBreakdown;
  matched_skills: string[];
  missing_skills: string[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function levelMinYears(level: string | null): number | null {
  if (!level) {
    return null;
  }
  const key = Object.keys(LEVEL_MIN_YEARS).find((k) => level.toLowerCase().includes(k));
  return key === undefined ? null : LEVEL_MIN_YEARS[key];
}

function locationTokens(text: string | null): Set<string> {
  return new Set(
    (text ?? '')
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((t) => t.length > 2),
  );
}

export function scoreMatch(job: MatchJob, candidate: MatchCandidate): MatchResult {
  const has = new Set(candidate.skillKeys);
  const required = job.requiredSkillKeys;
  const nice = job.niceSkillKeys.filter((k) => !required.includes(k));
  const totalWeight = required.length + nice.length * 0.5;
  const matchedRequired = required.filter((k) => has.has(k));
  const matchedNice = nice.filter((k) => has.has(k));
  const skills =
    totalWeight === 0
      ? MATCH_WEIGHTS.skills / 2
      : (MATCH_WEIGHTS.skills * (matchedRequired.length + matchedNice.length * 0.5)) / totalWeight;

  const minYears = levelMinYears(job.experienceLevel);
  const years = candidate.experienceYears;
  let experience: number;
  if (years === null) {
    experience = MATCH_WEIGHTS.experience * 0.3;
  } else if (minYears === null || minYears === 0) {
    experience = MATCH_WEIGHTS.experience;
  } else {
    experience = MATCH_WEIGHTS.experience * Math.min(1, years / minYears);
  }

  let location: number;
  const mode = (job.workMode ?? '').toLowerCase();
  if (mode.includes('remote')) {
    location = MATCH_WEIGHTS.location;
  } else if (!job.location || !candidate.location) {
    location = MATCH_WEIGHTS.location / 2;
  } else {
    const wanted = locationTokens(job.location);
    const shared = [...locationTokens(candidate.location)].filter((t) => wanted.has(t)).length;
    location =
      shared > 0
        ? MATCH_WEIGHTS.location
        : mode.includes('hybrid')
          ? MATCH_WEIGHTS.location * 0.2
          : 0;
  }

  let salary: number;
  if (job.salaryMax === null || candidate.expectedSalary === null) {
    salary = MATCH_WEIGHTS.salary / 2;
  } else if (candidate.expectedSalary <= job.salaryMax) {
    salary = MATCH_WEIGHTS.salary;
  } else {
    // Loses all points at 50% above the job's maximum.
    const over = (candidate.expectedSalary - job.salaryMax) / job.salaryMax;
    salary = MATCH_WEIGHTS.salary * Math.max(0, 1 - over * 2);
  }

  const breakdown = {
    skills: round1(skills),
    experience: round1(experience),
    location: round1(location),
    salary: round1(salary),
  };
  const name = (k: string) => job.skillNames.get(k) ?? k;
  return {
    score: round1(breakdown.skills + breakdown.experience + breakdown.location + breakdown.salary),
    breakdown,
    matched_skills: [...matchedRequired, ...matchedNice].map(name),
    missing_skills: required.filter((k) => !has.has(k)).map(name),
  };
}
