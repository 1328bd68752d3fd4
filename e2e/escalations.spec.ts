import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { newTestAccount, signUpViaApi } from './fixtures/accounts';
import { ClosingPreviewDialog } from './pages/closing-preview-dialog';
import { EscalationsPage } from './pages/escalations-page';
import { LoginPage } from './pages/login-page';
import { PilotListPage } from './pages/pilot-list-page';
import { PilotSessionPage } from './pages/pilot-session-page';

/*
 * The escalation queue (SPEC §7.5), two engineers of one account in two browser contexts:
 * A escalates; B, watching /escalations, sees it arrive without a reload (and the tab title and
 * sidebar badge count it), previews the package, claims it, picks "Continue where they left
 * off", chats with the assistant and resolves. A sees who picked it up. Offline engine.
 */

const VIEWPORT = { width: 1400, height: 900 };
const PROBLEM = 'Mapped drive S: disappears after every reboot on the finance laptops';

async function addEngineer(request: APIRequestContext, label: string) {
  const engineer = newTestAccount(label);
  const response = await request.post('/api/v1/users', {
    headers: { 'x-flowpilot-csrf': '1' },
    data: {
      email: engineer.email,
      name: engineer.name,
      password: engineer.password,
      account_role: 'engineer',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return engineer;
}

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(email, password);
  await expect(page).toHaveURL(/\/pilot$/);
  return page;
}

test('A escalates, B sees it live, claims, continues the chat and resolves; A sees who picked it up', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const ownerApi = await playwright.request.newContext({ baseURL: baseURL! });
  await signUpViaApi(ownerApi, newTestAccount('queue-owner'));
  const alice = await addEngineer(ownerApi, 'alice');
  const bob = await addEngineer(ownerApi, 'bob');

  const pageA = await signedIn(browser, alice.email, alice.password);
  const pageB = await signedIn(browser, bob.email, bob.password);

  // B watches the queue: nothing waiting yet.
  const queue = new EscalationsPage(pageB);
  await queue.navLink.click();
  await expect(pageB).toHaveURL(/\/escalations$/);
  await expect(pageB.getByText('No escalations waiting')).toBeVisible();
  await expect(pageB).toHaveTitle('Escalations · FlowPilot');

  // A opens a session and escalates it.
  const chatA = new PilotSessionPage(pageA);
  await new PilotListPage(pageA).startSession({ description: PROBLEM });
  await expect(chatA.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chatA.waitForReplyToFinish();
  await chatA.escalateButton.click();
  const packageDialog = new ClosingPreviewDialog(pageA, 'Escalation package');
  await expect(packageDialog.markdown).toHaveValue(/# Escalation: /);
  await packageDialog.post.click();
  await expect(chatA.escalateButton).toHaveCount(0);

  // B: it appears without a reload; the tab title and the sidebar badge count it.
  await expect(queue.item(PROBLEM)).toBeVisible();
  await expect(pageB).toHaveTitle('(1) Escalations · FlowPilot');
  await expect(queue.navLink).toHaveAccessibleDescription('1 escalation waiting');
  await expect(queue.item(PROBLEM)).toContainText(/Escalated by E2E alice/);
  await queue.previewButton(PROBLEM).click();
  await expect(queue.item(PROBLEM).getByRole('region', { name: /^Escalation package/ })).toContainText(
    "What we've confirmed",
  );

  // Claim (keyboard): the pickup screen offers the three ways to start.
  await queue.claimButton(PROBLEM).focus();
  await pageB.keyboard.press('Enter');
  await expect(queue.pickup).toBeVisible();
  await expect(pageB.getByRole('heading', { name: /^You picked up/ })).toBeFocused();
  await expect(queue.choice('Get a fresh assessment')).toBeVisible();
  await expect(queue.choice('Take it from there')).toBeVisible();
  await expect(queue.item(PROBLEM)).toContainText('Picked up by you');
  await expect(pageB).toHaveTitle('Escalations · FlowPilot');
  // A, still on the session, sees the pickup without reloading.
  await expect(chatA.conversation).toContainText(/Picked up by E2E bob/);
  await queue.choice('Continue where they left off').click();

  // B works the session: the handoff is in the transcript, the assistant answers, B resolves.
  await expect(pageB).toHaveURL(/\/pilot\/[0-9a-f-]{36}$/);
  const chatB = new PilotSessionPage(pageB);
  await expect(chatB.conversation).toContainText(/Picked up by E2E bob .+ from E2E alice .+\./);
  await chatB.waitForReplyToFinish();
  const replies = await chatB.assistantMessages.count();
  await chatB.send('It only happens on the laptops that use Wi-Fi at boot');
  await expect(chatB.assistantMessages).toHaveCount(replies + 1, { timeout: 20_000 });
  await chatB.waitForReplyToFinish();
  await chatB.resolveButton.click();
  const note = new ClosingPreviewDialog(pageB, 'Resolution note');
  await expect(note.markdown).toHaveValue(/\S/);
  await note.post.click();
  await expect(chatB.resolveButton).toHaveCount(0);

  // A can read the session but not write to it.
  await pageA.reload();
  await expect(chatA.conversation).toContainText(/Picked up by E2E bob/);
  await expect(chatA.message).toHaveCount(0);

  await ownerApi.dispose();
});

test('"Get a fresh assessment": the assistant sums up what is known, tried and likely next', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const ownerApi = await playwright.request.newContext({ baseURL: baseURL! });
  await signUpViaApi(ownerApi, newTestAccount('assess-owner'));
  const alice = await addEngineer(ownerApi, 'alice');
  const bob = await addEngineer(ownerApi, 'bob');

  // A's part through the API: open, note, escalate.
  const aliceApi = await playwright.request.newContext({ baseURL: baseURL! });
  const csrf = { 'x-flowpilot-csrf': '1' };
  expect(
    (
      await aliceApi.post('/api/v1/auth/login', {
        headers: csrf,
        data: { email: alice.email, password: alice.password },
      })
    ).status(),
  ).toBe(200);
  const created = await aliceApi.post('/api/v1/ai-sessions', {
    headers: csrf,
    data: {
      intake_type: 'free_text',
      intake_content: { text: 'Print jobs stuck in the queue for the whole office' },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await (await aliceApi.get(`/api/v1/ai-sessions/${id}/stream`)).text();
  await aliceApi.post(`/api/v1/ai-sessions/${id}/facts`, {
    headers: csrf,
    data: { text: 'Restarting the spooler clears it for ten minutes' },
  });
  expect(
    (
      await aliceApi.post(`/api/v1/ai-sessions/${id}/escalation-package/post`, { headers: csrf, data: {} })
    ).status(),
  ).toBe(200);

  const pageB = await signedIn(browser, bob.email, bob.password);
  const queue = new EscalationsPage(pageB);
  await queue.goto();
  await queue.claimButton(/Print jobs stuck/).click();
  await queue.choice('Get a fresh assessment').click();
  await expect(pageB).toHaveURL(new RegExp(`/pilot/${id}$`));
  const chat = new PilotSessionPage(pageB);
  await expect(chat.conversation).toContainText('Give me a fresh assessment');
  await expect(chat.assistantMessages.last()).toContainText('Here is where things stand', {
    timeout: 20_000,
  });
  await expect(chat.assistantMessages.last()).toContainText(
    'Restarting the spooler clears it for ten minutes',
  );
  await expect(chat.assistantMessages.last()).toContainText('Likely next');

  await aliceApi.dispose();
  await ownerApi.dispose();
});
