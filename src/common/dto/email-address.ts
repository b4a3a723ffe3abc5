import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';

// C0 and C1 control characters, DEL and the Unicode line and paragraph separators. IsEmail accepts
// them inside a quoted local part ("a\r\nb"@example.com) and even U+2028 unquoted; an address is
// later written into calendar files and mail headers, where a line break starts a new field.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
const WITHOUT_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/u;

// The one validator for every e-mail field a client sends (issue #13.11).
export function IsEmailAddress(maxLength = 254): PropertyDecorator {
  return applyDecorators(
    IsString({ message: '$property must be a valid e-mail address' }),
    Matches(WITHOUT_CONTROL_CHARACTERS, {
      message: '$property must not contain control characters or line breaks',
    }),
    IsEmail({}, { message: '$property must be a valid e-mail address' }),
    MaxLength(maxLength),
  );
}
