/**
 * Knowledge (issue 15): the similar-sessions query against many resolved sessions of one
 * account — 100,000 on PostgreSQL (BENCH_DATABASE_URL), 10,000 on PGlite — and the offline
 * engine's turn time with 500 account playbooks next to the bundled pack alone.
 */
import type { Playbook } from '@flowpilot/core/playbook';
import { createOfflineEngine } from '@flowpilot/assistant/offline/offline-engine';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import type { Database } from '@flowpilot/db/database';
import { migrateUp } from '@flowpilot/db/migrate';
import { rankSimilarSessions } from '../apps/server/src/modules/knowledge/find-similar-sessions.ts';
import { openBenchDatabase } from './support/bench-app.ts';
import { median, percentile, type BenchFigure, type BenchOptions } from './support/figure.ts';

const pack = loadPlaybookPack();

// A deterministic generator, so every run ranks the same data.
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

const clients = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka'];
const extras = [
  'since this morning',
  'after the update last night',
  'only on the second floor',
  'for the whole sales team',
  'on the new laptops',
  'intermittently since Monday',
  'when working from home',
  'right after a password change',
];

/** A resolved session's text: a playbook's symptom in a client's words, and its fix. */
function sessionText(index: number, random: () => number) {
  const playbook = pack[index % pack.length]!;
  const symptom = playbook.symptoms[Math.floor(random() * playbook.symptoms.length)]!;
  const client = clients[Math.floor(random() * clients.length)]!;
  const extra = extras[Math.floor(random() * extras.length)]!;
  return {
    text: `${client}: ${symptom} ${extra}. Ticket ${10_000 + index}.`,
    fix: playbook.fix.title,
    cause: playbook.root_cause,
  };
}

async function seedResolved(database: Database, count: number) {
  const [account] = await database.query<{ id: string }>(
    `INSERT INTO accounts (name) VALUES ('Bench MSP') RETURNING id`,
  );
  const [user] = await database.query<{ id: string }>(
    `INSERT INTO users (account_id, email, name, password_hash, account_role)
     VALUES ($1, 'bench@example.test', 'Bench Engineer', 'x', 'owner') RETURNING id`,
    [account!.id],
  );
  const random = seeded(42);
  const batch = 2_000;
  for (let start = 0; start < count; start += batch) {
    const rows = Array.from({ length: Math.min(batch, count - start) }, (_, offset) =>
      sessionText(start + offset, random),
    );
    await database.query(
      `WITH input AS (
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[]) AS t(text, fix, cause)
       ), made AS (
         INSERT INTO ai_sessions (account_id, user_id, intake_type, intake_content, title, task_lane, status, resolved_at)
         SELECT $1, $2, 'free_text', jsonb_build_object('text', text), left(text, 120),
                '{"questions":[],"actions":[]}'::jsonb, 'resolved', now()
           FROM input
         RETURNING id, title, intake_content->>'text' AS text
       )
       INSERT INTO resolved_session_summaries
         (session_id, account_id, resolved_at, resolved_by_user_id, title, root_cause, fix_title, fix_outcome, document, summary)
       SELECT made.id, $1, now() - random() * interval '365 days', $2, made.title, input.cause, input.fix, 'applied_success',
              made.title || E'\n' || made.text || E'\n' || input.cause || E'\n' || input.fix,
              made.title || ' · ' || input.cause || ' · ' || input.fix
         FROM made JOIN input ON input.text = made.text`,
      [
        account!.id,
        user!.id,
        rows.map((row) => row.text),
        rows.map((row) => row.fix),
        rows.map((row) => row.cause),
      ],
    );
  }
  await database.execScript('ANALYZE resolved_session_summaries; ANALYZE ai_sessions;');
  return account!.id;
}

async function similarFigures(options: BenchOptions): Promise<BenchFigure[]> {
  const onServer = Boolean(process.env.BENCH_DATABASE_URL);
  const count = options.smoke ? 1_000 : onServer ? 100_000 : 10_000;
  const { database, dispose } = await openBenchDatabase(4);
  try {
    await migrateUp(database);
    const seedStarted = performance.now();
    const accountId = await seedResolved(database, count);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const random = seeded(7);
    const queries = options.smoke ? 10 : 100;
    const timings: number[] = [];
    let found = 0;
    for (let index = 0; index < queries + 5; index++) {
      const probe = sessionText(index * 13 + 5, random);
      // The probe's own ticket number would find its twin by that alone.
      probe.text = probe.text.replace(/ Ticket \d+\./, '');
      const session = {
        id: '00000000-0000-4000-8000-000000000000',
        title: probe.text.slice(0, 120),
        intakeContent: { text: probe.text },
      };
      const started = performance.now();
      const items = await rankSimilarSessions(database.db, accountId, session);
      const elapsed = performance.now() - started;
      if (index < 5) continue; // warm-up
      timings.push(elapsed);
      if (items[0]?.fix_title === probe.fix) found++;
    }
    const where = `${onServer ? 'PostgreSQL' : 'PGlite'}, ${count.toLocaleString('en-US')} resolved`;
    const goal = onServer && !options.smoke ? 50 : undefined;
    const p95 = percentile(timings, 95);
    return [
      {
        name: `similar sessions query (${where})`,
        unit: 'ms',
        median: median(timings),
        p95,
        samples: timings.length,
        ...(goal ? { goal: `p95 ≤ ${goal} ms`, met: p95 <= goal } : {}),
      },
      {
        name: `similar sessions: top hit has the probe's fix (${where})`,
        unit: '%',
        median: (found / timings.length) * 100,
        samples: timings.length,
      },
      {
        name: `seeding ${count.toLocaleString('en-US')} resolved sessions (${where})`,
        unit: 's',
        median: seedSeconds,
        samples: 1,
      },
    ];
  } finally {
    await dispose();
  }
}

/** 500 account playbooks: variants of the pack's problems in other words, linking a template by id. */
function accountPlaybooks(count: number): Playbook[] {
  const random = seeded(99);
  return Array.from({ length: count }, (_, index) => {
    const base = pack[index % pack.length]!;
    const client = clients[index % clients.length]!;
    return {
      slug: `team-${index}-${base.slug}`.slice(0, 60),
      title: `${client} variant ${index}: ${base.title}`.slice(0, 200),
      category: base.category,
      symptoms: base.symptoms.map((symptom) =>
        `${symptom} ${extras[Math.floor(random() * extras.length)]}`.slice(0, 200),
      ),
      keywords: base.keywords,
      questions: base.questions.slice(0, 2).map((question) => ({ ...question })),
      checks: base.checks.slice(0, 1),
      root_cause: base.root_cause,
      fix: {
        title: `${base.fix.title} (${client} variant ${index})`.slice(0, 200),
        description: base.fix.description,
      },
      template_id: '00000000-0000-4000-8000-00000000000' + (index % 10),
    };
  });
}

function engineFigures(options: BenchOptions): BenchFigure[] {
  const tickets = pack.slice(0, options.smoke ? 10 : 60).map((playbook, index) => ({
    intake: `${playbook.symptoms[0]} ${extras[index % extras.length]}`,
    followUp: 'yes, that is right. what should I do?',
  }));
  const measure = (playbooks: readonly Playbook[]) => {
    const buildStarted = performance.now();
    const engine = createOfflineEngine(playbooks);
    const buildMs = performance.now() - buildStarted;
    const timings: number[] = [];
    for (const ticket of tickets) {
      const first = [{ role: 'user' as const, content: ticket.intake }];
      let started = performance.now();
      const reply = engine.reply(first);
      timings.push(performance.now() - started);
      const second = [
        ...first,
        { role: 'assistant' as const, content: reply },
        { role: 'user' as const, content: ticket.followUp },
      ];
      started = performance.now();
      engine.reply(second);
      timings.push(performance.now() - started);
    }
    return { buildMs, timings };
  };
  const alone = measure(pack);
  const withAccount = measure([...pack, ...accountPlaybooks(500)]);
  const p95 = percentile(withAccount.timings, 95);
  return [
    {
      name: 'engine turn, bundled pack (60 playbooks)',
      unit: 'ms',
      median: median(alone.timings),
      p95: percentile(alone.timings, 95),
      samples: alone.timings.length,
    },
    {
      name: 'engine turn, pack + 500 account playbooks',
      unit: 'ms',
      median: median(withAccount.timings),
      p95,
      samples: withAccount.timings.length,
      goal: 'p95 ≤ 20 ms',
      met: p95 <= 20,
    },
    {
      name: 'engine build (once per playbook change), pack alone',
      unit: 'ms',
      median: alone.buildMs,
      samples: 1,
    },
    {
      name: 'engine build, pack + 500 account playbooks',
      unit: 'ms',
      median: withAccount.buildMs,
      samples: 1,
    },
  ];
}

export async function run(options: BenchOptions): Promise<BenchFigure[]> {
  return [...engineFigures(options), ...(await similarFigures(options))];
}
