import { useCallback, useId, useState, type HTMLAttributes } from 'react';
import { cn } from '../../../lib/cn';
import { chatPanelId, chatTabId, type ChatTab, type ChatTabStripProps } from '../components/chat-tab-strip';
import type { ScriptBuilderTabProps } from '../components/script-builder-tab';
import type { FixActionResponse, SuggestedFix } from '../types';

const TERMINAL = new Set<SuggestedFix['status']>(['applied_success', 'applied_failed', 'dismissed']);

/**
 * The strip shows while the active fix still needs a script: not dismissed or finished, and
 * neither a library template nor a drafted script attached (SPEC §5).
 */
export const fixNeedsScript = (fix: SuggestedFix | null | undefined): fix is SuggestedFix =>
  Boolean(
    fix &&
    !fix.superseded_at &&
    !TERMINAL.has(fix.status) &&
    !fix.script_template_id &&
    !fix.ai_drafted_script,
  );

type PanelProps = HTMLAttributes<HTMLDivElement> & { inert?: boolean };

/**
 * The pilot page's tab state for Chat / Script Builder, with the props for the strip, the two
 * panels and ScriptBuilderTab. Both panels stay mounted and share one grid cell; the hidden one
 * is `invisible` and `inert`, not `display: none`, so the chat keeps its scroll position and
 * the builder its conversation and editor buffer while the other tab is shown.
 *
 * When the strip hides (the fix got a script, or was dismissed/finished) Chat is shown, without
 * an effect: the shown tab is derived from the fix on every render.
 */
export function useScriptBuilderTab(aiSessionId: string, fix: SuggestedFix | null | undefined) {
  const idPrefix = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const [selected, setSelected] = useState<ChatTab>('chat');
  const [hasProgress, setHasProgress] = useState(false);
  const showStrip = fixNeedsScript(fix);
  const active: ChatTab = showStrip ? selected : 'chat';

  /** Banner Apply with neither template nor draft: go straight to the builder. */
  const openScriptBuilder = useCallback(() => setSelected('script_builder'), []);
  const onSubmitted = useCallback((_result: FixActionResponse) => {
    setSelected('chat');
    setHasProgress(false);
  }, []);

  const panel = (tab: ChatTab): PanelProps => ({
    id: chatPanelId(idPrefix, tab),
    role: showStrip ? 'tabpanel' : undefined,
    'aria-labelledby': showStrip ? chatTabId(idPrefix, tab) : undefined,
    inert: active !== tab,
    className: cn(
      'col-start-1 row-start-1 flex min-h-0 min-w-0 flex-col gap-3',
      active !== tab && 'invisible',
    ),
  });

  const stripProps: ChatTabStripProps = {
    active,
    onChange: setSelected,
    scriptBuilderHasProgress: hasProgress,
    idPrefix,
  };

  const tabProps: ScriptBuilderTabProps | null = showStrip
    ? {
        aiSessionId,
        fix: {
          id: fix.id,
          title: fix.title,
          description: fix.description,
          script_language: fix.script_language,
        },
        isActive: active === 'script_builder',
        onProgressChange: setHasProgress,
        onSubmitted,
      }
    : null;

  return {
    showStrip,
    activeTab: active,
    openScriptBuilder,
    stripProps,
    /** The wrapper of both panels: one grid cell they share. */
    panelsClassName: 'grid min-h-0 flex-1 grid-cols-1 grid-rows-1',
    chatPanelProps: panel('chat'),
    /** Null while the strip is hidden: the builder panel is not rendered then. */
    builderPanelProps: showStrip ? panel('script_builder') : null,
    tabProps,
  };
}
