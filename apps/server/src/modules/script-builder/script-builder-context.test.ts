import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import { loadTokenCounter } from '@flowpilot/assistant/session-context/token-counter';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '@flowpilot/assistant/testing/fake-openai-server';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { loadConfig } from '../../env.ts';

const BUDGET = 4_000;
type Block = { role: string; text: string };
type WireBody = {
  system?: { text: string }[];
  messages: { role: string; content: string | { text: string }[] }[];
};

/** Every text block of a Chat Completions or Anthropic Messages request, the system prompt first. */
function blocks(body: WireBody): Block[] {
  return [
    ...(body.system ?? []).map((part) => ({ role: 'system', text: part.text })),
    ...body.messages.flatMap((message) =>
      typeof message.content === 'string'
        ? [{ role: message.role, text: message.content }]
        : message.content.map((part) => ({ role: message.role, text: part.text })),
    ),
  ];
}

/**
 * The Script Builder inline tab is given the pilot session through the session-context builder,
 * within the same budget (SPEC §7.1, issue 12 item 7), recorded behind the real provider client.
 */
describe.each(['openai-compatible', 'anthropic'] as const)(
  '%s: the inline Script Builder is given the pilot session',
  (provider) => {
    let t: TestApp;
    let fake: FakeOpenAiServer;
    let owner: SignedUp;
    const endpoint = provider === 'anthropic' ? '/v1/messages' : '/v1/chat/completions';

    beforeAll(async () => {
      fake = await startFakeOpenAiServer({ defaultReply: { text: 'Noted.' } });
      const model = createChatModel({
        provider,
        baseUrl: fake.baseUrl,
        // A model the provider knows, so the SDK does not warn about its limits.
        model: provider === 'openai-compatible' ? 'fake-model' : undefined,
        apiKey: 'test-key',
        maxRetries: 0,
      });
      t = await createTestApp({
        model,
        config: { llm: { ...loadConfig({}).llm, contextTokens: BUDGET } },
      });
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });
    beforeEach(async () => {
      await t.reset();
      fake.requests.length = 0;
      owner = await signUpAccount(t.app);
    });

    const lastRequest = () =>
      blocks(fake.requests.filter((request) => request.path.startsWith(endpoint)).at(-1)!.body as WireBody);
    const inject = (method: 'POST' | 'PATCH', url: string, payload: object) =>
      t.app.inject({ method, url, headers: owner.headers, payload });

    it('sends the intake, the facts and the fix, not the pilot conversation, and stays within the budget', async () => {
      const created = await inject('POST', '/api/v1/ai-sessions', {
        intake_type: 'combined',
        intake_content: {
          text: 'Print Spooler crashes on FIN-PC-07 every few minutes',
          ticket_ref: 'T-881',
          asset_name: 'FIN-PC-07',
          logs: 'Event 7031: The Print Spooler service terminated unexpectedly.',
        },
      });
      expect(created.statusCode).toBe(201);
      const pilot = created.json().id as string;
      await t.ctx.generations.drain(10_000);
      expect(
        (await inject('POST', `/api/v1/ai-sessions/${pilot}/messages`, { content: 'PILOT-ONLY line' }))
          .statusCode,
      ).toBe(200);
      expect(
        (await inject('POST', `/api/v1/ai-sessions/${pilot}/facts`, { text: 'The HP M404 driver is v6.1' }))
          .statusCode,
      ).toBe(201);
      const fix = await inject('POST', `/api/v1/ai-sessions/${pilot}/suggested-fixes`, {
        title: 'Clear the spool folder',
        description: 'Stop the spooler, empty the PRINTERS folder, start it again',
      });
      expect(fix.statusCode).toBe(201);

      const builder = await inject('POST', '/api/v1/script-builder/sessions', {
        origin: 'pilot_inline',
        ai_session_id: pilot,
        language: 'powershell',
      });
      expect([200, 201]).toContain(builder.statusCode);
      const url = `/api/v1/script-builder/sessions/${builder.json().id}/messages`;
      const first = await inject('POST', url, { content: 'write it' });
      expect(first.statusCode).toBe(200);
      // The reply records what was sent, as a pilot reply does.
      expect(first.json().messages[1].context).toMatchObject({
        budget_tokens: BUDGET,
        turns_sent: 1,
        turns_omitted: 0,
        facts: 1,
        over_budget: false,
      });

      let sent = lastRequest();
      expect(sent[0]!.role).toBe('system');
      expect(sent[0]!.text).toContain('The troubleshooting session this script serves');
      const intake = sent.find((block) => block.text.includes('**Ticket:** T-881'))!;
      expect(intake.text).toContain('Print Spooler crashes on FIN-PC-07');
      expect(intake.text).toContain('Event 7031');
      const state = sent.find((block) => block.text.startsWith('# Session state'))!.text;
      expect(state).toContain('[engineer_note] The HP M404 driver is v6.1');
      expect(state).toMatch(/## Active fix\n- fix [0-9a-f-]{36}: "Clear the spool folder"/);
      expect(sent.at(-1)).toEqual({ role: 'user', text: 'write it' });
      expect(sent.some((block) => block.text.includes('PILOT-ONLY'))).toBe(false);

      // A ~47,000-character paste in the builder conversation: the request stays within the budget.
      const paste = Array.from({ length: 2_000 }, (_, line) => `10:${line % 60} spooler fault ${line}`).join(
        '\n',
      );
      expect((await inject('POST', url, { content: `here is the log\n${paste}` })).statusCode).toBe(200);
      const last = await inject('POST', url, { content: 'now add logging' });
      expect(last.statusCode).toBe(200);
      expect(last.json().messages[1].context.characters_omitted).toBeGreaterThan(20_000);
      sent = lastRequest();
      const counter = await loadTokenCounter();
      const tokens = sent.reduce((sum, block) => sum + counter.count(block.text) + 4, 0);
      expect(tokens).toBeLessThanOrEqual(BUDGET);
      expect(sent.some((block) => block.text.includes('**Ticket:** T-881'))).toBe(true);
      expect(sent.map((block) => block.text).join('\n')).toMatch(/characters of pasted text omitted/);
      expect(sent.at(-1)).toEqual({ role: 'user', text: 'now add logging' });

      // A standalone builder has no session to give and records nothing.
      const standalone = await inject('POST', '/api/v1/script-builder/sessions', { language: 'bash' });
      const reply = await inject('POST', `/api/v1/script-builder/sessions/${standalone.json().id}/messages`, {
        content: 'check disk space',
      });
      expect(reply.json().messages[1].context).toBeNull();
    });
  },
);
