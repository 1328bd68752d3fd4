import { AppError, type FieldError } from './app-error';
import { bashPlaceholderUses, type BashPlaceholderContext } from './bash-placeholders';
import { compileParameterPattern, matchesWhole, UNSUPPORTED_PATTERN_MESSAGE } from './parameter-pattern';
import { positionTracker } from './text-position';
import type { ScriptLanguage, TemplateParameter } from './script-template';

/**
 * Template rendering (SPEC §2 "Script template"). A body places each parameter as a
 * bare `{{name}}`; rendering replaces it with ONE complete literal of the template's
 * language, so whatever the engineer types, the value is data and never code.
 * FlowPilot never runs scripts, but the engineer will — this is the line of defence.
 */

export interface ScriptTemplateDefinition {
  language: ScriptLanguage;
  body: string;
  parameters_schema: TemplateParameter[];
}

export type ParameterValue = string | number | boolean;

export const REDACTED_VALUE = '••••';
export const MAX_STRING_PARAMETER_LENGTH = 10_000;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const PLACEHOLDER_AT = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;

/** Declared parameter names in order of first use in the body. */
export function findPlaceholders(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

// ---------------------------------------------------------------------------
// Quoting

// PowerShell's tokenizer treats these as single quotes too; an undoubled one would end the string.
const POWERSHELL_SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const nullLiteral: { [L in ScriptLanguage]: string } = { bash: "''", powershell: '$null', python: 'None' };

/** Emits one complete literal of the target language. Throws AppError('validation_failed') for values it cannot represent. */
export function quoteLiteral(language: ScriptLanguage, value: ParameterValue): string {
  if (typeof value === 'boolean') {
    if (language === 'powershell') return value ? '$true' : '$false';
    if (language === 'python') return value ? 'True' : 'False';
    return value ? "'true'" : "'false'";
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new AppError('validation_failed', 'A number parameter must be finite.');
    // String() yields only digits, '.', '-', 'e', '+': a valid numeric literal (or bare word) in all three languages.
    return String(value);
  }
  switch (language) {
    case 'bash':
      // Bash strings cannot hold NUL; it would silently truncate the argument.
      if (value.includes('\0'))
        throw new AppError('validation_failed', 'A bash parameter value cannot contain a NUL byte.');
      // Inside '…' nothing is special except the closing quote: end the string, emit an escaped quote, reopen.
      return `'${value.replaceAll("'", "'\\''")}'`;
    case 'powershell':
      if (value.includes('\0'))
        throw new AppError('validation_failed', 'A PowerShell parameter value cannot contain a NUL byte.');
      return `'${value.replace(POWERSHELL_SINGLE_QUOTES, '$&$&')}'`;
    case 'python':
      // JSON's escapes (\" \\ \n \t \uXXXX …) mean the same in Python, and it leaves no raw control characters.
      return JSON.stringify(value);
  }
}

// ---------------------------------------------------------------------------
// Where a placeholder sits in the body

type PlaceholderContext = BashPlaceholderContext;
/** The languages the generic lexer below reads; bash has a lexer of its own. */
type LexedLanguage = Exclude<ScriptLanguage, 'bash'>;
interface PlaceholderUse {
  name: string;
  context: PlaceholderContext;
  line: number;
  column: number;
}

interface Region {
  context: Exclude<PlaceholderContext, 'code' | 'prefixed'>;
  /** Sticky: matches the end of the region at the current position. */
  end: RegExp;
  /** Sticky: an escape sequence to step over. Never consumes a `{`, so `\{{x}}` is still seen. */
  escape: RegExp | null;
}

const isWordStart = (body: string, i: number) => i === 0 || /[\s;&|()<>]/.test(body[i - 1]!);
const BACKSLASH_ESCAPE = /\\[^{]/y;

/**
 * A character right before the literal that changes how it is read: bash `\'…'` escapes the
 * quote and `$'…'` enables backslash escapes; PowerShell `` ` `` escapes, `$'` / `@'` differ;
 * Python `f"…"` (any string prefix) would evaluate `{…}` in the value.
 */
const unsafePrefix: { [L in LexedLanguage]: RegExp } = {
  powershell: /[`$@]/,
  python: /[\\\w]/,
};

function codeRegionAt(
  language: LexedLanguage,
  body: string,
  i: number,
): { region: Region; skip: number } | null {
  const ch = body[i]!;
  const rest = body.slice(i, i + 4);
  const region = (context: Region['context'], end: RegExp, escape: RegExp | null, skip: number) => ({
    region: { context, end, escape },
    skip,
  });
  switch (language) {
    case 'powershell':
      if (rest.startsWith('<#')) return region('comment', /#>/y, null, 2);
      if (ch === '#' && isWordStart(body, i)) return region('comment', /\n/y, null, 1);
      if (/^@['\u2018-\u201B]\r?\n/.test(rest)) return region('string', /^['\u2018-\u201B]@/my, null, 2);
      if (/^@["\u201C-\u201E]\r?\n/.test(rest)) return region('string', /^["\u201C-\u201E]@/my, /`[^{]/y, 2);
      // Inside PowerShell strings a doubled quote is an escaped quote, not the end.
      if (/['\u2018-\u201B]/.test(ch))
        return region('string', /['\u2018-\u201B]/y, /['\u2018-\u201B]{2}/y, 1);
      if (/["\u201C-\u201E]/.test(ch))
        return region('string', /["\u201C-\u201E]/y, /`[^{]|["\u201C-\u201E]{2}/y, 1);
      return null;
    case 'python':
      if (ch === '#') return region('comment', /\n/y, null, 1);
      if (rest.startsWith('"""') || rest.startsWith("'''"))
        return region('string', new RegExp(rest.slice(0, 3), 'y'), BACKSLASH_ESCAPE, 3);
      if (ch === '"') return region('string', /"|\n/y, BACKSLASH_ESCAPE, 1);
      if (ch === "'") return region('string', /'|\n/y, BACKSLASH_ESCAPE, 1);
      return null;
  }
}

/**
 * A light lexer for PowerShell and Python (bash has its own, bash-placeholders.ts): it only has
 * to know whether each placeholder sits in code. A value quoted for code but dropped inside a
 * string, a comment (a newline in the value ends it) or a here-string can inject, so validation
 * refuses those bodies.
 */
function placeholderUses(language: LexedLanguage, body: string): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  const positionOf = positionTracker(body);
  let region: Region | null = null;
  let i = 0;
  while (i < body.length) {
    PLACEHOLDER_AT.lastIndex = i;
    const placeholder = PLACEHOLDER_AT.exec(body);
    if (placeholder) {
      const prefixed = !region && i > 0 && unsafePrefix[language].test(body[i - 1]!);
      uses.push({
        name: placeholder[1]!,
        context: region?.context ?? (prefixed ? 'prefixed' : 'code'),
        ...positionOf(i),
      });
      i += placeholder[0].length;
      continue;
    }

    if (region) {
      if (region.escape) {
        region.escape.lastIndex = i;
        if (region.escape.test(body)) {
          i = region.escape.lastIndex;
          continue;
        }
      }
      region.end.lastIndex = i;
      if (region.end.test(body)) {
        i = region.end.lastIndex;
        region = null;
      } else {
        i += 1;
      }
      continue;
    }

    const ch = body[i]!;
    if (language === 'powershell' && ch === '`') {
      i += body[i + 1] === '{' ? 1 : 2;
      continue;
    }
    const opened = codeRegionAt(language, body, i);
    if (opened) {
      region = opened.region;
      i += opened.skip;
    } else {
      i += 1;
    }
  }
  return uses;
}

const contextProblem: { [C in Exclude<PlaceholderContext, 'code'>]: string } = {
  string: 'is inside a string literal; place it bare, rendering adds the quotes',
  comment: 'is inside a comment; a value with a line break would escape it — place it bare in code',
  heredoc:
    "is inside a heredoc (<<), where the shell may expand the value; place it bare in code, e.g. printf '%s\\n' {{…}}",
  prefixed: 'directly follows a character that changes how the quoted value is read; separate it',
  backticks:
    'is inside backticks (`…`), where bash reads the value again as code; use $( … ) and place it bare inside',
  arithmetic:
    'is inside arithmetic ($(( )), (( )), an array index or a -eq comparison), where bash evaluates the value as code; pass it as a plain argument',
  expansion: 'is inside a ${…} expansion; assign it to a variable first (name={{…}}) and expand that',
  'after-cr':
    'comes after a carriage return (CR); bash reads a CR as part of a word, not as a line break — save the script with LF line endings',
};

// ---------------------------------------------------------------------------
// Validation

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function formatProblem(param: TemplateParameter): string {
  if (param.help?.trim()) return `is not in the expected format: ${param.help.trim()}`;
  const example = typeof param.default === 'string' ? param.default : '';
  return example
    ? `is not in the expected format (for example: ${example})`
    : 'is not in the expected format';
}

/** Coerces one value to the parameter's type; returns the error message instead when it cannot. */
function coerceValue(
  param: TemplateParameter,
  raw: unknown,
): { ok: true; value: ParameterValue } | { ok: false; message: string } {
  switch (param.type) {
    case 'integer': {
      const n = typeof raw === 'string' && INTEGER.test(raw.trim()) ? Number(raw.trim()) : raw;
      if (typeof n !== 'number' || !Number.isSafeInteger(n))
        return { ok: false, message: 'must be a whole number' };
      return { ok: true, value: n };
    }
    case 'number': {
      const n = typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { ok: false, message: 'must be a number' };
      return { ok: true, value: n };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const text = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
      if (text === 'true' || text === '1') return { ok: true, value: true };
      if (text === 'false' || text === '0') return { ok: true, value: false };
      return { ok: false, message: 'must be true or false' };
    }
    case 'string':
    case 'secret':
    case 'enum': {
      if (typeof raw !== 'string') return { ok: false, message: 'must be text' };
      if (raw.length > MAX_STRING_PARAMETER_LENGTH)
        return { ok: false, message: `must be at most ${MAX_STRING_PARAMETER_LENGTH} characters` };
      if (raw.includes('\0'))
        return { ok: false, message: 'cannot contain a NUL (zero) character; a script cannot pass it on' };
      if (LONE_SURROGATE.test(raw)) return { ok: false, message: 'must be valid Unicode text' };
      if (param.type === 'enum' && !(param.options ?? []).includes(raw))
        return { ok: false, message: `must be one of: ${(param.options ?? []).join(', ')}` };
      if (param.pattern !== undefined && param.type !== 'enum') {
        const compiled = compileParameterPattern(param.pattern);
        if (!compiled)
          return {
            ok: false,
            message:
              'cannot be checked: the template has a format rule that needs fixing (edit the template)',
          };
        // The pattern is for the template's author; the person typing gets its help or an example.
        if (!matchesWhole(compiled, raw)) return { ok: false, message: formatProblem(param) };
      }
      return { ok: true, value: raw };
    }
  }
}

// Forms send empty fields as ''; for defaults and the required check that means "not given".
const isMissing = (raw: unknown) => raw === undefined || raw === null || raw === '';

export function validateParameterValues(
  schema: readonly TemplateParameter[],
  values: Record<string, unknown>,
): { values: Record<string, ParameterValue>; errors: FieldError[] } {
  const coerced: Record<string, ParameterValue> = {};
  const errors: FieldError[] = [];
  const declared = new Set(schema.map((p) => p.name));
  for (const key of Object.keys(values)) {
    if (!declared.has(key))
      errors.push({ field: `parameters.${key}`, message: 'is not a parameter of this template' });
  }
  for (const param of schema) {
    const field = `parameters.${param.name}`;
    const raw = Object.hasOwn(values, param.name) ? values[param.name] : undefined;
    const given = isMissing(raw) ? param.default : raw;
    if (isMissing(given)) {
      if (param.required) errors.push({ field, message: 'is required' });
      // An optional text field left empty is an empty string, not "no value".
      else if (raw === '' && (param.type === 'string' || param.type === 'secret')) coerced[param.name] = '';
      continue;
    }
    const result = coerceValue(param, given);
    if (result.ok) coerced[param.name] = result.value;
    else errors.push({ field, message: result.message });
  }
  return { values: coerced, errors };
}

export function validateTemplateDefinition(template: ScriptTemplateDefinition): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  template.parameters_schema.forEach((param, index) => {
    const at = (key: string) => `parameters_schema.${index}.${key}`;
    if (seen.has(param.name))
      errors.push({ field: at('name'), message: `duplicate parameter name "${param.name}"` });
    seen.add(param.name);
    if (param.type === 'enum' && (param.options ?? []).length === 0)
      errors.push({ field: at('options'), message: 'an enum parameter needs at least one option' });
    if (param.pattern !== undefined) {
      // Linear-time matching makes any pattern RE2 compiles safe; nothing else is checked.
      if (!compileParameterPattern(param.pattern))
        errors.push({ field: at('pattern'), message: UNSUPPORTED_PATTERN_MESSAGE });
    }
    if (param.type === 'secret' && !isMissing(param.default))
      errors.push({ field: at('default'), message: 'a secret parameter cannot have a default' });
    else if (!isMissing(param.default)) {
      const result = coerceValue(param, param.default);
      if (!result.ok)
        errors.push({
          field: at('default'),
          // Said to the template's author, for whom "the expected format" is the pattern itself.
          message: result.message.startsWith('is not in the expected format')
            ? 'the default does not match the pattern of this parameter'
            : `default ${result.message}`,
        });
    }
  });
  const undeclared = new Set<string>();
  const uses =
    template.language === 'bash'
      ? bashPlaceholderUses(template.body)
      : placeholderUses(template.language, template.body);
  for (const use of uses) {
    if (!seen.has(use.name) && !undeclared.has(use.name)) {
      undeclared.add(use.name);
      errors.push({ field: 'body', message: `placeholder {{${use.name}}} has no declared parameter` });
    }
    if (use.context !== 'code')
      errors.push({
        field: 'body',
        message: `line ${use.line}, column ${use.column}: placeholder {{${use.name}}} ${contextProblem[use.context]}`,
      });
  }
  return errors;
}

// ---------------------------------------------------------------------------
// Rendering

const isSensitive = (param: TemplateParameter) => param.type === 'secret' || param.sensitive;

/** For anything stored or shown after rendering: generation records, notes, logs, audit. */
export function redactParameters(
  schema: readonly TemplateParameter[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const sensitive = new Set(schema.filter(isSensitive).map((p) => p.name));
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      sensitive.has(key) && !isMissing(value) ? REDACTED_VALUE : value,
    ]),
  );
}

export interface RenderResult {
  script: string;
  redacted_script: string;
  errors: FieldError[];
}

/** A rendered script larger than this is refused: 8,333 placeholders × a 10,000-character value made 83 MB. */
export const MAX_RENDERED_SCRIPT_BYTES = 1_000_000;

/** UTF-8 length without encoding the text (a lone surrogate counts as U+FFFD, 3 bytes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const formatSize = (bytes: number) =>
  bytes >= 1_100_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${bytes.toLocaleString('en-US')} bytes`;

export function renderTemplate(
  template: ScriptTemplateDefinition,
  values: Record<string, unknown>,
): RenderResult {
  const definitionErrors = validateTemplateDefinition(template);
  const { values: coerced, errors: valueErrors } = validateParameterValues(
    template.parameters_schema,
    values,
  );
  const errors = [...definitionErrors, ...valueErrors];
  if (errors.length > 0) return { script: '', redacted_script: '', errors };

  const params = new Map(template.parameters_schema.map((p) => [p.name, p]));
  const literal = (name: string, redact: boolean) => {
    const value = coerced[name];
    if (value === undefined) return nullLiteral[template.language];
    return quoteLiteral(template.language, redact && isSensitive(params.get(name)!) ? REDACTED_VALUE : value);
  };
  // Each literal is quoted once, and the sizes are summed before any script is built.
  const literals = new Map<
    string,
    { real: string; redacted: string; realBytes: number; redactedBytes: number }
  >();
  const literalsOf = (name: string) => {
    let entry = literals.get(name);
    if (!entry) {
      const real = literal(name, false);
      const redacted = literal(name, true);
      entry = { real, redacted, realBytes: utf8Length(real), redactedBytes: utf8Length(redacted) };
      literals.set(name, entry);
    }
    return entry;
  };
  let realBytes = utf8Length(template.body);
  let redactedBytes = realBytes;
  for (const match of template.body.matchAll(PLACEHOLDER)) {
    const entry = literalsOf(match[1]!);
    const placeholderBytes = utf8Length(match[0]);
    realBytes += entry.realBytes - placeholderBytes;
    redactedBytes += entry.redactedBytes - placeholderBytes;
  }
  const largest = Math.max(realBytes, redactedBytes);
  if (largest > MAX_RENDERED_SCRIPT_BYTES) {
    return {
      script: '',
      redacted_script: '',
      errors: [
        {
          field: 'script',
          message: `The script would be ${formatSize(largest)}; a rendered script can be at most 1 MB. Use shorter values or fewer placeholders.`,
        },
      ],
    };
  }
  // A replacer function runs once over the original body: a value containing `{{x}}` or `$&` is never re-expanded.
  return {
    script: template.body.replace(PLACEHOLDER, (_match, name: string) => literalsOf(name).real),
    redacted_script: template.body.replace(PLACEHOLDER, (_match, name: string) => literalsOf(name).redacted),
    errors: [],
  };
}
