/**
 * The read paths an engineer hits all day, on a database that has been used for years: the
 * session list (first page and a deep keyset page), full-text search, and opening a session
 * (detail + its 20 messages). Seeded in bulk with generate_series: one engineer owns 80% of
 * the sessions, 40 users of 20 other accounts own the rest; every session has 20 messages
 * and a fix. Each figure is ~200 sequential requests through HTTP at the client, after a
 * warm-up. PGlite by default; BENCH_DATABASE_URL=postgres://… runs on a server at 10× the
 * size. BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE, BUFFERS) of the queries behind each figure.
 */
import { pino } from 'pino';
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import { openDatabase, type Database } from '@flowpilot/db/database';
import { migrateUp } from '@flowpilot/db/migrate';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/env.ts';
import { encodeCursor } from '../apps/server/src/modules/session-core/session-cursor.ts';
import { GenerationHub } from '../apps/server/src/modules/chat/generation-hub.ts';
import { MemoryPreviewCache } from '../apps/server/src/modules/session-closing/preview-cache.ts';
import { OcrQueue } from '../apps/server/src/modules/attachments/ocr-queue.ts';
import { median, percentile, type BenchFigure, type BenchOptions } from './support/figure.ts';
import { PlaybookCatalog } from '../apps/server/src/modules/knowledge/playbook-catalog.ts';

const MESSAGES_PER_SESSION = 20;
const NOISE_ACCOUNTS = 20;
const NOISE_USERS_PER_ACCOUNT = 2;

const TITLES = [
  'Print jobs stuck in the queue',
  'Outlook keeps asking for the password',
  'VPN disconnects every few minutes',
  'Disk full on the file server',
  'Teams camera not detected',
  'Cannot map network drive',
  'Slow login on the terminal server',
  'Printer offline after driver update',
  'OneDrive sync stuck on processing changes',
  'Wi-Fi drops in the meeting room',
  'Excel crashes when opening shared workbook',
  'Account locked out after password change',
  'Backup job failed overnight',
  'DNS resolution fails for internal sites',
  'Certificate expired on the web server',
  'Laptop battery drains fast',
  'Blue screen after Windows update',
  'Scanner to email stopped working',
  'MFA prompt not arriving on the phone',
  'Shared mailbox not showing in Outlook',
  'Group policy not applying to new laptops',
  'RDP connection refused',
  'Antivirus blocking the line-of-business app',
  'SQL Server service will not start',
  'Mapped printer missing after reboot',
  'Email bouncing with 550 error',
  'Browser shows certificate warning on intranet',
  'Time sync off on the domain controller',
  'USB headset not recognised',
  'Payroll app cannot reach its database',
];
const CLIENTS = [
  'Northwind Traders',
  'Contoso Dental',
  'Fabrikam Legal',
  'Tailspin Logistics',
  'Woodgrove Accounting',
  'Adventure Works',
  'Litware Clinic',
  'Proseware Architects',
  'Wingtip Toys',
  'Lucerne Publishing',
  'Coho Winery',
  'Alpine Ski House',
];
const SYMPTOMS = [
  'Started this morning for the whole floor; a restart of the workstation did not help.',
  'Only one user is affected; it worked yesterday before the update ran overnight.',
  'Users report it on and off since Monday, mostly after lunch when everyone is back.',
  'Happens on every laptop that was imaged last week, desktops are fine.',
  'The error appeared right after the password rotation, the helpdesk reset did not fix it.',
  'Affects the remote staff only; people in the office are working normally.',
];
const MESSAGES = [
  'Let us check the basics first: is the service running, and when did it last restart? Open services.msc and look at the status and the startup type.',
  'It is running, startup type automatic. The event log shows a warning at 08:12 about a timeout, nothing since then.',
  'Good. A timeout at start often means a dependency was slow. Can you run Get-Service -Name Spooler -DependentServices and tell me what it lists?',
  'It lists two services and both are running. The queue still shows 14 jobs from this morning, the oldest one is from 07:58.',
  'A single corrupt job can block every job behind it. Stop the service, clear C:\\Windows\\System32\\spool\\PRINTERS, and start it again.',
  'Done. The folder had 14 .SPL and .SHD files. After the restart the queue is empty and a test page printed fine.',
  'Great. To keep it from coming back, check whether the driver on the print server matches the model; a generic driver is a common cause.',
  'The server has the universal driver 6.1, the vendor site lists 6.4 as current. Users on the second floor use the same queue.',
  'Update the driver on the server during the lunch break and ask two users to print a multi-page PDF afterwards to confirm.',
  'Updated, both test prints came out. I will close this as resolved and add a note for the client contact.',
];
/**
 * Realistic searches: symptoms in two or three words, a client plus a word, one broad word
 * that matches a sixth of everything (the costly case: many rows to sort), and a miss.
 */
const SEARCHES = [
  'printer offline',
  'outlook password',
  'certificate expired',
  'contoso backup',
  'server',
  'kerberos ticket',
];

interface Target {
  kind: 'pglite' | 'postgres';
  sessions: number;
  database: Database;
  dispose(): Promise<void>;
}

async function openTarget(smoke: boolean): Promise<Target> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    return {
      kind: 'pglite',
      sessions: smoke ? 1_000 : 10_000,
      database,
      dispose: () => database.close(),
    };
  }
  const name = `flowpilot_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
  await admin.execScript(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 10 });
  return {
    kind: 'postgres',
    sessions: smoke ? 10_000 : 100_000,
    database,
    async dispose() {
      await database.close();
      await admin.execScript(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** Bulk seed in a handful of INSERT … SELECT statements; every fifth session belongs to a noise user. */
async function seed(database: Database, owner: { accountId: string; userId: string }, sessions: number) {
  await database.query(
    `INSERT INTO accounts (name) SELECT 'Noise MSP ' || g FROM generate_series(1, $1::int) g`,
    [NOISE_ACCOUNTS],
  );
  await database.query(
    `INSERT INTO users (account_id, email, name, password_hash, account_role)
     SELECT a.id, 'noise-' || a.id || '-' || u || '@example.test', 'Noise ' || u, 'not-a-password-hash', 'engineer'
     FROM accounts a CROSS JOIN generate_series(1, $1::int) u WHERE a.name LIKE 'Noise MSP %'`,
    [NOISE_USERS_PER_ACCOUNT],
  );
  await database.query(
    `WITH noise AS (
       SELECT account_id, id AS user_id, (row_number() OVER (ORDER BY id) - 1)::int AS k
       FROM users WHERE name LIKE 'Noise %'
     ), seeded AS (
       SELECT g,
              ($4::text[])[1 + (g * 7) % cardinality($4::text[])] AS title,
              ($5::text[])[1 + (g / 7) % cardinality($5::text[])] AS client,
              ($6::text[])[1 + g % cardinality($6::text[])] AS symptom,
              now() - g * interval '3 minutes' - (random() * 170) * interval '1 second' AS created,
              CASE WHEN g % 10 < 7 THEN 'resolved' WHEN g % 10 = 7 THEN 'escalated'
                   WHEN g % 10 = 8 THEN 'abandoned' ELSE 'active' END AS status
       FROM generate_series(1, $3::int) g
     )
     INSERT INTO ai_sessions (account_id, user_id, intake_type, intake_content, title, status, confidence_score,
       client_name, asset_name, issue_category, state_version, created_at, updated_at, last_message_at,
       resolved_at, escalated_at)
     SELECT CASE WHEN s.g % 5 = 0 THEN n.account_id ELSE $1::uuid END,
            CASE WHEN s.g % 5 = 0 THEN n.user_id ELSE $2::uuid END,
            'ticket',
            jsonb_build_object('text', s.title || '. ' || s.symptom, 'ticket_ref', 'INC-' || (100000 + s.g),
              'client_name', s.client),
            s.title, s.status, (s.g % 100) / 100.0,
            s.client, 'WS-' || lpad((s.g % 400)::text, 4, '0'), 'workplace', 1 + s.g % 12,
            s.created, s.created + interval '40 minutes', s.created + interval '13 minutes',
            CASE WHEN s.status = 'resolved' THEN s.created + interval '40 minutes' END,
            CASE WHEN s.status = 'escalated' THEN s.created + interval '40 minutes' END
     FROM seeded s LEFT JOIN noise n ON n.k = (s.g / 5) % ${NOISE_ACCOUNTS * NOISE_USERS_PER_ACCOUNT}`,
    [owner.accountId, owner.userId, sessions, TITLES, CLIENTS, SYMPTOMS],
  );
  await database.query(
    `INSERT INTO ai_session_messages (account_id, ai_session_id, role, kind, content, status, created_at, completed_at)
     SELECT s.account_id, s.id,
            CASE WHEN i % 2 = 0 THEN 'user' ELSE 'assistant' END,
            CASE WHEN i = 0 THEN 'intake' ELSE 'chat' END,
            CASE WHEN i = 0 THEN s.intake_content->>'text' ELSE ($1::text[])[1 + i % cardinality($1::text[])] END,
            'complete', s.created_at + i * interval '40 seconds', s.created_at + i * interval '40 seconds'
     FROM ai_sessions s CROSS JOIN generate_series(0, $2::int - 1) i`,
    [MESSAGES, MESSAGES_PER_SESSION],
  );
  await database.query(
    `INSERT INTO session_suggested_fixes (account_id, ai_session_id, title, description, confidence_pct, status,
       source, applied_at, verified_at, created_at, updated_at)
     SELECT account_id, id, 'Clear the queue and update the driver', 'Stop the service, clear the folder, start it.',
            80, CASE WHEN status = 'resolved' THEN 'applied_success' ELSE 'proposed' END, 'ai',
            CASE WHEN status = 'resolved' THEN created_at + interval '30 minutes' END,
            CASE WHEN status = 'resolved' THEN created_at + interval '35 minutes' END,
            created_at + interval '20 minutes', created_at + interval '35 minutes'
     FROM ai_sessions`,
  );
  await database.execScript('ANALYZE');
}

async function timeRequests(count: number, request: (index: number) => Promise<void>) {
  const warmup = Math.min(20, count);
  for (let index = 0; index < warmup; index++) await request(index);
  const timings: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await request(index + warmup);
    timings.push(performance.now() - started);
  }
  return timings;
}

async function printPlans(
  database: Database,
  owner: { accountId: string; userId: string },
  deepKey: { t: string; i: string },
  sessionId: string,
) {
  const [{ columns }] = (await database.query<{ columns: string }>(
    `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS columns
     FROM information_schema.columns WHERE table_name = 'ai_sessions' AND column_name <> 'search_vector'`,
  )) as [{ columns: string }];
  const keyTime = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const list = `SELECT ${columns}, ${keyTime} FROM ai_sessions WHERE (account_id = $1 AND user_id = $2)`;
  // The API's default page is 25 items; it asks for one more to know whether there is a next page.
  const order = 'ORDER BY created_at DESC, id DESC LIMIT 26';
  const plans: [string, string, unknown[]][] = [
    ['list, first page', `${list} ${order}`, [owner.accountId, owner.userId]],
    [
      'list, deep keyset page',
      `${list} AND (created_at, id) < ($3::timestamptz, $4::uuid) ${order}`,
      [owner.accountId, owner.userId, deepKey.t, deepKey.i],
    ],
    [
      `search "${SEARCHES[0]}"`,
      `${list} AND search_vector @@ websearch_to_tsquery('english', $3) ${order}`,
      [owner.accountId, owner.userId, SEARCHES[0]],
    ],
    [
      'search "server" (broad)',
      `${list} AND search_vector @@ websearch_to_tsquery('english', $3) ${order}`,
      [owner.accountId, owner.userId, 'server'],
    ],
    [
      `search "${SEARCHES.at(-1)}" (no match)`,
      `${list} AND search_vector @@ websearch_to_tsquery('english', $3) ${order}`,
      [owner.accountId, owner.userId, SEARCHES.at(-1)],
    ],
    [
      'open: the session',
      `SELECT * FROM ai_sessions WHERE (account_id = $1 AND user_id = $2) AND id = $3 LIMIT 1`,
      [owner.accountId, owner.userId, sessionId],
    ],
    [
      'open: active fix',
      'SELECT * FROM session_suggested_fixes WHERE ai_session_id = $1 AND superseded_at IS NULL LIMIT 1',
      [sessionId],
    ],
    [
      'open: reply in progress',
      "SELECT id FROM ai_session_messages WHERE ai_session_id = $1 AND status = 'streaming' LIMIT 1",
      [sessionId],
    ],
    [
      'open: messages',
      'SELECT * FROM ai_session_messages WHERE ai_session_id = $1 ORDER BY seq',
      [sessionId],
    ],
  ];
  for (const [label, sqlText, params] of plans) {
    const rows = await database.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${sqlText}`,
      params,
    );
    console.log(`\n-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
}

export async function run(options: BenchOptions): Promise<BenchFigure[]> {
  const target = await openTarget(options.smoke);
  const { database } = target;
  await migrateUp(database);
  const model = createChatModel({ provider: 'offline' });
  const app = await buildApp({
    config: {
      ...loadConfig({ LOG_LEVEL: 'silent' }),
      authRateLimitPerMinute: 1_000_000,
      aiRateLimitPerMinute: 1_000_000,
      webDist: undefined,
    },
    database,
    model,
    generations: new GenerationHub(),
    previewCache: new MemoryPreviewCache(),
    ocr: new OcrQueue(),
    knowledge: new PlaybookCatalog(),
    log: pino({ level: 'silent' }),
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'scale@example.test',
        password: 'correct horse battery',
        name: 'Scale',
        account_name: 'Scale MSP',
      }),
    });
    const signed = (await signup.json()) as {
      access_token: string;
      user: { id: string; account_id: string };
    };
    const owner = { accountId: signed.user.account_id, userId: signed.user.id };
    const headers = { authorization: `Bearer ${signed.access_token}` };

    const seedStarted = performance.now();
    await seed(database, owner, target.sessions);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const [counts] = await database.query<{ sessions: string; messages: string; mine: string }>(
      `SELECT (SELECT count(*) FROM ai_sessions) AS sessions, (SELECT count(*) FROM ai_session_messages) AS messages,
              (SELECT count(*) FROM ai_sessions WHERE user_id = $1) AS mine`,
      [owner.userId],
    );
    console.log(
      `\n  data-scale on ${target.kind}: ${counts!.sessions} sessions (${counts!.mine} the engineer's), ${counts!.messages} messages, seeded in ${seedSeconds.toFixed(1)} s`,
    );

    // Deep pages start at random positions in the middle half of the engineer's list.
    const mine = Number(counts!.mine);
    const deepKeys = await database.query<{ t: string; i: string }>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t, id AS i
       FROM (SELECT created_at, id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS position
             FROM ai_sessions WHERE account_id = $1 AND user_id = $2) ranked
       WHERE position % $3 = 0 AND position BETWEEN $4 AND $5`,
      [
        owner.accountId,
        owner.userId,
        Math.max(1, Math.floor(mine / 80)),
        Math.floor(mine / 4),
        Math.floor((mine * 3) / 4),
      ],
    );
    const cursors = deepKeys.map((key) => encodeCursor({ createdAt: key.t, id: key.i }));
    const openIds = (
      await database.query<{ id: string }>(
        'SELECT id FROM ai_sessions WHERE user_id = $1 ORDER BY md5(id::text) LIMIT 50',
        [owner.userId],
      )
    ).map((row) => row.id);

    const get = async (url: string) => {
      const response = await fetch(`${base}/api/v1${url}`, { headers });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { items: unknown[]; next_cursor?: string | null };
    };
    // A search that found nothing would measure an empty page; say so instead of hiding it.
    for (const q of SEARCHES) {
      const found = await get(`/ai-sessions?q=${encodeURIComponent(q)}`);
      console.log(`  search "${q}": ${found.items.length}${found.next_cursor ? '+' : ''} on the first page`);
    }

    const count = options.smoke ? 50 : 200;
    const firstPage = await timeRequests(count, async () => {
      await get('/ai-sessions');
    });
    const deepPage = await timeRequests(count, async (index) => {
      await get(`/ai-sessions?cursor=${cursors[index % cursors.length]}`);
    });
    const search = await timeRequests(count, async (index) => {
      await get(`/ai-sessions?q=${encodeURIComponent(SEARCHES[index % SEARCHES.length]!)}`);
    });
    const open = await timeRequests(count, async (index) => {
      const id = openIds[index % openIds.length];
      await get(`/ai-sessions/${id}`);
      const messages = await get(`/ai-sessions/${id}/messages`);
      if (messages.items.length !== MESSAGES_PER_SESSION) throw new Error('expected 20 messages');
    });

    if (process.env.BENCH_EXPLAIN === '1') {
      await printPlans(database, owner, deepKeys[Math.floor(deepKeys.length / 2)]!, openIds[0]!);
    }

    const size = `${Number(counts!.sessions).toLocaleString('en-US')} sessions, ${target.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`;
    const figure = (name: string, timings: number[], goalMs: number): BenchFigure => {
      const p95 = percentile(timings, 95);
      return {
        name: `${name} (${size})`,
        unit: 'ms',
        median: median(timings),
        p95,
        samples: timings.length,
        goal: `p95 ≤ ${goalMs} ms`,
        met: p95 <= goalMs,
      };
    };
    return [
      figure('session list, first page', firstPage, 50),
      figure('session list, deep keyset page', deepPage, 50),
      figure('session search (q=…)', search, 100),
      figure('session open (detail + 20 messages)', open, 50),
    ];
  } finally {
    await app.close();
    await target.dispose();
  }
}
