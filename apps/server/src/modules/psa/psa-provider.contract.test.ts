import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../env.ts';
import { fakePsaProviders, startFakePsa } from '../../../test/psa-fakes/start-fake-psa.ts';
import type { FakePsa } from '../../../test/psa-fakes/fake-psa-server.ts';
import { createPsaProvider, splitConnectionInput } from './create-psa-provider.ts';
import { PsaError, type PsaProvider } from './psa-provider.ts';

/** One suite, three PSAs: every provider must behave the same against its vendor's shapes. */
describe.each(fakePsaProviders)('PSA provider contract: %s', (name) => {
  let fake: FakePsa;
  let accounts = 0;
  const providerFor = (connection: Record<string, unknown>) => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PSA_TIMEOUT_MS: '400',
      PSA_MAX_RETRIES: '2',
      PSA_BACKOFF_MS: '5',
      ...(fake.providerConfig?.autotaskZoneLookupUrl
        ? { PSA_AUTOTASK_ZONE_LOOKUP_URL: fake.providerConfig.autotaskZoneLookupUrl }
        : {}),
    });
    const { provider, settings, secrets } = splitConnectionInput(connection as never);
    // A fresh bucket key per provider keeps one test's burst from slowing the next.
    accounts += 1;
    return createPsaProvider(config, `${name}-${accounts}`, provider, settings, secrets);
  };
  let psa: PsaProvider;

  beforeAll(async () => {
    fake = await startFakePsa(name);
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.server.faults.length = 0;
    fake.server.delay = null;
    fake.server.delayAnswer = null;
    fake.server.ignoreStatusChanges = false;
    psa = providerFor(fake.connection());
  });

  const expectPsaError = async (promise: Promise<unknown>, kind: PsaError['kind']) => {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PsaError);
    expect((error as PsaError).kind).toBe(kind);
    return error as PsaError;
  };

  it('connects with the right credentials and refuses wrong ones with the PSA reason', async () => {
    psa = providerFor(fake.connection());
    await expect(psa.testConnection()).resolves.toBeDefined();
    const error = await expectPsaError(providerFor(fake.wrongConnection()).testConnection(), 'auth');
    expect(error.message).toMatch(/refused the credentials|no access token|does not know/);
    for (const secret of [
      ...fake.secrets,
      'wrongPrivateKey999',
      'wrongHaloSecret000',
      'wrongAutotaskSecret',
    ]) {
      expect(error.message).not.toContain(secret);
    }
  });

  it('reads a ticket with its company, contact and configuration, and its notes', async () => {
    psa = providerFor(fake.connection());
    const ticket = await psa.getTicket(fake.ticketId);
    expect(ticket).toMatchObject({
      id: '4711',
      number: fake.ticketNumber,
      summary: 'Outlook keeps asking for the password',
      statusId: '1',
      company: 'Contoso Ltd',
      contact: 'Dana Reyes',
      configuration: 'LT-0042',
    });
    expect(ticket.description).toContain('prompts for credentials');
    const notes = await psa.listNotes(fake.ticketId);
    expect(notes.map((n) => n.text).join('\n')).toContain('after the password change');
  });

  it('answers not_found for a ticket that does not exist, without retrying', async () => {
    psa = providerFor(fake.connection());
    await psa.testConnection();
    const before = fake.server.requests.length;
    await expectPsaError(psa.getTicket('999999'), 'not_found');
    expect(fake.server.requests.length - before).toBe(1);
  });

  it('searches open tickets by words across pages, and by number', async () => {
    psa = providerFor(fake.connection());
    const printers = await psa.searchTickets('printer', 30);
    expect(printers).toHaveLength(30);
    expect(new Set(printers.map((t) => t.id)).size).toBe(30);
    const byNumber = await psa.searchTickets(fake.ticketNumber);
    expect(byNumber.map((t) => t.id)).toEqual(['4711']);
  });

  it('lists statuses (of the board where the PSA has boards)', async () => {
    psa = providerFor(fake.connection());
    const statuses = await psa.listStatuses('10');
    expect(statuses).toEqual(
      expect.arrayContaining([
        { id: '5', name: 'Resolved' },
        { id: '7', name: 'Escalated' },
      ]),
    );
  });

  it('posts a resolution note visible to the customer and an internal note that is not', async () => {
    psa = providerFor(fake.connection());
    const resolution = await psa.postNote(fake.ticketId, 'resolution', 'Fixed: reset the credential cache.');
    const internal = await psa.postNote(fake.ticketId, 'internal', 'Escalating: needs tier 2.');
    const byId = (id: string) => fake.world.notes.find((n) => String(n.id) === id)!;
    expect(byId(resolution.id)).toMatchObject({
      text: 'Fixed: reset the credential cache.',
      internal: false,
    });
    expect(byId(internal.id)).toMatchObject({ text: 'Escalating: needs tier 2.', internal: true });
  });

  it('moves the status and verifies it by re-reading; reports a status the PSA ignored', async () => {
    psa = providerFor(fake.connection());
    const moved = await psa.setStatus('5001', fake.resolvedStatusId);
    expect(moved).toEqual({ requestedStatusId: '5', actualStatusId: '5', verified: true });
    fake.server.ignoreStatusChanges = true;
    const ignored = await psa.setStatus('5002', fake.escalatedStatusId);
    expect(ignored).toEqual({ requestedStatusId: '7', actualStatusId: '1', verified: false });
  });

  it('waits out 429 Retry-After and retries 503, but never retries another 4xx', async () => {
    psa = providerFor(fake.connection());
    await psa.testConnection();
    fake.server.fail(429, 1, { retryAfter: 0.3 });
    const started = Date.now();
    await psa.getTicket(fake.ticketId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);

    fake.server.fail(503, 2);
    await expect(psa.getTicket(fake.ticketId)).resolves.toMatchObject({ id: '4711' });

    fake.server.fail(400, 1);
    const before = fake.server.requests.length;
    await expectPsaError(psa.getTicket(fake.ticketId), 'rejected');
    expect(fake.server.requests.length - before).toBe(1);

    fake.server.fail(503, 5);
    const down = await expectPsaError(psa.getTicket(fake.ticketId), 'unavailable');
    expect(down.retryable).toBe(true);
  });

  it('gives up on a slow answer with a timeout, and does not repeat a note POST that timed out', async () => {
    psa = providerFor(fake.connection());
    await psa.testConnection();
    fake.server.delay = { ms: 600 };
    await expectPsaError(psa.getTicket(fake.ticketId), 'timeout');
    fake.server.delay = null;
    fake.server.delayAnswer = { ms: 600, match: (r) => r.method === 'POST' && !r.path.endsWith('/query') };
    const notesBefore = fake.world.notes.length;
    const notePosts = () =>
      fake.server.requests.filter((r) => r.method === 'POST' && !r.path.endsWith('/query')).length;
    const postsBefore = notePosts();
    await expectPsaError(psa.postNote(fake.ticketId, 'resolution', 'slow note'), 'timeout');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(notePosts() - postsBefore).toBe(1);
    expect(fake.world.notes.length - notesBefore).toBe(1);
  });

  it('adds a time entry for a member found by email', async () => {
    psa = providerFor(fake.connection());
    const members = await psa.findMember(fake.memberEmail);
    expect(members).toEqual([expect.objectContaining({ id: fake.memberId, email: fake.memberEmail })]);
    expect(await psa.findMember('nobody@msp.example')).toEqual([]);
    const start = new Date('2026-01-01T14:00:00.000Z');
    const entry = await psa.addTimeEntry({
      ticketId: fake.ticketId,
      memberId: fake.memberId,
      start,
      end: new Date(start.getTime() + 30 * 60_000),
      notes: 'FlowPilot session',
    });
    expect(fake.world.timeEntries.find((e) => String(e.id) === entry.id)).toMatchObject({
      ticketId: 4711,
      memberId: 77,
    });
    // Listed back with their notes (how a retry finds one an earlier attempt posted), and
    // never among the ticket's notes.
    expect(await psa.listTimeEntries(fake.ticketId)).toContainEqual({
      id: entry.id,
      notes: 'FlowPilot session',
    });
    expect((await psa.listNotes(fake.ticketId)).map((note) => note.id)).not.toContain(entry.id);
  });
});
