import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Profile, ProfileInput } from '@/api/identity';
import { json, problem, sentRequests, serveApi, type Handler } from '@/testing/fake-api';
import { makeMe, makeProfile, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

/** A profile store that behaves like the API: PUT replaces it, the first save completes onboarding. */
function profileApi(initial: Profile = makeProfile()): Record<string, Handler> {
  let stored = initial;
  return {
    'GET /api/identity/me': () => json(makeMe({ onboarded: stored.onboarded })),
    'GET /api/identity/me/profile': () => json(stored),
    'PUT /api/identity/me/profile': async (_, request) => {
      const body = (await request.json()) as ProfileInput;
      stored = { ...stored, ...body, onboarded: true, updated_at: '2026-11-22T11:00:00Z' };
      return json(stored);
    },
  };
}

describe('onboarding', () => {
  it('fills in the digital profile in Lithuanian, saves it and goes on', async () => {
    serveApi(profileApi(makeProfile({ preferred_language: 'en' })));
    signIn();
    localStorage.setItem('dla.language', 'lt');
    const { user, router } = renderApp(`/onboarding?next=${encodeURIComponent('/catalog')}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Sveiki atvykę į DLA' })).toBeInTheDocument();
    await user.click(await screen.findByRole('textbox', { name: 'Pareigos' }));
    await user.paste('Vyresnioji patarėja');
    await user.click(screen.getByRole('textbox', { name: 'Ką dirbate' }));
    await user.paste('Rengiu skaitmeninės politikos dokumentus.');
    await user.click(screen.getByRole('button', { name: /Pareigybės profilis/ }));
    await user.click(await screen.findByRole('option', { name: 'Politikos analitikas' }));
    // Before the first save the language is the one being read, not the stored default.
    expect(within(screen.getByRole('radiogroup', { name: 'DLA kalba' })).getByRole('radio', { name: 'Lietuvių' })).toBeChecked();
    const minutes = screen.getByRole('textbox', { name: 'Mokymosi laikas per savaitę, minutėmis' });
    await user.clear(minutes);
    await user.type(minutes, '90');
    await user.click(screen.getByRole('checkbox', { name: 'Didesnis tekstas' }));
    await user.click(screen.getByRole('textbox', { name: 'Jūsų mokymosi tikslai' }));
    await user.paste('Duomenų analizė');
    const share = screen.getByRole('checkbox', { name: 'Bendrinti mano asmeninius rezultatus su vadovu' });
    expect(share).toHaveAccessibleDescription(/vadovas matys tik tai, ar dalyvavote/);
    await user.click(share);
    await user.click(screen.getByRole('button', { name: 'Išsaugoti ir tęsti' }));

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/catalog');
    });
    expect(sentRequests('PUT', '/api/identity/me/profile')[0]?.body).toEqual({
      job_title: 'Vyresnioji patarėja',
      job_description: 'Rengiu skaitmeninės politikos dokumentus.',
      role_profile_key: 'policy_analyst',
      preferred_language: 'lt',
      accessibility: { larger_text: true, reduced_motion: false, screen_reader_hints: false },
      weekly_minutes: 90,
      goals: 'Duomenų analizė',
      share_results_with_supervisor: true,
    });
    // The preference is applied to the whole page at once.
    await waitFor(() => {
      expect(document.documentElement).toHaveClass('pref-larger-text');
    });
  });

  it('returns to the home page when there is nowhere else to go', async () => {
    serveApi(profileApi());
    signIn();
    const { user, router } = renderApp('/onboarding?next=https://evil.example/');

    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/');
    });
  });
});

describe('my digital profile', () => {
  it('shows who I am at work and saves changes, switching the interface language when it changes', async () => {
    serveApi(profileApi(makeProfile({ onboarded: true, preferred_language: 'en', job_title: 'Adviser', weekly_minutes: 60 })));
    signIn();
    const { user } = renderApp('/profile');

    expect(await screen.findByRole('heading', { level: 1, name: 'My digital profile' })).toBeInTheDocument();
    expect(await screen.findByText('Digital Policy Unit')).toBeInTheDocument();
    expect(screen.getByText('Petras Petraitis')).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: 'Job title' })).toHaveValue('Adviser');
    const language = screen.getByRole('radiogroup', { name: 'Language of DLA' });
    expect(within(language).getByRole('radio', { name: 'English' })).toBeChecked();

    await user.click(within(language).getByRole('radio', { name: 'Lietuvių' }));
    await user.click(screen.getByRole('checkbox', { name: 'Reduce motion and animations' }));
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Profilis išsaugotas.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Mano skaitmeninis profilis' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('lt');
    expect(localStorage.getItem('dla.language')).toBe('lt');
    await waitFor(() => {
      expect(document.documentElement).toHaveClass('pref-reduced-motion');
    });
    expect(document.documentElement).not.toHaveClass('pref-larger-text');
  });

  it('applies the saved accessibility preferences on any page once signed in', async () => {
    serveApi(profileApi(makeProfile({ onboarded: true, accessibility: { larger_text: true, reduced_motion: true, screen_reader_hints: false } })));
    signIn();
    renderApp('/catalog');

    await waitFor(() => {
      expect(document.documentElement).toHaveClass('pref-larger-text', 'pref-reduced-motion');
    });
  });

  it('shows the fields the service refused next to them', async () => {
    serveApi({
      ...profileApi(makeProfile({ onboarded: true })),
      'PUT /api/identity/me/profile': () =>
        problem(422, 'validation', 'Invalid input', {
          errors: [{ loc: ['body', 'weekly_minutes'], msg: 'Input should be less than or equal to 2400', type: 'less_than_equal' }],
        }),
    });
    signIn();
    const { user } = renderApp('/profile');

    await user.click(await screen.findByRole('button', { name: 'Save profile' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your profile was not saved');
    expect(alert).toHaveTextContent('Check the highlighted fields.');
    const minutes = screen.getByRole('textbox', { name: 'Learning time per week, in minutes' });
    await waitFor(() => {
      expect(minutes).toHaveAttribute('aria-invalid', 'true');
    });
    expect(within(minutes.closest('.field') as HTMLElement).getByText('This number is outside the allowed range.')).toBeInTheDocument();
  });

  it('shows a loading state, and a retry when the profile cannot be loaded', async () => {
    let fail = true;
    serveApi({
      'GET /api/identity/me': () => json(makeMe()),
      'GET /api/identity/me/profile': () => (fail ? problem(503, 'unavailable', 'Service unavailable') : json(makeProfile({ onboarded: true }))),
    });
    signIn();
    const { user } = renderApp('/profile');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your profile could not be loaded');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('textbox', { name: 'Job title' })).toBeInTheDocument();
  });
});
