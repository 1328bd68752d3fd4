import { z } from 'zod';
import { scriptLanguages, ZTemplateParameter } from './script-template.ts';

const ZSlug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case');
const ZLocalId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case')
  .max(40);
const ZPhrase = z.string().trim().min(1).max(200);
const ZSignalId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9:._/-]*$/, 'must be a lower-case signal id')
  .max(80);

export const operatingSystems = ['windows', 'macos', 'linux'] as const;
export type OperatingSystem = (typeof operatingSystems)[number];

/**
 * Evidence a playbook declares about itself, as log-odds: +2 is strong support, -2 strong
 * evidence against. `phrases` match the engineer's prose (negation-aware, stemmed);
 * `ids` match signals read from pasted output, error codes and the environment
 * (`code:0x80070005`, `os:linux`, `scope:many-users`, `hosting:cloud`).
 */
export const ZPlaybookSignal = z
  .object({
    phrases: z.array(ZPhrase).optional(),
    ids: z.array(ZSignalId).optional(),
    weight: z.number().min(-5).max(5),
  })
  .strict()
  .refine((signal) => (signal.phrases?.length ?? 0) + (signal.ids?.length ?? 0) > 0, 'needs phrases or ids');

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
    /**
     * Signals read from pasted command output that give this answer without asking
     * (e.g. `service:spooler:stopped`, `prop:lockedout:true`, `apipa`).
     */
    signals: z.array(ZSignalId).optional(),
  })
  .strict();

export const ZPlaybookQuestion = z
  .object({
    id: ZLocalId,
    text: z.string().trim().min(5).max(300),
    answers: z.array(ZPlaybookAnswer).min(1),
    /** Only asked on these systems (default: wherever the playbook applies). */
    os: z.array(z.enum(operatingSystems)).optional(),
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
    /** Systems the fix is for; a session on another system counts strongly against it. */
    os: z.array(z.enum(operatingSystems)).optional(),
    symptoms: z.array(ZPhrase).min(1).max(50),
    keywords: z.array(ZPhrase).max(50).optional(),
    signals: z.array(ZPlaybookSignal).max(50).optional(),
    questions: z.array(ZPlaybookQuestion).max(30),
    checks: z.array(ZPlaybookCheck).max(30),
    root_cause: z.string().trim().min(10).max(2000),
    fix: z
      .object({
        title: z.string().trim().min(5).max(200),
        description: z.string().trim().min(10).max(5000),
        /** Lowest confidence at which the fix is still offered once every question is asked. */
        confidence_floor: z.number().min(0).max(1).optional(),
      })
      .strict(),
    /** A built-in's own template (shipped with the pack, seeded as a built-in script template). */
    template: ZPlaybookTemplate.optional(),
    /** An account playbook's fix links a template of the account's library instead. */
    template_id: z.uuid().nullable().optional(),
  })
  .strict();

/**
 * A playbook: what the offline engine works from and what the API stores, one schema for both
 * (SPEC §7.3). Built-ins carry their template inline; an account's own playbook may have no
 * questions or checks yet (one learnt from a single session) and links its template by id.
 */
export type Playbook = z.infer<typeof ZPlaybook>;
/** The shipped pack: every built-in has its own template. */
export type BuiltinPlaybook = Playbook & { template: PlaybookTemplate };
export type PlaybookQuestion = z.infer<typeof ZPlaybookQuestion>;
export type PlaybookAnswer = z.infer<typeof ZPlaybookAnswer>;
export type PlaybookSignal = z.infer<typeof ZPlaybookSignal>;
export type PlaybookCheck = z.infer<typeof ZPlaybookCheck>;
export type PlaybookTemplate = z.infer<typeof ZPlaybookTemplate>;

const placeholderPattern = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Names of the `{{param}}` placeholders in a template body, in order of first use. */
export function templatePlaceholders(body: string): string[] {
  return [...new Set([...body.matchAll(placeholderPattern)].map((match) => match[1] ?? ''))];
}

function duplicatesOf(values: string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/**
 * Rules one field cannot check alone: unique question and check ids, and a template whose
 * placeholders and parameters agree. Empty when the playbook is sound.
 */
export function playbookProblems(playbook: Playbook): string[] {
  const problems: string[] = [];
  for (const id of duplicatesOf(playbook.questions.map((question) => question.id)))
    problems.push(`duplicate question id ${id}`);
  for (const id of duplicatesOf(playbook.checks.map((check) => check.id)))
    problems.push(`duplicate check id ${id}`);

  if (!playbook.template) return problems;
  const { body, parameters_schema: parameters } = playbook.template;
  const declared = parameters.map((parameter) => parameter.name);
  const used = templatePlaceholders(body);
  for (const name of used)
    if (!declared.includes(name)) problems.push(`placeholder {{${name}}} has no declared parameter`);
  for (const name of declared)
    if (!used.includes(name)) problems.push(`parameter ${name} is never used in the body`);
  for (const name of duplicatesOf(declared)) problems.push(`duplicate parameter ${name}`);
  // Rendering emits each value as a complete quoted literal; a placeholder inside quotes would be quoted twice.
  for (const match of body.matchAll(/["']\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) {
    problems.push(`placeholder {{${match[1]}}} must be bare, not inside quotes`);
  }
  for (const parameter of parameters) {
    if (parameter.type === 'enum' && !parameter.options?.length)
      problems.push(`enum parameter ${parameter.name} has no options`);
    if (parameter.type === 'secret' && !parameter.sensitive)
      problems.push(`secret parameter ${parameter.name} must be sensitive`);
    if (
      parameter.default != null &&
      parameter.type === 'enum' &&
      !parameter.options?.includes(String(parameter.default))
    ) {
      problems.push(`default of ${parameter.name} is not one of its options`);
    }
  }
  return problems;
}
