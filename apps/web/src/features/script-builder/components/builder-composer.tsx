import type { RefObject } from 'react';
import { ChatComposer } from '../../../components/ui/chat-composer';

interface BuilderComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  isStreaming: boolean;
  /** Why nothing can be sent yet (the session is still being opened). */
  blockedReason?: string | undefined;
  placeholder: string;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

/** The Script Builder's request box (the shared chat composer with its own hint). */
export function BuilderComposer(props: BuilderComposerProps) {
  return (
    <ChatComposer
      {...props}
      streamingHint="You can write your next request while the Script Builder replies."
    />
  );
}
