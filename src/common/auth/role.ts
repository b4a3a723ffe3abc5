export enum Role {
  Candidate = 'candidate',
  Recruiter = 'recruiter',
  DomainExpert = 'domain_expert',
  Admin = 'admin',
}

export const ROLE_RANK: Record<Role, number> = {
  [Role.Candidate]: 0,
  [Role.Recruiter]: 1,
  [Role.DomainExpert]: 2,
  [Role.Admin]: 3,
};

export const ALL_ROLES = Object.values(Role);

export function hasAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

export function isStaff(role: Role): boolean {
  return hasAtLeast(role, Role.Recruiter);
}
