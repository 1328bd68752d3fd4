import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { resolveWithWorkedFix } from './knowledge-test-helpers.ts';

describe('similar sessions', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
  });

  const similar = async (user: SignedUp, id: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${id}/similar`,
      headers: user.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json().items as {
      session_id: string;
      title: string;
      fix_title: string;
      fix_outcome: string;
      score: number;
    }[];
  };
  const resolved = async (user: SignedUp, text: string, fixTitle: string) => {
    const made = await resolveWithWorkedFix(t.app, user, text, {
      title: fixTitle,
      description: `${fixTitle}, then confirm with the user.`,
    });
    expect((await made.resolve()).statusCode).toBe(200);
    return made.sessionId;
  };

  it('ranks the account’s resolved sessions, never itself, an unresolved one or another account’s', async () => {
    const scanner = await resolved(
      owner,
      'The barcode scanner at packing beeps twice and types nothing into the WMS',
      'Re-pair the scanner in HID keyboard mode',
    );
    const laptop = await resolved(
      owner,
      'Laptop battery drains within an hour after the BIOS update',
      'Roll back the BIOS power profile',
    );
    const open = await resolveWithWorkedFix(
      t.app,
      owner,
      'Scanner beeps twice and types nothing at the packing desk',
    );
    const other = await signUpAccount(t.app, 'Other MSP');
    const foreign = await resolved(
      other,
      'Barcode scanner beeps twice and types nothing into the WMS',
      'Factory reset the scanner',
    );

    const items = await similar(owner, open.sessionId);
    expect(items[0]).toMatchObject({
      session_id: scanner,
      fix_title: 'Re-pair the scanner in HID keyboard mode',
      fix_outcome: 'applied_success',
    });
    const ids = items.map((item) => item.session_id);
    expect(ids).not.toContain(open.sessionId);
    expect(ids).not.toContain(foreign);
    expect(ids).not.toContain(laptop);
    // A resolved session is not its own neighbour; the open one is nobody's.
    expect((await similar(owner, scanner)).map((item) => item.session_id)).not.toContain(scanner);
    expect((await similar(owner, laptop)).map((item) => item.session_id)).not.toContain(open.sessionId);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/ai-sessions/${open.sessionId}/similar`,
          headers: other.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('finds a rephrased problem through trigrams and stems', async () => {
    const vpn = await resolved(
      owner,
      'VPN client disconnects every ten minutes for the sales team',
      'Raise the VPN idle timeout',
    );
    const open = await resolveWithWorkedFix(
      t.app,
      owner,
      'sales people keep getting disconnected from the vpn',
    );
    const items = await similar(owner, open.sessionId);
    expect(items.map((item) => item.session_id)).toEqual([vpn]);
    expect(items[0]!.score).toBeGreaterThan(0.1);
  });

  it('lists knowledge gaps: resolutions no playbook covered, per area', async () => {
    await resolved(
      owner,
      'The barcode scanner beeps twice and types nothing',
      'Re-pair the scanner in HID keyboard mode',
    );
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/knowledge-gaps',
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      { category: 'Uncategorised', sessions: 1, escalated: 0, without_playbook: 1, playbooks: 0 },
    ]);
    const other = await signUpAccount(t.app, 'Other MSP');
    const elsewhere = await t.app.inject({
      method: 'GET',
      url: '/api/v1/knowledge-gaps',
      headers: other.headers,
    });
    expect(elsewhere.json().items).toEqual([]);
  });
});
