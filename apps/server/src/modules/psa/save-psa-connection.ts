import { AppError } from '@flowpilot/core/app-error';
import type { TPsaConnection, TPsaConnectionRequest } from '@flowpilot/contracts/psa';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { createPsaProvider, secretFields, splitConnectionInput } from './create-psa-provider.ts';
import { toConnectionDto } from './get-psa-connection.ts';
import { decryptConnection } from './psa-connection.ts';
import { PsaError } from './psa-provider.ts';
import { findConnection, upsertConnection } from './psa.repository.ts';
import { loadSecretKey, sealSecrets } from './secret-box.ts';

/**
 * Saves the account's PSA connection, but only one that works: the PSA is called first and a
 * refusal is 422 with the PSA's reason, nothing stored. Secrets left out of a re-save of the
 * same provider are kept; they are sealed with AES-256-GCM before they reach the database.
 */
export async function savePsaConnection(
  ctx: AppContext,
  caller: Caller,
  input: TPsaConnectionRequest,
): Promise<TPsaConnection> {
  const { provider, settings, secrets } = splitConnectionInput(input);
  const existing = await findConnection(ctx.database.db, caller);
  const kept = existing && existing.provider === provider ? decryptConnection(ctx, existing) : {};
  const merged = { ...kept, ...secrets };
  const missing = secretFields[provider].filter((field) => !merged[field]);
  if (missing.length > 0) {
    throw new AppError('validation_failed', `Enter the ${missing.join(' and ').replaceAll('_', ' ')}.`, {
      errors: missing.map((field) => ({ field: `body.${field}`, message: 'required' })),
    });
  }
  const psa = createPsaProvider(ctx.config, caller.accountId, provider, settings, merged);
  try {
    await psa.testConnection();
  } catch (error) {
    if (!(error instanceof PsaError)) throw error;
    throw new AppError('validation_failed', `The connection test failed: ${error.message}`);
  }
  const now = new Date();
  await ctx.database.db.transaction(async (tx) => {
    await upsertConnection(tx, caller, {
      provider,
      settings,
      secrets: sealSecrets(loadSecretKey(ctx.config), caller.accountId, merged),
      status: 'connected',
      lastError: null,
      lastCheckedAt: now,
      updatedByUserId: caller.userId,
      updatedAt: now,
    });
    await recordAuditEvent(tx, caller, {
      action: 'psa.connection.saved',
      subjectType: 'psa_connection',
      subjectId: null,
      before: existing ? { provider: existing.provider, settings: existing.settings } : null,
      after: { provider, settings },
    });
  });
  return toConnectionDto((await findConnection(ctx.database.db, caller))!);
}
