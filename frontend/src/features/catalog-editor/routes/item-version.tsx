import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { useFramework } from '@/api/framework';
import { QueryPage } from '@/components/query-page';
import { useSession } from '@/lib/auth-context';
import { formatDateTime } from '@/lib/format';

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

  return (
    <QueryPage
      title={title}
      query={version}
      loading={t('catalogEditor.version.loading')}
      loadFailed={t('catalogEditor.version.loadFailed')}
      afterError={back}
    >
      {(data) => (
        <>
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
        </>
      )}
    </QueryPage>
  );
}
