import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineChatModel } from '@flowpilot/assistant/offline/offline-chat-model';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

describe('GET /ai-sessions/{id}/leaning: why the offline engine leans where it leans', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp({ model: createOfflineChatModel() });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
  });

  const leaning = async (id: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${id}/leaning`,
      headers: owner.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('names the leader with its evidence, and a note from the engineer moves it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: {
        intake_type: 'free_text',
        intake_content: { text: 'The HP printer on floor 2 is not working for Dana.' },
      },
    });
    const id = created.json().id as string;
    await t.ctx.generations.drain(10_000);
    // A vague ticket: no playbook leads, and it says so.
    const before = await leaning(id);
    expect(before.available).toBe(true);
    expect(before.leader).toBeNull();
    expect(before.none).toBeGreaterThan(0.5);
    expect(before.alternatives.length).toBeGreaterThan(0);
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/facts`,
      headers: owner.headers,
      payload: {
        text: 'Get-Service Spooler shows Status: Stopped; Event 7031 the Print Spooler service terminated unexpectedly',
      },
    });
    expect(note.statusCode).toBe(201);
    // The note is evidence at once, before any reply: the spooler leads, and the note is why.
    const after = await leaning(id);
    expect(after.leader).toMatchObject({ category: 'Printing', title: expect.stringMatching(/spooler/i) });
    expect(after.leader.probability).toBeGreaterThan(0.5);
    expect(after.leader.probability).toBeGreaterThan(after.none);
    expect(after.leader.for.join(' ')).toMatch(/Status: Stopped/);
  });

  it('an assistant fact the engineer corrects counts as their words: the belief moves', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: {
        intake_type: 'free_text',
        intake_content: { text: 'Outlook keeps prompting for a password' },
      },
    });
    const id = created.json().id as string;
    await t.ctx.generations.drain(10_000);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/messages`,
      headers: owner.headers,
      payload: { content: 'The sign-in box keeps coming back, even with the correct password' },
    });
    const facts = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${id}/facts`,
      headers: owner.headers,
    });
    const promoted = facts.json().items.find((fact: { kind: string }) => fact.kind === 'ai_promoted');
    expect(promoted, 'the assistant promoted a fact').toBeDefined();
    const before = await leaning(id);
    expect(before.leader.title).toMatch(/Outlook/);
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/ai-sessions/${id}/facts/${promoted.id}`,
      headers: owner.headers,
      payload: {
        text: 'Wrong: it is not Outlook that prompts. The Teams sign-in window pops up, Outlook is fine.',
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = await leaning(id);
    const outlookAfter =
      after.leader?.title === before.leader.title
        ? after.leader.probability
        : (after.alternatives.find((a: { title: string }) => a.title === before.leader.title)?.probability ??
          0);
    expect(outlookAfter).toBeLessThan(before.leader.probability);
  });

  it('is not available with a connected model, which holds no belief', async () => {
    const connected = await createTestApp(); // the scripted stand-in for a connected model
    try {
      const user = await signUpAccount(connected.app);
      const created = await connected.app.inject({
        method: 'POST',
        url: '/api/v1/ai-sessions',
        headers: user.headers,
        payload: { intake_type: 'free_text', intake_content: { text: 'Spooler keeps stopping' } },
      });
      await connected.ctx.generations.drain(10_000);
      const response = await connected.app.inject({
        method: 'GET',
        url: `/api/v1/ai-sessions/${created.json().id}/leaning`,
        headers: user.headers,
      });
      expect(response.json()).toEqual({ available: false, leader: null, alternatives: [], none: 0 });
    } finally {
      await connected.close();
    }
  });
});
