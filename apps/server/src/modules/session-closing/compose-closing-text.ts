import { createHash } from 'node:crypto';
import { composeEscalationPackage } from '@flowpilot/core/escalation-package';
import { composeResolutionNote } from '@flowpilot/core/resolution-note';
import { withImplicitResolution, type SessionSnapshot } from '@flowpilot/core/session-snapshot';
import type { TClosingKind } from '@flowpilot/contracts/session-closing';
import type { SessionRow } from '../session-core/sessions.repository.ts';

const composers: Record<TClosingKind, (snapshot: SessionSnapshot) => string> = {
  resolution_note: (snapshot) => composeResolutionNote(withImplicitResolution(snapshot)),
  escalation_package: composeEscalationPackage,
};

/** The deterministic text: the same snapshot always yields the same markdown. */
export const composeClosingText = (kind: TClosingKind, snapshot: SessionSnapshot) =>
  composers[kind](snapshot);

/** How a kind appears in cache keys and audit actions. */
export const kindSlug = (kind: TClosingKind) =>
  kind === 'resolution_note' ? 'resolution-note' : 'escalation-package';

/**
 * Title, intake and triage show in the text but (by SPEC §2) do not bump state_version; a
 * digest of them travels with each cached preview so an edited hypothesis is never served stale.
 */
export function sessionFingerprint(
  session: Pick<
    SessionRow,
    'title' | 'intakeContent' | 'clientName' | 'assetName' | 'issueCategory' | 'triageHypothesis'
  >,
  variant = '',
) {
  return createHash('sha1')
    .update(
      JSON.stringify([
        session.title,
        session.intakeContent,
        session.clientName,
        session.assetName,
        session.issueCategory,
        session.triageHypothesis,
        variant,
      ]),
    )
    .digest('base64url');
}
