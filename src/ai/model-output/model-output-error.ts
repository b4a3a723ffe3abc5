// Raised when a model's reply cannot be used at all. The message names the offending path only,
// never the content, so it is safe to log.
export class ModelOutputError extends Error {
  constructor(detail: string) {
    super(`invalid model output: ${detail}`);
    this.name = 'ModelOutputError';
  }
}

export function failAt(path: string, expected: string): never {
  throw new ModelOutputError(`${path}: expected ${expected}`);
}
