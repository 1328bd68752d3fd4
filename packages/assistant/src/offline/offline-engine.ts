import { builtinTemplateId } from '../builtin-template-id.ts';
import type { ChatMessage } from '../chat-model.ts';
import {
  answerFromPhrases,
  asksForFix,
  classifyFixOutcome,
  clip,
  interpretAnswers,
  isNumberedReply,
  normalizeAnswerText,
  type FixOutcomeSignal,
  type FixReaction,
  type InterpretedAnswer,
  type OpenQuestion,
} from './answer-interpreter.ts';
import {
  answerWeight,
  beliefParameters,
  expectedInformation,
  groundBelief,
  softmaxBelief,
  type Belief,
  type BeliefParameters,
  type Candidate,
  type EvidenceItem,
} from './belief.ts';
import { Bm25Index } from './bm25-index.ts';
import { answerGeneralQuestions, generalPrefix, generalQuestions } from './general-questions.ts';
import { findPhrase, phraseStems } from './language.ts';
import { readOwnMarkers } from './own-markers.ts';
import { areaOptions, ProblemAreas } from './problem-area.ts';
import { splitPastedOutput } from './pasted-output.ts';
import { seenBeforeLead, type SeenBeforeContext } from './seen-before.ts';
import { loadPlaybookPack } from './playbook-pack.ts';
import type { Playbook, PlaybookAnswer, PlaybookQuestion } from '@flowpilot/core/playbook';
import {
  answerFromEvidence,
  readSessionEvidence,
  type MachineContext,
  type SessionEvidence,
} from './session-evidence.ts';

/**
 * The offline engine: a deterministic troubleshooting policy over the playbook pack.
 * It receives the same transcript a real model would (first user message = intake, earlier
 * assistant messages with the markers it wrote) and returns the next reply, markers included.
 * Each turn it reads everything the engineer wrote (session-evidence.ts), updates one belief
 * over the playbooks and "none of these" (belief.ts), and either asks the questions worth
 * the most information, proposes the leader's fix, or says honestly that it does not know.
 * Same transcript in, same reply out.
 */

/** Belief at which the engine proposes the leader's fix without being asked. */
export const suggestThreshold = 0.7;
/** Below this the leader's fix is not offered even when asked for. */
const supportFloor = 0.2;
/** Below this the leader is not a lead at all: the problem is unfamiliar. */
const askFloor = 0.1;
const maxQuestionsPerTurn = 3;
const maxChecksPerTurn = 2;
const minimumInformation = 0.02;

/** What the session already knows beyond the transcript (issue 12's session context). */
export interface EngineContext extends MachineContext, SeenBeforeContext {
  /** Fixes with how they ended, oldest first (banner outcomes count like typed ones). */
  fixes?: {
    templateId?: string | null;
    /** Tells an account playbook's fix (which may link no template) from the others. */
    title?: string | null;
    outcome?: FixReaction | 'proposed' | null;
  }[];
  /** Engineer notes and other facts: evidence like anything typed. */
  notes?: string[];
}

interface AskedQuestion {
  key: string;
  slug: string;
  question: PlaybookQuestion;
  answer?: InterpretedAnswer;
  /** Already shown as answered in the task lane. */
  settled: boolean;
}

interface SuggestedFix {
  slug: string;
  outcome?: FixReaction;
}

interface SessionState {
  userMessages: string[];
  asked: Map<string, AskedQuestion>;
  latestBatch: string[];
  emittedActions: Set<string>;
  promoted: Set<string>;
  fixes: SuggestedFix[];
  assistantTurns: number;
}

interface TurnEvents {
  answers: InterpretedAnswer[];
  outcome?: { slug: string; outcome: FixReaction; text: string };
  wantsFix: boolean;
}

export interface OfflineEngine {
  /** The next assistant reply (prose and markers) for this transcript. */
  reply(messages: readonly ChatMessage[], context?: EngineContext): string;
  /** The belief after this transcript, for evaluation and the task lane. */
  explain(messages: readonly ChatMessage[], context?: EngineContext): Belief;
  /** The pack in use, for listings and tests. */
  readonly playbooks: readonly Playbook[];
}

interface CompiledSignal {
  phrases: string[][];
  ids: string[];
  weight: number;
  label: string;
}

export function createOfflineEngine(
  playbooks: readonly Playbook[] = loadPlaybookPack(),
  parameters: BeliefParameters = beliefParameters,
): OfflineEngine {
  const bySlug = new Map(playbooks.map((playbook) => [playbook.slug, playbook]));
  const slugByTemplateId = new Map(
    playbooks.flatMap((playbook) => {
      const id = fixTemplateId(playbook);
      return id ? [[id, playbook.slug] as const] : [];
    }),
  );
  // A fix is recognised by its template; a playbook's fix that links none, by its title.
  const slugByFixTitle = new Map(playbooks.map((playbook) => [playbook.fix.title, playbook.slug]));
  const slugOfFix = (templateId: string | null | undefined, title: string | null | undefined) =>
    (templateId ? slugByTemplateId.get(templateId) : undefined) ??
    (title ? slugByFixTitle.get(title) : undefined);
  const signalsBySlug = new Map<string, CompiledSignal[]>(
    playbooks.map((playbook) => [
      playbook.slug,
      (playbook.signals ?? []).map((signal) => ({
        phrases: (signal.phrases ?? []).map(phraseStems).filter((stems) => stems.length > 0),
        ids: signal.ids ?? [],
        weight: signal.weight,
        label: signal.phrases?.[0] ?? signal.ids?.[0] ?? '',
      })),
    ]),
  );
  const index = new Bm25Index(
    playbooks.map((playbook) => ({
      id: playbook.slug,
      fields: [
        { text: playbook.title, weight: 3 },
        { text: playbook.symptoms.join('\n'), weight: 2 },
        { text: (playbook.keywords ?? []).join('\n'), weight: 2 },
        { text: playbook.category, weight: 1 },
        {
          text: (playbook.signals ?? [])
            .flatMap((signal) => (signal.weight > 0 ? (signal.phrases ?? []) : []))
            .join('\n'),
          weight: 1,
        },
      ],
    })),
    { idfPower: parameters.idfPower, maxShare: parameters.maxShare },
  );

  const areas = new ProblemAreas(playbooks, { ...areaOptions, weight: parameters.areaWeight });

  // Compile every phrase once, so the first reply of a process is as fast as the rest.
  for (const playbook of playbooks) {
    for (const question of playbook.questions) answerFromPhrases(question, []);
  }

  function questionFor(key: string): { slug: string; question: PlaybookQuestion } | undefined {
    const [slug, id] = key.split('.', 2);
    if (slug === generalPrefix) {
      const question = generalQuestions.find((candidate) => candidate.id === id);
      return question && { slug, question };
    }
    const question = slug ? bySlug.get(slug)?.questions.find((candidate) => candidate.id === id) : undefined;
    return question && slug ? { slug, question } : undefined;
  }

  function replay(messages: readonly ChatMessage[], context: EngineContext) {
    const state: SessionState = {
      userMessages: [],
      asked: new Map(),
      latestBatch: [],
      emittedActions: new Set(),
      promoted: new Set(),
      fixes: [],
      assistantTurns: 0,
    };
    let lastTurn: TurnEvents = { answers: [], wantsFix: false };
    for (const message of messages) {
      if (message.role === 'assistant') {
        state.assistantTurns++;
        const own = readOwnMarkers(message.content);
        const batch: string[] = [];
        for (const item of own.questions) {
          const known = questionFor(item.id);
          if (!known) continue;
          const existing = state.asked.get(item.id);
          const settled = item.state === 'answered' || item.state === 'skipped';
          if (!existing) state.asked.set(item.id, { key: item.id, ...known, settled });
          else if (settled) existing.settled = true;
          if (item.state === undefined || item.state === 'open') batch.push(item.id);
        }
        if (batch.length > 0) state.latestBatch = batch;
        for (const action of own.actions) state.emittedActions.add(action.id);
        for (const fact of own.promoted) state.promoted.add(normalizeAnswerText(fact));
        for (const suggested of own.suggestedFixes) {
          const slug = slugOfFix(suggested.templateId, suggested.title);
          if (slug) state.fixes.push({ slug });
        }
        lastTurn = { answers: [], wantsFix: false };
      } else {
        lastTurn = applyUserMessage(state, message.content);
      }
    }
    // Outcomes recorded on the banner count like outcomes typed in the chat.
    for (const recorded of context.fixes ?? []) {
      const slug = slugOfFix(recorded.templateId, recorded.title);
      const outcome = recorded.outcome;
      if (!slug || !outcome || outcome === 'proposed') continue;
      const fix = [...state.fixes].reverse().find((candidate) => candidate.slug === slug);
      if (fix && !fix.outcome) fix.outcome = outcome;
      else if (!fix) state.fixes.push({ slug, outcome });
    }
    return { state, lastTurn };
  }

  function applyUserMessage(state: SessionState, text: string): TurnEvents {
    state.userMessages.push(text);
    if (state.userMessages.length === 1) return { answers: [], wantsFix: asksForFix(text) }; // the intake
    const prose = splitPastedOutput(text).prose;
    const activeFix = state.fixes.at(-1);
    if (activeFix && !activeFix.outcome) {
      const outcome = classifyFixOutcome(prose);
      if (outcome) {
        activeFix.outcome = outcome;
        return { answers: [], outcome: { slug: activeFix.slug, outcome, text: prose }, wantsFix: false };
      }
    }
    const toOpen = (asked: AskedQuestion): OpenQuestion => ({ key: asked.key, question: asked.question });
    const batch = state.latestBatch
      .map((key) => state.asked.get(key))
      .filter((asked): asked is AskedQuestion => !!asked && !asked.answer && !asked.settled);
    const others = [...state.asked.values()].filter(
      (asked) => !asked.answer && !asked.settled && !batch.includes(asked) && asked.slug !== generalPrefix,
    );
    let answers = interpretAnswers(prose, batch.map(toOpen), others.map(toOpen));
    const openGeneral = batch.filter((asked) => asked.slug === generalPrefix);
    if (openGeneral.length > 0 && prose.trim() && !isNumberedReply(prose, batch.length)) {
      // A paragraph for the checklist answers the questions it speaks to (their cues), and
      // only those; numbered parts were already mapped to their numbers.
      const answered = new Set(answers.map((answer) => answer.key));
      answers = [
        ...answers,
        ...answerGeneralQuestions(prose, openGeneral.filter((asked) => !answered.has(asked.key)).map(toOpen)),
      ];
    }
    for (const answer of answers) {
      const asked = state.asked.get(answer.key);
      if (asked) asked.answer = answer;
    }
    return { answers, wantsFix: asksForFix(prose) };
  }

  /** The belief, plus the answers found in the engineer's own words for questions not yet asked. */
  function believe(state: SessionState, evidence: SessionEvidence) {
    const hits = new Map(index.search(evidence.retrievalText).map((hit) => [hit.id, hit]));
    const implicit = new Map<string, { answer: PlaybookAnswer; quote: string; fromOutput: boolean }>();
    const failed = state.fixes.filter(
      (fix) => fix.outcome === 'applied_failed' || fix.outcome === 'applied_partial',
    );
    const excluded = new Set(failed.map((fix) => fix.slug));
    const failedAreas = new Set(failed.map((fix) => bySlug.get(fix.slug)?.category));
    const dismissed = new Set(
      state.fixes.filter((fix) => fix.outcome === 'dismissed').map((fix) => fix.slug),
    );
    const allSentences = evidence.texts.flatMap((text) => text.sentences);
    // The area is what the problem description points at: the intake (replies answer questions).
    const area = areas.read(evidence.texts[0]?.prose ?? '');

    const scored = playbooks
      .filter((playbook) => !excluded.has(playbook.slug))
      .map((playbook) => {
        const items: EvidenceItem[] = [];
        const hit = hits.get(playbook.slug);
        const retrieval = Math.min(hit?.score ?? 0, parameters.retrievalCap) * parameters.retrievalWeight;
        if (retrieval > 0)
          items.push({ label: 'what you described matches its symptoms', weight: retrieval });
        // The area and the retrieval read the same words: the area lifts the playbooks its
        // description fits only weakly up to its own weight, and adds nothing to the others.
        if (area && playbook.category === area.category && area.weight > retrieval)
          items.push({
            label: `what you described is a ${area.category} problem`,
            weight: area.weight - retrieval,
          });
        for (const signal of signalsBySlug.get(playbook.slug) ?? []) {
          const byId = signal.ids.map((id) => evidence.signals.get(id)).find(Boolean);
          if (byId) {
            // Scope, hosting and system are read from the description; the rest from output and codes.
            const described = /^(?:scope|hosting|os):/.test(byId.id);
            items.push({
              label: byId.label,
              weight: signal.weight,
              kind: described ? 'described' : 'observed',
            });
            continue;
          }
          // The latest mention wins: "keeps locking" in the ticket, then "it's not locked" in a
          // reply, is a corrected fact. A negated symptom counts against the playbook.
          let matched: string | undefined;
          let negated = false;
          let denied = false;
          for (const sentence of allSentences) {
            for (const stems of signal.phrases) {
              const found = findPhrase(sentence.words, stems);
              if (!found) continue;
              matched = clip(sentence.text, 120);
              negated = found.negated;
              denied = found.denied;
              break;
            }
          }
          if (matched && denied && signal.weight > 0) {
            items.push({ label: `not “${matched}”`, weight: -1.5 * signal.weight });
            continue;
          }
          if (matched && !negated) items.push({ label: `“${matched}”`, weight: signal.weight });
        }
        if (evidence.os && playbook.os && !playbook.os.includes(evidence.os))
          items.push({
            label: `the machine runs ${evidence.os}; this is for ${playbook.os.join('/')}`,
            weight: parameters.wrongSystem,
          });
        for (const question of playbook.questions) {
          const key = `${playbook.slug}.${question.id}`;
          const asked = state.asked.get(key);
          const matched = asked?.answer?.matched;
          if (matched) {
            items.push({
              label: `${question.text} — “${asked.answer?.text ?? ''}”`,
              weight: answerWeight(matched, parameters),
              kind: 'checked',
            });
            continue;
          }
          if (asked?.answer) continue;
          const found = answerFromEvidence(question, evidence);
          if (found) {
            implicit.set(key, found);
            items.push({
              label: found.fromOutput ? `From the ${found.quote}` : `“${found.quote}”`,
              weight: answerWeight(found.answer, parameters),
              kind: found.fromOutput ? 'observed' : 'described',
            });
          }
        }
        if (dismissed.has(playbook.slug))
          items.push({ label: 'you set its fix aside', weight: parameters.dismissed });
        if (failedAreas.has(playbook.category))
          items.push({
            label: `same area (${playbook.category}) as the fix that failed`,
            weight: parameters.sameArea,
          });
        const score = items.reduce((sum, item) => sum + item.weight, 0);
        return { playbook, score, evidence: items };
      });
    return {
      belief: groundBelief(softmaxBelief(scored, parameters), parameters),
      implicit,
      excluded,
      area,
    };
  }

  function explain(messages: readonly ChatMessage[], context: EngineContext = {}): Belief {
    const { state } = replay(messages, context);
    return believe(state, evidenceOf(state, context)).belief;
  }

  function evidenceOf(state: SessionState, context: EngineContext): SessionEvidence {
    return readSessionEvidence([...state.userMessages, ...(context.notes ?? [])], context);
  }

  function reply(messages: readonly ChatMessage[], context: EngineContext = {}): string {
    const out = new ReplyBuilder();
    if (!messages.some((message) => message.role === 'user')) {
      out.say(
        'Describe the problem — what the user sees, the exact error, who is affected and since when — and I will work it with you.',
      );
      return out.render();
    }
    const { state, lastTurn } = replay(messages, context);
    const evidence = evidenceOf(state, context);
    const { belief, implicit, area } = believe(state, evidence);

    // 1. What the engineer just told us.
    const updates: QuestionUpdate[] = lastTurn.answers.map((answer) => ({
      id: answer.key,
      text: state.asked.get(answer.key)?.question.text ?? answer.key,
      state: answer.state,
      answer: answer.state === 'skipped' ? `${answer.text} (not checked)` : answer.text,
    }));
    const newFacts = lastTurn.answers
      .map((answer) => answer.matched?.fact)
      .filter((fact): fact is string => !!fact && !state.promoted.has(normalizeAnswerText(fact)));
    for (const fact of newFacts) out.promote(fact);
    if (newFacts.length > 0) out.say(`Noted:\n${newFacts.map((fact) => `- ${fact}`).join('\n')}`);
    else if (lastTurn.answers.length > 0) out.say('Thanks, noted.');

    // 2. How the fix went.
    const outcome = lastTurn.outcome;
    let ruledOut: Playbook | undefined;
    if (outcome) {
      const playbook = bySlug.get(outcome.slug) as Playbook;
      if (outcome.outcome === 'dismissed') {
        out.say(
          `OK — setting **${playbook.fix.title}** aside without running it. That is not a failed fix, so it stays a possibility; let's look at what else fits.`,
        );
      } else {
        out.fixOutcome(outcome.outcome, clip(outcome.text));
        if (outcome.outcome === 'applied_success') {
          out.promote(`Root cause: ${playbook.root_cause}`);
          out.promote(`Resolved by: ${playbook.fix.title}`);
          out.say(
            `Good — that confirms it. I've proposed marking **${playbook.fix.title}** as *worked*; confirm it on the fix banner.\n\n` +
              `**Root cause:** ${playbook.root_cause}\n\nWhen you're done, use **Resolve**: the note is built from what we recorded here.`,
          );
          out.confidence(0.95);
          out.questions(updates);
          return out.render();
        }
        ruledOut = playbook;
        out.say(
          outcome.outcome === 'applied_failed'
            ? `Understood — **${playbook.fix.title}** didn't fix it. That rules out ${lowerFirst(playbook.root_cause)} I've proposed marking the fix as *didn't work*; confirm it on the banner.`
            : `Partial progress — I've proposed marking **${playbook.fix.title}** as *partially worked*; confirm it on the banner. Tell me what still fails (which users or devices, and the exact error) while we look at the next lead.`,
        );
      }
    }

    // 3. Questions the engineer's own words already answer.
    const [leaderCandidate] = belief.candidates;
    let live = belief.candidates.filter((candidate) => candidate.probability >= 0.05).slice(0, 6);
    // After a failed fix, the problem area is still the best clue: its next candidate is a lead
    // even when no single playbook stands out.
    const failedAreas = new Set(
      state.fixes
        .filter((fix) => fix.outcome === 'applied_failed' || fix.outcome === 'applied_partial')
        .map((fix) => bySlug.get(fix.slug)?.category),
    );
    const sameAreaLead = belief.candidates.find(
      (candidate) =>
        failedAreas.has(candidate.playbook.category) &&
        candidate.score > 0 &&
        !state.fixes.some((fix) => fix.slug === candidate.playbook.slug),
    );
    // A vague description of a known area ("Cannot print") leads to the area's best
    // candidates: ask what separates them, however low each one's belief still is.
    const areaCandidates = area
      ? belief.candidates.filter((candidate) => candidate.playbook.category === area.category).slice(0, 4)
      : [];
    const areaLead =
      !sameAreaLead && state.fixes.length === 0 && areaCandidates.length >= 2 ? areaCandidates[0] : undefined;
    const leader =
      leaderCandidate && leaderCandidate.probability >= askFloor
        ? leaderCandidate
        : (sameAreaLead ?? areaLead);
    const vagueArea =
      !!area && !!leader && leader === areaCandidates[0] && leader.probability < 0.35 && !state.fixes.length;
    if (vagueArea) live = areaCandidates;
    const shownImplicit = [...implicit.entries()].filter(([key]) => {
      const slug = key.split('.')[0];
      return live.some((candidate) => candidate.playbook.slug === slug) && !state.asked.get(key)?.settled;
    });
    const implicitUpdates: QuestionUpdate[] = shownImplicit.map(([key, found]) => ({
      id: key,
      text: questionFor(key)?.question.text ?? key,
      state: 'answered',
      answer: found.fromOutput ? `From the ${found.quote}` : `Already stated: “${found.quote}”`,
    }));
    for (const [, found] of shownImplicit) {
      const fact = found.answer.fact;
      if (fact && !state.promoted.has(normalizeAnswerText(fact))) out.promote(fact);
    }
    const lane = [...updates, ...implicitUpdates];

    const seenBefore = leader ? undefined : seenBeforeLead(context);
    if (seenBefore) {
      out.say(seenBefore.prose);
      out.suggestFix(seenBefore.fix);
      out.questions(lane);
      out.confidence(seenBefore.confidence);
      return out.render();
    }
    if (!leader) return unknownReply(out, state, lane, belief);
    const confidence = round2(leader.probability);
    const activeFix = state.fixes.at(-1);
    const alreadySuggested = new Set(state.fixes.map((fix) => fix.slug));
    const pending = activeFix && !activeFix.outcome;

    if (pending && activeFix.slug === leader.playbook.slug && leader.probability >= suggestThreshold) {
      out.say(
        `**${leader.playbook.fix.title}** is still my best match. Once you've run it, tell me whether it worked, didn't, or only partially — I'll take it from there.`,
      );
      out.questions(lane);
      out.confidence(confidence);
      return out.render();
    }

    const unanswered = (candidate: Candidate) =>
      candidate.playbook.questions.filter((question) => {
        const key = `${candidate.playbook.slug}.${question.id}`;
        if (state.asked.has(key) || implicit.has(key)) return false;
        return !question.os || !evidence.os || question.os.includes(evidence.os);
      });
    // In a vague area each question comes from a different candidate, so they tell them apart.
    let picked = vagueArea
      ? pickQuestions(withinArea(belief, live), live, unanswered, 1)
      : pickQuestions(belief, live, unanswered);
    if (picked.length === 0) {
      // Little information left in any one answer; the leader's own remaining questions still beat a guess.
      picked = unanswered(leader)
        .slice(0, maxQuestionsPerTurn)
        .map((question) => ({ slug: leader.playbook.slug, question, information: 0 }));
    }
    const untried =
      !alreadySuggested.has(leader.playbook.slug) ||
      state.fixes.find((fix) => fix.slug === leader.playbook.slug)?.outcome === 'dismissed';
    // Does the leader beat "none of these" on the evidence? The doubt a description keeps
    // is not evidence for another problem, so it is left out of this comparison.
    const doubt = belief.doubt ?? 0;
    const beatsNone = leader.probability / (1 - doubt) > (belief.none - doubt) / (1 - doubt);
    const wantsNow = lastTurn.wantsFix && leader.probability >= supportFloor && beatsNone;
    const confident = leader.probability >= suggestThreshold;
    // Questions asked and left unanswered are not evidence: when they run out, a guess needs
    // something observed or checked behind it, or the engineer's words alone must be clear.
    const grounded = (candidate: Candidate) =>
      candidate.evidence.some(
        (item) => (item.kind === 'observed' || item.kind === 'checked') && item.weight > 0,
      ) || candidate.probability >= 0.5;
    const outOfQuestions = picked.length === 0 && leader.probability >= 0.3 && beatsNone && grounded(leader);
    if (picked.length === 0 && leader.probability < supportFloor)
      return unknownReply(out, state, lane, belief);

    if (
      untried &&
      (confident || wantsNow || outOfQuestions) &&
      !(pending && activeFix.slug === leader.playbook.slug)
    ) {
      if (ruledOut)
        out.say(
          ruledOut.category === leader.playbook.category
            ? `Still in ${ruledOut.category}: the next most likely cause is **${leader.playbook.title}**.`
            : `Nothing else in ${ruledOut.category} fits what you've told me; the next most likely cause is **${leader.playbook.title}**.`,
        );
      if (!confident)
        out.say(
          wantsNow
            ? `You asked for the fix: my best lead is **${leader.playbook.title}** at ${Math.round(confidence * 100)}% — a hypothesis, not a diagnosis yet.`
            : `I've asked what separates the leads; **${leader.playbook.title}** is the best-supported one (${Math.round(confidence * 100)}%), so try its fix — treat it as a hypothesis.`,
        );
      suggestFix(out, leader, confidence, evidence);
      out.questions(lane);
      out.confidence(confidence);
      return out.render();
    }

    if (picked.length === 0) {
      // The leader's fix is already out there: try the next supported candidate before giving up.
      const next = belief.candidates.find(
        (candidate) =>
          candidate.probability >= 0.1 &&
          candidate.probability > belief.none * 0.5 &&
          (grounded(candidate) || candidate.probability > belief.none) &&
          !alreadySuggested.has(candidate.playbook.slug),
      );
      if (next && !pending) {
        out.say(
          `Next best-supported lead: **${next.playbook.title}** (${Math.round(next.probability * 100)}%).`,
        );
        suggestFix(out, next, round2(next.probability), evidence);
        out.questions(lane);
        out.confidence(round2(next.probability));
        return out.render();
      }
      if (pending) {
        out.say(
          `My best lead is still **${state.fixes.at(-1) && bySlug.get(activeFix.slug)?.fix.title}** — run it and tell me how it went.`,
        );
        out.questions(lane);
        out.confidence(confidence);
        return out.render();
      }
      if (belief.none > leader.probability) return unknownReply(out, state, lane, belief);
      return outOfLeadsReply(out, state, lane, confidence);
    }

    const runnerUp = live.find((candidate) => candidate !== leader);
    const weakened = pending && activeFix.slug === leader.playbook.slug;
    const areaIntro =
      vagueArea && area && state.assistantTurns > 0
        ? `Still not clear which **${area.category}** problem this is — the best lead, **${leader.playbook.title}**, is at ${Math.round(confidence * 100)}%. ${picked.length > 1 ? 'These questions tell the candidates apart:' : 'This question tells them apart:'}`
        : vagueArea && area
          ? `This sounds like a problem in **${area.category}**, but not yet which one — the usual causes are ${live
              .slice(0, 3)
              .map((candidate) => `**${candidate.playbook.title}**`)
              .join(
                ', ',
              )}. None of them stands out yet (the best is at ${Math.round(confidence * 100)}%), so these questions tell them apart:`
          : undefined;
    const intro = weakened
      ? `What you said counts against **${leader.playbook.fix.title}** — it is down to ${Math.round(confidence * 100)}% for **${leader.playbook.title}**. If you already ran it, tell me how it went; otherwise let's check first`
      : ruledOut
        ? ruledOut.category === leader.playbook.category
          ? `Still in ${ruledOut.category}: the next most likely cause is **${leader.playbook.title}**`
          : `Nothing else in ${ruledOut.category} fits what you've told me; next most likely: **${leader.playbook.title}**`
        : state.assistantTurns === 0
          ? `This looks most like **${leader.playbook.title}**`
          : `Leaning towards **${leader.playbook.title}**`;
    out.say(
      areaIntro ??
        `${intro}${weakened ? '' : ` (${Math.round(confidence * 100)}%)`}${runnerUp ? `, though it could also be **${runnerUp.playbook.title}**` : ''}. ${picked.length > 1 ? 'A few questions to narrow it down:' : 'One question to narrow it down:'}`,
    );
    out.say(picked.map((item, position) => `${position + 1}. ${item.question.text}`).join('\n'));
    if (vagueArea)
      out.say(
        "If the answers fit none of these, it may be something my playbooks don't cover: **Escalate** or switch to a connected model.",
      );
    else if (belief.none > leader.probability)
      out.say(
        `This may be something my playbooks don't cover (${Math.round(belief.none * 100)}% by my reckoning). If these answers don't narrow it, **Escalate** or switch to a connected model.`,
      );
    const why = explainLeader(leader);
    if (why) out.say(why);

    const checks = (vagueArea ? [] : leader.playbook.checks)
      .filter((check) => !state.emittedActions.has(`${leader.playbook.slug}.${check.id}`))
      .slice(0, maxChecksPerTurn);
    if (checks.length > 0) {
      const rendered = checks.map((check) => ({
        ...check,
        command: withMachine(check.command, check.language, evidence),
      }));
      out.say(
        `Worth running meanwhile:\n${rendered.map((check) => `- **${check.title}**: \`${check.command}\``).join('\n')}`,
      );
      out.actions(
        rendered.map((check) => ({
          id: `${leader.playbook.slug}.${check.id}`,
          title: check.title,
          command: check.command,
          language: check.language,
          state: 'open',
        })),
      );
    }
    out.questions([
      ...lane,
      ...picked.map((item) => ({
        id: `${item.slug}.${item.question.id}`,
        text: item.question.text,
        state: 'open' as const,
      })),
    ]);
    out.confidence(confidence);
    return out.render();
  }

  function suggestFix(
    out: ReplyBuilder,
    candidate: Candidate,
    confidence: number,
    evidence: SessionEvidence,
  ): void {
    const playbook = candidate.playbook;
    const { template, fix } = playbook;
    const why = explainLeader(candidate);
    const templateId = fixTemplateId(playbook);
    const cause = `**Likely cause:** ${playbook.root_cause}\n\n**Suggested fix: ${fix.title}.** ${fix.description}\n\n`;
    if (template) {
      const asset = evidence.machine.assetName;
      const parameters = template.parameters_schema.map((parameter) => {
        const machineParameter =
          asset &&
          /^(?:computer|computer_name|computername|asset|hostname|host|device|device_name|target)$/.test(
            parameter.name,
          );
        return `\`${parameter.name}\`${machineParameter ? ` = \`${asset}\` (this session's asset)` : ''}${parameter.type === 'secret' || parameter.sensitive ? ' (secret)' : ''}`;
      });
      out.say(
        cause +
          `The built-in template **${template.name}** (${template.language}) does this${asset ? ` for ${asset}` : ''}; fill in ${parameters.length > 0 ? parameters.join(', ') : 'nothing — it has no parameters'} and review the script before you run it${template.language === 'powershell' && template.body.includes('SupportsShouldProcess') ? ' (run it with `-WhatIf` first to see what it would change)' : ''}. ` +
          `Tell me how it goes — worked, didn't, or partially.` +
          (why ? `\n\n${why}` : ''),
      );
    } else {
      out.say(
        cause +
          `This comes from your team's playbook **${playbook.title}**${templateId ? ', which links a template from your library' : ''}. Tell me how it goes — worked, didn't, or partially.` +
          (why ? `\n\n${why}` : ''),
      );
    }
    out.suggestFix({
      title: fix.title,
      description: `${fix.description}\n\nRoot cause: ${playbook.root_cause}${why ? `\n\n${why}` : ''}`,
      confidence_pct: Math.round(confidence * 100),
      ...(templateId ? { script_template_id: templateId } : {}),
      ...(template ? { script_language: template.language } : {}),
    });
  }

  function unknownReply(
    out: ReplyBuilder,
    state: SessionState,
    lane: QuestionUpdate[],
    belief: Belief,
  ): string {
    const generalAsked = [...state.asked.values()].some((asked) => asked.slug === generalPrefix);
    if (state.fixes.length > 0) return outOfLeadsReply(out, state, lane, 0.1);
    const guess = belief.candidates[0];
    const hint =
      guess && guess.probability >= 0.08
        ? ` The closest thing I know is **${guess.playbook.title}**, but not closely enough to act on.`
        : '';
    if (!generalAsked) {
      out.say(
        `I don't know this one — none of my playbooks fits what you've described well enough to suggest a fix.${hint} These usually crack it open:\n` +
          generalQuestions.map((question, position) => `${position + 1}. ${question.text}`).join('\n') +
          '\n\nIf it stays unfamiliar, **Escalate** (the package carries everything recorded here) or switch to a connected model for an open-ended diagnosis.',
      );
      out.questions([
        ...lane,
        ...generalQuestions.map((question) => ({
          id: `${generalPrefix}.${question.id}`,
          text: question.text,
          state: 'open' as const,
        })),
      ]);
    } else {
      out.say(
        `I still can't match this to a problem I know, and I won't guess.${hint} Collect the exact error, relevant event-log entries and the timeline of changes under *What we know*, then **Escalate** — or switch to a connected model for an open-ended diagnosis.`,
      );
      out.questions(lane);
    }
    out.confidence(round2(Math.min(0.15, guess?.probability ?? 0.05)));
    return out.render();
  }

  function outOfLeadsReply(
    out: ReplyBuilder,
    state: SessionState,
    lane: QuestionUpdate[],
    confidence: number,
  ): string {
    const tried = state.fixes.map((fix) => bySlug.get(fix.slug)?.fix.title).filter(Boolean);
    out.say(
      "None of my playbooks has anything left that the evidence supports, and I'd rather say so than guess." +
        (tried.length > 0 ? ` Ruled out so far: ${tried.map((title) => `**${title}**`).join(', ')}.` : '') +
        ' Next step: capture the exact error, event logs and what changed, then **Escalate** — the package will include everything we recorded — or switch to a connected model.',
    );
    out.questions(lane);
    out.confidence(Math.min(confidence, 0.3));
    return out.render();
  }

  // One throwaway turn compiles the hot paths, so the first engineer's reply is not the slow one.
  reply([{ role: 'user', content: 'Printer offline; jobs stuck in the queue since the update' }]);
  return { reply, explain, playbooks };
}

/** The template a playbook's fix links: a built-in's own (fixed id), or one of the account's library. */
function fixTemplateId(playbook: Playbook): string | undefined {
  if (playbook.template) return builtinTemplateId(playbook.template.slug);
  return playbook.template_id ?? undefined;
}

/** A candidate's specific evidence for and against, strongest first, at most `limit` each. */
export function leaderEvidence(candidate: Candidate, limit = 3) {
  const seen = new Set<string>();
  const specific = candidate.evidence.filter(
    (item) => !item.label.startsWith('what you described') && !seen.has(item.label) && seen.add(item.label),
  );
  const support = specific
    .filter((item) => item.weight > 0)
    .sort((left, right) => right.weight - left.weight)
    .slice(0, limit);
  const against = specific
    .filter((item) => item.weight < 0)
    .sort((left, right) => left.weight - right.weight)
    .slice(0, limit);
  return { support, against };
}

/** Evidence for and against the leader, strongest first, in one line each. */
function explainLeader(candidate: Candidate): string | undefined {
  const { support, against } = leaderEvidence(candidate);
  if (support.length === 0 && against.length === 0) return undefined;
  const list = (items: EvidenceItem[]) => items.map((item) => item.label).join('; ');
  return [
    support.length > 0 ? `*For:* ${list(support)}.` : null,
    against.length > 0 ? `*Against:* ${list(against)}.` : null,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The belief among the area's candidates only, for choosing what tells them apart. */
function withinArea(belief: Belief, area: Candidate[]): Belief {
  const total = area.reduce((sum, candidate) => sum + candidate.probability, 0) || 1;
  const inArea = new Set(area);
  return {
    candidates: belief.candidates.map((candidate) => ({
      ...candidate,
      probability: inArea.has(candidate) ? candidate.probability / total : 0,
    })),
    none: 0,
  };
}

interface PickedQuestion {
  slug: string;
  question: PlaybookQuestion;
  information: number;
}

/** Up to three unasked questions of the live candidates, by expected information. */
function pickQuestions(
  belief: Belief,
  live: Candidate[],
  unanswered: (candidate: Candidate) => PlaybookQuestion[],
  perCandidate = maxQuestionsPerTurn,
): PickedQuestion[] {
  const distribution = [...belief.candidates.map((candidate) => candidate.probability), belief.none];
  const options: PickedQuestion[] = [];
  for (const candidate of live) {
    const position = belief.candidates.findIndex((other) => other.playbook.slug === candidate.playbook.slug);
    for (const question of unanswered(candidate)) {
      const information = expectedInformation(distribution, position, question);
      if (information >= minimumInformation)
        options.push({ slug: candidate.playbook.slug, question, information });
    }
  }
  options.sort((left, right) => right.information - left.information || left.slug.localeCompare(right.slug));
  const taken = new Map<string, number>();
  return options
    .filter((option) => {
      const count = taken.get(option.slug) ?? 0;
      taken.set(option.slug, count + 1);
      return count < perCandidate;
    })
    .slice(0, maxQuestionsPerTurn);
}

/**
 * Checks name the session's machine when it is known (`-ComputerName 'OFFICE-WS03'`); the
 * value is quoted as one literal of the check's language.
 */
function withMachine(command: string, language: string, evidence: SessionEvidence): string {
  if (!command.includes('{{asset}}')) return command;
  const asset = evidence.machine.assetName;
  let value: string;
  if (!asset)
    value =
      language === 'bash' ? '"$(hostname)"' : language === 'cmd' ? '%COMPUTERNAME%' : '$env:COMPUTERNAME';
  else if (language === 'bash') value = `'${asset.replaceAll("'", "'\\''")}'`;
  else if (language === 'cmd') value = `"${asset.replaceAll('"', '')}"`;
  else value = `'${asset.replaceAll("'", "''")}'`;
  return command.replaceAll('{{asset}}', value);
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
    const seen = new Set<string>();
    const unique = items.filter((item) => !seen.has(item.id) && seen.add(item.id));
    if (unique.length > 0) this.#markers.push(block('QUESTIONS', unique));
  }
  actions(items: { id: string; title: string; command: string; language: string; state: 'open' }[]): void {
    if (items.length > 0) this.#markers.push(block('ACTIONS', items));
  }
  suggestFix(fix: {
    title: string;
    description: string;
    confidence_pct: number;
    script_template_id?: string;
    script_language?: string;
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

const round2 = (value: number) => Math.round(value * 100) / 100;
const lowerFirst = (text: string) => (text.length > 0 ? `${text[0]?.toLowerCase()}${text.slice(1)}` : text);
