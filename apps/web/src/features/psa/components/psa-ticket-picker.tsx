import { useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { TextField } from '../../../components/ui/field';
import { Spinner } from '../../../components/ui/spinner';
import { describeError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { usePsaTicket } from '../api/get-psa-ticket';
import { usePsaTicketSearch } from '../api/search-psa-tickets';

/**
 * Ticket mode of the New session form with a PSA connected: search its open tickets, pick
 * one, see what the intake will take from it (summary, description, notes, client, asset).
 */
export function PsaTicketPicker({
  selectedId,
  onSelect,
  providerName,
}: {
  selectedId: string | null;
  onSelect: (ticketId: string | null) => void;
  providerName: string;
}) {
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query.trim(), 300);
  const search = usePsaTicketSearch(debounced, debounced.length > 0);
  const preview = usePsaTicket(selectedId);

  return (
    <div className="space-y-3">
      <TextField
        label={`Search ${providerName} tickets`}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Ticket number or words from the summary"
        autoComplete="off"
      />
      {search.isError && <Alert tone="error">{describeError(search.error).detail}</Alert>}
      {search.isFetching && <Spinner className="size-4" />}
      {search.data && debounced && (
        <ul aria-label="Matching tickets" className="max-h-56 space-y-1 overflow-y-auto">
          {search.data.items.length === 0 && (
            <li className="text-[13px] text-zinc-400">No open ticket matches.</li>
          )}
          {search.data.items.map((ticket) => (
            <li key={ticket.id}>
              <button
                type="button"
                aria-pressed={selectedId === ticket.id}
                onClick={() => onSelect(ticket.id)}
                className={cn(
                  'w-full rounded-md px-3 py-2 text-left text-[13px] ring-1 ring-inset',
                  selectedId === ticket.id
                    ? 'bg-sky-950/40 ring-sky-700/70'
                    : 'bg-zinc-900 ring-zinc-800 hover:ring-zinc-700',
                )}
              >
                <span className="font-medium text-zinc-100">
                  #{ticket.number} {ticket.summary}
                </span>
                <span className="block text-xs text-zinc-400">
                  {[ticket.company, ticket.status].filter(Boolean).join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {selectedId && (
        <section
          aria-label="Ticket preview"
          className="space-y-1 rounded-md bg-zinc-900 p-3 text-[13px] ring-1 ring-zinc-800"
        >
          {preview.isPending && <Spinner className="size-4" />}
          {preview.isError && <Alert tone="error">{describeError(preview.error).detail}</Alert>}
          {preview.data && (
            <>
              <p className="font-medium text-zinc-100">
                #{preview.data.number} {preview.data.summary}
              </p>
              <p className="text-xs text-zinc-400">
                {[
                  preview.data.company && `Client: ${preview.data.company}`,
                  preview.data.configuration && `Asset: ${preview.data.configuration}`,
                  preview.data.contact && `Contact: ${preview.data.contact}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {preview.data.description && (
                <p className="whitespace-pre-wrap text-zinc-300">{preview.data.description}</p>
              )}
              {preview.data.notes.length > 0 && (
                <p className="text-xs text-zinc-500">
                  {preview.data.notes.length} note(s) will join the intake.
                </p>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
