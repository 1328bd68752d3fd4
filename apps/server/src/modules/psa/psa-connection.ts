import { AppError } from '@flowpilot/core/app-error';
import type { TPsaProvider } from '@flowpilot/contracts/psa';
import type { Db, Tx } from '@flowpilot/db/database';
import type { PsaConnectionRow } from '@flowpilot/db/schema-psa';
import type { AppContext } from '../../app-context.ts';
import { createPsaProvider, type PsaSecrets, type PsaSettings } from './create-psa-provider.ts';
import { PsaError, type PsaProvider } from './psa-provider.ts';
import { findConnection, type AccountScope } from './psa.repository.ts';
import { loadSecretKey, openSecrets } from './secret-box.ts';

export interface OpenConnection {
  row: PsaConnectionRow;
  provider: PsaProvider;
  settings: PsaSettings;
  secrets: PsaSecrets;
}

export function decryptConnection(ctx: AppContext, row: PsaConnectionRow): PsaSecrets {
  try {
    return openSecrets(loadSecretKey(ctx.config), row.accountId, row.secrets);
  } catch {
    // A changed SECRET_KEY or a lost key file: the stored credentials are unreadable, not leaked.
    throw new AppError(
      'conflict',
      'The stored PSA credentials cannot be decrypted (the secret key changed). Save the connection again.',
    );
  }
}

export function providerFor(ctx: AppContext, row: PsaConnectionRow, secrets: PsaSecrets): PsaProvider {
  return createPsaProvider(ctx.config, row.accountId, row.provider as TPsaProvider, row.settings, secrets);
}

/** The account's PSA, ready to call; 409 when none is connected. */
export async function openConnection(
  ctx: AppContext,
  db: Db | Tx,
  scope: AccountScope,
  /** Looking up a PSA record by id: with no PSA there is no such record (404, like any other account's id). */
  whenMissing: 'conflict' | 'not_found' = 'conflict',
): Promise<OpenConnection> {
  const row = await findConnection(db, scope);
  if (!row) {
    throw new AppError(
      whenMissing,
      whenMissing === 'conflict'
        ? 'No PSA is connected. An owner can connect one in Settings.'
        : 'No PSA is connected, so there is no such ticket.',
    );
  }
  const secrets = decryptConnection(ctx, row);
  return { row, provider: providerFor(ctx, row, secrets), settings: row.settings, secrets };
}

/** A PSA failure as the API says it: a missing record is 404, the rest is the PSA's trouble (502). */
export function asAppError(error: unknown): unknown {
  if (!(error instanceof PsaError)) return error;
  if (error.kind === 'not_found') return new AppError('not_found', error.message);
  return new AppError('psa_unavailable', error.message);
}

export async function callPsa<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asAppError(error);
  }
}
