import type { TPsaConnection } from '@flowpilot/contracts/psa';
import type { Db } from '@flowpilot/db/database';
import type { PsaConnectionRow } from '@flowpilot/db/schema-psa';
import { secretFields } from './create-psa-provider.ts';
import { findConnection, type AccountScope } from './psa.repository.ts';

export const notConfigured: TPsaConnection = {
  provider: null,
  status: 'not_configured',
  settings: {},
  secrets_set: [],
  last_checked_at: null,
  last_error: null,
};

/** The connection as shown: settings and which secrets are stored, never a secret itself. */
export function toConnectionDto(row: PsaConnectionRow): TPsaConnection {
  return {
    provider: row.provider,
    status: row.status,
    settings: row.settings,
    secrets_set: [...secretFields[row.provider]],
    last_checked_at: row.lastCheckedAt?.toISOString() ?? null,
    last_error: row.lastError,
  };
}

export async function getPsaConnection(db: Db, scope: AccountScope): Promise<TPsaConnection> {
  const row = await findConnection(db, scope);
  return row ? toConnectionDto(row) : notConfigured;
}
