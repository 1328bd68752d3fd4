import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { MAX_MESSAGE_LENGTH } from '@flowpilot/contracts/limits';
import { newTestAccount } from './fixtures/accounts';
import { AppShell } from './pages/app-shell';
import { ScriptBuilderListPage } from './pages/script-builder-list-page';
import { ScriptBuilderSessionPage } from './pages/script-builder-session-page';
import { ScriptsPage } from './pages/scripts-page';
import { SignupPage } from './pages/signup-page';

/*
 * Driven against the offline engine: the Script Builder composes from the template library, so
 * "restart the print spooler on PC-042" deterministically yields the Clear-PrintQueue.ps1 script.
 */

const csrf = { 'x-flowpilot-csrf': '1' };
const count = (value: number) => value.toLocaleString('en-US');

async function signUp(page: Page, label: string) {
  const signup = new SignupPage(page);
  await signup.goto();
  await signup.createAccount(newTestAccount(label));
  await expect(page).toHaveURL(/\/pilot$/);
}

interface TemplateListItem {
  name: string;
  category: string;
  language: string;
  body: string;
  parameters_schema: { name: string; label: string; type: string; required: boolean; pattern?: string }[];
}

async function findTemplate(request: APIRequestContext, name: string): Promise<TemplateListItem | undefined> {
  const response = await request.get('/api/v1/script-templates', { params: { limit: 100 } });
  expect(response.status()).toBe(200);
  const list = (await response.json()) as { items: TemplateListItem[] };
  return list.items.find((template) => template.name === name);
}

test('an engineer builds a PowerShell script with the assistant and saves it as a template', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const list = new ScriptBuilderListPage(page);
  const builder = new ScriptBuilderSessionPage(page);

  await signUp(page, 'builder');
  await shell.goTo('Script Builder');
  await expect(shell.heading('Script Builder')).toBeVisible();
  await expect(list.cap(0)).toBeVisible();
  await expect(list.language('PowerShell')).toBeChecked();

  await list.newScript('PowerShell');
  await expect(page).toHaveURL(/\/script-builder\/[0-9a-f-]{36}$/);
  await expect(builder.preview).toContainText('No script yet');
  await expect(builder.downloadButton).toBeDisabled();

  await builder.send('restart the print spooler on PC-042');
  await expect(builder.message).toHaveValue('');
  await expect(builder.conversation).toContainText('restart the print spooler on PC-042');
  // The offline composer's script lands in the preview, under the file name it chose.
  await expect(builder.preview).toContainText('Clear-PrintQueue.ps1', { timeout: 20_000 });
  await expect(builder.preview.getByRole('textbox', { name: 'Script', exact: true })).toBeAttached();
  await expect(builder.preview).toContainText('Stop-Service');
  await builder.waitForReplyToFinish();
  // The session took its first request as its title.
  await expect(builder.title).toHaveText('restart the print spooler on PC-042');

  const download = await builder.download();
  expect(download.suggestedFilename()).toBe('Clear-PrintQueue.ps1');
  const script = await readFile(await download.path(), 'utf8');
  expect(script).toContain('Stop-Service -Name Spooler -Force');
  expect(script).toContain('$PrinterName = $null');

  const name = `Clear print queue ${Date.now().toString(36)}`;
  await builder.saveToLibrary({
    name,
    category: 'Printing',
    description: 'Clears stuck print jobs and restarts the spooler.',
    parameters: [{ name: 'printer_name', label: 'Printer for the test page', replaces: '$null' }],
  });
  await expect(builder.saveDialog.getByRole('status')).toContainText('Saved to the library');
  await expect(builder.saveDialog).toContainText('1 parameter');
  await builder.saveDialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(builder.saveDialog).toBeHidden();

  const template = await findTemplate(page.request, name);
  expect(template, `template "${name}" in GET /api/v1/script-templates`).toBeDefined();
  expect(template).toMatchObject({ category: 'Printing', language: 'powershell' });
  expect(template!.body).toContain('$PrinterName = {{printer_name}}');
  expect(template!.body).not.toContain('$PrinterName = $null');
  expect(template!.parameters_schema).toEqual([
    expect.objectContaining({
      name: 'printer_name',
      label: 'Printer for the test page',
      type: 'string',
      required: false,
    }),
  ]);

  // Edits in the preview are saved to the session and survive a reload.
  await builder.editButton.click();
  const editor = builder.preview.getByRole('textbox', { name: 'Script editor', exact: true });
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nWrite-Host "Spooler restarted"');
  await expect(builder.preview.getByText('Saved', { exact: true })).toBeVisible();
  await builder.doneButton.click();
  await page.reload();
  // The editor draws only the lines in view; the downloaded file has them all.
  await expect(builder.preview.getByRole('textbox', { name: 'Script', exact: true })).toBeAttached();
  const edited = await readFile(await (await builder.download()).path(), 'utf8');
  expect(edited).toMatch(/Write-Host "Spooler restarted"\s*$/);

  await shell.goTo('Script Builder');
  await expect(list.cap(1)).toBeVisible();
  await expect(list.sessions.getByRole('listitem')).toHaveCount(1);
  await expect(list.sessions).toContainText('Clear-PrintQueue.ps1');
});

test('a sixth standalone session is refused with the way to free one', async ({ page }) => {
  const list = new ScriptBuilderListPage(page);

  await signUp(page, 'builder-cap');
  // The page's cookie signs these requests; the CSRF header is what the app sends too.
  for (let index = 0; index < 5; index += 1) {
    const response = await page.request.post('/api/v1/script-builder/sessions', {
      headers: csrf,
      data: { language: 'bash', title: `Cap test ${index + 1}` },
    });
    expect(response.status(), await response.text()).toBe(201);
  }

  await list.goto();
  await expect(list.cap(5)).toBeVisible();
  await expect(list.sessions.getByRole('listitem')).toHaveCount(5);

  await list.newScript('Python');
  await expect(list.alert).toContainText('You have 5 open Script Builder sessions');
  await expect(list.alert).toContainText('Delete one in Script Builder to start another.');
  await expect(page).toHaveURL(/\/script-builder$/);

  // Deleting one frees a place.
  await list.deleteFirst();
  await expect(list.cap(4)).toBeVisible();
  await expect(list.sessions.getByRole('listitem')).toHaveCount(4);
  await list.newScript('Python');
  await expect(page).toHaveURL(/\/script-builder\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('region', { name: 'Script preview' })).toContainText('Python');
});

test('"Build a reusable template" opens a builder session with the fix\'s drafted script', async ({
  page,
}) => {
  const builder = new ScriptBuilderSessionPage(page);

  await signUp(page, 'builder-from-fix');
  const session = await page.request.post('/api/v1/ai-sessions', {
    headers: csrf,
    data: { intake_type: 'free_text', intake_content: { text: 'Disk C: is full on FS-01' } },
  });
  expect(session.status(), await session.text()).toBe(201);
  const { id: sessionId } = (await session.json()) as { id: string };
  // The first reply may propose a fix of its own; let it finish so it cannot supersede this one.
  await (await page.request.get(`/api/v1/ai-sessions/${sessionId}/stream`)).text();
  const fix = await page.request.post(`/api/v1/ai-sessions/${sessionId}/suggested-fixes`, {
    headers: csrf,
    data: {
      title: 'Clean up the temp folders',
      description: 'Remove temp files older than 7 days.',
      script_language: 'bash',
      ai_drafted_script: 'find /tmp -type f -mtime +7 -delete\necho "temp cleaned"',
    },
  });
  expect(fix.status(), await fix.text()).toBe(201);
  const body = (await fix.json()) as { id?: string; fix?: { id: string } };
  const fixId = body.fix?.id ?? body.id;

  await page.goto(`/script-builder?from_fix=${fixId}&session=${sessionId}`);
  await expect(page).toHaveURL(/\/script-builder\/[0-9a-f-]{36}$/);
  await expect(builder.title).toHaveText('Clean up the temp folders');
  await expect(builder.preview).toContainText('Bash');
  await expect(builder.preview).toContainText('temp cleaned');
  // Back does not land on the from_fix URL again (it would start another session).
  await page.goBack();
  await expect(page).not.toHaveURL(/from_fix=/);
});

test('a value selected in the script becomes a typed parameter of the template', async ({ page }) => {
  const builder = new ScriptBuilderSessionPage(page);

  await signUp(page, 'builder-select');
  const created = await page.request.post('/api/v1/script-builder/sessions', {
    headers: csrf,
    data: {
      language: 'powershell',
      title: 'Restart the spooler remotely',
      initial_script:
        "$ComputerName = 'PC-042'\nInvoke-Command -ComputerName $ComputerName -ScriptBlock {\n    Restart-Service -Name Spooler -Force\n}\n",
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/script-builder/${id}`);
  await builder.saveToLibraryButton.click();
  const dialog = builder.saveDialog;
  const body = dialog.getByRole('textbox', { name: 'Template body', exact: true });
  await expect(body).toBeAttached();
  // Select 'PC-042' (quotes included) at the end of the first line, the way a keyboard user would.
  await body.focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  for (let step = 0; step < "'PC-042'".length; step += 1) await page.keyboard.press('Shift+ArrowLeft');
  await dialog.getByRole('button', { name: 'Mark selection as parameter' }).click();

  const row = dialog.getByRole('group', { name: /^Parameter 1\b/ });
  await expect(row.getByRole('textbox', { name: 'Parameter name', exact: true })).toHaveValue(
    'computer_name',
  );
  await expect(row.getByRole('textbox', { name: 'Default value', exact: true })).toHaveValue('PC-042');
  await expect(dialog).toContainText('{{computer_name}}');

  // The server's field errors land on the field they name.
  const nameField = dialog.getByRole('textbox', { name: 'Name', exact: true });
  await nameField.fill('x'.repeat(201));
  await dialog.getByRole('button', { name: 'Save to library', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Correct the fields marked below');
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');

  const name = `Restart spooler remotely ${Date.now().toString(36)}`;
  await nameField.fill(name);
  await dialog.getByRole('button', { name: 'Save to library', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved to the library');

  const template = await findTemplate(page.request, name);
  expect(template?.body).toBe(
    '$ComputerName = {{computer_name}}\nInvoke-Command -ComputerName $ComputerName -ScriptBlock {\n    Restart-Service -Name Spooler -Force\n}\n',
  );
  expect(template?.parameters_schema).toEqual([
    expect.objectContaining({
      name: 'computer_name',
      label: 'Computer name',
      type: 'string',
      default: 'PC-042',
    }),
  ]);
});

test('Save to library suggests a name from the script, not from the first request', async ({ page }) => {
  const shell = new AppShell(page);
  const list = new ScriptBuilderListPage(page);
  const builder = new ScriptBuilderSessionPage(page);
  await signUp(page, 'builder-name');
  await shell.goTo('Script Builder');
  await list.newScript('PowerShell');
  await builder.send('hi, the printer on floor 2 is stuck again — restart the print spooler on PC-042');
  await expect(builder.preview).toContainText('Clear-PrintQueue.ps1', { timeout: 20_000 });
  await builder.waitForReplyToFinish();
  await builder.saveToLibraryButton.click();
  const name = builder.saveDialog.getByRole('textbox', { name: 'Name', exact: true });
  await expect(name).toHaveValue('Clear the print queue and restart the spooler');
  await page.screenshot({ path: '/tmp/shots/save-dialog-name.png' });
});

test('the composer shows the message limit as a long paste nears it, and refuses one over it in words', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const list = new ScriptBuilderListPage(page);
  const builder = new ScriptBuilderSessionPage(page);
  await signUp(page, 'builder-limit');
  await shell.goTo('Script Builder');
  await list.newScript('Bash');
  const counter = page.getByTestId('message-length');

  await builder.message.fill('x'.repeat(MAX_MESSAGE_LENGTH * 0.8 - 1));
  await expect(counter).toBeHidden();
  await expect(builder.sendButton).toBeEnabled();

  await builder.message.fill('x'.repeat(MAX_MESSAGE_LENGTH * 0.8));
  await expect(counter).toHaveText(
    `Length: ${count(MAX_MESSAGE_LENGTH * 0.8)} / ${count(MAX_MESSAGE_LENGTH)}`,
  );
  await expect(
    page.getByText(`The message is near the ${count(MAX_MESSAGE_LENGTH)}-character limit.`),
  ).toBeAttached();
  await expect(builder.sendButton).toBeEnabled();

  await builder.message.fill('x'.repeat(MAX_MESSAGE_LENGTH + 5));
  await expect(counter).toHaveText(`Length: ${count(MAX_MESSAGE_LENGTH + 5)} / ${count(MAX_MESSAGE_LENGTH)}`);
  await expect(
    page.getByText(
      `5 characters over the ${count(MAX_MESSAGE_LENGTH)}-character limit. Shorten it, or paste only the part that matters.`,
    ),
  ).toBeVisible();
  await expect(builder.message).toHaveAttribute('aria-invalid', 'true');
  await expect(builder.sendButton).toBeDisabled();
  // Ctrl+Enter does not send it either: nothing reaches the conversation.
  await builder.message.press('Control+Enter');
  await expect(builder.message).toHaveValue('x'.repeat(MAX_MESSAGE_LENGTH + 5));
  await page.screenshot({ path: '/tmp/shots/composer-over-limit.png' });

  // The server says the same in plain words to anyone who skips the composer.
  const sessionId = /\/script-builder\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  const refused = await page.request.post(`/api/v1/script-builder/sessions/${sessionId}/messages`, {
    headers: csrf,
    data: { content: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) },
  });
  expect(refused.status()).toBe(422);
  expect(JSON.stringify(await refused.json())).toContain(
    `A message can be at most ${count(MAX_MESSAGE_LENGTH)} characters.`,
  );
});

test('a template you created can be edited and deleted; built-ins stay read-only', async ({ page }) => {
  const scripts = new ScriptsPage(page);
  await signUp(page, 'template-edit');
  const suffix = Date.now().toString(36);
  const create = (name: string) =>
    page.request.post('/api/v1/script-templates', {
      headers: csrf,
      data: {
        name,
        category: 'Printing',
        language: 'powershell',
        body: 'Restart-Service -Name Spooler -ComputerName {{computer}}',
        parameters_schema: [
          { name: 'computer', label: 'Computer', type: 'string', required: true, pattern: '^[A-Z0-9-]+$' },
        ],
      },
    });
  const mine = `Restart spooler ${suffix}`;
  const other = `Other template ${suffix}`;
  expect((await create(mine)).status()).toBe(201);
  expect((await create(other)).status()).toBe(201);

  await scripts.goto();
  await scripts.template('Clear the print queue and restart the spooler').click();
  await expect(scripts.detail.getByText('Built-in', { exact: true })).toBeVisible();
  await expect(scripts.editButton).toHaveCount(0);
  await expect(scripts.deleteButton).toHaveCount(0);

  await scripts.template(mine).click();
  await scripts.editButton.click();
  const name = scripts.editDialog.getByRole('textbox', { name: 'Name', exact: true });
  await expect(name).toHaveValue(mine);
  await expect(scripts.editDialog.getByRole('group', { name: /^Parameter 1\b/ })).toBeVisible();
  // A name already in the library: the server's words, next to the field.
  await name.fill(other);
  await scripts.editDialog.getByRole('button', { name: 'Save changes', exact: true }).click();
  await expect(scripts.editDialog).toContainText('A template with this name already exists in your library.');
  await page.screenshot({ path: '/tmp/shots/template-edit-error.png' });

  const renamed = `Restart the spooler remotely ${suffix}`;
  await name.fill(renamed);
  await scripts.editDialog.getByRole('textbox', { name: 'Category', exact: true }).fill('Print servers');
  await scripts.editDialog.getByRole('button', { name: 'Save changes', exact: true }).click();
  await expect(scripts.editDialog).toBeHidden();
  await expect(scripts.detail.getByRole('heading', { name: renamed })).toBeVisible();
  await expect(scripts.template(renamed)).toContainText('Print servers');
  const stored = await findTemplate(page.request, renamed);
  expect(stored).toMatchObject({ category: 'Print servers' });
  // What the form does not show survives the edit.
  expect(stored!.parameters_schema[0]).toMatchObject({ name: 'computer', pattern: '^[A-Z0-9-]+$' });
  expect(stored!.body).toBe('Restart-Service -Name Spooler -ComputerName {{computer}}');

  await scripts.deleteButton.click();
  await expect(scripts.deleteDialog).toContainText(renamed);
  await page.screenshot({ path: '/tmp/shots/template-delete-confirm.png' });
  await scripts.deleteDialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(scripts.template(renamed)).toHaveCount(1);
  await scripts.deleteButton.click();
  await scripts.deleteDialog.getByRole('button', { name: 'Delete template', exact: true }).click();
  await expect(scripts.deleteDialog).toBeHidden();
  await expect(scripts.status).toHaveText(`“${renamed}” was deleted.`);
  await expect(scripts.library.getByRole('heading', { name: /^Template library/ })).toBeFocused();
  await expect(scripts.template(renamed)).toHaveCount(0);
  expect(await findTemplate(page.request, renamed)).toBeUndefined();
  await page.screenshot({ path: '/tmp/shots/template-deleted.png' });
});
