import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Loading } from '@/components/loading';
import { QueryError } from '@/components/query-error';
import { useSession } from '@/lib/auth-context';
import { formatDateTime } from '@/lib/format';

import { useItemVersions, type ItemVersion } from '../api/items';
import { personLabel, statusLabel } from './labels';

/** Every version of the item, newest first: who wrote it when, why, what became of it; each can be opened. */
export function VersionHistory({ itemId }: { itemId: string }) {
  const { t, i18n } = useTranslation();
  const { claims } = useSession();
  const versions = useItemVersions(itemId);
  const who = (id: string | null) => personLabel(id, claims?.sub, t);
  // `reviewer` is whoever decided last; it published the version unless a rejection came after.
  const review = (version: ItemVersion) =>
    [
      version.reviewer && version.reviewed_at && (!version.rejected_at || version.reviewed_at > version.rejected_at)
        ? t('itemEditor.history.publishedBy', { who: who(version.reviewer) })
        : '',
      version.rejected_by && version.review_comment
        ? t('itemEditor.history.sentBackBy', { who: who(version.rejected_by), comment: version.review_comment })
        : '',
    ]
      .filter(Boolean)
      .join(' ');

  let body;
  if (versions.isPending) body = <Loading label={t('itemEditor.history.loading')} />;
  else if (versions.isError) {
    body = <QueryError title={t('itemEditor.history.loadFailed')} error={versions.error} onRetry={() => void versions.refetch()} />;
  } else {
    const newestFirst = [...versions.data].sort((a, b) => b.version - a.version);
    body = (
      <table className="table">
        <caption className="visually-hidden">{t('itemEditor.history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('itemEditor.history.version')}</th>
            <th scope="col">{t('itemEditor.fields.status')}</th>
            <th scope="col">{t('itemEditor.history.author')}</th>
            <th scope="col">{t('itemEditor.history.date')}</th>
            <th scope="col">{t('itemEditor.history.note')}</th>
            <th scope="col">{t('itemEditor.history.review')}</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((version) => (
            <tr key={version.id}>
              <th scope="row">
                <Link to={`/editor/items/${itemId}/versions/${String(version.version)}`}>
                  {t('itemEditor.history.view', { version: version.version })}
                </Link>
              </th>
              <td>{statusLabel(version.status, t)}</td>
              <td>{who(version.author)}</td>
              <td>{formatDateTime(version.created_at, i18n.language)}</td>
              <td>{version.note ?? '—'}</td>
              <td>{review(version) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <section aria-labelledby="history-heading" className="panel">
      <h2 id="history-heading">{t('itemEditor.history.title')}</h2>
      {body}
    </section>
  );
}
