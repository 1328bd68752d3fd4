import { expect, test, type Page } from '@playwright/test';
import { newTestAccount } from './fixtures/accounts';
import { sessionIdOf, signUp } from './fixtures/pilot';
import { FixBanner } from './pages/fix-banner';
import { PilotListPage } from './pages/pilot-list-page';
import { PilotSessionPage } from './pages/pilot-session-page';
import { SignupPage } from './pages/signup-page';
import { WhatWeKnow } from './pages/what-we-know';

/*
 * Driven against the offline engine, which is deterministic: the answers below are the ones
 * its Outlook playbook understands (see packages/assistant/src/offline).
 */

test('an engineer works an Outlook password problem until a fix is proposed', async ({ page }) => {
  const signup = new SignupPage(page);
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);

  await signup.goto();
  await signup.createAccount(newTestAccount('pilot'));
  await expect(page).toHaveURL(/\/pilot$/);

  // A vague ticket: the assistant asks before it proposes anything.
  await list.startSession({ description: 'Outlook keeps showing a sign-in window' });
  await expect(page).toHaveURL(/\/pilot\/[0-9a-f-]{36}$/);
  await expect(chat.resolveButton).toBeVisible();
  await expect(chat.escalateButton).toBeVisible();

  // The first reply streams in on its own (resumed from GET …/stream) and asks questions.
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  await expect(chat.questions.getByRole('listitem').first()).toBeVisible();
  await expect(chat.fixProposal).toHaveCount(0);

  await chat.send(
    'It asks for her password again and again although it is correct. It started after her password change on Monday; OWA works in the browser.',
  );
  // Focus stays in the composer, the answer is recorded, and the fix follows from it.
  await expect(chat.message).toBeFocused();
  await expect(chat.message).toHaveValue('');
  await expect(chat.fixProposal).toBeVisible();
  await expect(chat.questions.getByRole('listitem').filter({ hasText: 'Answered' }).first()).toBeVisible();
  await expect(chat.fixProposal).toContainText('Clear cached Office credentials and identities');
  await expect(chat.fixProposal).toContainText(/\d+%/);
  await expect(chat.fixProposal).toContainText('Proposed');
  await chat.waitForReplyToFinish();

  // The banner collapses and expands; the transcript survives a reload.
  const details = chat.fixProposal.getByRole('button', { name: 'Fix details' });
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await expect(chat.fixProposal).toContainText('Credential Manager');
  await page.reload();
  await expect(chat.fixProposal).toContainText('Clear cached Office credentials and identities');
  await expect(chat.conversation).toContainText('It started after her password change');

  // Each reply can show what the model was given: one line, the details on demand.
  const firstReply = chat.assistantMessages.first();
  const given = firstReply.getByRole('group').getByText(/Context: [\d,]+ tokens · nothing left out/);
  await expect(given).toBeVisible();
  await expect(firstReply.getByText(/within a budget of/)).toBeHidden();
  await given.click();
  await expect(firstReply.getByText(/within a budget of [\d,]+ tokens/)).toBeVisible();

  // The session is listed with its title, status and confidence.
  await page.goto('/pilot');
  await expect(list.sessions.getByRole('listitem')).toHaveCount(1);
  await expect(list.sessions).toContainText('Active');
  await expect(list.sessions).toContainText('Guided');
});

test('a ticket with script tags and a javascript: link renders inert', async ({ page }) => {
  const signup = new SignupPage(page);
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  await signup.goto();
  await signup.createAccount(newTestAccount('xss'));
  await expect(page).toHaveURL(/\/pilot$/);

  const hostile =
    'Printer offline <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> see [click](javascript:alert(1))';
  await list.startSession({ ticketRef: 'INC-<b>1</b>', client: 'Contoso', description: hostile });
  await expect(page).toHaveURL(/\/pilot\/[0-9a-f-]{36}$/);

  // The intake shows as written: markup and the markdown link stay text, and nothing is a link.
  await expect(chat.conversation).toContainText('<script>window.__pwned=1</script>');
  await expect(chat.intake).toContainText('see [click](javascript:alert(1))');
  await expect(chat.conversation.getByRole('link', { name: 'click' })).toHaveCount(0);
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();

  await chat.send('More detail: <script>window.__pwned=3</script> and [here](javascript:alert(2))');
  await expect(chat.conversation).toContainText('window.__pwned=3');
  await expect(chat.assistantMessages).toHaveCount(2);
  await chat.waitForReplyToFinish();

  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(page.locator('main script, main img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

/** Set E2E_SCREENSHOTS to a directory to keep pictures of the session page for review. */
async function snapshot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

test('the intake card shows the text as typed, and the task lane renders code spans, not backticks', async ({
  page,
}) => {
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await signUp(page, 'intake');

  // A UNC path (markdown would eat one backslash), emphasis marks, and indentation.
  const description = [
    'Cannot see shared drive.',
    'The share is \\\\MSP-FS01\\QB and *only* this PC loses it.',
    '    C:\\> dir',
  ].join('\n');
  await list.startSession({ description, ticketRef: 'INC-4471', client: 'Contoso' });
  await expect(page).toHaveURL(/\/pilot\/[0-9a-f-]{36}$/);

  await expect(chat.intake).toContainText('The share is \\\\MSP-FS01\\QB and *only* this PC loses it.');
  await expect(chat.intake).toContainText('INC-4471');
  await expect(chat.intake).toContainText('Contoso');
  // Line breaks and the indentation survive.
  const text = chat.intake.getByText(/^Cannot see shared drive/);
  expect(await text.evaluate((element) => (element as HTMLElement).innerText)).toBe(description);

  // The assistant's question quotes a UNC path in backticks: shown as code, the backticks gone.
  await expect(chat.questions).toContainText('UNC path (e.g. \\\\server\\share)', { timeout: 20_000 });
  await expect(chat.questions.locator('code').filter({ hasText: '\\\\server\\share' })).toHaveCount(1);
  await chat.waitForReplyToFinish();
  await expect(chat.taskLane).not.toContainText('`');
  await snapshot(page, 'intake-and-lane');
});

test('a note and a fact the assistant added can be edited and removed in the task lane', async ({ page }) => {
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const facts = new WhatWeKnow(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await signUp(page, 'facts');
  await list.startSession({ description: 'Outlook keeps prompting for a password' });
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  // An answer the offline Outlook playbook turns into a fact of its own (kind ai_promoted).
  await chat.send('The sign-in box keeps coming back, even with the correct password');
  await expect(facts.region).toContainText('Outlook re-prompts for credentials');
  await chat.waitForReplyToFinish();

  const storedFacts = async () => {
    const response = await page.request.get(`/api/v1/ai-sessions/${sessionIdOf(page)}/facts`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { items: { kind: string; text: string }[] }).items;
  };
  const promoted = (await storedFacts()).find((fact) => fact.kind === 'ai_promoted');
  expect(promoted, 'the assistant promoted a fact').toBeDefined();
  const aiFact = promoted!.text;

  // A note: Edit opens an inline editor holding the text; Escape puts it back untouched.
  await facts.addNote('Checked the VPN');
  await expect(facts.item('Checked the VPN')).toHaveCount(1);
  await facts.editButton('Checked the VPN').click();
  await expect(facts.editor).toBeFocused();
  await expect(facts.editor).toHaveValue('Checked the VPN');
  await facts.editor.fill('Something else');
  await page.keyboard.press('Escape');
  await expect(facts.editor).toHaveCount(0);
  await expect(facts.editButton('Checked the VPN')).toBeFocused();
  await expect(facts.region).not.toContainText('Something else');

  // Save keeps the new words, on screen and on the server.
  await facts.editButton('Checked the VPN').click();
  await facts.editor.fill('Checked the VPN: it is not connected');
  await facts.save.click();
  await expect(facts.editor).toHaveCount(0);
  await expect(facts.item('Checked the VPN: it is not connected')).toHaveCount(1);
  await expect(facts.editButton('Checked the VPN: it is not connected')).toBeFocused();

  // The assistant's fact is corrected with Enter.
  await facts.editButton(aiFact).click();
  await facts.editor.fill('Outlook re-prompts every few minutes, even with the right password');
  await facts.editor.press('Enter');
  await expect(facts.item('Outlook re-prompts every few minutes')).toHaveCount(1);
  await snapshot(page, 'facts-edited');

  // Removing asks first; Keep leaves it, Remove takes it out.
  const corrected = 'Outlook re-prompts every few minutes, even with the right password';
  await facts.removeButton(corrected).click();
  await expect(facts.region).toContainText('Remove this fact?');
  await snapshot(page, 'facts-remove-confirm');
  await facts.keep.click();
  await expect(facts.item(corrected)).toHaveCount(1);
  await expect(facts.removeButton(corrected)).toBeFocused();
  await facts.removeButton(corrected).click();
  await facts.confirmRemove.click();
  await expect(facts.item(corrected)).toHaveCount(0);

  const after = await storedFacts();
  expect(after.map((fact) => fact.text)).toContain('Checked the VPN: it is not connected');
  expect(after.map((fact) => fact.text)).not.toContain(corrected);
  expect(after.map((fact) => fact.text)).not.toContain(aiFact);
  await page.reload();
  await expect(facts.item('Checked the VPN: it is not connected')).toHaveCount(1);
  await expect(facts.item(corrected)).toHaveCount(0);
});

test('the header names the session confidence; the fix says what it was proposed at, then its outcome', async ({
  page,
}) => {
  const chat = new PilotSessionPage(page);
  const banner = new FixBanner(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await signUp(page, 'confidence');
  const list = new PilotListPage(page);
  await list.startSession({ description: 'Outlook keeps prompting for a password' });
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  // A fix proposed at a number of its own, as the session's confidence moves on.
  const proposed = await page.request.post(`/api/v1/ai-sessions/${sessionIdOf(page)}/suggested-fixes`, {
    headers: { 'x-flowpilot-csrf': '1' },
    data: { title: 'Rebuild the Outlook profile', description: 'New profile.', confidence_pct: 58 },
  });
  expect(proposed.status(), await proposed.text()).toBe(201);
  await page.reload();
  await expect(banner.region).toContainText('Rebuild the Outlook profile');

  await expect(chat.sessionConfidence).toBeVisible();
  await expect(chat.sessionConfidence).toHaveText(
    /^Assistant.s confidence: (Discovery|Exploring|Guided) · \d+%$/,
  );
  await expect(banner.region).toContainText('proposed at 58%');
  await expect(banner.region).not.toContainText(/\d+% confidence/);
  const lanesFix = chat.taskLane.getByRole('region', { name: 'Suggested fix' });
  await expect(lanesFix).toContainText('Proposed at 58% by you');
  await snapshot(page, 'confidence-proposed');

  // Once verified, the fix shows how it went, not a percentage.
  await banner.itWorked.click();
  await expect(banner.state('Worked')).toBeVisible();
  await expect(banner.region).not.toContainText('%');
  await expect(lanesFix).toContainText('Worked');
  await expect(lanesFix).not.toContainText('%');
  await expect(chat.sessionConfidence).toBeVisible();
  await snapshot(page, 'confidence-verified');
});

test('a session row shows a focus ring when reached with the keyboard', async ({ page }) => {
  const list = new PilotListPage(page);
  await signUp(page, 'focus-ring');
  const created = await page.request.post('/api/v1/ai-sessions', {
    headers: { 'x-flowpilot-csrf': '1' },
    data: { intake_type: 'free_text', intake_content: { text: 'Printer on floor 2 shows offline' } },
  });
  expect(created.status()).toBe(201);
  await list.goto();
  const row = list.sessions.getByRole('link', { name: 'Printer on floor 2 shows offline' });
  await expect(row).toBeVisible();

  await list.search.click();
  for (let step = 0; step < 15; step += 1) {
    await page.keyboard.press('Tab');
    if (await row.evaluate((link) => link === document.activeElement)) break;
  }
  await expect(row).toBeFocused();
  // The ring is drawn by the row's overlay (the link's ::after spans the whole row).
  const ring = await row.evaluate((link) => {
    const style = getComputedStyle(link, '::after');
    return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
  });
  expect(ring.style).toBe('solid');
  expect(ring.width).toBe('2px');
  await page.screenshot({ path: '/tmp/shots/session-row-focus.png' });
});

test('the task lane shows why the assistant leans where it leans, and a note moves it', async ({ page }) => {
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const facts = new WhatWeKnow(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await signUp(page, 'leaning');
  await list.startSession({ description: 'The HP printer on floor 2 is not working for Dana.' });
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  const lane = page.getByRole('complementary', { name: 'Task lane' });
  const leaning = lane.getByRole('region', { name: 'Why the assistant leans this way' });
  // Too vague to lean: it says so, and what would help.
  await expect(leaning).toContainText('No playbook fits yet');

  await facts.addNote('Get-Service Spooler shows Status: Stopped');
  await expect(leaning).toContainText(/spooler/i);
  await expect(leaning).toContainText('For');
  await expect(leaning).toContainText('Status: Stopped');
  await expect(leaning).not.toContainText('No playbook fits yet');
  await leaning.screenshot({ path: 'test-results/leaning.png' });
});
