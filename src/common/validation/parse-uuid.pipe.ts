import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { invalidParameter } from '../errors/validation-problem';

// Ids in the path (or a single named query value): a malformed or missing one answers the same
// VALIDATION_FAILED problem as a body field, naming the parameter. Nest's own ParseUUIDPipe
// answered a bare "Validation failed (uuid is expected)" with no code and no field.
@Injectable()
export class ParseUuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    const name = metadata.data ?? 'id';
    if (value === undefined || value === null || value === '') {
      throw invalidParameter(name, `${name} is required`);
    }
    // Same acceptance as @IsUUID() on DTO fields, so an id is valid everywhere or nowhere.
    if (typeof value !== 'string' || !isUUID(value)) {
      throw invalidParameter(name, `${name} must be a UUID`);
    }
    return value;
  }
}
