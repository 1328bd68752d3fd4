import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinTemplateId } from '@flowpilot/assistant/builtin-template-id';
import { addUser, signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { openSession } from '../../../test/session-helpers.ts';
import { queryTerms } from './match-script-templates.ts';
import { createTemplate, proposeFix } from './template-test-helpers.ts';

describe('matching templates to a fix', () => {
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

  const match = (who: SignedUp, query: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/script-templates/match?${query}`, headers: who.headers });

  it.each([
    {
      intake: 'Reception PC: nothing prints, documents sit in the queue and cannot be deleted',
      fix: {
        title: 'Clear the stuck print queue',
        description: 'Stop the spooler, delete the spool files and start it again.',
      },
      expected: 'clear-print-queue',
    },
    {
      intake: 'Websites do not load by name but pinging 8.8.8.8 works',
      fix: {
        title: 'Flush the DNS cache and re-register',
        description: 'Clear the resolver cache and reset the DNS client settings.',
      },
      expected: 'repair-dns-client',
    },
    {
      intake: 'Outlook keeps asking for the password since the password change',
      fix: {
        title: 'Remove stale Outlook credentials',
        description: 'Delete cached Office credentials from Credential Manager.',
      },
      expected: 'reset-outlook-credentials',
    },
    {
      intake: 'Server says no space left on device, /var is full',
      fix: {
        title: 'Reclaim disk space on the Linux server',
        description: 'Vacuum the journal, clean the package cache and old logs.',
      },
      expected: 'linux-disk-cleanup',
    },
    {
      intake: 'User account locked out every morning',
      fix: {
        title: 'Find what keeps locking the account',
        description: 'Search the PDC emulator for 4740 lockout events.',
      },
      expected: 'find-lockout-source',
    },
  ])('ranks $expected first for "$fix.title"', async ({ intake, fix, expected }) => {
    const session = await openSession(t, owner, { text: intake });
    await proposeFix(t, owner, session.id, fix);
    const response = await match(owner, `ai_session_id=${session.id}`);
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(10);
    expect(items[0]).toMatchObject({ id: builtinTemplateId(expected), slug: expected });
    expect(items[0].reason).toMatch(/^Matches /);
    const scores = items.map((item: { score: number }) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('puts the template the fix already names first, and matches free text too', async () => {
    const mine = await createTemplate(t, owner, {
      name: 'Restart the print spooler remotely',
      category: 'Printing',
    });
    const session = await openSession(t, owner, { text: 'Print queue stuck' });
    await proposeFix(t, owner, session.id, {
      title: 'Reset the VPN client',
      description: 'Reinstall the adapter',
      script_template_id: mine.id,
    });
    const { items } = (await match(owner, `ai_session_id=${session.id}`)).json();
    expect(items[0]).toMatchObject({ id: mine.id, score: 1, reason: 'Linked to this fix' });
    expect(items.filter((item: { id: string }) => item.id === mine.id)).toHaveLength(1);

    const free = (await match(owner, `q=${encodeURIComponent('restart spooler remotely')}`)).json();
    expect(free.items[0].id).toBe(mine.id);
  });

  it('uses the intake alone when the session has no fix yet', async () => {
    const session = await openSession(t, owner, {
      text: 'Teams is slow and the Teams cache seems corrupted',
    });
    const { items } = (await match(owner, `ai_session_id=${session.id}`)).json();
    expect(items[0].slug).toBe('clear-teams-cache');
  });

  it('never shows another account’s templates', async () => {
    const other = await signUpAccount(t.app, 'Other MSP');
    await createTemplate(t, other, { name: 'Zebra unicorn cleanup' });
    const { items } = (await match(owner, 'q=zebra+unicorn+cleanup')).json();
    expect(items.map((item: { name: string }) => item.name)).not.toContain('Zebra unicorn cleanup');
  });

  it('answers 404 for a session of another user, and 400 with neither q nor a session', async () => {
    const colleague = await addUser(t.app, owner, 'engineer');
    const session = await openSession(t, colleague, { text: 'Printer offline' });
    expect((await match(owner, `ai_session_id=${session.id}`)).statusCode).toBe(404);
    const neither = await match(owner, '');
    expect(neither.statusCode).toBe(400);
    expect(neither.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'querystring.ai_session_id',
      'querystring.q',
    ]);
  });

  it('turns any text into plain words, so nothing typed acts as a tsquery operator', async () => {
    expect(queryTerms(`print & !spooler | (queue) 'x':* <-> C:\\Windows`)).toEqual([
      'print',
      'spooler',
      'queue',
      'windows',
    ]);
    const response = await match(owner, `q=${encodeURIComponent(`'&|!():*<->\\ spooler`)}`);
    expect(response.statusCode).toBe(200);
    expect((await match(owner, `q=${encodeURIComponent('the and of')}`)).json().items).toEqual([]);
  });
});
