import { z } from 'zod';
import { scriptLanguages, ZTemplateParameter } from '@flowpilot/core/script-template';

const ZSlug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case');
const ZLocalId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case')
  .max(40);
const ZPhrase = z.string().trim().min(1).max(200);

/** What an answer says about the playbook that asked the question. */
export const ZAnswerImplication = z
  .object({
    effect: z.enum(['supports', 'rules_out']),
    /** How far this answer moves confidence (0.3 is a strong signal, 0.1 a hint). */
    weight: z.number().min(0).max(1),
  })
  .strict();

export const ZPlaybookAnswer = z
  .object({
    /** Phrases that select this answer; "yes" and "no" also match their usual synonyms. */
    match: z.array(ZPhrase).min(1),
    implies: ZAnswerImplication,
    /** Promoted to "What we know" when the engineer gives this answer. */
    fact: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const ZPlaybookQuestion = z
  .object({
    id: ZLocalId,
    text: z.string().trim().min(5).max(300),
    answers: z.array(ZPlaybookAnswer).min(1),
  })
  .strict();

export const ZPlaybookCheck = z
  .object({
    id: ZLocalId,
    title: z.string().trim().min(3).max(200),
    command: z.string().trim().min(1).max(2000),
    language: z.enum(['powershell', 'bash', 'python', 'cmd']),
  })
  .strict();

export const ZPlaybookTemplate = z
  .object({
    slug: ZSlug,
    name: z.string().trim().min(3).max(200),
    description: z.string().trim().min(10).max(2000),
    language: z.enum(scriptLanguages),
    category: z.string().trim().min(2).max(100),
    /** Script with bare `{{param}}` placeholders; rendering quotes every value. */
    body: z.string().min(20).max(50_000),
    parameters_schema: z.array(ZTemplateParameter),
  })
  .strict();

export const ZPlaybook = z
  .object({
    slug: ZSlug,
    title: z.string().trim().min(5).max(200),
    category: z.string().trim().min(2).max(100),
    symptoms: z.array(ZPhrase).min(2),
    keywords: z.array(ZPhrase).min(1),
    questions: z.array(ZPlaybookQuestion).min(2),
    checks: z.array(ZPlaybookCheck).min(1),
    root_cause: z.string().trim().min(10).max(2000),
    fix: z
      .object({
        title: z.string().trim().min(5).max(200),
        description: z.string().trim().min(10).max(5000),
        /** Lowest confidence at which the fix is still offered once every question is asked. */
        confidence_floor: z.number().min(0).max(1).optional(),
      })
      .strict(),
    template: ZPlaybookTemplate,
  })
  .strict();

export type Playbook = z.infer<typeof ZPlaybook>;
export type PlaybookQuestion = z.infer<typeof ZPlaybookQuestion>;
export type PlaybookAnswer = z.infer<typeof ZPlaybookAnswer>;
export type PlaybookCheck = z.infer<typeof ZPlaybookCheck>;
export type PlaybookTemplate = z.infer<typeof ZPlaybookTemplate>;

const placeholderPattern = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Names of the `{{param}}` placeholders in a template body, in order of first use. */
export function templatePlaceholders(body: string): string[] {
  return [...new Set([...body.matchAll(placeholderPattern)].map((match) => match[1] ?? ''))];
}
