import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinTemplateId } from '@flowpilot/assistant/builtin-template-id';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import { validateTemplateDefinition } from '@flowpilot/core/script-render';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedBuiltinTemplates } from './seed-builtin-templates.ts';
import { createTemplate } from './template-test-helpers.ts';

const spooler = builtinTemplateId('clear-print-queue');

describe('script templates', () => {
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

  const get = (who: SignedUp, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });

  it('ships every playbook template as a valid built-in, under the id the offline engine uses', async () => {
    const pack = loadPlaybookPack();
    for (const { template } of pack) expect(validateTemplateDefinition(template), template.slug).toEqual([]);
    const response = await get(owner, `/api/v1/script-templates/${spooler}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      is_builtin: true,
      slug: 'clear-print-queue',
      language: 'powershell',
    });
    // Idempotent: seeding again changes nothing, not even updated_at.
    const before = await t.database.query('SELECT id, updated_at FROM script_templates ORDER BY id');
    await seedBuiltinTemplates(t.database);
    expect(await t.database.query('SELECT id, updated_at FROM script_templates ORDER BY id')).toEqual(before);
    expect(before).toHaveLength(pack.length);
  });

  it('creates, reads, updates and soft-deletes a template, auditing each change', async () => {
    const engineer = await addUser(t.app, owner, 'engineer');
    const created = await createTemplate(t, engineer, { name: 'Restart a service' });
    expect(created).toMatchObject({
      name: 'Restart a service',
      is_builtin: false,
      usage_count: 0,
      success_rate: null,
      created_by_user_id: engineer.userId,
    });
    expect((await get(owner, `/api/v1/script-templates/${created.id}`)).json().name).toBe(
      'Restart a service',
    );

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/script-templates/${created.id}`,
      headers: engineer.headers,
      payload: { description: 'Restarts it', category: 'Windows' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      description: 'Restarts it',
      category: 'Windows',
      name: 'Restart a service',
    });

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/script-templates/${created.id}`,
      headers: engineer.headers,
    });
    expect(deleted.statusCode).toBe(204);
    expect((await get(owner, `/api/v1/script-templates/${created.id}`)).statusCode).toBe(404);
    const [row] = await t.database.query<{ deleted_at: Date | null }>(
      'SELECT deleted_at FROM script_templates WHERE id = $1',
      [created.id],
    );
    expect(row!.deleted_at).not.toBeNull();
    // The name is free again once the template is gone.
    await createTemplate(t, engineer, { name: 'restart A SERVICE' });

    const events = await t.database.query<{ action: string; before: unknown; after: unknown }>(
      'SELECT action, before, after FROM audit_events WHERE subject_id = $1 ORDER BY created_at',
      [created.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'script_template.created',
      'script_template.updated',
      'script_template.deleted',
    ]);
    expect(events[1]).toMatchObject({
      before: { description: 'Prints a greeting', category: 'Testing' },
      after: { description: 'Restarts it', category: 'Windows' },
    });
  });

  it('refuses unsafe or inconsistent definitions with 422 field errors and stores nothing', async () => {
    const before = await snapshotDatabase(t);
    const cases: [Record<string, unknown>, string][] = [
      [{ body: 'echo "{{message}}"' }, 'body'],
      [{ body: 'echo {{other}}' }, 'body'],
      [{ body: '# note {{message}}' }, 'body'],
      [{ language: 'python', body: 'print(f"{{message}}")' }, 'body'],
      [
        { parameters_schema: [{ name: 'message', label: 'M', type: 'enum', options: [] }] },
        'parameters_schema.0.options',
      ],
      [
        { parameters_schema: [{ name: 'message', label: 'M', type: 'string', pattern: '(a)\\1' }] },
        'parameters_schema.0.pattern',
      ],
      [
        { parameters_schema: [{ name: 'message', label: 'M', type: 'secret', default: 'hunter2' }] },
        'parameters_schema.0.default',
      ],
    ];
    for (const [overrides, field] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/script-templates',
        headers: owner.headers,
        payload: {
          name: 'Bad',
          language: 'bash',
          body: 'echo {{message}}',
          parameters_schema: [{ name: 'message', label: 'Message', type: 'string' }],
          ...overrides,
        },
      });
      expect(response.statusCode, JSON.stringify(overrides)).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const schema = await t.app.inject({
      method: 'POST',
      url: '/api/v1/script-templates',
      headers: owner.headers,
      payload: { name: '', language: 'ruby', body: 'x'.repeat(50_001) },
    });
    expect(schema.statusCode).toBe(422);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('re-checks the whole definition on PATCH (a body change must still fit the parameters)', async () => {
    const created = await createTemplate(t, owner);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/script-templates/${created.id}`,
      headers: owner.headers,
      payload: { body: "echo '{{message}}'" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].field).toBe('body');
  });

  it('answers 409 to a duplicate name in the same account, case-insensitively', async () => {
    await createTemplate(t, owner, { name: 'Flush DNS' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/script-templates',
      headers: owner.headers,
      payload: { name: 'flush dns', language: 'bash', body: 'echo hi' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/already exists/);
    // Another account may use the same name.
    await createTemplate(t, await signUpAccount(t.app, 'Other MSP'), { name: 'Flush DNS' });
  });

  it('keeps built-ins read-only for everyone, owners included', async () => {
    const before = await snapshotDatabase(t);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/script-templates/${spooler}`,
      headers: owner.headers,
      payload: { name: 'Mine now' },
    });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().detail).toMatch(/Built-in templates are read-only/);
    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/script-templates/${spooler}`,
      headers: owner.headers,
    });
    expect(remove.statusCode).toBe(403);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('lets viewers read and render but not write', async () => {
    const viewer = await addUser(t.app, owner, 'viewer');
    const created = await createTemplate(t, owner);
    expect((await get(viewer, '/api/v1/script-templates')).statusCode).toBe(200);
    expect((await get(viewer, `/api/v1/script-templates/${created.id}`)).statusCode).toBe(200);
    const render = await t.app.inject({
      method: 'POST',
      url: `/api/v1/script-templates/${created.id}/render`,
      headers: viewer.headers,
      payload: { parameters: { message: 'hi' } },
    });
    expect(render.statusCode).toBe(200);
    const writes = [
      {
        method: 'POST' as const,
        url: '/api/v1/script-templates',
        payload: { name: 'V', language: 'bash', body: 'echo hi' },
      },
      { method: 'PATCH' as const, url: `/api/v1/script-templates/${created.id}`, payload: { name: 'V' } },
      { method: 'DELETE' as const, url: `/api/v1/script-templates/${created.id}` },
      {
        method: 'POST' as const,
        url: '/api/v1/scripts/generate',
        payload: { template_id: created.id, parameters: { message: 'hi' } },
      },
    ];
    for (const write of writes) {
      const response = await t.app.inject({ ...write, headers: viewer.headers });
      expect(response.statusCode, `${write.method} ${write.url}`).toBe(403);
    }
  });

  it('lists the account’s templates with the built-ins, filters, and pages by name', async () => {
    const other = await signUpAccount(t.app, 'Other MSP');
    await createTemplate(t, other, { name: 'Not yours' });
    for (const name of ['Alpha job', 'Beta job', 'Gamma job'])
      await createTemplate(t, owner, { name, category: 'Jobs' });
    await createTemplate(t, owner, {
      name: 'Python thing',
      language: 'python',
      body: 'print({{message}})',
      category: 'Jobs',
    });

    const all: { name: string; is_builtin: boolean }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof all; next_cursor: string | null } = (
        await get(owner, `/api/v1/script-templates?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    expect(all).toHaveLength(loadPlaybookPack().length + 4);
    expect(all.map((item) => item.name)).not.toContain('Not yours');
    const names = all.map((item) => item.name.toLowerCase());
    expect(names).toEqual([...names].sort());

    const jobs = (await get(owner, '/api/v1/script-templates?category=jobs&language=bash')).json();
    expect(jobs.items.map((item: { name: string }) => item.name)).toEqual([
      'Alpha job',
      'Beta job',
      'Gamma job',
    ]);
    const spool = (await get(owner, '/api/v1/script-templates?q=spool')).json();
    expect(spool.items.map((item: { slug: string }) => item.slug)).toContain('clear-print-queue');
    const partial = (await get(owner, '/api/v1/script-templates?q=amma')).json();
    expect(partial.items.map((item: { name: string }) => item.name)).toEqual(['Gamma job']);
    expect((await get(owner, '/api/v1/script-templates?cursor=nonsense')).statusCode).toBe(400);
  });

  it('counts categories over the account’s templates and the built-ins', async () => {
    await createTemplate(t, owner, { name: 'One', category: 'Printing' });
    await createTemplate(t, await signUpAccount(t.app, 'Other MSP'), {
      name: 'Theirs',
      category: 'Printing',
    });
    const builtinPrinting = loadPlaybookPack().filter((p) => p.template.category === 'Printing').length;
    const { items } = (await get(owner, '/api/v1/script-templates/categories')).json();
    expect(items).toContainEqual({ category: 'Printing', count: builtinPrinting + 1 });
    expect(items.map((i: { category: string }) => i.category)).toContain('Email & Outlook');
  });
});
