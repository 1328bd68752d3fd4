/*
 * The Monaco editor, from the installed package only (no CDN: the CSP allows none), reduced to
 * the core API and the three script languages FlowPilot drafts. This module is heavy; it is only
 * ever imported dynamically, through code-editor.tsx, so no page pays for it until an editor
 * is shown.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
// The editing features an engineer reaches for in a short script, and nothing more (each one
// costs download): Find (Ctrl+F), toggle comment, bracket matching, line and word operations,
// indentation, the read-only hint, and Ctrl+M to release Tab for keyboard navigation.
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/languages/definitions/powershell/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/python/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

// The editor worker (diffs, word suggestions) is bundled as a same-origin file: `worker-src 'self'`.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export const FLOWPILOT_THEME = 'flowpilot-dark';

// The app's zinc surfaces and sky accent (styles.css), so the editor reads as part of the page.
monaco.editor.defineTheme(FLOWPILOT_THEME, {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'comment', foreground: '71717a', fontStyle: 'italic' },
    { token: 'keyword', foreground: '7dd3fc' },
    { token: 'string', foreground: 'a7f3d0' },
    { token: 'number', foreground: 'fcd34d' },
    { token: 'variable', foreground: 'c4b5fd' },
  ],
  colors: {
    'editor.background': '#09090b',
    'editor.foreground': '#e4e4e7',
    'editorLineNumber.foreground': '#52525b',
    'editorLineNumber.activeForeground': '#a1a1aa',
    'editor.lineHighlightBackground': '#18181b',
    'editor.lineHighlightBorder': '#00000000',
    'editor.selectionBackground': '#0ea5e94d',
    'editor.inactiveSelectionBackground': '#0ea5e926',
    'editorCursor.foreground': '#38bdf8',
    'editorIndentGuide.background1': '#27272a',
    'editorWidget.background': '#18181b',
    'editorWidget.border': '#3f3f46',
    'scrollbarSlider.background': '#3f3f4666',
    'scrollbarSlider.hoverBackground': '#52525b99',
    focusBorder: '#38bdf8',
  },
});

export { monaco };
