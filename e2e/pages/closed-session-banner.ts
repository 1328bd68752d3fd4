import type { Locator, Page } from '@playwright/test';

/** A resolved or escalated session: the read-only banner with the note or package as posted. */
export class ClosedSessionBanner {
  readonly region: Locator;
  readonly heading: Locator;
  readonly note: Locator;
  readonly copy: Locator;
  readonly download: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', {
      name: /^(Resolved|Escalated) on .+ — this session is read-only$/,
    });
    this.heading = this.region.getByRole('heading', { level: 2 }).first();
    this.note = this.region.getByRole('region', { name: /^(Resolution note|Escalation package)$/ });
    this.copy = this.region.getByRole('button', { name: 'Copy', exact: true });
    this.download = this.region.getByRole('button', { name: 'Download .md', exact: true });
  }
}
