import { z } from 'zod';
import { clampConfidence } from './confidence';

/**
 * The assistant marker protocol (SPEC §4). The model embeds structured blocks in
 * its prose as `[NAME]payload[/NAME]`; the parser splits a (streamed) reply into the
 * prose the engineer reads and the markers the server applies to the task lane.
 */

export const markerNames = [
  'QUESTIONS',
  'ACTIONS',
  'PROMOTE',
  'SUGGEST_FIX',
  'FIX_OUTCOME',
  'CONFIDENCE',
] as const;
export type MarkerName = (typeof markerNames)[number];

export const taskItemStates = ['open', 'answered', 'done', 'skipped'] as const;
export type TaskItemState = (typeof taskItemStates)[number];

export const actionLanguages = ['powershell', 'bash', 'python', 'cmd'] as const;
export const fixOutcomeProposals = ['applied_success', 'applied_failed', 'applied_partial'] as const;
export type FixOutcomeProposalValue = (typeof fixOutcomeProposals)[number];

/**
 * A block larger than this is certainly not something we want to store; we keep
 * consuming until its closing tag (so its text stays out of prose) but stop buffering it.
 */
export const MAX_MARKER_PAYLOAD = 200_000;

// ---------------------------------------------------------------------------
// Stable ids

/**
 * Models rarely repeat a question byte for byte, so ids are derived from a
 * normalised form: case, spacing and trailing punctuation do not change the id.
 */
export function normalizeItemText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?.!:;,]+$/u, '');
}

/** cyrb53: small, fast, well-distributed 53-bit string hash; no crypto dependency so core stays runnable in the browser. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(36).padStart(11, '0');
}

export const questionIdFor = (text: string): string => `q-${hash53(normalizeItemText(text))}`;
export const actionIdFor = (title: string): string => `a-${hash53(normalizeItemText(title))}`;

// ---------------------------------------------------------------------------
// Payload schemas

/** Models often write `null` for "not given"; treat it exactly like an absent field. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** The protocol asks for a JSON list, but a single item is an obvious intent worth accepting. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(item).max(50));

const ZItemId = z.string().trim().min(1).max(100);

const ZQuestionItem = z.union([
  z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .transform((text) => ({ text })),
  z.object({
    id: optional(ZItemId),
    text: z.string().trim().min(1).max(2000),
    state: optional(z.enum(taskItemStates)),
    answer: optional(z.string().max(5000)),
  }),
]);

const ZActionItem = z.union([
  z
    .string()
    .trim()
    .min(1)
    .max(500)
    .transform((title) => ({ title })),
  z.object({
    id: optional(ZItemId),
    title: z.string().trim().min(1).max(500),
    command: optional(z.string().max(10_000)),
    language: optional(z.enum(actionLanguages)),
    state: optional(z.enum(taskItemStates)),
    result: optional(z.string().max(5000)),
  }),
]);

const ZFact = z.union([
  z
    .string()
    .trim()
    .min(1)
    .max(5000)
    .transform((text) => ({ text })),
  z.object({ text: z.string().trim().min(1).max(5000) }),
]);

const ZSuggestFix = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000),
  confidence_pct: z
    .number()
    .refine((n) => !Number.isNaN(n), 'must be a number')
    .transform((n) => Math.round(Math.min(100, Math.max(0, n)))),
  // guid, not uuid: built-in template ids are not necessarily RFC 4122 versioned.
  script_template_id: optional(z.guid()),
  script_language: optional(z.enum(['powershell', 'bash', 'python'])),
  script: optional(z.string().max(50_000)),
});

const ZFixOutcome = z.object({
  outcome: z.enum(fixOutcomeProposals),
  reason: optional(z.string().max(5000)),
});

export interface QuestionItem {
  id: string;
  text: string;
  /** Absent when the model did not say; the task lane keeps (or defaults) the current state. */
  state?: TaskItemState;
  answer?: string;
}

export interface ActionItem {
  id: string;
  title: string;
  command?: string;
  language?: (typeof actionLanguages)[number];
  state?: TaskItemState;
  result?: string;
}

export interface PromotedFact {
  text: string;
}

export type SuggestedFixProposal = z.infer<typeof ZSuggestFix>;
export type FixOutcomeProposal = z.infer<typeof ZFixOutcome>;

export type Marker =
  | { type: 'questions'; items: QuestionItem[] }
  | { type: 'actions'; items: ActionItem[] }
  | { type: 'promote'; facts: PromotedFact[] }
  | { type: 'suggest_fix'; fix: SuggestedFixProposal }
  | { type: 'fix_outcome'; outcome: FixOutcomeProposal }
  | { type: 'confidence'; value: number };

export interface InvalidMarker {
  name: string;
  raw: string;
  reason: string;
}

type PayloadResult = { ok: true; marker: Marker } | { ok: false; reason: string };

const describeZodError = (error: z.ZodError): string =>
  error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    return { ok: false, reason: `malformed JSON: ${(error as Error).message}` };
  }
}

function parseConfidence(raw: string): PayloadResult {
  const trimmed = raw.trim();
  // Bare numbers such as `.7` are not JSON but are an unambiguous confidence.
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) {
    return { ok: true, marker: { type: 'confidence', value: clampConfidence(Number(trimmed)) } };
  }
  const json = parseJson(trimmed);
  if (!json.ok) return json;
  const value =
    typeof json.value === 'object' && json.value !== null && !Array.isArray(json.value)
      ? ((json.value as Record<string, unknown>).confidence ?? (json.value as Record<string, unknown>).value)
      : json.value;
  if (typeof value !== 'number') return { ok: false, reason: 'confidence must be a number between 0 and 1' };
  return { ok: true, marker: { type: 'confidence', value: clampConfidence(value) } };
}

function parsePayload(name: MarkerName, raw: string): PayloadResult {
  if (name === 'CONFIDENCE') return parseConfidence(raw);
  const json = parseJson(raw.trim());
  if (!json.ok) return json;
  switch (name) {
    case 'QUESTIONS': {
      const result = listOf(ZQuestionItem).safeParse(json.value);
      if (!result.success) return { ok: false, reason: describeZodError(result.error) };
      const items = result.data.map((item): QuestionItem => ({
        ...item,
        id: ('id' in item && item.id) || questionIdFor(item.text),
      }));
      return { ok: true, marker: { type: 'questions', items: items.map(dropUndefined) } };
    }
    case 'ACTIONS': {
      const result = listOf(ZActionItem).safeParse(json.value);
      if (!result.success) return { ok: false, reason: describeZodError(result.error) };
      const items = result.data.map((item): ActionItem => ({
        ...item,
        id: ('id' in item && item.id) || actionIdFor(item.title),
      }));
      return { ok: true, marker: { type: 'actions', items: items.map(dropUndefined) } };
    }
    case 'PROMOTE': {
      const result = listOf(ZFact).safeParse(json.value);
      if (!result.success) return { ok: false, reason: describeZodError(result.error) };
      return { ok: true, marker: { type: 'promote', facts: result.data } };
    }
    case 'SUGGEST_FIX': {
      const result = ZSuggestFix.safeParse(json.value);
      if (!result.success) return { ok: false, reason: describeZodError(result.error) };
      return { ok: true, marker: { type: 'suggest_fix', fix: dropUndefined(result.data) } };
    }
    case 'FIX_OUTCOME': {
      const result = ZFixOutcome.safeParse(json.value);
      if (!result.success) return { ok: false, reason: describeZodError(result.error) };
      return { ok: true, marker: { type: 'fix_outcome', outcome: dropUndefined(result.data) } };
    }
  }
}

/** Keeps marker objects free of `key: undefined`, so they serialise and compare cleanly. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------
// Streaming parser

const openTags = new Map<string, MarkerName>(markerNames.map((name) => [`[${name}]`, name]));
const closeTags = new Map<string, MarkerName>(markerNames.map((name) => [`[/${name}]`, name]));
const allTags = [...openTags.keys(), ...closeTags.keys()];

type TagMatch =
  | { kind: 'open' | 'close'; name: MarkerName; length: number }
  /** The text so far is the beginning of a tag; only more text can tell. */
  | { kind: 'undecided' }
  | { kind: 'none' };

/** Classifies the text starting at a `[`; depends only on the text, never on chunk boundaries. */
function matchTag(text: string, at: number): TagMatch {
  const rest = text.slice(at, at + 16);
  for (const tag of allTags) {
    if (rest.startsWith(tag)) {
      const open = openTags.get(tag);
      return open
        ? { kind: 'open', name: open, length: tag.length }
        : { kind: 'close', name: closeTags.get(tag)!, length: tag.length };
    }
  }
  if (rest.length < 16 && allTags.some((tag) => tag.startsWith(rest))) return { kind: 'undecided' };
  return { kind: 'none' };
}

export interface ParseChunkResult {
  prose: string;
  markers: Marker[];
}

export interface MarkerParserOptions {
  onInvalid?: (info: InvalidMarker) => void;
}

export interface MarkerParser {
  push(chunk: string): ParseChunkResult;
  /** Flushes held-back text and reports an unterminated block. The parser can then be reused. */
  end(): ParseChunkResult;
}

export function createMarkerParser(options: MarkerParserOptions = {}): MarkerParser {
  let pending = '';
  let open: { name: MarkerName; payload: string; overflowed: boolean } | null = null;

  const reportInvalid = (info: InvalidMarker) => options.onInvalid?.(info);

  const appendPayload = (text: string) => {
    if (!open || open.overflowed) return;
    if (open.payload.length + text.length > MAX_MARKER_PAYLOAD) {
      open.overflowed = true;
      open.payload = '';
    } else {
      open.payload += text;
    }
  };

  const closeMarker = (markers: Marker[]) => {
    if (!open) return;
    const { name, payload, overflowed } = open;
    open = null;
    if (overflowed) {
      reportInvalid({ name, raw: '', reason: `payload larger than ${MAX_MARKER_PAYLOAD} characters` });
      return;
    }
    const result = parsePayload(name, payload);
    if (result.ok) markers.push(result.marker);
    else reportInvalid({ name, raw: payload, reason: result.reason });
  };

  const abandonMarker = (reason: string) => {
    if (!open) return;
    reportInvalid({ name: open.name, raw: open.overflowed ? '' : open.payload, reason });
    open = null;
  };

  const drain = (): ParseChunkResult => {
    let prose = '';
    const markers: Marker[] = [];
    let cursor = 0;
    for (;;) {
      const bracket = pending.indexOf('[', cursor);
      const upTo = bracket === -1 ? pending.length : bracket;
      if (open) appendPayload(pending.slice(cursor, upTo));
      else prose += pending.slice(cursor, upTo);
      if (bracket === -1) {
        cursor = pending.length;
        break;
      }
      const match = matchTag(pending, bracket);
      if (match.kind === 'undecided') {
        cursor = bracket;
        break;
      }
      if (match.kind === 'none') {
        if (open) appendPayload('[');
        else prose += '[';
        cursor = bracket + 1;
        continue;
      }
      cursor = bracket + match.length;
      if (match.kind === 'open') {
        // A new opening tag inside a block means the model never closed the previous one;
        // restarting here loses one block instead of swallowing the rest of the reply.
        abandonMarker(`unterminated: [${match.name}] opened before [/${open?.name}]`);
        open = { name: match.name, payload: '', overflowed: false };
      } else if (open && match.name === open.name) {
        closeMarker(markers);
      } else if (open) {
        abandonMarker(`mismatched closing tag [/${match.name}]`);
      } else {
        // Protocol syntax never belongs in the transcript, even when it is stray.
        reportInvalid({
          name: match.name,
          raw: `[/${match.name}]`,
          reason: 'closing tag without an opening tag',
        });
      }
    }
    pending = pending.slice(cursor);
    return { prose, markers };
  };

  return {
    push(chunk) {
      pending += chunk;
      return drain();
    },
    end() {
      // Held-back text is only ever a proper prefix of a tag, so once the stream ends it is prose.
      let prose = '';
      if (open) {
        appendPayload(pending);
        abandonMarker(`unterminated: [${open.name}] has no [/${open.name}]`);
      } else {
        prose = pending;
      }
      pending = '';
      return { prose, markers: [] };
    },
  };
}

/** One-shot parsing of a complete text (a stored message, a non-streaming reply). */
export function parseMarkers(text: string): { prose: string; markers: Marker[]; invalid: InvalidMarker[] } {
  const invalid: InvalidMarker[] = [];
  const parser = createMarkerParser({ onInvalid: (info) => invalid.push(info) });
  const first = parser.push(text);
  const last = parser.end();
  return { prose: first.prose + last.prose, markers: [...first.markers, ...last.markers], invalid };
}

// ---------------------------------------------------------------------------
// Folding one turn

export interface MarkerSummary {
  questions: QuestionItem[];
  actions: ActionItem[];
  facts: PromotedFact[];
  suggestedFix: SuggestedFixProposal | null;
  fixOutcome: FixOutcomeProposal | null;
  confidence: number | null;
}

/** Later mentions of an id update it in place, so the lane keeps the order items first appeared in. */
function mergeById<T extends { id: string }>(items: T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(item.id, { ...byId.get(item.id), ...item });
  return [...byId.values()];
}

export function summarizeMarkers(markers: readonly Marker[]): MarkerSummary {
  const questions: QuestionItem[] = [];
  const actions: ActionItem[] = [];
  const facts: PromotedFact[] = [];
  const seenFacts = new Set<string>();
  let suggestedFix: SuggestedFixProposal | null = null;
  let fixOutcome: FixOutcomeProposal | null = null;
  let confidence: number | null = null;
  for (const marker of markers) {
    switch (marker.type) {
      case 'questions':
        questions.push(...marker.items);
        break;
      case 'actions':
        actions.push(...marker.items);
        break;
      case 'promote':
        for (const fact of marker.facts) {
          const key = normalizeItemText(fact.text);
          if (seenFacts.has(key)) continue;
          seenFacts.add(key);
          facts.push(fact);
        }
        break;
      case 'suggest_fix':
        suggestedFix = marker.fix;
        break;
      case 'fix_outcome':
        fixOutcome = marker.outcome;
        break;
      case 'confidence':
        confidence = marker.value;
        break;
    }
  }
  return {
    questions: mergeById(questions),
    actions: mergeById(actions),
    facts,
    suggestedFix,
    fixOutcome,
    confidence,
  };
}

// ---------------------------------------------------------------------------

/** Plain-text description for the system prompt; every provider (offline included) speaks this. */
export const markerProtocolDoc = `Structured output protocol.
Write normal prose for the engineer. When you want to change the task lane, add a block
[NAME]payload[/NAME] on its own line. Blocks are removed from what the engineer reads.
Payloads are JSON with snake_case fields. Only these blocks exist:

[QUESTIONS] diagnostic questions for the engineer. A JSON list; a string is a new question.
  Objects: {"id"?, "text", "state"?: "open"|"answered"|"done"|"skipped", "answer"?}.
  Reuse an id you were given to update that question.
  [QUESTIONS]["Is the print spooler service running?", {"id": "q-1", "text": "Which printer?", "state": "answered", "answer": "HP 4050"}][/QUESTIONS]

[ACTIONS] diagnostic checks to run. A JSON list of
  {"id"?, "title", "command"?, "language"?: "powershell"|"bash"|"python"|"cmd", "state"?, "result"?}.
  [ACTIONS][{"title": "Check spooler status", "command": "Get-Service Spooler", "language": "powershell"}][/ACTIONS]

[PROMOTE] a confirmed fact for "What we know": {"text"} or a list of them.
  [PROMOTE]{"text": "Spooler service crashes when the HP driver loads"}[/PROMOTE]

[SUGGEST_FIX] propose a fix (replaces the current one; only the last block of a message counts):
  {"title" (max 200), "description", "confidence_pct" (0-100), "script_template_id"?,
   "script_language"?: "powershell"|"bash"|"python", "script"?}
  [SUGGEST_FIX]{"title": "Clear the print queue", "description": "Stop the spooler, delete stuck jobs, restart it.", "confidence_pct": 80, "script_language": "powershell", "script": "Restart-Service Spooler"}[/SUGGEST_FIX]

[FIX_OUTCOME] when the engineer's words say how the current fix went. The engineer confirms it.
  {"outcome": "applied_success"|"applied_failed"|"applied_partial", "reason"?}
  [FIX_OUTCOME]{"outcome": "applied_failed", "reason": "Jobs reappear after restart"}[/FIX_OUTCOME]

[CONFIDENCE] your confidence in the current diagnosis, a number from 0 to 1.
  [CONFIDENCE]0.7[/CONFIDENCE]

Never put a block inside another block. A malformed block is ignored.`;
