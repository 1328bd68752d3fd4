import { and, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { TClosingKind, TPreviewRequest, TPreviewResponse } from '@flowpilot/contracts/session-closing';
import { aiSessions } from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import {
  admitSession,
  getOwnedSession,
  inAccount,
  type SessionCaller,
} from '../session-core/sessions.repository.ts';
import { composeClosingText, kindSlug, sessionFingerprint } from './compose-closing-text.ts';
import { loadSessionSnapshot } from './load-session-snapshot.ts';
import { polishClosingText } from './polish-closing-text.ts';
import type { PreviewKey } from './preview-cache.ts';

/** Just what a cache lookup needs: ownership, the version and the fields in the fingerprint. */
async function findPreviewState(ctx: AppContext, owner: SessionCaller, sessionId: string) {
  const [row] = await ctx.database.db
    .select({
      id: aiSessions.id,
      userId: aiSessions.userId,
      assigneeId: aiSessions.assigneeId,
      escalatedAt: aiSessions.escalatedAt,
      stateVersion: aiSessions.stateVersion,
      title: aiSessions.title,
      intakeContent: aiSessions.intakeContent,
      clientName: aiSessions.clientName,
      assetName: aiSessions.assetName,
      issueCategory: aiSessions.issueCategory,
      triageHypothesis: aiSessions.triageHypothesis,
    })
    .from(aiSessions)
    .where(and(inAccount(owner), eq(aiSessions.id, sessionId)))
    .limit(1);
  return admitSession(row, owner, 'read');
}

const cacheKey = (
  kind: TClosingKind,
  session: { id: string; stateVersion: number },
  polished: boolean,
): PreviewKey => ({
  kind: `${kindSlug(kind)}${polished ? '-polished' : ''}`,
  sessionId: session.id,
  stateVersion: session.stateVersion,
});

/**
 * The resolution note or escalation package for the session as it is now. A repeat at the
 * same state_version costs one indexed read (ownership and version) and a cache lookup.
 * `polish` rewords with the configured model; offline it is ignored.
 */
export async function previewClosingText(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  kind: TClosingKind,
  request: TPreviewRequest,
  log: FastifyBaseLogger = ctx.log,
): Promise<TPreviewResponse> {
  const polish = request.polish === true && ctx.model.backend !== 'offline';
  const variant = polish ? `${ctx.model.backend}/${ctx.model.model}` : '';

  const current = await findPreviewState(ctx, caller, sessionId);
  const cached = await ctx.previewCache.get(cacheKey(kind, current, polish));
  if (cached && cached.fingerprint === sessionFingerprint(current, variant)) {
    return {
      markdown: cached.markdown,
      state_version: current.stateVersion,
      from_cache: true,
      polished: cached.polished,
    };
  }

  // One snapshot of one version: a write landing meanwhile must not mix into this text.
  const { session, snapshot } = await ctx.database.db.transaction(
    async (tx) => {
      const row = await getOwnedSession(tx, caller, sessionId);
      return { session: row, snapshot: await loadSessionSnapshot(tx, row) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const markdown = composeClosingText(kind, snapshot);
  const plain = { markdown, state_version: session.stateVersion, from_cache: false, polished: false };

  if (polish) {
    const polished = await polishClosingText(ctx.model, kind, markdown, snapshot, {
      timeoutMs: ctx.config.llm.timeoutMs,
      log,
    });
    if (polished) {
      await ctx.previewCache.set(cacheKey(kind, session, true), {
        markdown: polished,
        fingerprint: sessionFingerprint(session, variant),
        polished: true,
      });
      return { ...plain, markdown: polished, polished: true };
    }
    // Not cached under the polished key: the next request may get a usable rewrite.
  }
  await ctx.previewCache.set(cacheKey(kind, session, false), {
    markdown,
    fingerprint: sessionFingerprint(session),
    polished: false,
  });
  return plain;
}
