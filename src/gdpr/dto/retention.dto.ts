import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { RETENTION_ACTIONS } from '../entities/retention-policy.entity';
import type { RetentionAction } from '../entities/retention-policy.entity';

export class UpdateRetentionPolicyDto {
  @ApiProperty({ minimum: 0, maximum: 36500, description: 'Days after the category’s own clock' })
  @IsInt()
  @Min(0)
  @Max(36500)
  days: number;

  @ApiProperty({ enum: RETENTION_ACTIONS })
  @IsIn(RETENTION_ACTIONS)
  action: RetentionAction;
}

export class RunRetentionDto {
  @ApiProperty({ description: 'true: report what would be removed, change nothing' })
  @IsBoolean()
  dry_run: boolean;
}
