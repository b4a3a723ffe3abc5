import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ParseResumeDto {
  @ApiProperty({ format: 'uuid', description: 'A résumé returned by POST /api/resume/upload' })
  @IsUUID()
  resume_id: string;
}
