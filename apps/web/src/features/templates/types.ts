/*
 * Script-template shapes from @flowpilot/contracts. Type-only imports: no zod reaches the bundle.
 */
import type { z } from 'zod';
import type {
  TScriptTemplate,
  ZCreateScriptTemplateRequest,
  ZDraftTemplateList,
  ZRenderTemplateResponse,
  ZScriptTemplateList,
  ZTemplateCategoryList,
  ZTemplateMatchList,
} from '@flowpilot/contracts/script-templates';

export type {
  TAcceptDraftRequest as AcceptDraftRequest,
  TDraftTemplate as DraftTemplate,
  TScriptGeneration as ScriptGeneration,
  TScriptTemplate as ScriptTemplate,
  TTemplateMatch as TemplateMatch,
} from '@flowpilot/contracts/script-templates';

export type TemplateParameter = TScriptTemplate['parameters_schema'][number];
export type ParameterType = TemplateParameter['type'];
/** What the client sends (defaults still optional). */
export type CreateTemplateRequest = z.input<typeof ZCreateScriptTemplateRequest>;
/** An edit sends the whole definition again; the server checks body and parameters together. */
export type UpdateTemplateRequest = Omit<CreateTemplateRequest, 'language'>;
export type TemplateLanguage = TScriptTemplate['language'];
export type ScriptTemplateList = z.infer<typeof ZScriptTemplateList>;
export type TemplateCategoryList = z.infer<typeof ZTemplateCategoryList>;
export type TemplateMatchList = z.infer<typeof ZTemplateMatchList>;
export type RenderTemplateResponse = z.infer<typeof ZRenderTemplateResponse>;
export type DraftTemplateList = z.infer<typeof ZDraftTemplateList>;

/** What a parameter form holds: text for every typed field, a flag for booleans. */
export type ParameterValues = Record<string, string | boolean>;

export const templateLanguages: readonly TemplateLanguage[] = ['powershell', 'bash', 'python'];
