import { StatusDot } from '../../../components/ui/badge';
import { useHealth } from '../api/get-health';
import { assistantTone, backendLabel } from './backend-label';

/** A one-line, low-key "Assistant: offline engine" for the sidebar. */
export function AssistantIndicator() {
  const health = useHealth();
  const data = health.data;

  let label: string;
  if (data) label = backendLabel(data.llm.backend);
  else if (health.isError) label = 'status unavailable';
  else label = 'checking…';

  const title = data
    ? `${backendLabel(data.llm.backend)}${data.llm.model ? ` · ${data.llm.model}` : ''} — ${data.llm.status}`
    : undefined;

  return (
    <p
      className="flex min-w-0 items-center gap-2 text-xs text-zinc-400"
      title={title}
      aria-busy={health.isPending || undefined}
    >
      <StatusDot tone={health.isError ? 'down' : assistantTone(data)} />
      <span className="truncate">
        Assistant: <span className="text-zinc-300">{label}</span>
      </span>
    </p>
  );
}
