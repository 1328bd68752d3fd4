import type { Locator, Page } from '@playwright/test';

/** The ProposalBanner above the composer: the active fix, its state and its lifecycle actions. */
export class FixBanner {
  readonly region: Locator;
  readonly apply: Locator;
  readonly itWorked: Locator;
  readonly didntWork: Locator;
  readonly partially: Locator;
  readonly dismiss: Locator;
  readonly confirm: Locator;
  readonly reject: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Fix proposal' });
    const button = (name: string) => this.region.getByRole('button', { name, exact: true });
    this.apply = button('Apply');
    this.itWorked = button('It worked');
    this.didntWork = button("Didn't work");
    this.partially = button('Partially');
    this.dismiss = button('Dismiss');
    this.confirm = button('Confirm');
    this.reject = button('Reject');
  }

  /** The state badge: Proposed, Verifying, Partial, AI-confirming, Worked… */
  state(label: string): Locator {
    return this.region.getByText(label, { exact: true });
  }

  async recordDidntWork(reason: string): Promise<void> {
    await this.didntWork.click();
    await this.region.getByRole('textbox', { name: 'What happened? (optional)' }).fill(reason);
    await this.region.getByRole('button', { name: "Record: didn't work" }).click();
  }

  async recordPartial(notes: string): Promise<void> {
    await this.partially.click();
    await this.region.getByRole('textbox', { name: 'What worked, and what is left?' }).fill(notes);
    await this.region.getByRole('button', { name: 'Record: partial' }).click();
  }
}
