import type { Locator, Page } from '@playwright/test';

/** The modal Escalate opens first while the fix is Verifying or Partial: how did it go? */
export class EscalateInterceptDialog {
  readonly dialog: Locator;
  readonly didntWork: Locator;
  readonly partial: Locator;
  readonly workedOtherReason: Locator;
  readonly neverApplied: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'How did the fix go?' });
    const choice = (name: string) => this.dialog.getByRole('button', { name, exact: true });
    this.didntWork = choice("The fix didn't work");
    this.partial = choice('I applied some of it — partial');
    this.workedOtherReason = choice('It worked — escalating for another reason');
    this.neverApplied = choice('Never actually applied it');
  }
}
