import type { Locator, Page } from '@playwright/test';

/** The task lane's "What we know": facts, each note and assistant fact editable in place. */
export class WhatWeKnow {
  readonly region: Locator;
  readonly items: Locator;
  readonly addNoteInput: Locator;
  readonly addNoteButton: Locator;
  /** The inline editor of the fact being edited. */
  readonly editor: Locator;
  readonly save: Locator;
  readonly cancel: Locator;

  constructor(readonly page: Page) {
    const lane = page.getByRole('complementary', { name: 'Task lane' });
    this.region = lane.getByRole('region', { name: /^What we know/ });
    this.items = this.region.getByRole('listitem');
    this.addNoteInput = this.region.getByRole('textbox', { name: 'Add a note' });
    this.addNoteButton = this.region.getByRole('button', { name: 'Add note', exact: true });
    this.editor = this.region.getByRole('textbox', { name: 'Edit fact' });
    this.save = this.region.getByRole('button', { name: 'Save', exact: true });
    this.cancel = this.region.getByRole('button', { name: 'Cancel', exact: true });
  }

  item(text: string): Locator {
    return this.items.filter({ hasText: text });
  }

  editButton(text: string): Locator {
    return this.region.getByRole('button', { name: `Edit: ${text}`, exact: true });
  }

  removeButton(text: string): Locator {
    return this.region.getByRole('button', { name: `Remove: ${text}`, exact: true });
  }

  /** The inline "Remove this fact?" confirmation's buttons. */
  get confirmRemove(): Locator {
    return this.region.getByRole('button', { name: 'Remove', exact: true });
  }

  get keep(): Locator {
    return this.region.getByRole('button', { name: 'Keep', exact: true });
  }

  async addNote(text: string): Promise<void> {
    await this.addNoteInput.fill(text);
    await this.addNoteButton.click();
  }
}
