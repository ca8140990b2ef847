import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useHref, useLocation, useNavigate } from 'react-router';
import { Button, I18nProvider, RouterProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { meQueryOptions, profileQueryOptions } from '@/api/identity';
import { LanguageSwitch } from '@/components/language-switch';
import { PAGE_HEADING_ID } from '@/components/page';
import { PlatformStatus } from '@/features/platform-status/components/platform-status';
import { useSession } from '@/lib/auth-context';
import { canEditContent, hasAdminAccess } from '@/lib/claims';
import { applyAccessibility } from '@/lib/preferences';

const MAIN_ID = 'main';

/** After a client-side navigation, put focus on the new page's heading, as a full page load would reset it. */
function useFocusHeadingOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById(PAGE_HEADING_ID)?.focus();
  }, [pathname]);
}

/** Larger text and reduced motion from the signed-in person's profile, applied to the whole page. */
function useAccessibilityPreferences() {
  const { status } = useSession();
  const profile = useQuery({ ...profileQueryOptions(), enabled: status === 'signed-in' });
  const preferences = status === 'signed-in' ? (profile.data?.accessibility ?? null) : null;
  useEffect(() => {
    applyAccessibility(preferences);
  }, [preferences]);
}

/** Pages that are themselves part of signing in, where a "Sign in" button in the banner would only compete. */
const SIGN_IN_PAGES = ['/sign-in', '/auth/callback'];

function Account() {
  const { t } = useTranslation();
  const { status, name, auth } = useSession();
  const { pathname } = useLocation();
  if (status === 'loading') return null;
  if (status === 'signed-out') {
    if (SIGN_IN_PAGES.includes(pathname)) return null;
    return (
      <div className="account">
        <Button className="react-aria-Button button--secondary" onPress={() => void auth.signIn()}>
          {t('layout.signIn')}
        </Button>
      </div>
    );
  }
  return (
    <div className="account">
      <span className="account__name">{t('layout.signedInAs', { name })}</span>
      <Button className="react-aria-Button button--secondary" onPress={() => void auth.signOut()}>
        {t('layout.signOut')}
      </Button>
    </div>
  );
}

/** The frame of every page: skip link, banner with navigation, account and language switch, main, footer. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { status, access, claims } = useSession();
  // Supervising is not a role in the token: identity says whether anyone reports to me.
  const me = useQuery({ ...meQueryOptions(), enabled: status === 'signed-in' });
  useFocusHeadingOnNavigation();
  useAccessibilityPreferences();

  return (
    <I18nProvider locale={i18n.language}>
      <RouterProvider navigate={(to) => void navigate(to)} useHref={useHref}>
        <a
          className="skip-link"
          href={`#${MAIN_ID}`}
          onClick={(event) => {
            // The hash alone would not move keyboard focus in every browser.
            event.preventDefault();
            document.getElementById(MAIN_ID)?.focus();
          }}
        >
          {t('layout.skipToContent')}
        </a>
        <header className="site-header">
          <p className="brand">
            <span className="brand__short">{t('app.name')}</span> {t('app.fullName')}
          </p>
          <nav aria-label={t('layout.primaryNav')} className="site-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('layout.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/catalog">{t('layout.catalog')}</NavLink>
              </li>
              <li>
                <NavLink to="/workshops">{t('workshops.nav.list')}</NavLink>
              </li>
              {status === 'signed-in' && (
                <>
                  <li>
                    <NavLink to="/assessment">{t('assessment.nav')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/me/registrations">{t('workshops.nav.mine')}</NavLink>
                  </li>
                  {me.data?.is_supervisor && (
                    <li>
                      <NavLink to="/me/approvals">{t('workshops.nav.approvals')}</NavLink>
                    </li>
                  )}
                  <li>
                    <NavLink to="/profile">{t('layout.profile')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/my-data">{t('layout.myData')}</NavLink>
                  </li>
                  {canEditContent(claims) && (
                    <li>
                      <NavLink to="/editor/items">{t('itemEditor.nav.main')}</NavLink>
                    </li>
                  )}
                  {canEditContent(claims) && (
                    <li>
                      <NavLink to="/editor/catalog">{t('catalogEditor.nav.main')}</NavLink>
                    </li>
                  )}
                  {hasAdminAccess(access) && (
                    <li>
                      <NavLink to="/admin">{t('layout.admin')}</NavLink>
                    </li>
                  )}
                </>
              )}
            </ul>
          </nav>
          <Account />
          <LanguageSwitch />
        </header>
        <main id={MAIN_ID} tabIndex={-1} className="site-main">
          <Outlet />
        </main>
        <footer className="site-footer">
          <p>{t('layout.footer')}</p>
          <PlatformStatus />
        </footer>
      </RouterProvider>
    </I18nProvider>
  );
}
