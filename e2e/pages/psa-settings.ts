import type { Locator, Page } from '@playwright/test';

/** The PSA connection panel of /settings. */
export class PsaSettingsPanel {
  readonly panel: Locator;
  readonly form: Locator;
  readonly status: Locator;
  readonly provider: Locator;
  readonly connect: Locator;
  readonly save: Locator;
  readonly board: Locator;
  readonly resolvedStatus: Locator;
  readonly escalatedStatus: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'PSA connection' });
    this.form = this.panel.getByRole('form', { name: 'PSA connection' });
    this.status = this.panel.getByRole('status', { name: 'PSA connection status' });
    this.provider = this.form.getByRole('combobox', { name: 'PSA', exact: true });
    this.connect = this.form.getByRole('button', { name: 'Connect', exact: true });
    this.save = this.form.getByRole('button', { name: 'Save connection', exact: true });
    this.board = this.form.getByRole('combobox', { name: 'Board', exact: true });
    this.resolvedStatus = this.form.getByRole('combobox', { name: 'Resolved status', exact: true });
    this.escalatedStatus = this.form.getByRole('combobox', { name: 'Escalated status', exact: true });
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/settings');
  }
}
