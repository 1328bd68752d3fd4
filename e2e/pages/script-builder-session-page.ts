import type { Download, Locator, Page } from '@playwright/test';

export interface TemplateParameterInput {
  name: string;
  label: string;
  /** The text of the script the parameter replaces. */
  replaces: string;
  required?: boolean;
}

/** /script-builder/:id: the builder chat beside the script preview, and Save to library. */
export class ScriptBuilderSessionPage {
  readonly title: Locator;
  readonly conversation: Locator;
  readonly message: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly preview: Locator;
  readonly editButton: Locator;
  readonly doneButton: Locator;
  readonly copyButton: Locator;
  readonly downloadButton: Locator;
  readonly saveToLibraryButton: Locator;
  readonly saveDialog: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole('heading', { level: 1 });
    this.conversation = page.getByRole('region', { name: 'Script Builder conversation' });
    this.message = page.getByRole('textbox', { name: 'Message', exact: true });
    this.sendButton = page.getByRole('button', { name: 'Send', exact: true });
    this.stopButton = page.getByRole('button', { name: 'Stop', exact: true });
    this.preview = page.getByRole('region', { name: 'Script preview' });
    this.editButton = this.preview.getByRole('button', { name: 'Edit', exact: true });
    this.doneButton = this.preview.getByRole('button', { name: 'Done', exact: true });
    this.copyButton = this.preview.getByRole('button', { name: 'Copy', exact: true });
    this.downloadButton = this.preview.getByRole('button', { name: 'Download', exact: true });
    this.saveToLibraryButton = this.preview.getByRole('button', { name: 'Save to library', exact: true });
    this.saveDialog = page.getByRole('dialog', { name: 'Save to library' });
  }

  async send(text: string): Promise<void> {
    await this.message.fill(text);
    await this.sendButton.click();
  }

  async waitForReplyToFinish(): Promise<void> {
    await this.stopButton.waitFor({ state: 'hidden' });
  }

  async download(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.downloadButton.click()]);
    return download;
  }

  /** Opens Save to library, fills it in, adds the parameters and saves. */
  async saveToLibrary(template: {
    name: string;
    category: string;
    description?: string;
    parameters?: TemplateParameterInput[];
  }): Promise<void> {
    await this.saveToLibraryButton.click();
    const dialog = this.saveDialog;
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(template.name);
    await dialog.getByRole('textbox', { name: 'Category', exact: true }).fill(template.category);
    if (template.description) {
      await dialog.getByRole('textbox', { name: 'Description', exact: true }).fill(template.description);
    }
    for (const [index, parameter] of (template.parameters ?? []).entries()) {
      await dialog.getByRole('button', { name: 'Add parameter' }).click();
      const row = dialog.getByRole('group', { name: new RegExp(`^Parameter ${index + 1}\\b`) });
      await row.getByRole('textbox', { name: 'Parameter name', exact: true }).fill(parameter.name);
      await row.getByRole('textbox', { name: 'Label', exact: true }).fill(parameter.label);
      await row.getByRole('textbox', { name: 'Replaces in script', exact: true }).fill(parameter.replaces);
      await row.getByRole('checkbox', { name: 'Required' }).setChecked(parameter.required ?? false);
    }
    await dialog.getByRole('button', { name: 'Save to library', exact: true }).click();
  }
}
