import { randomUUID } from 'node:crypto';
import { CryptoService } from '../src/crypto/crypto.service';
import { GdprRequest } from '../src/gdpr/entities/gdpr-request.entity';
import { signupCandidate, unique } from './support/factories';
import { applyWithoutAccount, hiringSetup } from './support/hiring-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { hiringFixture, until } from './support/video-fixtures';

// Issue 15 item 4: columns declared with @EncryptedColumn are sealed by EncryptedColumnsSubscriber
// under the AAD `<table>.<column>.<row id>` — the same AAD the hand-written helpers used, so rows
// written before the change stay readable. Each case reads the table directly (ciphertext that
// opens only under that AAD), and reads the value back through the application (plain text).
jest.setTimeout(120_000);

describe('Columns declared with @EncryptedColumn (e2e)', () => {
  let t: TestApp;
  let crypto: CryptoService;

  const open = (stored: string, table: string, column: string, id: string): string =>
    crypto.decrypt(stored, CryptoService.fieldAad(table, column, id));
  const sealOld = (plain: string, table: string, column: string, id: string): string =>
    crypto.encrypt(plain, CryptoService.fieldAad(table, column, id));

  beforeAll(async () => {
    t = await createTestApp();
    crypto = t.app.get(CryptoService);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('scorecard notes and attribute notes: ciphertext at rest, plain through the API', async () => {
    const setup = await hiringSetup(t.http);
    const { applicationId } = await applyWithoutAccount(t.http, setup.jobId);
    const as = { token: setup.recruiter.accessToken };
    const notes = `Clear thinker ${unique('n')}`;
    const attributeNote = `Explains trade-offs ${unique('a')}`;
    const created = await t.http.post(
      `/api/applications/${applicationId}/feedback`,
      {
        overall_recommendation: 'yes',
        rating: 4,
        notes,
        attributes: [{ name: 'Communication', rating: 4, note: attributeNote }],
      },
      as,
    );
    expect(created.status).toBe(201);
    expect(created.body.notes).toBe(notes);

    const [row] = await t.dataSource.query<
      { id: string; notes_encrypted: string; attribute_notes_encrypted: string }[]
    >(
      'SELECT id, notes_encrypted, attribute_notes_encrypted FROM scorecards WHERE application_id = $1',
      [applicationId],
    );
    expect(row.notes_encrypted).not.toContain('thinker');
    expect(row.attribute_notes_encrypted).not.toContain('trade-offs');
    expect(open(row.notes_encrypted, 'scorecards', 'notes', row.id)).toBe(notes);
    expect(
      JSON.parse(open(row.attribute_notes_encrypted, 'scorecards', 'attribute_notes', row.id)),
    ).toEqual([attributeNote]);
    // Bound to its row: another id does not open it.
    expect(() => open(row.notes_encrypted, 'scorecards', 'notes', randomUUID())).toThrow();

    // A value sealed the way the former hand-written code did reads back as plain text.
    const older = `Written before the change ${unique('o')}`;
    await t.dataSource.query('UPDATE scorecards SET notes_encrypted = $1 WHERE id = $2', [
      sealOld(older, 'scorecards', 'notes', row.id),
      row.id,
    ]);
    const list = await t.http.get(`/api/applications/${applicationId}/feedback`, as);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: row.id,
        notes: older,
        attributes: [{ name: 'Communication', rating: 4, note: attributeNote }],
      }),
    ]);
  });

  it('a GDPR request reason: ciphertext at rest, plain on the entity, older rows readable', async () => {
    const person = await signupCandidate(t.http);
    const id = randomUUID();
    const reason = `Please forget me ${unique('r')}`;
    await t.dataSource.manager.insert(GdprRequest, {
      id,
      kind: 'erasure',
      source: 'api',
      status: 'failed',
      requestedBy: person.id,
      subjectUserId: person.id,
      subjectCandidateId: null,
      reason,
    });
    const [row] = await t.dataSource.query<{ reason_encrypted: string }[]>(
      'SELECT reason_encrypted FROM gdpr_requests WHERE id = $1',
      [id],
    );
    expect(row.reason_encrypted).not.toContain('forget');
    expect(open(row.reason_encrypted, 'gdpr_requests', 'reason', id)).toBe(reason);
    expect((await t.dataSource.manager.findOneByOrFail(GdprRequest, { id })).reason).toBe(reason);

    const older = `Sealed before the change ${unique('o')}`;
    await t.dataSource.query('UPDATE gdpr_requests SET reason_encrypted = $1 WHERE id = $2', [
      sealOld(older, 'gdpr_requests', 'reason', id),
      id,
    ]);
    expect((await t.dataSource.manager.findOneByOrFail(GdprRequest, { id })).reason).toBe(older);
  });

  it('video meetings and transcript lines: ciphertext at rest, plain through the API', async () => {
    const f = await hiringFixture(t.http);
    const interviewId = await f.schedule('webrtc');
    const asRecruiter = { token: f.recruiter.accessToken };
    const shown = await until(
      () => t.http.get(`/api/interviews/${interviewId}`, asRecruiter),
      (r) => r.body.meeting != null,
    );
    const meeting = shown.body.meeting as { id: string; join_url: string; start_url: string };
    const [row] = await t.dataSource.query<
      {
        id: string;
        topic_encrypted: string;
        join_url_encrypted: string;
        start_url_encrypted: string;
      }[]
    >(
      'SELECT id, topic_encrypted, join_url_encrypted, start_url_encrypted FROM video_meetings WHERE id = $1',
      [meeting.id],
    );
    expect(row.join_url_encrypted).not.toContain(meeting.id);
    expect(open(row.join_url_encrypted, 'video_meetings', 'join_url', row.id)).toBe(
      meeting.join_url,
    );
    expect(open(row.start_url_encrypted, 'video_meetings', 'start_url', row.id)).toBe(
      meeting.start_url,
    );
    const detail = await t.http.get(`/api/video/meetings/${meeting.id}`, asRecruiter);
    expect(detail.status).toBe(200);
    expect(open(row.topic_encrypted, 'video_meetings', 'topic', row.id)).toBe(detail.body.topic);

    // A value sealed the way the former hand-written code did reads back as plain text.
    const olderUrl = `https://rooms.example/${unique('o')}`;
    await t.dataSource.query('UPDATE video_meetings SET join_url_encrypted = $1 WHERE id = $2', [
      sealOld(olderUrl, 'video_meetings', 'join_url', row.id),
      row.id,
    ]);
    const again = await t.http.get(`/api/video/meetings/${meeting.id}`, asRecruiter);
    expect(again.body.join_url).toBe(olderUrl);
    const viaInterview = await t.http.get(`/api/interviews/${interviewId}`, asRecruiter);
    expect(viaInterview.body.meeting.join_url).toBe(olderUrl);

    const said = `I designed the ledger ${unique('t')}`;
    const line = await t.http.post(
      `/api/video/rooms/${meeting.id}/transcript`,
      { text: said, at: new Date().toISOString() },
      { token: f.candidate.accessToken },
    );
    expect(line.status).toBe(201);
    const [stored] = await t.dataSource.query<{ text_encrypted: string }[]>(
      'SELECT text_encrypted FROM video_transcript_lines WHERE id = $1',
      [line.body.id],
    );
    expect(stored.text_encrypted).not.toContain('ledger');
    expect(open(stored.text_encrypted, 'video_transcript_lines', 'text', line.body.id)).toBe(said);
    const read = await t.http.get(`/api/video/rooms/${meeting.id}/transcript`, asRecruiter);
    expect(read.body.items.map((l: { text: string }) => l.text)).toEqual([said]);
  });
});
