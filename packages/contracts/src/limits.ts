/*
 * Limits the web app shows before the server enforces them. No zod here, so the web app can
 * import the values without pulling the schemas into its bundle.
 */

/** The largest upload accepted (SPEC §7.2): screenshots and log files, not archives. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** How many attachments one intake or one message may carry. */
export const ATTACHMENTS_PER_MESSAGE = 10;
/**
 * The longest message the pilot chat and the Script Builder take, in characters after trimming
 * (re-exported by messages.ts, whose schemas enforce it). The composer counts against it.
 */
export const MAX_MESSAGE_LENGTH = 200_000;
