/**
 * The session-context builder renders an attachment as a `**Attachment:** name (type)` line and
 * its text in a fence (render-session-state.ts). A log file's text is pasted output and is read
 * as such. A screenshot's text is what the engineer showed instead of typing it — the words of an
 * error dialog — so the engine reads it as their own words: an error code or "Access is denied"
 * in a screenshot counts exactly like the same text typed (SPEC §7.2).
 */
const screenshotHeader = /^\*\*Attachment:\*\* .{1,255} \(image\/[a-z0-9.+-]{1,40}\)$/;
const fenceOpen = /^(`{3,})text$/;

/** `content` with each screenshot's fenced text unfenced in place (its header line dropped). */
export function unfenceScreenshotText(content: string): string {
  if (!content.includes('**Attachment:**')) return content;
  const lines = content.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!screenshotHeader.test(line)) {
      out.push(line);
      continue;
    }
    // The header, a blank line, then the fence (absent while the text was not read yet).
    const open = fenceOpen.exec(lines[index + 2] ?? '');
    if (lines[index + 1] !== '' || !open) continue;
    const close = lines.indexOf(open[1]!, index + 3);
    if (close === -1) {
      out.push(line);
      continue;
    }
    out.push(...lines.slice(index + 3, close));
    index = close;
  }
  return out.join('\n');
}
