import type { TPsaTestResult } from '@flowpilot/contracts/psa';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { openConnection } from './psa-connection.ts';
import { PsaError } from './psa-provider.ts';
import { upsertConnection } from './psa.repository.ts';

/** Calls the stored connection and records how it went (the Settings status indicator). */
export async function testPsaConnection(ctx: AppContext, caller: Caller): Promise<TPsaTestResult> {
  const connection = await openConnection(ctx, ctx.database.db, caller);
  let result: TPsaTestResult;
  try {
    const { version } = await connection.provider.testConnection();
    result = { ok: true, detail: 'Connected.', version };
  } catch (error) {
    if (!(error instanceof PsaError)) throw error;
    result = { ok: false, detail: error.message, version: null };
  }
  const { accountId: _accountId, ...row } = connection.row;
  await upsertConnection(ctx.database.db, caller, {
    ...row,
    status: result.ok ? 'connected' : 'error',
    lastError: result.ok ? null : result.detail,
    lastCheckedAt: new Date(),
  });
  return result;
}
