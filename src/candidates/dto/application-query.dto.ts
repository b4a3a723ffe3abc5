import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SyncPageQueryDto } from '../../common/pagination/sync-window';
import { APPLICATION_STATUSES } from '../../pipeline';
import type { ApplicationStatus } from '../../pipeline';

export class ApplicationQueryDto extends SyncPageQueryDto {
  @ApiPropertyOptional({ example: 'screening' })
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,40}$/, {
    message: 'stage must be a stage key such as applied or screening',
  })
  stage?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({
    description: 'Exact e-mail, a name word, or part of the current position/company',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
