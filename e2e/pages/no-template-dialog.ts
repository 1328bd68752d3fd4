import type { Locator, Page } from '@playwright/test';

/** The chat-region dialog Apply opens for a fix with a drafted script and no template. */
export class NoTemplateDialog {
  readonly dialog: Locator;
  readonly script: Locator;
  readonly copy: Locator;
  readonly runNowNoTemplate: Locator;
  readonly runNowTemplatizeAfter: Locator;
  readonly buildReusableTemplate: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Run the drafted script' });
    this.script = this.dialog.locator('pre code');
    this.copy = this.dialog.getByRole('button', { name: 'Copy', exact: true });
    const card = (name: string) => this.dialog.getByRole('button', { name, exact: true });
    this.runNowNoTemplate = card('Run now, no template');
    this.runNowTemplatizeAfter = card('Run now, templatize after');
    this.buildReusableTemplate = card('Build a reusable template');
  }
}
