import type { IntakeContent } from '@flowpilot/db/schema-sessions';
import type { Tx } from '@flowpilot/db/database';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { callPsa, openConnection } from './psa-connection.ts';
import { insertTicketLink } from './psa.repository.ts';

/** Notes beyond this are the ticket's long tail; the intake keeps the newest that fit. */
const MAX_INTAKE_TEXT = 19_000;

export interface TicketIntake {
  intake: IntakeContent;
  /** Stores the session's link to the ticket, inside the session's creating transaction. */
  link(tx: Tx, sessionId: string): Promise<void>;
}

/**
 * The intake of a session started from a PSA ticket: summary, description and notes as the
 * text, company → client, configuration → asset, contact named; the ticket number is the ref.
 */
export async function ticketIntake(ctx: AppContext, caller: Caller, ticketId: string): Promise<TicketIntake> {
  const { provider, row } = await openConnection(ctx, ctx.database.db, caller);
  const { ticket, notes } = await callPsa(async () => {
    const found = await provider.getTicket(ticketId);
    return { ticket: found, notes: await provider.listNotes(found.id) };
  });
  const parts = [ticket.summary, ticket.description].filter((part) => part.trim());
  if (ticket.contact) parts.push(`Contact: ${ticket.contact}`);
  const noteTexts = notes
    .map((note) => note.text.trim())
    .filter((note) => note && note !== ticket.description.trim());
  let text = parts.join('\n\n');
  const kept: string[] = [];
  for (const note of noteTexts.reverse()) {
    if (text.length + note.length + kept.join('').length > MAX_INTAKE_TEXT) break;
    kept.unshift(note);
  }
  if (kept.length > 0)
    text += `\n\nTicket notes:\n${kept.map((note) => `- ${note.replace(/\n+/g, ' ')}`).join('\n')}`;
  return {
    intake: {
      text: text.trim() || `Ticket ${ticket.number}`,
      ticket_ref: ticket.number,
      ...(ticket.company ? { client_name: ticket.company.slice(0, 200) } : {}),
      ...(ticket.configuration ? { asset_name: ticket.configuration.slice(0, 200) } : {}),
    },
    link: (tx, sessionId) =>
      insertTicketLink(tx, caller, {
        aiSessionId: sessionId,
        provider: row.provider,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        ticketUrl: ticket.url,
      }),
  };
}
