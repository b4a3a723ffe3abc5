import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { REJECTION_REASON_TYPES } from '../entities/rejection-reason.entity';
import type { RejectionReasonType } from '../entities/rejection-reason.entity';

export class CreateRejectionReasonDto {
  @ApiProperty({ example: 'Relocation not possible', maxLength: 120 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: REJECTION_REASON_TYPES })
  @IsIn(REJECTION_REASON_TYPES)
  type: RejectionReasonType;
}
