import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAccount } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { labelPrinterPlaybook } from './knowledge-test-helpers.ts';
import { createPlaybookCatalog, PlaybookCatalog } from './playbook-catalog.ts';

const redisUrl = process.env.TEST_REDIS_URL;

describe('playbook catalog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(redisUrl ? { knowledge: createPlaybookCatalog({ redisUrl }) } : {});
  });
  afterAll(() => t.close());

  it('keeps an account’s set until a write of this process invalidates it', async () => {
    const owner = await signUpAccount(t.app);
    const before = await t.ctx.knowledge.forAccount(t.database.db, owner.accountId);
    expect(await t.ctx.knowledge.forAccount(t.database.db, owner.accountId)).toBe(before);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/playbooks',
      headers: owner.headers,
      payload: labelPrinterPlaybook,
    });
    expect(created.statusCode).toBe(201);
    const after = await t.ctx.knowledge.forAccount(t.database.db, owner.accountId);
    expect(after.set.playbooks.length).toBe(before.set.playbooks.length + 1);
    expect(after.idBySlug.get(created.json().slug)).toBe(created.json().id);
  });

  it.skipIf(!redisUrl)(
    'another process forgets the set when this one publishes a change (Redis)',
    async () => {
      const elsewhere = createPlaybookCatalog({ redisUrl });
      try {
        const owner = await signUpAccount(t.app, 'Two processes');
        const stale = await elsewhere.forAccount(t.database.db, owner.accountId);
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/v1/playbooks',
          headers: owner.headers,
          payload: { ...labelPrinterPlaybook, slug: 'zebra-two-processes' },
        });
        expect(created.statusCode).toBe(201);
        // Without the message, the other process would keep its set for minutes.
        await expect
          .poll(
            async () => (await elsewhere.forAccount(t.database.db, owner.accountId)).set.playbooks.length,
            {
              timeout: 3_000,
            },
          )
          .toBe(stale.set.playbooks.length + 1);
      } finally {
        await elsewhere.close();
      }
    },
  );

  it('an account without playbooks shares the built-in set', async () => {
    const catalog = new PlaybookCatalog();
    const first = await signUpAccount(t.app, 'First');
    const second = await signUpAccount(t.app, 'Second');
    expect((await catalog.forAccount(t.database.db, first.accountId)).set).toBe(
      (await catalog.forAccount(t.database.db, second.accountId)).set,
    );
  });
});
