/**
 * Template matching over a large library: 5,000 account templates plus the built-ins on an
 * in-memory PGlite, ranked ~200 times for realistic fix texts (title + description) and
 * intake-style questions. Measures the match service itself, without HTTP.
 */
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import { openDatabase } from '@flowpilot/db/database';
import { migrateUp } from '@flowpilot/db/migrate';
import type { Caller } from '../apps/server/src/http/request-auth.ts';
import { matchScriptTemplates } from '../apps/server/src/modules/script-templates/match-script-templates.ts';
import { seedBuiltinTemplates } from '../apps/server/src/modules/script-templates/seed-builtin-templates.ts';
import { median, percentile, type BenchFigure, type BenchOptions } from './support/figure.ts';

const TEMPLATES = 5_000;
const GOAL_MS = 10;

/** Deterministic PRNG (mulberry32) so every run ranks the same library. */
export function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Vocabulary taken from the playbook pack, so queries and templates share real IT words. */
function vocabulary() {
  const words = new Set<string>();
  for (const playbook of loadPlaybookPack()) {
    const text = [
      playbook.title,
      playbook.fix.title,
      playbook.fix.description,
      playbook.template.description,
      ...playbook.symptoms,
    ].join(' ');
    for (const word of text.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? []) words.add(word);
  }
  return [...words];
}

export async function seedLibrary(database: Awaited<ReturnType<typeof openDatabase>>, accountId: string) {
  const words = vocabulary();
  const categories = [
    'Printing',
    'Email & Outlook',
    'Network',
    'Identity',
    'Files & sync',
    'Windows',
    'Linux',
    'Security',
  ];
  const languages = ['powershell', 'bash', 'python'] as const;
  const next = random(42);
  const pick = () => words[Math.floor(next() * words.length)]!;
  const phrase = (n: number) => Array.from({ length: n }, pick).join(' ');
  for (let start = 0; start < TEMPLATES; start += 500) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = start; i < Math.min(TEMPLATES, start + 500); i++) {
      const base = values.length;
      rows.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`);
      values.push(
        accountId,
        `${phrase(4)} #${i}`,
        `${phrase(18 + Math.floor(next() * 20))}.`,
        languages[i % 3],
        categories[Math.floor(next() * categories.length)],
        i % 3 === 2 ? 'print({{message}})' : 'echo {{message}}',
      );
    }
    await database.query(
      `INSERT INTO script_templates (account_id, name, description, language, category, body, parameters_schema)
       SELECT v.account_id::uuid, v.name, v.description, v.language, v.category, v.body,
              '[{"name":"message","label":"Message","type":"string","required":true,"sensitive":false}]'::jsonb
         FROM (VALUES ${rows.join(', ')}) AS v(account_id, name, description, language, category, body)`,
      values,
    );
  }
}

export async function run(options: BenchOptions = { smoke: false }): Promise<BenchFigure[]> {
  const database = await openDatabase({});
  try {
    await migrateUp(database);
    await seedBuiltinTemplates(database);
    const [account] = await database.query<{ id: string }>(
      `INSERT INTO accounts (name) VALUES ('Bench MSP') RETURNING id`,
    );
    const [user] = await database.query<{ id: string }>(
      `INSERT INTO users (account_id, email, name, password_hash, account_role)
       VALUES ($1, 'bench@example.test', 'Bench', 'x', 'engineer') RETURNING id`,
      [account!.id],
    );
    await seedLibrary(database, account!.id);
    await database.query('ANALYZE script_templates');

    const caller: Caller = {
      userId: user!.id,
      accountId: account!.id,
      role: 'engineer',
      isSuperAdmin: false,
      tokenId: 'bench',
      viaCookie: false,
    };
    const pack = loadPlaybookPack();
    const queries = pack.flatMap((playbook) => [
      `${playbook.fix.title}\n${playbook.fix.description}`,
      playbook.title,
      ...playbook.symptoms.slice(0, 2),
      `${playbook.symptoms[0]} — ${playbook.root_cause}`,
    ]);
    const calls = options.smoke ? 20 : 200;
    const timings: number[] = [];
    // Warm-up: plans and caches, as a running server would have them.
    for (const q of queries.slice(0, 10))
      await matchScriptTemplates(database.db, caller, { q: q.slice(0, 500) });
    for (let index = 0; index < calls; index++) {
      const q = queries[(index * 7) % queries.length]!.slice(0, 500);
      const started = performance.now();
      await matchScriptTemplates(database.db, caller, { q });
      timings.push(performance.now() - started);
    }
    const value = median(timings);
    return [
      {
        name: `template match (${TEMPLATES.toLocaleString('en-US')} templates + ${pack.length} built-ins, PGlite)`,
        unit: 'ms',
        median: value,
        p95: percentile(timings, 95),
        samples: timings.length,
        goal: `≤ ${GOAL_MS} ms`,
        met: value <= GOAL_MS,
      },
    ];
  } finally {
    await database.close();
  }
}
