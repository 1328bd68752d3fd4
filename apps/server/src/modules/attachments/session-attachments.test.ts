import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { uploadFile } from './attachment-test-helpers.ts';

const log = (text: string) => Buffer.from(`${text}\r\nEvent 7031 Service Control Manager\r\n`);

/** attachment_ids on POST /ai-sessions and POST …/messages (SPEC §7.2). */
describe('attachments join the intake and messages', () => {
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

  const createSession = (attachmentIds: unknown, who = owner) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: who.headers,
      payload: {
        intake_type: 'free_text',
        intake_content: { text: 'Print spooler keeps stopping' },
        attachment_ids: attachmentIds,
      },
    });
  const post = (sessionId: string, attachmentIds: unknown, who = owner) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${sessionId}/messages`,
      headers: who.headers,
      payload: { content: 'Here is the log', attachment_ids: attachmentIds },
    });
  const get = (url: string, who = owner) => t.app.inject({ method: 'GET', url, headers: who.headers });
  async function newSession(attachmentIds: string[] = []) {
    const created = await createSession(attachmentIds);
    expect(created.statusCode).toBe(201);
    await t.ctx.generations.drain(10_000);
    return created.json().id as string;
  }

  it('links the intake’s files to the session and its intake message, in the transcript and the listing', async () => {
    const first = await uploadFile(t.app, owner, 'spooler.log', log('one'));
    const second = await uploadFile(t.app, owner, 'system.log', log('two'));
    const id = await newSession([first, second]);

    const messages = (await get(`/api/v1/ai-sessions/${id}/messages`)).json().items;
    const intake = messages.find((m: { kind: string }) => m.kind === 'intake');
    expect(intake.attachments.map((a: { id: string }) => a.id)).toEqual([first, second]);
    expect(intake.attachments[0]).toMatchObject({
      filename: 'spooler.log',
      ai_session_id: id,
      message_id: intake.id,
      extraction_status: 'done',
    });
    const replies = messages.filter((m: { role: string }) => m.role === 'assistant');
    expect(replies.every((m: { attachments: unknown[] }) => m.attachments.length === 0)).toBe(true);

    const listed = (await get(`/api/v1/ai-sessions/${id}/attachments`)).json().items;
    expect(listed.map((a: { id: string }) => a.id)).toEqual([first, second]);
    // Part of the session now: it stays with it.
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${first}`,
      headers: owner.headers,
    });
    expect(removed.statusCode).toBe(409);
  });

  it('links a message’s files to that message (JSON and SSE answers show them)', async () => {
    const id = await newSession();
    const file = await uploadFile(t.app, owner, 'spooler.log', log('chat'));
    const response = await post(id, [file]);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user_message.attachments).toHaveLength(1);
    expect(body.user_message.attachments[0]).toMatchObject({
      id: file,
      ai_session_id: id,
      message_id: body.user_message.id,
    });

    const other = await uploadFile(t.app, owner, 'more.log', log('sse'));
    const streamed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/messages`,
      headers: { ...owner.headers, accept: 'text/event-stream' },
      payload: { content: 'And this one', attachment_ids: [other] },
    });
    const userEvent = streamed.body.split('\n\n').find((block) => block.startsWith('event: user_message'))!;
    const data = JSON.parse(
      userEvent
        .split('\n')
        .find((line) => line.startsWith('data: '))!
        .slice(6),
    );
    expect(data.attachments.map((a: { id: string }) => a.id)).toEqual([other]);
  });

  it('accepts a file already in this session again and leaves it with its first message', async () => {
    const file = await uploadFile(t.app, owner, 'spooler.log', log('again'));
    const id = await newSession([file]);
    const again = await post(id, [file, file]);
    expect(again.statusCode).toBe(200);
    expect(again.json().user_message.attachments).toEqual([]);
    const listed = (await get(`/api/v1/ai-sessions/${id}/attachments`)).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0].message_id).not.toBe(again.json().user_message.id);
  });

  it('refuses another account’s, another user’s, a removed and another session’s file, and more than 10, changing nothing', async () => {
    const intruder = await signUpAccount(t.app, 'Other MSP');
    const theirs = await uploadFile(t.app, intruder, 'theirs.log', log('theirs'));
    const colleague = await addUser(t.app, owner, 'engineer');
    const colleagues = await uploadFile(t.app, colleague, 'colleague.log', log('colleague'));
    const mine = await uploadFile(t.app, owner, 'mine.log', log('mine'));
    const id = await newSession();
    const usedElsewhere = await uploadFile(t.app, owner, 'used.log', log('used'));
    await newSession([usedElsewhere]);

    const before = await snapshotDatabase(t);
    const foreign = await post(id, [mine, theirs]);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().detail).toMatch(/no longer exists/);
    expect(foreign.json().errors[0].field).toBe('body.attachment_ids');
    expect((await post(id, [colleagues])).statusCode).toBe(404);
    const foreignIntake = await createSession([theirs]);
    expect(foreignIntake.statusCode).toBe(404);
    const unknown = await post(id, ['00000000-0000-4000-8000-000000000000']);
    expect(unknown.statusCode).toBe(404);
    const conflict = await post(id, [usedElsewhere]);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().detail).toMatch(/another session/);
    const tooMany = await post(
      id,
      Array.from({ length: 11 }, () => mine),
    );
    expect(tooMany.statusCode).toBe(422);
    const notIds = await createSession(['spooler.log']);
    expect(notIds.statusCode).toBe(422);
    expect(await snapshotDatabase(t)).toEqual(before);
    expect((await get(`/api/v1/attachments/${mine}`)).json().ai_session_id).toBeNull();
  });

  it('follows the session: kept when it is resolved, gone with it when it is deleted', async () => {
    const file = await uploadFile(t.app, owner, 'spooler.log', log('life'));
    const id = await newSession([file]);
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${id}/resolution-note/post`,
      headers: owner.headers,
      payload: {},
    });
    expect(resolved.statusCode).toBe(200);
    expect((await get(`/api/v1/attachments/${file}`)).statusCode).toBe(200);
    // The expiry job only ever takes unused uploads, however old.
    await t.database.query(`UPDATE attachments SET created_at = now() - interval '30 days'`);
    const { expireUnusedAttachments } = await import('./expire-unused-attachments.ts');
    expect(await expireUnusedAttachments(t.database.db)).toEqual({ deleted: 0 });
    // No route deletes a session or a message; when one goes, its files go with it.
    const other = await uploadFile(t.app, owner, 'other.log', log('other'));
    const second = await newSession([other]);
    await t.database.query(`DELETE FROM ai_sessions WHERE id = $1`, [second]);
    const left = await t.database.query<{ id: string }>(`SELECT id FROM attachments`);
    expect(left.map((row) => row.id)).toEqual([file]);
    await t.database.query(`DELETE FROM ai_session_messages WHERE kind = 'intake'`);
    expect(await t.database.query(`SELECT id FROM attachments`)).toEqual([]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'gives one upload to exactly one of two sessions sending it at the same time (PostgreSQL)',
    async () => {
      const [a, b] = [await newSession(), await newSession()];
      for (let round = 0; round < 5; round++) {
        const file = await uploadFile(t.app, owner, `race-${round}.log`, log('race'));
        const answers = await Promise.all([post(a, [file]), post(b, [file])]);
        expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        const [row] = await t.database.query<{ ai_session_id: string; message_id: string }>(
          `SELECT ai_session_id, message_id FROM attachments WHERE id = $1`,
          [file],
        );
        const winner = answers.find((r) => r.statusCode === 200)!.json();
        expect(row).toEqual({ ai_session_id: winner.session.id, message_id: winner.user_message.id });
      }
    },
  );
});
