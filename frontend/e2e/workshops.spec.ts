import { readFile } from 'node:fs/promises';

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';

import { mailedLink } from './mailbox';

/**
 * The DLA Forums against the running platform: the seed's two-seat workshop fills up. Learner A
 * registers (a seat) and adds the session to the calendar (.ics), learner B takes the last seat,
 * learner C (in Lithuanian) finds it full and joins the waiting list, first in line; the workshop's
 * organiser sees the three on the attendee list. A learner asks for a place in the workshop that
 * needs approval, and their supervisor approves it on "Requests to approve". Buttons are pressed
 * with the keyboard.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DEMO_PASSWORD = process.env.DLA_E2E_DEMO_PASSWORD ?? 'Demo-2026-dla';
// Demo learners no other journey uses, so their registrations are this journey's own.
const LEARNER_A = 'petras.kazlauskas@demo.dla.lt';
const LEARNER_B = 'greta.paulauskaite@demo.dla.lt';
const LEARNER_C = 'vytautas.butkus@demo.dla.lt';
// The seed makes this content editor an organiser of every demo workshop.
const ORGANISER = 'tomas.vaitkus@demo.dla.lt';
// The seed's workshop whose one session has two seats.
const WORKSHOP = { en: 'Open data clinic: your dataset, two seats', lt: 'Atvirųjų duomenų konsultacija: jūsų duomenų rinkinys, dvi vietos' };
// The seed's workshop that needs the supervisor's approval (two sessions), and a supervisor with one
// of her reports whom no other journey uses (Petras and Greta are learners A and B above; Ieva has
// not onboarded yet, so onboarding would come first at sign-in).
const DRILL = { en: 'Cyber incident drill: a half-day tabletop exercise', lt: 'Kibernetinio incidento pratybos: pusės dienos stalo žaidimas' };
const SUPERVISOR = 'ona.petraitiene@demo.dla.lt';
const REPORT = { login: 'andrius.zilinskas@demo.dla.lt', name: 'Andrius Žilinskas' };

async function expectNoAxeViolations(page: Page) {
  // Same configuration as the other journeys: react-aria's live announcer is not page content.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('[data-live-announcer]').analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Focuses `target` and presses a key on it, as a keyboard user would. */
async function press(target: Locator, key = 'Enter') {
  await target.focus();
  await target.press(key);
}

async function signIn(page: Page, login: string) {
  await page.goto('/sign-in');
  await expect(page).toHaveURL(/\/sign-in\?return_to=/);
  const main = page.getByRole('main');
  await main.getByRole('textbox', { name: /^(E-mail address|El. pašto adresas)$/ }).fill(login);
  await main.getByLabel(/^(Password|Slaptažodis)$/).fill(DEMO_PASSWORD);
  await main.getByRole('button', { name: /^(Sign in|Prisijungti)$/ }).click();
  await expect(page.getByRole('button', { name: /^(Sign out|Atsijungti)$/ })).toBeVisible();
  // The callback applies the profile's language before it moves on: choose ours after that.
  await expect(page).not.toHaveURL(/\/auth\/callback/);
}

async function useLanguage(page: Page, language: 'en' | 'lt') {
  if ((await page.locator('html').getAttribute('lang')) !== language) {
    await page.getByRole('banner').getByRole('radio', { name: language === 'en' ? 'English' : 'Lietuvių' }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** A signed-in page of its own (cookies, tokens) for one person. */
async function personPage(browser: Browser, login: string, language: 'en' | 'lt'): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, login);
  await useLanguage(page, language);
  return page;
}

/** From the main navigation to a workshop's page (the two-seat one unless told); returns its first session. */
async function openWorkshop(page: Page, language: 'en' | 'lt', workshop = WORKSHOP, sessionCount = 1): Promise<Locator> {
  await page.getByRole('navigation', { name: language === 'en' ? 'Main' : 'Pagrindinis meniu' }).getByRole('link', { name: language === 'en' ? 'Workshops' : 'Seminarai', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: workshop[language], exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: workshop[language] })).toBeFocused();
  const sessions = page.getByRole('region', { name: language === 'en' ? 'Sessions' : 'Užsiėmimai' }).getByRole('listitem');
  await expect(sessions).toHaveCount(sessionCount);
  return sessions.first();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

/** Registers through the session's "Register" button, unless an earlier run against this platform did. */
async function takeSeat(session: Locator) {
  const register = session.getByRole('button', { name: 'Register', exact: true });
  const text = 'You are registered: your seat is confirmed.';
  const confirmed = session.getByText(text);
  await expect(register.or(confirmed)).toBeVisible();
  if (await register.isVisible()) {
    await press(register);
    // Focus goes to what happened, as the button is gone.
    await expect(session.getByRole('status').filter({ hasText: text })).toBeFocused();
  }
  await expect(confirmed).toBeVisible();
}

test('a two-seat workshop fills up: two learners register, the third joins the waiting list, the .ics downloads', async ({ browser }) => {
  test.setTimeout(180_000);

  // Learner A: the list (and its calendar view), the workshop, a seat, the calendar file, my workshops.
  const a = await personPage(browser, LEARNER_A, 'en');
  await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workshops', exact: true }).click();
  await expect(a.getByRole('heading', { level: 1, name: 'Workshops (DLA Forums)' })).toBeFocused();
  const list = a.getByRole('main');
  await expect(list.getByRole('link', { name: WORKSHOP.en, exact: true })).toBeVisible();
  const card = list.getByRole('listitem').filter({ has: a.getByRole('link', { name: WORKSHOP.en, exact: true }) });
  await expect(card).toContainText('(Vilnius time)');
  await expectNoAxeViolations(a);

  await press(list.getByRole('radiogroup', { name: 'View' }).getByRole('radio', { name: 'Calendar' }), 'Space');
  await expect(list.getByRole('table', { name: /^Workshop sessions in / })).toBeVisible();
  // The grid opens on the month of the soonest session; the clinic (8 days ahead) may be in the next one.
  const inCalendar = list.getByRole('table').getByRole('link', { name: new RegExp(`${escapeRegExp(WORKSHOP.en)}$`) });
  if (!(await inCalendar.isVisible())) await press(list.getByRole('button', { name: 'Next month' }));
  await expect(inCalendar).toBeVisible();
  await expectNoAxeViolations(a);
  await press(list.getByRole('radiogroup', { name: 'View' }).getByRole('radio', { name: 'List' }), 'Space');

  const sessionA = await openWorkshop(a, 'en');
  await expect(sessionA.getByRole('heading', { level: 3 })).toContainText('(Vilnius time)');
  await expectNoAxeViolations(a);
  await takeSeat(sessionA);

  const downloading = a.waitForEvent('download');
  await press(sessionA.getByRole('button', { name: 'Add to calendar (.ics)' }));
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^dla-workshop-[0-9a-f-]+\.ics$/);
  const ics = await readFile(await download.path(), 'utf-8');
  expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
  expect(ics).toContain('BEGIN:VEVENT');
  await expect(sessionA.getByText(/The calendar file \(\.ics\) is downloaded/)).toBeVisible();

  await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My workshops' }).click();
  await expect(a.getByRole('heading', { level: 1, name: 'My workshops' })).toBeFocused();
  const upcoming = a.getByRole('table', { name: 'Upcoming' });
  const row = upcoming.getByRole('row').filter({ has: a.getByRole('rowheader', { name: WORKSHOP.en }) });
  await expect(row).toContainText('You are registered: your seat is confirmed.');
  await expect(a.getByRole('button', { name: 'Download all (.ics)' })).toBeVisible();
  await expectNoAxeViolations(a);
  await a.context().close();

  // Learner B takes the other seat.
  const b = await personPage(browser, LEARNER_B, 'en');
  await takeSeat(await openWorkshop(b, 'en'));
  await b.context().close();

  // Learner C, in Lithuanian, finds the session full and joins the waiting list: first in line.
  const c = await personPage(browser, LEARNER_C, 'lt');
  const sessionC = await openWorkshop(c, 'lt');
  await expect(sessionC).toContainText('Visos užimtos – galite įsirašyti į laukiančiųjų sąrašą.');
  const join = sessionC.getByRole('button', { name: 'Įsirašyti į laukiančiųjų sąrašą' });
  const firstInLine = /Esate laukiančiųjų sąraše, jūsų eilės numeris: 1\./;
  const waiting = sessionC.getByText(firstInLine);
  await expect(join.or(waiting)).toBeVisible();
  if (await join.isVisible()) {
    await press(join);
    await expect(sessionC.getByRole('status').filter({ hasText: firstInLine })).toBeFocused();
  }
  await expect(waiting).toBeVisible();
  await expect(sessionC.getByRole('button', { name: 'Išsibraukti iš laukiančiųjų sąrašo' })).toBeVisible();
  await expectNoAxeViolations(c);

  await c.getByRole('navigation', { name: 'Pagrindinis meniu' }).getByRole('link', { name: 'Mano seminarai' }).click();
  await expect(c.getByRole('table', { name: 'Artėjantys' }).getByRole('row').filter({ hasText: WORKSHOP.lt })).toContainText('eilės numeris: 1');
  await expectNoAxeViolations(c);
  await c.context().close();

  // The organiser sees both seats taken and one person waiting.
  const organiser = await personPage(browser, ORGANISER, 'en');
  const sessionO = await openWorkshop(organiser, 'en');
  await press(sessionO.getByRole('link', { name: 'Attendance list' }));
  await expect(organiser.getByRole('heading', { level: 1, name: 'Record attendance' })).toBeFocused();
  const facts = organiser.getByRole('main').getByRole('definition');
  await expect(facts.nth(0)).toHaveText('2');
  await expect(facts.nth(1)).toHaveText('1');
  await expect(organiser.getByRole('table', { name: 'Registered people' }).getByRole('rowheader')).toHaveCount(3);
  await expectNoAxeViolations(organiser);
  await organiser.context().close();
});

test('a supervisor approves the request of a person she supervises on "Requests to approve", by keyboard, accessibly', async ({ page }) => {
  test.setTimeout(120_000);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const confirmedText = 'You are registered: your seat is confirmed.';

  // The report asks for a place in the drill's first session: it waits for the supervisor.
  await signIn(page, REPORT.login);
  await useLanguage(page, 'en');
  const session = await openWorkshop(page, 'en', DRILL, 2);
  const drillPath = new URL(page.url()).pathname;
  await expect(page.getByRole('main')).toContainText('Your supervisor approves your registration.');
  const when = (await session.getByRole('heading', { level: 3 }).innerText()).replace(/\s*\(Vilnius time\)$/, '');
  // An earlier run against this platform left a registration: give it back, so the request is new.
  const cancel = session.getByRole('button', { name: 'Cancel registration', exact: true });
  const register = session.getByRole('button', { name: 'Register', exact: true });
  await expect(register.or(cancel)).toBeVisible();
  if (await cancel.isVisible()) {
    await press(cancel);
    await press(page.getByRole('alertdialog', { name: 'Cancel your registration?' }).getByRole('button', { name: 'Yes, cancel my registration' }));
    await expect(session.getByRole('status').filter({ hasText: 'Your registration is cancelled.' })).toBeFocused();
  }
  await press(register);
  const waiting = session.getByRole('status').filter({ hasText: "Your registration is waiting for your supervisor's approval." });
  await expect(waiting).toBeFocused();
  await expect(session.getByRole('button', { name: 'Cancel registration', exact: true })).toBeVisible();
  await expect(session.getByRole('button', { name: 'Add to calendar (.ics)' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Nobody reports to them: no requests to approve in their navigation.
  await expect(nav.getByRole('link', { name: 'My workshops' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Requests to approve' })).toHaveCount(0);
  await signOut(page);

  // Identity mailed the supervisor a link to her requests; she finds it on "Requests to approve"
  // and approves it.
  expect(await mailedLink(page.request, SUPERVISOR, '/me/approvals', 'workshop_approval_request')).toBe('/me/approvals');
  await signIn(page, SUPERVISOR);
  await useLanguage(page, 'en');
  await nav.getByRole('link', { name: 'Requests to approve' }).click();
  await expect(page).toHaveURL(/\/me\/approvals$/);
  const heading = page.getByRole('heading', { level: 1, name: 'Requests to approve' });
  await expect(heading).toBeFocused();
  const table = page.getByRole('table', { name: 'Requests waiting for your decision' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: REPORT.name, exact: true }) }).filter({ hasText: DRILL.en });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: DRILL.en, exact: true })).toBeVisible();
  await expect(row).toContainText(when);
  await expectNoAxeViolations(page);

  const approve = row.getByRole('button', { name: 'Approve', exact: true });
  await expect(approve).toHaveAccessibleDescription(new RegExp(`^${escapeRegExp(REPORT.name)} ${escapeRegExp(DRILL.en)} `));
  await press(approve);
  await expect(page.getByRole('status').filter({ hasText: `${REPORT.name}: approved for “${DRILL.en}”. The seat is confirmed.` })).toBeVisible();
  await expect(row).toHaveCount(0);
  // The pressed button went with its row: focus is on the request now in its place, or on the heading.
  await expect(page.locator('h1:focus, th[scope="row"]:focus')).toHaveCount(1);
  if ((await table.count()) === 0) {
    await expect(heading).toBeFocused();
    await expect(page.getByText('No requests wait for you.')).toBeVisible();
  }
  await expectNoAxeViolations(page);
  await signOut(page);

  // The report's seat is confirmed, by e-mail (with the workshop's link) and on "My workshops".
  expect(await mailedLink(page.request, REPORT.login, drillPath, 'workshop_confirmed')).toBe(drillPath);
  await signIn(page, REPORT.login);
  await useLanguage(page, 'en');
  await nav.getByRole('link', { name: 'My workshops' }).click();
  await expect(page).toHaveURL(/\/me\/registrations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'My workshops' })).toBeFocused();
  const mine = page.getByRole('table', { name: 'Upcoming' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: DRILL.en }) });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(confirmedText);
  await expectNoAxeViolations(page);
  await signOut(page);
});
