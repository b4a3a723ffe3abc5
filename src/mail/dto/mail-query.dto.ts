import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/cursor';
import { PUBLIC_MAIL_STATUSES } from '../mail.presenter';
import { TEMPLATE_KEYS } from '../templates/template-keys';

export class MailQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TEMPLATE_KEYS })
  @IsOptional()
  @IsIn(TEMPLATE_KEYS)
  template?: string;

  @ApiPropertyOptional({ enum: PUBLIC_MAIL_STATUSES })
  @IsOptional()
  @IsIn(PUBLIC_MAIL_STATUSES)
  status?: string;
}
