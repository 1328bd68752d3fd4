import type { Playbook } from '@flowpilot/core/playbook';
import { splitFixDescription, statedRootCause, type SessionSnapshot } from '@flowpilot/core/session-snapshot';
import type { ActionItem, QuestionItem } from '@flowpilot/db/schema-sessions';
import { slugFromTitle } from './playbook-definition.ts';

/** What a worked fix brought: its row's text, template link and drafted script. */
export interface WorkedFix {
  title: string;
  description: string;
  scriptTemplateId: string | null;
  aiDraftedScript: string | null;
  scriptLanguage: string | null;
}

const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};
/** Pads a too-short text with its context so the schema's minimum lengths always hold. */
const atLeast = (text: string, min: number, fallback: string) =>
  text.trim().length >= min ? text : fallback;
const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The sentences of the intake and the engineer's notes: how this problem was described. */
export function symptomPhrases(snapshot: SessionSnapshot, max = 8): string[] {
  const notes = snapshot.facts
    .filter((fact) => fact.kind === 'engineer_note' && !/^(?:root cause|resolved by)\s*:/i.test(fact.text))
    .map((fact) => fact.text);
  const sentences = [snapshot.intake_text, ...notes]
    .flatMap((text) => text.split(/(?<=[.!?])\s+|\n+/))
    .map((sentence) => clip(sentence.replace(/[.!?]+$/, ''), 200))
    .filter((sentence) => normal(sentence).length >= 8);
  const seen = new Set<string>();
  return sentences
    .filter((sentence) => !seen.has(normal(sentence)) && seen.add(normal(sentence)))
    .slice(0, max);
}

/**
 * A new playbook from one resolved session (the flywheel's `new_playbook`): symptoms from the
 * intake and notes, the questions it answered, the checks it ran, its cause and the fix that
 * worked with the template or script used. Always valid against the shared schema.
 */
export function draftPlaybook(
  session: {
    id: string;
    title: string;
    issueCategory: string | null;
    taskLane: { questions: QuestionItem[]; actions: ActionItem[] };
  },
  snapshot: SessionSnapshot,
  fix: WorkedFix,
): Playbook {
  const title = atLeast(clip(session.title, 200), 5, clip(`Problem: ${fix.title}`, 200));
  const symptoms = symptomPhrases(snapshot);
  // The engine's own generic questions ("general.*") say nothing about this problem.
  const questions = session.taskLane.questions
    .filter(
      (question) =>
        question.state === 'answered' && question.answer?.trim() && !question.id.startsWith('general.'),
    )
    .slice(0, 6)
    .map((question, index) => ({
      id: `q${index + 1}`,
      text: atLeast(clip(question.text, 300), 5, `Question ${index + 1}?`),
      answers: [
        {
          match: [clip(question.answer ?? '', 200)],
          implies: { effect: 'supports' as const, weight: 0.2 },
          fact: clip(`${question.text} ${question.answer ?? ''}`, 500),
        },
      ],
    }));
  const checks = session.taskLane.actions
    .filter((action) => action.command?.trim())
    .slice(0, 6)
    .map((action, index) => ({
      id: `c${index + 1}`,
      title: atLeast(clip(action.title, 200), 3, `Check ${index + 1}`),
      command: action.command!.trim().slice(0, 2000),
      language: action.language ?? ('powershell' as const),
    }));
  const parts = splitFixDescription(fix.description);
  const cause = statedRootCause(snapshot) ?? parts.rootCause;
  const script =
    !fix.scriptTemplateId && fix.aiDraftedScript?.trim()
      ? `\n\nScript used (${fix.scriptLanguage ?? 'script'}):\n\n\`\`\`${fix.scriptLanguage ?? ''}\n${fix.aiDraftedScript.trim()}\n\`\`\``
      : '';
  const steps = (parts.steps || fix.description).trim();
  return {
    slug: slugFromTitle(title, session.id.slice(0, 6)),
    title,
    category: atLeast(clip(session.issueCategory ?? '', 100), 2, 'General'),
    symptoms: symptoms.length > 0 ? symptoms : [clip(title, 200)],
    questions,
    checks,
    root_cause: atLeast(clip(cause ?? '', 2000), 10, `Not recorded; see the session “${clip(title, 150)}”.`),
    fix: {
      title: atLeast(clip(fix.title, 200), 5, `Fix: ${clip(fix.title, 190)}`),
      description: atLeast(
        `${steps}${script}`.slice(0, 5000),
        10,
        `${fix.title} (as recorded in the session).`,
      ),
    },
    ...(fix.scriptTemplateId ? { template_id: fix.scriptTemplateId } : {}),
  };
}

/** The session's phrasing a matched playbook does not have yet (the flywheel's `enhancement`). */
export function newSymptoms(playbook: Playbook, snapshot: SessionSnapshot): string[] {
  const known = playbook.symptoms.map(normal);
  const words = (text: string) =>
    new Set(
      normal(text)
        .split(' ')
        .filter((word) => word.length > 2),
    );
  return symptomPhrases(snapshot, 6)
    .filter((phrase) => {
      const mine = words(phrase);
      if (mine.size < 2) return false;
      // Mostly the same words as a symptom it already lists: not new.
      return !known.some((symptom) => {
        const theirs = words(symptom);
        const shared = [...mine].filter((word) => theirs.has(word)).length;
        return shared / mine.size >= 0.6;
      });
    })
    .slice(0, 3);
}
