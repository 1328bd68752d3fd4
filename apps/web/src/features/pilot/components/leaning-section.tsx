import { useId } from 'react';
import { useLeaning } from '../api/get-leaning';

/** "84 %", and "< 1 %" rather than a misleading "0 %". */
const percent = (probability: number) => {
  const value = Math.round(probability * 100);
  return value < 1 ? '< 1 %' : `${value} %`;
};

/**
 * Why the assistant leans where it leans (offline engine): the leading playbook with the
 * evidence for and against it, the runners-up, and the chance it is none of them. Correcting
 * a fact or adding a note moves it at once. Hidden for connected models, which hold no belief.
 */
export function LeaningSection({ sessionId, stateVersion }: { sessionId: string; stateVersion: number }) {
  const leaning = useLeaning(sessionId, stateVersion);
  const headingId = useId();
  const data = leaning.data;
  if (!data?.available) return null;
  const { leader } = data;
  return (
    <section aria-labelledby={headingId} className="space-y-2.5">
      <div>
        <h2 id={headingId} className="text-xs font-semibold tracking-wide text-zinc-300 uppercase">
          Why the assistant leans this way
        </h2>
        <p className="mt-0.5 text-[11px] text-zinc-500">
          Live: it moves as you add notes or correct facts. The header shows the confidence of the last reply.
        </p>
      </div>
      <div className="space-y-2 rounded-md bg-zinc-900/70 px-3 py-2.5 text-[13px] ring-1 ring-zinc-800">
        {leader ? (
          <>
            <p className="flex items-baseline gap-2">
              <span className="min-w-0 flex-1 font-semibold text-zinc-50">{leader.title}</span>
              <span className="shrink-0 text-zinc-300 tabular-nums">{percent(leader.probability)}</span>
            </p>
            <EvidenceList label="For" items={leader.for} tone="text-emerald-300" />
            <EvidenceList label="Against" items={leader.against} tone="text-amber-300" />
          </>
        ) : (
          <p className="text-zinc-300">
            No playbook fits yet: {percent(data.none)} that it is none of them. Tell the assistant the exact
            error, who is affected and what changed.
          </p>
        )}
        {data.alternatives.length > 0 && (
          <div>
            <p className="text-xs text-zinc-500">{leader ? 'Also considered' : 'Closest'}</p>
            <ul className="mt-0.5 space-y-0.5 text-xs text-zinc-400">
              {data.alternatives.map((alternative) => (
                <li key={alternative.title} className="flex gap-2">
                  <span className="min-w-0 flex-1 truncate">{alternative.title}</span>
                  <span className="shrink-0 tabular-nums">{percent(alternative.probability)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {leader && <p className="text-xs text-zinc-500">None of these: {percent(data.none)}</p>}
      </div>
    </section>
  );
}

function EvidenceList({ label, items, tone }: { label: string; items: string[]; tone: string }) {
  if (items.length === 0) return null;
  return (
    <div>
      <p className={`text-xs font-medium ${tone}`}>{label}</p>
      <ul className="mt-0.5 list-disc space-y-0.5 pl-4 text-xs text-zinc-300">
        {items.map((item) => (
          <li key={item} className="break-words">
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}
