import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { openSession, setSessionStatus, stateVersion } from '../../../test/session-helpers.ts';

const marker = '[SUGGEST_FIX]{"title":"x","description":"y","confidence_pct":90}[/SUGGEST_FIX]';

describe('pilot sessions', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
  });

  const get = (url: string, who: SignedUp = owner, query?: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers, ...(query ? { query } : {}) });

  /** Inserts a session with a chosen created_at (to the microsecond), bypassing the API. */
  async function insertAt(createdAt: string, title = `Session at ${createdAt}`) {
    const [row] = await t.database.query<{ id: string }>(
      `INSERT INTO ai_sessions (account_id, user_id, intake_type, intake_content, title, created_at)
       VALUES ($1, $2, 'free_text', $3, $4, $5) RETURNING id`,
      [owner.accountId, owner.userId, JSON.stringify({ text: title }), title, createdAt],
    );
    return row!.id;
  }

  describe('POST /ai-sessions', () => {
    it('creates the session with its intake as the first message and starts the reply', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ai-sessions',
        headers: owner.headers,
        payload: {
          intake_type: 'combined',
          intake_content: {
            text: 'Outlook keeps prompting for a password\nsince the tenant migration',
            ticket_ref: 'INC-4711',
            client_name: 'Contoso',
            asset_name: 'LAPTOP-042',
            logs: 'Event 1000: outlook.exe crashed\n```\nnested fence\n```',
          },
        },
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({
        title: 'INC-4711: Outlook keeps prompting for a password',
        status: 'active',
        session_type: 'tshoot',
        intake_type: 'combined',
        client_name: 'Contoso',
        asset_name: 'LAPTOP-042',
        issue_category: null,
        state_version: 0,
        confidence_tier: 'discovery',
        task_lane: { questions: [], actions: [] },
        active_fix: null,
        streaming_message_id: expect.any(String),
      });
      expect(body.last_message_at).toEqual(expect.any(String));
      await t.ctx.generations.drain(10_000);

      const messages = await t.database.query<{ id: string; role: string; kind: string; content: string }>(
        'SELECT id, role, kind, content FROM ai_session_messages WHERE ai_session_id = $1 ORDER BY seq',
        [body.id],
      );
      expect(messages.map((m) => `${m.role}:${m.kind}`)).toEqual(['user:intake', 'assistant:chat']);
      expect(messages[1]!.id).toBe(body.streaming_message_id);
      const intake = messages[0]!.content;
      expect(intake).toContain('**Ticket:** INC-4711');
      expect(intake).toContain('**Client:** Contoso');
      expect(intake).toContain('**Asset:** LAPTOP-042');
      expect(intake).toContain('Outlook keeps prompting for a password\nsince the tenant migration');
      // The fence is longer than the ``` inside the logs, so the block can't end early.
      expect(intake).toContain('````text\nEvent 1000: outlook.exe crashed\n```\nnested fence\n```\n````');
    });

    it('keeps an explicit title and shortens a long first line to 80 characters', async () => {
      const explicit = await openSession(t, owner, { text: 'whatever' }, { title: '  VPN drops hourly  ' });
      expect(explicit.title).toBe('VPN drops hourly');
      const long = await openSession(t, owner, {
        text: `## ${'The shared mailbox stops syncing on every device '.repeat(4)}\nmore`,
      });
      expect(long.title.length).toBeLessThanOrEqual(80);
      expect(long.title).toMatch(/^The shared mailbox stops syncing.*…$/);
    });

    it('never creates anything from marker text in the intake', async () => {
      const session = await openSession(t, owner, { text: `Ticket says: ${marker}`, logs: marker });
      expect((await get(`/ai-sessions/${session.id}/suggested-fixes`)).json().items).toEqual([]);
      const detail = (await get(`/ai-sessions/${session.id}`)).json();
      expect(detail).toMatchObject({ active_fix: null, state_version: 0, confidence_score: 0 });
      expect(await t.database.query('SELECT * FROM session_facts')).toEqual([]);
      const [intake] = await t.database.query<{ content: string }>(
        `SELECT content FROM ai_session_messages WHERE kind = 'intake'`,
      );
      expect(intake!.content).toContain(marker);
    });

    it('refuses viewers (403) and bad intakes (422), creating nothing', async () => {
      const viewer = await addUser(t.app, owner, 'viewer');
      const before = await snapshotDatabase(t);
      const asViewer = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ai-sessions',
        headers: viewer.headers,
        payload: { intake_content: { text: 'Printer offline' } },
      });
      expect(asViewer.statusCode).toBe(403);
      for (const payload of [
        { intake_content: { text: '   ' } },
        { intake_type: 'fax', intake_content: { text: 'x' } },
        {},
      ]) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/ai-sessions',
          headers: owner.headers,
          payload,
        });
        expect(response.statusCode).toBe(422);
      }
      expect(await snapshotDatabase(t)).toEqual(before);
    });

    it('stores a pasted NUL-laden log without failing', async () => {
      const session = await openSession(t, owner, {
        text: 'Crash\u0000 dump attached',
        logs: 'bin\u0000ary',
      });
      const detail = (await get(`/ai-sessions/${session.id}`)).json();
      expect(detail.intake_content).toEqual({ text: 'Crash dump attached', logs: 'binary' });
    });
  });

  describe('GET /ai-sessions', () => {
    it("lists only the caller's own sessions, newest first", async () => {
      const colleague = await addUser(t.app, owner, 'engineer');
      const first = await openSession(t, owner, { text: 'First problem' });
      const second = await openSession(t, owner, { text: 'Second problem' });
      await openSession(t, colleague, { text: 'Colleague problem' });
      const other = await signUpAccount(t.app, 'Other MSP');
      await openSession(t, other, { text: 'Other account problem' });

      const response = await get('/ai-sessions');
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((s: { id: string }) => s.id)).toEqual([second.id, first.id]);
      expect(response.json().next_cursor).toBeNull();
    });

    it('pages through ties and same-millisecond rows without duplicates or gaps', async () => {
      const ids = [
        await insertAt('2026-03-01T10:00:00.000000Z'),
        await insertAt('2026-03-01T10:00:00.000000Z'),
        await insertAt('2026-03-01T10:00:00.000000Z'),
        // Same millisecond, different microseconds: a millisecond cursor would skip these.
        await insertAt('2026-03-01T11:00:00.123100Z'),
        await insertAt('2026-03-01T11:00:00.123200Z'),
        await insertAt('2026-03-01T11:00:00.123300Z'),
        await insertAt('2026-03-02T09:00:00.000000Z'),
      ];
      const [expected] = await t.database.query<{ ids: string[] }>(
        'SELECT array_agg(id::text ORDER BY created_at DESC, id DESC) AS ids FROM ai_sessions',
      );
      const seen: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const response = await get('/ai-sessions', owner, { limit: '3', ...(cursor ? { cursor } : {}) });
        expect(response.statusCode).toBe(200);
        const page = response.json();
        pageSizes.push(page.items.length);
        seen.push(...page.items.map((s: { id: string }) => s.id));
        cursor = page.next_cursor;
      } while (cursor && pageSizes.length < 10);
      expect(pageSizes).toEqual([3, 3, 1]);
      expect(seen).toEqual(expected!.ids);
      expect(new Set(seen)).toEqual(new Set(ids));
    });

    it('ends with a null cursor when the last page is exactly full', async () => {
      await insertAt('2026-03-01T10:00:00.000000Z');
      await insertAt('2026-03-01T10:00:01.000000Z');
      const first = (await get('/ai-sessions', owner, { limit: '1' })).json();
      expect(first.next_cursor).toEqual(expect.any(String));
      const second = (await get('/ai-sessions', owner, { limit: '1', cursor: first.next_cursor })).json();
      expect(second.items).toHaveLength(1);
      expect(second.next_cursor).toBeNull();
    });

    it('filters by status', async () => {
      const active = await openSession(t, owner, { text: 'Still working on it' });
      const resolved = await openSession(t, owner, { text: 'Done with this one' });
      await setSessionStatus(t, resolved.id, 'resolved');
      const list = (status: string) =>
        get('/ai-sessions', owner, { status }).then((r) => r.json().items.map((s: { id: string }) => s.id));
      expect(await list('resolved')).toEqual([resolved.id]);
      expect(await list('active')).toEqual([active.id]);
      expect(await list('paused')).toEqual([]);
      expect((await get('/ai-sessions', owner, { status: 'bogus' })).statusCode).toBe(422);
    });

    it('searches the intake text and the title in full text', async () => {
      const outlook = await openSession(t, owner, {
        text: 'Outlook keeps prompting for credentials after migration',
      });
      const printer = await openSession(
        t,
        owner,
        { text: 'Jobs stuck in queue' },
        { title: 'Floor 2 printer' },
      );
      const search = (q: string) =>
        get('/ai-sessions', owner, { q }).then((r) => {
          expect(r.statusCode).toBe(200);
          return r.json().items.map((s: { id: string }) => s.id);
        });
      expect(await search('credentials')).toEqual([outlook.id]);
      expect(await search('prompted')).toEqual([outlook.id]);
      expect(await search('printer')).toEqual([printer.id]);
      expect(await search('queue')).toEqual([printer.id]);
      expect(await search('outlook -migration')).toEqual([]);
      expect(await search('')).toEqual([printer.id, outlook.id]);
    });

    it('survives garbage search text and refuses a forged cursor with 422', async () => {
      await openSession(t, owner);
      for (const q of [
        '"unterminated',
        '!!! :* & | <-> ()',
        "'); DROP TABLE ai_sessions; --",
        'the',
        'a\u0000b',
        '💥'.repeat(40),
      ]) {
        expect((await get('/ai-sessions', owner, { q })).statusCode).toBe(200);
      }
      const forged = [
        'not-base64!',
        Buffer.from(
          '{"t":"2026-13-45T99:00:00.000000Z","i":"00000000-0000-4000-8000-000000000000"}',
        ).toString('base64url'),
        Buffer.from('{"t":"x"}').toString('base64url'),
      ];
      for (const cursor of forged) {
        const response = await get('/ai-sessions', owner, { cursor });
        expect(response.statusCode).toBe(422);
        expect(response.json().errors[0].field).toBe('query.cursor');
      }
      expect((await get('/ai-sessions', owner, { limit: '101' })).statusCode).toBe(422);
    });
  });

  describe('GET /ai-sessions/{id}', () => {
    it('returns the detail and hides it from everyone but its engineer', async () => {
      const session = await openSession(t, owner);
      const response = await get(`/ai-sessions/${session.id}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: session.id,
        task_lane: { questions: [], actions: [] },
        active_fix: null,
        streaming_message_id: null,
      });
      const colleague = await addUser(t.app, owner, 'owner');
      expect((await get(`/ai-sessions/${session.id}`, colleague)).statusCode).toBe(404);
      expect((await get('/ai-sessions', colleague)).json().items).toEqual([]);
      expect((await get('/ai-sessions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      expect((await get('/ai-sessions/nope')).statusCode).toBe(422);
    });

    it('shows the reply still being generated', async () => {
      const session = await openSession(t, owner);
      const [placeholder] = await t.database.query<{ id: string }>(
        `INSERT INTO ai_session_messages (account_id, ai_session_id, role, status)
         VALUES ($1, $2, 'assistant', 'streaming') RETURNING id`,
        [owner.accountId, session.id],
      );
      expect((await get(`/ai-sessions/${session.id}`)).json().streaming_message_id).toBe(placeholder!.id);
    });
  });

  describe('PATCH /ai-sessions/{id}/triage', () => {
    const patch = (id: string, payload: unknown, who: SignedUp = owner) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/ai-sessions/${id}/triage`,
        headers: who.headers,
        payload: payload as object,
      });

    it('updates triage fields, audits the change and leaves state_version alone', async () => {
      const session = await openSession(t, owner, { text: 'Slow logon', client_name: 'Contoso' });
      const response = await patch(session.id, {
        client_name: 'Fabrikam',
        asset_name: ' PC-7 ',
        issue_category: 'Logon',
        triage_hypothesis: 'GPO processing waits for the network',
        status: 'paused',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        client_name: 'Fabrikam',
        asset_name: 'PC-7',
        issue_category: 'Logon',
        triage_hypothesis: 'GPO processing waits for the network',
        status: 'paused',
        state_version: 0,
      });
      const cleared = await patch(session.id, { asset_name: '', issue_category: null });
      expect(cleared.json()).toMatchObject({ asset_name: null, issue_category: null });

      const events = await t.database.query<{ action: string; before: unknown; after: unknown }>(
        `SELECT action, before, after FROM audit_events WHERE subject_id = $1 AND action = 'session.triage_updated' ORDER BY created_at`,
        [session.id],
      );
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({
        before: { client_name: 'Contoso', asset_name: null, status: 'active' },
        after: { client_name: 'Fabrikam', asset_name: 'PC-7', status: 'paused' },
      });
      expect(await stateVersion(t, session.id)).toBe(0);

      // The new client name is searchable at once.
      const found = (await get('/ai-sessions', owner, { q: 'fabrikam' })).json().items;
      expect(found.map((s: { id: string }) => s.id)).toEqual([session.id]);
    });

    it('refuses empty or unknown fields (422) and a resolved or escalated session (409)', async () => {
      const session = await openSession(t, owner);
      expect((await patch(session.id, {})).statusCode).toBe(422);
      expect((await patch(session.id, { state_version: 5 })).statusCode).toBe(422);
      expect((await patch(session.id, { status: 'resolved' })).statusCode).toBe(422);
      for (const status of ['resolved', 'escalated']) {
        await setSessionStatus(t, session.id, status);
        const before = await snapshotDatabase(t);
        const response = await patch(session.id, { client_name: 'Late change' });
        expect(response.statusCode).toBe(409);
        expect(await snapshotDatabase(t)).toEqual(before);
      }
    });

    it('answers 403 to a viewer and 404 to another engineer of the account', async () => {
      const session = await openSession(t, owner);
      const viewer = await addUser(t.app, owner, 'viewer');
      const colleague = await addUser(t.app, owner, 'engineer');
      const before = await snapshotDatabase(t);
      expect((await patch(session.id, { client_name: 'X' }, viewer)).statusCode).toBe(403);
      expect((await patch(session.id, { client_name: 'X' }, colleague)).statusCode).toBe(404);
      expect(await snapshotDatabase(t)).toEqual(before);
    });
  });
});
