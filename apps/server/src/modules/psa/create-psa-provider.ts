import type { TPsaProvider } from '@flowpilot/contracts/psa';
import type { Config } from '../../env.ts';
import { AutotaskProvider } from './autotask-provider.ts';
import { ConnectWiseProvider } from './connectwise-provider.ts';
import { HaloPsaProvider } from './halopsa-provider.ts';
import type { PsaProvider } from './psa-provider.ts';
import { ConcurrencyLimits, TokenBuckets } from './token-bucket.ts';

/** The non-secret half of a connection, as stored in psa_connections.settings. */
export type PsaSettings = Record<string, unknown>;
/** The secret half, only ever in memory after decryption. */
export type PsaSecrets = Record<string, string>;

/**
 * One bucket set per provider, shared by every client of this process, keyed by account:
 * ConnectWise publishes no rate (a conservative 10/s), Halo is reported at 300 per 5 minutes,
 * Autotask allows 10,000 an hour per database and 3 concurrent requests per endpoint.
 */
const buckets = {
  connectwise: new TokenBuckets(20, 10),
  halopsa: new TokenBuckets(50, 1),
  autotask: new TokenBuckets(50, 10_000 / 3600),
};
const autotaskConcurrency = new ConcurrencyLimits(3);

const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function createPsaProvider(
  config: Config,
  accountId: string,
  provider: TPsaProvider,
  settings: PsaSettings,
  secrets: PsaSecrets,
): PsaProvider {
  const policy = {
    timeoutMs: config.psa.timeoutMs,
    maxRetries: config.psa.maxRetries,
    backoffBaseMs: config.psa.backoffBaseMs,
    maxInlineWaitMs: config.psa.maxInlineWaitMs,
    allowedHosts: config.psa.allowedHosts,
  };
  const key = accountId;
  switch (provider) {
    case 'connectwise':
      return new ConnectWiseProvider(
        {
          siteUrl: str(settings.site_url),
          companyId: str(settings.company_id),
          clientId: str(settings.client_id),
          publicKey: secrets.public_key ?? '',
          privateKey: secrets.private_key ?? '',
        },
        policy,
        buckets.connectwise,
        key,
      );
    case 'halopsa':
      return new HaloPsaProvider(
        {
          baseUrl: str(settings.base_url),
          clientId: str(settings.client_id),
          clientSecret: secrets.client_secret ?? '',
        },
        policy,
        buckets.halopsa,
        key,
      );
    case 'autotask':
      return new AutotaskProvider(
        {
          zoneUrl: str(settings.zone_url) || null,
          zoneLookupUrl: config.psa.autotaskZoneLookupUrl,
          username: str(settings.username),
          secret: secrets.secret ?? '',
          integrationCode: secrets.integration_code ?? '',
        },
        policy,
        buckets.autotask,
        key,
        autotaskConcurrency,
      );
  }
}

/** Which keys of a PUT body are secrets, per provider (encrypted; never returned). */
export const secretFields: Record<TPsaProvider, readonly string[]> = {
  connectwise: ['public_key', 'private_key'],
  halopsa: ['client_secret'],
  autotask: ['integration_code', 'secret'],
};

const commonKeys = [
  'resolved_status_id',
  'escalated_status_id',
  'board_id',
  'post_time_entries',
  'member_mappings',
];

/** Splits a connection request into what may be shown (settings) and what is encrypted (secrets). */
export function splitConnectionInput(input: { provider: TPsaProvider } & Record<string, unknown>) {
  const secretKeys = secretFields[input.provider];
  const settings: PsaSettings = {};
  const secrets: PsaSecrets = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'provider' || value === undefined) continue;
    if (secretKeys.includes(key)) secrets[key] = String(value);
    else settings[key] = value;
  }
  for (const key of commonKeys) if (!(key in settings)) settings[key] = key === 'member_mappings' ? [] : null;
  return { provider: input.provider, settings, secrets };
}
