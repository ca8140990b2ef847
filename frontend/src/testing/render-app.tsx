import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';

import { App } from '@/app/app';
import { routes } from '@/app/routes';
import { createI18n } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';

/** Renders the whole app (real routes, providers and i18n) at `url`, as a fresh page load would. */
export function renderApp(url = '/') {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const queryClient = createQueryClient();
  // Tests decide each answer themselves; an automatic retry would only blur which one was shown.
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const i18n = createI18n();
  const user = userEvent.setup();
  const view = render(<App router={router} queryClient={queryClient} i18n={i18n} />);
  return { ...view, user, router, i18n };
}
