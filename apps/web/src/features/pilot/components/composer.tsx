import { useId, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { Button } from '../../../components/ui/button';
import { IconSend, IconStop } from '../../../components/ui/icons';

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  /** A reply is being watched: Send waits, Stop is offered. */
  isStreaming: boolean;
  /** Why nothing can be sent right now (a reply still running in the background, a closed session). */
  blockedReason?: string | undefined;
  /** The session no longer takes messages at all. */
  isClosed: boolean;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The message box. It stays editable while a reply streams, so the next answer can be drafted
 * (and focus never drops out of it); only sending waits for the reply to finish.
 */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  isStreaming,
  blockedReason,
  isClosed,
  textareaRef,
}: ComposerProps) {
  const textareaId = useId();
  const hintId = useId();
  const canSend = !isStreaming && !blockedReason && value.trim().length > 0;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (canSend) onSend();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const hint = isStreaming
    ? 'You can write your next message while the assistant replies.'
    : (blockedReason ?? `${isMac ? '⌘' : 'Ctrl'} + Enter to send`);

  return (
    <form
      onSubmit={submit}
      className="rounded-lg bg-zinc-900 ring-1 ring-zinc-700 focus-within:ring-sky-500/70"
    >
      <label htmlFor={textareaId} className="sr-only">
        Message
      </label>
      <textarea
        ref={textareaRef}
        id={textareaId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={isClosed}
        rows={2}
        aria-describedby={hintId}
        placeholder={
          isClosed
            ? 'This session is closed.'
            : 'Answer the questions, paste command output, or say how the fix went…'
        }
        className="block max-h-64 min-h-16 w-full sm:min-h-20 resize-y rounded-t-lg bg-transparent px-3.5 py-3 text-sm leading-relaxed text-zinc-100 placeholder:text-zinc-500 focus:outline-none focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-60"
      />
      <div className="flex items-center justify-between gap-3 border-t border-zinc-800 px-2.5 py-2">
        <p id={hintId} className="min-w-0 truncate pl-1 text-xs text-zinc-400">
          {hint}
        </p>
        <div className="flex shrink-0 items-center gap-2">
          {isStreaming && (
            <Button size="sm" variant="secondary" onClick={onStop}>
              <IconStop className="size-3.5" />
              Stop
            </Button>
          )}
          <Button type="submit" size="sm" variant="primary" disabled={!canSend}>
            <IconSend className="size-3.5" />
            Send
          </Button>
        </div>
      </div>
    </form>
  );
}
