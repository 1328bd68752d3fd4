import { useRef, useState } from 'react';
import { buttonClasses } from '../../../components/ui/button';
import type { ClosingKind, SessionDetail } from '../types';
import { ClosingPreviewDialog } from './closing-preview-dialog';
import { closedHeadingSelector } from './closed-session-banner';
import { needsIntercept } from './closing-labels';
import { EscalateInterceptDialog } from './escalate-intercept-dialog';

type Open = null | 'intercept' | ClosingKind;

const isClosed = (session: SessionDetail) =>
  session.status === 'resolved' || session.status === 'escalated' || session.access === 'read';

/**
 * The chat header's `Resolve` and `Escalate`: each opens its preview; Escalate first asks how
 * the fix went when that is still open (EscalateInterceptDialog). Gone once the session is
 * closed — the read-only banner says why.
 */
export function SessionClosingActions({ session }: { session: SessionDetail }) {
  const [open, setOpen] = useState<Open>(null);
  const resolveRef = useRef<HTMLButtonElement>(null);
  const escalateRef = useRef<HTMLButtonElement>(null);

  if (isClosed(session) && open === null) return null;

  const close = () => setOpen(null);
  const posted = () => {
    setOpen(null);
    // The buttons are gone; land on the banner that now says what happened (it renders once the
    // refreshed session arrives, so wait for it for a few seconds).
    const focusWhenShown = (framesLeft: number) =>
      requestAnimationFrame(() => {
        const heading = document.querySelector<HTMLElement>(closedHeadingSelector);
        if (heading) heading.focus();
        else if (framesLeft > 0) focusWhenShown(framesLeft - 1);
      });
    focusWhenShown(300);
  };
  const fix = session.active_fix;

  return (
    <>
      {!isClosed(session) && (
        <>
          <button
            ref={resolveRef}
            type="button"
            aria-haspopup="dialog"
            onClick={() => setOpen('resolution_note')}
            className={buttonClasses('secondary', 'sm')}
          >
            Resolve
          </button>
          <button
            ref={escalateRef}
            type="button"
            aria-haspopup="dialog"
            onClick={() => setOpen(needsIntercept(fix) ? 'intercept' : 'escalation_package')}
            className={buttonClasses('secondary', 'sm')}
          >
            Escalate
          </button>
        </>
      )}
      {open === 'intercept' && needsIntercept(fix) && (
        <EscalateInterceptDialog
          sessionId={session.id}
          fix={fix}
          onClose={close}
          onContinue={() => setOpen('escalation_package')}
          returnFocusRef={escalateRef}
        />
      )}
      {(open === 'resolution_note' || open === 'escalation_package') && (
        <ClosingPreviewDialog
          key={open}
          session={session}
          kind={open}
          onClose={close}
          onPosted={posted}
          returnFocusRef={open === 'resolution_note' ? resolveRef : escalateRef}
        />
      )}
    </>
  );
}
