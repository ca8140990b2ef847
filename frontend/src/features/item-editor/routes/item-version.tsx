import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { useSession } from '@/lib/auth-context';
import { formatDateTime } from '@/lib/format';

import { useFramework } from '../api/framework';
import { useItemVersion } from '../api/items';
import { fromDocument } from '../components/draft';
import { ItemForm } from '../components/item-form';
import { personLabel, statusLabel } from '../components/labels';

import '../components/item-editor.css';

/** An earlier (or the newest) version of an item, read-only, with who wrote it and what became of it. */
export function ItemVersionRoute() {
  const { t, i18n } = useTranslation();
  const { claims } = useSession();
  const { itemId = '', number = '' } = useParams();
  const version = useItemVersion(itemId, Number(number));
  const framework = useFramework();
  const title = t('itemEditor.version.title', { version: number });
  const back = (
    <p>
      <Link to={`/editor/items/${itemId}`}>{t('itemEditor.version.back')}</Link>
    </p>
  );

  if (version.isPending) {
    return (
      <Page title={title}>
        <Loading label={t('itemEditor.version.loading')} />
      </Page>
    );
  }
  if (version.isError) {
    return (
      <Page title={title}>
        <QueryError title={t('itemEditor.version.loadFailed')} error={version.error} onRetry={() => void version.refetch()} />
        {back}
      </Page>
    );
  }
  const { data } = version;
  return (
    <Page title={t('itemEditor.version.titleWithKey', { version: data.version, key: data.document.key })}>
      {back}
      <p className="notice">{t('itemEditor.version.readOnly')}</p>
      <dl className="facts">
        <div>
          <dt>{t('itemEditor.fields.status')}</dt>
          <dd>{statusLabel(data.status, t)}</dd>
        </div>
        <div>
          <dt>{t('itemEditor.history.author')}</dt>
          <dd>{personLabel(data.author, claims?.sub, t)}</dd>
        </div>
        <div>
          <dt>{t('itemEditor.history.date')}</dt>
          <dd>{formatDateTime(data.created_at, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('itemEditor.history.note')}</dt>
          <dd>{data.note ?? '—'}</dd>
        </div>
        {data.review_comment && (
          <div>
            <dt>{t('itemEditor.history.review')}</dt>
            <dd>{data.review_comment}</dd>
          </div>
        )}
      </dl>
      <ItemForm draft={fromDocument(data.document)} framework={framework.data} isReadOnly onChange={() => undefined} />
    </Page>
  );
}
