import type { Locator, Page } from '@playwright/test';

export interface Intake {
  description: string;
  ticketRef?: string;
  client?: string;
  asset?: string;
  logs?: string;
}

/** /pilot: the engineer's sessions and the New session intake. */
export class PilotListPage {
  readonly newSessionButton: Locator;
  readonly fromTicket: Locator;
  readonly description: Locator;
  readonly ticketRef: Locator;
  readonly client: Locator;
  readonly asset: Locator;
  readonly logs: Locator;
  readonly startButton: Locator;
  readonly search: Locator;
  readonly statusFilter: Locator;
  readonly sessions: Locator;

  constructor(readonly page: Page) {
    this.newSessionButton = page.getByRole('button', { name: 'New session', exact: true });
    this.fromTicket = page.getByRole('radio', { name: /From a ticket/ });
    this.description = page.getByRole('textbox', { name: 'Problem description', exact: true });
    this.ticketRef = page.getByRole('textbox', { name: 'Ticket ref', exact: true });
    this.client = page.getByRole('textbox', { name: 'Client', exact: true });
    this.asset = page.getByRole('textbox', { name: 'Asset', exact: true });
    this.logs = page.getByRole('textbox', { name: 'Logs', exact: true });
    this.startButton = page.getByRole('button', { name: 'Start session', exact: true });
    this.search = page.getByRole('searchbox', { name: 'Search sessions' });
    this.statusFilter = page.getByRole('combobox', { name: 'Status' });
    this.sessions = page.getByRole('list', { name: 'Pilot sessions' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/pilot');
  }

  /** Opens New session, fills the intake and presses Start session. */
  async startSession(intake: Intake): Promise<void> {
    await this.newSessionButton.click();
    if (intake.ticketRef || intake.client || intake.asset) {
      await this.fromTicket.check();
      if (intake.ticketRef) await this.ticketRef.fill(intake.ticketRef);
      if (intake.client) await this.client.fill(intake.client);
      if (intake.asset) await this.asset.fill(intake.asset);
    }
    await this.description.fill(intake.description);
    if (intake.logs) await this.logs.fill(intake.logs);
    await this.startButton.click();
  }

  sessionLink(title: string | RegExp): Locator {
    return this.sessions.getByRole('link', { name: title });
  }
}
