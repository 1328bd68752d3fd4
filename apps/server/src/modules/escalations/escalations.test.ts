import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineChatModel } from '@flowpilot/assistant/offline/offline-chat-model';
import { PICKUP_MESSAGES } from '@flowpilot/contracts/escalations';
import { addUser, signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { parseSse } from '../../../test/sse.ts';
import type { scriptedModel } from '../../../test/scripted-model.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { openSession, stateVersion } from '../../../test/session-helpers.ts';
import { uploadFile } from '../attachments/attachment-test-helpers.ts';

type ScriptedModel = ReturnType<typeof scriptedModel>;

/**
 * The queue and the handoff (SPEC §7.5) through the HTTP API, on PGlite and, with
 * TEST_DATABASE_URL, on PostgreSQL, where the claim race runs on parallel connections.
 */
describe('escalation queue', () => {
  let t: TestApp;
  let owner: SignedUp;
  let alice: SignedUp;
  let bob: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app, 'Queue MSP');
    alice = await addUser(t.app, owner, 'engineer');
    bob = await addUser(t.app, owner, 'engineer');
  });

  const escalate = async (who: SignedUp, text = 'VPN drops every ten minutes for the sales team') => {
    const session = await openSession(t, who, { text });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/escalation-package/post`,
      headers: who.headers,
      payload: {},
    });
    expect(response.statusCode).toBe(200);
    return session.id;
  };
  const queue = async (who: SignedUp) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/escalations', headers: who.headers });
    expect(response.statusCode).toBe(200);
    return response.json().items as Record<string, unknown>[];
  };
  const claim = (who: SignedUp, sessionId: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/escalations/${sessionId}/claim`, headers: who.headers });

  it('lists waiting and claimed escalations oldest first, with the summary and waiting time', async () => {
    const first = await escalate(alice, 'Outlook keeps asking for the password');
    const second = await escalate(alice);
    await openSession(t, alice, { text: 'Still private' });
    const items = await queue(bob);
    expect(items.map((item) => item.session_id)).toEqual([first, second]);
    expect(items[0]).toMatchObject({
      escalated_by: { id: alice.userId },
      claimed_by: null,
      claimed_at: null,
    });
    expect(items[0]!.summary).toContain('Outlook keeps asking for the password');
    expect(items[0]!.waiting_seconds).toBeGreaterThanOrEqual(0);

    expect((await claim(bob, first)).statusCode).toBe(200);
    const after = await queue(owner);
    expect(after.map((item) => item.session_id)).toEqual([first, second]);
    expect(after[0]).toMatchObject({ claimed_by: { id: bob.userId } });

    // Resolved after the claim: it leaves the queue, and the durations are stored.
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${first}/resolution-note/post`,
      headers: bob.headers,
      payload: { markdown: '# Fixed\n\nRecreated the profile.' },
    });
    expect(resolved.statusCode).toBe(200);
    expect((await queue(bob)).map((item) => item.session_id)).toEqual([second]);
    const metrics = await t.app.inject({
      method: 'GET',
      url: '/api/v1/escalations/metrics',
      headers: owner.headers,
    });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.json()).toMatchObject({ escalations: 2, claimed: 1, resolved_after_claim: 1 });
    expect(metrics.json().median_seconds_to_claim).toBeGreaterThanOrEqual(0);
    expect(metrics.json().median_seconds_claim_to_resolution).toBeGreaterThanOrEqual(0);
    const stored = await t.database.query<{ seconds_to_claim: number; seconds_claim_to_resolution: number }>(
      'SELECT seconds_to_claim, seconds_claim_to_resolution FROM session_escalations WHERE ai_session_id = $1',
      [first],
    );
    expect(stored[0]!.seconds_to_claim).toBeGreaterThanOrEqual(0);
    expect(stored[0]!.seconds_claim_to_resolution).toBeGreaterThanOrEqual(0);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/escalations/metrics?days=0',
      headers: owner.headers,
    });
    expect(bad.statusCode).toBe(422);
  });

  it('a claimant can escalate again; it waits anew, the opener may claim it back, and only the last claim is resolved', async () => {
    const id = await escalate(alice);
    expect((await claim(bob, id)).statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/escalation-package/post`,
      headers: bob.headers,
      payload: { markdown: '# Still broken\n\nNeeds the network team.' },
    });
    expect(again.statusCode, again.body).toBe(200);
    const waiting = await queue(owner);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ session_id: id, escalated_by: { id: bob.userId }, claimed_by: null });
    expect(waiting[0]!.summary).toContain('Still broken');
    // The engineer who escalated it this time cannot claim it; the opener can.
    expect((await claim(bob, id)).statusCode).toBe(409);
    expect((await claim(alice, id)).statusCode).toBe(200);
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/resolution-note/post`,
      headers: alice.headers,
      payload: { markdown: '# Fixed\n\nThe switch port was flapping.' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const rows = await t.database.query<{ claimed_by: string; resolved_at: Date | null }>(
      'SELECT claimed_by, resolved_at FROM session_escalations WHERE ai_session_id = $1 ORDER BY escalated_at',
      [id],
    );
    // Bob's claim ended when he escalated it on; Alice's ended in the resolution.
    expect(rows.map((row) => [row.claimed_by, row.resolved_at !== null])).toEqual([
      [bob.userId, false],
      [alice.userId, true],
    ]);
    const metrics = await t.app.inject({
      method: 'GET',
      url: '/api/v1/escalations/metrics',
      headers: owner.headers,
    });
    expect(metrics.json()).toMatchObject({ escalations: 2, claimed: 2, resolved_after_claim: 1 });
  });

  it('hands the session over: active, assignee, handoff entry, one bump, audit; the assignee chats on', async () => {
    const id = await escalate(alice);
    const version = await stateVersion(t, id);
    const claimed = await claim(bob, id);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json().session).toMatchObject({
      status: 'active',
      assignee_id: bob.userId,
      access: 'write',
      state_version: version + 1,
    });

    const messages = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${id}/messages`,
      headers: alice.headers,
    });
    const handoff = messages.json().items.at(-1);
    expect(handoff).toMatchObject({
      kind: 'handoff',
      content: expect.stringMatching(/^Picked up by .+ from .+\.$/),
    });

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${id}/audit`,
      headers: bob.headers,
    });
    expect(audit.json().items.map((event: { action: string }) => event.action)).toContain('session.claimed');

    // The assignee works it; the opener reads it and is told they cannot write.
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/messages`,
      headers: bob.headers,
      payload: { content: 'Picking this up: the tunnel drops on battery only' },
    });
    expect(sent.statusCode).toBe(200);
    await t.ctx.generations.drain(10_000);
    // The assistant's next turn is told about the handoff, and the entry is not a conversation turn.
    const request = (t.ctx.model as ScriptedModel).requests.at(-1)!;
    const state = request.messages.find((message) => message.part === 'state')!.content;
    expect(state).toMatch(/## Handoff\n- .+ UTC Picked up by .+ from .+\.\n- You now talk to the engineer/);
    expect(request.messages.some((m) => m.part === 'turn' && m.content.startsWith('Picked up by'))).toBe(
      false,
    );
    expect(request.session?.handoff?.sinceLastReply).toBe(true);
    const byAlice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/facts`,
      headers: alice.headers,
      payload: { text: 'I would like to add this' },
    });
    expect(byAlice.statusCode).toBe(403);
    // Bob works it like his own: it is in his session list too (and still in Alice's).
    for (const who of [bob, alice]) {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/ai-sessions', headers: who.headers });
      expect(list.json().items.map((item: { id: string }) => item.id)).toContain(id);
    }
    const aliceView = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${id}`,
      headers: alice.headers,
    });
    expect(aliceView.json()).toMatchObject({ access: 'read', assignee_id: bob.userId });
  });

  it('refuses the escalating engineer (409), viewers (403), a second claim (409) and unknown ids (404)', async () => {
    const viewer = await addUser(t.app, owner, 'viewer');
    const id = await escalate(alice);
    expect((await claim(alice, id)).statusCode).toBe(409);
    expect((await claim(viewer, id)).statusCode).toBe(403);
    const viewerList = await t.app.inject({
      method: 'GET',
      url: '/api/v1/escalations',
      headers: viewer.headers,
    });
    expect(viewerList.statusCode).toBe(403);
    expect((await claim(bob, id)).statusCode).toBe(200);
    const late = await claim(owner, id);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/already picked/);
    expect((await claim(bob, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await claim(bob, 'not-a-uuid')).statusCode).toBe(422);
    const privateOne = await openSession(t, alice, { text: 'Not escalated' });
    expect((await claim(bob, privateOne.id)).statusCode).toBe(404);
  });

  it('lets exactly one of 10 concurrent claimants win', async () => {
    const claimants = await Promise.all(Array.from({ length: 10 }, () => addUser(t.app, owner, 'engineer')));
    for (let trial = 0; trial < 3; trial += 1) {
      const id = await escalate(alice, `Trial ${trial}: shared mailbox not showing`);
      const version = await stateVersion(t, id);
      const answers = await Promise.all(claimants.map((who) => claim(who, id)));
      const statuses = answers.map((answer) => answer.statusCode).sort();
      expect(statuses).toEqual([200, ...Array(9).fill(409)]);
      const winner = claimants[answers.findIndex((answer) => answer.statusCode === 200)]!;
      const [row] = await t.database.query<{ assignee_id: string; status: string }>(
        'SELECT assignee_id, status FROM ai_sessions WHERE id = $1',
        [id],
      );
      expect(row).toEqual({ assignee_id: winner.userId, status: 'active' });
      expect(await stateVersion(t, id)).toBe(version + 1);
      const counts = await t.database.query<{ handoffs: number; audits: number; claims: number }>(
        `SELECT (SELECT count(*)::int FROM ai_session_messages WHERE ai_session_id = $1 AND kind = 'handoff') AS handoffs,
                (SELECT count(*)::int FROM audit_events WHERE ai_session_id = $1 AND action = 'session.claimed') AS audits,
                (SELECT count(*)::int FROM session_escalations WHERE ai_session_id = $1 AND claimed_by = $2) AS claims`,
        [id, winner.userId],
      );
      expect(counts[0]).toEqual({ handoffs: 1, audits: 1, claims: 1 });
    }
  });

  it('streams escalation_created and escalation_claimed to the account only', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const other = await signUpAccount(t.app, 'Other MSP');
    const follow = (who: SignedUp) => {
      const controller = new AbortController();
      const response = fetch(`${address}/api/v1/escalations/stream`, {
        headers: { ...who.headers, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      let text = '';
      const ready = response.then(async (res) => {
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let signalled = false;
        let resolveReady!: () => void;
        const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
        void (async () => {
          try {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              text += decoder.decode(value, { stream: true });
              if (!signalled && text.includes('event: ready')) {
                signalled = true;
                resolveReady();
              }
            }
          } catch {
            // aborted
          }
        })();
        return readyPromise;
      });
      return {
        ready,
        events: () => parseSse(text).filter((e) => e.event !== 'ready'),
        stop: () => controller.abort(),
      };
    };
    const mine = follow(bob);
    const theirs = follow(other);
    await Promise.all([mine.ready, theirs.ready]);
    const id = await escalate(alice);
    expect((await claim(bob, id)).statusCode).toBe(200);
    await expect.poll(() => mine.events().length, { timeout: 5_000 }).toBe(2);
    const [created, claimedEvent] = mine.events();
    expect(created).toMatchObject({ event: 'escalation_created', data: { item: { session_id: id } } });
    expect(claimedEvent).toMatchObject({
      event: 'escalation_claimed',
      data: { session_id: id, claimed_by: { id: bob.userId } },
    });
    expect(theirs.events()).toEqual([]);
    mine.stop();
    theirs.stop();
  });
  it('refuses the stream to anonymous callers (401) and viewers (403), as problem details', async () => {
    const viewer = await addUser(t.app, owner, 'viewer');
    for (const [headers, status] of [
      [{}, 401],
      [viewer.headers, 403],
    ] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/escalations/stream',
        headers: { ...headers, accept: 'text/event-stream' },
      });
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it("opens an escalated session's attachments to the account's engineers, not before", async () => {
    const fileId = await uploadFile(t.app, alice, 'vpn.log', Buffer.from('IKE SA expired\n'));
    const session = await openSession(t, alice, { text: 'VPN drops' }, { attachment_ids: [fileId] });
    const read = (who: SignedUp) =>
      t.app.inject({ method: 'GET', url: `/api/v1/attachments/${fileId}/content`, headers: who.headers });
    expect((await read(bob)).statusCode).toBe(404);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/escalation-package/post`,
      headers: alice.headers,
      payload: {},
    });
    expect((await read(bob)).body).toBe('IKE SA expired\n');
    const viewer = await addUser(t.app, owner, 'viewer');
    expect((await read(viewer)).statusCode).toBe(404);
    const stranger = await signUpAccount(t.app, 'Other MSP');
    expect((await read(stranger)).statusCode).toBe(404);
  });
});

describe('fresh assessment after a handoff (offline engine)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ model: createOfflineChatModel() });
  });
  afterAll(() => t.close());

  it('answers with what is known, tried and likely next; the package stays', async () => {
    const owner = await signUpAccount(t.app, 'Assess MSP');
    const alice = await addUser(t.app, owner, 'engineer');
    const bob = await addUser(t.app, owner, 'engineer');
    const session = await openSession(t, alice, {
      text: 'Print jobs stuck in the queue for the whole office',
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/facts`,
      headers: alice.headers,
      payload: { text: 'Restarting the spooler clears it for ten minutes' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/escalation-package/post`,
      headers: alice.headers,
      payload: {},
    });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/escalations/${session.id}/claim`,
          headers: bob.headers,
        })
      ).statusCode,
    ).toBe(200);
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${session.id}/messages`,
      headers: bob.headers,
      payload: { content: PICKUP_MESSAGES.fresh_assessment },
    });
    expect(reply.statusCode).toBe(200);
    const text = reply.json().assistant_message.content as string;
    expect(text).toMatch(/^Picked up by .+ from .+\. Here is where things stand\./);
    expect(text).toContain('**What we know**\n');
    expect(text).toContain('- Restarting the spooler clears it for ten minutes');
    expect(text).toContain('**What has been tried**');
    expect(text).toContain('**Likely next**');
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${session.id}`,
      headers: bob.headers,
    });
    expect(detail.json().escalation_package).toMatch(/^# Escalation: /);
  });
});
