import { ValidationError } from '@nestjs/common';
import { BadRequestProblem } from './domain.exception';

export interface FieldError {
  field: string;
  message: string;
}

// Every validation failure, wherever the value came from (body, query, path), is this one
// problem: 400, code VALIDATION_FAILED, and one `errors[]` entry per offending field.
export const VALIDATION_FAILED = 'VALIDATION_FAILED';

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const rules = Object.keys(error.constraints ?? {});
    // A required value that is absent fails every rule on it ("must be a UUID", "must be a
    // string"…); say what is actually wrong, once. Optional fields never get here when absent.
    const own: FieldError[] =
      error.value == null && rules.length > 0 && !rules.includes('whitelistValidation')
        ? [{ field, message: `${field} is required` }]
        : Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
            field,
            message: rule === 'whitelistValidation' ? `${field} is not an allowed field` : message,
          }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

export function validationProblem(fieldErrors: FieldError[]): BadRequestProblem {
  return new BadRequestProblem(
    VALIDATION_FAILED,
    `The request is invalid: ${fieldErrors.map((e) => e.field).join(', ')}`,
    fieldErrors,
  );
}

export function validationExceptionFactory(errors: ValidationError[]): BadRequestProblem {
  return validationProblem(flattenValidationErrors(errors));
}

// One path or query parameter that is missing or malformed.
export function invalidParameter(field: string, message: string): BadRequestProblem {
  return validationProblem([{ field, message }]);
}
