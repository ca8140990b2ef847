import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { useSession } from '@/lib/auth-context';
import { formatDateTime } from '@/lib/format';

import { useFramework } from '../api/framework';
import { useItemVersion } from '../api/items';
import { fromContent } from '../components/draft';
import { ItemForm } from '../components/item-form';
import { personLabel, statusLabel } from '../components/labels';

import '../components/catalog-editor.css';

/** One saved version of an item, read-only, with who made it and why. */
export function ItemVersionRoute() {
  const { t, i18n } = useTranslation();
  const { claims } = useSession();
  const { itemId = '', number = '' } = useParams();
  const version = useItemVersion(itemId, Number(number));
  const framework = useFramework();
  const title = t('catalogEditor.version.title', { version: number });
  const back = (
    <p>
      <Link to={`/editor/catalog/${itemId}`}>{t('catalogEditor.version.back')}</Link>
    </p>
  );

  if (version.isPending) {
    return (
      <Page title={title}>
        <Loading label={t('catalogEditor.version.loading')} />
      </Page>
    );
  }
  if (version.isError) {
    return (
      <Page title={title}>
        <QueryError title={t('catalogEditor.version.loadFailed')} error={version.error} onRetry={() => void version.refetch()} />
        {back}
      </Page>
    );
  }
  const { data } = version;
  return (
    <Page title={title}>
      {back}
      <p className="notice">{t('catalogEditor.version.readOnly')}</p>
      <dl className="facts">
        <div>
          <dt>{t('catalogEditor.fields.status')}</dt>
          <dd>{statusLabel(data.status, t)}</dd>
        </div>
        <div>
          <dt>{t('catalogEditor.history.author')}</dt>
          <dd>{personLabel(data.changed_by, claims?.sub, t)}</dd>
        </div>
        <div>
          <dt>{t('catalogEditor.history.date')}</dt>
          <dd>{formatDateTime(data.changed_at, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('catalogEditor.history.note')}</dt>
          <dd>{data.note ?? '—'}</dd>
        </div>
      </dl>
      <ItemForm draft={fromContent(data.content)} framework={framework.data} itemId={itemId} isReadOnly onChange={() => undefined} />
    </Page>
  );
}
