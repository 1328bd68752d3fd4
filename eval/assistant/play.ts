import { builtinTemplateId } from '@flowpilot/assistant/builtin-template-id';
import type { BuiltinPlaybook, Playbook } from '@flowpilot/core/playbook';
import type { Dialogue, Expectation } from './dialogues.ts';
import { genericReply, numberedQuestions, type Ticket } from './simulate.ts';

/** What one reply showed the engineer, however it was obtained (engine call or HTTP API). */
export interface Observed {
  prose: string;
  /** Task-lane questions after the reply. */
  questions: { id: string; text: string; state: string; answer?: string }[];
  /** Template of the active fix after the reply, if any. */
  fixTemplateId: string | null;
  /** Whether this reply proposed a new fix. */
  newFix: boolean;
  confidence: number;
  /** Everything under "What we know" so far. */
  facts: string[];
  /** The outcome this reply proposed for the active fix, if any. */
  outcome: string | null;
}

export interface Conversation {
  start(ticket: Ticket): Promise<Observed>;
  say(text: string): Promise<Observed>;
}

export interface TicketResult {
  ticket: Ticket;
  /** Generic replies until the right fix was proposed (0 = straight from the intake); null if never within the limit. */
  repliesToRightFix: number | null;
  /** Fixes proposed at all (for unknown tickets, any is wrong). */
  fixesProposed: number;
  wrongFixes: number;
}

export async function playTicket(
  conversation: Conversation,
  ticket: Ticket,
  playbooks: readonly Playbook[],
  maxReplies = 4,
): Promise<TicketResult> {
  const expectedId = ticket.expect
    ? builtinTemplateId(
        (playbooks.find((playbook) => playbook.slug === ticket.expect) as BuiltinPlaybook).template.slug,
      )
    : null;
  let observed = await conversation.start(ticket);
  let fixesProposed = 0;
  let wrongFixes = 0;
  for (let replies = 0; ; replies++) {
    if (observed.newFix) {
      fixesProposed++;
      if (observed.fixTemplateId === expectedId && expectedId)
        return { ticket, repliesToRightFix: replies, fixesProposed, wrongFixes };
      wrongFixes++;
    }
    if (replies >= maxReplies) break;
    const reply = observed.newFix
      ? "didn't work, still the same"
      : genericReply(
          ticket.expect,
          observed.questions,
          numberedQuestions(observed.prose),
          playbooks,
          replies,
        );
    observed = await conversation.say(reply);
  }
  return { ticket, repliesToRightFix: null, fixesProposed, wrongFixes };
}

export interface DialogueResult {
  name: string;
  failures: string[];
}

/** Plays a scripted dialogue and lists every expectation it missed. */
export async function playDialogue(
  conversation: Conversation,
  dialogue: Dialogue,
  playbooks: readonly Playbook[],
): Promise<DialogueResult> {
  const failures: string[] = [];
  const templateOf = (slug: string) =>
    builtinTemplateId(
      (playbooks.find((playbook) => playbook.slug === slug) as BuiltinPlaybook).template.slug,
    );
  let previousBatch: string[] = [];
  const check = (turn: string, observed: Observed, expect: Expectation) => {
    const fail = (what: string) => failures.push(`${turn}: ${what}`);
    const open = new Set(
      observed.questions.filter((question) => question.state === 'open').map((question) => question.id),
    );
    const askedNow = numberedQuestions(observed.prose)
      .map((text) => observed.questions.find((question) => question.text === text)?.id)
      .filter((id): id is string => !!id);
    if (expect.fix && observed.fixTemplateId !== templateOf(expect.fix))
      fail(`expected the ${expect.fix} fix, got ${observed.fixTemplateId ?? 'no fix'}`);
    if (expect.noFix && observed.newFix) fail('proposed a fix');
    for (const key of expect.asks ?? []) if (!open.has(key)) fail(`did not ask ${key}`);
    for (const key of expect.notAsks ?? []) if (askedNow.includes(key)) fail(`asked ${key}`);
    for (const [key, state] of Object.entries(expect.lane ?? {})) {
      const item = observed.questions.find((question) => question.id === key);
      if (item?.state !== state) fail(`${key} is ${item?.state ?? 'absent'}, expected ${state}`);
    }
    for (const fact of expect.facts ?? [])
      if (!observed.facts.some((text) => text.includes(fact))) fail(`missing fact "${fact}"`);
    for (const fact of expect.noFacts ?? [])
      if (observed.facts.some((text) => text.includes(fact))) fail(`wrong fact "${fact}"`);
    if (expect.prose && !expect.prose.test(observed.prose)) fail(`prose lacks ${expect.prose}`);
    if (expect.noProse && expect.noProse.test(observed.prose)) fail(`prose has ${expect.noProse}`);
    if (expect.outcome !== undefined && observed.outcome !== expect.outcome)
      fail(`outcome ${observed.outcome}, expected ${expect.outcome}`);
    if (
      expect.laneAnswersNot &&
      observed.questions.some((question) => question.answer && expect.laneAnswersNot?.test(question.answer))
    )
      fail('a task-lane answer holds pasted output');
    const stateOf = (key: string) => observed.questions.find((question) => question.id === key)?.state;
    if (expect.answeredFromBatch) {
      const keys = previousBatch.slice(0, expect.answeredFromBatch);
      if (keys.length < expect.answeredFromBatch || keys.some((key) => stateOf(key) !== 'answered'))
        fail(`batch ${keys.join(', ')} not all answered`);
    }
    if (expect.maxConfidence !== undefined && observed.confidence > expect.maxConfidence)
      fail(`confidence ${observed.confidence}, expected at most ${expect.maxConfidence}`);
    if (expect.skippedFromBatch) {
      const keys = previousBatch.slice(0, expect.skippedFromBatch);
      if (keys.length < expect.skippedFromBatch || keys.some((key) => stateOf(key) !== 'skipped'))
        fail(`batch ${keys.join(', ')} not skipped`);
    }
    previousBatch = askedNow;
  };
  check('intake', await conversation.start(dialogue.ticket), dialogue.first);
  for (const [index, turn] of dialogue.turns.entries())
    check(`turn ${index + 1}`, await conversation.say(turn.say), turn.expect);
  return { name: dialogue.name, failures };
}
