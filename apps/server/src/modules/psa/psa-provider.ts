import type { TPsaProvider } from '@flowpilot/contracts/psa';

/** A ticket as FlowPilot needs it, whatever the PSA calls the fields. */
export interface PsaTicket {
  id: string;
  number: string;
  summary: string;
  description: string;
  statusId: string | null;
  statusName: string | null;
  boardId: string | null;
  boardName: string | null;
  company: string | null;
  contact: string | null;
  configuration: string | null;
  url: string | null;
}

export interface PsaNote {
  id: string;
  text: string;
  internal: boolean;
}

export interface PsaOption {
  id: string;
  name: string;
}

export interface PsaMember {
  id: string;
  name: string;
  email: string | null;
}

/** resolution: the customer-visible resolution note; internal: the escalation package. */
export type PsaNoteKind = 'resolution' | 'internal';

export interface StatusChange {
  requestedStatusId: string;
  /** What the ticket says after re-reading it; differs when the PSA accepted and ignored it. */
  actualStatusId: string | null;
  verified: boolean;
}

export interface TimeEntry {
  ticketId: string;
  memberId: string;
  start: Date;
  end: Date;
  notes: string;
}

/** Every PSA, behind one interface; the three implementations pass one contract suite. */
export interface PsaProvider {
  readonly name: TPsaProvider;
  /** The longest note text the PSA stores, where it has a limit (the delivery fits the note to it). */
  readonly maxNoteChars?: number;
  /** Checks the credentials with a harmless read; throws PsaError with the PSA's reason. */
  testConnection(): Promise<{ version: string | null }>;
  getTicket(ticketId: string): Promise<PsaTicket>;
  /** Open tickets matching `query` (a ticket number or words of the summary), newest first. */
  searchTickets(query: string, limit?: number): Promise<PsaTicket[]>;
  listNotes(ticketId: string): Promise<PsaNote[]>;
  listBoards(): Promise<PsaOption[]>;
  listStatuses(boardId?: string | null): Promise<PsaOption[]>;
  postNote(ticketId: string, kind: PsaNoteKind, text: string): Promise<{ id: string }>;
  /** Moves the ticket, then re-reads it: `verified` is what the PSA really did. */
  setStatus(ticketId: string, statusId: string): Promise<StatusChange>;
  addTimeEntry(entry: TimeEntry): Promise<{ id: string }>;
  /** The ticket's time entries with their notes, so a retry can find one an earlier attempt posted. */
  listTimeEntries(ticketId: string): Promise<{ id: string; notes: string }[]>;
  findMember(email: string): Promise<PsaMember[]>;
}

export type PsaErrorKind =
  | 'auth' // 401/403: credentials refused
  | 'not_found' // 404
  | 'rejected' // other 4xx: the PSA refused the request as sent
  | 'rate_limited' // 429
  | 'unavailable' // 5xx
  | 'timeout'
  | 'network'
  | 'bad_response'; // an answer we could not read

/** A PSA failure in plain words, with the PSA's own message when it sent one (never credentials). */
export class PsaError extends Error {
  constructor(
    readonly kind: PsaErrorKind,
    message: string,
    readonly httpStatus: number | null = null,
    /** Seconds the PSA asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'PsaError';
  }

  /** Worth trying again later: the PSA was busy, down or slow, not wrong about the request. */
  get retryable() {
    return (
      this.kind === 'rate_limited' ||
      this.kind === 'unavailable' ||
      this.kind === 'timeout' ||
      this.kind === 'network'
    );
  }
}

/** The idempotency marker a delivered note carries, so a retry can find it instead of posting twice. */
export const noteMarker = (key: string) => `[FlowPilot ref ${key}]`;

/**
 * The note as posted: the body, then the marker. A body too long for the PSA is shortened with
 * a visible note, never the marker, so a retry can still find what an earlier attempt posted.
 */
export function noteWithMarker(body: string, marker: string, maxChars = Infinity) {
  const tail = `\n\n${marker}`;
  if (body.length + tail.length <= maxChars) return `${body}${tail}`;
  const cut = '\n\n[… shortened to fit the PSA’s note limit; the full text is in FlowPilot …]';
  return `${body.slice(0, Math.max(0, maxChars - tail.length - cut.length))}${cut}${tail}`;
}
