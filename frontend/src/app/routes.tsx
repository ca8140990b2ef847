import type { RouteObject } from 'react-router';

import { AdminIndex, AdminLayout, RequireAdminArea, RequireAuth, RequireCatalogEditor, RequireItemEditor } from '@/app/guards';
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
        path: 'catalog/items/:itemId',
        lazy: async () => ({ Component: (await import('@/features/catalog/routes/item')).ItemRoute }),
      },
      {
        path: 'workshops',
        lazy: async () => ({ Component: (await import('@/features/workshops/routes/workshops')).WorkshopsRoute }),
      },
      {
        path: 'workshops/:itemId',
        lazy: async () => ({ Component: (await import('@/features/workshops/routes/workshop')).WorkshopRoute }),
      },
      {
        path: 'sign-in',
        lazy: async () => ({ Component: (await import('@/features/auth/routes/sign-in')).SignInRoute }),
      },
      {
        path: 'auth/callback',
        lazy: async () => ({ Component: (await import('@/features/auth/routes/auth-callback')).AuthCallbackRoute }),
      },
      {
        path: 'register',
        lazy: async () => ({ Component: (await import('@/features/auth/routes/register')).RegisterRoute }),
      },
      {
        path: 'verify-email',
        lazy: async () => ({ Component: (await import('@/features/auth/routes/verify-email')).VerifyEmailRoute }),
      },
      {
        path: 'reset-password',
        lazy: async () => ({ Component: (await import('@/features/auth/routes/reset-password')).ResetPasswordRoute }),
      },
      {
        path: 'reset-password/confirm',
        lazy: async () => ({
          Component: (await import('@/features/auth/routes/reset-password-confirm')).ResetPasswordConfirmRoute,
        }),
      },
      {
        path: 'invitation',
        lazy: async () => ({ Component: (await import('@/features/auth/routes/invitation')).InvitationRoute }),
      },
      {
        path: 'account-erased',
        lazy: async () => ({ Component: (await import('@/features/my-data/routes/account-erased')).AccountErasedRoute }),
      },
      {
        element: <RequireAuth />,
        children: [
          {
            path: 'onboarding',
            lazy: async () => ({ Component: (await import('@/features/profile/routes/onboarding')).OnboardingRoute }),
          },
          {
            path: 'profile',
            lazy: async () => ({ Component: (await import('@/features/profile/routes/profile')).ProfileRoute }),
          },
          {
            path: 'my-data',
            lazy: async () => ({ Component: (await import('@/features/my-data/routes/my-data')).MyDataRoute }),
          },
          {
            path: 'me/registrations',
            lazy: async () => ({ Component: (await import('@/features/workshops/routes/my-registrations')).MyRegistrationsRoute }),
          },
          {
            path: 'me/approvals',
            lazy: async () => ({ Component: (await import('@/features/workshops/routes/approvals')).ApprovalsRoute }),
          },
          {
            path: 'workshops/sessions/:sessionId/attendance',
            lazy: async () => ({ Component: (await import('@/features/workshops/routes/attendance')).AttendanceRoute }),
          },
          {
            path: 'assessment',
            lazy: async () => ({ Component: (await import('@/features/assessment/routes/start')).StartRoute }),
          },
          {
            path: 'assessment/sessions/:id',
            lazy: async () => ({ Component: (await import('@/features/assessment/routes/session')).SessionRoute }),
          },
          {
            path: 'assessment/results/:id',
            lazy: async () => ({ Component: (await import('@/features/assessment/routes/results')).ResultsRoute }),
          },
          {
            path: 'assessment/history',
            lazy: async () => ({ Component: (await import('@/features/assessment/routes/history')).HistoryRoute }),
          },
          {
            path: 'editor/items',
            element: <RequireItemEditor />,
            children: [
              {
                index: true,
                lazy: async () => ({ Component: (await import('@/features/item-editor/routes/item-list')).ItemListRoute }),
              },
              {
                path: 'review',
                lazy: async () => ({ Component: (await import('@/features/item-editor/routes/item-list')).ReviewQueueRoute }),
              },
              {
                path: 'new',
                lazy: async () => ({ Component: (await import('@/features/item-editor/routes/item-new')).NewItemRoute }),
              },
              {
                path: ':itemId',
                lazy: async () => ({ Component: (await import('@/features/item-editor/routes/item-edit')).EditItemRoute }),
              },
              {
                path: ':itemId/preview',
                lazy: async () => ({ Component: (await import('@/features/item-editor/routes/item-preview')).ItemPreviewRoute }),
              },
              {
                path: ':itemId/versions/:number',
                lazy: async () => ({ Component: (await import('@/features/item-editor/routes/item-version')).ItemVersionRoute }),
              },
            ],
          },
          {
            path: 'editor/catalog',
            element: <RequireCatalogEditor />,
            children: [
              {
                index: true,
                lazy: async () => ({ Component: (await import('@/features/catalog-editor/routes/item-list')).ItemListRoute }),
              },
              {
                path: 'review',
                lazy: async () => ({ Component: (await import('@/features/catalog-editor/routes/item-list')).ReviewQueueRoute }),
              },
              {
                path: 'new',
                lazy: async () => ({ Component: (await import('@/features/catalog-editor/routes/item-new')).NewItemRoute }),
              },
              {
                path: 'import',
                lazy: async () => ({ Component: (await import('@/features/catalog-editor/routes/import')).ImportRoute }),
              },
              {
                path: ':itemId',
                lazy: async () => ({ Component: (await import('@/features/catalog-editor/routes/item-edit')).EditItemRoute }),
              },
              {
                path: ':itemId/preview',
                lazy: async () => ({ Component: (await import('@/features/catalog-editor/routes/item-preview')).ItemPreviewRoute }),
              },
              {
                path: ':itemId/versions/:number',
                lazy: async () => ({ Component: (await import('@/features/catalog-editor/routes/item-version')).ItemVersionRoute }),
              },
            ],
          },
          {
            path: 'admin',
            element: <AdminLayout />,
            children: [
              { index: true, element: <AdminIndex /> },
              {
                element: <RequireAdminArea area="organisations" />,
                children: [
                  {
                    path: 'organisations',
                    lazy: async () => ({
                      Component: (await import('@/features/admin/routes/organisations')).OrganisationsRoute,
                    }),
                  },
                ],
              },
              {
                element: <RequireAdminArea area="people" />,
                children: [
                  {
                    path: 'people',
                    lazy: async () => ({ Component: (await import('@/features/admin/routes/people')).PeopleRoute }),
                  },
                  {
                    path: 'people/:personId',
                    lazy: async () => ({ Component: (await import('@/features/admin/routes/person')).PersonRoute }),
                  },
                ],
              },
              {
                element: <RequireAdminArea area="clients" />,
                children: [
                  {
                    path: 'clients',
                    lazy: async () => ({ Component: (await import('@/features/admin/routes/clients')).ClientsRoute }),
                  },
                ],
              },
              {
                element: <RequireAdminArea area="audit" />,
                children: [
                  {
                    path: 'audit',
                    lazy: async () => ({ Component: (await import('@/features/admin/routes/audit')).AuditRoute }),
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('@/features/not-found/routes/not-found')).NotFoundRoute }),
      },
    ],
  },
];
