import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';

import { App } from '@/app/app';
import { routes } from '@/app/routes';
import { Auth } from '@/lib/auth';
import { createI18n } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';

/** Where the tests' pages live; the fake API and the identity provider share it, as behind the gateway. */
export const ORIGIN = 'http://localhost:3000';

/** Renders the whole app (real routes, providers, i18n and oidc-client-ts) at `url`, as a fresh page load would. */
export function renderApp(url = '/') {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const queryClient = createQueryClient();
  // Tests decide each answer themselves; an automatic retry would only blur which one was shown.
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
    mutations: { retry: false },
  });
  const i18n = createI18n();
  // jsdom cannot leave the page; the URLs the app would have gone to are collected instead.
  const leftTo: string[] = [];
  const auth = new Auth({
    origin: ORIGIN,
    leave: (target) => {
      leftTo.push(target);
    },
    currentPath: () => `${router.state.location.pathname}${router.state.location.search}`,
  });
  const user = userEvent.setup({ delay: null });
  const view = render(<App router={router} queryClient={queryClient} i18n={i18n} auth={auth} />);
  return { ...view, user, router, i18n, auth, queryClient, leftTo };
}
