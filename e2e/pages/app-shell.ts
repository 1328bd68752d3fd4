import type { Locator, Page } from '@playwright/test';

/** The signed-in frame: main navigation, who is signed in, and Sign out. */
export class AppShell {
  readonly sidebar: Locator;
  readonly navigation: Locator;
  readonly signOutButton: Locator;
  readonly menuButton: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('complementary', { name: 'Sidebar' });
    this.navigation = page.getByRole('navigation', { name: 'Main' });
    this.signOutButton = page.getByRole('button', { name: 'Sign out', exact: true });
    this.menuButton = page.getByRole('button', { name: 'Menu' });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  navLink(name: 'Pilot' | 'Script Builder' | 'Scripts' | 'Settings'): Locator {
    return this.navigation.getByRole('link', { name, exact: true });
  }

  async goTo(name: 'Pilot' | 'Script Builder' | 'Scripts' | 'Settings'): Promise<void> {
    await this.navLink(name).click();
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}
