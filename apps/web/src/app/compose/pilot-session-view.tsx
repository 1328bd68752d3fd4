import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { buttonClasses } from '../../components/ui/button';
import { ErrorState } from '../../components/ui/error-state';
import { IconClose } from '../../components/ui/icons';
import { Skeleton } from '../../components/ui/skeleton';
import { describeError, isApiError } from '../../lib/api-client';
import { cn } from '../../lib/cn';
import { ActivityTimeline } from '../../features/audit/components/activity-timeline';
import { useApplyFix } from '../../features/fixes/api/apply-fix';
import { isFinishedFix } from '../../features/fixes/components/fix-outcome-labels';
import { InlineNoTemplateDialog } from '../../features/fixes/components/inline-no-template-dialog';
import { ChatTabStrip } from '../../features/script-builder/components/chat-tab-strip';
import { ScriptBuilderTab } from '../../features/script-builder/components/script-builder-tab';
import { useScriptBuilderTab } from '../../features/script-builder/hooks/use-script-builder-tab';
import {
  ClosedSessionBanner,
  PostedClosingText,
} from '../../features/session-closing/components/closed-session-banner';
import { PsaTicketLink } from '../../features/psa/components/psa-ticket-link';
import { SessionClosingActions } from '../../features/session-closing/components/session-closing-actions';
import { TemplateMatchPanel } from '../../features/templates/components/template-match-panel';
import { useSession } from '../../features/pilot/api/get-session';
import { useMessages } from '../../features/pilot/api/list-messages';
import { pilotKeys } from '../../features/pilot/api/query-keys';
import { useReplyStream } from '../../features/pilot/hooks/use-reply-stream';
import { filesOnlyText, type PilotAttachmentSlots } from '../../features/pilot/attachment-slots';
import { ChatHeader } from '../../features/pilot/components/chat-header';
import { Composer } from '../../features/pilot/components/composer';
import { isShownFix } from '../../features/pilot/components/fix-labels';
import { ProposalBanner } from '../../features/pilot/components/proposal-banner';
import { isClosedStatus } from '../../features/pilot/components/session-labels';
import { TaskLane } from '../../features/pilot/components/task-lane';
import { Transcript } from '../../features/pilot/components/transcript';

interface PilotSessionViewProps {
  sessionId: string;
  /** The assistant backend indicator, composed in by the route. */
  assistant?: ReactNode;
  /** Screenshots and log files: the composer's tray and each message's files, composed in by the route. */
  attachments?: PilotAttachmentSlots | undefined;
  /** "Seen before": similar resolved sessions under the task lane, composed in by the route. */
  seenBefore?: ReactNode;
}

/** Where Apply took the engineer, for which fix (a newer fix closes it). */
type ApplySurface = { fixId: string; kind: 'template' | 'drafted' };

/*
 * The page fills the viewport below the app chrome (a 3.5 rem top bar and 1.5 rem padding on
 * small screens, 2 rem padding from md up), so the transcript scrolls and the composer stays put.
 */
const pageHeight = 'h-[calc(100dvh-6.5rem)] md:h-[calc(100dvh-4rem)] min-h-[28rem]';

export function PilotSessionView({ sessionId, assistant, attachments, seenBefore }: PilotSessionViewProps) {
  const session = useSession(sessionId);
  // The inline Script Builder tab, for a fix that has neither a template nor a drafted script
  // (not on a closed session: its fix takes no more scripts).
  // Someone else's session you may read (escalated, or handed over) is read back like a closed one.
  const isSessionClosed = session.data
    ? isClosedStatus(session.data.status) || session.data.access === 'read'
    : false;
  const builder = useScriptBuilderTab(sessionId, isSessionClosed ? null : session.data?.active_fix);
  const messages = useMessages(sessionId);
  const reply = useReplyStream(sessionId);
  const [draft, setDraft] = useState('');
  const [isLaneOpen, setIsLaneOpen] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const laneToggleRef = useRef<HTMLDivElement>(null);
  const laneRef = useRef<HTMLElement>(null);
  const laneId = useId();
  const noteId = useId();
  const queryClient = useQueryClient();
  const applyFix = useApplyFix(sessionId);
  const [surface, setSurface] = useState<ApplySurface | null>(null);
  const [notice, setNotice] = useState<{ fixId: string; text: string } | null>(null);
  const bannerRef = useRef<HTMLElement>(null);
  const panelHeadingRef = useRef<HTMLHeadingElement>(null);

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
  const isClosed = isSessionClosed;
  const isStreaming = phase === 'streaming';
  const blockedReason =
    phase === 'detached' || (phase === 'idle' && streamingId)
      ? 'The assistant is still replying; you can send once it has finished.'
      : undefined;
  const fix = isShownFix(detail.active_fix) ? detail.active_fix : null;
  // Apply's surfaces belong to the fix they were opened for, while it is still in play.
  const openSurface =
    fix && surface?.fixId === fix.id && !isFinishedFix(fix) && !isClosed ? surface.kind : null;
  // "Marked as run" matters until the engineer says how it went.
  const shownNotice = fix && notice?.fixId === fix.id && fix.state_label === 'Verifying' ? notice.text : null;

  const focusApply = () =>
    requestAnimationFrame(() =>
      bannerRef.current?.querySelector<HTMLButtonElement>('[data-fix-apply]')?.focus(),
    );
  const closeSurface = () => {
    setSurface(null);
    focusApply();
  };
  // Apply routes to where the script is; it stamps nothing (only declaring a run does).
  const openApply = () => {
    if (!fix) return;
    if (!fix.script_template_id && !fix.ai_drafted_script) {
      builder.openScriptBuilder();
      return;
    }
    const kind = fix.script_template_id ? 'template' : 'drafted';
    setSurface({ fixId: fix.id, kind });
    setNotice(null);
    applyFix.reset();
    if (kind === 'template') {
      // The lane is a drawer below 1200 px: open it so the panel is in view.
      setIsLaneOpen(true);
      requestAnimationFrame(() => panelHeadingRef.current?.focus());
    }
  };
  // After a run, the next thing to say is how it went.
  const runDeclared = (fixId: string, text: string) => {
    setSurface(null);
    setNotice({ fixId, text });
    requestAnimationFrame(() =>
      bannerRef.current?.querySelector<HTMLButtonElement>('[data-fix-worked]')?.focus(),
    );
  };

  const send = async () => {
    const files = attachments?.composer;
    const ids = files?.ids ?? [];
    const content = draft.trim() || (ids.length > 0 ? filesOnlyText(ids.length) : '');
    if (!content) return;
    setDraft('');
    textareaRef.current?.focus();
    const accepted = await reply.send(content, ids);
    // The files went with the message; until then they stay in the tray.
    if (accepted) files?.clear();
    // Nothing reached the server: give the engineer their words back.
    else if (draft.trim()) setDraft((current) => current || content);
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
          ticketLink={<PsaTicketLink sessionId={detail.id} enabled={detail.intake_type === 'ticket'} />}
          actions={<SessionClosingActions session={detail} />}
          isLaneOpen={isLaneOpen}
          laneId={laneId}
          onToggleLane={toggleLane}
        />
      </div>

      <div className="flex min-h-0 flex-1 gap-6">
        <section aria-label="Chat" className="flex min-w-0 flex-1 flex-col gap-3 pb-0.5">
          <ClosedSessionBanner session={detail} noteId={noteId} />
          {detail.access === 'read' && !isClosedStatus(detail.status) && (
            <Alert tone="info" className="shrink-0">
              <p>Another engineer picked this session up and works it now; you can read it.</p>
            </Alert>
          )}
          {builder.showStrip && <ChatTabStrip {...builder.stripProps} />}
          <div className={builder.panelsClassName}>
            <div {...builder.chatPanelProps}>
              <Transcript
                messages={messages.data.items}
                reply={reply.state}
                canWrite={!isClosed}
                onRetry={(messageId) => void reply.retry(messageId)}
                onKeepWatching={() => void reply.resume(reply.state.messageId)}
                intake={detail.intake_content}
                renderAttachments={attachments?.renderList}
                epilogue={isClosed ? <PostedClosingText session={detail} noteId={noteId} /> : undefined}
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
              {shownNotice && (
                <Alert tone="success" className="shrink-0">
                  <p>{shownNotice}</p>
                  <button
                    type="button"
                    onClick={() => setNotice(null)}
                    className="mt-1 text-xs font-medium text-emerald-100 underline underline-offset-2"
                  >
                    Dismiss
                  </button>
                </Alert>
              )}
              {/* A closed session is read back, not worked: no fix card, no composer. */}
              {fix && !isClosed && (
                <div className="shrink-0">
                  <ProposalBanner
                    key={fix.id}
                    sessionId={sessionId}
                    fix={fix}
                    onApply={openApply}
                    regionRef={bannerRef}
                  />
                </div>
              )}
              {fix && openSurface === 'drafted' && fix.ai_drafted_script && (
                <div className="max-h-[60%] shrink-0 overflow-y-auto p-px">
                  <InlineNoTemplateDialog
                    sessionId={sessionId}
                    fix={{ ...fix, ai_drafted_script: fix.ai_drafted_script }}
                    onClose={closeSurface}
                    onRunDeclared={(text) => runDeclared(fix.id, text)}
                  />
                </div>
              )}
              {!isClosed && (
                <div className="shrink-0">
                  <Composer
                    value={draft}
                    onChange={setDraft}
                    onSend={() => void send()}
                    onStop={reply.stop}
                    isStreaming={isStreaming}
                    blockedReason={blockedReason}
                    textareaRef={textareaRef}
                    attachments={attachments?.composer}
                  />
                </div>
              )}
              <p aria-live="polite" className="sr-only">
                {reply.state.announcement}
              </p>
            </div>
            {builder.builderPanelProps && builder.tabProps && (
              <div {...builder.builderPanelProps}>
                <ScriptBuilderTab key={builder.tabProps.fix.id} {...builder.tabProps} />
              </div>
            )}
          </div>
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
          {fix?.script_template_id && openSurface === 'template' && (
            <div className="mb-6">
              <TemplateMatchPanel
                key={fix.id}
                sessionId={sessionId}
                fixId={fix.id}
                templateId={fix.script_template_id}
                headingRef={panelHeadingRef}
                onClose={() => {
                  setIsLaneOpen(false);
                  closeSurface();
                }}
                onGenerated={() =>
                  void queryClient.invalidateQueries({ queryKey: pilotKeys.session(sessionId) })
                }
                onMarkRun={() =>
                  applyFix.mutate(fix.id, {
                    onSuccess: () => {
                      setIsLaneOpen(false);
                      runDeclared(fix.id, 'Marked as run. Tell FlowPilot how it went.');
                    },
                  })
                }
                isMarkingRun={applyFix.isPending}
                markRunError={applyFix.error}
              />
            </div>
          )}
          <TaskLane session={detail} />
          {seenBefore}
          <ActivityTimeline sessionId={sessionId} activeFix={detail.active_fix} />
        </aside>
      </div>
    </div>
  );
}
