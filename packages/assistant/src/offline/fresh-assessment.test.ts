import { describe, expect, it } from 'vitest';
import { createOfflineChatModel } from './offline-chat-model.ts';
import {
  asksForFreshAssessment,
  composeFreshAssessment,
  FRESH_ASSESSMENT_REQUEST,
} from './fresh-assessment.ts';

const session = {
  notes: ['Only on Wi-Fi'],
  facts: ['Only on Wi-Fi', 'VPN client 5.2 installed'],
  open: ['Does it drop on a wired connection?'],
  handoff: { note: 'Picked up by Bob from Alice.', sinceLastReply: true },
  fixes: [
    { templateId: null, title: 'Reinstall the VPN client', outcome: 'applied_failed' as const },
    { templateId: null, title: 'Raise the MTU', outcome: 'proposed' as const },
  ],
};

describe('fresh assessment (offline)', () => {
  it('summarises what is known, tried and likely next', () => {
    const text = composeFreshAssessment(session);
    expect(text).toContain('Picked up by Bob from Alice.');
    expect(text).toMatch(/What we know\*\*\n- Only on Wi-Fi\n- VPN client 5.2 installed/);
    expect(text).toContain("- Reinstall the VPN client — didn't work");
    expect(text).toContain('Confirm whether "Raise the MTU" works.');
    expect(text).toContain('- Does it drop on a wired connection?');
    expect(text).not.toMatch(/\[(SUGGEST_FIX|QUESTIONS|ACTIONS|PROMOTE|CONFIDENCE)\]/);
  });

  it('is what the offline model answers to the pickup request', async () => {
    expect(asksForFreshAssessment(FRESH_ASSESSMENT_REQUEST)).toBe(true);
    const model = createOfflineChatModel({ chunkSize: 1000 });
    let text = '';
    for await (const chunk of model.stream({
      system: 'SYSTEM',
      messages: [{ role: 'user', content: FRESH_ASSESSMENT_REQUEST, part: 'turn' }],
      session,
    }))
      if (chunk.type === 'text') text += chunk.text;
    expect(text).toBe(composeFreshAssessment(session));
  });
});
