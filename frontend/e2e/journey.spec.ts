import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, key = 'Tab', maxPresses = 25) {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('a visitor reaches the catalog by keyboard, switches to Lithuanian, and the page stays accessible', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Grow your digital skills' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page);

  // The skip link comes first and lands on main.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();

  await tabTo(page, page.getByRole('link', { name: 'Browse the learning catalog' }));
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/catalog$/);
  const heading = page.getByRole('heading', { level: 1, name: 'Learning catalog' });
  await expect(heading).toBeFocused();
  await expect(page).toHaveTitle('Learning catalog · DLA');
  // Either a page of items or the empty state: both are real answers from the catalog service.
  await expect(page.getByText(/^Showing \d+–\d+ of \d+$|^No learning items match these filters\.$/)).toBeVisible();
  await expectNoAxeViolations(page);

  // The language buttons are one tab stop above the page (back from its heading); arrows move
  // between them, Space chooses.
  await tabTo(page, page.getByRole('radio', { name: 'English' }), 'Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Lietuvių' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { level: 1, name: 'Mokymosi katalogas' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'lt');
  await expect(page).toHaveTitle('Mokymosi katalogas · DLA');
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Mokymosi katalogas' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'lt');
  await expect(page.getByRole('navigation', { name: 'Pagrindinis meniu' })).toBeVisible();
});

test('an unknown address shows the not-found page, accessibly', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grow your digital skills' })).toBeFocused();
});
