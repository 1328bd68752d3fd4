import { useEffect, useRef } from 'react';
import { cn } from '../../lib/cn';
import { FLOWPILOT_THEME, monaco } from './monaco';
import type { CodeEditorProps } from './code-editor-props';

/** Script languages as Monaco names them. */
const monacoLanguages: Record<CodeEditorProps['language'], string> = {
  powershell: 'powershell',
  bash: 'shell',
  python: 'python',
  plaintext: 'plaintext',
};

/**
 * Monaco as a controlled React component: `value` in, `onChange` out. The model is only
 * overwritten when `value` differs from what the editor holds, so typing keeps its cursor and
 * undo history.
 */
export default function MonacoEditor({
  value,
  onChange,
  language,
  readOnly = false,
  label,
  onSelectionChange,
  className,
  autoFocus = false,
}: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const applyingRef = useRef(false);
  // Latest callbacks, read by the editor's listeners without re-creating the editor.
  const onChangeRef = useRef(onChange);
  const onSelectionRef = useRef(onSelectionChange);
  /**
   * Texts the editor itself reported since the last outside update. React renders `value`
   * after the event that produced it, so while the engineer types fast a render can carry an
   * older text than the editor holds; such an echo must not overwrite newer keystrokes.
   */
  const emittedRef = useRef(new Set<string>());
  useEffect(() => {
    onChangeRef.current = onChange;
    onSelectionRef.current = onSelectionChange;
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const editor = monaco.editor.create(host, {
      value,
      language: monacoLanguages[language],
      theme: FLOWPILOT_THEME,
      readOnly,
      readOnlyMessage: { value: 'Read-only. Choose **Edit** to change the script.' },
      ariaLabel: label,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontFamily: "ui-monospace, 'SF Mono', 'Cascadia Code', 'JetBrains Mono', Menlo, Consolas, monospace",
      fontSize: 13,
      lineHeight: 20,
      lineNumbersMinChars: 3,
      padding: { top: 10, bottom: 10 },
      renderLineHighlight: readOnly ? 'none' : 'line',
      tabSize: 4,
      insertSpaces: true,
      wordWrap: 'off',
      fixedOverflowWidgets: true,
      overviewRulerLanes: 0,
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, alwaysConsumeMouseWheel: false },
      // Word-based suggestions from the text itself only add noise to a short script.
      quickSuggestions: false,
      wordBasedSuggestions: 'off',
    });
    editorRef.current = editor;
    if (autoFocus) editor.focus();

    const changes = editor.onDidChangeModelContent((event) => {
      // Our own pushEditOperations below is an outside update, not the engineer's typing.
      if (event.isFlush || applyingRef.current) return;
      const text = editor.getValue();
      const emitted = emittedRef.current;
      emitted.add(text);
      // A stale echo is a few renders behind at most.
      if (emitted.size > 20) emitted.delete(emitted.values().next().value as string);
      onChangeRef.current?.(text);
    });
    const selections = editor.onDidChangeCursorSelection(() => {
      const selection = editor.getSelection();
      const model = editor.getModel();
      onSelectionRef.current?.(selection && model ? model.getValueInRange(selection) : '');
    });
    return () => {
      changes.dispose();
      selections.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
    // Created once per mount; the props below are applied by the effects that follow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || editor.getValue() === value || emittedRef.current.has(value)) return;
    emittedRef.current.clear();
    // An edit operation, not setValue: the engineer can still undo past an update.
    applyingRef.current = true;
    try {
      editor.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
      editor.pushUndoStop();
    } finally {
      applyingRef.current = false;
    }
  }, [value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly, renderLineHighlight: readOnly ? 'none' : 'line' });
    if (!readOnly) editorRef.current?.focus();
  }, [readOnly]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, monacoLanguages[language]);
  }, [language]);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: label });
  }, [label]);

  return <div ref={hostRef} data-testid="code-editor" className={cn('h-full min-h-40 w-full', className)} />;
}
