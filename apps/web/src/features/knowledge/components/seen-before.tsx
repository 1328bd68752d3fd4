import { Link } from 'react-router';
import { useSimilarSessions } from '../api/list-similar-sessions';

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** The task lane's "Seen before": the account's resolved sessions most like this one, with what fixed them. */
export function SeenBefore({ sessionId }: { sessionId: string }) {
  const similar = useSimilarSessions(sessionId);
  const items = similar.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label="Seen before" className="space-y-2">
      <h3 className="text-[12px] font-semibold tracking-wide text-zinc-400 uppercase">Seen before</h3>
      <ul className="space-y-2 text-[13px]">
        {items.slice(0, 3).map((item) => (
          <li key={item.session_id} className="rounded-md bg-zinc-900/70 p-2 ring-1 ring-zinc-800">
            <Link to={`/pilot/${item.session_id}`} className="font-medium text-sky-300 hover:underline">
              {item.title}
            </Link>
            <p className="text-zinc-400">
              {day(item.resolved_at)}
              {item.fix_title
                ? ` · ${item.fix_outcome === 'applied_success' ? 'fixed by' : 'tried'}: ${item.fix_title}`
                : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
