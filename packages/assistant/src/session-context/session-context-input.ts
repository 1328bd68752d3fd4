import type { SeenBeforeSession } from '../offline/seen-before.ts';

/**
 * What the session-context builder is given: a pilot session's structured state, gathered by
 * the server from its tables, in plain data (no rows, no I/O). SPEC §7.1 lists what it covers.
 */

export type ContextScriptLanguage = 'powershell' | 'bash' | 'python';
export type ContextFactKind = 'question' | 'diagnostic_check' | 'engineer_note' | 'ai_promoted';
export type ContextItemState = 'open' | 'answered' | 'done' | 'skipped';
export type ContextFixStatus =
  'proposed' | 'applied_partial' | 'applied_success' | 'applied_failed' | 'dismissed';
export type ContextFixDecision = 'one_off' | 'draft_template' | 'build_template' | 'dismissed';

/**
 * Text extracted from an attachment (issue 14: OCR of a screenshot, a log file's text). The
 * builder renders it under the intake or the message it came with, and trims its middle like
 * a long log paste when the budget is tight. Leave `extractedText` empty while extraction is
 * still running; the name alone still tells the model that something was attached.
 */
export interface ContextAttachment {
  name: string;
  mediaType?: string | undefined;
  extractedText: string;
  /**
   * The screenshot's bytes, given only for a model that takes images (and only for the intake
   * and the message being answered): it goes out as an image part beside the text.
   */
  image?: { data: Uint8Array; mediaType: string; width?: number | null; height?: number | null } | undefined;
}

export interface ContextIntake {
  type: 'free_text' | 'ticket' | 'log_paste' | 'combined';
  text: string;
  ticketRef?: string | undefined;
  clientName?: string | undefined;
  assetName?: string | undefined;
  logs?: string | undefined;
  /** Issue 14's slot: attachments given with the intake. */
  attachments?: ContextAttachment[] | undefined;
}

export interface ContextTurn {
  role: 'user' | 'assistant';
  /** Assistant turns carry their raw text, markers included (the model wrote them). */
  content: string;
  /** Issue 14's slot: attachments given with this message. */
  attachments?: ContextAttachment[] | undefined;
}

export interface ContextFact {
  id: string;
  kind: ContextFactKind;
  text: string;
  /** Changed after it was first recorded. */
  edited: boolean;
}

export interface ContextQuestion {
  id: string;
  text: string;
  state: ContextItemState;
  answer?: string | undefined;
}

export interface ContextCheck {
  id: string;
  title: string;
  command?: string | undefined;
  language?: string | undefined;
  state: ContextItemState;
  result?: string | undefined;
}

export interface ContextFix {
  id: string;
  title: string;
  description: string;
  confidencePct: number;
  status: ContextFixStatus;
  decision: ContextFixDecision | null;
  /** A run was declared (applied_at set): with status `proposed` that is *Verifying*. */
  applied: boolean;
  templateId: string | null;
  templateName?: string | undefined;
  scriptLanguage: ContextScriptLanguage | null;
  script: string | null;
  partialNotes: string | null;
  failureReason: string | null;
  /** The model's own `[FIX_OUTCOME]` reading, awaiting the engineer. */
  outcomeProposal: { outcome: string; reason?: string | undefined } | null;
  source: 'ai' | 'engineer';
  superseded: boolean;
}

/** One thing the engineer did since the assistant last replied (from the audit trail). */
export interface ContextActivity {
  /** ISO time. */
  at: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface ContextTemplateParameter {
  name: string;
  type: string;
  required?: boolean | undefined;
  options?: readonly string[] | undefined;
  sensitive?: boolean | undefined;
}

export interface ContextTemplate {
  id: string;
  name: string;
  language: ContextScriptLanguage;
  description: string;
  category?: string | undefined;
  parameters: readonly ContextTemplateParameter[];
}

/** Issue 17: the session was picked up from the escalation queue by another engineer. */
export interface ContextHandoff {
  /** The transcript's entry, e.g. "Picked up by Bob from Alice." */
  note: string;
  /** ISO time of the claim. */
  at: string;
  /** No reply since: this turn is the first the new engineer gets. */
  sinceLastReply: boolean;
}

/** Issue 15: a resolved session of the account like this one, with what fixed it. */
export type ContextSimilarSession = SeenBeforeSession;

export interface SessionContextInput {
  title: string;
  /** Issue 15's slot: the account's most similar resolved sessions, best first. */
  similar?: readonly ContextSimilarSession[] | undefined;
  /** Issue 17's slot: the latest handoff, if the session was claimed from the queue. */
  handoff?: ContextHandoff | undefined;
  stateVersion: number;
  triage: {
    clientName?: string | null | undefined;
    assetName?: string | null | undefined;
    issueCategory?: string | null | undefined;
    hypothesis?: string | null | undefined;
  };
  intake: ContextIntake;
  facts: readonly ContextFact[];
  questions: readonly ContextQuestion[];
  checks: readonly ContextCheck[];
  activeFix: ContextFix | null;
  /** Superseded and finished fixes, oldest first. */
  earlierFixes: readonly ContextFix[];
  /** Oldest first; empty on the first reply. */
  activity: readonly ContextActivity[];
  /** Earlier actions since the last reply that were not read (only the newest are). */
  activityOmitted?: number | undefined;
  /** Conversation messages older than the transcript read (counted as left out, never sent). */
  unreadTurns?: number | undefined;
  confidence: { score: number; tier: string };
  /** The account's best matches, best first: the only ids the model may cite. */
  templates: readonly ContextTemplate[];
  /** The conversation after the intake, oldest first; the last is usually the message being answered. */
  transcript: readonly ContextTurn[];
}
