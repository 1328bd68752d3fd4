/**
 * Cold start of the built server (`npm run build` first): process spawn → /health answers,
 * with a new data directory (PGlite initdb + migrations + built-in templates) and with an
 * existing one (open + nothing to migrate). Alternated so both see the same machine load.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, type BenchFigure, type BenchOptions } from './support/figure.ts';

const entry = path.resolve('apps/server/dist/server.js');

async function startOnce(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function run(options: BenchOptions): Promise<BenchFigure[]> {
  if (!existsSync(entry)) {
    console.log('(skipped: run npm run build first)');
    return [];
  }
  const rounds = options.smoke ? 1 : 5;
  const fresh: number[] = [];
  const existing: number[] = [];
  const port = 18_000 + Math.floor(Math.random() * 1000);
  for (let round = 0; round < rounds; round++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'flowpilot-cold-'));
    try {
      fresh.push(await startOnce(dir, port));
      existing.push(await startOnce(dir, port));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [
    { name: 'npm start → /health, new data dir', unit: 'ms', median: median(fresh), samples: fresh.length },
    {
      name: 'npm start → /health, existing data dir',
      unit: 'ms',
      median: median(existing),
      samples: existing.length,
    },
  ];
}
