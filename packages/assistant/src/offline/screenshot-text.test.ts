import { describe, expect, it } from 'vitest';
import { renderAttachments } from '../session-context/render-session-state.ts';
import { unfenceScreenshotText } from './screenshot-text.ts';
import { readSessionEvidence } from './session-evidence.ts';

const dialog =
  'Windows Update\nThere were some problems installing updates.\nError code: 0x80070005 (Access is denied)';

describe('screenshot text reads like typed text', () => {
  it('unfences a screenshot’s text and leaves a log file’s fenced', () => {
    const rendered = renderAttachments(
      [
        { name: 'dialog.png', mediaType: 'image/png', extractedText: dialog },
        { name: 'spooler.log', mediaType: 'text/plain; charset=utf-8', extractedText: 'Event 7031' },
      ],
      (text) => text,
    )!;
    const message = `Here it is\n\n${rendered}`;
    const unfenced = unfenceScreenshotText(message);
    expect(unfenced).toContain(`Here it is\n\n${dialog}\n`);
    expect(unfenced).not.toContain('dialog.png');
    expect(unfenced).toContain(
      '**Attachment:** spooler.log (text/plain; charset=utf-8)\n\n```text\nEvent 7031\n```',
    );
  });

  it('gives the engine the same evidence as the dialog typed out', () => {
    const shown = readSessionEvidence([
      `Updates fail on her laptop\n\n${renderAttachments([{ name: 'Screenshot 1.png', mediaType: 'image/png', extractedText: dialog }], (text) => text)!}`,
    ]);
    const typed = readSessionEvidence([`Updates fail on her laptop\n\n${dialog}`]);
    expect(shown.retrievalText).toBe(typed.retrievalText);
    expect([...shown.signals.keys()]).toEqual([...typed.signals.keys()]);
    expect(shown.signals.has('code:0x80070005')).toBe(true);
  });

  it('leaves a screenshot with no text yet, and text that only looks like a header, alone', () => {
    const pending = '**Attachment:** dialog.png (image/png) (no text extracted yet)';
    expect(unfenceScreenshotText(pending)).toBe(pending);
    const unclosed = '**Attachment:** a.png (image/png)\n\n```text\nno closing fence';
    expect(unfenceScreenshotText(unclosed)).toBe(unclosed);
  });
});
