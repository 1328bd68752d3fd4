import { randomBytes } from 'node:crypto';
import { ModelError, type ChatModel } from '@flowpilot/assistant/chat-model';
import { addUser, signUpAccount, type SignedUp } from '../fixtures.ts';
import { scriptedModel } from '../scripted-model.ts';
import type { TestApp } from '../test-app.ts';
import type { IdKind, IdPool, IdPools } from './openapi-fuzz.ts';

export const WORLD_PASSWORD = 'correct horse battery';

/** A tag unique to one account: it sits in all of its content so a leak is a substring search. */
const newTag = (letter: string) => `zq${letter}${randomBytes(5).toString('hex')}`;

const markersFor = (tag: string) =>
  [
    `Let us narrow it down (${tag}).`,
    `[QUESTIONS][{"id":"q1","text":"Is MFA enabled for ${tag}?"}][/QUESTIONS]`,
    `[ACTIONS][{"id":"a1","title":"List cached credentials ${tag}","command":"cmdkey /list","language":"cmd"}][/ACTIONS]`,
    `[PROMOTE]{"text":"Started after the password change ${tag}"}[/PROMOTE]`,
    `[SUGGEST_FIX]{"title":"Reset the Outlook profile ${tag}","description":"New profile ${tag}","confidence_pct":70,"script_language":"powershell","script":"Write-Host ${tag}"}[/SUGGEST_FIX]`,
    '[CONFIDENCE]0.7[/CONFIDENCE]',
  ].join('\n');

/**
 * Replies with a marker-rich turn in a session whose transcript carries an account's tag
 * (so each account's assistant content carries only its own tag), and "Noted." otherwise.
 */
export const FAILING_MESSAGE = 'This reply breaks the provider';

export function taggedModel(tags: string[]): ChatModel {
  const plain = scriptedModel(['Noted.']);
  return {
    backend: 'offline',
    model: 'fuzz-model',
    async *stream(request) {
      // A failed reply the retry route can act on: the provider breaks while the last message asks it to.
      if (request.messages.at(-1)?.content.includes(FAILING_MESSAGE)) {
        yield { type: 'text', text: 'Half a reply ' };
        throw new ModelError('unavailable', 'provider broke', { partial: true });
      }
      const transcript = request.messages.map((m) => m.content).join('\n');
      const tag = tags.find((candidate) => transcript.includes(candidate));
      if (!tag) {
        yield* plain.stream(request);
        return;
      }
      yield { type: 'text', text: markersFor(tag) };
      yield { type: 'usage', inputTokens: 5, outputTokens: 5 };
    },
  };
}

/** Who owns what, so the fuzzer can often name ids that belong together and to the caller. */
export interface SessionGraph {
  id: string;
  userId: string;
  children: { fact: string[]; fix: string[]; message: string[] };
}

export interface Account {
  tag: string;
  sessions: SessionGraph[];
  buildersByUser: Record<string, string[]>;
  owner: SignedUp;
  engineer?: SignedUp;
  viewer?: SignedUp;
  ids: IdPool;
  /** Strings no other account may ever see: tokens, emails, the tag. */
  secrets: string[];
}

export interface World {
  A: Account;
  B: Account;
  pools: IdPools;
  tags: { A: string; B: string };
}

const kindByTable: Record<string, IdKind> = {
  users: 'user',
  ai_sessions: 'session',
  session_facts: 'fact',
  session_suggested_fixes: 'fix',
  ai_session_messages: 'message',
  script_templates: 'template',
  draft_templates: 'draft',
  script_builder_sessions: 'builder',
};

async function idsOf(t: TestApp, accountId: string): Promise<IdPool> {
  const tables = await t.database.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'account_id'
        AND table_name IN (SELECT table_name FROM information_schema.columns
                            WHERE table_schema = current_schema() AND column_name = 'id')`,
  );
  const byKind = Object.fromEntries(
    ['user', 'session', 'fact', 'fix', 'message', 'template', 'draft', 'builder', 'other'].map((k) => [
      k,
      [],
    ]),
  ) as unknown as Record<IdKind, string[]>;
  const all = [accountId];
  for (const { table_name: table } of tables) {
    const rows = await t.database.query<{ id: string }>(
      `SELECT id::text AS id FROM "${table}" WHERE account_id = $1`,
      [accountId],
    );
    const kind = kindByTable[table] ?? 'other';
    for (const { id } of rows) {
      byKind[kind].push(id);
      all.push(id);
    }
  }
  return { byKind, all };
}

async function graphOf(t: TestApp, accountId: string) {
  const sessions = await t.database.query<{ id: string; user_id: string }>(
    'SELECT id::text, user_id::text FROM ai_sessions WHERE account_id = $1 ORDER BY created_at',
    [accountId],
  );
  const childrenOf = async (table: string, sessionId: string, order = 'created_at') =>
    (
      await t.database.query<{ id: string }>(
        `SELECT id::text FROM ${table} WHERE ai_session_id = $1 ORDER BY ${order} DESC`,
        [sessionId],
      )
    ).map((row) => row.id);
  const graph: SessionGraph[] = [];
  for (const session of sessions) {
    graph.push({
      id: session.id,
      userId: session.user_id,
      children: {
        fact: await childrenOf('session_facts', session.id),
        fix: await childrenOf('session_suggested_fixes', session.id),
        message: await childrenOf('ai_session_messages', session.id, 'seq'),
      },
    });
  }
  const builders = await t.database.query<{ id: string; user_id: string }>(
    'SELECT id::text, user_id::text FROM script_builder_sessions WHERE account_id = $1',
    [accountId],
  );
  const buildersByUser: Record<string, string[]> = {};
  for (const row of builders) (buildersByUser[row.user_id] ??= []).push(row.id);
  return { sessions: graph, buildersByUser };
}

async function call(t: TestApp, who: SignedUp, method: 'POST' | 'GET', url: string, payload?: object) {
  const response = await t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  await t.ctx.generations.drain(10_000);
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json() as Record<string, unknown> & { id: string };
}

/** A pilot session with a marker-driven AI turn, a fact, an engineer fix and a script generation. */
async function pilotSession(t: TestApp, who: SignedUp, tag: string, templateId: string) {
  const session = await call(t, who, 'POST', '/api/v1/ai-sessions', {
    intake_type: 'ticket',
    intake_content: {
      text: `Outlook keeps prompting ${tag}`,
      ticket_ref: `INC-${tag}`,
      client_name: `Client ${tag}`,
    },
    title: `Outlook prompts ${tag}`,
  });
  const base = `/api/v1/ai-sessions/${session.id}`;
  await call(t, who, 'POST', `${base}/messages`, { content: `It started yesterday ${tag}` });
  await call(t, who, 'POST', `${base}/facts`, { text: `Only on VPN ${tag}` });
  const fix = await call(t, who, 'POST', `${base}/suggested-fixes`, {
    title: `Clear the credential cache ${tag}`,
    description: `Engineer idea ${tag}`,
    confidence_pct: 60,
    ai_drafted_script: `cmdkey /delete:${tag}`,
    script_language: 'powershell',
  });
  await call(t, who, 'POST', '/api/v1/scripts/generate', {
    template_id: templateId,
    parameters: { message: `hello ${tag}`, api_key: `key-${tag}` },
    ai_session_id: session.id,
    fix_id: fix.id,
  });
  return session.id;
}

async function buildAccount(t: TestApp, tag: string, withTeam: boolean): Promise<Account> {
  const owner = await signUpAccount(t.app, `MSP ${tag}`);
  const engineer = withTeam ? await addUser(t.app, owner, 'engineer') : undefined;
  const viewer = withTeam ? await addUser(t.app, owner, 'viewer') : undefined;

  const template = await call(t, owner, 'POST', '/api/v1/script-templates', {
    name: `Greet ${tag}`,
    description: `Template of ${tag}`,
    language: 'bash',
    category: `Category ${tag}`,
    body: 'echo {{message}} --key {{api_key}}',
    parameters_schema: [
      { name: 'message', label: 'Message', type: 'string', required: true },
      { name: 'api_key', label: 'API key', type: 'secret', required: true },
    ],
  });
  await pilotSession(t, owner, tag, template.id);
  if (engineer) await pilotSession(t, engineer, tag, template.id);

  // A draft template, reached the real way: a fix decided as "run now, templatize after".
  const draftSession = await call(t, owner, 'POST', '/api/v1/ai-sessions', {
    intake_content: { text: `S: drive missing ${tag}` },
  });
  const draftFix = await call(t, owner, 'POST', `/api/v1/ai-sessions/${draftSession.id}/suggested-fixes`, {
    title: `Re-map the drive ${tag}`,
    ai_drafted_script: `net use S: \\\\fs01\\${tag}`,
    script_language: 'powershell',
  });
  await call(
    t,
    owner,
    'POST',
    `/api/v1/ai-sessions/${draftSession.id}/suggested-fixes/${draftFix.id}/decision`,
    {
      decision: 'draft_template',
      template_name: `Map drive ${tag}`,
    },
  );

  const builder = await call(t, owner, 'POST', '/api/v1/script-builder/sessions', {
    title: `Builder ${tag}`,
    language: 'bash',
    initial_script: `echo ${tag}`,
  });
  await call(t, owner, 'POST', `/api/v1/script-builder/sessions/${builder.id}/messages`, {
    content: `Add logging ${tag}`,
  });
  await call(t, owner, 'POST', '/api/v1/script-builder/sessions', {
    origin: 'pilot_inline',
    ai_session_id: draftSession.id,
  });

  // A session whose last reply failed, so a retry can succeed.
  const flaky = await call(t, owner, 'POST', '/api/v1/ai-sessions', {
    intake_content: { text: `Printer jams ${tag}` },
  });
  await call(t, owner, 'POST', `/api/v1/ai-sessions/${flaky.id}/messages`, { content: FAILING_MESSAGE });

  const people = [owner, engineer, viewer].filter((p): p is SignedUp => Boolean(p));
  return {
    tag,
    ...(await graphOf(t, owner.accountId)),
    owner,
    engineer,
    viewer,
    ids: await idsOf(t, owner.accountId),
    secrets: [tag, ...people.flatMap((p) => [p.token, p.email])],
  };
}

export async function buildWorld(t: TestApp, tags: { A: string; B: string }): Promise<World> {
  const A = await buildAccount(t, tags.A, true);
  const B = await buildAccount(t, tags.B, false);
  const builtin = await t.database.query<{ id: string }>(
    'SELECT id::text AS id FROM script_templates WHERE is_builtin',
  );
  return { A, B, tags, pools: { A: A.ids, B: B.ids, builtinTemplates: builtin.map((row) => row.id) } };
}

export const newWorldTags = () => ({ A: newTag('a'), B: newTag('b') });
