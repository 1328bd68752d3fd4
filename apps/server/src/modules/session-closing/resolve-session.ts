import { isVerifying } from '@flowpilot/core/fix-lifecycle';
import type { TResolvePostRequest } from '@flowpilot/contracts/session-closing';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { toLifecycleState } from '../session-core/fixes.repository.ts';
import { closeSession } from './close-session.ts';

/**
 * Resolve. Resolving while the fix is Verifying is the engineer saying it worked (the
 * implicit signal): the fix becomes applied_success before the note is composed.
 */
export function resolveSession(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  input: TResolvePostRequest,
) {
  return closeSession(ctx, caller, sessionId, {
    kind: 'resolution_note',
    markdown: input.markdown,
    planFixStep: (fix) =>
      fix && isVerifying(toLifecycleState(fix))
        ? {
            event: { type: 'outcome', outcome: 'applied_success' },
            action: 'fix.outcome.applied_success',
            reason: { recorded_by: 'resolve' },
          }
        : null,
  });
}
