import { createRequire } from 'node:module';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';

const require = createRequire(import.meta.url);
/** The English model ships in an npm package; nothing is downloaded at run time. */
const englishData = require('@tesseract.js-data/eng') as { langPath: string; gzip: boolean };

export interface OcrOptions {
  /** Images waiting beyond this are refused at once (their extraction fails) rather than queued forever. */
  maxQueued: number;
  /** One image's budget; past it the worker is replaced and the image's extraction fails. */
  timeoutMs: number;
}

export class OcrQueueFullError extends Error {}
export class OcrTimeoutError extends Error {}

/**
 * Reads text from images with tesseract.js. Recognition runs in tesseract's own worker thread,
 * so the event loop stays free; one worker, images one at a time (the machine has few cores,
 * and a second worker would halve each image's speed), a bounded queue and a timeout.
 */
export class OcrQueue {
  private worker: Promise<Worker> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private closed = false;

  constructor(private readonly options: OcrOptions = { maxQueued: 32, timeoutMs: 30_000 }) {}

  get pending() {
    return this.queued;
  }

  recognize(image: Uint8Array): Promise<string> {
    if (this.closed) return Promise.reject(new Error('The text reader has shut down.'));
    if (this.queued >= this.options.maxQueued) {
      return Promise.reject(new OcrQueueFullError('Too many images are waiting to be read.'));
    }
    this.queued++;
    const run = this.tail.then(() => this.recognizeNow(image));
    this.tail = run.catch(() => undefined).finally(() => this.queued--);
    return run;
  }

  async close() {
    this.closed = true;
    await this.tail.catch(() => undefined);
    await this.terminate();
  }

  private async recognizeNow(image: Uint8Array): Promise<string> {
    const worker = await this.getWorker();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new OcrTimeoutError('Reading the image took too long.')),
        this.options.timeoutMs,
      );
    });
    try {
      const result = await Promise.race([worker.recognize(Buffer.from(image)), timeout]);
      return result.data.text.trim();
    } catch (error) {
      // A timed-out or crashed worker may still be busy: replace it for the next image.
      await this.terminate();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private getWorker(): Promise<Worker> {
    this.worker ??= createWorker('eng', OEM.LSTM_ONLY, {
      langPath: englishData.langPath,
      gzip: englishData.gzip,
      cacheMethod: 'none',
    }).then(async (worker) => {
      // tesseract.js reads one uniform block by default, which stops at a grid's borders: a
      // services or event-log screenshot came back as its title alone. A single column of
      // variable-size text reads each table row as one line ("OFFICE-WS02 | Print Spooler |
      // Stopped"), which is also how pasted output is recognised.
      await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_COLUMN });
      return worker;
    });
    return this.worker;
  }

  private async terminate() {
    const worker = this.worker;
    this.worker = null;
    if (worker) await (await worker.catch(() => null))?.terminate();
  }
}
