/**
 * Template rendering against hostile input (issue 11 items 1 and 3): a render whose parameters
 * carry the patterns that froze a backtracking engine (`a*a*a*a*a*a*b`, `(a|a)*`, `(a+|b)+`)
 * with 10,000-character values that almost match; validating the 50 KB body of `{{x}}\n` ×
 * 8,333 (quadratic before: 1.5–1.9 s here); and refusing the 83 MB render that body makes with a
 * 10,000-character value (the size is summed, the script never built). Ordinary values for scale.
 */
import {
  renderTemplate,
  validateTemplateDefinition,
  type ScriptTemplateDefinition,
} from '../packages/core/src/script-render.ts';
import type { TemplateParameter } from '../packages/core/src/script-template.ts';
import { median, percentile, type BenchFigure, type BenchOptions } from './support/figure.ts';

const param = (name: string, pattern?: string): TemplateParameter => ({
  name,
  label: name,
  type: 'string',
  required: true,
  sensitive: false,
  ...(pattern === undefined ? {} : { pattern }),
});

const hostilePatterns = ['a*a*a*a*a*a*b', '(a|a)*', '(a+|b)+'];
const hostile: ScriptTemplateDefinition = {
  language: 'bash',
  body: hostilePatterns.map((_, i) => `echo {{p${i}}}`).join('\n'),
  parameters_schema: hostilePatterns.map((pattern, i) => param(`p${i}`, pattern)),
};
const almost = `${'a'.repeat(9_999)}!`;
const hostileValues = Object.fromEntries(hostilePatterns.map((_, i) => [`p${i}`, almost]));
const ordinaryValues = { p0: 'aaab', p1: 'aaaa', p2: 'abab' };

const manyPlaceholders = (language: ScriptTemplateDefinition['language']): ScriptTemplateDefinition => ({
  language,
  body: '{{x}}\n'.repeat(8_333),
  parameters_schema: [param('x')],
});

function time(work: () => void, rounds: number) {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return samples;
}

const figure = (name: string, samples: number[], goalMs?: number): BenchFigure => {
  const m = median(samples);
  return {
    name,
    unit: 'ms',
    median: m,
    p95: percentile(samples, 95),
    samples: samples.length,
    ...(goalMs === undefined ? {} : { goal: `< ${goalMs} ms`, met: m < goalMs }),
  };
};

export async function run(options: BenchOptions): Promise<BenchFigure[]> {
  const rounds = options.smoke ? 2 : 30;
  const figures: BenchFigure[] = [
    figure(
      'render, 3 hostile patterns × 10,000-char values',
      time(() => {
        if (renderTemplate(hostile, hostileValues).errors.length !== 3) throw new Error('expected 3 errors');
      }, rounds),
      100,
    ),
    figure(
      'render, same patterns, 4-char values (for scale)',
      time(() => {
        if (renderTemplate(hostile, ordinaryValues).errors.length !== 0) throw new Error('expected a script');
      }, rounds),
    ),
  ];
  for (const language of ['bash', 'powershell', 'python'] as const) {
    const template = manyPlaceholders(language);
    figures.push(
      figure(
        `validate 50 KB body of {{x}}\\n × 8,333 (${language})`,
        time(() => {
          if (validateTemplateDefinition(template).length !== 0) throw new Error('expected valid');
        }, rounds),
        50,
      ),
    );
  }
  const big = manyPlaceholders('bash');
  figures.push(
    figure(
      'refuse the 83 MB render of that body (10,000-char value)',
      time(() => {
        const result = renderTemplate(big, { x: 'a'.repeat(10_000) });
        if (result.errors[0]?.field !== 'script') throw new Error('expected the size refusal');
      }, rounds),
      100,
    ),
  );
  return figures;
}
