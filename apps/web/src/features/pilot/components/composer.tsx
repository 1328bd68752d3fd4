import type { RefObject } from 'react';
import { ChatComposer, type ComposerFiles } from '../../../components/ui/chat-composer';

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  isStreaming: boolean;
  /** Why nothing can be sent right now (a reply still running in the background). */
  blockedReason?: string | undefined;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Screenshots and logs to send with the message (composed in by the route). */
  attachments?: ComposerFiles | undefined;
}

/**
 * The pilot chat's message box: editable while a reply streams; only sending waits. A closed
 * session has none (the page gives its transcript the room instead).
 */
export function Composer(props: ComposerProps) {
  return (
    <ChatComposer
      {...props}
      placeholder="Answer the questions, paste command output, or say how the fix went…"
      streamingHint="You can write your next message while the assistant replies."
    />
  );
}
