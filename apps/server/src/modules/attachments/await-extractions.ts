import type { Db } from '@flowpilot/db/database';
import { countPendingExtractions } from './attachments.repository.ts';

/** How long a reply waits for the text of screenshots sent with it (SPEC §7.2). */
export const EXTRACTION_WAIT_MS = 10_000;
const POLL_MS = 150;

/**
 * Waits, bounded, until no attachment of the session is still being read, so the reply is
 * written with the screenshot's text (an error code in it counts like typed text). Reads the
 * rows rather than this process's OCR queue: the upload may have been read by another process.
 * Past the bound the reply goes ahead; the model is told the text is not read yet.
 */
export async function awaitExtractions(
  db: Db,
  accountId: string,
  aiSessionId: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
) {
  const deadline = Date.now() + (options.timeoutMs ?? EXTRACTION_WAIT_MS);
  for (;;) {
    const pending = await countPendingExtractions(db, accountId, aiSessionId);
    if (pending === 0) return { waited: true, pending: 0 };
    if (Date.now() >= deadline || options.signal?.aborted) return { waited: false, pending };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
