import type { Locator, Page } from '@playwright/test';

/** The task-lane panel Apply opens for a fix with a library template. */
export class TemplateMatchPanel {
  readonly panel: Locator;
  readonly editParameters: Locator;
  readonly generate: Locator;
  readonly copy: Locator;
  readonly iRanThis: Locator;
  readonly script: Locator;
  readonly close: Locator;

  constructor(readonly page: Page) {
    this.panel = page
      .getByRole('complementary', { name: 'Task lane' })
      .getByRole('region', { name: 'Run with a template' });
    this.editParameters = this.panel.getByRole('button', { name: /^Edit parameters/ });
    this.generate = this.panel.getByRole('button', { name: 'Generate', exact: true });
    this.copy = this.panel.getByRole('button', { name: 'Copy', exact: true });
    this.iRanThis = this.panel.getByRole('button', { name: 'I ran this', exact: true });
    this.script = this.panel.locator('pre code');
    this.close = this.panel.getByRole('button', { name: 'Close template panel' });
  }

  parameter(label: string): Locator {
    return this.panel.getByLabel(label, { exact: true });
  }
}
