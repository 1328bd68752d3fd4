import type { Locator, Page } from '@playwright/test';

/** /scripts: the template library and, for owners, the draft review queue. */
export class ScriptsPage {
  readonly heading: Locator;
  readonly draftReview: Locator;
  readonly pendingDrafts: Locator;
  readonly library: Locator;
  readonly templates: Locator;
  readonly search: Locator;
  readonly category: Locator;
  readonly language: Locator;
  readonly detail: Locator;
  readonly preview: Locator;
  readonly editButton: Locator;
  readonly deleteButton: Locator;
  readonly editDialog: Locator;
  readonly deleteDialog: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Scripts', exact: true });
    this.draftReview = page.getByRole('region', { name: /^Draft review/ });
    this.pendingDrafts = this.draftReview.getByRole('list', { name: 'Pending drafts' }).getByRole('listitem');
    this.library = page.getByRole('region', { name: /^Template library/ });
    this.templates = this.library.getByRole('list', { name: 'Templates' }).getByRole('listitem');
    this.search = page.getByRole('searchbox', { name: 'Search templates' });
    this.category = page.getByRole('combobox', { name: 'Category', exact: true });
    this.language = page.getByRole('combobox', { name: 'Language', exact: true });
    this.detail = this.library.getByRole('article');
    this.preview = this.detail.getByRole('region', { name: 'Preview' });
    this.editButton = this.detail.getByRole('button', { name: 'Edit', exact: true });
    this.deleteButton = this.detail.getByRole('button', { name: 'Delete', exact: true });
    this.editDialog = page.getByRole('dialog', { name: 'Edit template' });
    this.deleteDialog = page.getByRole('dialog', { name: 'Delete this template?' });
    this.status = this.library.getByRole('status');
  }

  async goto(): Promise<void> {
    await this.page.goto('/scripts');
  }

  template(name: string): Locator {
    return this.templates.filter({ hasText: name });
  }

  draft(name: string): Locator {
    return this.pendingDrafts.filter({ hasText: name });
  }
}
