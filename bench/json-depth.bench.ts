/**
 * The JSON body depth check runs on every JSON request before parsing. Measured on 1 MB bodies
 * of three shapes (strings with escapes, many small objects, one deep-but-allowed nest), next to
 * JSON.parse of the same text: the check should cost a fraction of the parse it guards.
 */
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../apps/server/src/http/json-body.ts';
import { median, type BenchFigure, type BenchOptions } from './support/figure.ts';

const SIZE = 1024 * 1024;
const GOAL_MS = 5;

function bodies(): Record<string, string> {
  const escaped = JSON.stringify({ script: 'Write-Host "a\\b" [x] {y}\n'.repeat(SIZE / 28) });
  const item = JSON.stringify({ name: 'param', value: [1, 2, { ok: true }] });
  const objects = `[${Array.from({ length: Math.floor(SIZE / (item.length + 1)) }, () => item).join(',')}]`;
  const depth = MAX_JSON_DEPTH - 1;
  const leaf = JSON.stringify('x'.repeat(SIZE - 2 * depth - 2));
  const deep = '['.repeat(depth) + leaf + ']'.repeat(depth);
  return { 'long escaped strings': escaped, 'many small objects': objects, [`${depth}-deep nest`]: deep };
}

function time(work: () => void, rounds: number) {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function run(options: BenchOptions): Promise<BenchFigure[]> {
  const rounds = options.smoke ? 3 : 50;
  const figures: BenchFigure[] = [];
  for (const [shape, text] of Object.entries(bodies())) {
    const scan = time(() => {
      if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw new Error(`${shape} counted too deep`);
    }, rounds);
    const parse = time(() => JSON.parse(text), rounds);
    const scanMs = median(scan);
    figures.push(
      {
        name: `depth check, 1 MB ${shape}`,
        unit: 'ms',
        median: scanMs,
        samples: scan.length,
        goal: `< ${GOAL_MS} ms`,
        met: scanMs < GOAL_MS,
      },
      {
        name: `JSON.parse, 1 MB ${shape} (for scale)`,
        unit: 'ms',
        median: median(parse),
        samples: parse.length,
      },
    );
  }
  return figures;
}
