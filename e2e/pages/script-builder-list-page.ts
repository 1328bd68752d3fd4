import type { Locator, Page } from '@playwright/test';

export type ScriptLanguageLabel = 'PowerShell' | 'Bash' | 'Python';

/** /script-builder: the engineer's standalone builder sessions, the cap and New script. */
export class ScriptBuilderListPage {
  readonly newScriptButton: Locator;
  readonly sessions: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.newScriptButton = page.getByRole('button', { name: 'New script', exact: true });
    this.sessions = page.getByRole('list', { name: 'Script builder sessions' });
    this.alert = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/script-builder');
  }

  language(label: ScriptLanguageLabel): Locator {
    return this.page
      .getByRole('radiogroup', { name: 'Language' })
      .getByRole('radio', { name: label, exact: true });
  }

  /** "3 of 5 open". */
  cap(count: number, cap = 5): Locator {
    return this.page.getByText(`${count} of ${cap} open`, { exact: true });
  }

  async newScript(language: ScriptLanguageLabel = 'PowerShell'): Promise<void> {
    // The radios are drawn as a segmented control: the visible part is the label.
    await this.page
      .getByRole('radiogroup', { name: 'Language' })
      .getByText(language, { exact: true })
      .click();
    await this.language(language).waitFor({ state: 'attached' });
    await this.newScriptButton.click();
  }

  /** Deletes the first listed session (Delete, then confirm). */
  async deleteFirst(): Promise<void> {
    const row = this.sessions.getByRole('listitem').first();
    await row.getByRole('button', { name: /^Delete / }).click();
    await row.getByRole('button', { name: /^Confirm delete / }).click();
  }
}
