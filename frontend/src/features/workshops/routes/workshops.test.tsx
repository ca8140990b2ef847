import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { problem, sentRequests, serveApi } from '@/testing/fake-api';
import { frameworkHandler } from '@/testing/framework';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { WorkshopSummary } from '../api/types';
import { makeSession, makeWorkshop, page } from '../testing/fake-workshops';

const online = makeWorkshop({
  item_id: 'aaaaaaaa-0000-4000-8000-000000000002',
  title: { en: 'Online meetings that work', lt: 'Veiksmingi nuotoliniai susitikimai' },
  format: 'online',
  competences: ['2.4'],
  mentors: [],
  sessions: [
    makeSession({
      id: 'bbbbbbbb-0000-4000-8000-000000000002',
      starts_at: '2030-01-22T12:30:00Z',
      ends_at: '2030-01-22T14:00:00Z',
      capacity: 2,
      confirmed: 2,
      seats_left: 0,
      waitlist_length: 1,
    }),
    makeSession({ id: 'bbbbbbbb-0000-4000-8000-000000000003', starts_at: '2030-02-03T12:30:00Z', ends_at: '2030-02-03T14:00:00Z' }),
  ],
});

function serve(workshops: WorkshopSummary[] = [makeWorkshop(), online]) {
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
    'GET /api/catalog/workshops': (url) => {
      const format = url.searchParams.get('format');
      const limit = Number(url.searchParams.get('limit'));
      const items = workshops.filter((workshop) => !format || workshop.format === format);
      return page(items, limit);
    },
  });
}

function lastQuery() {
  return Object.fromEntries(sentRequests('GET', '/api/catalog/workshops').at(-1)?.url.searchParams ?? []);
}

describe('the workshops list', () => {
  it('shows each workshop with its format, mentors, next session in Vilnius time and seats', async () => {
    serve();
    renderApp('/workshops');

    const first = (await screen.findByRole('link', { name: 'Data protection in practice' })).closest('li') as HTMLElement;
    expect(within(first).getByRole('link', { name: 'Data protection in practice' })).toHaveAttribute('href', '/workshops/aaaaaaaa-0000-4000-8000-000000000001');
    expect(first).toHaveTextContent('FormatIn person');
    expect(first).toHaveTextContent('MentorsIeva Kalnietė and Tomas Rimkus');
    // 08:00 UTC in January is 10:00 in Vilnius.
    expect(first).toHaveTextContent('Next sessionTuesday, January 15, 2030, 10:00 AM – 12:00 PM (Vilnius time)');
    expect(first).toHaveTextContent('Seats3 of 12 free');

    const second = screen.getByRole('link', { name: 'Online meetings that work' }).closest('li') as HTMLElement;
    expect(second).toHaveTextContent('Full: you can join the waiting list. Waiting: 1.');
    expect(second).toHaveTextContent('Later sessions1');
    expect(lastQuery()).toEqual({ upcoming: 'true', limit: '10', offset: '0' });
    expect(screen.getByRole('status')).toHaveTextContent('Showing 1–2 of 2');
  });

  it('writes dates and times in Lithuanian for a Lithuanian reader', async () => {
    serve();
    const { i18n } = renderApp('/workshops');
    await i18n.changeLanguage('lt');
    const card = (await screen.findByRole('link', { name: 'Duomenų apsauga praktiškai' })).closest('li') as HTMLElement;
    expect(card).toHaveTextContent('Artimiausias užsiėmimas2030 m. sausio 15 d., antradienis 10:00–12:00 (Vilniaus laiku)');
    expect(card).toHaveTextContent('Dalyvių vietosLaisvos: 3 iš 12');
  });

  it('filters by format through the URL and offers to clear filters when nothing matches', { timeout: 20_000 }, async () => {
    serve([makeWorkshop()]);
    const { user, router } = renderApp('/workshops');
    await screen.findByRole('link', { name: 'Data protection in practice' });

    await user.click(screen.getByRole('button', { name: /Format/ }));
    await user.click(await screen.findByRole('option', { name: 'Online' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'No upcoming workshops found.' })).toBeInTheDocument();
    expect(lastQuery()).toMatchObject({ format: 'online' });
    expect(router.state.location.search).toBe('?format=online');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('link', { name: 'Data protection in practice' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('sends a competence from the address to the API and names it by the framework', async () => {
    serve();
    renderApp('/workshops?competence=4.2');
    await screen.findByRole('link', { name: 'Data protection in practice' });
    expect(lastQuery()).toMatchObject({ competence: '4.2' });
    expect(await screen.findByRole('button', { name: /4\.2 Protecting personal data/ })).toBeInTheDocument();
  });

  it('shows the sessions on a month calendar, a table with a column per weekday', { timeout: 20_000 }, async () => {
    serve();
    const { user, router } = renderApp('/workshops');
    await screen.findByRole('link', { name: 'Data protection in practice' });

    await user.click(screen.getByRole('radio', { name: 'Calendar' }));
    const table = await screen.findByRole('table', { name: 'Workshop sessions in January 2030' });
    expect(router.state.location.search).toBe('?view=calendar');
    expect(lastQuery()).toMatchObject({ limit: '100', offset: '0' });
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
      'MonMonday',
      'TueTuesday',
      'WedWednesday',
      'ThuThursday',
      'FriFriday',
      'SatSaturday',
      'SunSunday',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('Sessions in January 2030: 2');
    const link = within(table).getByRole('link', { name: 'Tuesday, January 15, 2030, 10:00 AM Data protection in practice' });
    expect((link.closest('td') as HTMLTableCellElement).cellIndex).toBe(1);
    expect(link).toHaveAttribute('href', '/workshops/aaaaaaaa-0000-4000-8000-000000000001');
    // 12:30 UTC is 14:30 in Vilnius, in the Tuesday column of the 22nd.
    const other = within(table).getByRole('link', { name: 'Tuesday, January 22, 2030, 2:30 PM Online meetings that work' });
    const cell = other.closest('td') as HTMLTableCellElement;
    expect(cell.cellIndex).toBe(1);
    expect(cell.querySelector('time')).toHaveAttribute('dateTime', '2030-01-22');

    await user.click(screen.getByRole('button', { name: 'Next month' }));
    expect(await screen.findByRole('table', { name: 'Workshop sessions in February 2030' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?view=calendar&month=2030-02');
    expect(screen.getByRole('status')).toHaveTextContent('Sessions in February 2030: 1');
    await user.click(screen.getByRole('button', { name: 'Next month' }));
    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('No sessions in March 2030.');
    });
  });

  it('says when the workshops cannot be loaded, and loads them again on request', async () => {
    let fail = true;
    serveApi({
      ...oidcProvider(),
      'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
      'GET /api/catalog/workshops': () => (fail ? problem(503, 'unavailable', 'Unavailable') : page([makeWorkshop()], 10)),
    });
    const { user } = renderApp('/workshops');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The workshops could not be loaded.');
    expect(alert).toHaveTextContent('The service is temporarily unavailable.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Data protection in practice' })).toBeInTheDocument();
  });

  it('shows signed-in people the way to their registrations', async () => {
    serve();
    signIn();
    renderApp('/workshops');
    await screen.findByRole('link', { name: 'Data protection in practice' });
    expect(screen.getByRole('link', { name: 'My workshops and registrations' })).toHaveAttribute('href', '/me/registrations');
    expect(screen.getByRole('navigation', { name: 'Main' })).toContainElement(screen.getByRole('link', { name: 'My workshops' }));
    expect(sentRequests('GET', '/api/catalog/workshops')[0]?.headers.get('Authorization')).toMatch(/^Bearer /);
  });
});
