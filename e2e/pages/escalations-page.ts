import type { Locator, Page } from '@playwright/test';

/** /escalations: the live queue, each item's package preview and Claim, and the pickup screen. */
export class EscalationsPage {
  readonly queue: Locator;
  readonly pickup: Locator;
  readonly navLink: Locator;

  constructor(readonly page: Page) {
    this.queue = page.getByRole('list', { name: 'Escalation queue' });
    this.pickup = page.getByRole('region', { name: /^You picked up/ });
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Escalations' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/escalations');
  }

  item(title: string | RegExp): Locator {
    return this.queue.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: title }) });
  }

  claimButton(title: string | RegExp): Locator {
    return this.item(title).getByRole('button', { name: 'Claim', exact: true });
  }

  previewButton(title: string | RegExp): Locator {
    return this.item(title).getByRole('button', { name: 'Preview package' });
  }

  choice(name: 'Continue where they left off' | 'Get a fresh assessment' | 'Take it from there'): Locator {
    return this.pickup.getByRole('button', { name, exact: true });
  }
}
