import { usePsaTicketLink } from '../api/get-psa-ticket-link';
import { providerNames } from './psa-settings';

/** "ConnectWise PSA #4711" in the session header, linking to the ticket when the PSA has a page for it. */
export function PsaTicketLink({ sessionId, enabled }: { sessionId: string; enabled: boolean }) {
  const link = usePsaTicketLink(sessionId, enabled);
  if (!link.data) return null;
  const label = `${providerNames[link.data.provider]} ticket ${link.data.ticket_number}`;
  return link.data.url ? (
    <a
      href={link.data.url}
      target="_blank"
      rel="noreferrer noopener"
      className="text-xs text-sky-300 underline-offset-2 hover:underline"
    >
      {label}
    </a>
  ) : (
    <span className="text-xs text-zinc-400">{label}</span>
  );
}
