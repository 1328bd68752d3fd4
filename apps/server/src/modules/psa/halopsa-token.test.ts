import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHaloPsa } from '../../../test/psa-fakes/fake-halopsa.ts';
import { loadConfig } from '../../env.ts';
import { createPsaProvider, splitConnectionInput } from './create-psa-provider.ts';

type FakeHalo = Awaited<ReturnType<typeof startFakeHaloPsa>>;

describe('HaloPSA client-credentials token', () => {
  let fake: FakeHalo;
  beforeAll(async () => {
    fake = await startFakeHaloPsa({ tokenTtlSeconds: 1 });
  });
  afterAll(() => fake.close());

  const provider = () => {
    const { provider: name, settings, secrets } = splitConnectionInput(fake.connection() as never);
    return createPsaProvider(
      loadConfig({ NODE_ENV: 'test', PSA_BACKOFF_MS: '5' }),
      'halo-token',
      name,
      settings,
      secrets,
    );
  };

  it('is fetched once and reused, and fetched again when the PSA says it expired', async () => {
    const psa = provider();
    await psa.getTicket('4711');
    await psa.listNotes('4711');
    await psa.searchTickets('printer', 5);
    expect(fake.tokensIssued()).toBe(1);
    // The fake expires it after a second (earlier than the cache thinks): one 401, one new token.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(psa.getTicket('4711')).resolves.toMatchObject({ id: '4711' });
    expect(fake.tokensIssued()).toBe(2);
  });
});
