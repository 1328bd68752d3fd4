/**
 * What the model was given for one reply (the message's `context`, SPEC §7.1): one line that
 * says how big the request was and what the budget left out, and the details on demand. A
 * native <details>, so it is a disclosure to keyboards and screen readers without any script.
 */

/** The fields of a reply's `context` this shows (the contract's ZContextSent fits). */
export interface ContextSummary {
  budget_tokens: number;
  estimated_tokens: number;
  turns_sent: number;
  turns_omitted: number;
  characters_omitted: number;
  pastes_trimmed: number;
  templates_offered: number;
  facts: number;
  over_budget: boolean;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** "Context: 12,340 tokens · 174 earlier turns and 91,636 characters left out". */
export function describeContext(context: ContextSummary): string {
  const size = `Context: ${plural(context.estimated_tokens, 'token')}`;
  const turns = context.turns_omitted > 0 ? plural(context.turns_omitted, 'earlier turn') : null;
  const characters = context.characters_omitted > 0 ? plural(context.characters_omitted, 'character') : null;
  const left = [turns, characters].filter(Boolean).join(' and ');
  return left ? `${size} · ${left} left out` : `${size} · nothing left out`;
}

export function ContextDisclosure({ context }: { context: ContextSummary }) {
  const cacheRead = context.cache_read_tokens ?? 0;
  const cacheWrite = context.cache_write_tokens ?? 0;
  return (
    <details className="group mt-1.5 text-xs text-zinc-500">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-sm hover:text-zinc-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
          ›
        </span>
        {describeContext(context)}
      </summary>
      <ul className="mt-1 ml-3 list-disc space-y-0.5 pl-3 text-zinc-400">
        <li>
          The intake, the session state ({plural(context.facts, 'fact')},{' '}
          {plural(context.templates_offered, 'template')} to cite) and {plural(context.turns_sent, 'turn')} of
          the conversation, within a budget of {count(context.budget_tokens)} tokens.
        </li>
        {context.pastes_trimmed > 0 && (
          <li>
            {plural(context.pastes_trimmed, 'long paste')} kept{' '}
            {context.pastes_trimmed === 1 ? 'its' : 'their'} head and tail; the model was told where text was
            cut.
          </li>
        )}
        {context.over_budget && (
          <li className="text-amber-300">
            The intake, the state and the message alone were over the budget: they were sent trimmed as far as
            they go.
          </li>
        )}
        {(cacheRead > 0 || cacheWrite > 0) && (
          <li>
            Prompt cache: {count(cacheRead)} tokens read, {count(cacheWrite)} written.
          </li>
        )}
        <li>Tokens are our count (o200k_base); the provider&apos;s own count can differ a little.</li>
      </ul>
    </details>
  );
}
