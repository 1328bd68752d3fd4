import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signUp } from './fixtures/pilot';
import { AttachmentsArea, type TestFile } from './pages/attachments';
import { PilotListPage } from './pages/pilot-list-page';
import { PilotSessionPage } from './pages/pilot-session-page';

/*
 * Screenshots and log files (SPEC §7.2), against the offline engine: the error dialog's text is
 * read by OCR on the server and counts as evidence like typed text.
 */
const errorDialog: TestFile = {
  name: 'error-dialog.png',
  type: 'image/png',
  bytes: readFileSync(new URL('../apps/server/test/fixtures/error-dialog.png', import.meta.url)),
};
const spoolerLog: TestFile = {
  name: 'update.log',
  type: 'text/plain',
  bytes: Buffer.from('2026-12-02 09:14:03 WindowsUpdateAgent Installing KB5046617 failed\r\n'),
};
const svg: TestFile = {
  name: 'dialog.svg',
  type: 'image/svg+xml',
  bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
};

test('a pasted screenshot goes with the message: thumbnail, the text read from it, and a reply that uses it', async ({
  page,
}) => {
  await signUp(page, 'attachments');
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const files = new AttachmentsArea(page);

  // The intake takes a log file from the file picker; the intake card previews it.
  await list.newSessionButton.click();
  await list.description.fill('Updates fail on her laptop');
  await files.pick([spoolerLog]);
  await expect(files.trayItem('update.log')).toContainText('Log ready');
  await list.startButton.click();
  await expect(page).toHaveURL(/\/pilot\/[0-9a-f-]{36}$/);
  await expect(files.listIn(chat.intake)).toContainText('KB5046617');
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();

  // Pasting a screenshot into the composer attaches it; a file that is not an image or text is
  // refused in plain words and can be taken out again.
  await files.paste(chat.message, [errorDialog]);
  await expect(files.trayItem('error-dialog.png')).toContainText('Screenshot ready');
  await files.paste(chat.message, [svg]);
  await expect(files.trayItem('dialog.svg').getByRole('alert')).toContainText("can't be attached");
  await files.removeButton('dialog.svg').click();
  await expect(files.trayItem('dialog.svg')).toHaveCount(0);

  await chat.send('This is what she sees when the update runs');
  await expect(files.tray).toHaveCount(0);
  const sent = chat.conversation
    .getByRole('listitem')
    .filter({ hasText: /^You/ })
    .filter({ hasText: 'This is what she sees' });
  const shown = files.listIn(sent);
  await expect(shown.getByRole('img', { name: 'Screenshot error-dialog.png' })).toBeVisible();
  // The text read from the image shows beside it once OCR is done (progress until then).
  await expect(shown).toContainText('0x80070005', { timeout: 30_000 });

  // The offline engine read the code in the screenshot as evidence.
  await expect(chat.assistantMessages).toHaveCount(2, { timeout: 30_000 });
  await chat.waitForReplyToFinish();
  await expect(chat.assistantMessages.last()).toContainText('0x80070005');

  // After a reload the transcript shows the same files under the same messages.
  await page.reload();
  await expect(files.listIn(chat.intake)).toContainText('update.log', { timeout: 20_000 });
  await expect(files.listIn(sent).getByRole('img', { name: 'Screenshot error-dialog.png' })).toBeVisible();
  await expect(files.listIn(sent)).toContainText('0x80070005');
});

test('a log dragged onto the intake form and a screenshot dragged onto the composer are attached', async ({
  page,
}) => {
  await signUp(page, 'attachments-drop');
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const files = new AttachmentsArea(page);

  await list.newSessionButton.click();
  await list.description.fill('Updates fail on his desktop');
  await files.drop(list.description, [spoolerLog]);
  await expect(files.trayItem('update.log')).toContainText('Log ready');
  await list.startButton.click();
  await expect(files.listIn(chat.intake)).toContainText('KB5046617');
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();

  await files.drop(chat.message, [errorDialog]);
  await expect(files.trayItem('error-dialog.png')).toContainText('Screenshot ready');
  await chat.send('Dragged in the dialog he gets');
  const sent = chat.conversation.getByRole('listitem').filter({ hasText: 'Dragged in the dialog' });
  await expect(files.listIn(sent).getByRole('img', { name: 'Screenshot error-dialog.png' })).toBeVisible();
});
