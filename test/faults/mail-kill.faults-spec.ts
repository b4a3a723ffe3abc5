import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signupCandidate } from '../support/factories';
import { dropDatabase } from '../support/gdpr';
import { SmtpTestServer } from '../support/smtp-test-server';
import { createDatabase } from '../support/test-app';
import { AppProcess, queryDatabase, startAppProcess, waitUntil } from './support/app-process';

jest.setTimeout(180_000);

const MESSAGES = 10;

// kill -9 while messages are in the middle of their SMTP conversation and others wait in the
// outbox; after a restart every message reaches the server at most once (by Message-ID), the
// waiting ones are sent, and the ones cut off mid-send are reported failed, never resent.
describe('kill -9 during SMTP delivery (faults)', () => {
  let databaseUrl: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'panelist-faults-mail-'));
  const smtp = new SmtpTestServer();
  let app: AppProcess | undefined;

  beforeAll(async () => {
    databaseUrl = await createDatabase();
    await smtp.start();
  });

  afterAll(async () => {
    await app?.stop();
    await smtp.stop();
    await dropDatabase(databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends nothing twice across a kill -9 of the worker', async () => {
    const env = {
      SMTP_URL: smtp.url,
      MAIL_SEND_TIMEOUT_MS: '4000',
      MAIL_RETRY_LIMIT: '8',
      MAIL_RETRY_DELAY_SECONDS: '2',
    };
    app = await startAppProcess({ databaseUrl, dataDir, env });
    // Replies to DATA are held: the first messages are mid-conversation when the process dies.
    smtp.holdReplies(5_000);
    for (let i = 0; i < MESSAGES; i++) {
      await signupCandidate(app.http);
    }
    await waitUntil(() => smtp.attempts >= 1, 'a message in flight');
    await app.kill();
    smtp.holdReplies(0);

    app = await startAppProcess({ databaseUrl, dataDir, env });
    await waitUntil(
      async () =>
        (
          await queryDatabase<{ n: number }>(
            databaseUrl,
            `SELECT count(*)::int AS n FROM mail_messages WHERE status IN ('queued', 'sending')`,
          )
        )[0].n === 0,
      'every message settled',
      150_000,
    );
    const rows = await queryDatabase<{ message_id: string; status: string }>(
      databaseUrl,
      `SELECT message_id, status FROM mail_messages WHERE template = 'verify_email'`,
    );
    expect(rows).toHaveLength(MESSAGES);
    const received = smtp.received.map((m) => m.messageId);
    // At most once per message.
    expect(new Set(received).size).toBe(received.length);
    for (const row of rows.filter((r) => r.status === 'sent')) {
      expect(received.filter((id) => id === row.message_id)).toHaveLength(1);
    }
    // Only the messages cut off mid-conversation can be failed (at most the worker's concurrency).
    const interrupted = rows.filter((r) => r.status === 'failed');
    expect(interrupted.length).toBeGreaterThanOrEqual(1);
    expect(interrupted.length).toBeLessThanOrEqual(4);
    expect(rows.filter((r) => r.status === 'sent').length).toBeGreaterThanOrEqual(MESSAGES - 4);
  });
});
