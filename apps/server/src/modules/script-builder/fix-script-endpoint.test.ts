import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { insertFix, insertSession } from '../../../test/pilot-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { stateVersion } from '../../../test/session-helpers.ts';

/**
 * The seed's test_fix_script_endpoint.py cases that fix-lifecycle.test.ts does not already
 * cover, and the Script Builder tab's Submit path end to end: a draft is not a run.
 */
describe('PATCH …/suggested-fixes/{fid}/script from the Script Builder', () => {
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

  const patchScript = (sid: string, fid: string, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/ai-sessions/${sid}/suggested-fixes/${fid}/script`,
      headers: owner.headers,
      payload,
    });

  it('sets the script on a proposed fix without stamping applied_at (seed: test_patch_script_happy_path)', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session, { aiDraftedScript: null });
    const response = await patchScript(session.id, fix.id, { ai_drafted_script: "Write-Host 'hello'" });
    expect(response.statusCode).toBe(200);
    expect(response.json().fix).toMatchObject({
      ai_drafted_script: "Write-Host 'hello'",
      applied_at: null,
      status: 'proposed',
    });
    expect(await stateVersion(t, session.id)).toBe(1);
  });

  it('answers 404 for a session id that does not exist (seed: test_patch_script_404_on_wrong_session)', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session);
    const response = await patchScript(randomUUID(), fix.id, { ai_drafted_script: 'echo hi' });
    expect(response.statusCode).toBe(404);
    expect(await stateVersion(t, session.id)).toBe(0);
  });

  it('submits the inline builder script to the fix: Verifying is not reached by a draft', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session, {
      aiDraftedScript: null,
      title: 'Clear the print queue',
      description: 'Restart the spooler',
    });
    const builder = await t.app.inject({
      method: 'POST',
      url: '/api/v1/script-builder/sessions',
      headers: owner.headers,
      payload: { origin: 'pilot_inline', ai_session_id: session.id },
    });
    const turn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/script-builder/sessions/${builder.json().id}/messages`,
      headers: owner.headers,
      payload: { content: 'restart the print spooler on PC-042' },
    });
    const script = turn.json().latest_script as string;
    expect(script).toContain('Spooler');
    expect(await stateVersion(t, session.id)).toBe(0);

    const submitted = await patchScript(session.id, fix.id, {
      ai_drafted_script: script,
      script_language: 'powershell',
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().fix).toMatchObject({
      ai_drafted_script: script,
      applied_at: null,
      state_label: 'Proposed',
    });
  });
});
