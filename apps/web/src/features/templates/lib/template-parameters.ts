import type { ParameterType, TemplateParameter } from '../types';

/**
 * A parameter as the engineer edits it in "Save to library": every field as typed, plus the
 * literal of the script it stands for. Saving turns each literal into a bare `{{name}}`.
 */
export interface ParameterDraft {
  /** Local identity for the row (React key, focus), not sent. */
  key: string;
  name: string;
  label: string;
  type: ParameterType;
  required: boolean;
  /** As typed; converted to the parameter's type on save. Empty means no default. */
  defaultValue: string;
  sensitive: boolean;
  /** The text of the script this parameter replaces, e.g. `'PC-042'` or `PC-042`. */
  literal: string;
  /** `enum` only: one option per line or comma. */
  options: string;
  /** Fields the form does not edit (a pattern, help text), kept as they were when editing a template. */
  kept?: Pick<TemplateParameter, 'pattern' | 'help'>;
}

export const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The literal without one pair of matching surrounding quotes. */
export function unquote(literal: string): string {
  const trimmed = literal.trim();
  const first = trimmed.charAt(0);
  if (trimmed.length >= 2 && (first === "'" || first === '"') && trimmed.endsWith(first)) {
    return trimmed.slice(1, -1);
  }
  return trimmed;
}

/**
 * Replaces each draft's literal by its bare placeholder. Rendering emits every value as one
 * complete quoted literal, so a quoted occurrence (`'PC-042'`) loses its quotes with it;
 * otherwise the value would end up quoted twice.
 */
export function applyParameters(script: string, drafts: readonly ParameterDraft[]): string {
  let body = script;
  for (const draft of drafts) {
    const value = unquote(draft.literal);
    if (!value || !PARAMETER_NAME.test(draft.name)) continue;
    const escaped = escapeRegExp(value);
    // A bare value is replaced only as a whole token: `PC-042` must not eat into `PC-0421`.
    const pattern = new RegExp(`(['"])${escaped}\\1|(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`, 'g');
    body = body.replace(pattern, () => `{{${draft.name}}}`);
  }
  return body;
}

/** Names declared but never placed in the body: they would ask for a value nobody uses. */
export function unusedParameters(body: string, drafts: readonly ParameterDraft[]): string[] {
  return drafts
    .filter((draft) => draft.name && !body.includes(`{{${draft.name}}}`))
    .map((draft) => draft.name);
}

const toIdentifier = (text: string) => {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const name = words.join('_').slice(0, 64);
  return /^[a-z_]/.test(name) ? name : name ? `p_${name}`.slice(0, 64) : '';
};

const toLabel = (name: string) => {
  const text = name.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** `$ComputerName = 'PC-042'`, `COMPUTER="PC-042"`, `computer = "PC-042"`, `-ComputerName PC-042`. */
function nameFromContext(line: string, literal: string): string {
  const at = line.indexOf(literal);
  if (at === -1) return '';
  const before = line.slice(0, at);
  const assignment = /\$?([A-Za-z_][A-Za-z0-9_]*)\s*:?=\s*$/.exec(before);
  if (assignment?.[1]) return toIdentifier(assignment[1]);
  const switchName = /-([A-Za-z][A-Za-z0-9]*)\s+$/.exec(before);
  if (switchName?.[1]) return toIdentifier(switchName[1]);
  return '';
}

function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let index = 2; ; index += 1) {
    const candidate = `${base}_${index}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

function inferType(value: string): { type: ParameterType; defaultValue: string } {
  if (/^-?\d+$/.test(value)) return { type: 'integer', defaultValue: value };
  if (/^-?\d*\.\d+$/.test(value)) return { type: 'number', defaultValue: value };
  if (/^\$?(true|false)$/i.test(value)) {
    return { type: 'boolean', defaultValue: value.replace('$', '').toLowerCase() };
  }
  return { type: 'string', defaultValue: value };
}

let draftCounter = 0;
const nextKey = () => `param-${(draftCounter += 1)}`;

export function emptyDraft(taken: readonly string[] = []): ParameterDraft {
  const name = uniqueName('param', taken);
  return {
    key: nextKey(),
    name,
    label: toLabel(name),
    type: 'string',
    required: true,
    defaultValue: '',
    sensitive: false,
    literal: '',
    options: '',
  };
}

/**
 * A parameter row for text the engineer selected in the script: the name comes from what the
 * line assigns it to (or the value itself), the type and default from the value.
 */
export function draftFromSelection(
  script: string,
  selection: string,
  taken: readonly string[],
): ParameterDraft {
  const literal = selection.trim();
  const value = unquote(literal);
  const line = script.split(/\r?\n/).find((candidate) => candidate.includes(literal)) ?? '';
  const base = nameFromContext(line, literal) || toIdentifier(value) || 'param';
  const name = uniqueName(base, taken);
  const typed = inferType(value);
  return {
    ...emptyDraft(taken),
    name,
    label: toLabel(name),
    type: typed.type,
    defaultValue: typed.defaultValue,
    required: false,
    literal,
    sensitive: /pass(word)?|secret|token|key/i.test(name),
  };
}

const splitOptions = (text: string) =>
  text
    .split(/[\n,]/)
    .map((option) => option.trim())
    .filter(Boolean);

function typedDefault(draft: ParameterDraft): TemplateParameter['default'] {
  const text = draft.defaultValue.trim();
  if (!text || draft.type === 'secret') return undefined;
  if (draft.type === 'integer' || draft.type === 'number') {
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  if (draft.type === 'boolean') return /^(true|yes|1)$/i.test(text);
  return draft.defaultValue;
}

/**
 * A row for a parameter the template already has (editing): its placeholder is in the body
 * already, so it replaces no text; what the form does not show is kept as it was.
 */
export function draftFromParameter(parameter: TemplateParameter): ParameterDraft {
  const kept: ParameterDraft['kept'] = {
    ...(parameter.pattern !== undefined ? { pattern: parameter.pattern } : {}),
    ...(parameter.help !== undefined ? { help: parameter.help } : {}),
  };
  return {
    key: nextKey(),
    name: parameter.name,
    label: parameter.label,
    type: parameter.type,
    required: parameter.required ?? false,
    defaultValue:
      parameter.default === undefined || parameter.default === null ? '' : String(parameter.default),
    sensitive: parameter.sensitive ?? false,
    literal: '',
    options: (parameter.options ?? []).join('\n'),
    ...(Object.keys(kept).length ? { kept } : {}),
  };
}

/** The `parameters_schema` the library stores; server-side validation names any field it rejects. */
export function toParametersSchema(drafts: readonly ParameterDraft[]): TemplateParameter[] {
  return drafts.map((draft) => {
    const parameter: TemplateParameter = {
      ...draft.kept,
      name: draft.name.trim(),
      label: draft.label.trim() || toLabel(draft.name.trim()),
      type: draft.type,
      required: draft.required,
      sensitive: draft.sensitive || draft.type === 'secret',
    };
    const value = typedDefault(draft);
    if (value !== undefined) parameter.default = value;
    if (draft.type === 'enum') parameter.options = splitOptions(draft.options);
    return parameter;
  });
}
