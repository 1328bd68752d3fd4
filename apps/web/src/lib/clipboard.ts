/**
 * Copies text to the clipboard. The async Clipboard API needs a secure context, and FlowPilot
 * is often reached over plain HTTP on a LAN, so the old selection-based copy is the fallback.
 */
export async function copyText(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const textarea = document.createElement('textarea');
  textarea.value = text;
  textarea.setAttribute('readonly', '');
  textarea.style.position = 'fixed';
  textarea.style.opacity = '0';
  const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.append(textarea);
  textarea.select();
  try {
    if (!document.execCommand('copy')) throw new Error('Copying is not available in this browser.');
  } finally {
    textarea.remove();
    previousFocus?.focus();
  }
}
