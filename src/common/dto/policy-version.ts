import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';

// The privacy policy version a consent is given under (POST /api/gdpr/consent and the
// interview room's consent): a short label such as 2026-01.
export const IsPolicyVersion = () =>
  applyDecorators(
    IsString(),
    MaxLength(40),
    Matches(/^[\w.-]+$/, { message: 'policy_version may hold letters, digits, _ . and -' }),
  );
