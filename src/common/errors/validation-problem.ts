import { ValidationError } from '@nestjs/common';
import { BadRequestProblem } from './domain.exception';

export interface FieldError {
  field: string;
  message: string;
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? `${field} is not an allowed field` : message,
    }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

export function validationExceptionFactory(errors: ValidationError[]): BadRequestProblem {
  const fieldErrors = flattenValidationErrors(errors);
  return new BadRequestProblem(
    'VALIDATION_FAILED',
    `The request is invalid: ${fieldErrors.map((e) => e.field).join(', ')}`,
    fieldErrors,
  );
}
