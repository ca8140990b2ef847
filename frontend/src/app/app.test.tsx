import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { makeHit, searchHandler } from '@/features/catalog/testing/fake-catalog';
import { json, serveApi } from '@/testing/fake-api';
import { frameworkHandler } from '@/testing/framework';
import { renderApp } from '@/testing/render-app';

describe('the app shell', () => {
  it('opens in English, with the page title and html lang to match', async () => {
    serveApi({});
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Grow your digital skills' })).toBeInTheDocument();
    await waitFor(() => {
      expect(document.title).toBe('Grow your digital skills · DLA');
    });
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
  });

  it('switches to Lithuanian and remembers the choice on the next visit', async () => {
    serveApi({});
    const first = renderApp('/');
    await first.user.click(await screen.findByRole('radio', { name: 'Lietuvių' }));

    expect(screen.getByRole('heading', { level: 1, name: 'Ugdykite savo skaitmeninius įgūdžius' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Naršyti mokymosi katalogą' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('lt');
    await waitFor(() => {
      expect(document.title).toBe('Ugdykite savo skaitmeninius įgūdžius · DLA');
    });
    first.unmount();

    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ugdykite savo skaitmeninius įgūdžius' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Lietuvių' })).toBeChecked();
    expect(document.documentElement.lang).toBe('lt');
  });

  it('moves focus to the new page heading after a navigation', async () => {
    serveApi({
      'GET /api/catalog/search': searchHandler([makeHit()]),
      'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
    });
    const { user } = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Grow your digital skills' });

    await user.click(screen.getByRole('link', { name: 'Browse the learning catalog' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Learning catalog' });
    await waitFor(() => {
      expect(heading).toHaveFocus();
    });
    await waitFor(() => {
      expect(document.title).toBe('Learning catalog · DLA');
    });
    expect(screen.getByRole('link', { name: 'Learning catalog' })).toHaveAttribute('aria-current', 'page');
  });

  it('offers a skip link that puts focus on the main content', async () => {
    serveApi({});
    const { user } = renderApp('/');
    await screen.findByRole('heading', { level: 1 });

    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('shows a not-found page for an unknown address', async () => {
    serveApi({});
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });

  it.each([
    [{ status: 'ok', services: { catalog: 'ok' } }, 'All services are running.'],
    [{ status: 'degraded', services: { catalog: 'unavailable' } }, 'Some services are not responding.'],
  ])('reports the platform status from the gateway in the footer', async (health, message) => {
    serveApi({ '/api/health': () => json(health) });
    renderApp('/');

    expect(await within(await screen.findByRole('contentinfo')).findByText(message)).toBeInTheDocument();
  });
});
