import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class TemplateSourceDto {
  @ApiProperty({ maxLength: 300, example: 'Interview invitation: {{job_title}}' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  subject: string;

  @ApiProperty({ maxLength: 20000, description: 'Plain-text part (Handlebars, strict)' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text: string;

  @ApiProperty({
    maxLength: 50000,
    description: 'HTML part (Handlebars, strict; every {{variable}} is HTML-escaped)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(50000)
  html: string;
}

export class PreviewTemplateDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description:
      "Values for the template's variables (GET /api/email-templates lists them); a variable left out shows as its placeholder",
    example: { recipient_name: 'Ada', verify_url: 'http://localhost:8000/verify-email?token=…' },
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'The signed token from the List-Unsubscribe link' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;
}
