import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinTemplateId } from '@flowpilot/assistant/builtin-template-id';
import { createOfflineChatModel } from '@flowpilot/assistant/offline/offline-chat-model';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import { addUser, signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { builtinPlaybookId } from './builtin-playbook-id.ts';
import {
  activeFixTitle,
  fixWithin,
  pendingProposals,
  resolveWithWorkedFix,
  startSession,
} from './knowledge-test-helpers.ts';

const spooler = loadPlaybookPack().find((playbook) => playbook.slug === 'print-spooler-stuck')!;
const spoolerFix = {
  title: spooler.fix.title,
  description: spooler.fix.description,
  script_template_id: builtinTemplateId(spooler.template.slug),
};

describe('the knowledge flywheel', () => {
  let t: TestApp;
  let owner: SignedUp;

  const drain = () => t.ctx.generations.drain(10_000);
  beforeAll(async () => {
    t = await createTestApp({ model: createOfflineChatModel() });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
  });

  const api = (user: SignedUp, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: user.headers, ...(payload ? { payload } : {}) });

  it('an unknown problem resolved with an engineer’s fix becomes a playbook that solves the next one offline', async () => {
    const engineer = await addUser(t.app, owner, 'engineer');
    const unknown = 'The barcode scanner at the packing station beeps twice and types nothing into the WMS.';
    const first = await startSession(t, engineer, unknown);
    expect(await activeFixTitle(t, engineer, first)).toBeNull();

    const { sessionId, resolve } = await resolveWithWorkedFix(t.app, engineer, unknown);
    await t.ctx.generations.drain(10_000);
    expect((await resolve()).statusCode).toBe(200);

    const queue = await pendingProposals(t.app, owner);
    expect(queue.pending_count).toBe(1);
    const proposal = (await api(owner, 'GET', '/knowledge-proposals')).json().items[0];
    expect(proposal).toMatchObject({
      kind: 'new_playbook',
      status: 'pending',
      provenance: { session_id: sessionId, engineer: { id: engineer.userId }, ticket_ref: 'T-4711' },
      proposed: { fix: { title: 'Re-pair the scanner in HID keyboard mode' } },
    });
    expect(proposal.proposed.symptoms.join(' ')).toMatch(/beeps twice/);
    expect((await api(engineer, 'GET', '/knowledge-proposals')).statusCode).toBe(403);
    expect((await api(engineer, 'POST', `/knowledge-proposals/${proposal.id}/accept`)).statusCode).toBe(403);

    const accepted = await api(owner, 'POST', `/knowledge-proposals/${proposal.id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().proposal.status).toBe('accepted');
    expect(accepted.json().playbook).toMatchObject({ status: 'published', source_session_id: sessionId });
    expect((await api(owner, 'POST', `/knowledge-proposals/${proposal.id}/accept`)).statusCode).toBe(409);
    expect((await api(owner, 'POST', `/knowledge-proposals/${proposal.id}/reject`)).statusCode).toBe(409);

    // Differently worded, another engineer's session: the fix comes within three replies.
    const next = await startSession(
      t,
      owner,
      'Handheld scanner just beeps two times, nothing gets typed into the warehouse system',
    );
    expect(await fixWithin(t, owner, next)).toBe('Re-pair the scanner in HID keyboard mode');
  });

  it('a matched playbook gets an enhancement with the new phrasing, or a reinforcement; counters count', async () => {
    const novel = await resolveWithWorkedFix(
      t.app,
      owner,
      'Nobody on the second floor can print and forty documents sit waiting in the queue.',
      spoolerFix,
      drain,
    );
    await t.ctx.generations.drain(10_000);
    expect((await novel.resolve()).statusCode).toBe(200);
    const familiar = await resolveWithWorkedFix(t.app, owner, spooler.symptoms[0]!, spoolerFix, drain);
    await t.ctx.generations.drain(10_000);
    expect((await familiar.resolve()).statusCode).toBe(200);

    const all = (await api(owner, 'GET', '/knowledge-proposals')).json();
    expect(all.pending_count).toBe(1);
    const byKind = Object.fromEntries(all.items.map((item: { kind: string }) => [item.kind, item]));
    expect(byKind.reinforcement).toMatchObject({
      status: 'applied',
      playbook: { id: builtinPlaybookId(spooler.slug) },
    });
    expect(byKind.enhancement.changes.join(' ')).toMatch(/second floor/);
    expect(
      (await api(owner, 'POST', `/knowledge-proposals/${byKind.reinforcement.id}/accept`)).statusCode,
    ).toBe(409);

    const builtin = await api(owner, 'GET', `/playbooks/${builtinPlaybookId(spooler.slug)}`);
    expect(builtin.json()).toMatchObject({ usage_count: 2, success_count: 2, success_rate: 1 });
    expect(builtin.json().resolved_sessions).toHaveLength(2);

    // A session where the spooler fix was tried and failed before another fix worked: one more
    // use, no more successes, so the rate says how often the fix worked when it was tried.
    const tried = await startSession(t, owner, spooler.symptoms[0]!);
    await drain();
    const triedFix = await api(owner, 'POST', `/ai-sessions/${tried}/suggested-fixes`, spoolerFix);
    expect(triedFix.statusCode, triedFix.body).toBe(201);
    const failed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/ai-sessions/${tried}/suggested-fixes/${triedFix.json().id}/outcome`,
      headers: owner.headers,
      payload: { outcome: 'applied_failed', failure_reason: 'The queue refilled at once.' },
    });
    expect(failed.statusCode, failed.body).toBe(200);
    const other = await api(owner, 'POST', `/ai-sessions/${tried}/suggested-fixes`, {
      title: 'Replace the print server’s network card',
      description: 'The NIC dropped packets under load; swapped it.',
    });
    expect(other.statusCode, other.body).toBe(201);
    const worked = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/ai-sessions/${tried}/suggested-fixes/${other.json().id}/outcome`,
      headers: owner.headers,
      payload: { outcome: 'applied_success' },
    });
    expect(worked.statusCode, worked.body).toBe(200);
    expect((await api(owner, 'POST', `/ai-sessions/${tried}/resolution-note/post`, {})).statusCode).toBe(200);
    const afterFailure = await api(owner, 'GET', `/playbooks/${builtinPlaybookId(spooler.slug)}`);
    expect(afterFailure.json()).toMatchObject({ usage_count: 3, success_count: 2 });
    expect(afterFailure.json().success_rate).toBeCloseTo(2 / 3);

    // Accepting an enhancement of a built-in gives the account its own copy under the same slug.
    const accepted = await api(owner, 'POST', `/knowledge-proposals/${byKind.enhancement.id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().playbook).toMatchObject({ is_builtin: false, slug: spooler.slug });
    expect(accepted.json().playbook.symptoms.join(' ')).toMatch(/second floor/);
    expect(accepted.json().playbook.template_id).toBe(spoolerFix.script_template_id);
    const session = await startSession(
      t,
      owner,
      'Nobody on the second floor can print and forty documents sit waiting',
    );
    expect(await fixWithin(t, owner, session)).toBe(spooler.fix.title);
  });

  it('before any playbook, a resolved session whose fix worked is offered as seen before', async () => {
    const { resolve } = await resolveWithWorkedFix(
      t.app,
      owner,
      'The barcode scanner at the packing station beeps twice and types nothing into the WMS.',
      undefined,
      drain,
    );
    expect((await resolve()).statusCode).toBe(200);
    const next = await startSession(
      t,
      owner,
      'Packing station barcode scanner beeps twice, types nothing in the WMS',
    );
    expect(await activeFixTitle(t, owner, next)).toBe('Re-pair the scanner in HID keyboard mode');
    const messages = await api(owner, 'GET', `/ai-sessions/${next}/messages`);
    expect(JSON.stringify(messages.json())).toMatch(/a ticket like this was fixed on/);
  });

  it('rejecting leaves the playbooks alone; another account sees none of it', async () => {
    const { resolve } = await resolveWithWorkedFix(
      t.app,
      owner,
      'The barcode scanner beeps twice and types nothing.',
    );
    await t.ctx.generations.drain(10_000);
    await resolve();
    const [proposal] = (await pendingProposals(t.app, owner)).items;
    const other = await signUpAccount(t.app, 'Other MSP');
    expect((await pendingProposals(t.app, other)).items).toEqual([]);
    expect((await api(other, 'POST', `/knowledge-proposals/${proposal!.id}/reject`)).statusCode).toBe(404);
    const rejected = await api(owner, 'POST', `/knowledge-proposals/${proposal!.id}/reject`);
    expect(rejected.json()).toMatchObject({ status: 'rejected', decided_by_user_id: owner.userId });
    expect((await api(owner, 'POST', `/knowledge-proposals/${proposal!.id}/accept`)).statusCode).toBe(409);
    expect((await api(owner, 'GET', '/playbooks?source=account')).json().items).toEqual([]);
  });
});
