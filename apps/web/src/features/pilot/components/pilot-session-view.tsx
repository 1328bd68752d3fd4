import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { buttonClasses } from '../../../components/ui/button';
import { ErrorState } from '../../../components/ui/error-state';
import { IconClose } from '../../../components/ui/icons';
import { Skeleton } from '../../../components/ui/skeleton';
import { describeError, isApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useSession } from '../api/get-session';
import { useMessages } from '../api/list-messages';
import { useReplyStream } from '../hooks/use-reply-stream';
import { ChatHeader } from './chat-header';
import { Composer } from './composer';
import { isShownFix } from './fix-labels';
import { ProposalBanner } from './proposal-banner';
import { isClosedStatus, statusLabels } from './session-labels';
import { TaskLane } from './task-lane';
import { Transcript } from './transcript';

interface PilotSessionViewProps {
  sessionId: string;
  /** The assistant backend indicator, composed in by the route. */
  assistant?: ReactNode;
}

/*
 * The page fills the viewport below the app chrome (a 3.5 rem top bar and 1.5 rem padding on
 * small screens, 2 rem padding from md up), so the transcript scrolls and the composer stays put.
 */
const pageHeight = 'h-[calc(100dvh-6.5rem)] md:h-[calc(100dvh-4rem)] min-h-[28rem]';

export function PilotSessionView({ sessionId, assistant }: PilotSessionViewProps) {
  const session = useSession(sessionId);
  const messages = useMessages(sessionId);
  const reply = useReplyStream(sessionId);
  const [draft, setDraft] = useState('');
  const [isLaneOpen, setIsLaneOpen] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const laneToggleRef = useRef<HTMLDivElement>(null);
  const laneRef = useRef<HTMLElement>(null);
  const laneId = useId();

  // Opening a session whose reply is still being generated (e.g. the first one, right after
  // the intake) follows it live. Each reply is resumed once.
  const streamingId = session.data?.streaming_message_id ?? null;
  const phase = reply.state.phase;
  const { resume } = reply;
  const resumedRef = useRef<string | null>(null);
  useEffect(() => {
    if (!streamingId || phase !== 'idle' || resumedRef.current === streamingId) return;
    resumedRef.current = streamingId;
    void resume(streamingId);
  }, [streamingId, phase, resume]);
  useEffect(
    () => () => {
      resumedRef.current = null;
    },
    [],
  );

  if (session.isPending || messages.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading session" className={cn(pageHeight, 'space-y-4')}>
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-6 w-2/3" />
        <Skeleton className="h-4 w-1/3" />
        <div className="space-y-3 pt-6">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="ml-auto h-10 w-1/2" />
          <Skeleton className="h-24 w-5/6" />
        </div>
      </div>
    );
  }

  if (session.isError || messages.isError) {
    const error = session.error ?? messages.error;
    const notFound = isApiError(error) && error.status === 404;
    return (
      <div className="space-y-4">
        <title>Session not available · FlowPilot</title>
        <ErrorState
          title={notFound ? 'This session does not exist, or it is not yours' : "Couldn't load this session"}
          error={error}
          onRetry={
            notFound
              ? undefined
              : () => {
                  void session.refetch();
                  void messages.refetch();
                }
          }
          isRetrying={session.isFetching || messages.isFetching}
        />
        <Link to="/pilot" className={buttonClasses('secondary', 'sm')}>
          Back to pilot sessions
        </Link>
      </div>
    );
  }

  const detail = session.data;
  const isClosed = isClosedStatus(detail.status);
  const isStreaming = phase === 'streaming';
  const blockedReason = isClosed
    ? `This session is ${statusLabels[detail.status].toLowerCase()}; it takes no more messages.`
    : phase === 'detached' || (phase === 'idle' && streamingId)
      ? 'The assistant is still replying; you can send once it has finished.'
      : undefined;
  const fix = isShownFix(detail.active_fix) ? detail.active_fix : null;

  const send = async () => {
    const content = draft.trim();
    if (!content) return;
    setDraft('');
    textareaRef.current?.focus();
    const accepted = await reply.send(content);
    // Nothing reached the server: give the engineer their words back.
    if (!accepted) setDraft((current) => current || content);
  };

  const closeLane = () => {
    setIsLaneOpen(false);
    laneToggleRef.current?.querySelector<HTMLButtonElement>('button[aria-controls]')?.focus();
  };
  const toggleLane = () => {
    if (isLaneOpen) return closeLane();
    setIsLaneOpen(true);
    requestAnimationFrame(() => laneRef.current?.querySelector<HTMLElement>('button, input')?.focus());
  };

  return (
    <div className={cn(pageHeight, 'flex flex-col')}>
      <title>{`${detail.title || 'Session'} · FlowPilot`}</title>
      <div ref={laneToggleRef}>
        <ChatHeader
          session={detail}
          assistant={assistant}
          isLaneOpen={isLaneOpen}
          laneId={laneId}
          onToggleLane={toggleLane}
        />
      </div>

      <div className="flex min-h-0 flex-1 gap-6">
        <section aria-label="Chat" className="flex min-w-0 flex-1 flex-col gap-3 pb-0.5">
          <Transcript
            messages={messages.data.items}
            reply={reply.state}
            canWrite={!isClosed}
            onRetry={(messageId) => void reply.retry(messageId)}
            onKeepWatching={() => void reply.resume(reply.state.messageId)}
          />
          {reply.state.error !== null && (
            <Alert tone="error" title="Your message was not sent" className="shrink-0">
              <p>{describeError(reply.state.error).detail}</p>
              <button
                type="button"
                onClick={reply.dismissError}
                className="mt-1 text-xs font-medium text-red-100 underline underline-offset-2"
              >
                Dismiss
              </button>
            </Alert>
          )}
          {fix && (
            <div className="shrink-0">
              <ProposalBanner key={fix.id} fix={fix} />
            </div>
          )}
          <div className="shrink-0">
            <Composer
              value={draft}
              onChange={setDraft}
              onSend={() => void send()}
              onStop={reply.stop}
              isStreaming={isStreaming}
              blockedReason={blockedReason}
              isClosed={isClosed}
              textareaRef={textareaRef}
            />
          </div>
          <p aria-live="polite" className="sr-only">
            {reply.state.announcement}
          </p>
        </section>

        {isLaneOpen && (
          <div
            aria-hidden="true"
            onClick={closeLane}
            className="fixed inset-0 z-40 bg-black/60 min-[1200px]:hidden"
          />
        )}
        <aside
          ref={laneRef}
          id={laneId}
          aria-label="Task lane"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && isLaneOpen) closeLane();
          }}
          className={cn(
            'w-80 shrink-0 overflow-y-auto',
            'min-[1200px]:static min-[1200px]:block min-[1200px]:border-l min-[1200px]:border-zinc-800/80 min-[1200px]:pt-4 min-[1200px]:pl-6',
            isLaneOpen
              ? 'fixed inset-y-0 right-0 z-50 block w-[22rem] max-w-[90vw] border-l border-zinc-800 bg-zinc-950 p-4 shadow-2xl shadow-black min-[1200px]:w-80 min-[1200px]:bg-transparent min-[1200px]:p-0 min-[1200px]:pl-6 min-[1200px]:shadow-none'
              : 'hidden',
          )}
        >
          <div className="mb-4 flex items-center justify-between min-[1200px]:hidden">
            <p className="text-sm font-semibold text-zinc-100">Task lane</p>
            <button type="button" onClick={closeLane} className={buttonClasses('ghost', 'sm')}>
              <IconClose className="size-4" />
              Close
            </button>
          </div>
          <TaskLane session={detail} />
        </aside>
      </div>
    </div>
  );
}
