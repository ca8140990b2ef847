import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * The learner's skills test in Lithuanian, answered with the keyboard only, against the running
 * platform: start, pause and resume, every question to the end, the result, printing it.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DEMO_PASSWORD = process.env.DLA_E2E_DEMO_PASSWORD ?? 'Demo-2026-dla';
// A demo learner no other journey uses, so this one's test history is its own.
const LEARNER = 'karolis.ramanauskas@demo.dla.lt';
// The engine stops at its maximum length at the latest (40 by default).
const MAX_QUESTIONS = 60;

async function expectNoAxeViolations(page: Page) {
  // Same configuration as the identity journeys: react-aria's live announcer is not page content.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('[data-live-announcer]').analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, maxPresses = 40) {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function press(page: Page, target: Locator, key = 'Enter') {
  await tabTo(page, target);
  await page.keyboard.press(key);
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

/** Answers the question on screen with the keyboard: the first choice, or an order after one move. */
async function answerByKeyboard(page: Page) {
  const main = page.getByRole('main');
  const moveDown = main.getByRole('button', { name: /^Žemyn: / });
  const radioGroups = main.getByRole('radiogroup');
  const checkboxes = main.getByRole('checkbox');
  if ((await moveDown.count()) > 0) {
    await press(page, moveDown.first());
    await expect(main.getByRole('status').filter({ hasText: /dabar yra 2 iš \d+/ })).toHaveCount(1);
    return;
  }
  const groups = await radioGroups.count();
  if (groups > 0) {
    // One radio group for a single choice; one per option for matching.
    for (let i = 0; i < groups; i += 1) {
      await press(page, radioGroups.nth(i).getByRole('radio').first(), 'Space');
      await expect(radioGroups.nth(i).getByRole('radio').first()).toBeChecked();
    }
    return;
  }
  await press(page, checkboxes.first(), 'Space');
  await expect(checkboxes.first()).toBeChecked();
}

test('a learner takes the skills test in Lithuanian by keyboard, pauses and resumes, and prints the result', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page);

  // Whatever the profile chose, switch the interface to Lithuanian with the keyboard.
  const languages = page.getByRole('banner').getByRole('radiogroup', { name: /^(Language|Kalba)$/ });
  await languages.getByRole('radio', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await languages.getByRole('radio', { name: 'English' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.locator('html')).toHaveAttribute('lang', 'lt');

  const nav = page.getByRole('navigation', { name: 'Pagrindinis meniu' });
  await nav.getByRole('link', { name: 'Įgūdžių testas' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Skaitmeninių įgūdžių testas' })).toBeFocused();
  await expect(page.getByText('Laikas neribojamas.', { exact: false })).toBeVisible();

  const main = page.getByRole('main');
  const start = main.getByRole('button', { name: 'Pradėti testą', exact: true });
  const carryOn = main.getByRole('button', { name: /^(Tęsti testą|Tęsti sustabdytą testą)$/ });
  await expect(start.or(carryOn)).toBeVisible();
  if (await start.isVisible()) {
    await expect(main.getByRole('radiogroup', { name: 'Klausimų kalba' }).getByRole('radio', { name: 'Lietuvių' })).toBeChecked();
    // The optional self-assessment opens with the keyboard; one area is rated, the rest skipped.
    const self = main.getByRole('button', { name: 'Neprivaloma: ką jau mokate', exact: true });
    await press(page, self);
    await expect(self).toHaveAttribute('aria-expanded', 'true');
    await press(page, main.getByRole('radiogroup', { name: 'Sauga' }).getByRole('radio').first(), 'Space');
    await expectNoAxeViolations(page);
    await press(page, start);
  } else {
    // A run before this one left its test open on this platform: go on with it.
    await press(page, carryOn);
  }
  const question = main.getByRole('heading', { level: 2, name: /^\d+ klausimas$/ });
  const finishHeading = main.getByRole('heading', { level: 2, name: 'Atsakėte į visus klausimus' });
  const cooldown = main.getByText(/Testą laikėte neseniai/);
  await expect(question.or(finishHeading).or(cooldown)).toBeVisible();
  // Against a platform that has run this journey before, retakes need DLA_ASSESSMENT_RETAKE_COOLDOWN_DAYS=0.
  await expect(cooldown, 'a new test may be started').toHaveCount(0);

  const progress = main.getByRole('progressbar', { name: 'Eiga' });
  let paused = false;
  let checkedAccessibility = false;

  for (let answered = 0; answered < MAX_QUESTIONS; answered += 1) {
    await expect(question.or(finishHeading)).toBeVisible();
    if (await finishHeading.isVisible()) break;
    await expect(question).toBeFocused();
    const title = (await question.textContent()) ?? '';
    await expect(progress).toHaveAttribute('aria-valuetext', new RegExp(`^${title} · `));
    if (!checkedAccessibility) {
      await expectNoAxeViolations(page);
      checkedAccessibility = true;
    }

    if (!paused && answered === 1) {
      paused = true;
      await press(page, main.getByRole('button', { name: 'Sustabdyti', exact: true }));
      await expect(main.getByRole('heading', { level: 2, name: 'Jūsų testas sustabdytas' })).toBeVisible();
      await press(page, main.getByRole('button', { name: 'Tęsti sustabdytą testą', exact: true }));
      // The same question again, on the same position.
      await expect(question).toHaveText(title);
      await expect(question).toBeFocused();
    }

    await answerByKeyboard(page);
    await press(page, main.getByRole('button', { name: 'Toliau', exact: true }));
    await expect(question.or(finishHeading)).not.toHaveText(title);
  }
  expect(paused, 'the test was long enough to pause once').toBe(true);

  await expect(finishHeading).toBeVisible();
  await press(page, main.getByRole('button', { name: 'Baigti ir pamatyti rezultatą', exact: true }));

  await expect(page).toHaveURL(/\/assessment\/results\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Jūsų skaitmeninių įgūdžių rezultatas' })).toBeVisible();
  const table = main.getByRole('table', { name: 'Jūsų lygis kiekvienoje srityje' });
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(main.getByRole('img', { name: /^Jūsų lygių diagrama:/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The Print button opens the browser's print dialog; here it is replaced to see that it was asked for.
  await page.evaluate(() => {
    window.print = () => {
      document.documentElement.dataset.printed = 'yes';
    };
  });
  await press(page, main.getByRole('button', { name: 'Spausdinti', exact: true }));
  await expect(page.locator('html')).toHaveAttribute('data-printed', 'yes');

  // The review folds open with the keyboard (it comes after the Print button).
  const firstReview = main.getByRole('button', { name: /^1 klausimas: / });
  await press(page, firstReview);
  await expect(firstReview).toHaveAttribute('aria-expanded', 'true');
  await expect(main.getByText('Jūsų atsakymas').first()).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(main.getByRole('button', { name: 'Spausdinti', exact: true })).toBeHidden();
  await expect(table).toBeVisible();
  // Printing unfolds every answer, the folded ones too.
  await expect(main.getByText('Jūsų atsakymas', { exact: true }).last()).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  await page.emulateMedia({ media: 'screen' });

  await main.getByRole('link', { name: 'Peržiūrėti visus rezultatus' }).focus();
  await page.keyboard.press('Enter');
  await expect(main.getByRole('table', { name: 'Jūsų lygis kiekvienoje srityje, testas po testo' })).toBeVisible();
  await expectNoAxeViolations(page);
});
