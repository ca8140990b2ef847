import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useHref, useLocation, useNavigate } from 'react-router';
import { RouterProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { LanguageSwitch } from '@/components/language-switch';
import { PAGE_HEADING_ID } from '@/components/page';
import { PlatformStatus } from '@/features/platform-status/components/platform-status';

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

/** The frame of every page: skip link, banner with navigation and language switch, main, footer. */
export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useFocusHeadingOnNavigation();

  return (
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
          </ul>
        </nav>
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
  );
}
