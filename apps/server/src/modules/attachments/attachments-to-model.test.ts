import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatModel, ChatRequest } from '@flowpilot/assistant/chat-model';
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import { createOfflineChatModel } from '@flowpilot/assistant/offline/offline-chat-model';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '@flowpilot/assistant/testing/fake-openai-server';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { uploadFile, waitForExtraction } from './attachment-test-helpers.ts';

const errorDialog = readFileSync(new URL('../../../test/fixtures/error-dialog.png', import.meta.url));
/** Enough of the PNG's base64 to recognise it inside any provider's request body. */
const imageMarker = errorDialog.toString('base64').slice(0, 60);

const endpoints = {
  'openai-compatible': '/v1/chat/completions',
  anthropic: '/v1/messages',
  openai: '/v1/responses',
} as const;

/**
 * A screenshot sent with the intake or a message, as each kind of model receives it (SPEC
 * §7.2): recorded by the fake model server behind the real provider client. The upload is sent
 * at once, while OCR is still reading it: the reply waits for the text.
 */
describe.each([
  { name: 'an OpenAI-compatible vision model (LLM_VISION)', provider: 'openai-compatible', vision: true },
  { name: 'Anthropic', provider: 'anthropic', vision: undefined },
  { name: 'an OpenAI vision model', provider: 'openai', vision: undefined },
  { name: 'a text-only OpenAI-compatible model', provider: 'openai-compatible', vision: undefined },
] as const)('$name', ({ provider, vision }) => {
  let t: TestApp;
  let fake: FakeOpenAiServer;
  let owner: SignedUp;
  const seesImages = vision ?? provider !== 'openai-compatible';

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    const model = createChatModel({
      provider,
      baseUrl: fake.baseUrl,
      model: provider === 'openai-compatible' ? 'fake-model' : undefined,
      apiKey: 'test-key',
      maxRetries: 0,
      vision,
    });
    t = await createTestApp({ model });
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
  const sentBodies = () =>
    fake.requests
      .filter((request) => request.path.startsWith(endpoints[provider]))
      .map((request) => JSON.stringify(request.body));

  it(`gets the screenshot ${seesImages ? 'as an image part' : 'as the text read from it'}, with the message it came with`, async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_type: 'free_text', intake_content: { text: 'Cannot open the finance share' } },
    });
    await t.ctx.generations.drain(10_000);
    const id = created.json().id as string;
    const screenshot = await uploadFile(t.app, owner, 'dialog.png', errorDialog);
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/messages`,
      headers: owner.headers,
      payload: { content: 'This is what she sees', attachment_ids: [screenshot] },
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().assistant_message.status).toBe('complete');

    const body = sentBodies().at(-1)!;
    expect(body).toContain('This is what she sees');
    expect(body).toContain('**Attachment:** dialog.png (image/png)');
    // Waited for OCR: the text is there for every model (a vision model gets both).
    expect(body).toContain('0x80070005');
    if (seesImages) {
      expect(body).toContain(imageMarker);
      const part = {
        'openai-compatible': '"type":"image_url"',
        anthropic: '"type":"image"',
        openai: '"type":"input_image"',
      }[provider];
      expect(body).toContain(part);
    } else {
      expect(body).not.toContain(imageMarker);
    }
    // The next turn sends that message's screenshot as its text only; the intake's would stay.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/messages`,
      headers: owner.headers,
      payload: { content: 'Any idea?' },
    });
    const next = sentBodies().at(-1)!;
    expect(next).toContain('0x80070005');
    expect(next).not.toContain(imageMarker);
  });
});

describe('the offline engine', () => {
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

  async function firstReply(extra: { text?: string; attachmentIds?: string[] }) {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: {
        intake_type: 'free_text',
        intake_content: { text: `A user gets an error dialog on her laptop${extra.text ?? ''}` },
        attachment_ids: extra.attachmentIds,
      },
    });
    expect(created.statusCode).toBe(201);
    await t.ctx.generations.drain(20_000);
    const messages = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${created.json().id}/messages`,
      headers: owner.headers,
    });
    return messages.json().items.find((m: { role: string }) => m.role === 'assistant').content as string;
  }

  it('reads the error code in a screenshot like typed text', async () => {
    const screenshot = await uploadFile(t.app, owner, 'dialog.png', errorDialog);
    const shown = await firstReply({ attachmentIds: [screenshot] });
    expect(requests.at(-1)!.messages[0]!.content).toContain('0x80070005');
    const { extracted_text: dialog } = await waitForExtraction(t.app, owner, screenshot);
    const typed = await firstReply({ text: `\n\n${dialog}` });
    // The same words typed or shown: the same reply, citing the code.
    expect(shown).toBe(typed);
    expect(shown).toContain('0x80070005');
    expect(shown).not.toMatch(/^I don't know this one/);
  });
});
