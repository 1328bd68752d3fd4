import { Spinner } from '../../../components/ui/spinner';
import { useNow } from '../hooks/use-now';

/** Past this long without a new piece of text, a wait is called what it may be: stuck. */
export const STALL_AFTER_MS = 15_000;

interface StreamingStatusProps {
  startedAt: number;
  lastTokenAt: number | null;
}

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/**
 * Tells slow from stuck: "Thinking… 4 s" before the first token, nothing but the cursor while
 * text flows, and "Still waiting…" once no text has arrived for 15 seconds.
 */
export function StreamingStatus({ startedAt, lastTokenAt }: StreamingStatusProps) {
  const now = useNow(true);
  const quietFor = now - (lastTokenAt ?? startedAt);

  if (quietFor > STALL_AFTER_MS) {
    return (
      <p className="flex items-center gap-2 text-xs text-amber-200">
        <Spinner className="size-3.5" />
        Still waiting for the assistant…
        <span className="text-amber-200/70 tabular-nums">no new text for {seconds(quietFor)} s</span>
      </p>
    );
  }
  if (lastTokenAt === null) {
    return (
      <p className="flex items-center gap-2 text-xs text-zinc-400">
        <Spinner className="size-3.5 text-sky-400" />
        Thinking…
        <span className="tabular-nums">{seconds(now - startedAt)} s</span>
      </p>
    );
  }
  return null;
}
