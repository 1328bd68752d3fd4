import {
  useId,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { MAX_MESSAGE_LENGTH } from '@flowpilot/contracts/limits';
import { cn } from '../../lib/cn';
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
  /** Files to send with the message (the pilot chat; the Script Builder has none). */
  attachments?: ComposerFiles | undefined;
}

/** What the composer needs of a file tray: shown above the box, filled by paste, drop or the button. */
export interface ComposerFiles {
  tray: ReactNode;
  button: ReactNode;
  /** Files in the tray; with one, the message may go without text. */
  count: number;
  /** Sending waits for uploads to finish. */
  isUploading: boolean;
  onPaste: (event: ClipboardEvent) => void;
  onDrop: (event: DragEvent) => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The counter shows from here on, so a long paste is seen coming before Send refuses it. */
const COUNTER_FROM = 0.8;
const count = (value: number) => value.toLocaleString('en-US');

/**
 * What the length means for sending, counted as the server counts (after trimming): nothing
 * below 80 % of the limit, a counter near it, a plain refusal over it.
 */
export function describeLength(value: string, limit = MAX_MESSAGE_LENGTH) {
  const length = value.trim().length;
  const over = length - limit;
  return {
    isShown: length >= limit * COUNTER_FROM,
    isOver: over > 0,
    counter: `${count(length)} / ${count(limit)}`,
    // Read by screen readers when it changes; worded per band, not per keystroke.
    announcement:
      over > 0
        ? `The message is over the ${count(limit)}-character limit. Shorten it to send.`
        : length >= limit * COUNTER_FROM
          ? `The message is near the ${count(limit)}-character limit.`
          : '',
    refusal:
      over > 0
        ? `${count(over)} ${over === 1 ? 'character' : 'characters'} over the ${count(limit)}-character limit. Shorten it, or paste only the part that matters.`
        : null,
  };
}

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
  attachments,
}: ChatComposerProps) {
  const textareaId = useId();
  const hintId = useId();
  const counterId = useId();
  const length = describeLength(value);
  const [isDragging, setIsDragging] = useState(false);
  const hasFiles = (attachments?.count ?? 0) > 0;
  const canSend =
    !isStreaming &&
    !blockedReason &&
    (value.trim().length > 0 || hasFiles) &&
    !length.isOver &&
    !attachments?.isUploading;

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

  const hint =
    length.refusal ??
    (isStreaming
      ? streamingHint
      : (blockedReason ??
        (attachments?.isUploading ? 'Uploading the files…' : `${isMac ? '⌘' : 'Ctrl'} + Enter to send`)));

  // Dropping files anywhere on the composer attaches them (the pilot chat only).
  const dropHandlers = attachments
    ? {
        onDragOver: (event: DragEvent) => {
          if (!event.dataTransfer.types.includes('Files')) return;
          event.preventDefault();
          setIsDragging(true);
        },
        onDragLeave: () => setIsDragging(false),
        onDrop: (event: DragEvent) => {
          setIsDragging(false);
          attachments.onDrop(event);
        },
      }
    : {};

  return (
    <form
      onSubmit={submit}
      {...dropHandlers}
      className={cn(
        'rounded-lg bg-zinc-900 ring-1 ring-zinc-700 focus-within:ring-sky-500/70',
        isDragging && 'ring-2 ring-sky-400',
      )}
    >
      {attachments?.tray}
      <label htmlFor={textareaId} className="sr-only">
        Message
      </label>
      <textarea
        ref={textareaRef}
        id={textareaId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={attachments?.onPaste}
        disabled={disabled}
        rows={2}
        aria-describedby={length.isShown ? `${hintId} ${counterId}` : hintId}
        aria-invalid={length.isOver || undefined}
        placeholder={placeholder}
        className="block max-h-64 min-h-16 w-full resize-y rounded-t-lg bg-transparent px-3.5 py-3 text-sm leading-relaxed text-zinc-100 placeholder:text-zinc-500 focus:outline-none focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-60 sm:min-h-20"
      />
      <div className="flex items-center justify-between gap-3 border-t border-zinc-800 px-2.5 py-2">
        <p
          id={hintId}
          className={cn('min-w-0 pl-1 text-xs', length.isOver ? 'text-red-300' : 'truncate text-zinc-400')}
        >
          {hint}
        </p>
        <div className="flex shrink-0 items-center gap-2">
          {attachments?.button}
          {length.isShown && (
            <span
              id={counterId}
              data-testid="message-length"
              className={cn(
                'text-xs tabular-nums',
                length.isOver ? 'font-medium text-red-300' : 'text-amber-200',
              )}
            >
              <span className="sr-only">Length: </span>
              {length.counter}
            </span>
          )}
          <span aria-live="polite" className="sr-only">
            {length.announcement}
          </span>
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
