import type { Migration } from './migration.ts';
import { foundation } from './migrations/0001-foundation.ts';
import { pilotSessions } from './migrations/0002-pilot-sessions.ts';
import { scriptTemplates } from './migrations/0003-script-templates.ts';
import { scriptBuilder } from './migrations/0004-script-builder.ts';
import { sessionClosing } from './migrations/0005-session-closing.ts';
import { sessionSearchTrigger } from './migrations/0006-session-search-trigger.ts';
import { attachmentsTable } from './migrations/0009-attachments.ts';
import { onePendingDraftPerFix } from './migrations/0007-one-pending-draft-per-fix.ts';
import { messageContextSent } from './migrations/0008-message-context-sent.ts';
import { attachmentMessageLink } from './migrations/0010-attachment-message-link.ts';
import { knowledge } from './migrations/0011-knowledge.ts';
import { psaConnection } from './migrations/0012-psa.ts';
import { escalationQueue } from './migrations/0013-escalation-queue.ts';
import { builderMessageContext } from './migrations/0015-builder-message-context.ts';
import { psaDeliveryPerClose } from './migrations/0016-psa-delivery-per-close.ts';
import { resolveStampsLatestClaim } from './migrations/0017-resolve-stamps-latest-claim.ts';

/** Every migration in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  foundation,
  pilotSessions,
  scriptTemplates,
  scriptBuilder,
  sessionClosing,
  sessionSearchTrigger,
  attachmentsTable,
  onePendingDraftPerFix,
  messageContextSent,
  attachmentMessageLink,
  knowledge,
  psaConnection,
  escalationQueue,
  builderMessageContext,
  psaDeliveryPerClose,
  resolveStampsLatestClaim,
];
