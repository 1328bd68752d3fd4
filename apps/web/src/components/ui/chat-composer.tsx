import { useId, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { Button } from './button';
import { IconSend, IconStop } from './icons';

export interface ChatComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  /** A reply is being watched: Send waits, Stop is offered. */
  isStreaming: boolean;
  /** Why nothing can be sent right now. */
  blockedReason?: string | undefined;
  /** The conversation no longer takes messages at all. */
  disabled?: boolean;
  placeholder: string;
  /** Shown while a reply streams (the box stays editable so the next message can be drafted). */
  streamingHint: string;
  textareaRef?: RefObject<HTMLTextAreaElement | null> | undefined;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The message box shared by the pilot chat and the Script Builder; ⌘/Ctrl+Enter sends. */
export function ChatComposer({
  value,
  onChange,
  onSend,
  onStop,
  isStreaming,
  blockedReason,
  disabled = false,
  placeholder,
  streamingHint,
  textareaRef,
}: ChatComposerProps) {
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

  const hint = isStreaming ? streamingHint : (blockedReason ?? `${isMac ? '⌘' : 'Ctrl'} + Enter to send`);

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
        disabled={disabled}
        rows={2}
        aria-describedby={hintId}
        placeholder={placeholder}
        className="block max-h-64 min-h-16 w-full resize-y rounded-t-lg bg-transparent px-3.5 py-3 text-sm leading-relaxed text-zinc-100 placeholder:text-zinc-500 focus:outline-none focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-60 sm:min-h-20"
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
