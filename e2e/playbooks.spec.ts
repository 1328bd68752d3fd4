import { expect, test, type Page } from '@playwright/test';
import { newTestAccount } from './fixtures/accounts';
import { PlaybooksPage } from './pages/playbooks-page';
import { SignupPage } from './pages/signup-page';

/*
 * Knowledge (SPEC §7.3): a resolved session whose fix worked lands in the owners' proposal queue
 * (the sidebar counts it); accepting publishes it as a playbook, shown as a guided flow; the
 * create form will not send an invalid playbook.
 */

const csrf = { 'x-flowpilot-csrf': '1' };

async function signUp(page: Page) {
  const signup = new SignupPage(page);
  await signup.goto();
  await signup.createAccount(newTestAccount('knowledge'));
  await expect(page).toHaveURL(/\/pilot$/);
}

/** An unknown problem, the engineer's own fix declared worked, then Resolve — through the API. */
async function resolveUnknownProblem(page: Page) {
  const created = await page.request.post('/api/v1/ai-sessions', {
    headers: csrf,
    data: {
      intake_type: 'free_text',
      intake_content: {
        text: 'The barcode scanner at the packing station beeps twice and types nothing into the WMS.',
      },
    },
  });
  expect(created.status()).toBe(201);
  const sessionId = ((await created.json()) as { id: string }).id;
  // The intake's own reply runs first; wait for it so it cannot supersede the engineer's fix.
  await expect
    .poll(async () => {
      const detail = await page.request.get(`/api/v1/ai-sessions/${sessionId}`);
      return ((await detail.json()) as { streaming_message_id: string | null }).streaming_message_id;
    })
    .toBeNull();
  const fix = await page.request.post(`/api/v1/ai-sessions/${sessionId}/suggested-fixes`, {
    headers: csrf,
    data: {
      title: 'Re-pair the scanner in HID keyboard mode',
      description:
        'Scan the USB HID keyboard barcode from the quick-start guide, then re-pair the scanner with its cradle.',
    },
  });
  expect(fix.status()).toBe(201);
  const fixId = ((await fix.json()) as { id: string }).id;
  const outcome = await page.request.patch(
    `/api/v1/ai-sessions/${sessionId}/suggested-fixes/${fixId}/outcome`,
    {
      headers: csrf,
      data: { outcome: 'applied_success' },
    },
  );
  expect(outcome.status()).toBe(200);
  const resolved = await page.request.post(`/api/v1/ai-sessions/${sessionId}/resolution-note/post`, {
    headers: csrf,
    data: {},
  });
  expect(resolved.status()).toBe(200);
}

test('a resolved session is proposed, counted in the sidebar, and accepted into a playbook', async ({
  page,
}) => {
  await signUp(page);
  await resolveUnknownProblem(page);
  const playbooks = new PlaybooksPage(page);
  await playbooks.goto();

  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Playbooks' });
  await expect(nav).toHaveAccessibleDescription('1 knowledge proposal waiting for review');
  await expect(playbooks.proposals.getByText('1 pending')).toBeVisible();
  const card = playbooks.proposals.getByRole('article', { name: /New playbook/ });
  await expect(card).toContainText('Re-pair the scanner in HID keyboard mode');
  await card.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(playbooks.proposals.getByText('No proposals waiting for review.')).toBeVisible();
  await expect(nav).not.toHaveAccessibleDescription(/waiting/);

  await playbooks.search.fill('scanner');
  await playbooks.playbook('barcode scanner').click();
  const flow = playbooks.page.getByRole('article', { name: /Playbook .*barcode scanner/ });
  await expect(flow.getByRole('region', { name: 'Symptoms' })).toContainText('beeps twice');
  await expect(flow.getByRole('region', { name: 'Fix' })).toContainText(
    'Re-pair the scanner in HID keyboard mode',
  );

  // A new session about the same problem shows the resolved one under "Seen before".
  const next = await page.request.post('/api/v1/ai-sessions', {
    headers: csrf,
    data: {
      intake_type: 'free_text',
      intake_content: { text: 'Packing station barcode scanner beeps twice, types nothing' },
    },
  });
  expect(next.status()).toBe(201);
  await page.goto(`/pilot/${((await next.json()) as { id: string }).id}`);
  const seenBefore = page.getByRole('region', { name: 'Seen before' });
  await expect(seenBefore).toContainText('fixed by: Re-pair the scanner in HID keyboard mode');
});

test('built-ins read as guided flows; the form refuses an invalid playbook and saves a valid one', async ({
  page,
}) => {
  await signUp(page);
  const playbooks = new PlaybooksPage(page);
  await playbooks.goto();
  await playbooks.search.fill('spooler');
  await playbooks.playbook('spooler').first().click();
  const flow = page.getByRole('article', { name: /^Playbook / });
  await expect(flow.getByRole('region', { name: 'Questions' })).toContainText('?');
  await expect(flow.getByRole('region', { name: 'Checks' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit playbook' })).toHaveCount(0);

  await page.getByRole('button', { name: 'New playbook' }).click();
  const form = page.getByRole('form', { name: 'New playbook' });
  await form.getByRole('textbox', { name: 'Title', exact: true }).fill('Zeb');
  await form.getByRole('button', { name: 'Save playbook' }).click();
  await expect(form.getByText('The title needs at least 5 characters.')).toBeVisible();
  await expect(form.getByText('Give at least one symptom, one per line.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save playbook' })).toBeDisabled();

  await form
    .getByRole('textbox', { name: 'Title', exact: true })
    .fill('Zebra label printer feeds blank labels');
  await form.getByRole('textbox', { name: 'Category' }).fill('Printing');
  await form
    .getByRole('textbox', { name: 'Symptoms' })
    .fill('labels come out blank\nthermal labels print nothing');
  await form
    .getByRole('textbox', { name: 'Root cause' })
    .fill('Media type set to thermal transfer for direct thermal labels.');
  await form.getByRole('textbox', { name: 'Fix title' }).fill('Switch the media type to direct thermal');
  await form
    .getByRole('textbox', { name: 'Fix steps' })
    .fill('Set Media Type to Direct Thermal in the driver and calibrate.');
  // A question whose answers say what they imply, and a check with its command.
  await form.getByRole('button', { name: 'Add question' }).click();
  await form.getByRole('textbox', { name: 'Question 1', exact: true }).fill('Why');
  await form.getByRole('button', { name: 'Add check' }).click();
  // Once a save was tried, problems show as the engineer types, and saving waits for them.
  await expect(form.getByRole('button', { name: 'Save playbook' })).toBeDisabled();
  await expect(form.getByText('The question needs at least 5 characters.')).toBeVisible();
  await expect(form.getByText('Give the command to run.')).toBeVisible();
  await form
    .getByRole('textbox', { name: 'Question 1', exact: true })
    .fill('Is the media type set to thermal transfer?');
  await form
    .getByRole('textbox', { name: 'Question 1, answer 1: fact it records' })
    .fill('Media type is thermal transfer');
  await form.getByRole('textbox', { name: 'Check 1 title' }).fill('Read the printer settings');
  await form.getByRole('combobox', { name: 'Check 1 language' }).selectOption('cmd');
  await form.getByRole('textbox', { name: 'Check 1 command' }).fill('~HS');
  await form.getByRole('button', { name: 'Save playbook' }).click();
  const saved = page.getByRole('article', { name: 'Playbook Zebra label printer feeds blank labels' });
  await expect(saved.getByRole('region', { name: 'Root cause' })).toContainText('thermal transfer');
  await expect(saved.getByRole('region', { name: 'Questions' })).toContainText(
    'Is the media type set to thermal transfer?',
  );
  await expect(saved.getByRole('region', { name: 'Checks' })).toContainText('~HS');

  // Editing keeps the question and can change what an answer implies.
  await page.getByRole('button', { name: 'Edit playbook' }).click();
  const edit = page.getByRole('form', { name: 'Edit playbook' });
  await expect(edit.getByRole('textbox', { name: 'Question 1', exact: true })).toHaveValue(
    'Is the media type set to thermal transfer?',
  );
  await edit.getByRole('button', { name: 'Remove check 1' }).click();
  await edit.getByRole('button', { name: 'Save playbook' }).click();
  await expect(saved.getByRole('region', { name: 'Checks' })).not.toContainText('~HS');
  await expect(saved.getByRole('region', { name: 'Questions' })).toContainText('thermal transfer?');
});

test('an owner publishes a proposed playbook from its page', async ({ page }) => {
  await signUp(page);
  const created = await page.request.post('/api/v1/playbooks', {
    headers: csrf,
    data: {
      title: 'Label printer feeds blank labels',
      category: 'Printing',
      symptoms: ['shipping labels come out blank'],
      keywords: ['label'],
      questions: [],
      checks: [],
      root_cause: 'The media type is set to thermal transfer while direct thermal labels are loaded.',
      fix: {
        title: 'Switch the media type to direct thermal',
        description: 'Set Media Type to Direct Thermal in the driver and calibrate.',
      },
      status: 'proposed',
    },
  });
  expect(created.status()).toBe(201);
  const playbooks = new PlaybooksPage(page);
  await playbooks.goto();
  await playbooks.search.fill('blank labels');
  const row = playbooks.playbook('Label printer feeds blank labels');
  await expect(row).toContainText('Proposed');
  await row.click();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('button', { name: 'Publish' })).toHaveCount(0);
  await expect(row).not.toContainText('Proposed');
  const stored = await page.request.get(`/api/v1/playbooks/${((await created.json()) as { id: string }).id}`);
  expect(((await stored.json()) as { status: string }).status).toBe('published');
});

test('an owner edits a proposed playbook before accepting it', async ({ page }) => {
  await signUp(page);
  await resolveUnknownProblem(page);
  const playbooks = new PlaybooksPage(page);
  await playbooks.goto();
  const card = playbooks.proposals.getByRole('article', { name: /New playbook/ });
  await card.getByRole('button', { name: 'Edit, then accept' }).click();
  const form = card.getByRole('form', { name: 'Edit the proposed playbook' });
  await expect(form.getByRole('textbox', { name: 'Fix title' })).toHaveValue(
    'Re-pair the scanner in HID keyboard mode',
  );
  await form
    .getByRole('textbox', { name: 'Title', exact: true })
    .fill('Packing-station scanner types nothing');
  await form.getByRole('textbox', { name: 'Category' }).fill('Peripherals');
  await form.getByRole('button', { name: 'Accept with these changes' }).click();
  await expect(playbooks.proposals.getByText('No proposals waiting for review.')).toBeVisible();

  await playbooks.search.fill('Packing-station');
  await playbooks.playbook('Packing-station scanner types nothing').click();
  const flow = playbooks.flow('Packing-station scanner types nothing');
  await expect(flow.getByRole('region', { name: 'Fix' })).toContainText('Re-pair the scanner');
});
