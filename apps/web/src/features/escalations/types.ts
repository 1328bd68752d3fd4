/*
 * Escalation-queue shapes from @flowpilot/contracts (SPEC §7.5). Type-only imports.
 */
export type {
  TClaimResponse as ClaimResponse,
  TEscalationItem as EscalationItem,
  TEscalationList as EscalationList,
  TEscalationStreamEvent as EscalationStreamEvent,
} from '@flowpilot/contracts/escalations';
