/**
 * `npm run bench`: runs every benchmark, prints a table of medians against their goals,
 * and writes bench/results/<date>.json and .md. Benchmarks report; they never fail a build.
 * BENCH_SMOKE=1 runs each briefly (CI), BENCH_ONLY=name filters.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFigure, BenchOptions } from './support/figure.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const suites: Record<string, () => Promise<{ run(options: BenchOptions): Promise<BenchFigure[]> }>> = {
  'cold-start': () => import('./cold-start.bench.ts'),
  'chat-streaming': () => import('./chat-streaming.bench.ts'),
  'offline-engine': () => import('./offline-engine.bench.ts'),
  'template-match': () => import('./template-match.bench.ts'),
  'template-render': () => import('./template-render.bench.ts'),
  'fix-actions': () => import('./fix-actions.bench.ts'),
  preview: () => import('./preview.bench.ts'),
  'data-scale': () => import('./data-scale.bench.ts'),
  attachments: () => import('./attachments.bench.ts'),
  'json-depth': () => import('./json-depth.bench.ts'),
  'session-context': () => import('./session-context.bench.ts'),
  knowledge: () => import('./knowledge.bench.ts'),
};

const options: BenchOptions = { smoke: process.env.BENCH_SMOKE === '1' };
const only = process.env.BENCH_ONLY;
const figures: (BenchFigure & { suite: string })[] = [];
for (const [suite, load] of Object.entries(suites)) {
  if (only && !suite.includes(only)) continue;
  const started = performance.now();
  process.stdout.write(`▶ ${suite}${options.smoke ? ' (smoke)' : ''} … `);
  const results = await (await load()).run(options);
  figures.push(...results.map((figure) => ({ ...figure, suite })));
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const format = (n: number) =>
  Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3);
const rows = figures.map(
  (f) =>
    `| ${f.suite} | ${f.name} | ${format(f.median)} ${f.unit} | ${f.p95 === undefined ? '—' : `${format(f.p95)} ${f.unit}`} | ${f.goal ?? '—'} | ${f.met === undefined ? '—' : f.met ? 'yes' : '**no**'} | ${f.samples} |`,
);
const table = [
  '| suite | figure | median | p95 | goal | met | samples |',
  '|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
console.log(`\n${table}\n`);

const stamp = new Date().toISOString().slice(0, 10);
const dir = path.join(here, 'results');
mkdirSync(dir, { recursive: true });
const meta = { date: new Date().toISOString(), smoke: options.smoke, node: process.version, figures };
// A partial run (BENCH_ONLY) gets its own file, so it never overwrites the day's full report.
const suffix = `${only ? `-${only}` : ''}${options.smoke ? '-smoke' : ''}`;
writeFileSync(path.join(dir, `${stamp}${suffix}.json`), `${JSON.stringify(meta, null, 2)}\n`);
writeFileSync(
  path.join(dir, `${stamp}${suffix}.md`),
  `# Benchmarks ${stamp}${options.smoke ? ' (smoke run)' : ''}\n\n${table}\n`,
);
process.exit(0);
