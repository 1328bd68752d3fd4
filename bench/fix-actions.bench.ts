/**
 * Throughput of the fix lifecycle writes (PATCH script, apply) at concurrency 32 on one
 * process, as a ratio to a bare route doing one indexed primary-key read on the same
 * database — measured side by side, so the ratio holds whatever the machine is doing.
 * Each write locks its session, runs the transition, bumps state_version and audits.
 */
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import { startBenchApp } from './support/bench-app.ts';
import type { BenchFigure, BenchOptions } from './support/figure.ts';

const CONCURRENCY = 32;

async function throughput(durationMs: number, request: (worker: number) => Promise<Response>) {
  let done = 0;
  let failed = 0;
  const deadline = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (performance.now() < deadline) {
        const response = await request(worker);
        await response.arrayBuffer();
        if (response.ok) done++;
        else failed++;
      }
    }),
  );
  if (failed) throw new Error(`${failed} requests failed`);
  return (done / durationMs) * 1000;
}

export async function run(options: BenchOptions): Promise<BenchFigure[]> {
  const bench = await startBenchApp(createChatModel({ provider: 'offline' }), (app, database) => {
    app.get('/bench/pk-read/:id', async (request) => {
      const rows = await database.query('SELECT id, title, state_version FROM ai_sessions WHERE id = $1', [
        (request.params as { id: string }).id,
      ]);
      return rows[0];
    });
  });
  try {
    // One session and fix per worker, as 32 engineers would have.
    const targets: { sid: string; fid: string }[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      const session = await fetch(`${bench.base}/api/v1/ai-sessions`, {
        method: 'POST',
        headers: bench.headers,
        body: JSON.stringify({ intake_content: { text: `Printer ${i} offline` } }),
      }).then((r) => r.json() as Promise<{ id: string }>);
      // Let the assistant's first reply finish: it may propose a fix of its own, which would
      // supersede the one posted below mid-run.
      await fetch(`${bench.base}/api/v1/ai-sessions/${session.id}/stream`, { headers: bench.headers }).then(
        (r) => r.text(),
      );
      const fix = await fetch(`${bench.base}/api/v1/ai-sessions/${session.id}/suggested-fixes`, {
        method: 'POST',
        headers: bench.headers,
        body: JSON.stringify({
          title: 'Restart spooler',
          ai_drafted_script: 'Restart-Service Spooler',
          script_language: 'powershell',
        }),
      }).then((r) => r.json() as Promise<{ id: string }>);
      targets.push({ sid: session.id, fid: fix.id });
    }
    const duration = options.smoke ? 1_000 : 5_000;
    const fixUrl = (w: number) =>
      `${bench.base}/api/v1/ai-sessions/${targets[w]!.sid}/suggested-fixes/${targets[w]!.fid}`;
    const rounds = options.smoke ? 1 : 3;
    const ratios = { patch: [] as number[], apply: [] as number[] };
    const rates = { baseline: [] as number[], patch: [] as number[], apply: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      const baseline = await throughput(duration, (w) =>
        fetch(`${bench.base}/bench/pk-read/${targets[w]!.sid}`),
      );
      const patch = await throughput(duration, (w) =>
        fetch(`${fixUrl(w)}/script`, {
          method: 'PATCH',
          headers: bench.headers,
          body: JSON.stringify({ ai_drafted_script: `Restart-Service Spooler # ${round}` }),
        }),
      );
      const apply = await throughput(duration, (w) =>
        fetch(`${fixUrl(w)}/apply`, { method: 'POST', headers: bench.headers, body: '{}' }),
      );
      rates.baseline.push(baseline);
      rates.patch.push(patch);
      rates.apply.push(apply);
      ratios.patch.push(patch / baseline);
      ratios.apply.push(apply / baseline);
    }
    const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return [
      { name: 'bare PK-read route, c=32', unit: 'req/s', median: mid(rates.baseline), samples: rounds },
      { name: 'PATCH …/script, c=32', unit: 'req/s', median: mid(rates.patch), samples: rounds },
      { name: 'POST …/apply, c=32', unit: 'req/s', median: mid(rates.apply), samples: rounds },
      {
        name: 'PATCH script ÷ PK read',
        unit: '×',
        median: mid(ratios.patch),
        samples: rounds,
        goal: '≥ 0.5',
        met: mid(ratios.patch) >= 0.5,
      },
      {
        name: 'apply ÷ PK read',
        unit: '×',
        median: mid(ratios.apply),
        samples: rounds,
        goal: '≥ 0.5',
        met: mid(ratios.apply) >= 0.5,
      },
    ];
  } finally {
    await bench.close();
  }
}
