import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { useFramework } from '@/api/framework';
import { QueryPage } from '@/components/query-page';
import { useSession } from '@/lib/auth-context';
import { formatDateTime } from '@/lib/format';

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
  const title = version.data
    ? t('itemEditor.version.titleWithKey', { version: version.data.version, key: version.data.document.key })
    : t('itemEditor.version.title', { version: number });
  const back = (
    <p>
      <Link to={`/editor/items/${itemId}`}>{t('itemEditor.version.back')}</Link>
    </p>
  );

  return (
    <QueryPage
      title={title}
      query={version}
      loading={t('itemEditor.version.loading')}
      loadFailed={t('itemEditor.version.loadFailed')}
      afterError={back}
    >
      {(data) => (
        <>
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
        </>
      )}
    </QueryPage>
  );
}
