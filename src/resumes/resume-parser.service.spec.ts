import { ResumeParserService } from './resume-parser.service';

// Under ts-jest the worker first loads the TypeScript compiler.
const WORKER_TIMEOUT_MS = 15_000;

describe(ResumeParserService.name, () => {
  const service = new ResumeParserService();

  it('parses in the worker and returns the parsed fields', async () => {
    const text =
      'Jane Doe\njane@example.com\nExperience\nBackend Engineer, Initech\tJan 2020 – Present';
    const outcome = await service.parse(Buffer.from(text), 'txt', WORKER_TIMEOUT_MS);
    expect(outcome).toMatchObject({
      status: 'parsed',
      text,
      parsed: {
        contact: { name: 'Jane Doe', email: 'jane@example.com' },
        current_company: 'Initech',
      },
    });
  });

  it('13.4: turns a parse that runs out of time into a failed outcome that says so', async () => {
    const hostile = Buffer.from(`Jane Doe\n${' '.repeat(30_000)}x`);
    expect(await service.parse(hostile, 'txt', 1)).toEqual({
      status: 'failed',
      code: 'TIMEOUT',
      reason: expect.stringContaining('took longer than résumé parsing may take'),
    });
  });
});
