import type { Locator, Page } from '@playwright/test';

type Kind = 'Resolution note' | 'Escalation package';

/** Resolve / Escalate: the generated note or package, editable, with copy, download and post. */
export class ClosingPreviewDialog {
  readonly dialog: Locator;
  readonly markdown: Locator;
  readonly editTab: Locator;
  readonly previewTab: Locator;
  readonly rendered: Locator;
  readonly copy: Locator;
  readonly download: Locator;
  readonly cancel: Locator;
  readonly post: Locator;

  constructor(
    readonly page: Page,
    kind: Kind,
  ) {
    this.dialog = page.getByRole('dialog', { name: kind });
    this.markdown = this.dialog.getByRole('textbox', { name: 'Markdown' });
    this.editTab = this.dialog.getByRole('tab', { name: 'Edit' });
    this.previewTab = this.dialog.getByRole('tab', { name: 'Preview' });
    this.rendered = this.dialog.getByRole('tabpanel', { name: 'Preview' });
    this.copy = this.dialog.getByRole('button', { name: 'Copy', exact: true });
    this.download = this.dialog.getByRole('button', { name: 'Download .md', exact: true });
    this.cancel = this.dialog.getByRole('button', { name: 'Cancel', exact: true });
    this.post = this.dialog.getByRole('button', {
      name: kind === 'Resolution note' ? 'Post resolution note' : 'Post escalation package',
      exact: true,
    });
  }
}
