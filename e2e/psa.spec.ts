import { expect, test, type Page } from '@playwright/test';
import { startFakeConnectWise } from '../apps/server/test/psa-fakes/fake-connectwise.ts';
import type { FakePsa } from '../apps/server/test/psa-fakes/fake-psa-server.ts';
import { newTestAccount } from './fixtures/accounts';
import { ClosingPreviewDialog } from './pages/closing-preview-dialog';
import { PilotListPage } from './pages/pilot-list-page';
import { PilotSessionPage } from './pages/pilot-session-page';
import { PsaSettingsPanel } from './pages/psa-settings';
import { SignupPage } from './pages/signup-page';

/*
 * PSA connection (SPEC §7.4) against a fake ConnectWise that this spec runs on 127.0.0.1: the
 * server under test reaches it through the Site URL typed into Settings, as it would a real one.
 */

let fake: FakePsa;
test.beforeAll(async () => {
  fake = await startFakeConnectWise();
});
test.afterAll(async () => {
  await fake.close();
});

async function signUp(page: Page) {
  const signup = new SignupPage(page);
  await signup.goto();
  await signup.createAccount(newTestAccount('psa'));
  await expect(page).toHaveURL(/\/pilot$/);
}

async function connect(page: Page, privateKey: string) {
  const settings = new PsaSettingsPanel(page);
  const connection = fake.connection();
  await settings.provider.selectOption({ label: 'ConnectWise PSA' });
  await settings.field('Site URL').fill(String(connection.site_url));
  await settings.field('Company ID').fill(String(connection.company_id));
  await settings.field('Client ID').fill(String(connection.client_id));
  await settings.field('Public key').fill(String(connection.public_key));
  await settings.field('Private key').fill(privateKey);
  await settings.connect.click();
  return settings;
}

test('an owner connects ConnectWise: a wrong key is refused with its reason, then statuses are picked', async ({
  page,
}) => {
  await signUp(page);
  const settings = new PsaSettingsPanel(page);
  await settings.goto();
  await expect(settings.status).toContainText('Not connected');

  await connect(page, 'not-the-key');
  await expect(settings.form.getByRole('alert')).toContainText('ConnectWise refused the credentials (401)');
  await expect(settings.status).toContainText('Not connected');

  await settings.field('Private key').fill(String(fake.connection().private_key));
  await settings.connect.click();
  await expect(settings.status).toContainText('Connected to ConnectWise PSA');
  // The secrets are never sent back: the fields are empty, marked as stored.
  await expect(settings.field('Private key')).toHaveValue('');
  await expect(settings.field('Private key')).toHaveAttribute('placeholder', /Stored/);

  await settings.board.selectOption({ label: 'Service Desk' });
  await settings.resolvedStatus.selectOption({ label: 'Resolved' });
  await settings.escalatedStatus.selectOption({ label: 'Escalated' });
  // Member mapping: the lookup by email says when the PSA has nobody; the id can be typed.
  const mapping = settings.form.getByRole('table', { name: /Member mapping/ });
  await mapping.getByRole('button', { name: 'Find by email' }).click();
  await expect(mapping).toContainText('No member with this email');
  await mapping.getByRole('textbox', { name: /^PSA member for / }).fill('77');
  await settings.form.getByRole('checkbox', { name: /Post a time entry/ }).check();
  await settings.save.click();
  await expect(settings.save).toBeEnabled();
  await page.reload();
  await expect(settings.resolvedStatus).toHaveValue('5');
  await expect(settings.escalatedStatus).toHaveValue('7');
  await expect(settings.form.getByRole('textbox', { name: /^PSA member for / })).toHaveValue('77');
  await expect(settings.form.getByRole('checkbox', { name: /Post a time entry/ })).toBeChecked();
});

test('ticket mode searches the PSA, previews the ticket, starts from it, and the note is posted back', async ({
  page,
}) => {
  await signUp(page);
  const settings = new PsaSettingsPanel(page);
  await settings.goto();
  await connect(page, String(fake.connection().private_key));
  await expect(settings.status).toContainText('Connected to ConnectWise PSA');

  const list = new PilotListPage(page);
  await list.goto();
  await list.newSessionButton.click();
  await list.fromTicket.check();
  await page.getByRole('searchbox', { name: 'Search ConnectWise PSA tickets' }).fill('outlook');
  const results = page.getByRole('list', { name: 'Matching tickets' });
  await results.getByRole('button', { name: /#4711 Outlook keeps asking for the password/ }).click();
  const preview = page.getByRole('region', { name: 'Ticket preview' });
  await expect(preview).toContainText('Client: Contoso Ltd');
  await expect(preview).toContainText('Asset: LT-0042');
  await list.startButton.click();

  const session = new PilotSessionPage(page);
  await expect(page).toHaveURL(/\/pilot\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('link', { name: 'ConnectWise PSA ticket 4711' })).toHaveAttribute(
    'href',
    /service_recid=4711/,
  );
  await expect(session.intake).toContainText('Outlook keeps asking for the password');
  await session.waitForReplyToFinish();

  await session.resolveButton.click();
  const dialog = new ClosingPreviewDialog(page, 'Resolution note');
  await dialog.post.click();
  await expect(page.getByRole('status', { name: 'PSA delivery' })).toContainText('Posted ✓ to ticket 4711', {
    timeout: 15_000,
  });
  expect(fake.world.notes.filter((note) => note.ticketId === 4711 && note.resolution)).toHaveLength(1);
});
