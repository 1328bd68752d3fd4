import { renderTemplate, validateParameterValues, type ParameterValue } from '@flowpilot/core/script-render';
import type { ScriptLanguage, TemplateParameter } from '@flowpilot/core/script-template';
import { builtinTemplateId } from '../builtin-template-id.ts';
import {
  ModelError,
  type ChatChunk,
  type ChatMessage,
  type ChatModel,
  type ChatRequest,
} from '../chat-model.ts';
import { Bm25Index, type Bm25Document } from './bm25-index.ts';
import { loadPlaybookPack } from './playbook-pack.ts';
import { tokenize } from './text-analysis.ts';
import type { Playbook } from '@flowpilot/core/playbook';

/**
 * The Script Builder's offline assistant. It does not write new code: it finds the library
 * template that best fits the request (BM25 over names, descriptions and, for built-ins, the
 * playbook's symptoms), fills in the parameters it can read from the request (a host name,
 * a user, a path, a number…), and leaves a visible TODO for each required value it cannot.
 * It speaks through the same ChatModel interface as every other backend, so the server's
 * streaming path is identical.
 */

/** A template as the composer needs it: the account's own and the built-ins. */
export interface ComposerTemplate {
  id: string;
  slug: string | null;
  name: string;
  description: string;
  language: ScriptLanguage;
  category: string;
  body: string;
  parameters_schema: TemplateParameter[];
  is_builtin: boolean;
}

export interface OfflineScriptComposerOptions {
  /** The builder session's language: preferred when the request does not name another. */
  language: ScriptLanguage;
  /** The templates to choose from; read once per reply. */
  templates: () => Promise<readonly ComposerTemplate[]> | readonly ComposerTemplate[];
  /** What the script is for when known (the pilot fix an inline builder serves). */
  context?: string | undefined;
  /**
   * The button that opens the script for hand editing where the reply is read: "Edit" in the
   * Script Builder, "Write it myself" in a pilot session's Script Builder tab. Replies name it.
   */
  editorButton?: string | undefined;
  chunkSize?: number;
}

export const SCRIPT_COMPOSER_MODEL = 'template-composer-v1';

/** The built-in templates of the playbook pack, for when the library is not in the database. */
export function packTemplates(): ComposerTemplate[] {
  return loadPlaybookPack().map(({ template }) => ({
    id: builtinTemplateId(template.slug),
    slug: template.slug,
    name: template.name,
    description: template.description,
    language: template.language,
    category: template.category,
    body: template.body,
    parameters_schema: template.parameters_schema,
    is_builtin: true,
  }));
}

export function createOfflineScriptComposer(options: OfflineScriptComposerOptions): ChatModel {
  const chunkSize = Math.max(1, options.chunkSize ?? 48);
  return {
    backend: 'offline',
    model: SCRIPT_COMPOSER_MODEL,
    async *stream(request: ChatRequest): AsyncIterable<ChatChunk> {
      throwIfAborted(request.signal);
      const templates = await options.templates();
      const text = composeScriptReply({
        messages: request.messages,
        language: options.language,
        templates,
        context: options.context,
        editorButton: options.editorButton,
      });
      for (let offset = 0; offset < text.length; offset += chunkSize) {
        await new Promise((resolve) => setImmediate(resolve));
        throwIfAborted(request.signal);
        yield { type: 'text', text: text.slice(offset, offset + chunkSize) };
      }
      const inputTokens = request.messages.reduce((sum, message) => sum + countWords(message.content), 0);
      yield { type: 'usage', inputTokens, outputTokens: countWords(text) };
    },
  };
}

// ---------------------------------------------------------------------------
// File names

const extensions: Record<ScriptLanguage, string> = { powershell: 'ps1', bash: 'sh', python: 'py' };
const filenameNoise = new Set(
  'a an the to of on in for with and or my our your this that it script scripts please can could would you write create make build need want generate give me us which will now then also just again instead'.split(
    ' ',
  ),
);

/**
 * A file name in the language's convention from a phrase ("restart print spooler"):
 * PowerShell Verb-Noun (`Restart-PrintSpooler.ps1`), bash kebab-case, Python snake_case.
 * Words with digits (host names, tickets) and filler are left out.
 */
export function scriptFilename(phrase: string, language: ScriptLanguage): string {
  const words = phrase
    .normalize('NFKD')
    .split(/\s+/)
    .filter((token) => !/\d/.test(token))
    .flatMap((token) => token.split(/[^\p{L}]+/u))
    .map((word) => word.toLowerCase().replace(/[^a-z]/g, ''))
    .filter((word) => word && !filenameNoise.has(word))
    .slice(0, 4);
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  let stem: string;
  if (words.length === 0) stem = language === 'powershell' ? 'New-Script' : 'script';
  else if (language === 'powershell')
    stem =
      words.length === 1
        ? capital(words[0]!)
        : `${capital(words[0]!)}-${words.slice(1).map(capital).join('')}`;
  else stem = words.join(language === 'python' ? '_' : '-');
  return `${stem}.${extensions[language]}`;
}

// ---------------------------------------------------------------------------
// Reading the request

/** Words that say "make me a script", not what the script is about. */
const requestNoise =
  /\b(?:scripts?|write|create|make|build|generate|give|need|want|please|could|would|can|powershell|pwsh|bash|python|shell|code|file|using|something|stuff|things?|quick|simple|small|says?|said|hello|world|does|do|which|that|new|fix|check|run|get|set|show|list|find|install|add|every|it|also|then|just)\b/gi;

const stopCandidates = new Set(
  'the a an all this that these those every each my his her their our its your them me us it now here there local domain new old same other any some who which what when user users account accounts computer computers machine server pc host named called and or with on in at for to from by of as is are be please'.split(
    ' ',
  ),
);

interface Entities {
  emails: string[];
  ips: string[];
  uncPaths: string[];
  windowsPaths: string[];
  unixPaths: string[];
  domains: string[];
  hosts: string[];
  users: string[];
  driveLetters: string[];
  quoted: string[];
}

const fileExtensions = new Set([
  'sh',
  'py',
  'ps1',
  'psm1',
  'txt',
  'log',
  'exe',
  'msi',
  'json',
  'csv',
  'xml',
  'ost',
  'pst',
  'zip',
  'cfg',
  'conf',
  'ini',
  'md',
]);

const unique = (values: string[]) => [...new Set(values)];

function extractEntities(text: string): Entities {
  const emails = unique([...text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) => m[0]));
  const withoutEmails = text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ');
  const ips = unique(
    [...withoutEmails.matchAll(/(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g)].map((m) => m[0]),
  );
  const uncPaths = unique(
    [...text.matchAll(/\\\\[^\s\\'"]+\\[^\s'"]+/g)].map((m) => m[0].replace(/[.,;)]+$/, '')),
  );
  const windowsPaths = unique(
    [...text.matchAll(/(?<![\w\\])[A-Za-z]:\\[^\s'"]*/g)].map((m) => m[0].replace(/[.,;)]+$/, '')),
  );
  const unixPaths = unique(
    [...text.matchAll(/(?:^|[\s"'(=])(\/[\w.\-/]*)/g)]
      .map((m) => m[1]!.replace(/[.,;)]+$/, ''))
      .filter((path) => path.length > 0),
  );
  const domains = unique(
    [
      ...withoutEmails.matchAll(
        /(?<![\w.\\/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?![\w.-]*[\\/])/gi,
      ),
    ]
      .map((m) => m[0])
      .filter(
        (domain) => !fileExtensions.has(domain.split('.').at(-1)!.toLowerCase()) && !/^\d/.test(domain),
      ),
  );

  const looksLikeHost = (token: string) =>
    /^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/.test(token) &&
    !stopCandidates.has(token.toLowerCase()) &&
    /[A-Za-z]/.test(token) &&
    (/\d/.test(token) || /-/.test(token) || (token === token.toUpperCase() && token.length >= 3));
  const hosts: string[] = [];
  for (const m of withoutEmails.matchAll(
    /\b(?:computer|pc|host(?:name)?|server|machine|laptop|workstation|device|desktop|node|dc)\s+(?:named\s+|called\s+)?["']?([A-Za-z0-9][A-Za-z0-9-]*)/gi,
  )) {
    if (looksLikeHost(m[1]!)) hosts.push(m[1]!);
  }
  for (const m of withoutEmails.matchAll(/\b(?:on|from|to|against)\s+([A-Za-z0-9][A-Za-z0-9-]*)/gi)) {
    if (looksLikeHost(m[1]!) && /\d/.test(m[1]!)) hosts.push(m[1]!);
  }
  for (const m of withoutEmails.matchAll(
    /(?<![\w.\\/-])([A-Za-z]{2,}[A-Za-z0-9]*-[A-Za-z0-9-]*\d[A-Za-z0-9-]*|[A-Z]{2,}\d+[A-Z0-9]*)(?![\w.\\/-])/g,
  )) {
    if (looksLikeHost(m[1]!)) hosts.push(m[1]!);
  }

  const users: string[] = [];
  const looksLikeUser = (token: string) =>
    /^[A-Za-z][A-Za-z0-9._-]{1,63}$/.test(token) &&
    !stopCandidates.has(token.toLowerCase()) &&
    !hosts.includes(token) &&
    !domains.some((domain) => domain.toLowerCase() === token.toLowerCase()) &&
    !/[.]$/.test(token);
  for (const m of withoutEmails.matchAll(
    /\b(?:user(?:name)?|account|login|sam(?:accountname)?|identity|employee)\s+(?:named\s+|called\s+)?["']?([A-Za-z][A-Za-z0-9._-]*)/gi,
  )) {
    const token = m[1]!.replace(/[.]+$/, '');
    if (looksLikeUser(token) && !commonWords.has(token.toLowerCase())) users.push(token);
  }
  for (const m of withoutEmails.matchAll(
    /\b([A-Za-z][A-Za-z0-9._-]{1,30})'s\s+(?:account|profile|mailbox|pc|laptop|computer|password|session|desktop|login)\b/gi,
  )) {
    if (looksLikeUser(m[1]!)) users.push(m[1]!);
  }
  for (const m of withoutEmails.matchAll(
    /\b(?:for|where|why|unlock|reset|disable|enable|lock)\s+([a-z][a-z0-9._-]{1,30})\b(?!\s*(?:drive|mailbox|folder|share|server|printer))/g,
  )) {
    // Only lowercase logon-like words after "for", "unlock"… ("for jdoe"); "for the printer" is filler.
    const token = m[1]!;
    if (looksLikeUser(token) && /\d|[._]|^[a-z]{2,8}$/.test(token) && !commonWords.has(token))
      users.push(token);
  }

  const driveLetters = unique(
    [
      ...[...text.matchAll(/\bdrive\s+([A-Za-z]):?(?![\w])/gi)].map((m) => m[1]!),
      ...[...text.matchAll(/(?<![\w\\])([A-Za-z]):(?:\\|\s|$|[,.;])/g)].map((m) => m[1]!),
      ...[...text.matchAll(/\b([A-Za-z]):?\s+drive\b/gi)].map((m) => m[1]!),
    ].map((letter) => letter.toUpperCase()),
  );
  const quoted = unique(
    [...text.matchAll(/["“]([^"”\n]{1,200})["”]/g)].map((m) => m[1]!.trim()).filter(Boolean),
  );
  return {
    emails,
    ips,
    uncPaths,
    windowsPaths,
    unixPaths,
    domains,
    hosts: unique(hosts),
    users: unique(users),
    driveLetters,
    quoted,
  };
}

/** Everyday words a "for …" could be followed by that are never a logon name. */
const commonWords = new Set(
  'everyone everybody anyone someone him her them sales finance marketing support it hr admin admins staff good real now today example instance more less long short one two three windows linux mac office outlook teams onedrive printer printers printing disk disks space drive drives files file logs log cache caches backup backups update updates days hours weeks months time times dns dhcp vpn wifi mail email emails network networks reboot restart later lockout lockouts locked password passwords profile profiles mailbox settings name names details info permissions permission access rights status source'.split(
    ' ',
  ),
);

/** A language the request names or clearly implies, if any. */
function requestedLanguage(text: string): ScriptLanguage | null {
  const lower = text.toLowerCase();
  if (/\bpython\b/.test(lower)) return 'python';
  if (/\b(?:bash|shell script)\b/.test(lower)) return 'bash';
  if (/\b(?:powershell|pwsh)\b/.test(lower)) return 'powershell';
  if (
    /\b(?:linux|ubuntu|debian|centos|rhel|red hat|fedora|systemd|journalctl|apt|yum|dnf|nginx|apache2?|certbot)\b/.test(
      lower,
    )
  )
    return 'bash';
  if (/(?:^|\s)\/(?:var|etc|home|opt|srv|usr|tmp|mnt|data|root)\b/.test(lower)) return 'bash';
  if (
    /\b(?:windows|active directory|registry|gpo|exchange online|entra|outlook|teams)\b|(?<![\w\\])[a-z]:\\/.test(
      lower,
    )
  )
    return 'powershell';
  return null;
}

// ---------------------------------------------------------------------------
// Filling parameters

interface Inference {
  value: ParameterValue;
  /** Entity kinds this value consumed, so it is not also reported as an unused target. */
  consumed?: { hosts?: string[]; users?: string[] };
}

const nameWords = (param: TemplateParameter) => param.name.toLowerCase().split('_').filter(Boolean);
const has = (param: TemplateParameter, ...words: string[]) =>
  nameWords(param).some((word) => words.includes(word));
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function acceptable(param: TemplateParameter, value: ParameterValue): boolean {
  return validateParameterValues([param], { [param.name]: value }).errors.length === 0;
}

const negation = /\b(?:no|not|don't|dont|do not|without|skip|never|disable auto)\s+(?:\w+\s+){0,2}$/i;

function inferBoolean(param: TemplateParameter, text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (param.name === 'dry_run') {
    if (
      /\b(?:no|not an?|without|skip the|skip)\s+dry[- ]?run\b|\bfor real\b|\bactually (?:delete|remove|clean|do it|change)/.test(
        lower,
      )
    )
      return false;
    if (
      /\bdry[- ]?run\b|\bwhat ?if\b|\breport only\b|\bread[- ]only\b|\bdon't (?:change|delete) anything\b/.test(
        lower,
      )
    )
      return true;
    return undefined;
  }
  const filler = new Set(['run', 'use', 'include', 'do', 'after', 'the', 'a', 'to', 'as', 'enable']);
  const words = nameWords(param).filter((word) => !filler.has(word));
  if (words.length === 0) return undefined;
  // Every significant word of the name, close together: "print a test page" sets print_test_page.
  const pattern = new RegExp(
    words
      .map((word) => `\\b${escapeRegExp(word.slice(0, Math.max(4, word.length - 2)))}\\w*`)
      .join('(?:\\W+\\w+){0,3}?\\W+'),
    'i',
  );
  const match = pattern.exec(lower);
  if (!match) return undefined;
  return !negation.test(lower.slice(Math.max(0, match.index - 30), match.index));
}

function inferEnum(param: TemplateParameter, text: string): string | undefined {
  const lower = text.toLowerCase();
  const context = new Set(
    [...nameWords(param), ...param.label.toLowerCase().split(/\W+/)].filter((w) => w.length > 2),
  );
  for (const option of param.options ?? []) {
    const re = new RegExp(`(?<![\\w-])${escapeRegExp(option.toLowerCase())}(?![\\w-])`, 'g');
    for (const match of lower.matchAll(re)) {
      if (option.length >= 5) return option;
      // Short options ("new", "both") only next to a word of the parameter ("the new Teams").
      const around = lower
        .slice(Math.max(0, match.index - 20), match.index + option.length + 20)
        .split(/\W+/);
      if (around.some((word) => context.has(word))) return option;
    }
  }
  return undefined;
}

function inferNumber(param: TemplateParameter, text: string): number | undefined {
  const lower = text.toLowerCase();
  const first = (re: RegExp) => {
    const m = re.exec(lower);
    return m ? Number(m[1]) : undefined;
  };
  if (has(param, 'hours', 'hour'))
    return (
      first(/\b(\d{1,5})\s*(?:hours?|hrs?|h)\b/) ?? (/\b(?:a|one|last) day\b/.test(lower) ? 24 : undefined)
    );
  if (has(param, 'days', 'day'))
    return first(/\b(\d{1,4})\s*days?\b/) ?? (/\b(?:a|one|last) week\b/.test(lower) ? 7 : undefined);
  if (has(param, 'minutes', 'minute')) return first(/\b(\d{1,5})\s*(?:minutes?|mins?)\b/);
  if (has(param, 'port')) return first(/\bport\s*(\d{1,5})\b/) ?? first(/[a-z0-9]:(\d{2,5})\b/);
  const words = nameWords(param).filter((word) => word.length > 2);
  for (const word of words) {
    const value = first(new RegExp(`\\b${escapeRegExp(word)}\\w*\\s*(?:of|=|:|to)?\\s*(\\d{1,9})\\b`));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A value "named"/quoted right after a word of the parameter: `printer "HP 4th floor"`, `profile named Main`. */
function namedValue(param: TemplateParameter, text: string): string | undefined {
  for (const word of nameWords(param).filter((w) => w.length > 2 && w !== 'name')) {
    const re = new RegExp(
      `\\b${escapeRegExp(word)}\\w*\\s+(?:(?:named|called)\\s+)?(?:["“]([^"”\\n]{1,200})["”]|(?:named|called)\\s+([^\\s,;]+))`,
      'i',
    );
    const alt = new RegExp(`\\b${escapeRegExp(word)}\\w*\\s+(?:named|called)\\s+([^\\s,;"“]+)`, 'i');
    const m = re.exec(text) ?? alt.exec(text);
    const value = m?.[1] ?? m?.[2];
    if (value) return value.trim();
  }
  return undefined;
}

function inferString(param: TemplateParameter, text: string, entities: Entities): Inference | undefined {
  const wantsEmail =
    (param.pattern ?? '').includes('@') || has(param, 'upn', 'email', 'mailbox', 'principal', 'address');
  const first = <T>(values: T[]) => values.find((value) => acceptable(param, value as ParameterValue));
  const named = namedValue(param, text);
  if (named && acceptable(param, named) && !wantsEmail) return { value: named };

  if (wantsEmail) {
    const lower = text.toLowerCase();
    const after = (cue: string) =>
      entities.emails.find((email) =>
        new RegExp(`\\b${cue}\\w*\\s+(?:\\w+\\s+){0,2}${escapeRegExp(email.toLowerCase())}`).test(lower),
      );
    let email: string | undefined;
    if (has(param, 'mailbox', 'shared')) email = after('mailbox') ?? after('shared');
    else if (has(param, 'from')) email = after('from');
    else if (has(param, 'to')) email = after('to');
    if (!email) {
      const claimed = new Set(
        [after('mailbox'), has(param, 'from') ? undefined : after('from')].filter((value): value is string =>
          Boolean(value),
        ),
      );
      email = entities.emails.find((value) => !claimed.has(value)) ?? entities.emails[0];
    }
    return email && acceptable(param, email) ? { value: email } : undefined;
  }
  if (has(param, 'ip')) {
    const ip = first(entities.ips);
    return ip ? { value: ip } : undefined;
  }
  if (has(param, 'drive') && has(param, 'letter')) {
    const letter = first(entities.driveLetters);
    return letter ? { value: letter } : undefined;
  }
  if (has(param, 'unc')) {
    const path = first(entities.uncPaths);
    return path ? { value: path } : undefined;
  }
  if (has(param, 'path', 'folder', 'directory', 'dir', 'mount')) {
    const path = has(param, 'mount')
      ? first(entities.unixPaths)
      : first([...entities.uncPaths, ...entities.windowsPaths, ...entities.unixPaths]);
    return path ? { value: path } : undefined;
  }
  if (
    has(param, 'computer', 'hostname', 'machine', 'controller') ||
    param.name === 'host' ||
    param.name === 'server'
  ) {
    const host = first(entities.hosts);
    return host ? { value: host, consumed: { hosts: [host] } } : undefined;
  }
  if (has(param, 'gateway', 'smtp', 'host', 'server')) {
    const host = first([...entities.domains, ...entities.ips, ...entities.hosts]);
    return host ? { value: host, consumed: { hosts: [host] } } : undefined;
  }
  if (has(param, 'domain', 'cert') && !has(param, 'user', 'password', 'controller')) {
    const domain = first(entities.domains);
    return domain ? { value: domain } : undefined;
  }
  if (has(param, 'user', 'identity', 'sam', 'username', 'login', 'account')) {
    const user = first(entities.users) ?? first(entities.emails);
    return user ? { value: user, consumed: { users: [user] } } : undefined;
  }
  if (has(param, 'size') || /\[KMG\]/.test(param.pattern ?? '')) {
    const size = /\b(\d{1,6})\s*([KMG])(?:i?B)?\b/i.exec(text);
    const value = size ? `${size[1]}${size[2]!.toUpperCase()}` : undefined;
    return value && acceptable(param, value) ? { value } : undefined;
  }
  return undefined;
}

function inferParameter(param: TemplateParameter, text: string, entities: Entities): Inference | undefined {
  switch (param.type) {
    case 'secret':
      // Never guessed, never echoed: the engineer supplies secrets at run time.
      return undefined;
    case 'boolean': {
      const value = inferBoolean(param, text);
      return value === undefined ? undefined : { value };
    }
    case 'enum': {
      const value = inferEnum(param, text);
      return value === undefined ? undefined : { value };
    }
    case 'integer':
    case 'number': {
      const value = inferNumber(param, text);
      return value !== undefined && acceptable(param, value) ? { value } : undefined;
    }
    case 'string':
      return inferString(param, text, entities);
  }
}

// ---------------------------------------------------------------------------
// Choosing the template

interface Candidate {
  template: ComposerTemplate;
  score: number;
}

function documentFor(template: ComposerTemplate, playbook: Playbook | undefined): Bm25Document {
  const fields = [
    { text: template.name, weight: 3 },
    { text: (template.slug ?? '').replaceAll('-', ' '), weight: 2 },
    { text: template.description, weight: 2 },
    { text: template.category, weight: 1 },
    { text: template.parameters_schema.map((p) => p.label).join(' '), weight: 1 },
  ];
  if (playbook) {
    fields.push(
      { text: playbook.title, weight: 2 },
      { text: (playbook.keywords ?? []).join(' '), weight: 2 },
      { text: playbook.symptoms.join(' '), weight: 1 },
      { text: playbook.fix.title, weight: 1 },
    );
  }
  return { id: template.id, fields };
}

/** Matches below this are coincidences of one common word, not a template that fits. */
const MIN_SCORE = 2.2;
/** Most of what the engineer asked for (both of two words, two of three) must appear in the template's description. */
const MIN_COVERAGE = 0.6;

interface RankedTemplate extends Candidate {
  /** Best share of one query's terms the template matched. */
  coverage: number;
}

function rankTemplates(
  templates: readonly ComposerTemplate[],
  queries: { text: string; weight: number }[],
  preferred: { language: ScriptLanguage; explicit: boolean },
): RankedTemplate[] {
  if (templates.length === 0) return [];
  const playbooks = new Map(loadPlaybookPack().map((playbook) => [playbook.template.slug, playbook]));
  const index = new Bm25Index(
    templates.map((template) =>
      documentFor(template, template.is_builtin && template.slug ? playbooks.get(template.slug) : undefined),
    ),
  );
  const scores = new Map<string, number>();
  const coverage = new Map<string, number>();
  for (const query of queries) {
    const terms = new Set(tokenize(query.text)).size;
    if (terms === 0) continue;
    for (const hit of index.search(query.text)) {
      if (hit.score <= 0) continue;
      scores.set(hit.id, (scores.get(hit.id) ?? 0) + hit.score * query.weight);
      coverage.set(hit.id, Math.max(coverage.get(hit.id) ?? 0, hit.matchedTerms / terms));
    }
  }
  const byId = new Map(templates.map((template) => [template.id, template]));
  return [...scores.entries()]
    .map(([id, score]) => {
      const template = byId.get(id)!;
      // The language the engineer asked for weighs more than the session's default.
      const boost = template.language === preferred.language ? (preferred.explicit ? 1.6 : 1.2) : 1;
      // An account's own template beats a built-in of the same strength: it is how they work.
      return {
        template,
        score: score * boost * (template.is_builtin ? 1 : 1.1),
        coverage: coverage.get(id) ?? 0,
      };
    })
    .sort((a, b) => b.score - a.score || a.template.name.localeCompare(b.template.name));
}

// ---------------------------------------------------------------------------
// Composing the reply

export interface ComposeInput {
  messages: readonly ChatMessage[];
  language: ScriptLanguage;
  templates: readonly ComposerTemplate[];
  context?: string | undefined;
  /** See `OfflineScriptComposerOptions.editorButton`. */
  editorButton?: string | undefined;
}

const DEFAULT_EDITOR_BUTTON = 'Edit';

/** A secret typed into the request is not repeated in the script or the reply. */
const redactSecrets = (text: string) =>
  text.replace(
    /\b(password|passwd|pwd|secret|token|api[- ]?key|passphrase)(\s*(?:is|=|:)?\s*)\S+/gi,
    '$1$2••••',
  );

const oneLine = (text: string, max = 160) => {
  const line = redactSecrets(text)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

const display = (param: TemplateParameter, value: ParameterValue) =>
  param.type === 'secret' || param.sensitive ? '••••' : typeof value === 'string' ? value : String(value);

function fenceFor(script: string) {
  const longest = Math.max(0, ...[...script.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function fileNameForTemplate(template: ComposerTemplate) {
  return scriptFilename((template.slug ?? template.name).replaceAll('-', ' '), template.language);
}

/** Comment lines go after a shebang (bash, python) so the script still starts the right interpreter. */
function withHeader(script: string, header: string[]) {
  const comment = header.map((line) => `# ${line}`).join('\n');
  if (script.startsWith('#!')) {
    const end = script.indexOf('\n');
    return end === -1
      ? `${script}\n${comment}\n`
      : `${script.slice(0, end + 1)}${comment}\n${script.slice(end + 1)}`;
  }
  return `${comment}\n${script}`;
}

interface Composition {
  template: ComposerTemplate;
  script: string;
  filled: { param: TemplateParameter; value: ParameterValue }[];
  defaults: { param: TemplateParameter; value: ParameterValue }[];
  todo: TemplateParameter[];
  targets: { hosts: string[]; users: string[] };
}

function compose(template: ComposerTemplate, userTexts: string[]): Composition | null {
  // Later messages win: "now for PC-099" changes the host and keeps the rest.
  const inferred = new Map<string, Inference>();
  for (const text of userTexts) {
    const entities = extractEntities(text);
    for (const param of template.parameters_schema) {
      const inference = inferParameter(param, text, entities);
      if (inference) inferred.set(param.name, inference);
    }
  }

  const values: Record<string, ParameterValue> = {};
  const filled: Composition['filled'] = [];
  const defaults: Composition['defaults'] = [];
  const todo: TemplateParameter[] = [];
  const schema = template.parameters_schema.map((param) => {
    const inference = inferred.get(param.name);
    if (inference) {
      values[param.name] = inference.value;
      filled.push({ param, value: inference.value });
      return param;
    }
    const hasDefault = param.default !== undefined && param.default !== null && param.default !== '';
    if (hasDefault) {
      defaults.push({ param, value: param.default as ParameterValue });
      return param;
    }
    if (!param.required) return param;
    // A required value nobody gave: a visible, quoted placeholder the script cannot mistake for data.
    todo.push(param);
    values[param.name] = `<TODO: ${param.name}>`;
    const { pattern: _pattern, options: _options, ...rest } = param;
    return { ...rest, type: 'string' as const, sensitive: false };
  });

  const rendered = renderTemplate(
    { language: template.language, body: template.body, parameters_schema: schema },
    values,
  );
  if (rendered.errors.length > 0) return null;

  const usedHosts = new Set([...inferred.values()].flatMap((i) => i.consumed?.hosts ?? []));
  const usedUsers = new Set([...inferred.values()].flatMap((i) => i.consumed?.users ?? []));
  // The latest message that names a computer (or a user) is the one that counts.
  const latest = (pick: (entities: Entities) => string[], used: Set<string>) =>
    [...userTexts]
      .reverse()
      .map((text) => pick(extractEntities(text)).filter((value) => !used.has(value)))
      .find((values) => values.length > 0) ?? [];
  const hosts = latest((entities) => entities.hosts, usedHosts);
  const users = latest((entities) => entities.users, usedUsers).filter((user) => !hosts.includes(user));

  const header = [
    `Composed offline by FlowPilot from the template "${oneLine(template.name, 120)}"${template.slug ? ` (${template.slug})` : ''}.`,
    `Request: ${oneLine(userTexts.at(-1) ?? '')}`,
    ...(hosts.length > 0 ? [`Target computer: ${hosts.join(', ')} (run the script there)`] : []),
    ...(users.length > 0 ? [`Affected user: ${users.join(', ')}`] : []),
    ...(todo.length > 0
      ? [`TODO before running: set ${todo.map((p) => p.name).join(', ')} (search for "<TODO:").`]
      : []),
  ];
  return {
    template,
    script: withHeader(rendered.script, header),
    filled,
    defaults,
    todo,
    targets: { hosts, users },
  };
}

function describeComposition(
  composition: Composition,
  alternatives: ComposerTemplate[],
  sessionLanguage: ScriptLanguage,
  editorButton: string,
) {
  const { template } = composition;
  const lines: string[] = [];
  const source = template.is_builtin ? 'the built-in library' : 'your template library';
  lines.push(`This fits **${template.name}** from ${source} (${template.category}). ${template.description}`);
  lines.push('');
  if (composition.filled.length > 0)
    lines.push(
      `- Filled in from your request: ${composition.filled.map(({ param, value }) => `\`${param.name}\` = \`${display(param, value)}\``).join(', ')}.`,
    );
  if (composition.defaults.length > 0)
    lines.push(
      `- Template defaults kept: ${composition.defaults.map(({ param, value }) => `\`${param.name}\` = \`${display(param, value)}\``).join(', ')}.`,
    );
  if (composition.todo.length > 0)
    lines.push(
      `- **Still to fill in** (marked \`<TODO: …>\` in the script): ${composition.todo.map((p) => `\`${p.name}\` (${p.label})`).join(', ')}. Tell me the values, or choose **${editorButton}** and fill them in yourself.`,
    );
  if (composition.targets.hosts.length > 0) {
    const host = composition.targets.hosts[0]!;
    lines.push(
      template.language === 'powershell'
        ? `- Run it on **${host}** (elevated), locally or with \`Invoke-Command -ComputerName ${host} -FilePath .\\${fileNameForTemplate(template)}\`.`
        : `- Run it on **${host}**.`,
    );
  }
  if (composition.targets.users.length > 0)
    lines.push(
      `- Affected user: **${composition.targets.users.join(', ')}**; run it in that user's context where the template says so.`,
    );
  if (template.language !== sessionLanguage)
    lines.push(
      `- Note: this template is ${template.language}, not ${sessionLanguage}; it is the closest fit in the library.`,
    );
  if (alternatives.length > 0)
    lines.push(
      `- Other templates that might fit: ${alternatives.map((t) => `**${t.name}**`).join(', ')}. Name one to switch.`,
    );
  lines.push('- Review it before running; FlowPilot never runs scripts.');
  return lines.join('\n');
}

const skeletons: Record<ScriptLanguage, (purpose: string) => string> = {
  powershell: (purpose) => `#Requires -Version 5.1
# Purpose: ${purpose}
# TODO: no library template matched; fill in the steps below.
[CmdletBinding(SupportsShouldProcess)]
param(
    # TODO: the values this script needs, e.g. [Parameter(Mandatory)][string]$ComputerName
)
$ErrorActionPreference = 'Stop'

# 1. Read-only checks first: show the current state.
# TODO

# 2. The change, confirmed and reversible where possible.
if ($PSCmdlet.ShouldProcess('target', 'TODO: describe the change')) {
    # TODO
}

# 3. Show the result.
# TODO
`,
  bash: (purpose) => `#!/usr/bin/env bash
# Purpose: ${purpose}
# TODO: no library template matched; fill in the steps below.
set -euo pipefail

DRY_RUN=\${DRY_RUN:-true}   # set DRY_RUN=false to make changes
run() { if [ "$DRY_RUN" = "true" ]; then echo "[dry run] $*"; else echo "+ $*"; "$@"; fi; }

if [ "$(id -u)" -ne 0 ]; then echo "Run with sudo." >&2; exit 1; fi

# 1. Read-only checks first: show the current state.
# TODO

# 2. The change (through run, so a dry run shows it first).
# TODO: run <command> ...

# 3. Show the result.
# TODO
`,
  python: (purpose) => `#!/usr/bin/env python3
# Purpose: ${purpose}
# TODO: no library template matched; fill in the steps below.
import argparse
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=${JSON.stringify(purpose)})
    parser.add_argument("--dry-run", action="store_true", help="report only, change nothing")
    # TODO: the values this script needs
    args = parser.parse_args()

    # 1. Read-only checks first: show the current state.
    # TODO

    # 2. The change (skipped with --dry-run).
    if not args.dry_run:
        pass  # TODO

    # 3. Show the result.
    return 0


if __name__ == "__main__":
    sys.exit(main())
`,
};

function noMatchReply(
  input: ComposeInput,
  userTexts: string[],
  hadScript: boolean,
  near: ComposerTemplate[],
) {
  const request = oneLine(userTexts.at(-1) ?? '', 120);
  const lines = [
    `I couldn't match "${request}" to a template in the library. Offline, I compose scripts from templates rather than writing new code.`,
  ];
  if (near.length > 0)
    lines.push(`Closest templates: ${near.map((t) => `**${t.name}**`).join(', ')}. Name one to use it.`);
  else
    lines.push(
      'Describe the task the way a template would name it (for example "clear the print queue", "reclaim disk space on /var", "clear the Teams cache").',
    );
  if (hadScript) {
    lines.push('Your current script is unchanged.');
    return lines.join('\n\n');
  }
  lines.push(
    `Here is a safe skeleton to start from; choose **${input.editorButton ?? DEFAULT_EDITOR_BUTTON}** to finish it yourself.`,
  );
  const script = skeletons[input.language](request || 'TODO: describe the script');
  const fence = fenceFor(script);
  const filename = scriptFilename(request, input.language);
  return `${lines.join('\n\n')}\n\n${fence}${input.language} filename=${filename}\n${script}${fence}\n`;
}

/** How much of each request the composer reads: a request is an instruction, not a document. */
export const COMPOSER_WINDOW = { head: 6_000, tail: 2_000, turns: 8 } as const;

/**
 * The part of a message the composer reads: its head and tail. A pasted script or log of
 * 200,000 characters would otherwise cost seconds of entity matching on every turn, which
 * is time a request never needs (what to do and on which machine is said at the start or
 * the end).
 */
export function composerWindow(text: string): string {
  const { head, tail } = COMPOSER_WINDOW;
  return text.length <= head + tail ? text : `${text.slice(0, head)}\n…\n${text.slice(-tail)}`;
}

/** The whole reply for a Script Builder turn: explanation, then one fenced block with a file name. */
export function composeScriptReply(input: ComposeInput): string {
  const userTexts = input.messages
    .filter((m) => m.role === 'user')
    .slice(-COMPOSER_WINDOW.turns)
    .map((m) => composerWindow(m.content));
  const hadScript = input.messages.some((m) => m.role === 'assistant' && /```/.test(m.content));
  const last = userTexts.at(-1) ?? '';
  const earlier = userTexts.slice(-4, -1).join('\n');
  const clean = (text: string) => {
    const entities = extractEntities(text);
    let cleaned = text;
    const values = [
      ...entities.emails,
      ...entities.uncPaths,
      ...entities.windowsPaths,
      ...entities.unixPaths,
      ...entities.hosts,
      ...entities.users,
      ...entities.ips,
    ];
    for (const value of values.sort((a, b) => b.length - a.length)) cleaned = cleaned.replaceAll(value, ' ');
    return cleaned.replace(requestNoise, ' ');
  };
  const requested = requestedLanguage(userTexts.join('\n'));
  const ranked = rankTemplates(
    input.templates,
    [
      { text: clean(last), weight: 1 },
      { text: clean(earlier), weight: 0.5 },
      { text: clean(composerWindow(input.context ?? '')), weight: 0.3 },
    ],
    { language: requested ?? input.language, explicit: requested !== null },
  );

  // A new topic nothing in the library knows ("install chrome") is not an excuse to repeat the last script.
  const lastQuery = clean(last);
  const unknownTopic =
    tokenize(lastQuery).length > 0 &&
    rankTemplates(input.templates, [{ text: lastQuery, weight: 1 }], {
      language: input.language,
      explicit: false,
    }).length === 0;
  const fitting = unknownTopic
    ? []
    : ranked.filter((candidate) => candidate.score >= MIN_SCORE && candidate.coverage >= MIN_COVERAGE);
  for (const candidate of fitting.slice(0, 3)) {
    const composition = compose(candidate.template, userTexts);
    if (!composition) continue;
    const alternatives = fitting
      .filter((other) => other.template.id !== candidate.template.id && other.score >= candidate.score * 0.5)
      .slice(0, 2)
      .map((other) => other.template);
    const fence = fenceFor(composition.script);
    const filename = fileNameForTemplate(candidate.template);
    return `${describeComposition(composition, alternatives, input.language, input.editorButton ?? DEFAULT_EDITOR_BUTTON)}\n\n${fence}${candidate.template.language} filename=${filename}\n${composition.script}${composition.script.endsWith('\n') ? '' : '\n'}${fence}\n`;
  }
  const near = ranked.slice(0, 2).map((candidate) => candidate.template);
  return noMatchReply(input, userTexts, hadScript, near);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ModelError('aborted', 'The request was cancelled');
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
