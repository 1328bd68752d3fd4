import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
  type FakeReply,
} from '@flowpilot/assistant/testing/fake-openai-server';
import { signUpAccount, type SignedUp } from '../fixtures.ts';
import { parseSse } from '../sse.ts';
import { createTestApp, type TestApp } from '../test-app.ts';

/**
 * The real provider client against a fake OpenAI-compatible server that misbehaves on cue.
 * Whatever the provider does, the engineer's message is kept, a failed reply says so and can
 * be retried, and a turn's markers are applied completely or not at all.
 */

const fixMarker = (title: string, pct = 85) =>
  `[SUGGEST_FIX]{"title":"${title}","description":"Do it","confidence_pct":${pct},"script_language":"powershell"}[/SUGGEST_FIX]`;

const GOOD_REPLY = `Try this. ${fixMarker('Rebuild the profile')} [PROMOTE]{"text":"Only on VPN"}[/PROMOTE] [CONFIDENCE]0.8[/CONFIDENCE] Tell me how it went.`;

interface Message {
  id: string;
  role: string;
  content: string;
  status: string;
  error: { code: string; detail: string; retryable: boolean } | null;
  changes: { invalid_markers: number } | null;
}

type Mode = 'json' | 'sse';

describe('assistant replies survive a misbehaving model provider', () => {
  let fake: FakeOpenAiServer;
  let t: TestApp;
  let owner: SignedUp;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ defaultReply: { text: 'What do you see?' } });
    t = await createTestApp({
      model: createChatModel(
        {
          provider: 'openai-compatible',
          baseUrl: fake.baseUrl,
          model: 'fake',
          apiKey: 'x',
          timeoutMs: 3000,
          idleTimeoutMs: 800,
          maxRetries: 2,
        },
        { retryBaseDelayMs: 10 },
      ),
    });
    owner = await signUpAccount(t.app);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => fake.setDefaultReply({ text: 'What do you see?' }));

  async function newSession() {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_content: { text: 'Outlook keeps prompting for a password' } },
    });
    expect(created.statusCode).toBe(201);
    await t.ctx.generations.drain(10_000);
    return created.json().id as string;
  }

  /** Everything a turn's markers can change; a failed turn must leave all of it alone. */
  async function pilotState(id: string) {
    const get = async (path: string) =>
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${id}${path}`, headers: owner.headers })
      ).json();
    const session = await get('');
    return {
      state_version: session.state_version as number,
      confidence_score: session.confidence_score as number,
      task_lane: session.task_lane as unknown,
      fixes: ((await get('/suggested-fixes')).items as { id: string; title: string }[]).map((f) => f.title),
      facts: ((await get('/facts')).items as { text: string }[]).map((f) => f.text),
    };
  }

  async function messages(id: string): Promise<Message[]> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${id}/messages`,
      headers: owner.headers,
    });
    return response.json().items;
  }

  /** Sends a message and returns the reply as the client saw it, in either transport. */
  async function send(id: string, content: string, mode: Mode) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/messages`,
      headers: { ...owner.headers, ...(mode === 'sse' ? { accept: 'text/event-stream' } : {}) },
      payload: { content },
    });
    await t.ctx.generations.drain(10_000);
    expect(response.statusCode).toBe(200);
    if (mode === 'json') {
      const body = response.json();
      return {
        assistant: body.assistant_message as Message,
        userMessage: body.user_message as Message,
        events: [],
      };
    }
    expect(response.headers['content-type']).toContain('text/event-stream');
    const events = parseSse(response.body);
    const stored = await messages(id);
    return {
      assistant: stored.at(-1)!,
      userMessage: events.find((e) => e.event === 'user_message')!.data as Message,
      events,
    };
  }

  async function expectFailedTurn(mode: Mode, reply: FakeReply[], expectedCode: RegExp) {
    const id = await newSession();
    const before = await pilotState(id);
    fake.enqueue(...reply);
    const sent = fake.requests.length;
    const turn = await send(id, 'It started after the password change', mode);
    const providerCalls = fake.requests.length - sent;

    expect(turn.userMessage.content).toBe('It started after the password change');
    const stored = await messages(id);
    expect(stored.filter((m) => m.role === 'user').map((m) => m.content)).toContain(
      'It started after the password change',
    );
    expect(turn.assistant.status).toBe('failed');
    expect(turn.assistant.error).toMatchObject({
      code: expect.stringMatching(expectedCode),
      retryable: true,
    });
    expect(turn.assistant.error!.detail).toMatch(/saved; retry/);
    if (mode === 'sse') {
      const last = turn.events.at(-1)!;
      expect(last.event).toBe('error');
      expect(last.data).toMatchObject({ retryable: true, message_id: turn.assistant.id });
      expect(turn.events.map((e) => e.event)).not.toContain('done');
    }
    // Nothing of the turn was applied, not even a marker that arrived whole before the failure.
    expect(await pilotState(id)).toEqual(before);
    return { id, before, assistantId: turn.assistant.id, providerCalls };
  }

  async function retry(id: string, messageId: string, mode: Mode) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/messages/${messageId}/retry`,
      headers: { ...owner.headers, ...(mode === 'sse' ? { accept: 'text/event-stream' } : {}) },
    });
    await t.ctx.generations.drain(10_000);
    return response;
  }

  describe.each(['json', 'sse'] as const)('over %s', (mode) => {
    it('gives up after the retries on repeated 500s, then the retry endpoint applies the turn once', async () => {
      const failed = await expectFailedTurn(
        mode,
        [{ status: 500 }, { status: 500 }, { status: 500 }],
        /^model_unavailable$/,
      );
      expect(failed.providerCalls).toBe(3);

      fake.setDefaultReply({ text: GOOD_REPLY });
      const retried = await retry(failed.id, failed.assistantId, mode);
      expect(retried.statusCode).toBe(200);
      if (mode === 'sse') {
        const events = parseSse(retried.body);
        expect(events.at(-1)!.event).toBe('done');
        expect(events.filter((e) => e.event === 'fix')).toHaveLength(1);
      }
      const after = await pilotState(failed.id);
      expect(after.state_version).toBe(failed.before.state_version + 1);
      expect(after.fixes).toEqual(['Rebuild the profile', ...failed.before.fixes]);
      expect(after.facts.filter((f) => f === 'Only on VPN')).toHaveLength(1);
      expect(after.confidence_score).toBeCloseTo(0.8);
      const reply = (await messages(failed.id)).find((m) => m.id === failed.assistantId)!;
      expect(reply).toMatchObject({ status: 'complete', error: null });
      expect(reply.content).toMatch(/^Try this\.\s+Tell me how it went\.$/);

      // A second retry is refused and changes nothing: the markers were applied once.
      const again = await retry(failed.id, failed.assistantId, mode);
      expect(again.statusCode).toBe(409);
      expect(again.headers['content-type']).toContain('application/problem+json');
      expect(await pilotState(failed.id)).toEqual(after);
    });

    it('fails a stream cut mid-way without applying the markers that already arrived', async () => {
      const text = `Checking. [CONFIDENCE]0.95[/CONFIDENCE] [PROMOTE]{"text":"half"}[/PROMOTE] ${fixMarker('Cut fix')} and the rest never arrives.`;
      const failed = await expectFailedTurn(
        mode,
        [{ text, chunkSize: 30, cutAfterChunks: 3 }],
        /^model_(unavailable|bad_response)$/,
      );
      // Text already reached the client, so the provider client must not start over.
      expect(failed.providerCalls).toBe(1);
      const reply = (await messages(failed.id)).find((m) => m.id === failed.assistantId)!;
      expect(reply.content).toMatch(/^Checking\./);
    });

    it('times out a provider that sends headers and then nothing', async () => {
      await expectFailedTurn(mode, [{ hang: 'after-headers' }], /^model_timeout$/);
    });

    it('times out a latency spike longer than the idle limit, and rides out a shorter one', async () => {
      await expectFailedTurn(mode, [{ initialLatencyMs: 1500 }], /^model_timeout$/);

      const id = await newSession();
      fake.enqueue({
        text: 'Slow but fine. All good here.',
        initialLatencyMs: 500,
        chunkDelayMs: 120,
        chunkSize: 6,
      });
      const turn = await send(id, 'still there?', mode);
      expect(turn.assistant).toMatchObject({ status: 'complete', content: 'Slow but fine. All good here.' });
    });

    it('waits for Retry-After on a 429 and then succeeds', async () => {
      const id = await newSession();
      const sent = fake.requests.length;
      fake.enqueue({ status: 429, retryAfter: '1' }, { text: 'Back in business.' });
      const turn = await send(id, 'hello?', mode);
      expect(turn.assistant).toMatchObject({ status: 'complete', content: 'Back in business.', error: null });
      const [first, second] = fake.requests.slice(sent);
      expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(900);
    });

    it('survives bytes that are not UTF-8 in the stream', async () => {
      const id = await newSession();
      const before = await pilotState(id);
      fake.enqueue({ text: 'Broken bytes here, then the rest of the answer.', invalidUtf8: true });
      const turn = await send(id, 'and now?', mode);
      if (turn.assistant.status === 'complete') {
        expect(turn.assistant.content).toContain('the rest of the answer.');
      } else {
        expect(turn.assistant.error).toMatchObject({ retryable: true });
        expect(await pilotState(id)).toEqual(before);
      }
    });

    it.each([
      ['a half-open marker at the end', 'Prose first. [SUGGEST_FIX]{"title":', 'Prose first.'],
      [
        'an unterminated block before a new one',
        'One [SUGGEST_FIX]{"title":"x" [CONFIDENCE]0.2[/CONFIDENCE] two',
        'One',
      ],
      ['a stray closing tag', 'Alpha [/SUGGEST_FIX] omega', 'Alpha  omega'],
      ['mismatched tags', 'A [QUESTIONS][{"text":"q"}][/ACTIONS] B', 'A'],
      ['a non-number confidence', 'Sure [CONFIDENCE]NaN[/CONFIDENCE] thing', 'Sure  thing'],
      ['a marker with wrong JSON', 'Well [SUGGEST_FIX]{"title": 5}[/SUGGEST_FIX] then', 'Well  then'],
      [
        '1 MB of junk inside a marker',
        `Start [SUGGEST_FIX]${'{"x":"junk'.repeat(110_000)}[/SUGGEST_FIX] End`,
        'Start  End',
      ],
    ])('keeps the prose and changes nothing for %s', async (_name, text, prose) => {
      const id = await newSession();
      const before = await pilotState(id);
      fake.enqueue({ text, chunkSize: text.length > 100_000 ? 65_536 : 7 });
      const turn = await send(id, 'go on', mode);
      expect(turn.assistant.status).toBe('complete');
      expect(turn.assistant.content.startsWith(prose)).toBe(true);
      expect(turn.assistant.content).not.toMatch(/\[\/?(SUGGEST_FIX|CONFIDENCE|QUESTIONS|ACTIONS)\]/);
      expect(turn.assistant.changes!.invalid_markers).toBeGreaterThanOrEqual(1);
      const after = await pilotState(id);
      expect(after.fixes).toEqual(before.fixes);
      expect(after.facts).toEqual(before.facts);
      if (mode === 'sse') {
        const prose = turn.events
          .filter((e) => e.event === 'delta')
          .map((e) => (e.data as { text: string }).text)
          .join('');
        expect(prose.trim()).toBe(turn.assistant.content);
        expect(turn.events.at(-1)!.event).toBe('done');
      }
    });
  });

  it('stores a reply with a NUL byte in it instead of leaving the session stuck "still answering"', async () => {
    const id = await newSession();
    fake.enqueue({ text: 'Before\u0000 after.' });
    const first = await send(id, 'first', 'json');
    expect(first.assistant).toMatchObject({ status: 'complete', content: 'Before after.' });
    const second = await send(id, 'second', 'json');
    expect(second.assistant.status).toBe('complete');

    const builder = await t.app.inject({
      method: 'POST',
      url: '/api/v1/script-builder/sessions',
      headers: owner.headers,
      payload: { language: 'bash' },
    });
    const builderId = builder.json().id as string;
    for (const content of ['write it', 'again']) {
      fake.enqueue({ text: 'Here:\n```bash\necho "a\u0000b"\n```' });
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/script-builder/sessions/${builderId}/messages`,
        headers: owner.headers,
        payload: { content },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().messages[1].status).toBe('complete');
    }
  });

  it('never answers 5xx to any mix of marker fragments, and the opening prose always arrives', async () => {
    const id = await newSession();
    const fragment = fc.oneof(
      fc.constantFrom(
        '[SUGGEST_FIX]',
        '[/SUGGEST_FIX]',
        '[CONFIDENCE]',
        '[/CONFIDENCE]',
        '[QUESTIONS]',
        '[/QUESTIONS]',
        '[PROMOTE]',
        '[/PROMOTE]',
        '[FIX_OUTCOME]{"outcome":"applied_success"}[/FIX_OUTCOME]',
        '{"title":',
        '"x"}',
        '[',
        ']',
        '[SUGG',
        '\u0000',
        '💥',
        '[CONFIDENCE]0.3[/CONFIDENCE]',
        fixMarker('Fuzzed fix'),
      ),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fragment, { maxLength: 12 }),
        fc.integer({ min: 1, max: 9 }),
        async (parts, chunkSize) => {
          fake.enqueue({ text: `BEGIN ${parts.join('')}`, chunkSize });
          const response = await t.app.inject({
            method: 'POST',
            url: `/api/v1/ai-sessions/${id}/messages`,
            headers: owner.headers,
            payload: { content: 'next' },
          });
          await t.ctx.generations.drain(10_000);
          expect(response.statusCode, response.body).toBe(200);
          const reply = response.json().assistant_message as Message;
          expect(reply.status).toBe('complete');
          expect(reply.content.startsWith('BEGIN')).toBe(true);
        },
      ),
      { numRuns: 15 },
    );
  });
});
