import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * A learner finds a lesson in the Lithuanian catalog by a search typed without diacritics, reads
 * it, marks it done and rates it, with the keyboard where it matters, against the running platform.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DEMO_PASSWORD = process.env.DLA_E2E_DEMO_PASSWORD ?? 'Demo-2026-dla';
// A demo learner no other journey uses, so this one's ratings and progress are its own.
const LEARNER = 'jurgita.sakalauskiene@demo.dla.lt';
// The seed's foundation lesson of competence 4.1 (Protecting devices), in Lithuanian.
const LESSON = 'Kas yra saugus slaptažodis ir kaip jį susikurti';

async function expectNoAxeViolations(page: Page) {
  // Same configuration as the other journeys: react-aria's live announcer is not page content.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('[data-live-announcer]').analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Presses Tab until focus is somewhere inside `container` (a group that is one tab stop). */
async function tabInto(page: Page, container: Locator, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    if (await container.evaluate((el) => el.contains(document.activeElement))) return;
  }
  throw new Error(`Tab never reached into ${container.toString()}`);
}

async function signIn(page: Page) {
  await page.goto('/sign-in');
  await expect(page).toHaveURL(/\/sign-in\?return_to=/);
  const main = page.getByRole('main');
  await main.getByRole('textbox', { name: /^(E-mail address|El. pašto adresas)$/ }).fill(LEARNER);
  await main.getByLabel(/^(Password|Slaptažodis)$/).fill(DEMO_PASSWORD);
  await main.getByRole('button', { name: /^(Sign in|Prisijungti)$/ }).click();
  await expect(page.getByRole('button', { name: /^(Sign out|Atsijungti)$/ })).toBeVisible();
}

test('a learner finds a lesson by a Lithuanian search with a typo, reads it, marks it done and rates it', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);

  // The interface in Lithuanian, whatever the profile chose.
  if ((await page.locator('html').getAttribute('lang')) !== 'lt') {
    await page.getByRole('banner').getByRole('radio', { name: 'Lietuvių' }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'lt');

  const nav = page.getByRole('navigation', { name: 'Pagrindinis meniu' });
  await nav.getByRole('link', { name: 'Mokymosi katalogas' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Mokymosi katalogas' })).toBeFocused();
  const main = page.getByRole('main');
  const results = main.getByRole('region', { name: 'Rezultatai' });
  const summary = results.getByRole('status');
  await expect(summary).toHaveText(/^Rodoma 1–\d+ iš \d+$/);
  await expectNoAxeViolations(page);

  // "slaptazodis": the word typed without its diacritics, as on a keyboard with no Lithuanian layout.
  const box = main.getByRole('searchbox', { name: 'Ieškoti kataloge' });
  await tabTo(page, box);
  await page.keyboard.type('slaptazodis');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/catalog\?q=slaptazodis$/);
  await expect(summary).toHaveText(/^Rodoma 1–\d+ iš \d+$/);
  const lessonLink = results.getByRole('link', { name: LESSON });
  await expect(lessonLink).toBeVisible();
  await expect(main.getByRole('button', { name: /Rikiuoti/ })).toContainText('Pagal tinkamumą');
  await expectNoAxeViolations(page);

  await lessonLink.focus();
  await page.keyboard.press('Enter');
  const title = page.getByRole('heading', { level: 1, name: LESSON });
  await expect(title).toBeFocused();
  await expect(page).toHaveTitle(`${LESSON} · DLA`);
  const lesson = main.getByRole('region', { name: 'Pamoka' });
  await expect(lesson.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(lesson).toContainText('slaptažod');
  // Reading it: to the end of the lesson.
  await lesson.locator('p').last().scrollIntoViewIfNeeded();
  await expectNoAxeViolations(page);

  // Mark as done: the news is announced where focus goes (a run before this one marked it already; the
  // service answers the same, so the page does too).
  const done = main.getByRole('button', { name: 'Pažymėti, kad baigiau' });
  await tabTo(page, done);
  await page.keyboard.press('Enter');
  const marked = main.getByRole('status').filter({ hasText: 'Pažymėta, kad baigėte' });
  await expect(marked).toBeFocused();

  // Rate it: five stars with the keyboard (arrows move within the group), and a comment.
  const stars = main.getByRole('radiogroup', { name: 'Jūsų įvertinimas' });
  const five = stars.getByRole('radio', { name: '5 iš 5: puikiai' });
  // The group is one tab stop (its first star, or the one chosen on an earlier run).
  await tabInto(page, stars);
  for (let press = 0; press < 5 && !(await five.isChecked()); press += 1) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(five).toBeChecked();
  await expect(five).toBeFocused();
  const comment = main.getByRole('textbox', { name: 'Komentaras (neprivaloma)' });
  await comment.fill('Aišku ir trumpai – slaptafrazę susikūriau iš karto.');
  await main.getByRole('button', { name: /^(Išsaugoti|Atnaujinti) įvertinimą$/ }).click();
  await expect(main.getByRole('status').filter({ hasText: 'Ačiū! Jūsų įvertinimas išsaugotas.' })).toBeVisible();
  await expect(main.getByText(/^\d,\d iš 5 \(įvertinimų: [1-9]\d*\)$/)).toBeVisible();
  await expect(main.getByRole('button', { name: 'Atnaujinti įvertinimą' })).toBeVisible();
  await expectNoAxeViolations(page);

  // After a reload the rating is the reader's own, ready to change.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: LESSON })).toBeVisible();
  await expect(five).toBeChecked();
  await expect(comment).toHaveValue('Aišku ir trumpai – slaptafrazę susikūriau iš karto.');
});
