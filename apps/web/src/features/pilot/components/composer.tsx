import type { RefObject } from 'react';
import { ChatComposer } from '../../../components/ui/chat-composer';

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  isStreaming: boolean;
  /** Why nothing can be sent right now (a reply still running in the background, a closed session). */
  blockedReason?: string | undefined;
  /** The session no longer takes messages at all. */
  isClosed: boolean;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

/** The pilot chat's message box: editable while a reply streams; only sending waits. */
export function Composer({ isClosed, ...props }: ComposerProps) {
  return (
    <ChatComposer
      {...props}
      disabled={isClosed}
      placeholder={
        isClosed
          ? 'This session is closed.'
          : 'Answer the questions, paste command output, or say how the fix went…'
      }
      streamingHint="You can write your next message while the assistant replies."
    />
  );
}
