import type { RouteObject } from 'react-router';

import { Layout } from '@/app/layout';

/** Every route; each page is its own chunk, loaded when first visited. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('@/features/home/routes/home')).HomeRoute }),
      },
      {
        path: 'catalog',
        lazy: async () => ({ Component: (await import('@/features/catalog/routes/catalog')).CatalogRoute }),
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('@/features/not-found/routes/not-found')).NotFoundRoute }),
      },
    ],
  },
];
