/*
 * Audit trail shapes from @flowpilot/contracts. Type-only imports: no zod reaches the bundle.
 */
export type {
  TAuditEvent as AuditEvent,
  TAuditEventList as AuditEventList,
} from '@flowpilot/contracts/session-closing';
export type { TSuggestedFix as SuggestedFix } from '@flowpilot/contracts/suggested-fixes';
