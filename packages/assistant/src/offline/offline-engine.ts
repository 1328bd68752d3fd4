import { builtinTemplateId } from '../builtin-template-id.ts';
import type { ChatMessage } from '../chat-model.ts';
import {
  classifyFixOutcome,
  interpretAnswers,
  normalizeAnswerText,
  type FixOutcomeSignal,
  type InterpretedAnswer,
  type OpenQuestion,
} from './answer-interpreter.ts';
import { Bm25Index } from './bm25-index.ts';
import { readOwnMarkers } from './own-markers.ts';
import { tokenize } from './text-analysis.ts';
import { loadPlaybookPack } from './playbook-pack.ts';
import type { Playbook, PlaybookQuestion } from './playbook-schema.ts';

/**
 * The offline engine: a deterministic troubleshooting policy over the playbook pack.
 * It receives the same transcript a real model would (first user message = intake, earlier
 * assistant messages with the markers it wrote) and returns the next reply, markers included.
 * Same transcript in, same reply out.
 */

/** Confidence at which the engine proposes a playbook's fix. */
export const suggestThreshold = 0.75;
/** Below this (and with no answers pointing anywhere) the intake is "not a problem I know". */
const minimumRetrievalScore = 2.5;
const defaultConfidenceFloor = 0.5;
const maxQuestionsPerTurn = 3;
const maxChecksPerTurn = 2;

const generalQuestions: PlaybookQuestion[] = [
  {
    id: 'exact-error',
    text: 'What is the exact error message or code (a screenshot or copy-paste is best)?',
    answers: [],
  },
  {
    id: 'scope',
    text: 'Who and what is affected: one user or many, one device or several, which application or service?',
    answers: [],
  },
  {
    id: 'started',
    text: 'When did it start, and what changed around then (updates, password change, new hardware, moves)?',
    answers: [],
  },
  {
    id: 'environment',
    text: 'What is the environment: Windows/macOS/Linux version, on-premises AD or Microsoft 365, office or remote?',
    answers: [],
  },
];
const generalPrefix = 'general';

interface AskedQuestion {
  key: string;
  slug: string;
  question: PlaybookQuestion;
  answer?: InterpretedAnswer;
}

interface SuggestedFix {
  slug: string;
  outcome?: FixOutcomeSignal;
}

interface SessionState {
  userTexts: string[];
  asked: Map<string, AskedQuestion>;
  /** Keys of the questions the latest assistant reply asked, in the order it numbered them. */
  latestBatch: string[];
  emittedActions: Set<string>;
  promoted: Set<string>;
  fixes: SuggestedFix[];
  assistantTurns: number;
}

interface TurnEvents {
  answers: InterpretedAnswer[];
  outcome?: { slug: string; outcome: FixOutcomeSignal; text: string };
}

interface Candidate {
  playbook: Playbook;
  retrieval: number;
  evidence: number;
  rank: number;
}

export interface OfflineEngine {
  /** The next assistant reply (prose and markers) for this transcript. */
  reply(messages: readonly ChatMessage[]): string;
  /** The pack in use, for listings and tests. */
  readonly playbooks: readonly Playbook[];
}

export function createOfflineEngine(playbooks: readonly Playbook[] = loadPlaybookPack()): OfflineEngine {
  const bySlug = new Map(playbooks.map((playbook) => [playbook.slug, playbook]));
  const slugByTemplateId = new Map(
    playbooks.map((playbook) => [builtinTemplateId(playbook.template.slug), playbook.slug]),
  );
  const index = new Bm25Index(
    playbooks.map((playbook) => ({
      id: playbook.slug,
      fields: [
        { text: playbook.title, weight: 3 },
        { text: playbook.symptoms.join('\n'), weight: 2 },
        { text: playbook.keywords.join('\n'), weight: 2 },
        { text: playbook.category, weight: 1 },
        { text: playbook.questions.map((question) => question.text).join('\n'), weight: 1 },
      ],
    })),
  );

  function questionFor(key: string): { slug: string; question: PlaybookQuestion } | undefined {
    const [slug, id] = key.split('.', 2);
    if (slug === generalPrefix) {
      const question = generalQuestions.find((candidate) => candidate.id === id);
      return question && { slug, question };
    }
    const question = slug ? bySlug.get(slug)?.questions.find((candidate) => candidate.id === id) : undefined;
    return question && slug ? { slug, question } : undefined;
  }

  function replay(messages: readonly ChatMessage[]): { state: SessionState; lastTurn: TurnEvents } {
    const state: SessionState = {
      userTexts: [],
      asked: new Map(),
      latestBatch: [],
      emittedActions: new Set(),
      promoted: new Set(),
      fixes: [],
      assistantTurns: 0,
    };
    let lastTurn: TurnEvents = { answers: [] };
    for (const message of messages) {
      if (message.role === 'assistant') {
        state.assistantTurns++;
        const own = readOwnMarkers(message.content);
        const batch: string[] = [];
        for (const item of own.questions) {
          const known = questionFor(item.id);
          if (!known) continue;
          if (!state.asked.has(item.id)) state.asked.set(item.id, { key: item.id, ...known });
          if (item.state === undefined || item.state === 'open') batch.push(item.id);
        }
        if (batch.length > 0) state.latestBatch = batch;
        for (const action of own.actions) state.emittedActions.add(action.id);
        for (const fact of own.promoted) state.promoted.add(normalizeAnswerText(fact));
        for (const templateId of own.suggestedTemplateIds) {
          const slug = templateId && slugByTemplateId.get(templateId);
          if (slug) state.fixes.push({ slug });
        }
        lastTurn = { answers: [] };
      } else {
        lastTurn = applyUserMessage(state, message.content);
      }
    }
    return { state, lastTurn };
  }

  function applyUserMessage(state: SessionState, text: string): TurnEvents {
    state.userTexts.push(text);
    if (state.userTexts.length === 1) return { answers: [] }; // the intake
    const activeFix = state.fixes.at(-1);
    if (activeFix && !activeFix.outcome) {
      const outcome = classifyFixOutcome(text);
      if (outcome) {
        activeFix.outcome = outcome;
        return { answers: [], outcome: { slug: activeFix.slug, outcome, text } };
      }
    }
    const open = [...state.asked.values()].filter((asked) => !asked.answer);
    const toOpen = (asked: AskedQuestion): OpenQuestion => ({ key: asked.key, question: asked.question });
    const batch = state.latestBatch
      .map((key) => state.asked.get(key))
      .filter((asked): asked is AskedQuestion => !!asked && !asked.answer);
    const others = open.filter((asked) => !batch.includes(asked));
    let answers = interpretAnswers(text, batch.map(toOpen), others.map(toOpen));
    const openGeneral = batch.filter((asked) => asked.slug === generalPrefix);
    if (answers.length === 0 && openGeneral.length > 0) {
      // "Tell me more" is answered by a paragraph, not item by item.
      answers = openGeneral.map((asked) => ({
        key: asked.key,
        text: clip(text),
        state: 'answered' as const,
      }));
    }
    for (const answer of answers) {
      const asked = state.asked.get(answer.key);
      if (asked) asked.answer = answer;
    }
    return { answers };
  }

  function rank(state: SessionState): { candidates: Candidate[]; recognised: boolean } {
    const query = state.userTexts.join('\n');
    const hits = index.search(query);
    const top = hits[0];
    const topRetrieval = top?.score ?? 0;
    const queryTerms = new Set(tokenize(query)).size;
    // One stray word in common with a playbook ("machine") is not recognising the problem.
    const recognisedByText =
      !!top &&
      top.score >= minimumRetrievalScore &&
      (top.matchedTerms >= 2 || top.matchedTerms / Math.max(1, queryTerms) >= 0.5);
    const excluded = new Set(
      state.fixes
        .filter((fix) => fix.outcome === 'applied_failed' || fix.outcome === 'applied_partial')
        .map((fix) => fix.slug),
    );
    const evidence = new Map<string, number>();
    for (const asked of state.asked.values()) {
      const implies = asked.answer?.matched?.implies;
      if (!implies) continue;
      const signed = implies.effect === 'supports' ? implies.weight : -implies.weight;
      evidence.set(asked.slug, (evidence.get(asked.slug) ?? 0) + signed);
    }
    const candidates = hits
      .filter((hit) => !excluded.has(hit.id))
      .map((hit) => {
        const playbook = bySlug.get(hit.id) as Playbook;
        const retrieval = topRetrieval > 0 ? hit.score / topRetrieval : 0;
        const playbookEvidence = evidence.get(hit.id) ?? 0;
        return {
          playbook,
          retrieval: hit.score,
          evidence: playbookEvidence,
          rank: 0.5 * retrieval + playbookEvidence,
        };
      })
      .filter((candidate) => candidate.retrieval > 0 || candidate.evidence > 0)
      .sort((left, right) => right.rank - left.rank || left.playbook.slug.localeCompare(right.playbook.slug));
    return {
      candidates,
      recognised: recognisedByText || candidates.some((candidate) => candidate.evidence > 0),
    };
  }

  function confidenceOf(candidates: Candidate[]): number {
    const [leader, ...rest] = candidates;
    if (!leader) return 0.05;
    const bestOtherRetrieval = Math.max(0, ...rest.map((candidate) => candidate.retrieval));
    const share =
      leader.retrieval + bestOtherRetrieval > 0
        ? leader.retrieval / (leader.retrieval + bestOtherRetrieval)
        : 0.5;
    const rivalEvidence = Math.max(0, ...rest.map((candidate) => candidate.evidence));
    return round2(clamp(0.1 + 0.3 * share + leader.evidence - 0.5 * rivalEvidence, 0.05, 0.95));
  }

  function reply(messages: readonly ChatMessage[]): string {
    const out = new ReplyBuilder();
    if (!messages.some((message) => message.role === 'user')) {
      out.say(
        'Describe the problem — what the user sees, the exact error, who is affected and since when — and I will work it with you.',
      );
      return out.render();
    }
    const { state, lastTurn } = replay(messages);

    // 1. What the engineer just told us.
    const answerUpdates = lastTurn.answers.map((answer) => {
      const asked = state.asked.get(answer.key);
      return {
        id: answer.key,
        text: asked?.question.text ?? answer.key,
        state: answer.state,
        answer: answer.text,
      };
    });
    const newFacts = lastTurn.answers
      .map((answer) => answer.matched?.fact)
      .filter((fact): fact is string => !!fact && !state.promoted.has(normalizeAnswerText(fact)));
    for (const fact of newFacts) out.promote(fact);
    if (newFacts.length > 0) out.say(`Noted:\n${newFacts.map((fact) => `- ${fact}`).join('\n')}`);
    else if (lastTurn.answers.length > 0) out.say('Thanks, noted.');

    // 2. How the fix went.
    const outcome = lastTurn.outcome;
    if (outcome) {
      const playbook = bySlug.get(outcome.slug) as Playbook;
      out.fixOutcome(outcome.outcome, clip(outcome.text));
      if (outcome.outcome === 'applied_success') {
        out.promote(`Root cause: ${playbook.root_cause}`);
        out.promote(`Resolved by: ${playbook.fix.title}`);
        out.say(
          `Good — that confirms it. I've proposed marking **${playbook.fix.title}** as *worked*; confirm it on the fix banner.\n\n` +
            `**Root cause:** ${playbook.root_cause}\n\nWhen you're done, use **Resolve**: the note is built from what we recorded here.`,
        );
        out.confidence(0.95);
        out.questions(answerUpdates);
        return out.render();
      }
      out.say(
        outcome.outcome === 'applied_failed'
          ? `Understood — **${playbook.fix.title}** didn't fix it, so I'm dropping that lead. I've proposed marking the fix as *didn't work*; confirm it on the banner.`
          : `Partial progress — I've proposed marking **${playbook.fix.title}** as *partially worked*; confirm it on the banner. Tell me what still fails (which users or devices, and the exact error) while we look at the next lead.`,
      );
    }

    // 3. Where we stand.
    const { candidates, recognised } = rank(state);
    const leader = recognised ? candidates[0] : undefined;
    if (!leader) return unknownReply(out, state, answerUpdates);

    const confidence = confidenceOf(candidates);
    const activeFix = state.fixes.at(-1);
    const alreadySuggested = new Set(state.fixes.map((fix) => fix.slug));
    const unaskedFor = (playbook: Playbook) =>
      playbook.questions.filter((question) => !state.asked.has(`${playbook.slug}.${question.id}`));

    if (activeFix && !activeFix.outcome && activeFix.slug === leader.playbook.slug) {
      out.say(
        `**${leader.playbook.fix.title}** is still my best match. Once you've run it, tell me whether it worked, didn't, or only partially — I'll take it from there.`,
      );
      out.questions(answerUpdates);
      out.confidence(confidence);
      return out.render();
    }

    const floor = leader.playbook.fix.confidence_floor ?? defaultConfidenceFloor;
    const leaderUnasked = unaskedFor(leader.playbook);
    const confidentEnough =
      confidence >= suggestThreshold || (leaderUnasked.length === 0 && confidence >= floor);
    if (confidentEnough && !alreadySuggested.has(leader.playbook.slug)) {
      suggestFix(out, leader.playbook, confidence);
      out.questions(answerUpdates);
      out.confidence(confidence);
      return out.render();
    }

    // 4. Ask what separates the leading candidates.
    const contenders = candidates.filter(
      (candidate, position) => position < 3 && candidate.rank >= 0.5 * leader.rank,
    );
    const picked = pickQuestions(
      contenders.map((candidate) => ({
        playbook: candidate.playbook,
        unasked: unaskedFor(candidate.playbook),
      })),
    );
    if (picked.length === 0) {
      if (!alreadySuggested.has(leader.playbook.slug) && confidence >= 0.35) {
        out.say(
          "I've asked everything my playbook has for this, and it's the best lead I have — treat it as a hypothesis, not a diagnosis.",
        );
        suggestFix(out, leader.playbook, confidence);
        out.questions(answerUpdates);
        out.confidence(confidence);
        return out.render();
      }
      return outOfLeadsReply(out, state, answerUpdates, confidence);
    }

    const runnerUp = contenders.find((candidate) => candidate !== leader);
    const intro =
      state.assistantTurns === 0
        ? `This looks most like **${leader.playbook.title}**`
        : outcome && confidence < 0.3
          ? `The remaining leads are weak; the next one to rule out is **${leader.playbook.title}**`
          : outcome
            ? `Next most likely: **${leader.playbook.title}**`
            : `Leaning towards **${leader.playbook.title}**`;
    out.say(
      `${intro}${runnerUp ? `, though it could also be **${runnerUp.playbook.title}**` : ''}. ${picked.length > 1 ? 'A few questions to narrow it down:' : 'One question to narrow it down:'}`,
    );
    out.say(picked.map((item, position) => `${position + 1}. ${item.question.text}`).join('\n'));

    const checks = leader.playbook.checks
      .filter((check) => !state.emittedActions.has(`${leader.playbook.slug}.${check.id}`))
      .slice(0, maxChecksPerTurn);
    if (checks.length > 0) {
      out.say(
        `Worth running meanwhile:\n${checks.map((check) => `- **${check.title}**: \`${check.command}\``).join('\n')}`,
      );
      out.actions(
        checks.map((check) => ({
          id: `${leader.playbook.slug}.${check.id}`,
          title: check.title,
          command: check.command,
          language: check.language,
          state: 'open',
        })),
      );
    }
    out.questions([
      ...answerUpdates,
      ...picked.map((item) => ({
        id: `${item.slug}.${item.question.id}`,
        text: item.question.text,
        state: 'open' as const,
      })),
    ]);
    out.confidence(confidence);
    return out.render();
  }

  function suggestFix(out: ReplyBuilder, playbook: Playbook, confidence: number): void {
    const { template, fix } = playbook;
    const parameters = template.parameters_schema.map(
      (parameter) =>
        `\`${parameter.name}\`${parameter.type === 'secret' || parameter.sensitive ? ' (secret)' : ''}`,
    );
    out.say(
      `**Likely cause:** ${playbook.root_cause}\n\n**Suggested fix: ${fix.title}.** ${fix.description}\n\n` +
        `The built-in template **${template.name}** (${template.language}) does this; fill in ${parameters.length > 0 ? parameters.join(', ') : 'nothing — it has no parameters'} and review the script before you run it. ` +
        `Tell me how it goes — worked, didn't, or partially.`,
    );
    out.suggestFix({
      title: fix.title,
      description: `${fix.description}\n\nRoot cause: ${playbook.root_cause}`,
      confidence_pct: Math.round(confidence * 100),
      script_template_id: builtinTemplateId(template.slug),
      script_language: template.language,
    });
  }

  function unknownReply(out: ReplyBuilder, state: SessionState, answerUpdates: QuestionUpdate[]): string {
    const generalAsked = [...state.asked.values()].some((asked) => asked.slug === generalPrefix);
    const tried = state.fixes.length > 0;
    if (tried) return outOfLeadsReply(out, state, answerUpdates, 0.1);
    if (!generalAsked) {
      out.say(
        "I don't know this one — none of my playbooks match what you've described. Tell me more and I'll try again:\n" +
          generalQuestions.map((question, position) => `${position + 1}. ${question.text}`).join('\n'),
      );
      out.questions([
        ...answerUpdates,
        ...generalQuestions.map((question) => ({
          id: `${generalPrefix}.${question.id}`,
          text: question.text,
          state: 'open' as const,
        })),
      ]);
    } else {
      out.say(
        "I still can't match this to a problem I know. I'd collect the exact error, relevant event-log entries and the timeline of changes, " +
          'add them under *What we know*, and escalate — or switch to a connected model for an open-ended diagnosis.',
      );
      out.questions(answerUpdates);
    }
    out.confidence(0.1);
    return out.render();
  }

  function outOfLeadsReply(
    out: ReplyBuilder,
    state: SessionState,
    answerUpdates: QuestionUpdate[],
    confidence: number,
  ): string {
    const tried = state.fixes.map((fix) => bySlug.get(fix.slug)?.fix.title).filter(Boolean);
    out.say(
      "I've run out of playbook leads for this one, and I'd rather say so than guess." +
        (tried.length > 0 ? ` Ruled out so far: ${tried.map((title) => `**${title}**`).join(', ')}.` : '') +
        ' Next step: capture the exact error, event logs and what changed, then **Escalate** — the package will include everything we recorded.',
    );
    out.questions(answerUpdates);
    out.confidence(Math.min(confidence, 0.3));
    return out.render();
  }

  return { reply, playbooks };
}

interface PickedQuestion {
  slug: string;
  question: PlaybookQuestion;
}

/**
 * Up to three unasked questions: mostly the leader's, but one from the runner-up when there
 * is a close runner-up, because its answer is what tells the two apart.
 */
function pickQuestions(contenders: { playbook: Playbook; unasked: PlaybookQuestion[] }[]): PickedQuestion[] {
  const picked: PickedQuestion[] = [];
  const queues = contenders.map((contender) =>
    contender.unasked.map((question) => ({ slug: contender.playbook.slug, question })),
  );
  const quotas = queues.length > 1 ? [maxQuestionsPerTurn - 1, 1] : [maxQuestionsPerTurn];
  queues.forEach((queue, position) => picked.push(...queue.slice(0, quotas[position] ?? 0)));
  for (const queue of queues) {
    for (const item of queue) {
      if (picked.length >= maxQuestionsPerTurn) break;
      if (!picked.includes(item)) picked.push(item);
    }
  }
  return picked.slice(0, maxQuestionsPerTurn);
}

type QuestionUpdate = { id: string; text: string; state: 'open' | 'answered' | 'skipped'; answer?: string };

/** Collects prose paragraphs and marker blocks; prose first, markers after, one per line. */
class ReplyBuilder {
  readonly #paragraphs: string[] = [];
  readonly #markers: string[] = [];
  readonly #facts: string[] = [];

  say(paragraph: string): void {
    this.#paragraphs.push(paragraph);
  }
  promote(fact: string): void {
    if (!this.#facts.includes(fact)) this.#facts.push(fact);
  }
  questions(items: QuestionUpdate[]): void {
    if (items.length > 0) this.#markers.push(block('QUESTIONS', items));
  }
  actions(items: { id: string; title: string; command: string; language: string; state: 'open' }[]): void {
    if (items.length > 0) this.#markers.push(block('ACTIONS', items));
  }
  suggestFix(fix: {
    title: string;
    description: string;
    confidence_pct: number;
    script_template_id: string;
    script_language: string;
  }): void {
    this.#markers.push(block('SUGGEST_FIX', fix));
  }
  fixOutcome(outcome: FixOutcomeSignal, reason: string): void {
    this.#markers.push(block('FIX_OUTCOME', { outcome, reason: `Engineer: "${reason}"` }));
  }
  confidence(value: number): void {
    this.#markers.push(`[CONFIDENCE]${round2(value)}[/CONFIDENCE]`);
  }
  render(): string {
    const facts = this.#facts.map((fact) => block('PROMOTE', { text: fact }));
    const markers = [...facts, ...this.#markers];
    return `${this.#paragraphs.join('\n\n')}${markers.length > 0 ? `\n\n${markers.join('\n')}` : ''}`;
  }
}

function block(name: string, payload: unknown): string {
  // Echoed engineer text must never open or close a block. "[" followed by a tag name cannot
  // occur in JSON structure, only inside strings, where "\u005b" is the same character.
  return `[${name}]${JSON.stringify(payload).replace(/\[(?=\/?[A-Za-z_]+\])/g, '\\u005b')}[/${name}]`;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round2 = (value: number) => Math.round(value * 100) / 100;

function clip(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > 300 ? `${trimmed.slice(0, 297)}…` : trimmed;
}
