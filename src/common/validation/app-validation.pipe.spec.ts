import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max } from 'class-validator';
import { AppValidationPipe } from './app-validation.pipe';

class ListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Max(100) limit?: number;
  @IsOptional() @IsString({ each: true }) tags?: string[];
}

describe('AppValidationPipe', () => {
  const pipe = new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
  });
  const query = { type: 'query' as const, metatype: ListQuery, data: '' };

  it('hands out a fresh DTO for a query string it has seen, not the one it keeps', async () => {
    const first = (await pipe.transform({ limit: '20', tags: ['a'] }, query)) as ListQuery;
    first.tags!.push('changed by a handler');
    first.limit = 1;
    const second = (await pipe.transform({ limit: '20', tags: ['a'] }, query)) as ListQuery;
    expect(second).toBeInstanceOf(ListQuery);
    expect(second).toEqual(Object.assign(new ListQuery(), { limit: 20, tags: ['a'] }));
    expect(second).not.toBe(first);
  });

  it('refuses a bad query string every time it comes', async () => {
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({ limit: '500' }, query)).rejects.toBeInstanceOf(
        BadRequestException,
      );
      await expect(pipe.transform({ limit: '5', extra: 'x' }, query)).rejects.toBeInstanceOf(
        BadRequestException,
      );
    }
  });
});
