import { z } from 'zod';

/** Languages a template or drafted script can be written in. */
export const scriptLanguages = ['powershell', 'bash', 'python'] as const;
export type ScriptLanguage = (typeof scriptLanguages)[number];

export const parameterTypes = ['string', 'integer', 'number', 'boolean', 'enum', 'secret'] as const;
export type ParameterType = (typeof parameterTypes)[number];

/**
 * One typed parameter of a script template. The body refers to it as a bare
 * `{{name}}` placeholder; rendering emits the value as one quoted literal of the
 * template's language, so a value can never inject code.
 */
export const ZTemplateParameter = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be an identifier (letters, digits, _)'),
  label: z.string().min(1).max(200),
  type: z.enum(parameterTypes),
  required: z.boolean().default(false),
  default: z.union([z.string(), z.number(), z.boolean()]).nullable().optional(),
  options: z.array(z.string().min(1).max(200)).max(100).optional(),
  pattern: z.string().max(500).optional(),
  help: z.string().max(1000).optional(),
  sensitive: z.boolean().default(false),
});
export type TemplateParameter = z.infer<typeof ZTemplateParameter>;
