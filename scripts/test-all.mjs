#!/usr/bin/env node
/**
 * `npm test`: the unit/integration suite and the browser suite side by side. The browser suite
 * mostly waits on Chromium and the server, so on a 2-core machine it overlaps the unit suite
 * instead of doubling the wall time. Unit output streams live; the browser suite's output is
 * printed when both are done. Fails if either fails.
 */
import { spawn } from 'node:child_process';

function run(script, { live }) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    if (!live) {
      child.stdout.on('data', (chunk) => chunks.push(chunk));
      child.stderr.on('data', (chunk) => chunks.push(chunk));
    }
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks) }),
    );
  });
}

const [unit, e2e] = await Promise.all([run('test:unit', { live: true }), run('test:e2e', { live: false })]);
process.stdout.write('\n--- browser suite (ran alongside the unit suite) ---\n');
process.stdout.write(e2e.output);
if (unit.code !== 0 || e2e.code !== 0) {
  console.error(`\nunit suite exit ${unit.code}, browser suite exit ${e2e.code}`);
  process.exit(1);
}
