import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createStaff, loginAdmin, SignedIn, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

// A receiver on 127.0.0.1 whose answer the test sets; it records everything it gets.
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, state, server };
}

async function waitFor(predicate: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await predicate()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

// Issue #19 item 5: ping on create, delivery log, replay, re-enable.
describe('Webhooks: ping, delivery log, replay, re-enable (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let recruiter: SignedIn;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const secret = 'whsec-test-0123456789abcdef';
  const as = (who: SignedIn) => ({ token: who.accessToken });

  beforeAll(async () => {
    // Receivers listen on loopback; production refuses such targets (the SSRF guard).
    t = await createTestApp({
      env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_DELAY_SECONDS: '1' },
    });
    admin = await loginAdmin(t.http);
    recruiter = await createStaff(t.http, admin, 'recruiter');
    receiver = await startReceiver();
  });

  afterAll(async () => {
    receiver.server.close();
    await t.close();
  });

  const create = () =>
    t.http.post(
      '/api/webhooks',
      { url: receiver.url, events: ['application.created'], secret },
      as(admin),
    );
  const deliveries = async (id: string) =>
    (await t.http.get(`/api/webhooks/${id}/deliveries`, as(admin))).body.items as any[];

  it('pings a new endpoint (signed, logged) and keeps it active when the ping gets a 2xx', async () => {
    receiver.state.status = 204;
    const before = receiver.received.length;
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      is_active: true,
      disabled_reason: null,
      ping: { delivered: true, status_code: 204, error: null },
    });
    const ping = receiver.received[before];
    expect(ping.headers['x-panelist-event']).toBe('ping');
    expect(ping.headers['x-panelist-delivery']).toBe(created.body.ping.delivery_id);
    expect(ping.headers['x-panelist-signature']).toBe(
      `sha256=${createHmac('sha256', secret).update(ping.body).digest('hex')}`,
    );
    expect(JSON.parse(ping.body)).toMatchObject({
      event: 'ping',
      data: { webhook_id: created.body.id, events: ['application.created'] },
    });
    const [logged] = await deliveries(created.body.id);
    expect(logged).toMatchObject({
      id: created.body.ping.delivery_id,
      event: 'ping',
      status: 'delivered',
      status_code: 204,
      error: null,
      duration_ms: expect.any(Number),
    });
  });

  it('creates an endpoint whose ping fails disabled, says why, and re-enables it after a good ping', async () => {
    receiver.state.status = 503;
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.body.is_active).toBe(false);
    expect(created.body.disabled_reason).toMatch(/ping.*HTTP 503/);
    expect(created.body.ping).toMatchObject({ delivered: false, status_code: 503 });
    expect(created.body.ping.error).toContain('HTTP 503');

    const refused = await t.http.post(`/api/webhooks/${created.body.id}/enable`, {}, as(admin));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('WEBHOOK_PING_FAILED');
    const listed = (await t.http.get('/api/webhooks', as(admin))).body.items;
    expect(listed.find((w: any) => w.id === created.body.id).is_active).toBe(false);

    expect(
      (await t.http.post(`/api/webhooks/${created.body.id}/enable`, {}, as(recruiter))).status,
    ).toBe(403);
    receiver.state.status = 200;
    const enabled = await t.http.post(`/api/webhooks/${created.body.id}/enable`, {}, as(admin));
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({
      is_active: true,
      disabled_reason: null,
      consecutive_failures: 0,
      ping: { delivered: true },
    });
    const log = await deliveries(created.body.id);
    expect(log.map((d) => [d.event, d.status])).toEqual([
      ['ping', 'delivered'],
      ['ping', 'failed'],
      ['ping', 'failed'],
    ]);
    expect((await t.http.post(`/api/webhooks/${randomUUID()}/enable`, {}, as(admin))).status).toBe(
      404,
    );
  });

  it('replays a delivery with the same id and signed body, and logs the new attempt', async () => {
    receiver.state.status = 200;
    const created = await create();
    const job = await t.http.post(
      '/api/jobs',
      { title: 'Hook Engineer', description: 'Events', skills_required: [] },
      as(recruiter),
    );
    const applied = await t.http.post(`/api/jobs/${job.body.id}/applications`, {
      applicant_name: 'Webhook Replay',
      applicant_email: `${unique('hook')}@example.com`,
      consent_data_processing: true,
    });
    expect(applied.status).toBe(201);
    let event: any;
    await waitFor(async () => {
      event = (await deliveries(created.body.id)).find(
        (d) => d.event === 'application.created' && d.status === 'delivered',
      );
      return !!event;
    });
    const sent = receiver.received.filter((r) => r.headers['x-panelist-delivery'] === event.id);
    expect(sent).toHaveLength(1);

    const replay = await t.http.post(
      `/api/webhooks/${created.body.id}/deliveries/${event.id}/replay`,
      {},
      as(admin),
    );
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id: event.id, status: 'pending' });
    await waitFor(
      () =>
        receiver.received.filter((r) => r.headers['x-panelist-delivery'] === event.id).length === 2,
    );
    const again = receiver.received.filter((r) => r.headers['x-panelist-delivery'] === event.id);
    expect(again[1].body).toBe(again[0].body);
    expect(again[1].headers['x-panelist-signature']).toBe(again[0].headers['x-panelist-signature']);
    await waitFor(async () => {
      const entry = (await deliveries(created.body.id)).find((d) => d.id === event.id);
      return entry.status === 'delivered' && entry.attempt_log.length === 2;
    });

    const base = `/api/webhooks/${created.body.id}/deliveries`;
    expect((await t.http.post(`${base}/${randomUUID()}/replay`, {}, as(admin))).status).toBe(404);
    expect((await t.http.post(`${base}/not-a-uuid/replay`, {}, as(admin))).status).toBe(400);
    expect((await t.http.post(`${base}/${event.id}/replay`, {}, as(recruiter))).status).toBe(403);
  });

  it('refuses to replay to a disabled endpoint (409)', async () => {
    receiver.state.status = 500;
    const created = await create();
    expect(created.body.is_active).toBe(false);
    const res = await t.http.post(
      `/api/webhooks/${created.body.id}/deliveries/${created.body.ping.delivery_id}/replay`,
      {},
      as(admin),
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('WEBHOOK_DISABLED');
  });
});
