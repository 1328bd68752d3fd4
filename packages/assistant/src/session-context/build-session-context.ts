import type { ChatMessage, SessionSnapshot } from '../chat-model.ts';
import {
  clipMiddleByCharacters,
  formatCount,
  renderAttachments,
  renderIntake,
  renderSessionState,
} from './render-session-state.ts';
import type { ChatImage } from '../chat-model.ts';
import type { ContextAttachment, ContextTurn, SessionContextInput } from './session-context-input.ts';

/**
 * Turns a session's structured state into the model input of one turn, within a token budget.
 *
 * Layout, most stable first so a provider's prefix cache keeps hitting (ADR 012):
 *   system   the static instructions — identical for every session
 *   user     the intake — identical for the whole session
 *   …        the conversation, oldest first — append-only
 *   user     the session state (facts, task lane, fixes, what the engineer did, templates) —
 *            rebuilt every turn, so it comes after everything cacheable
 *   user     the message being answered
 *
 * The budget always keeps the system prompt, the intake and the state. When the whole does not
 * fit: long pastes in older turns keep their head and tail first, then the oldest turns go, a
 * few at a time (so the kept prefix stays the same for several turns), and only then are the
 * middles of the message being answered and of the intake's logs cut.
 */

export interface ContextCounter {
  count(text: string): number;
}

export interface BuildSessionContextOptions {
  /** The static system prompt. */
  system: string;
  /** Most tokens of input to send (LLM_CONTEXT_TOKENS). */
  budgetTokens: number;
  counter: ContextCounter;
}

/** What was sent, stored per assistant message (`context` column) so the transcript can show it. */
export interface ContextReport {
  budget_tokens: number;
  /** Our count of the request (the provider's own count, when reported, is `input_tokens`). */
  estimated_tokens: number;
  turns_sent: number;
  turns_omitted: number;
  characters_omitted: number;
  pastes_trimmed: number;
  templates_offered: number;
  facts: number;
  /** The intake, state and message being answered alone did not fit; sent anyway, trimmed as far as they go. */
  over_budget: boolean;
}

export interface BuiltSessionContext {
  system: string;
  messages: ChatMessage[];
  /** The same state as data, for the offline engine. */
  session: SessionSnapshot;
  report: ContextReport;
}

/**
 * The state the offline engine weighs: the engineer's words outside the chat (their notes, and
 * any assistant fact they corrected, which now says what they say) and every fix's outcome.
 */
export function sessionSnapshot(input: SessionContextInput): SessionSnapshot {
  return {
    ticketRef: input.intake.ticketRef,
    clientName: input.intake.clientName ?? input.triage.clientName ?? undefined,
    assetName: input.intake.assetName ?? input.triage.assetName ?? undefined,
    notes: input.facts
      .filter((fact) => fact.kind === 'engineer_note' || (fact.kind === 'ai_promoted' && fact.edited))
      .map((fact) => fact.text),
    ...(input.similar?.length ? { similar: [...input.similar] } : {}),
    ...(input.handoff
      ? { handoff: { note: input.handoff.note, sinceLastReply: input.handoff.sinceLastReply } }
      : {}),
    facts: input.facts.map((fact) => fact.text),
    open: [
      ...input.questions.filter((question) => question.state === 'open').map((question) => question.text),
      ...input.checks.filter((check) => check.state === 'open').map((check) => `Run check: ${check.title}`),
    ],
    fixes: [...input.earlierFixes, ...(input.activeFix ? [input.activeFix] : [])].map((fix) => ({
      templateId: fix.templateId,
      title: fix.title,
      outcome: fix.status,
    })),
  };
}

/** Chat formats add a few tokens per message (role, separators). */
const MESSAGE_OVERHEAD = 4;
/** Room kept in the state block for the "left out" notes, which are known only at the end. */
const NOTES_RESERVE = 60;
/** Older turns go this many at a time, so the cached prefix moves only every few turns. */
export const DROP_STEP = 6;
/** An older turn is at most this share of the budget once trimming starts. */
const OLDER_TURN_SHARE = 0.12;
const OLDER_TURN_MIN = 600;
/** What is kept of the message being answered and of the intake, however tight the budget. */
const FLOOR_TOKENS = 200;

interface Clipped {
  text: string;
  omitted: number;
}

/** Keeps head and tail of `text` within `maxTokens`, measured with the real tokenizer. */
export function clipMiddleByTokens(
  text: string,
  maxTokens: number,
  what: string,
  counter: ContextCounter,
): Clipped {
  const tokens = counter.count(text);
  if (tokens <= maxTokens) return { text, omitted: 0 };
  let characters = Math.floor((maxTokens / tokens) * text.length) - 60;
  let clipped = clipMiddleByCharacters(text, Math.max(0, characters), what);
  // The ratio of characters to tokens varies along a text; two corrections are plenty.
  for (let attempt = 0; attempt < 2; attempt++) {
    const now = counter.count(clipped.text);
    if (now <= maxTokens) break;
    characters = Math.floor(characters * (maxTokens / now) * 0.97);
    clipped = clipMiddleByCharacters(text, Math.max(0, characters), what);
  }
  return clipped;
}

/**
 * What an image costs in input tokens, roughly as providers bill it: Anthropic counts
 * width × height / 750 of the image scaled to fit 1568 px (at most ~1,600); OpenAI's tiles
 * come to about as much. Unknown dimensions count as the maximum.
 */
export function imageTokens(width: number | null | undefined, height: number | null | undefined) {
  if (!width || !height) return 1_600;
  const scale = Math.min(1, 1568 / Math.max(width, height));
  return Math.min(1_600, Math.ceil((width * scale * (height * scale)) / 750));
}

function imagesOf(attachments: readonly ContextAttachment[] | undefined): ChatImage[] {
  return (attachments ?? []).flatMap((attachment) =>
    attachment.image
      ? [{ name: attachment.name, mediaType: attachment.image.mediaType, data: attachment.image.data }]
      : [],
  );
}

function imageCost(attachments: readonly ContextAttachment[] | undefined) {
  return (attachments ?? []).reduce(
    (sum, attachment) =>
      sum + (attachment.image ? imageTokens(attachment.image.width, attachment.image.height) : 0),
    0,
  );
}

function turnText(turn: ContextTurn, clip: (text: string) => string = (text) => text): string {
  const attachments = renderAttachments(turn.attachments, clip);
  const content = clip(turn.content);
  return attachments ? `${content}\n\n${attachments}` : content;
}

export function buildSessionContext(
  input: SessionContextInput,
  options: BuildSessionContextOptions,
): BuiltSessionContext {
  const { counter, budgetTokens } = options;
  const count = (text: string) => counter.count(text) + MESSAGE_OVERHEAD;
  const countLines = (lines: readonly string[]) =>
    lines.reduce((sum, line) => sum + counter.count(line) + 1, MESSAGE_OVERHEAD);

  const last = input.transcript.at(-1);
  const answering = last?.role === 'user' ? last : undefined;
  const older = answering ? input.transcript.slice(0, -1) : [...input.transcript];

  let charactersOmitted = 0;
  let pastesTrimmed = 0;
  const systemTokens = count(options.system);
  const stateTokens = countLines(renderSessionState(input, []).lines) + NOTES_RESERVE;
  let intakeText = renderIntake(input.intake);
  // Images are never trimmed: what they cost is counted with the text they came with.
  const intakeImages = imageCost(input.intake.attachments);
  const answeringImages = imageCost(answering?.attachments);
  let intakeTokens = count(intakeText) + intakeImages;
  let answeringText = answering ? turnText(answering) : undefined;
  let answeringTokens = answeringText === undefined ? 0 : count(answeringText) + answeringImages;
  const fixed = () => systemTokens + stateTokens + intakeTokens + answeringTokens;

  let olderTexts = older.map((turn) => turnText(turn));
  const olderImages = older.map((turn) => imageCost(turn.attachments));
  const countOlder = (text: string, index: number) => count(text) + olderImages[index]!;
  let olderTokens = olderTexts.map(countOlder);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

  // 1. Long pastes in older turns keep head and tail.
  if (fixed() + sum(olderTokens) > budgetTokens) {
    const cap = Math.max(OLDER_TURN_MIN, Math.floor(budgetTokens * OLDER_TURN_SHARE));
    olderTexts = older.map((turn, index) => {
      if (olderTokens[index]! <= cap) return olderTexts[index]!;
      let omitted = 0;
      const text = turnText(turn, (part) => {
        const clipped = clipMiddleByTokens(
          part,
          cap,
          turn.role === 'user' ? 'pasted text' : 'reply',
          counter,
        );
        omitted += clipped.omitted;
        return clipped.text;
      });
      if (omitted > 0) {
        charactersOmitted += omitted;
        pastesTrimmed++;
      }
      return text;
    });
    olderTokens = olderTexts.map(countOlder);
  }

  // 2. The oldest turns go, DROP_STEP at a time.
  let dropped = 0;
  if (fixed() + sum(olderTokens) > budgetTokens) {
    const suffix: number[] = new Array(olderTokens.length + 1).fill(0);
    for (let index = olderTokens.length - 1; index >= 0; index--)
      suffix[index] = suffix[index + 1]! + olderTokens[index]!;
    dropped = olderTokens.length;
    for (let cut = DROP_STEP; cut < olderTokens.length; cut += DROP_STEP) {
      if (fixed() + suffix[cut]! <= budgetTokens) {
        dropped = cut;
        break;
      }
    }
    for (let index = 0; index < dropped; index++) charactersOmitted += olderTexts[index]!.length;
  }
  const keptTexts = olderTexts.slice(dropped);
  const keptTurns = older.slice(dropped);

  // 3. Still too long: the middles of the message being answered and of the intake go.
  const room = budgetTokens - systemTokens - stateTokens - sum(olderTokens.slice(dropped));
  if (intakeTokens + answeringTokens > room) {
    const half = Math.max(FLOOR_TOKENS, Math.floor(room / 2));
    const answeringShare =
      answeringTokens <= half ? answeringTokens : Math.max(FLOOR_TOKENS, room - Math.min(intakeTokens, half));
    const intakeShare = Math.max(FLOOR_TOKENS, room - Math.min(answeringShare, answeringTokens));
    if (answering && answeringTokens > answeringShare) {
      const before = answeringText!.length;
      const share = answeringShare / answeringTokens;
      let omitted = 0;
      answeringText = turnText(answering, (part) => {
        const clipped = clipMiddleByTokens(
          part,
          Math.max(50, Math.floor(counter.count(part) * share)),
          'pasted text',
          counter,
        );
        omitted += clipped.omitted;
        return clipped.text;
      });
      if (omitted > 0) {
        pastesTrimmed++;
        charactersOmitted += Math.max(omitted, before - answeringText.length);
      }
      answeringTokens = count(answeringText) + answeringImages;
    }
    if (intakeTokens > intakeShare) {
      const share = intakeShare / intakeTokens;
      let omitted = 0;
      intakeText = renderIntake(input.intake, (part) => {
        const clipped = clipMiddleByTokens(
          part,
          Math.max(50, Math.floor(counter.count(part) * share)),
          'log',
          counter,
        );
        omitted += clipped.omitted;
        return clipped.text;
      });
      if (omitted > 0) {
        pastesTrimmed++;
        charactersOmitted += omitted;
      }
      intakeTokens = count(intakeText) + intakeImages;
    }
  }

  const notes: string[] = [];
  const leftOut = dropped + (input.unreadTurns ?? 0);
  if (leftOut > 0)
    notes.push(
      `the ${formatCount(leftOut)} oldest message${leftOut === 1 ? '' : 's'} of the conversation (the intake and this state are complete)`,
    );
  if (pastesTrimmed > 0)
    notes.push(
      `the middles of ${formatCount(pastesTrimmed)} long paste${pastesTrimmed === 1 ? '' : 's'}, marked where cut`,
    );
  const stateLines = renderSessionState(input, notes).lines;
  const stateText = stateLines.join('\n');

  const withImages = (message: ChatMessage, attachments: readonly ContextAttachment[] | undefined) => {
    const images = imagesOf(attachments);
    return images.length > 0 ? { ...message, images } : message;
  };
  const messages: ChatMessage[] = [
    withImages({ role: 'user', content: intakeText, part: 'intake' }, input.intake.attachments),
  ];
  keptTurns.forEach((turn, index) =>
    messages.push(
      withImages({ role: turn.role, content: keptTexts[index]!, part: 'turn' }, turn.attachments),
    ),
  );
  // The cache breakpoint: everything up to here is byte-identical next turn.
  messages[messages.length - 1]!.cache = true;
  messages.push({ role: 'user', content: stateText, part: 'state' });
  if (answering && answeringText !== undefined)
    messages.push(withImages({ role: 'user', content: answeringText, part: 'turn' }, answering.attachments));

  // Counted piece by piece (each memoised), as the budget was: within a few tokens of the whole.
  const estimated =
    systemTokens + intakeTokens + sum(olderTokens.slice(dropped)) + countLines(stateLines) + answeringTokens;
  return {
    system: options.system,
    messages,
    session: sessionSnapshot(input),
    report: {
      budget_tokens: budgetTokens,
      estimated_tokens: estimated,
      turns_sent: keptTurns.length + (answering ? 1 : 0),
      turns_omitted: leftOut,
      characters_omitted: charactersOmitted,
      pastes_trimmed: pastesTrimmed,
      templates_offered: input.templates.length,
      facts: input.facts.length,
      over_budget: estimated > budgetTokens,
    },
  };
}
