import type { Locator, Page } from '@playwright/test';

/**
 * A resolved or escalated session: the compact read-only summary above the transcript, and the
 * note or package as posted, which ends the transcript.
 */
export class ClosedSessionBanner {
  readonly region: Locator;
  readonly heading: Locator;
  readonly note: Locator;
  readonly copy: Locator;
  readonly download: Locator;
  /** The summary's link down to the posted note or package. */
  readonly readNote: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', {
      name: /^(Resolved|Escalated) on .+ · read-only$/,
    });
    this.heading = this.region.getByRole('heading', { level: 2 }).first();
    this.note = page
      .getByRole('region', { name: 'Conversation' })
      .getByRole('region', { name: /^(Resolution note|Escalation package)$/ });
    this.copy = this.region.getByRole('button', { name: 'Copy', exact: true });
    this.download = this.region.getByRole('button', { name: 'Download .md', exact: true });
    this.readNote = this.region.getByRole('link', {
      name: /^Read the (resolution note|escalation package)$/,
    });
  }
}
