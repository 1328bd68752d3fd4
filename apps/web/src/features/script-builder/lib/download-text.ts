/**
 * Saves text as a file through a temporary object URL. The script is never run: this only
 * hands the engineer the file to run in their own tools.
 */
export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL asynchronously after the click.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
