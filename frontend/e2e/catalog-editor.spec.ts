import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * A content editor, in Lithuanian, imports learning items from a CSV file: the check reports the
 * bad row and why and imports nothing; the corrected file imports two drafts; one is submitted
 * and published. Against the running platform.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DEMO_PASSWORD = process.env.DLA_E2E_DEMO_PASSWORD ?? 'Demo-2026-dla';
// The demo content editor (identity's demo people); no other journey edits the catalog.
const EDITOR = 'tomas.vaitkus@demo.dla.lt';

async function expectNoAxeViolations(page: Page) {
  // Same configuration as the other journeys: react-aria's live announcer is not page content.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('[data-live-announcer]').analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

async function signIn(page: Page) {
  await page.goto('/sign-in');
  await expect(page).toHaveURL(/\/sign-in\?return_to=/);
  const main = page.getByRole('main');
  await main.getByRole('textbox', { name: /^(E-mail address|El. pašto adresas)$/ }).fill(EDITOR);
  await main.getByLabel(/^(Password|Slaptažodis)$/).fill(DEMO_PASSWORD);
  await main.getByRole('button', { name: /^(Sign in|Prisijungti)$/ }).click();
  await expect(page.getByRole('button', { name: /^(Sign out|Atsijungti)$/ })).toBeVisible();
}

/** One CSV line: a cell with a comma, a quote mark or a line break is quoted, as spreadsheets do. */
function row(cells: string[]): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',');
}

const HEADER = 'external_id,kind,title_en,title_lt,summary_en,summary_lt,body_en,body_lt,duration_minutes,languages,competences';

/** A ministry's file: two lessons; `broken` makes the second one's Lithuanian title, duration and competence wrong. */
function csvFile(run: string, broken: boolean): { name: string; mimeType: string; buffer: Buffer } {
  const first = [
    `vrm-${run}-1`,
    'micro_lesson',
    `Locking your screen ${run}`,
    `Ekrano užrakinimas ${run}`,
    'Why a locked screen protects the data on your desk.',
    'Kodėl užrakintas ekranas saugo duomenis jūsų darbo vietoje.',
    '## Why\n\nLock it with **Windows + L** whenever you stand up.',
    '## Kodėl\n\nAtsistodami užrakinkite jį klavišais **Windows + L**.',
    '10',
    'en;lt',
    '4.1:1-2',
  ];
  const second = [
    `vrm-${run}-2`,
    'micro_lesson',
    `Spotting a phishing e-mail ${run}`,
    broken ? '' : `Kaip atpažinti sukčių laišką ${run}`,
    'Three signs that an e-mail is not what it seems.',
    'Trys ženklai, kad laiškas nėra toks, koks atrodo.',
    '',
    '',
    broken ? 'soon' : '15',
    'en;lt',
    broken ? '9.9:1-2' : '4.2:1-3',
  ];
  const text = [HEADER, row(first), row(second)].join('\r\n') + '\r\n';
  return { name: broken ? 'vrm-items.csv' : 'vrm-items-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') };
}

test('an editor imports a CSV file, fixes the reported row, and publishes an imported item', async ({ page }) => {
  test.setTimeout(120_000);
  // Unique per run, so the journey can run again against the same platform.
  const run = Date.now().toString(36);
  await signIn(page);

  // The interface in Lithuanian, whatever the profile chose.
  if ((await page.locator('html').getAttribute('lang')) !== 'lt') {
    await page.getByRole('banner').getByRole('radio', { name: 'Lietuvių' }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'lt');

  await page.getByRole('navigation', { name: 'Pagrindinis meniu' }).getByRole('link', { name: 'Katalogo redaktorius' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Katalogo redaktorius' })).toBeFocused();
  const main = page.getByRole('main');
  await expect(main.getByRole('table', { name: 'Mokymosi medžiaga' }).or(main.getByText(/Kataloge dar nėra medžiagos/))).toBeVisible();
  await expectNoAxeViolations(page);

  await main.getByRole('link', { name: 'Importuoti CSV' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Medžiagos importas iš CSV failo' })).toBeFocused();

  // The file with a bad row: the check reports the row and each reason, and nothing is imported.
  const fileInput = main.getByLabel('CSV failas');
  await fileInput.setInputFiles(csvFile(run, true));
  await main.getByRole('button', { name: 'Patikrinti failą' }).click();
  const check = main.getByRole('region', { name: 'Failo vrm-items.csv patikra' });
  await expect(check.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(check).toContainText('Eilučių: 2. Tinkamų: 1. Su klaidomis: 1.');
  const report = check.getByRole('table', { name: /Taisytinos eilutės/ });
  const badRows = report.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3 eilutė' }) });
  await expect(badRows).toHaveCount(3);
  await expect(badRows.filter({ hasText: 'title_lt' })).toContainText('Šis langelis privalomas, bet tuščias.');
  await expect(badRows.filter({ hasText: 'duration_minutes' })).toContainText('soon');
  await expect(badRows.filter({ hasText: 'duration_minutes' })).toContainText('Įrašykite sveiką minučių skaičių');
  await expect(badRows.filter({ hasText: 'competences' })).toContainText('Tai ne DigComp 2.2 kompetencija');
  await expect(report.getByRole('rowheader', { name: '2 eilutė' })).toHaveCount(0);
  await expect(check).toContainText('Kol bent vienoje eilutėje yra klaidų, niekas nebus importuota.');
  await expect(check.getByRole('button', { name: /Importuoti/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The corrected file: both rows valid; importing creates both (so the first check wrote nothing).
  await fileInput.setInputFiles(csvFile(run, false));
  await expect(check).toHaveCount(0);
  await main.getByRole('button', { name: 'Patikrinti failą' }).click();
  const recheck = main.getByRole('region', { name: 'Failo vrm-items-fixed.csv patikra' });
  await expect(recheck).toContainText('Eilučių: 2. Tinkamų: 2. Su klaidomis: 0.');
  await expect(recheck).toContainText('Importavus bus sukurta: 2, atnaujinta: 0, nepakeista: 0.');
  await recheck.getByRole('button', { name: 'Importuoti tinkamas eilutes (2)' }).click();
  const imported = main.getByRole('region', { name: 'Importuota' });
  await expect(imported.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(imported).toContainText('Sukurta: 2. Atnaujinta: 0. Nepakeista: 0.');
  await expect(imported.getByText('Sukurta (juodraštis)')).toHaveCount(2);

  // One of the new drafts: open it, submit it for review, publish it.
  await imported.getByRole('link', { name: `vrm-${run}-2` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Redaguojama: Kaip atpažinti sukčių laišką ${run}` })).toBeFocused();
  const texts = main.getByRole('region', { name: 'Tekstai' });
  await expect(texts.getByRole('textbox', { name: 'Pavadinimas (anglų)' })).toHaveValue(`Spotting a phishing e-mail ${run}`);
  await expect(texts.getByRole('textbox', { name: 'Pavadinimas (lietuvių)' })).toHaveValue(`Kaip atpažinti sukčių laišką ${run}`);
  const workflow = main.getByRole('region', { name: 'Peržiūra ir paskelbimas' });
  await expect(workflow).toContainText('būsena: Juodraštis.');
  await expectNoAxeViolations(page);

  await workflow.getByRole('button', { name: 'Pateikti peržiūrai' }).click();
  await expect(workflow.getByRole('status')).toHaveText('Pateikta peržiūrai.');
  await expect(workflow).toContainText('būsena: Peržiūrima.');
  await workflow.getByRole('button', { name: 'Paskelbti' }).click();
  await expect(workflow.getByRole('status')).toHaveText('Paskelbta: dabar besimokantieji gali ją rasti.');
  await expect(workflow).toContainText('būsena: Paskelbta.');

  // After a reload the item is still published, and the history has a version per step.
  await page.reload();
  await expect(main.getByRole('region', { name: 'Peržiūra ir paskelbimas' })).toContainText('būsena: Paskelbta.');
  const history = main.getByRole('table', { name: 'Šios medžiagos versijos, naujausios pirmos' });
  await expect(history.getByRole('row').nth(1)).toContainText('Paskelbta');
  await expect(history.getByRole('row').nth(2)).toContainText('Peržiūrima');
});
