import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { insertFix, insertSession } from '../../../test/pilot-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createTemplate } from '../script-templates/template-test-helpers.ts';

/**
 * Every fix action, fired N times at once at one fix. Where the lifecycle allows the action
 * once (an outcome, a dismissal, a proposal answered, a draft queued), exactly one request
 * wins and the others get 409; where it allows repeats, every request succeeds and each is
 * counted once. Either way state_version, the audit trail and the template's counters agree
 * with the answers. PGlite serialises transactions, so this bites on PostgreSQL
 * (TEST_DATABASE_URL), where the requests run on parallel connections.
 */
const N = 10;
const TRIALS = 3;

type Counters = { usage: number; success: number; failure: number; partial: number };
type Request = { method: 'POST' | 'PATCH'; url: string; payload: object };

interface RaceCase {
  name: string;
  /** Fix columns to start from (the fix always names the trial's template). */
  start?: Parameters<typeof insertFix>[2];
  request: (ids: { sid: string; fid: string; templateId: string }, index: number) => Request;
  /** The audit action one successful request writes. */
  action: string | RegExp;
  winners: 'one' | 'all';
  /** Counter changes after the race, given how many requests succeeded. */
  counters?: (won: number) => Partial<Counters>;
  /** When the winner is not known in advance: success_count + failure_count moved by this. */
  successOrFailure?: number;
  /** Pending drafts for the fix after the race. */
  drafts?: number;
  /** Every successful answer carries the same applied_at (the first run's stamp). */
  sameAppliedAt?: boolean;
}

const fixUrl = (ids: { sid: string; fid: string }, suffix: string) =>
  `/api/v1/ai-sessions/${ids.sid}/suggested-fixes/${ids.fid}/${suffix}`;

const once = (name: string, payload: object, path: string, extra: Partial<RaceCase>): RaceCase => ({
  name,
  request: (ids) => ({ method: path === 'outcome' ? 'PATCH' : 'POST', url: fixUrl(ids, path), payload }),
  action: /./,
  winners: 'one',
  ...extra,
});

const cases: RaceCase[] = [
  once('outcome worked', { outcome: 'applied_success' }, 'outcome', {
    action: 'fix.outcome.applied_success',
    counters: () => ({ success: 1 }),
  }),
  once("outcome didn't work", { outcome: 'applied_failed', failure_reason: 'still' }, 'outcome', {
    action: 'fix.outcome.applied_failed',
    counters: () => ({ failure: 1 }),
  }),
  once('outcome dismissed', { outcome: 'dismissed' }, 'outcome', { action: 'fix.outcome.dismissed' }),
  once('decision dismissed', { decision: 'dismissed' }, 'decision', { action: 'fix.decision.dismissed' }),
  once('confirm the AI proposal', { accept: true }, 'outcome-proposal', {
    start: { aiOutcomeProposal: { outcome: 'applied_success', reason: 'user said so' } },
    action: 'fix.outcome_proposal_confirmed',
    counters: () => ({ success: 1 }),
  }),
  once('reject the AI proposal', { accept: false }, 'outcome-proposal', {
    start: { aiOutcomeProposal: { outcome: 'applied_failed' } },
    action: 'fix.outcome_proposal_rejected',
  }),
  once('decision draft_template (run now, templatize after)', { decision: 'draft_template' }, 'decision', {
    action: 'fix.decision.draft_template',
    drafts: 1,
  }),
  {
    name: 'worked and failed at once',
    request: (ids, i) => ({
      method: 'PATCH',
      url: fixUrl(ids, 'outcome'),
      payload: i % 2 ? { outcome: 'applied_success' } : { outcome: 'applied_failed' },
    }),
    action: /^fix\.outcome\.applied_(success|failed)$/,
    winners: 'one',
    successOrFailure: 1,
  },
  {
    name: 'apply (I ran this)',
    request: (ids) => ({ method: 'POST', url: fixUrl(ids, 'apply'), payload: {} }),
    action: 'fix.applied',
    winners: 'all',
    sameAppliedAt: true,
  },
  {
    name: 'decision one_off',
    request: (ids) => ({ method: 'POST', url: fixUrl(ids, 'decision'), payload: { decision: 'one_off' } }),
    action: 'fix.decision.one_off',
    winners: 'all',
    sameAppliedAt: true,
  },
  {
    name: 'decision build_template',
    request: (ids) => ({
      method: 'POST',
      url: fixUrl(ids, 'decision'),
      payload: { decision: 'build_template' },
    }),
    action: 'fix.decision.build_template',
    winners: 'all',
  },
  {
    name: 'outcome partial',
    request: (ids, i) => ({
      method: 'PATCH',
      url: fixUrl(ids, 'outcome'),
      payload: { outcome: 'applied_partial', partial_notes: `pass ${i}` },
    }),
    action: 'fix.outcome.applied_partial',
    winners: 'all',
    sameAppliedAt: true,
    counters: (won) => ({ partial: won }),
  },
  {
    name: 'script change',
    request: (ids, i) => ({
      method: 'PATCH',
      url: fixUrl(ids, 'script'),
      payload: { ai_drafted_script: `# v${i}` },
    }),
    action: 'fix.script_updated',
    winners: 'all',
  },
  {
    name: 'generate the script from the template',
    start: { scriptTemplateId: null },
    request: (ids, i) => ({
      method: 'POST',
      url: '/api/v1/scripts/generate',
      payload: {
        template_id: ids.templateId,
        parameters: { message: `hi ${i}` },
        ai_session_id: ids.sid,
        fix_id: ids.fid,
      },
    }),
    action: 'script.generated',
    winners: 'all',
    // One fix, one use, however many times it was generated.
    counters: () => ({ usage: 1 }),
  },
  {
    name: 'propose a new fix',
    request: (ids, i) => ({
      method: 'POST',
      url: `/api/v1/ai-sessions/${ids.sid}/suggested-fixes`,
      payload: { title: `Idea ${i}`, description: 'Another way' },
    }),
    action: 'fix.proposed',
    winners: 'all',
  },
];

describe('every fix action under N concurrent requests', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpAccount(t.app);
  });
  afterAll(() => t.close());

  const counters = async (templateId: string): Promise<Counters> => {
    const [row] = await t.database.query<Counters>(
      `SELECT usage_count AS usage, success_count AS success, failure_count AS failure,
              partial_count AS partial FROM script_templates WHERE id = $1`,
      [templateId],
    );
    return row!;
  };

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, race) => {
    const bad: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const template = await createTemplate(t, owner, { name: `Race ${race.name} ${trial}` });
      const session = await insertSession(t, owner);
      const fix = await insertFix(t, session, { scriptTemplateId: template.id, ...race.start });
      const ids = { sid: session.id, fid: fix.id, templateId: template.id };
      const before = await counters(template.id);
      const answers = await Promise.all(
        Array.from({ length: N }, (_, i) => {
          const { method, url, payload } = race.request(ids, i);
          return t.app.inject({ method, url, payload, headers: owner.headers });
        }),
      );
      const won = answers.filter((a) => a.statusCode === 200 || a.statusCode === 201);
      const lost = answers.filter((a) => !won.includes(a));
      const problems: string[] = [];
      if (race.winners === 'one' && won.length !== 1) problems.push(`${won.length} won`);
      if (race.winners === 'all' && won.length !== N) problems.push(`${won.length} of ${N} won`);
      for (const a of lost) {
        if (a.statusCode !== 409) problems.push(`a loser answered ${a.statusCode} ${a.body.slice(0, 120)}`);
      }
      const [row] = await t.database.query<{ state_version: number }>(
        'SELECT state_version FROM ai_sessions WHERE id = $1',
        [session.id],
      );
      if (row!.state_version !== won.length) {
        problems.push(`state_version ${row!.state_version} after ${won.length} successes`);
      }
      const audits = await t.database.query<{ action: string }>(
        'SELECT action FROM audit_events WHERE ai_session_id = $1',
        [session.id],
      );
      const matching = audits.filter((a) =>
        typeof race.action === 'string' ? a.action === race.action : race.action.test(a.action),
      );
      if (matching.length !== won.length) problems.push(`${matching.length} audit rows for ${won.length}`);
      const after = await counters(template.id);
      const expected: Partial<Counters> = {
        usage: 0,
        ...(race.successOrFailure === undefined ? { success: 0, failure: 0 } : {}),
        partial: 0,
        ...race.counters?.(won.length),
      };
      for (const key of Object.keys(expected) as (keyof Counters)[]) {
        const delta = after[key] - before[key];
        if (delta !== expected[key])
          problems.push(`${key}_count moved by ${delta}, expected ${expected[key]}`);
      }
      if (race.successOrFailure !== undefined) {
        const counted = after.success - before.success + after.failure - before.failure;
        if (counted !== race.successOrFailure) problems.push(`${counted} outcomes counted`);
      }
      if (race.drafts !== undefined) {
        const drafts = await t.database.query(
          `SELECT 1 FROM draft_templates WHERE fix_id = $1 AND status = 'pending'`,
          [fix.id],
        );
        if (drafts.length !== race.drafts) problems.push(`${drafts.length} pending drafts`);
      }
      if (race.sameAppliedAt) {
        const stamps = new Set(won.map((a) => a.json().fix.applied_at));
        if (stamps.size !== 1) problems.push(`${stamps.size} different applied_at stamps`);
      }
      const active = await t.database.query(
        'SELECT 1 FROM session_suggested_fixes WHERE ai_session_id = $1 AND superseded_at IS NULL',
        [session.id],
      );
      if (active.length > 1) problems.push(`${active.length} active fixes`);
      if (problems.length > 0) bad.push(`trial ${trial + 1}: ${problems.join('; ')}`);
    }
    expect(bad).toEqual([]);
  });
});
