/**
 * ChatTabStrip — `[Chat] [Script Builder ●]` above the pilot page's chat column.
 *
 * How the pilot page mounts it (see `useScriptBuilderTab` in ../hooks/use-script-builder-tab.ts,
 * which returns every prop below):
 *
 *   const builder = useScriptBuilderTab(sessionId, fix);
 *   {builder.showStrip && <ChatTabStrip {...builder.stripProps} />}
 *   <div className={builder.panelsClassName}>
 *     <div {...builder.chatPanelProps}>…transcript, banner, composer…</div>
 *     {builder.builderPanelProps && (
 *       <div {...builder.builderPanelProps}><ScriptBuilderTab {...builder.tabProps} /></div>
 *     )}
 *   </div>
 *
 * The strip only renders what it is given; whether it shows at all is the page's decision.
 */
import { useId, useRef, type KeyboardEvent } from 'react';
import { cn } from '../../../lib/cn';

export type ChatTab = 'chat' | 'script_builder';

export interface ChatTabStripProps {
  active: ChatTab;
  onChange: (tab: ChatTab) => void;
  /** Shows the dot (`aria-label="unsaved progress"`) on the Script Builder tab. */
  scriptBuilderHasProgress?: boolean;
  /** Element ids: each tab is `${idPrefix}-tab-<tab>`, and controls `${idPrefix}-panel-<tab>`. */
  idPrefix: string;
  className?: string;
}

const tabs: { value: ChatTab; label: string }[] = [
  { value: 'chat', label: 'Chat' },
  { value: 'script_builder', label: 'Script Builder' },
];

export const chatTabId = (idPrefix: string, tab: ChatTab) => `${idPrefix}-tab-${tab}`;
export const chatPanelId = (idPrefix: string, tab: ChatTab) => `${idPrefix}-panel-${tab}`;

/**
 * An ARIA tab strip with automatic activation: Left/Right (and Home/End) move to a tab and
 * show it; only the selected tab is in the Tab order.
 */
export function ChatTabStrip({
  active,
  onChange,
  scriptBuilderHasProgress = false,
  idPrefix,
  className,
}: ChatTabStripProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const dotId = useId();

  const select = (index: number) => {
    const next = tabs[(index + tabs.length) % tabs.length];
    if (!next) return;
    onChange(next.value);
    listRef.current
      ?.querySelector<HTMLButtonElement>(`#${CSS.escape(chatTabId(idPrefix, next.value))}`)
      ?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = tabs.findIndex((tab) => tab.value === active);
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  return (
    <div
      ref={listRef}
      role="tablist"
      aria-label="Chat or Script Builder"
      onKeyDown={onKeyDown}
      className={cn('flex shrink-0 items-end gap-1 border-b border-zinc-800', className)}
    >
      {tabs.map((tab) => {
        const isActive = tab.value === active;
        const showDot = tab.value === 'script_builder' && scriptBuilderHasProgress;
        const labelId = `${chatTabId(idPrefix, tab.value)}-label`;
        return (
          <button
            key={tab.value}
            id={chatTabId(idPrefix, tab.value)}
            type="button"
            role="tab"
            aria-selected={isActive}
            aria-controls={chatPanelId(idPrefix, tab.value)}
            // The name stays "Script Builder" with or without the dot; the dot describes it.
            aria-labelledby={labelId}
            aria-describedby={showDot ? dotId : undefined}
            tabIndex={isActive ? 0 : -1}
            onClick={() => onChange(tab.value)}
            className={cn(
              '-mb-px inline-flex h-9 items-center gap-2 rounded-t-md border-b-2 px-3 text-[13px] font-medium transition-colors',
              'focus-visible:outline-offset-[-2px]',
              isActive
                ? 'border-sky-400 text-zinc-50'
                : 'border-transparent text-zinc-400 hover:bg-zinc-900 hover:text-zinc-100',
            )}
          >
            <span id={labelId}>{tab.label}</span>
            {showDot && (
              <span
                id={dotId}
                role="img"
                aria-label="unsaved progress"
                title="Unsubmitted work in the Script Builder"
                className="inline-block size-1.5 rounded-full bg-amber-400"
              />
            )}
          </button>
        );
      })}
    </div>
  );
}
