import { expect, test } from '@playwright/test';
import { newTestAccount, signUpViaApi } from './fixtures/accounts';
import { AppShell } from './pages/app-shell';
import { LoginPage } from './pages/login-page';
import { SignupPage } from './pages/signup-page';

test('a new engineer signs up, signs out and signs back in', async ({ page }) => {
  const account = newTestAccount('owner');
  const signup = new SignupPage(page);
  const shell = new AppShell(page);
  const login = new LoginPage(page);

  await signup.goto();
  await signup.createAccount(account);

  await expect(page).toHaveURL(/\/pilot$/);
  await expect(shell.heading('Pilot sessions')).toBeVisible();
  await expect(shell.sidebar).toContainText(account.name);
  await expect(shell.sidebar).toContainText(account.accountName);
  await expect(shell.sidebar).toContainText(/Assistant: offline engine/);

  await shell.signOut();
  await expect(page).toHaveURL(/\/login$/);

  await login.signIn(account.email, account.password);
  await expect(page).toHaveURL(/\/pilot$/);
  await expect(shell.heading('Pilot sessions')).toBeVisible();

  // The cookie session survives a reload, and the shell navigates between sections.
  await page.reload();
  await shell.goTo('Settings');
  await expect(shell.heading('Settings')).toBeVisible();
  await expect(page.getByRole('cell', { name: account.email })).toBeVisible();
});

test('a wrong password shows an error and keeps the user on the sign-in page', async ({ page, request }) => {
  const account = newTestAccount('engineer');
  await signUpViaApi(request, account);
  const login = new LoginPage(page);

  await login.goto();
  await login.signIn(account.email, `${account.password}-wrong`);

  await expect(login.error).toBeVisible();
  await expect(login.error).not.toBeEmpty();
  await expect(page).toHaveURL(/\/login$/);
  await expect(login.password).toBeVisible();
});

test('a signed-out visit to /settings goes to sign-in, then back to settings', async ({ page, request }) => {
  const account = newTestAccount('visitor');
  await signUpViaApi(request, account);
  const login = new LoginPage(page);
  const shell = new AppShell(page);

  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);

  await login.signIn(account.email, account.password);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(shell.heading('Settings')).toBeVisible();
});
