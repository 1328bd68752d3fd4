import { z } from 'zod';
import { ZTimestamp, ZUuid, zText } from './common.ts';
import { ZContextSent, ZMessageContent } from './messages.ts';
import { ZScriptLanguage } from './suggested-fixes.ts';

/** Open standalone Script Builder sessions one engineer may hold; inline ones never count. */
export const SCRIPT_BUILDER_STANDALONE_CAP = 5;
export const MAX_SCRIPT_LENGTH = 50_000;

export const ZScriptBuilderOrigin = z.enum(['standalone', 'pilot_inline']);

/** A file name, not a path: what the engineer saves the script as. */
export const ZScriptFilename = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (name) => !/[\\/]/.test(name) && [...name].every((char) => char.charCodeAt(0) >= 0x20),
    'must be a file name without folders or control characters',
  );

export const ZCreateScriptBuilderSessionRequest = z.object({
  language: ZScriptLanguage.default('powershell'),
  origin: ZScriptBuilderOrigin.default('standalone'),
  /** Required for `pilot_inline`: the caller's pilot session this builder belongs to. */
  ai_session_id: ZUuid.optional(),
  title: zText(200).optional(),
  /** Starts the session from an existing script ("Build a reusable template"). */
  initial_script: z.string().max(MAX_SCRIPT_LENGTH).optional(),
  initial_script_filename: ZScriptFilename.optional(),
});
export type TCreateScriptBuilderSessionRequest = z.infer<typeof ZCreateScriptBuilderSessionRequest>;

export const ZScriptBuilderSession = z.object({
  id: ZUuid,
  language: ZScriptLanguage,
  origin: ZScriptBuilderOrigin,
  ai_session_id: ZUuid.nullable(),
  title: z.string(),
  latest_script: z.string().nullable(),
  latest_script_filename: z.string().nullable(),
  created_at: ZTimestamp,
  updated_at: ZTimestamp,
});
export type TScriptBuilderSession = z.infer<typeof ZScriptBuilderSession>;

export const ZScriptBuilderSessionList = z.object({
  items: z.array(ZScriptBuilderSession),
  /** Open standalone sessions the caller holds, against `cap`. */
  count: z.number().int(),
  cap: z.number().int(),
});

export const ZScriptBuilderSessionPatch = z.object({
  latest_script: z.string().max(MAX_SCRIPT_LENGTH).nullable().optional(),
  latest_script_filename: ZScriptFilename.nullable().optional(),
  title: zText(200).optional(),
  language: ZScriptLanguage.optional(),
});
export type TScriptBuilderSessionPatch = z.infer<typeof ZScriptBuilderSessionPatch>;

export const ZScriptBuilderMessage = z.object({
  id: ZUuid,
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  status: z.enum(['streaming', 'complete', 'failed']),
  error: z.object({ code: z.string(), detail: z.string(), retryable: z.boolean() }).nullable(),
  input_tokens: z.number().int().nullable(),
  output_tokens: z.number().int().nullable(),
  /** What the model was given: inline-tab replies (the pilot session within the budget); null otherwise. */
  context: ZContextSent.nullable(),
  created_at: ZTimestamp,
});
export type TScriptBuilderMessage = z.infer<typeof ZScriptBuilderMessage>;

export const ZScriptBuilderMessageList = z.object({ items: z.array(ZScriptBuilderMessage) });

export const ZPostScriptBuilderMessageRequest = z.object({ content: ZMessageContent });

/** The JSON answer to a finished turn: its two messages and where the script stands now. */
export const ZPostScriptBuilderMessageResponse = z.object({
  messages: z.array(ZScriptBuilderMessage),
  latest_script: z.string().nullable(),
  latest_script_filename: z.string().nullable(),
  session: ZScriptBuilderSession,
});

export interface TScriptUpdate {
  latest_script: string;
  latest_script_filename: string;
}

/** Server-Sent Events of a streamed Script Builder turn. */
export type TScriptBuilderStreamEvent =
  | { event: 'user_message'; data: TScriptBuilderMessage }
  | { event: 'start'; data: { assistant_message_id: string } }
  | { event: 'delta'; data: { text: string } }
  | { event: 'script'; data: TScriptUpdate }
  | { event: 'done'; data: { assistant_message: TScriptBuilderMessage; session: TScriptBuilderSession } }
  | { event: 'error'; data: { code: string; detail: string; retryable: boolean; message_id: string } };
