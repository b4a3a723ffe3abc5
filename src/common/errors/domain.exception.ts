// Domain errors carry a stable machine code and the HTTP status the problem-details filter uses.
// Services throw these; controllers never build error responses themselves.
export class DomainException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'DomainException';
  }
}

export class NotFoundProblem extends DomainException {
  constructor(resource: string) {
    super(404, `${resource.toUpperCase().replace(/\s+/g, '_')}_NOT_FOUND`, `${resource} not found`);
  }
}

export class ConflictProblem extends DomainException {
  constructor(code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(409, code, detail, extra);
  }
}

export class ForbiddenProblem extends DomainException {
  constructor(code: string, detail: string) {
    super(403, code, detail);
  }
}

export class BadRequestProblem extends DomainException {
  constructor(code: string, detail: string, errors?: { field: string; message: string }[]) {
    super(400, code, detail, errors ? { errors } : {});
  }
}

export class UnauthorizedProblem extends DomainException {
  constructor(detail = 'Authentication required', code = 'UNAUTHORIZED') {
    super(401, code, detail, {}, { 'WWW-Authenticate': 'Bearer' });
  }
}

export class ServiceUnavailableProblem extends DomainException {
  constructor(code: string, detail: string) {
    super(503, code, detail);
  }
}

export class TooManyRequestsProblem extends DomainException {
  constructor(detail: string, retryAfterSeconds: number, code = 'RATE_LIMITED') {
    super(
      429,
      code,
      detail,
      {},
      { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    );
  }
}
