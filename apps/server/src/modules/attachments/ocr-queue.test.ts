import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { OcrQueue, OcrQueueFullError, OcrTimeoutError } from './ocr-queue.ts';

const errorDialog = readFileSync(new URL('../../../test/fixtures/error-dialog.png', import.meta.url));
/** A bordered grid, as a services or event-log screenshot is (rendered by Chromium). */
const servicesTable = readFileSync(new URL('../../../test/fixtures/services-table.png', import.meta.url));

describe('OcrQueue (real tesseract.js worker, bundled English data)', () => {
  let queue: OcrQueue | undefined;
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
  });

  it('refuses an image at once when the queue is full, instead of queueing it forever', async () => {
    queue = new OcrQueue({ maxQueued: 1, timeoutMs: 30_000 });
    const first = queue.recognize(errorDialog);
    await expect(queue.recognize(errorDialog)).rejects.toBeInstanceOf(OcrQueueFullError);
    expect(await first).toMatch(/0x80070005/);
    // The slot is free again once the first image is read (its bookkeeping settles a tick later).
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.pending).toBe(0);
    await expect(queue.recognize(errorDialog)).resolves.toMatch(/0x80070005/);
  });

  it('fails an image that runs past its budget, then replaces the worker so the next image is read', async () => {
    // The options object is the queue's own: lowering and raising the budget between images
    // stands in for one slow image followed by a normal one.
    const options = { maxQueued: 4, timeoutMs: 1 };
    queue = new OcrQueue(options);
    await expect(queue.recognize(errorDialog)).rejects.toBeInstanceOf(OcrTimeoutError);
    options.timeoutMs = 30_000;
    await expect(queue.recognize(errorDialog)).resolves.toMatch(/0x80070005/);
  });

  it('reads every row of a bordered table, each row on its own line', async () => {
    queue = new OcrQueue();
    const lines = (await queue.recognize(servicesTable)).split('\n');
    const row = (computer: string) => lines.find((line) => line.includes(computer)) ?? '';
    expect(row('OFFICE-WS02')).toMatch(/Spooler.*Stopped/);
    expect(row('OFFICE-WS04')).toMatch(/Spooler.*Stopped/);
    expect(row('OFFICE-WS06')).toMatch(/Spooler.*Running/);
  });

  it('refuses new images once shut down', async () => {
    queue = new OcrQueue();
    await queue.close();
    await expect(queue.recognize(errorDialog)).rejects.toThrow(/shut down/);
  });
});
