import type { Locator, Page } from '@playwright/test';
import type { TestAccount } from '../fixtures/accounts';

export class SignupPage {
  readonly name: Locator;
  readonly email: Locator;
  readonly accountName: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel('Name', { exact: true });
    this.email = page.getByLabel('Email', { exact: true });
    this.accountName = page.getByLabel('Account name', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('button', { name: 'Create account', exact: true });
    this.error = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/signup');
  }

  async createAccount(account: TestAccount): Promise<void> {
    await this.name.fill(account.name);
    await this.email.fill(account.email);
    await this.accountName.fill(account.accountName);
    await this.password.fill(account.password);
    await this.submit.click();
  }
}
