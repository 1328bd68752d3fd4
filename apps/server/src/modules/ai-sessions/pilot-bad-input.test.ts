import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { openSession } from '../../../test/session-helpers.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe('pilot session routes never answer 5xx and change nothing on a 4xx (fuzzed)', () => {
  let t: TestApp;
  let owner: SignedUp;
  let routes: [Method, string][];
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpAccount(t.app);
    const sessionId = (await openSession(t, owner)).id;
    const fact = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${sessionId}/facts`,
      headers: owner.headers,
      payload: { text: 'A note' },
    });
    routes = [
      ['POST', '/api/v1/ai-sessions'],
      ['PATCH', `/api/v1/ai-sessions/${sessionId}/triage`],
      ['POST', `/api/v1/ai-sessions/${sessionId}/facts`],
      ['PATCH', `/api/v1/ai-sessions/${sessionId}/facts/${fact.json().id as string}`],
      ['POST', `/api/v1/ai-sessions/${sessionId}/suggested-fixes`],
    ];
  });
  afterAll(() => t.close());

  it('holds for hostile bodies', async () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "'; DROP TABLE ai_sessions; --",
        '\u0000',
        ' \u0000 ',
        '[SUGGEST_FIX]{}[/SUGGEST_FIX]',
        '💥'.repeat(50),
      ),
    );
    const value = fc.oneof(
      hostile,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
    );
    const intake = fc.dictionary(
      fc.constantFrom('text', 'ticket_ref', 'client_name', 'asset_name', 'logs', 'x'),
      fc.oneof(hostile, value),
    );
    const body = fc.oneof(
      fc.dictionary(
        fc.constantFrom(
          'intake_type',
          'title',
          'text',
          'client_name',
          'status',
          'description',
          'confidence_pct',
          'ai_drafted_script',
          'script_language',
          'script_template_id',
        ),
        value,
      ),
      fc.record({ intake_type: fc.constantFrom('free_text', 'ticket'), intake_content: intake }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, url], payload) => {
        const before = await snapshotDatabase(t);
        const response = await t.app.inject({
          method,
          url,
          headers: { ...owner.headers, 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'null',
        });
        await t.ctx.generations.drain(10_000);
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toContain('application/problem+json');
          expect(await snapshotDatabase(t)).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('holds for hostile list queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { q: fc.string(), status: fc.string(), cursor: fc.string(), limit: fc.string() },
          { requiredKeys: [] },
        ),
        async (query) => {
          const response = await t.app.inject({
            method: 'GET',
            url: '/api/v1/ai-sessions',
            headers: owner.headers,
            query,
          });
          expect(response.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
