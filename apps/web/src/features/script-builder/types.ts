/*
 * Script Builder shapes from @flowpilot/contracts. Type-only imports: no zod reaches the bundle.
 */
import type { z } from 'zod';
import type {
  ZCreateScriptBuilderSessionRequest,
  ZPostScriptBuilderMessageResponse,
  ZScriptBuilderMessageList,
  ZScriptBuilderOrigin,
  ZScriptBuilderSessionList,
} from '@flowpilot/contracts/script-builder';
import type {
  ZFixActionResponse,
  ZFixScriptPatch,
  ZScriptLanguage,
} from '@flowpilot/contracts/suggested-fixes';

export type {
  TScriptBuilderMessage as BuilderMessage,
  TScriptBuilderSession as BuilderSession,
  TScriptBuilderSessionPatch as BuilderSessionPatch,
  TScriptBuilderStreamEvent as BuilderStreamEvent,
} from '@flowpilot/contracts/script-builder';
export type { TSuggestedFix as SuggestedFix } from '@flowpilot/contracts/suggested-fixes';

export type ScriptLanguage = z.infer<typeof ZScriptLanguage>;
export type BuilderOrigin = z.infer<typeof ZScriptBuilderOrigin>;
export type BuilderSessionList = z.infer<typeof ZScriptBuilderSessionList>;
export type BuilderMessageList = z.infer<typeof ZScriptBuilderMessageList>;
export type PostBuilderMessageResponse = z.infer<typeof ZPostScriptBuilderMessageResponse>;
/** What the client sends (defaults still optional). */
export type CreateBuilderSessionRequest = z.input<typeof ZCreateScriptBuilderSessionRequest>;
export type FixScriptPatch = z.input<typeof ZFixScriptPatch>;
export type FixActionResponse = z.infer<typeof ZFixActionResponse>;
