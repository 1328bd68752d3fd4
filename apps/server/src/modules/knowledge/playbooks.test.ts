import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineChatModel } from '@flowpilot/assistant/offline/offline-chat-model';
import { addUser, signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { builtinPlaybookId } from './builtin-playbook-id.ts';
import { activeFixTitle, labelPrinterPlaybook, startSession } from './knowledge-test-helpers.ts';

describe('playbooks are data', () => {
  let t: TestApp;
  let owner: SignedUp;

  beforeAll(async () => {
    t = await createTestApp({ model: createOfflineChatModel() });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
  });

  const api = (user: SignedUp, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: user.headers, ...(payload ? { payload } : {}) });

  it('lists the bundled pack as read-only built-ins with fixed ids', async () => {
    const list = await api(owner, 'GET', '/playbooks?source=builtin');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; slug: string; is_builtin: boolean }[];
    expect(items.length).toBe(60);
    const spooler = items.find((item) => item.slug === 'print-spooler-stuck')!;
    expect(spooler.id).toBe(builtinPlaybookId('print-spooler-stuck'));

    const detail = await api(owner, 'GET', `/playbooks/${spooler.id}`);
    expect(detail.json()).toMatchObject({ is_builtin: true, status: 'published' });
    expect(detail.json().questions.length).toBeGreaterThanOrEqual(2);
    expect(detail.json().template_name).toBeTruthy();

    expect((await api(owner, 'PATCH', `/playbooks/${spooler.id}`, { title: 'Mine now' })).statusCode).toBe(
      403,
    );
    expect((await api(owner, 'DELETE', `/playbooks/${spooler.id}`)).statusCode).toBe(403);
    expect(
      (await api(owner, 'GET', '/playbooks?q=spooler')).json().items.map((i: { slug: string }) => i.slug),
    ).toContain('print-spooler-stuck');
  });

  it('a published playbook is used by the next session; an edit changes the next reply', async () => {
    const before = await startSession(
      t,
      owner,
      'Our Zebra label printer feeds blank labels since this morning',
    );
    expect(await activeFixTitle(t, owner, before)).toBeNull();

    const created = await api(owner, 'POST', '/playbooks', labelPrinterPlaybook);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'published',
      is_builtin: false,
      slug: 'zebra-label-printer-feeds-blank-labels',
    });

    const after = await startSession(
      t,
      owner,
      'Our Zebra label printer feeds blank labels since this morning',
    );
    expect(await activeFixTitle(t, owner, after)).toBe(labelPrinterPlaybook.fix.title);

    const edited = await api(owner, 'PATCH', `/playbooks/${created.json().id}`, {
      fix: {
        title: 'Set media type to direct thermal and calibrate',
        description: labelPrinterPlaybook.fix.description,
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().version).toBe(2);
    const next = await startSession(
      t,
      owner,
      'Our Zebra label printer feeds blank labels since this morning',
    );
    expect(await activeFixTitle(t, owner, next)).toBe('Set media type to direct thermal and calibrate');

    // Another account does not get it.
    const other = await signUpAccount(t.app, 'Other MSP');
    const elsewhere = await startSession(
      t,
      other,
      'Our Zebra label printer feeds blank labels since this morning',
    );
    expect(await activeFixTitle(t, other, elsewhere)).toBeNull();

    expect((await api(owner, 'DELETE', `/playbooks/${created.json().id}`)).statusCode).toBe(204);
    const gone = await startSession(
      t,
      owner,
      'Our Zebra label printer feeds blank labels since this morning',
    );
    expect(await activeFixTitle(t, owner, gone)).toBeNull();
  });

  it('engineers propose, owners publish; a proposal is not used until published', async () => {
    const engineer = await addUser(t.app, owner, 'engineer');
    const viewer = await addUser(t.app, owner, 'viewer');
    expect((await api(viewer, 'POST', '/playbooks', labelPrinterPlaybook)).statusCode).toBe(403);
    expect(
      (await api(engineer, 'POST', '/playbooks', { ...labelPrinterPlaybook, status: 'published' }))
        .statusCode,
    ).toBe(403);
    const proposed = await api(engineer, 'POST', '/playbooks', labelPrinterPlaybook);
    expect(proposed.json().status).toBe('proposed');
    const id = proposed.json().id as string;
    const unused = await startSession(t, engineer, 'Zebra label printer prints blank labels');
    expect(await activeFixTitle(t, engineer, unused)).toBeNull();

    expect((await api(engineer, 'PATCH', `/playbooks/${id}`, { status: 'published' })).statusCode).toBe(403);
    expect((await api(engineer, 'PATCH', `/playbooks/${id}`, { category: 'Printers' })).statusCode).toBe(200);
    expect((await api(owner, 'PATCH', `/playbooks/${id}`, { status: 'published' })).json().status).toBe(
      'published',
    );
    // Published: the engineer's own edits are over, the owner's are not.
    expect((await api(engineer, 'PATCH', `/playbooks/${id}`, { category: 'Printing' })).statusCode).toBe(403);
    const used = await startSession(t, engineer, 'Zebra label printer prints blank labels');
    expect(await activeFixTitle(t, engineer, used)).toBe(labelPrinterPlaybook.fix.title);
  });

  it('refuses an invalid playbook with the field named, and a slug taken by a built-in', async () => {
    const duplicateIds = await api(owner, 'POST', '/playbooks', {
      ...labelPrinterPlaybook,
      checks: [labelPrinterPlaybook.checks[0], labelPrinterPlaybook.checks[0]],
    });
    expect(duplicateIds.statusCode).toBe(422);
    expect(duplicateIds.json().detail).toMatch(/duplicate check id printer-status/);
    const noSymptoms = await api(owner, 'POST', '/playbooks', { ...labelPrinterPlaybook, symptoms: [] });
    expect(noSymptoms.statusCode).toBe(422);
    expect(JSON.stringify(noSymptoms.json().errors)).toMatch(/symptoms/);
    const foreignTemplate = await api(owner, 'POST', '/playbooks', {
      ...labelPrinterPlaybook,
      template_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreignTemplate.statusCode).toBe(422);
    expect(
      (await api(owner, 'POST', '/playbooks', { ...labelPrinterPlaybook, slug: 'print-spooler-stuck' }))
        .statusCode,
    ).toBe(409);
    expect((await api(owner, 'POST', '/playbooks', labelPrinterPlaybook)).statusCode).toBe(201);
    expect((await api(owner, 'POST', '/playbooks', labelPrinterPlaybook)).statusCode).toBe(409);
  });
});
