export interface CodeEditorProps {
  value: string;
  /** Every edit, with the whole text. */
  onChange?: (value: string) => void;
  language: 'powershell' | 'bash' | 'python' | 'plaintext';
  /** Read-only still lets the engineer select and copy (e.g. to mark a parameter). */
  readOnly?: boolean;
  /** The accessible name of the editor's text area. */
  label: string;
  /** The selected text whenever the selection changes ('' when nothing is selected). */
  onSelectionChange?: (text: string) => void;
  className?: string;
  autoFocus?: boolean;
}
