import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatModel, ChatRequest } from '@flowpilot/assistant/chat-model';
import { createOfflineChatModel } from '@flowpilot/assistant/offline/offline-chat-model';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

/**
 * The offline engine is given the same turn input as the SDK providers (SPEC §7.1, issue 12
 * item 6): the builder's messages and the session as data. A note under *What we know* and an
 * outcome recorded on the banner are evidence to it, not only what it wrote itself.
 */
describe('the offline engine reads the session context', () => {
  let t: TestApp;
  let owner: SignedUp;
  const requests: ChatRequest[] = [];
  const offline = createOfflineChatModel();
  const recording: ChatModel = {
    backend: offline.backend,
    model: offline.model,
    stream(request) {
      requests.push(request);
      return offline.stream(request);
    },
  };

  beforeAll(async () => {
    t = await createTestApp({ model: recording });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    requests.length = 0;
    owner = await signUpAccount(t.app);
  });

  async function newSession(text: string) {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_type: 'free_text', intake_content: { text } },
    });
    expect(created.statusCode).toBe(201);
    await t.ctx.generations.drain(10_000);
    return created.json().id as string;
  }
  async function send(id: string, content: string) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/messages`,
      headers: owner.headers,
      payload: { content },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  it('takes the builder output like every provider, and an engineer note moves its belief', async () => {
    const plain = await newSession('printing problem');
    const noted = await newSession('printing problem');
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${noted}/facts`,
      headers: owner.headers,
      payload: { text: 'Spooler service stops by itself every few minutes; jobs stuck in the queue' },
    });
    expect(note.statusCode).toBe(201);

    const without = await send(plain, 'any idea?');
    const withNote = await send(noted, 'any idea?');
    const request = requests.at(-1)!;
    // The same shape an SDK provider is given: intake first, the state block, the message last.
    expect(request.messages[0]).toMatchObject({ role: 'user', part: 'intake' });
    expect(request.messages.some((message) => message.part === 'state')).toBe(true);
    expect(request.messages.at(-1)).toMatchObject({ role: 'user', content: 'any idea?' });
    expect(request.session?.notes).toEqual([
      'Spooler service stops by itself every few minutes; jobs stuck in the queue',
    ]);
    expect(withNote.session.confidence_score).toBeGreaterThan(without.session.confidence_score);
    expect(withNote.assistant_message.context).toMatchObject({ facts: 1, over_budget: false });
  });

  it('a fix marked failed on the banner is not proposed again', async () => {
    const id = await newSession('Outlook keeps prompting for credentials and will not stop');
    let reply = await send(id, "what's the fix?");
    const proposed = reply.active_fix;
    expect(proposed?.script_template_id).toBeTruthy();

    const outcome = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/ai-sessions/${id}/suggested-fixes/${proposed.id}/outcome`,
      headers: owner.headers,
      payload: { outcome: 'applied_failed', failure_reason: 'still prompting after the reset' },
    });
    expect(outcome.statusCode).toBe(200);

    reply = await send(id, 'ok, what else could it be?');
    expect(requests.at(-1)!.session?.fixes).toContainEqual(
      expect.objectContaining({ templateId: proposed.script_template_id, outcome: 'applied_failed' }),
    );
    // Either no new fix yet (the failed one is still the latest) or one from another playbook.
    if (reply.active_fix.id !== proposed.id)
      expect(reply.active_fix.script_template_id).not.toBe(proposed.script_template_id);
    // It reasons from the failure instead of asking how the fix went.
    expect(reply.assistant_message.content).toMatch(/failed/);
    expect(reply.assistant_message.content).not.toMatch(/run it and tell me how it went/);
  });
});
