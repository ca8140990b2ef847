import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';

import { App } from '@/app/app';
import { routes } from '@/app/routes';
import '@/app/styles.css';
import { Auth } from '@/lib/auth';
import { createI18n } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const auth = new Auth({
  origin: window.location.origin,
  leave: (url) => {
    window.location.assign(url);
  },
  currentPath: () => `${window.location.pathname}${window.location.search}`,
});

createRoot(container).render(
  <StrictMode>
    <App router={createBrowserRouter(routes)} queryClient={createQueryClient()} i18n={createI18n()} auth={auth} />
  </StrictMode>,
);
