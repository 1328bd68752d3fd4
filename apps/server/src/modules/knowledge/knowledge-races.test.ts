import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinTemplateId } from '@flowpilot/assistant/builtin-template-id';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { builtinPlaybookId } from './builtin-playbook-id.ts';
import { pendingProposals, resolveSession, resolveWithWorkedFix } from './knowledge-test-helpers.ts';

/**
 * The flywheel under concurrency. PGlite runs one transaction at a time, so these bite on
 * PostgreSQL (TEST_DATABASE_URL): resolves racing on one playbook's counters, the same session
 * resolved twice at once, and an owner's accept racing another's reject.
 */
describe('knowledge races', () => {
  let t: TestApp;
  let owner: SignedUp;
  const spooler = loadPlaybookPack().find((playbook) => playbook.slug === 'print-spooler-stuck')!;
  const spoolerFix = {
    title: spooler.fix.title,
    description: spooler.fix.description,
    script_template_id: builtinTemplateId(spooler.template.slug),
  };

  const drain = () => t.ctx.generations.drain(10_000);
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
  });

  it('sessions resolved together each get one proposal, and every success is counted', async () => {
    const sessions = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        resolveWithWorkedFix(
          t.app,
          owner,
          `Printer ${index} on floor ${index}: jobs stuck in the queue`,
          spoolerFix,
          drain,
        ),
      ),
    );
    await t.ctx.generations.drain(10_000);
    // Each session resolved twice at once: one 200, one 409.
    const results = await Promise.all(sessions.flatMap((session) => [session.resolve(), session.resolve()]));
    const codes = results.map((response) => response.statusCode).sort();
    expect(codes.filter((code) => code === 200)).toHaveLength(6);
    expect(codes.filter((code) => code === 409)).toHaveLength(6);
    const rows = await t.database.query<{ session: string; n: number }>(
      'SELECT source_session_id AS session, count(*)::int AS n FROM knowledge_proposals GROUP BY 1',
    );
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    const [stats] = await t.database.query<{ usage_count: number; success_count: number }>(
      'SELECT usage_count, success_count FROM playbook_stats WHERE playbook_id = $1',
      [builtinPlaybookId(spooler.slug)],
    );
    expect(stats).toEqual({ usage_count: 6, success_count: 6 });
  });

  it('an accept racing a reject: exactly one wins, the other is 409', async () => {
    for (let round = 0; round < 4; round++) {
      const { sessionId } = await resolveWithWorkedFix(
        t.app,
        owner,
        `Scanner ${round} beeps twice and types nothing`,
      );
      await t.ctx.generations.drain(10_000);
      expect((await resolveSession(t.app, owner, sessionId)).statusCode).toBe(200);
    }
    const { items } = await pendingProposals(t.app, owner);
    expect(items).toHaveLength(4);
    for (const proposal of items) {
      const [accept, reject] = await Promise.all([
        t.app.inject({
          method: 'POST',
          url: `/api/v1/knowledge-proposals/${proposal.id}/accept`,
          headers: owner.headers,
        }),
        t.app.inject({
          method: 'POST',
          url: `/api/v1/knowledge-proposals/${proposal.id}/reject`,
          headers: owner.headers,
        }),
      ]);
      expect([accept.statusCode, reject.statusCode].sort()).toEqual([200, 409]);
      const [row] = await t.database.query<{ status: string; playbooks: number }>(
        `SELECT status, (SELECT count(*)::int FROM playbooks WHERE source_session_id = p.source_session_id) AS playbooks
           FROM knowledge_proposals p WHERE id = $1`,
        [proposal.id],
      );
      expect(row).toEqual(
        accept.statusCode === 200
          ? { status: 'accepted', playbooks: 1 }
          : { status: 'rejected', playbooks: 0 },
      );
    }
  });
});
