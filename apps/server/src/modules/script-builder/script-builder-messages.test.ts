import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelError, type ChatModel, type ChatRequest } from '@flowpilot/assistant/chat-model';
import { scriptBuilderSystemPrompt } from '@flowpilot/assistant/prompts';
import { addUser, signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { insertFix, insertSession } from '../../../test/pilot-fixtures.ts';
import { scriptedModel } from '../../../test/scripted-model.ts';
import { parseSse } from '../../../test/sse.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

const SESSIONS = '/api/v1/script-builder/sessions';

/** A scripted model posing as a hosted provider, so the offline composer stays out of the way. */
const hosted = (replies: string[]) =>
  Object.assign(scriptedModel(replies), { backend: 'openai-compatible' as const });

/** Fails after streaming some text, like a provider dropping the connection. */
function failingModel(): ChatModel {
  return {
    backend: 'openai-compatible',
    model: 'failing',
    async *stream() {
      yield { type: 'text', text: 'Here is the fixed ```powershell\nRemove-' };
      throw new ModelError('unavailable', 'upstream 503', { status: 503, partial: true });
    },
  };
}

/** Holds its reply until released, to catch a second message while one is streaming. */
function heldModel() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const model: ChatModel = {
    backend: 'openai-compatible',
    model: 'held',
    async *stream() {
      yield { type: 'text', text: 'Working on it' };
      await gate;
      yield { type: 'text', text: '.' };
    },
  };
  return { model, release: () => release() };
}

/** The model can be swapped between tests without rebuilding the app. */
function switchableModel() {
  let current: ChatModel & { requests?: ChatRequest[] } = scriptedModel();
  return {
    get backend() {
      return current.backend;
    },
    model: 'switchable',
    use(next: ChatModel) {
      current = next;
    },
    get requests() {
      return current.requests ?? [];
    },
    stream: (request: ChatRequest) => current.stream(request),
  };
}

describe('script builder messages', () => {
  let t: TestApp;
  let owner: SignedUp;
  const model = switchableModel();

  beforeAll(async () => {
    t = await createTestApp({ model });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    model.use(hosted(['Noted.']));
    owner = await signUpAccount(t.app);
  });

  const newSession = async (payload: object = {}) => {
    const response = await t.app.inject({ method: 'POST', url: SESSIONS, headers: owner.headers, payload });
    expect([200, 201]).toContain(response.statusCode);
    return response.json() as { id: string; latest_script: string | null };
  };
  const send = (id: string, content: string, stream = false, who: SignedUp = owner) =>
    t.app.inject({
      method: 'POST',
      url: `${SESSIONS}/${id}/messages`,
      headers: { ...who.headers, ...(stream ? { accept: 'text/event-stream' } : {}) },
      payload: { content },
    });
  const messages = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `${SESSIONS}/${id}/messages`, headers: owner.headers })).json()
      .items;

  it('answers JSON with the turn and takes the LAST code block as the latest script, named by its info string', async () => {
    const session = await newSession();
    model.use(
      hosted([
        'First check it is stuck:\n```powershell\nGet-Service Spooler\n```\nThen the fix:\n```powershell filename=Reset-Spooler.ps1\nRestart-Service Spooler -Force\n```\nRun it elevated.',
      ]),
    );
    const response = await send(session.id, 'restart the print spooler');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.latest_script).toBe('Restart-Service Spooler -Force');
    expect(body.latest_script_filename).toBe('Reset-Spooler.ps1');
    expect(body.messages.map((m: { role: string; status: string }) => `${m.role}:${m.status}`)).toEqual([
      'user:complete',
      'assistant:complete',
    ]);
    expect(body.messages[1].content).toContain('Run it elevated.');
    // An untitled session takes its first request as its title.
    expect(body.session).toMatchObject({
      title: 'restart the print spooler',
      latest_script: 'Restart-Service Spooler -Force',
    });
    expect((await messages(session.id)).map((m: { content: string }) => m.content)).toEqual([
      'restart the print spooler',
      body.messages[1].content,
    ]);
  });

  it('derives the file name from the request when the block has none, in the block language', async () => {
    const session = await newSession();
    model.use(
      hosted([
        '```powershell\nRestart-Service Spooler\n```',
        'On Linux:\n```bash\nsystemctl restart cups\n```',
        'Sure, nothing to change.',
      ]),
    );
    expect(
      (await send(session.id, 'restart the print spooler on PC-042')).json().latest_script_filename,
    ).toBe('Restart-PrintSpooler.ps1');
    const bash = (await send(session.id, 'now restart cups on the linux print server')).json();
    expect(bash).toMatchObject({
      latest_script: 'systemctl restart cups',
      latest_script_filename: 'restart-cups-linux-print.sh',
    });
    // A reply without a code block leaves the script alone.
    expect((await send(session.id, 'thanks')).json()).toMatchObject({
      latest_script: 'systemctl restart cups',
      latest_script_filename: 'restart-cups-linux-print.sh',
    });
  });

  it('streams SSE: user_message, start, deltas, script, done', async () => {
    const session = await newSession({ language: 'bash' });
    model.use(hosted(['Here you go:\n```bash filename=disk-report.sh\ndf -h /var\n```']));
    const response = await send(session.id, 'show disk usage of /var', true);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const events = parseSse(response.body);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('user_message');
    expect(names[1]).toBe('start');
    expect(names.slice(-2)).toEqual(['script', 'done']);
    const streamed = events
      .filter((e) => e.event === 'delta')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(streamed).toBe('Here you go:\n```bash filename=disk-report.sh\ndf -h /var\n```');
    expect(events.at(-2)!.data).toEqual({
      latest_script: 'df -h /var',
      latest_script_filename: 'disk-report.sh',
    });
    expect(events.at(-1)!.data).toMatchObject({
      assistant_message: { role: 'assistant', status: 'complete', content: streamed },
      session: { id: session.id, latest_script: 'df -h /var' },
    });
  });

  it('keeps the latest script when the model fails, and marks the reply failed (JSON and SSE)', async () => {
    const session = await newSession({
      initial_script: 'Get-Service Spooler',
      initial_script_filename: 'Check-Spooler.ps1',
    });
    model.use(failingModel());
    const json = await send(session.id, 'make it restart the service');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      latest_script: 'Get-Service Spooler',
      latest_script_filename: 'Check-Spooler.ps1',
    });
    expect(json.json().messages[1]).toMatchObject({
      status: 'failed',
      error: { code: 'model_unavailable', retryable: true },
    });

    const sse = parseSse((await send(session.id, 'try again', true)).body);
    expect(sse.map((e) => e.event).filter((e) => e !== 'delta')).toEqual(['user_message', 'start', 'error']);
    expect(sse.at(-1)!.data).toMatchObject({ code: 'model_unavailable', retryable: true });
    const [row] = await t.database.query<{ latest_script: string }>(
      'SELECT latest_script FROM script_builder_sessions WHERE id = $1',
      [session.id],
    );
    expect(row!.latest_script).toBe('Get-Service Spooler');

    // Failed replies are not context for the next request.
    const recorder = hosted(['```powershell\nRestart-Service Spooler\n```']);
    model.use(recorder);
    expect((await send(session.id, 'once more')).json().latest_script).toBe('Restart-Service Spooler');
    expect(recorder.requests[0]!.messages.map((m) => m.role)).toEqual(['user', 'user', 'user']);
  });

  it('sends the language prompt and the last 20 messages, plus the current script', async () => {
    const session = await newSession({ language: 'python' });
    const recorder = hosted(['ok']);
    model.use(recorder);
    for (let i = 1; i <= 12; i++) expect((await send(session.id, `request ${i}`)).statusCode).toBe(200);
    const last = recorder.requests.at(-1)!;
    expect(last.system.startsWith(scriptBuilderSystemPrompt('python'))).toBe(true);
    expect(last.messages).toHaveLength(20);
    expect(last.messages.at(-1)).toEqual({ role: 'user', content: 'request 12' });
    // 23 complete messages so far (11 turns and this request): the oldest three fall out.
    expect(last.messages.slice(0, 2)).toEqual([
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'request 3' },
    ]);

    await t.app.inject({
      method: 'PATCH',
      url: `${SESSIONS}/${session.id}`,
      headers: owner.headers,
      payload: { latest_script: 'print("edited by hand")' },
    });
    await send(session.id, 'add logging');
    expect(recorder.requests.at(-1)!.system).toContain('print("edited by hand")');
  });

  it('gives an inline builder the fix it serves as context', async () => {
    const pilot = await insertSession(t, owner);
    await insertFix(t, pilot, {
      title: 'Clear the stuck print queue',
      description: 'Stop the spooler and delete spool files',
      aiDraftedScript: null,
    });
    const session = await newSession({ origin: 'pilot_inline', ai_session_id: pilot.id });
    const recorder = hosted(['ok']);
    model.use(recorder);
    await send(session.id, 'write it');
    expect(recorder.requests[0]!.system).toContain('Clear the stuck print queue');
  });

  it('allows one reply at a time per session', async () => {
    const session = await newSession();
    const held = heldModel();
    model.use(held.model);
    const first = send(session.id, 'first');
    for (let i = 0; i < 100; i++) {
      const streaming = await t.database.query(
        `SELECT 1 FROM script_builder_messages WHERE status = 'streaming'`,
      );
      if (streaming.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const second = await send(session.id, 'second');
    expect(second.statusCode).toBe(409);
    held.release();
    expect((await first).json().messages[1].content).toBe('Working on it.');
    expect((await messages(session.id)).map((m: { content: string }) => m.content)).toEqual([
      'first',
      'Working on it.',
    ]);
  });

  it('refuses viewers, deleted sessions and empty messages', async () => {
    const session = await newSession();
    const viewer = await addUser(t.app, owner, 'viewer');
    expect((await send(session.id, 'hello', false, viewer)).statusCode).toBe(403);
    expect((await send(session.id, '   ')).statusCode).toBe(422);
    await t.app.inject({ method: 'DELETE', url: `${SESSIONS}/${session.id}`, headers: owner.headers });
    expect((await send(session.id, 'hello')).statusCode).toBe(404);
    expect(await t.database.query('SELECT 1 FROM script_builder_messages')).toEqual([]);
  });

  describe('offline (template composer)', () => {
    beforeEach(() => model.use(scriptedModel(['the playbook engine must not answer here'])));

    it.each([
      [
        'restart the print spooler on PC-042',
        'powershell',
        'Clear-PrintQueue.ps1',
        'Stop-Service -Name Spooler -Force',
      ],
      ['clear Teams cache for user jdoe', 'powershell', 'Clear-TeamsCache.ps1', "$TeamsClient = 'both'"],
      ['check disk space on /var', 'bash', 'linux-disk-cleanup.sh', "MOUNT_POINT='/var'"],
    ] as const)('%s → %s', async (request, language, filename, line) => {
      const session = await newSession({ language });
      const body = (await send(session.id, request)).json();
      expect(body.latest_script_filename).toBe(filename);
      expect(body.latest_script).toContain(line);
      expect(body.messages[1].content).not.toContain('playbook engine');
    });

    it('names the button that opens the editor where the reply is read', async () => {
      const standalone = await newSession();
      const there = (await send(standalone.id, 'write a script that says hello')).json();
      expect(there.messages[1].content).toContain('choose **Edit** to finish it yourself');
      expect(there.messages[1].content).not.toContain('Write it myself');

      const pilot = await insertSession(t, owner);
      await insertFix(t, pilot, { title: 'Say hello', description: 'Greets', aiDraftedScript: null });
      const inline = await newSession({ origin: 'pilot_inline', ai_session_id: pilot.id });
      const here = (await send(inline.id, 'write a script that says hello')).json();
      expect(here.messages[1].content).toContain('choose **Write it myself** to finish it yourself');
    });

    it("composes from the account's own library templates", async () => {
      await t.database.query(
        `INSERT INTO script_templates (account_id, name, description, language, category, body, parameters_schema)
         VALUES ($1, 'Restart the print spooler remotely', 'Restarts the Spooler service on a computer over WinRM.', 'powershell', 'Printing',
                 $2, $3)`,
        [
          owner.accountId,
          '$Computer = {{computer_name}}\nInvoke-Command -ComputerName $Computer { Restart-Service Spooler -Force }\n',
          JSON.stringify([
            { name: 'computer_name', label: 'Computer', type: 'string', required: true, sensitive: false },
          ]),
        ],
      );
      const session = await newSession();
      const body = (await send(session.id, 'restart the print spooler on PC-042', true)).body;
      const script = parseSse(body).find((e) => e.event === 'script')!.data as { latest_script: string };
      expect(script.latest_script).toContain("$Computer = 'PC-042'");
      // Another account's template is never offered.
      const other = await signUpAccount(t.app, 'Other MSP');
      const theirs = await t.app.inject({
        method: 'POST',
        url: SESSIONS,
        headers: other.headers,
        payload: {},
      });
      const reply = (
        await send(theirs.json().id, 'restart the print spooler on PC-042', false, other)
      ).json();
      expect(reply.latest_script_filename).toBe('Clear-PrintQueue.ps1');
    });
  });
});

describe('script builder rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ model: hosted(['ok']), config: { aiRateLimitPerMinute: 2 } });
  });
  afterAll(() => t.close());

  it('limits messages per minute like the chat route', async () => {
    const owner = await signUpAccount(t.app);
    const session = (
      await t.app.inject({ method: 'POST', url: SESSIONS, headers: owner.headers, payload: {} })
    ).json();
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: `${SESSIONS}/${session.id}/messages`,
        headers: owner.headers,
        payload: { content: 'hi' },
      });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(200);
    const limited = await post();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
