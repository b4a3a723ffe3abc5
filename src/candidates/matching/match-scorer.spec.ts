import { MatchCandidate, MatchJob, scoreMatch } from './match-scorer';

function job(overrides: Partial<MatchJob> = {}): MatchJob {
  return {
    requiredSkillKeys: ['typescript', 'postgresql', 'kubernetes'],
    niceSkillKeys: ['go'],
    skillNames: new Map([
      ['typescript', 'TypeScript'],
      ['postgresql', 'PostgreSQL'],
      ['kubernetes', 'Kubernetes'],
      ['go', 'Go'],
    ]),
    experienceLevel: 'senior',
    location: 'Berlin, Germany',
    workMode: 'onsite',
    salaryMax: 100000,
    ...overrides,
  };
}

function candidate(overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    skillKeys: [],
    experienceYears: null,
    location: null,
    expectedSalary: null,
    ...overrides,
  };
}

describe('scoreMatch', () => {
  it('gives a perfect candidate 100 with every part at its maximum', () => {
    const result = scoreMatch(
      job(),
      candidate({
        skillKeys: ['typescript', 'postgresql', 'kubernetes', 'go'],
        experienceYears: 8,
        location: 'Berlin',
        expectedSalary: 90000,
      }),
    );
    expect(result).toEqual({
      score: 100,
      breakdown: { skills: 50, experience: 25, location: 15, salary: 10 },
      matched_skills: ['TypeScript', 'PostgreSQL', 'Kubernetes', 'Go'],
      missing_skills: [],
    });
  });

  it('always reports a score equal to the sum of its breakdown', () => {
    const result = scoreMatch(
      job(),
      candidate({
        skillKeys: ['typescript'],
        experienceYears: 2,
        location: 'Paris',
        expectedSalary: 120000,
      }),
    );
    const sum = Object.values(result.breakdown).reduce((a, b) => a + b, 0);
    expect(result.score).toBeCloseTo(sum, 10);
    expect(result.missing_skills).toEqual(['PostgreSQL', 'Kubernetes']);
    // 1 of 3.5 weighted skills, 2 of 6 years, wrong city on-site, 20% over budget.
    expect(result.breakdown).toEqual({ skills: 14.3, experience: 8.3, location: 0, salary: 6 });
  });

  it('ranks a closer match above a weaker one', () => {
    const strong = scoreMatch(
      job(),
      candidate({ skillKeys: ['typescript', 'postgresql'], experienceYears: 7 }),
    );
    const weak = scoreMatch(job(), candidate({ skillKeys: ['go'], experienceYears: 1 }));
    expect(strong.score).toBeGreaterThan(weak.score);
  });

  it('gives full location points for remote jobs', () => {
    expect(
      scoreMatch(job({ workMode: 'Remote' }), candidate({ location: 'Lima' })).breakdown.location,
    ).toBe(15);
  });
});
