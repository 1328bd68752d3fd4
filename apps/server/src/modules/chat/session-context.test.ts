import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '@flowpilot/assistant/testing/fake-openai-server';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { loadConfig } from '../../env.ts';

type SentMessage = { role: string; content: string };
type Provider = 'openai-compatible' | 'anthropic' | 'openai';

const endpoints: Record<Provider, string> = {
  'openai-compatible': '/v1/chat/completions',
  anthropic: '/v1/messages',
  openai: '/v1/responses',
};

type TextPart = { type: string; text: string; cache_control?: unknown };
type WireBody = {
  system?: TextPart[];
  messages?: { role: string; content: string | TextPart[] }[];
  input?: { role: string; content: string | TextPart[] }[];
};

/**
 * Each provider's request as one list of (role, text) blocks, the system prompt first: Chat
 * Completions sends strings; Anthropic sends the system apart and merges consecutive user
 * messages into one with several text blocks; the Responses API sends `input` parts.
 */
function sentBlocks(provider: Provider, body: WireBody): (SentMessage & { cached: boolean })[] {
  const blocks = (messages: NonNullable<WireBody['messages']>) =>
    messages.flatMap((message) =>
      typeof message.content === 'string'
        ? [{ role: message.role, content: message.content, cached: false }]
        : message.content.map((part) => ({
            role: message.role,
            content: part.text,
            cached: part.cache_control !== undefined,
          })),
    );
  if (provider === 'anthropic')
    return [
      ...(body.system ?? []).map((part) => ({
        role: 'system',
        content: part.text,
        cached: part.cache_control !== undefined,
      })),
      ...blocks(body.messages ?? []),
    ];
  return blocks((provider === 'openai' ? body.input : body.messages) ?? []);
}

/**
 * What each model request contained, recorded by a fake model server behind the real provider
 * client (SPEC §7.1 scenarios of issue 12), for each provider's request shape: the
 * OpenAI-compatible Chat Completions API, Anthropic's Messages API and OpenAI's Responses API.
 */
describe.each(['openai-compatible', 'anthropic', 'openai'] as const)(
  '%s: the model is given the session (recording fake model server)',
  (provider) => {
    let t: TestApp;
    let fake: FakeOpenAiServer;
    let owner: SignedUp;

    beforeAll(async () => {
      fake = await startFakeOpenAiServer();
      const model = createChatModel({
        provider,
        baseUrl: fake.baseUrl,
        // A model the provider knows, so the SDK does not warn about its limits.
        model: provider === 'openai-compatible' ? 'fake-model' : undefined,
        apiKey: 'test-key',
        maxRetries: 0,
      });
      t = await createTestApp({ model, config: { llm: { ...loadConfig({}).llm, contextTokens: 6_000 } } });
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });
    beforeEach(async () => {
      await t.reset();
      fake.requests.length = 0;
      fake.setDefaultReply({ text: 'Noted.' });
      owner = await signUpAccount(t.app);
    });

    const lastRequest = () => {
      const sent = fake.requests.filter((request) => request.path.startsWith(endpoints[provider]));
      expect(sent.length).toBeGreaterThan(0);
      return sentBlocks(provider, sent.at(-1)!.body as WireBody);
    };
    const stateOf = (messages: SentMessage[]) =>
      messages.find((message) => message.content.startsWith('# Session state'))!.content;

    async function newSession(text: string, logs?: string) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ai-sessions',
        headers: owner.headers,
        payload: { intake_type: 'combined', intake_content: { text, ticket_ref: 'T-77', logs } },
      });
      expect(created.statusCode).toBe(201);
      await t.ctx.generations.drain(10_000);
      return created.json().id as string;
    }
    const send = (id: string, content: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/ai-sessions/${id}/messages`,
        headers: owner.headers,
        payload: { content },
      });

    it('sends a note added after the last reply, an edited fact and a failed fix with its reason', async () => {
      const id = await newSession('Print jobs stay queued for the finance team');
      const note = await t.app.inject({
        method: 'POST',
        url: `/api/v1/ai-sessions/${id}/facts`,
        headers: owner.headers,
        payload: { text: 'Only the HP in finance is affected' },
      });
      expect(note.statusCode).toBe(201);
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/ai-sessions/${id}/facts/${note.json().id}`,
        headers: owner.headers,
        payload: { text: 'Only the HP M404 in finance is affected' },
      });
      const fix = await t.app.inject({
        method: 'POST',
        url: `/api/v1/ai-sessions/${id}/suggested-fixes`,
        headers: owner.headers,
        payload: { title: 'Restart the spooler', description: 'Restart the Print Spooler service' },
      });
      expect(fix.statusCode).toBe(201);
      const outcome = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/ai-sessions/${id}/suggested-fixes/${fix.json().id}/outcome`,
        headers: owner.headers,
        payload: { outcome: 'applied_failed', failure_reason: 'the queue refilled' },
      });
      expect(outcome.statusCode).toBe(200);

      const response = await send(id, 'What next?');
      expect(response.statusCode).toBe(200);
      const messages = lastRequest();
      expect(messages[0]!.role).toBe('system');
      expect(messages[1]!.content).toContain('**Ticket:** T-77');
      // Anthropic alone gets explicit cache breakpoints: the system prompt and the end of the stable prefix.
      expect(messages.filter((message) => message.cached).map((message) => message.role)).toEqual(
        provider === 'anthropic' ? ['system', 'assistant'] : [],
      );
      expect(messages.at(-1)!.content).toBe('What next?');
      const state = stateOf(messages);
      expect(state).toContain(
        '[engineer_note] Only the HP M404 in finance is affected (edited by the engineer)',
      );
      expect(state).toMatch(/UTC added a note under What we know: "Only the HP in finance is affected"/);
      expect(state).toContain(
        'edited a fact from "Only the HP in finance is affected" to "Only the HP M404 in finance is affected"',
      );
      expect(state).toContain(`recorded that the fix didn't work: "the queue refilled"`);
      expect(state).toContain('Failure reason: "the queue refilled"');
      // The reply records what was sent.
      expect(response.json().assistant_message.context).toMatchObject({
        budget_tokens: 6_000,
        over_budget: false,
      });
    });

    it('offers matching templates by id, honours a cited one and ignores an unknown one', async () => {
      const id = await newSession('The print spooler keeps crashing and print jobs are stuck in the queue');
      await send(id, 'Yes, the queue is stuck');
      const state = stateOf(lastRequest());
      const offered = [...state.matchAll(/^- ([0-9a-f-]{36}) · /gm)].map((match) => match[1]!);
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.length).toBeLessThanOrEqual(8);

      fake.setDefaultReply({
        text: `Use the template.\n[SUGGEST_FIX]{"title":"Clear the queue","description":"Clear it","confidence_pct":80,"script_template_id":"${offered[0]}"}[/SUGGEST_FIX]`,
      });
      const cited = (await send(id, 'Go on')).json();
      expect(cited.active_fix.script_template_id).toBe(offered[0]);

      fake.setDefaultReply({
        text: `Another.\n[SUGGEST_FIX]{"title":"Made up","description":"x","confidence_pct":80,"script_template_id":"00000000-0000-4000-8000-000000000000"}[/SUGGEST_FIX]`,
      });
      const unknown = await send(id, 'And?');
      expect(unknown.statusCode).toBe(200);
      expect(unknown.json().active_fix).toMatchObject({ title: 'Made up', script_template_id: null });
    });

    it('keeps a long session with pasted logs under the budget, the intake always present', async () => {
      const log = (seed: number) =>
        Array.from(
          { length: 400 },
          (_, line) => `2026-11-30 10:${line % 60} Event 7031 spooler terminated (${seed}.${line})`,
        ).join('\n');
      const id = await newSession('Spooler crashes on FIN-PC-07', log(0));
      // 200 messages: 100 engineer turns with pastes, 100 replies.
      await t.database.query(
        `INSERT INTO ai_session_messages (account_id, ai_session_id, role, content)
       SELECT s.account_id, s.id, CASE WHEN g % 2 = 0 THEN 'user' ELSE 'assistant' END,
              CASE WHEN g % 2 = 0 THEN 'paste ' || g || E'\n' || repeat('ERROR 0x800706BA spooler pid ' || g || E'\n', 300) ELSE 'reply ' || g END
       FROM ai_sessions s, generate_series(1, 198) g WHERE s.id = $1`,
        [id],
      );
      const response = await send(id, 'latest question');
      const messages = lastRequest();
      expect(messages[1]!.content).toContain('Spooler crashes on FIN-PC-07');
      expect(messages.at(-1)!.content).toBe('latest question');
      const context = response.json().assistant_message.context;
      expect(context.estimated_tokens).toBeLessThanOrEqual(6_000);
      expect(context.turns_omitted).toBeGreaterThan(0);
      expect(stateOf(messages)).toContain('oldest messages of the conversation');
    });

    it.runIf(provider === 'openai-compatible')(
      'counts messages too old to be read as left out, and keeps the newest actions when there are many',
      async () => {
        const id = await newSession('Spooler crashes on FIN-PC-07');
        await t.database.query(
          `INSERT INTO ai_session_messages (account_id, ai_session_id, role, content)
           SELECT s.account_id, s.id, CASE WHEN g % 2 = 0 THEN 'user' ELSE 'assistant' END, 'turn ' || g
           FROM ai_sessions s, generate_series(1, 500) g WHERE s.id = $1`,
          [id],
        );
        // The last inserted turn is an assistant reply, so the notes below come after it.
        await new Promise((resolve) => setTimeout(resolve, 20));
        for (let index = 1; index <= 60; index++) {
          const note = await t.app.inject({
            method: 'POST',
            url: `/api/v1/ai-sessions/${id}/facts`,
            headers: owner.headers,
            payload: { text: `Checked printer ${index}` },
          });
          expect(note.statusCode).toBe(201);
        }
        const response = await send(id, 'latest question');
        const context = response.json().assistant_message.context;
        // The first reply, 500 inserted turns and the question: every one sent or counted.
        expect(context.turns_sent + context.turns_omitted).toBe(502);
        const state = stateOf(lastRequest());
        const since = state.slice(
          state.indexOf('## Since your last reply'),
          state.indexOf('## Script templates'),
        );
        expect(since).toContain('- (10 earlier actions left out; the newest follow)');
        const notes = since.split('\n').filter((line) => line.includes('added a note under What we know'));
        expect(notes).toHaveLength(50);
        expect(notes[0]).toMatch(/Checked printer 11\b/);
        expect(notes.at(-1)).toMatch(/Checked printer 60\b/);
      },
    );
  },
);
