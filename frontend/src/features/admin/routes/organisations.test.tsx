import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { organisationTree, organisationsHandler } from '@/testing/admin';
import { json, sentRequests, serveApi } from '@/testing/fake-api';
import { MINISTRY_ID, meHandlers, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

const ORG_ADMIN = { roles: ['learner'], grants: [{ role: 'org_admin', org: MINISTRY_ID }] };

describe('the organisation tree', () => {
  it('shows the tree, moves through it with the keyboard and shows the chosen organisation', async () => {
    serveApi({ ...meHandlers(), ...organisationsHandler() });
    signIn(ORG_ADMIN);
    const { user } = renderApp('/admin/organisations');

    const tree = await screen.findByRole('treegrid', { name: 'Organisation tree' });
    // The top level starts open: the country and the ministry under it are visible, the departments not yet.
    expect(within(tree).getByRole('row', { name: /Lithuania/ })).toHaveAttribute('aria-expanded', 'true');
    expect(within(tree).getByRole('row', { name: /Ministry of the Interior/ })).toHaveAttribute('aria-expanded', 'false');
    expect(within(tree).queryByRole('row', { name: /Digital Policy Department/ })).not.toBeInTheDocument();

    await user.tab();
    await user.tab();
    while (!tree.contains(document.activeElement)) await user.tab();
    await user.keyboard('{ArrowDown}');
    expect(within(tree).getByRole('row', { name: /Ministry of the Interior/ })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(await within(tree).findByRole('row', { name: /Digital Policy Department/ })).toBeInTheDocument();
    expect(within(tree).getByRole('row', { name: /HR Department/ })).toBeInTheDocument();
    await user.keyboard('{Enter}');

    const details = screen.getByRole('region', { name: 'Ministry of the Interior' });
    expect(details).toHaveTextContent('vrm.lt');
    expect(details).toHaveTextContent('lt-vrm');
    expect(within(details).getByRole('link', { name: 'People in this organisation' })).toHaveAttribute(
      'href',
      `/admin/people?unit=${MINISTRY_ID}`,
    );
  });

  it('loads every organisation even when there are more than one page', async () => {
    const many = organisationTree();
    const [, ministry, , , unit] = many;
    if (!ministry || !unit) throw new Error('the fixture tree has a ministry and a unit');
    for (let i = 0; i < 140; i += 1) {
      many.push({
        ...unit,
        id: `00000000-0000-4000-c000-${String(i).padStart(12, '0')}`,
        code: `unit-${i}`,
        name: { en: `Unit ${String(i).padStart(3, '0')}` },
        parent_id: ministry.id,
        path: [...ministry.path, `00000000-0000-4000-c000-${String(i).padStart(12, '0')}`],
      });
    }
    serveApi({ ...meHandlers(), ...organisationsHandler(many) });
    signIn(ORG_ADMIN);
    const { user } = renderApp('/admin/organisations');

    const tree = await screen.findByRole('treegrid', { name: 'Organisation tree' });
    await user.click(within(tree).getByRole('row', { name: /Ministry of the Interior/ }));
    await user.keyboard('{ArrowRight}');
    expect(await within(tree).findByRole('row', { name: /Unit 139/ })).toBeInTheDocument();
    expect(sentRequests('GET', '/api/identity/organisations').map((r) => r.url.searchParams.get('offset'))).toEqual(['0', '100']);
  });

  it('names the organisations in Lithuanian', async () => {
    serveApi({ ...meHandlers(), ...organisationsHandler() });
    signIn(ORG_ADMIN);
    localStorage.setItem('dla.language', 'lt');
    renderApp('/admin/organisations');

    const tree = await screen.findByRole('treegrid', { name: 'Organizacijų medis' });
    expect(within(tree).getByRole('row', { name: /Vidaus reikalų ministerija/ })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Administravimas' })).toBeInTheDocument();
  });

  it('says so when there is nothing to show', async () => {
    serveApi({ ...meHandlers(), ...organisationsHandler([]) });
    signIn(ORG_ADMIN);
    renderApp('/admin/organisations');

    expect(await screen.findByRole('heading', { level: 2, name: 'There are no organisations you can see.' })).toBeInTheDocument();
  });
});

describe('access to administration', () => {
  it('refuses a learner with an explanation, and offers no administration link', async () => {
    serveApi({ ...meHandlers() });
    signIn({ roles: ['learner'] });
    renderApp('/admin');

    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to you' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument();
  });

  it('shows an HR manager the areas an HR manager may use, and starts at the first', async () => {
    serveApi({ ...meHandlers(), ...organisationsHandler(), 'GET /api/identity/people': () => json({ items: [], total: 0, limit: 20, offset: 0 }) });
    signIn({ roles: ['learner'], grants: [{ role: 'hr_manager', org: MINISTRY_ID }] });
    const { router } = renderApp('/admin');

    const nav = await screen.findByRole('navigation', { name: 'Administration' });
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(['Organisations', 'People', 'Audit log']);
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/admin/organisations');
    });
  });

  it('refuses the API clients page to someone who is not an organisation administrator', async () => {
    serveApi({ ...meHandlers() });
    signIn({ roles: ['learner'], grants: [{ role: 'hr_manager', org: MINISTRY_ID }] });
    renderApp('/admin/clients');

    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to you' })).toBeInTheDocument();
    expect(sentRequests('GET', '/api/identity/clients')).toHaveLength(0);
  });
});
