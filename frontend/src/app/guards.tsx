import { useEffect, useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

import { Loading } from '@/components/loading';
import { SignInUnavailable } from '@/components/sign-in-unavailable';
import { Page } from '@/components/page';
import { useSession } from '@/lib/auth-context';
import { canEditContent, type AdminAccess } from '@/lib/claims';

/** Pages for signed-in people: anyone else is taken to sign in and brought back here afterwards. */
export function RequireAuth() {
  const { t } = useTranslation();
  const { status, auth } = useSession();
  const { pathname, search } = useLocation();
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (status !== 'signed-out') return;
    void auth.signIn(`${pathname}${search}`).then((started) => {
      setFailed(!started);
    });
  }, [auth, pathname, search, status, attempt]);

  if (failed) {
    return (
      <SignInUnavailable
        onRetry={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  if (status !== 'signed-in') return <Loading label={t('auth.redirecting')} />;
  return <Outlet />;
}

const AREAS = ['organisations', 'people', 'clients', 'audit'] as const satisfies readonly (keyof AdminAccess)[];

/** The administration area: its own navigation, showing only what the token's roles and grants allow. */
export function AdminLayout() {
  const { t } = useTranslation();
  const { access } = useSession();
  const areas = AREAS.filter((area) => access[area]);
  if (areas.length === 0) {
    return (
      <Page title={t('admin.forbiddenTitle')}>
        <p>{t('admin.forbiddenBody')}</p>
      </Page>
    );
  }
  return (
    <>
      <nav aria-label={t('admin.nav')} className="sub-nav">
        <ul>
          {areas.map((area) => (
            <li key={area}>
              <NavLink to={`/admin/${area}`}>{t(`admin.areas.${area}`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

/** /admin itself: the first area this person may use. */
export function AdminIndex() {
  const { access } = useSession();
  const first = AREAS.find((area) => access[area]) ?? 'organisations';
  return <Navigate to={`/admin/${first}`} replace />;
}

/** A signed-in person's refusal: what they cannot use, and why. */
function Forbidden({ title, body }: { title: string; body: string }) {
  return (
    <Page title={title}>
      <p>{body}</p>
    </Page>
  );
}

/** One administration area, refused with an explanation when the token does not allow it. */
export function RequireAdminArea({ area }: { area: keyof AdminAccess }) {
  const { t } = useTranslation();
  const { access } = useSession();
  if (!access[area]) return <Forbidden title={t('admin.forbiddenTitle')} body={t('admin.forbiddenBody')} />;
  return <Outlet />;
}

/** The item bank's screens, refused with an explanation to anyone who is not a content editor. */
export function RequireItemEditor() {
  const { t } = useTranslation();
  const { claims } = useSession();
  if (!canEditContent(claims)) return <Forbidden title={t('itemEditor.forbiddenTitle')} body={t('itemEditor.forbiddenBody')} />;
  return <Outlet />;
}

/** The catalog editor's screens, refused with an explanation to anyone who is not a content editor. */
export function RequireCatalogEditor() {
  const { t } = useTranslation();
  const { claims } = useSession();
  if (!canEditContent(claims)) return <Forbidden title={t('catalogEditor.forbiddenTitle')} body={t('catalogEditor.forbiddenBody')} />;
  return <Outlet />;
}
