import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

import { mailedLink } from './mailbox';

/**
 * Journeys through the identity screens against the running platform (make run, development
 * environment: the dev mailbox at /api/identity/dev/mailbox holds the e-mails identity sent).
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DEMO_PASSWORD = process.env.DLA_E2E_DEMO_PASSWORD ?? 'Demo-2026-dla';

async function expectNoAxeViolations(page: Page) {
  // react-aria's live announcer keeps each announcement a few seconds, pointing (aria-labelledby) at
  // the option just chosen in a now-closed list box; it is not page content.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('[data-live-announcer]').analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await expect(page).toHaveURL(/\/sign-in\?return_to=/);
  const main = page.getByRole('main');
  await main.getByRole('textbox', { name: 'E-mail address' }).fill(email);
  await main.getByLabel('Password').fill(password);
  await main.getByRole('button', { name: 'Sign in' }).click();
}

test('a new person registers with the ALTCHA check, signs in, fills in the profile in Lithuanian and signs out', async ({ page }) => {
  const email = `e2e-${Date.now()}@demo.dla.lt`;
  await page.goto('/register');
  await page.getByRole('radio', { name: 'Lietuvių' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Susikurkite DLA paskyrą' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Vardas ir pavardė' }).fill('Eglė Testuotoja');
  await page.getByRole('textbox', { name: 'Darbo el. pašto adresas' }).fill(email);
  await page.getByLabel('Slaptažodis', { exact: true }).fill('mano ilgas slaptas sakinys');
  const check = page.getByRole('group', { name: 'Apsauga nuo šlamšto' });
  await check.getByRole('checkbox', { name: 'Aš nesu robotas' }).click();
  await expect(check.getByText('Patvirtinta')).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sukurti paskyrą' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Patikrinkite el. paštą' })).toBeVisible();

  await page.goto(await mailedLink(page.request, email, '/verify-email'));
  await expect(page.getByText('Jūsų el. pašto adresas patvirtintas. Dabar galite prisijungti.')).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: 'Prisijungti' }).click();

  // The SPA starts the code + PKCE flow; the provider has no session yet and shows its sign-in page.
  await expect(page).toHaveURL(/\/sign-in\?return_to=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Prisijungimas prie DLA' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('textbox', { name: 'El. pašto adresas' }).fill(email);
  await page.getByLabel('Slaptažodis').fill('mano ilgas slaptas sakinys');
  await page.getByRole('main').getByRole('button', { name: 'Prisijungti' }).click();

  await expect(page).toHaveURL(/\/onboarding/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sveiki atvykę į DLA' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Pareigos' }).fill('Vyresnioji patarėja');
  await page.getByRole('textbox', { name: 'Ką dirbate' }).fill('Rengiu skaitmeninės politikos dokumentus.');
  await page.getByRole('button', { name: /Pareigybės profilis/ }).click();
  await page.getByRole('option', { name: 'Politikos analitikas' }).click();
  await expect(page.getByRole('radiogroup', { name: 'DLA kalba' }).getByRole('radio', { name: 'Lietuvių' })).toBeChecked();
  await page.getByRole('textbox', { name: 'Mokymosi laikas per savaitę, minutėmis' }).fill('90');
  // react-aria checkboxes: the visible label takes the click, as it does for a person.
  await page.getByText('Didesnis tekstas', { exact: true }).click();
  await expect(page.getByRole('checkbox', { name: 'Didesnis tekstas' })).toBeChecked();
  await page.getByText('Bendrinti mano asmeninius rezultatus su vadovu', { exact: true }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Išsaugoti ir tęsti' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveClass(/pref-larger-text/);
  await expect(page.getByText('Prisijungę: Eglė Testuotoja')).toBeVisible();
  await page.getByRole('link', { name: 'Mano profilis' }).click();
  await expect(page.getByRole('textbox', { name: 'Pareigos' })).toHaveValue('Vyresnioji patarėja');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Atsijungti' }).click();
  await expect(page.getByRole('button', { name: 'Prisijungti' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mano profilis' })).toHaveCount(0);

});

test('an organisation administrator invites a person with HR rights, and the person accepts', async ({ page }) => {
  const email = `invited-${Date.now()}@vrm.lt`;
  await signInAs(page, 'rasa.kazlauskiene@demo.dla.lt', DEMO_PASSWORD);
  // Signing in switches to the language of Rasa's profile (Lithuanian); this journey reads English.
  await expect(page.getByText('Prisijungę: Rasa Kazlauskienė')).toBeVisible();
  await page.getByRole('banner').getByRole('radio', { name: 'English' }).click();
  await expect(page.getByText('Signed in as Rasa Kazlauskienė')).toBeVisible();

  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'People' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Invite a person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a person' });
  await dialog.getByRole('textbox', { name: 'E-mail address' }).fill(email);
  await dialog.getByRole('textbox', { name: 'Full name' }).fill('Kviestinė Personalo');
  await dialog.getByRole('button', { name: /Unit/ }).click();
  await page.getByRole('option', { name: /Ministry of the Interior/ }).click();
  await dialog.getByText('HR manager', { exact: true }).click();
  await expect(dialog.getByRole('checkbox', { name: 'HR manager' })).toBeChecked();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`An invitation was sent to ${email}.`)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  await page.goto(await mailedLink(page.request, email, '/invitation'));
  await expect(page.getByText(`You have been invited to DLA as ${email}.`, { exact: false })).toBeVisible();
  await page.getByLabel('New password').fill('my own long pass phrase');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByText('Your account is ready.', { exact: false })).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();

  // Signed in already by accepting: the provider comes straight back, and the rights are in the token.
  await expect(page).toHaveURL(/\/onboarding/);
  await expect(page.getByRole('link', { name: 'Administration' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('one browser signing in never signs in another', async ({ page, browser }) => {
  await signInAs(page, 'jonas.jonaitis@demo.dla.lt', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: /^(Sign out|Atsijungti)$/ })).toBeVisible();

  const stranger = await browser.newContext();
  try {
    const session = await stranger.request.get('/api/identity/auth/session');
    expect(await session.json()).toEqual({ signed_in: false, person: null });
  } finally {
    await stranger.close();
    await page.getByRole('button', { name: /^(Sign out|Atsijungti)$/ }).click();
  }
});

test('a platform administrator uses every administration screen, by keyboard where it matters, accessibly', async ({ page }) => {
  await signInAs(page, 'admin@demo.dla.lt', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: /^(Sign out|Atsijungti)$/ })).toBeVisible();
  await page.getByRole('banner').getByRole('radio', { name: 'English' }).click();

  await page.getByRole('link', { name: 'Administration' }).click();
  const tree = page.getByRole('treegrid', { name: 'Organisation tree' });
  await expect(tree).toBeVisible();
  await tree.getByRole('row', { name: /Lithuania/ }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'People in this organisation' })).toBeVisible();
  await expectNoAxeViolations(page);

  const admin = page.getByRole('navigation', { name: 'Administration' });
  await admin.getByRole('link', { name: 'People' }).click();
  await page.getByRole('searchbox', { name: 'Name or e-mail address' }).fill('petras');
  await page.keyboard.press('Enter');
  await page.getByRole('table', { name: 'People' }).getByRole('link', { name: /Petras/ }).first().click();
  await expect(page.getByRole('region', { name: 'Roles and rights' })).toBeVisible();
  await expectNoAxeViolations(page);

  await admin.getByRole('link', { name: 'API clients' }).click();
  await expect(page.getByRole('table', { name: 'API clients' }).getByText('vrm-hr-system')).toBeVisible();
  await page.getByRole('button', { name: 'Create API client' }).click();
  const create = page.getByRole('dialog', { name: 'Create an API client' });
  await create.getByRole('textbox', { name: /Name/ }).fill(`E2E sync ${Date.now()}`);
  await create.getByRole('button', { name: /Organisation/ }).click();
  await page.getByRole('option', { name: /Ministry of the Interior/ }).click();
  await expectNoAxeViolations(page);
  await create.getByRole('button', { name: 'Create client' }).click();
  const secret = page.getByRole('alertdialog', { name: 'Copy the client secret now' });
  await expect(secret.getByRole('textbox', { name: 'Client secret' })).not.toHaveValue('');
  await expectNoAxeViolations(page);
  await secret.getByRole('button', { name: 'I have stored the secret' }).click();
  await expect(secret).toHaveCount(0);

  await admin.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('table', { name: 'Audit events, newest first' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'My data' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my data' }).click();
  expect((await download).suggestedFilename()).toMatch(/^dla-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(page.getByText('Your data was downloaded.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
