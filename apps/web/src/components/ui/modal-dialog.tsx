import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { cn } from '../../lib/cn';
import { IconClose } from './icons';

interface ModalDialogProps {
  /** Id of the element that names the dialog (its heading). */
  labelledBy: string;
  describedBy?: string | undefined;
  /** Escape (or the browser closing the dialog) asks to close; the caller unmounts it. */
  onClose: () => void;
  /** While true (e.g. a post in flight), Escape does nothing. */
  isLocked?: boolean;
  /** Focused on open; else the element marked `data-autofocus`; else the first focusable one. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Focused again on close when still on the page (the button that opened the dialog). */
  returnFocusRef?: RefObject<HTMLElement | null>;
  className?: string;
  children: ReactNode;
}

const focusableSelector = [
  'a[href]',
  'button:not([disabled])',
  'textarea:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(focusableSelector)].filter(
    (element) => !element.closest('[hidden]') && element.getClientRects().length > 0,
  );
}

/**
 * A modal dialog on the native `<dialog>` (top layer, inert page behind it, a real backdrop),
 * with the focus management a modal owes: focus moves in, Tab cycles inside, Escape closes,
 * and focus goes back to the opener. Mounted = open.
 */
export function ModalDialog({
  labelledBy,
  describedBy,
  onClose,
  isLocked = false,
  initialFocusRef,
  returnFocusRef,
  className,
  children,
}: ModalDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const isUnmountingRef = useRef(false);
  // Read in handlers and the unmount cleanup; refs keep them current without re-running effects.
  const latest = useRef({ onClose, isLocked, returnFocusRef, initialFocusRef });
  useEffect(() => {
    latest.current = { onClose, isLocked, returnFocusRef, initialFocusRef };
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    isUnmountingRef.current = false;
    if (!dialog.open) dialog.showModal();
    const initial =
      latest.current.initialFocusRef?.current ??
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      focusablesIn(dialog)[0];
    initial?.focus();
    return () => {
      isUnmountingRef.current = true;
      if (dialog.open) dialog.close();
      const target = latest.current.returnFocusRef?.current ?? opener;
      if (target?.isConnected) target.focus();
    };
  }, []);

  const requestClose = () => {
    if (!latest.current.isLocked) latest.current.onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        // Escape: the component decides (and may refuse while locked); the browser must not close it.
        event.preventDefault();
        requestClose();
      }}
      onClose={() => {
        // The browser closed it anyway (e.g. a repeated Escape): follow, so state matches the screen.
        if (!isUnmountingRef.current && dialogRef.current && !dialogRef.current.open)
          latest.current.onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          requestClose();
          return;
        }
        if (event.key !== 'Tab' || !dialogRef.current) return;
        const focusables = focusablesIn(dialogRef.current);
        const first = focusables[0];
        const last = focusables.at(-1);
        if (!first || !last) return event.preventDefault();
        if (
          event.shiftKey &&
          (document.activeElement === first || document.activeElement === dialogRef.current)
        ) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
      className={cn(
        'm-auto max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] overflow-hidden rounded-xl border-0 bg-zinc-900 p-0 text-zinc-200',
        'shadow-2xl shadow-black ring-1 ring-zinc-700/80 backdrop:bg-black/65 backdrop:backdrop-blur-[1px]',
        className,
      )}
    >
      {children}
    </dialog>
  );
}

/**
 * A modal with its title, an optional description and a close button in a header; the body
 * scrolls below it. For dialogs whose heading is not part of their own layout.
 */
export function TitledDialog({
  title,
  description,
  onClose,
  className,
  children,
}: {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={description ? descriptionId : undefined}
      onClose={onClose}
      className={className}
    >
      <div className="flex max-h-[calc(100dvh-2rem)] flex-col">
        <div className="flex items-start justify-between gap-4 border-b border-zinc-800 px-5 py-4">
          <div className="min-w-0">
            <h2 id={titleId} className="text-base font-semibold text-zinc-50">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="mt-0.5 text-[13px] text-zinc-400">
                {description}
              </p>
            )}
          </div>
          <button
            type="button"
            onClick={onClose}
            className="grid size-8 shrink-0 place-items-center rounded-md text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
          >
            <IconClose className="size-4" />
            <span className="sr-only">Close</span>
          </button>
        </div>
        {children}
      </div>
    </ModalDialog>
  );
}
