import { startFakeAutotask } from './fake-autotask.ts';
import { startFakeConnectWise } from './fake-connectwise.ts';
import { startFakeHaloPsa } from './fake-halopsa.ts';
import type { FakePsa } from './fake-psa-server.ts';

export const fakePsaProviders = ['connectwise', 'halopsa', 'autotask'] as const;

export function startFakePsa(provider: (typeof fakePsaProviders)[number]): Promise<FakePsa> {
  if (provider === 'connectwise') return startFakeConnectWise();
  if (provider === 'halopsa') return startFakeHaloPsa();
  return startFakeAutotask();
}
