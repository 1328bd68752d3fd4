import type { Locator, Page } from '@playwright/test';

/** /playbooks: the proposal queue, the library with its guided-flow view, and the form. */
export class PlaybooksPage {
  readonly proposals: Locator;
  readonly library: Locator;
  readonly search: Locator;
  readonly flow: (title: string) => Locator;

  constructor(readonly page: Page) {
    this.proposals = page.getByRole('region', { name: /Knowledge proposals/ });
    this.library = page.getByRole('region', { name: 'Playbook library' });
    this.search = page.getByRole('searchbox', { name: 'Search playbooks' });
    this.flow = (title) => page.getByRole('article', { name: `Playbook ${title}` });
  }

  async goto() {
    await this.page.goto('/playbooks');
  }

  playbook(title: string) {
    return this.library
      .getByRole('list', { name: 'Playbooks' })
      .getByRole('button', { name: new RegExp(title) });
  }
}
