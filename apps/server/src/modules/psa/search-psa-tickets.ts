import type { TPsaTicket, TPsaTicketSummary } from '@flowpilot/contracts/psa';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { callPsa, openConnection } from './psa-connection.ts';
import type { PsaNote, PsaTicket } from './psa-provider.ts';

export const toTicketSummary = (ticket: PsaTicket): TPsaTicketSummary => ({
  id: ticket.id,
  number: ticket.number,
  summary: ticket.summary,
  status: ticket.statusName,
  company: ticket.company,
});

export const toTicketDto = (ticket: PsaTicket, notes: PsaNote[]): TPsaTicket => ({
  ...toTicketSummary(ticket),
  description: ticket.description,
  status_id: ticket.statusId,
  board: ticket.boardName,
  contact: ticket.contact,
  configuration: ticket.configuration,
  notes: notes.map((note) => ({ id: note.id, text: note.text, internal: note.internal })),
  url: ticket.url,
});

export async function searchPsaTickets(ctx: AppContext, caller: Caller, query: string) {
  const { provider } = await openConnection(ctx, ctx.database.db, caller);
  const tickets = await callPsa(() => provider.searchTickets(query, 25));
  return { items: tickets.map(toTicketSummary) };
}

export async function getPsaTicket(ctx: AppContext, caller: Caller, ticketId: string): Promise<TPsaTicket> {
  const { provider } = await openConnection(ctx, ctx.database.db, caller, 'not_found');
  return callPsa(async () => {
    const ticket = await provider.getTicket(ticketId);
    return toTicketDto(ticket, await provider.listNotes(ticket.id));
  });
}
