import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount } from '../../../test/fixtures.ts';
import { startFakeConnectWise } from '../../../test/psa-fakes/fake-connectwise.ts';
import type { FakePsa } from '../../../test/psa-fakes/fake-psa-server.ts';
import { fakePsaProviders, startFakePsa } from '../../../test/psa-fakes/start-fake-psa.ts';
import {
  connectPsa,
  createPsaTestApp,
  databaseText,
  resolveLosingFirstAnswer,
  sessionFromTicket,
  waitForDelivery,
} from './psa-test-helpers.ts';

type Harness = Awaited<ReturnType<typeof createPsaTestApp>>;

describe('PSA connection, ticket intake and durable post-back (ConnectWise)', () => {
  let fake: FakePsa;
  let h: Harness;
  beforeAll(async () => {
    fake = await startFakeConnectWise();
    h = await createPsaTestApp(fake);
  });
  afterAll(async () => {
    await h.close();
    await fake.close();
  });
  beforeEach(async () => {
    await h.t.reset();
    fake.server.faults.length = 0;
    fake.server.delay = null;
    fake.server.delayAnswer = null;
    fake.server.ignoreStatusChanges = false;
  });

  it('refuses a connection the PSA refuses (422 with its reason, nothing saved) and keeps secrets to itself', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    const wrong = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/integrations/psa',
      headers: owner.headers,
      payload: fake.wrongConnection(),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().detail).toMatch(/ConnectWise refused the credentials \(401\).*Invalid credentials/);
    expect(await t.database.query('SELECT * FROM psa_connections')).toEqual([]);

    const engineer = await addUser(t.app, owner, 'engineer');
    const forbidden = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/integrations/psa',
      headers: engineer.headers,
      payload: fake.connection(),
    });
    expect(forbidden.statusCode).toBe(403);

    const saved = await connectPsa(t, owner, fake, { resolved_status_id: '5' });
    expect(saved).toMatchObject({
      provider: 'connectwise',
      status: 'connected',
      secrets_set: ['public_key', 'private_key'],
    });
    expect(saved.settings).toMatchObject({ company_id: 'contoso_msp', resolved_status_id: '5' });

    // A re-save without the secrets keeps the stored ones (the form never has them).
    const {
      public_key: _p,
      private_key: _k,
      ...withoutSecrets
    } = fake.connection({ escalated_status_id: 7 });
    const resaved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/integrations/psa',
      headers: owner.headers,
      payload: withoutSecrets,
    });
    expect(resaved.statusCode, resaved.body).toBe(200);
    expect(resaved.json().settings.escalated_status_id).toBe('7');

    const tested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/integrations/psa/test',
      headers: owner.headers,
    });
    expect(tested.json()).toMatchObject({ ok: true, version: 'v2025.1.10431' });
    const statuses = await t.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/psa/statuses',
      headers: owner.headers,
    });
    expect(statuses.json().items).toContainEqual({ id: '5', name: 'Resolved' });
    const members = await t.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/psa/members?email=sam@msp.example',
      headers: owner.headers,
    });
    expect(members.json().items).toEqual([{ id: '77', name: 'Sam Engineer', email: 'sam@msp.example' }]);

    const responses = [wrong.body, forbidden.body, JSON.stringify(saved), resaved.body, tested.body];
    responses.push(
      (await t.app.inject({ method: 'GET', url: '/api/v1/integrations/psa', headers: owner.headers })).body,
    );
    const stored = await databaseText(t);
    expect(stored).toMatch(/v1:[A-Za-z0-9+/=]+:/);
    for (const secret of [...fake.secrets, 'wrongPrivateKey999']) {
      for (const body of responses) expect(body).not.toContain(secret);
      expect(stored).not.toContain(secret);
      expect(h.logLines.join('')).not.toContain(secret);
    }

    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/integrations/psa',
      headers: owner.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/integrations/psa', headers: owner.headers })).json(),
    ).toMatchObject({ provider: null, status: 'not_configured' });
  });

  it('starts a session from a ticket: intake from summary, description and notes; client, asset and ref; a link back', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    const notConnected = await t.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/psa/tickets?q=outlook',
      headers: owner.headers,
    });
    expect(notConnected.statusCode).toBe(409);
    await connectPsa(t, owner, fake);
    const search = await t.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/psa/tickets?q=outlook',
      headers: owner.headers,
    });
    expect(search.json().items).toEqual([
      expect.objectContaining({
        id: '4711',
        summary: 'Outlook keeps asking for the password',
        company: 'Contoso Ltd',
      }),
    ]);
    const preview = await t.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/psa/tickets/4711',
      headers: owner.headers,
    });
    expect(preview.json()).toMatchObject({ configuration: 'LT-0042', contact: 'Dana Reyes' });
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/psa/tickets/999999',
      headers: owner.headers,
    });
    expect(missing.statusCode).toBe(404);
    const badNew = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_type: 'ticket', psa_ticket_id: '999999' },
    });
    expect(badNew.statusCode).toBe(404);

    const session = await sessionFromTicket(t, owner, '4711');
    expect(session.intake_content).toMatchObject({
      ticket_ref: '4711',
      client_name: 'Contoso Ltd',
      asset_name: 'LT-0042',
    });
    expect(session.intake_content.text).toContain('Outlook keeps asking for the password');
    expect(session.intake_content.text).toContain('after the password change');
    expect(session.client_name).toBe('Contoso Ltd');
    const link = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${session.id}/psa-ticket`,
      headers: owner.headers,
    });
    expect(link.json()).toMatchObject({ provider: 'connectwise', ticket_id: '4711', ticket_number: '4711' });
    expect(link.json().url).toContain('service_recid=4711');
  });

  it('escalates through an outage: retried with backoff, one internal note, status moved and verified', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    await connectPsa(t, owner, fake, { escalated_status_id: '7' });
    const session = await sessionFromTicket(t, owner, '5003');
    const notePosts = (r: { method: string; path: string }) =>
      r.method === 'POST' && r.path.endsWith('/notes');
    fake.server.fail(503, 2, { match: notePosts });
    fake.server.fail(429, 1, { retryAfter: 0.2, match: notePosts });
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/escalation-package/post`,
      headers: owner.headers,
      payload: { markdown: '# Needs tier 2\nProfile rebuild did not help.' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      outcome: 'escalated',
      delivery: { status: 'pending', kind: 'internal' },
    });

    const delivery = await waitForDelivery(t, owner, session.id);
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 4,
      status_transition: { requested_status_id: '7', verified: true },
    });
    const notes = fake.world.notes.filter((n) => n.ticketId === 5003);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ internal: true, resolution: false });
    expect(notes[0]!.text).toContain('Needs tier 2');
    expect(fake.world.tickets.find((x) => x.id === 5003)!.statusId).toBe(7);

    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/ai-sessions/${session.id}/audit`,
        headers: owner.headers,
      })
    ).json().items;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'psa.note.posted',
        after: expect.objectContaining({ psa_note_id: String(notes[0]!.id), ticket_id: '5003' }),
      }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'psa.status.changed',
        after: expect.objectContaining({ verified: true, actual_status_id: '7' }),
      }),
    );
  });

  it('reports a status the PSA accepted and ignored, and posts the time entry for the mapped member', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    await connectPsa(t, owner, fake, {
      resolved_status_id: '5',
      post_time_entries: true,
      member_mappings: [{ user_id: owner.userId, member_id: '77' }],
    });
    const session = await sessionFromTicket(t, owner, '5004');
    fake.server.ignoreStatusChanges = true;
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/resolution-note/post`,
      headers: owner.headers,
      payload: {},
    });
    expect(closed.json().outcome).toBe('resolved');
    const delivery = await waitForDelivery(t, owner, session.id);
    expect(delivery).toMatchObject({
      status: 'delivered',
      status_transition: { requested_status_id: '5', verified: false, actual_status_id: '1' },
    });
    expect(delivery.status_transition.skipped_reason).toMatch(
      /accepted the status change but the ticket is still in status 1/,
    );
    expect(fake.world.notes.filter((n) => n.ticketId === 5004)).toEqual([
      expect.objectContaining({ resolution: true, internal: false }),
    ]);
    expect(fake.world.timeEntries.filter((e) => e.ticketId === 5004)).toEqual([
      expect.objectContaining({ memberId: 77, id: Number(delivery.time_entry_id) }),
    ]);
  });

  it('fails on a refusal without retrying, shows the reason, and Retry delivers once the cause is fixed', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    await connectPsa(t, owner, fake);
    const session = await sessionFromTicket(t, owner, '5005');
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/psa-delivery/retry`,
      headers: owner.headers,
    });
    expect(early.statusCode).toBe(404);
    fake.server.fail(401, 1, { match: (r) => r.method === 'GET' && r.path.endsWith('/notes') });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/resolution-note/post`,
      headers: owner.headers,
      payload: {},
    });
    const failed = await waitForDelivery(t, owner, session.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/ConnectWise refused the credentials \(401\)/);
    const retried = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/psa-delivery/retry`,
      headers: owner.headers,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().status).toBe('pending');
    const delivered = await waitForDelivery(t, owner, session.id);
    expect(delivered.status).toBe('delivered');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/psa-delivery/retry`,
      headers: owner.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(fake.world.notes.filter((n) => n.ticketId === 5005)).toHaveLength(1);
  });

  it('finds a note an earlier attempt posted but did not record (the idempotency key), and does not post it twice', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    await connectPsa(t, owner, fake);
    const session = await sessionFromTicket(t, owner, '5006');
    // The note lands but the answer is lost: the attempt times out after the PSA stored it.
    const delivery = await resolveLosingFirstAnswer(t, owner, fake, session.id, /\/notes$/);
    const notes = fake.world.notes.filter((n) => n.ticketId === 5006);
    expect(notes).toHaveLength(1);
    expect(delivery.note_id).toBe(String(notes[0]!.id));
    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/ai-sessions/${session.id}/audit`,
        headers: owner.headers,
      })
    ).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('psa.note.found');
  });

  it('finds a time entry an earlier attempt posted but did not record, and does not post it twice', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    await connectPsa(t, owner, fake, {
      post_time_entries: true,
      member_mappings: [{ user_id: owner.userId, member_id: '77' }],
    });
    const session = await sessionFromTicket(t, owner, '5022');
    const delivery = await resolveLosingFirstAnswer(t, owner, fake, session.id, /\/time\/entries$/);
    const entries = fake.world.timeEntries.filter((e) => e.ticketId === 5022);
    expect(entries).toHaveLength(1);
    expect(delivery.time_entry_id).toBe(String(entries[0]!.id));
    expect(fake.world.notes.filter((n) => n.ticketId === 5022)).toHaveLength(1);
    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/ai-sessions/${session.id}/audit`,
        headers: owner.headers,
      })
    ).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('psa.time.found');
  });

  it('refuses a PSA host outside PSA_ALLOWED_HOSTS without calling it', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/integrations/psa',
      headers: owner.headers,
      payload: fake.connection({ site_url: 'https://10.20.30.40' }),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toMatch(/host 10\.20\.30\.40 is not allowed/);
  });

  it('an escalated ticket session claimed by a colleague posts again when the colleague resolves it; the time entry is the colleague’s stretch', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    const colleague = await addUser(t.app, owner, 'engineer');
    await connectPsa(t, owner, fake, {
      resolved_status_id: '5',
      escalated_status_id: '7',
      post_time_entries: true,
      member_mappings: [
        { user_id: owner.userId, member_id: '77' },
        { user_id: colleague.userId, member_id: '78' },
      ],
    });
    const session = await sessionFromTicket(t, owner, '5020');
    const escalated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/escalation-package/post`,
      headers: owner.headers,
    });
    expect(escalated.statusCode, escalated.body).toBe(200);
    const first = await waitForDelivery(t, owner, session.id);
    expect(first).toMatchObject({ status: 'delivered', kind: 'internal' });

    const claimed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/escalations/${session.id}/claim`,
      headers: colleague.headers,
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const claimedAt = Date.now();
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/resolution-note/post`,
      headers: colleague.headers,
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ outcome: 'resolved', delivery: { kind: 'resolution' } });

    // The session's delivery is now the latest close's; both notes reached the ticket once each.
    const second = await waitForDelivery(t, colleague, session.id);
    expect(second).toMatchObject({ status: 'delivered', kind: 'resolution' });
    expect(second.id).not.toBe(first.id);
    const notes = fake.world.notes.filter((n) => n.ticketId === 5020);
    expect(notes.map((n) => ({ internal: n.internal, resolution: n.resolution }))).toEqual([
      { internal: true, resolution: false },
      { internal: false, resolution: true },
    ]);
    expect(fake.world.tickets.find((x) => x.id === 5020)!.statusId).toBe(5);
    // Each engineer's time entry covers their own stretch: the colleague's starts at the claim.
    const entries = fake.world.timeEntries.filter((e) => e.ticketId === 5020);
    expect(entries.map((e) => e.memberId)).toEqual([77, 78]);
    expect(Date.parse(entries[1]!.start)).toBeGreaterThanOrEqual(claimedAt - 2_000);
  });

  it('closing a ticket session twice at once: one close wins and records one delivery (the session lock)', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    await connectPsa(t, owner, fake);
    const session = await sessionFromTicket(t, owner, '5023');
    const close = (kind: 'resolution-note' | 'escalation-package') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/ai-sessions/${session.id}/${kind}/post`,
        headers: owner.headers,
      });
    const results = await Promise.all([close('resolution-note'), close('escalation-package')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM psa_deliveries WHERE ai_session_id = $1',
      [session.id],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('a session without a ticket still closes locally', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    await connectPsa(t, owner, fake);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_content: { text: 'VPN drops' } },
    });
    const id = created.json().id;
    await t.app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${id}/stream`, headers: owner.headers });
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/resolution-note/post`,
      headers: owner.headers,
      payload: {},
    });
    expect(closed.json().outcome).toBe('resolved_local');
    expect(closed.json().delivery).toBeUndefined();
    const missingIntake = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_type: 'ticket' },
    });
    expect(missingIntake.statusCode).toBe(422);
  });
});

describe.each(fakePsaProviders)('resolve end to end through the HTTP API: %s', (name) => {
  let fake: FakePsa;
  let h: Harness;
  beforeAll(async () => {
    fake = await startFakePsa(name);
    h = await createPsaTestApp(fake);
  });
  afterAll(async () => {
    await h.close();
    await fake.close();
  });

  it('posts one resolution note and moves the ticket to the verified resolved status', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    await connectPsa(t, owner, fake, { resolved_status_id: fake.resolvedStatusId });
    const session = await sessionFromTicket(t, owner, fake.ticketNumber);
    expect(session.intake_content).toMatchObject({
      ticket_ref: fake.ticketNumber,
      client_name: 'Contoso Ltd',
      asset_name: 'LT-0042',
    });
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/resolution-note/post`,
      headers: owner.headers,
      payload: { markdown: '# Resolved\nCleared the cached credentials.' },
    });
    expect(closed.json()).toMatchObject({
      outcome: 'resolved',
      delivery: { kind: 'resolution', ticket: { provider: name, ticket_id: '4711' } },
    });
    const delivery = await waitForDelivery(t, owner, session.id);
    expect(delivery).toMatchObject({
      status: 'delivered',
      status_transition: { verified: true, actual_status_id: fake.resolvedStatusId },
    });
    const posted = fake.world.notes.filter(
      (n) => n.ticketId === 4711 && n.text.includes('Cleared the cached credentials'),
    );
    expect(posted).toHaveLength(1);
    expect(posted[0]!.internal).toBe(false);
    expect(String(fake.world.tickets.find((x) => x.id === 4711)!.statusId)).toBe(fake.resolvedStatusId);
    const scan = (await databaseText(t)) + h.logLines.join('') + closed.body;
    for (const secret of fake.secrets) expect(scan).not.toContain(secret);
  });

  it('posts a note longer than the PSA keeps once, fitted to its limit with the marker kept, even when an answer is lost', async () => {
    const { t } = h;
    const owner = await signUpAccount(t.app);
    await connectPsa(t, owner, fake);
    const session = await sessionFromTicket(t, owner, '5021');
    const body = `# Resolved\n${'Event 7031: the Print Spooler service terminated unexpectedly.\n'.repeat(700)}`;
    expect(body.length).toBeGreaterThan(40_000);
    await resolveLosingFirstAnswer(t, owner, fake, session.id, /\/(notes|actions)$/i, body);
    const notes = fake.world.notes.filter((n) => n.ticketId === 5021);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toMatch(/\[FlowPilot ref fp-[0-9a-f-]+\]$/);
    if (name === 'autotask') {
      expect(notes[0]!.text.length).toBeLessThanOrEqual(32_000);
      expect(notes[0]!.text).toContain('shortened to fit the PSA’s note limit');
    } else {
      expect(notes[0]!.text).toContain(body);
    }
  });
});
