import type { Locator, Page } from '@playwright/test';

/** A file as the test hands it to the page: bytes, name and declared type. */
export interface TestFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/**
 * The attachment pieces of the pilot pages: the tray of files waiting to go (in the intake form
 * and the composer) and the files shown under a message.
 */
export class AttachmentsArea {
  /** Files waiting to be sent, with their state and a Remove button each. */
  readonly tray: Locator;

  constructor(readonly page: Page) {
    this.tray = page.getByRole('list', { name: 'Files to send' });
  }

  trayItem(name: string | RegExp): Locator {
    return this.tray.getByRole('listitem').filter({ hasText: name });
  }

  removeButton(name: string): Locator {
    return this.tray.getByRole('button', { name: `Remove ${name}` });
  }

  /** Picks files with the Attach button's file input, as the file chooser would. */
  async pick(files: TestFile[]): Promise<void> {
    await this.page
      .locator('input[type="file"]')
      .setInputFiles(files.map((file) => ({ name: file.name, mimeType: file.type, buffer: file.bytes })));
  }

  /**
   * Pastes files into a text box the way ⌘/Ctrl+V of a screenshot does: a `paste` event whose
   * clipboard holds the file (Chromium has no test hook into the real clipboard for images).
   */
  async paste(target: Locator, files: TestFile[]): Promise<void> {
    await target.focus();
    await target.evaluate(
      (element, payload) => {
        const data = new DataTransfer();
        for (const file of payload) {
          const bytes = Uint8Array.from(atob(file.base64), (character) => character.charCodeAt(0));
          data.items.add(new File([bytes], file.name, { type: file.type }));
        }
        element.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      files.map((file) => ({ name: file.name, type: file.type, base64: file.bytes.toString('base64') })),
    );
  }

  /** Drops files onto an element the way dragging them from the desktop does: dragover, then drop. */
  async drop(target: Locator, files: TestFile[]): Promise<void> {
    await target.evaluate(
      (element, payload) => {
        const data = new DataTransfer();
        for (const file of payload) {
          const bytes = Uint8Array.from(atob(file.base64), (character) => character.charCodeAt(0));
          data.items.add(new File([bytes], file.name, { type: file.type }));
        }
        for (const type of ['dragenter', 'dragover', 'drop']) {
          element.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
        }
      },
      files.map((file) => ({ name: file.name, type: file.type, base64: file.bytes.toString('base64') })),
    );
  }

  /** The files shown under a transcript message (or on the intake card). */
  listIn(message: Locator): Locator {
    return message.getByRole('list', { name: 'Attachments' });
  }
}
