import type { Locator, Page } from '@playwright/test';

/** The task lane's Activity disclosure: the session's audit trail in words. */
export class ActivityTimeline {
  readonly toggle: Locator;
  readonly events: Locator;

  constructor(readonly page: Page) {
    const lane = page.getByRole('complementary', { name: 'Task lane' });
    this.toggle = lane.getByRole('button', { name: /^Activity/ });
    this.events = lane.getByRole('list', { name: 'Activity' }).getByRole('listitem');
  }

  async open(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-expanded')) !== 'true') await this.toggle.click();
  }
}
