/* Attachment shapes from @flowpilot/contracts (type-only: no zod reaches the bundle). */
export type { TAttachment as Attachment } from '@flowpilot/contracts/attachments';
