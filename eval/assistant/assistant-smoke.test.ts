import { describe, expect, it } from 'vitest';
import { createOfflineEngine } from '@flowpilot/assistant/offline/offline-engine';
import { dialogues } from './dialogues.ts';
import { engineConversation } from './engine-conversation.ts';
import { playDialogue, playTicket } from './play.ts';
import { tickets } from './tickets.ts';

/**
 * CI smoke run of `npm run eval:assistant`: every fourth ticket and every dialogue, straight
 * against the engine (no database), with floors below the full run's figures so a regression
 * in understanding fails the build.
 */
const engine = createOfflineEngine();

describe('offline engine evaluation (smoke)', () => {
  it('finds the right fix within 4 generic replies for most covered tickets, and none for unknown ones', async () => {
    const subset = tickets.filter((_, index) => index % 4 === 0 || !tickets[index]?.expect);
    let right = 0;
    let known = 0;
    let unknownFixes = 0;
    for (const ticket of subset) {
      const result = await playTicket(engineConversation(engine), ticket, engine.playbooks);
      if (ticket.expect) {
        known++;
        if (result.repliesToRightFix !== null) right++;
      } else unknownFixes += result.fixesProposed;
    }
    expect(right / known).toBeGreaterThanOrEqual(0.85);
    expect(unknownFixes).toBe(0);
  });

  it('gets every scripted dialogue right', async () => {
    const failures: string[] = [];
    for (const dialogue of dialogues) {
      const result = await playDialogue(engineConversation(engine), dialogue, engine.playbooks);
      failures.push(...result.failures.map((failure) => `${dialogue.name} — ${failure}`));
    }
    expect(failures).toEqual([]);
  });
});
