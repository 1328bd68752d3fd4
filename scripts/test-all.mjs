#!/usr/bin/env node
/**
 * `npm test`: the unit/integration suite and the browser suite side by side. The browser suite
 * mostly waits on Chromium and the server, so on a 2-core machine it overlaps the unit suite
 * instead of doubling the wall time. Unit output streams live; the browser suite's output is
 * printed when both are done, and then, if the unit suite failed, its failure report again, so
 * the end of the log (all a CI summary may show) names what failed. Fails if either fails.
 *
 * E2E_SKIP_BUILD=1 runs the browser suite on the build already in place (CI's second pass).
 */
import { spawn } from 'node:child_process';

function run(command, args, { live }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    const keep = (stream) => (chunk) => {
      chunks.push(chunk);
      if (live) stream.write(chunk);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks) }),
    );
  });
}

/** Vitest's closing report: the failed files and tests with their errors, then the totals. */
function failureReport(output) {
  const text = output.toString('utf8');
  const start = text.search(/⎯+ Failed (Suites|Tests) \d+ ⎯+/);
  const report = start === -1 ? text.split('\n').slice(-80).join('\n') : text.slice(start);
  const lines = report.split('\n');
  return lines.length > 400 ? [...lines.slice(0, 300), '…', ...lines.slice(-60)].join('\n') : report;
}

const e2eCommand = process.env.E2E_SKIP_BUILD
  ? ['npx', ['playwright', 'test']]
  : ['npm', ['run', 'test:e2e']];
const [unit, e2e] = await Promise.all([
  run('npm', ['run', 'test:unit'], { live: true }),
  run(...e2eCommand, { live: false }),
]);
process.stdout.write('\n--- browser suite (ran alongside the unit suite) ---\n');
process.stdout.write(e2e.output);
if (unit.code !== 0) {
  process.stdout.write('\n--- unit suite failures (repeated from above) ---\n');
  process.stdout.write(failureReport(unit.output) + '\n');
}
if (unit.code !== 0 || e2e.code !== 0) {
  console.error(`\nunit suite exit ${unit.code}, browser suite exit ${e2e.code}`);
  process.exit(1);
}
