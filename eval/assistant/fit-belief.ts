/** Grid search over the belief parameters: `npx tsx eval/assistant/fit-belief.ts '{"none":[3,3.5],"temperature":[0.5,0.6]}'`. */
import { createOfflineEngine } from '@flowpilot/assistant/offline/offline-engine';
import { beliefParameters } from '@flowpilot/assistant/offline/belief';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import { tickets } from './tickets.ts';
import { playTicket } from './play.ts';
import { engineConversation } from './engine-conversation.ts';
import { expectedCalibrationError, type CalibrationPoint } from './simulate.ts';
const pack = loadPlaybookPack();
const grid: Record<string, number[]> = JSON.parse(process.argv[2] ?? '{}');
const keys = Object.keys(grid);
const combos: Record<string, number>[] = [{}];
for (const key of keys) {
  const next: Record<string, number>[] = [];
  for (const c of combos) for (const v of grid[key]!) next.push({ ...c, [key]: v });
  combos.splice(0, combos.length, ...next);
}
for (const combo of combos) {
  const engine = createOfflineEngine(pack, { ...beliefParameters, ...combo });
  const cal: CalibrationPoint[] = [];
  let ok = 0,
    known = 0,
    unknownFixes = 0,
    sum = 0;
  for (const t of tickets) {
    const r = await playTicket(engineConversation(engine, { calibration: cal }), t, pack);
    if (t.expect) {
      known++;
      if (r.repliesToRightFix !== null) {
        ok++;
        sum += r.repliesToRightFix;
      }
    } else unknownFixes += r.fixesProposed;
  }
  console.log(
    JSON.stringify(combo),
    `ok ${((100 * ok) / known).toFixed(1)} mean ${(sum / ok).toFixed(2)} unk ${unknownFixes} ECE ${expectedCalibrationError(cal).toFixed(3)}`,
  );
}
