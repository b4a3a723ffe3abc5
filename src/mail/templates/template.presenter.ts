import { ApiProperty } from '@nestjs/swagger';
import { TEMPLATE_KEYS } from './template-keys';

export class EmailTemplateResponse {
  @ApiProperty({ enum: TEMPLATE_KEYS }) key: string;
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty() html: string;
  @ApiProperty({ type: [String], description: 'The only variables this template may use' })
  variables: readonly string[];
  @ApiProperty({ description: 'false: the shipped default applies' }) customized: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) job_id: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updated_at: string | null;
}

export class EmailTemplateList {
  @ApiProperty({ type: [EmailTemplateResponse] }) items: EmailTemplateResponse[];
}

export class EmailPreviewResponse {
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty() html: string;
}
