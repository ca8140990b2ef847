import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Loading } from '@/components/loading';
import { QueryError } from '@/components/query-error';
import { useSession } from '@/lib/auth-context';
import { formatDateTime } from '@/lib/format';

import { useItemVersions } from '../api/items';
import { personLabel, statusLabel } from './labels';

/** Every version of the item, newest first: its status, who made it when, and the note; each can be opened. */
export function VersionHistory({ itemId }: { itemId: string }) {
  const { t, i18n } = useTranslation();
  const { claims } = useSession();
  const versions = useItemVersions(itemId);

  let body;
  if (versions.isPending) body = <Loading label={t('catalogEditor.history.loading')} />;
  else if (versions.isError) {
    body = <QueryError title={t('catalogEditor.history.loadFailed')} error={versions.error} onRetry={() => void versions.refetch()} />;
  } else {
    const newestFirst = [...versions.data].sort((a, b) => b.version - a.version);
    body = (
      <table className="table">
        <caption className="visually-hidden">{t('catalogEditor.history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('catalogEditor.history.version')}</th>
            <th scope="col">{t('catalogEditor.fields.status')}</th>
            <th scope="col">{t('catalogEditor.history.author')}</th>
            <th scope="col">{t('catalogEditor.history.date')}</th>
            <th scope="col">{t('catalogEditor.history.note')}</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((version) => (
            <tr key={version.version}>
              <th scope="row">
                <Link to={`/editor/catalog/${itemId}/versions/${String(version.version)}`}>
                  {t('catalogEditor.history.view', { version: version.version })}
                </Link>
              </th>
              <td>{statusLabel(version.status, t)}</td>
              <td>{personLabel(version.changed_by, claims?.sub, t)}</td>
              <td>{formatDateTime(version.changed_at, i18n.language)}</td>
              <td>{version.note ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <section aria-labelledby="history-heading" className="panel">
      <h2 id="history-heading">{t('catalogEditor.history.title')}</h2>
      {body}
    </section>
  );
}
