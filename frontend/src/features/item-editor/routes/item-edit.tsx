import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';

import { useFramework, type Framework } from '@/api/framework';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { SaveActions } from '@/components/save-actions';
import { formatList } from '@/lib/format';
import { contentLanguageName } from '@/lib/language-names';

import { useItem, useSaveItem, type ItemDetail, type ItemDocument } from '../api/items';
import { fieldNames, fingerprint, fromDocument, textNames, toDocument, type Draft } from '../components/draft';
import { NO_ERRORS, placeErrors, type PlacedErrors } from '../components/field-errors';
import { ItemForm } from '../components/item-form';
import { statusLabel } from '../components/labels';
import { useLeaveGuard } from '../components/leave-guard';
import { SaveProblem } from '../components/save-problem';
import { VersionHistory } from '../components/version-history';
import { WorkflowPanel } from '../components/workflow-panel';

import '../components/item-editor.css';

/** One item: where it is in the workflow, its newest version to change (a new version), its history. */
export function EditItemRoute() {
  const { t } = useTranslation();
  const { itemId = '' } = useParams();
  const item = useItem(itemId);
  const framework = useFramework();
  const location = useLocation();
  const created = (location.state as { created?: number } | null)?.created;

  if (item.isPending) {
    return (
      <Page title={t('itemEditor.edit.loadingTitle')}>
        <Loading label={t('itemEditor.edit.loading')} />
      </Page>
    );
  }
  if (item.isError) {
    return (
      <Page title={t('itemEditor.edit.loadingTitle')}>
        <QueryError title={t('itemEditor.edit.loadFailed')} error={item.error} onRetry={() => void item.refetch()} />
        <p>
          <Link to="/editor/items">{t('itemEditor.back')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <ItemWorkspace
      key={item.data.id}
      item={item.data}
      framework={framework.data}
      created={created}
      reload={async () => (await item.refetch()).data}
    />
  );
}

interface Base {
  version: number;
  document: ItemDocument;
}

interface ItemWorkspaceProps {
  item: ItemDetail;
  framework: Framework | undefined;
  /** The version number when the item was just created on the previous page. */
  created: number | undefined;
  reload: () => Promise<ItemDetail | undefined>;
}

function ItemWorkspace({ item, framework, created, reload }: ItemWorkspaceProps) {
  const { t, i18n } = useTranslation();
  const save = useSaveItem(item.id);
  // The version this form started from: a save sends it as `base_version`.
  const [base, setBase] = useState<Base>({ version: item.head_version, document: item.head.document });
  const [draft, setDraft] = useState<Draft>(() => fromDocument(item.head.document));
  const [saved, setSaved] = useState<number | null>(created ?? null);
  const baseline = useMemo(() => fingerprint(fromDocument(base.document)), [base]);
  const dirty = fingerprint(draft) !== baseline;
  const guard = useLeaveGuard(dirty);
  // Kept as they came, not recomputed per render: a field drops its server error once edited, and a
  // new errors object would bring it back.
  const [placed, setPlaced] = useState<PlacedErrors>(NO_ERRORS);

  const startFrom = (detail: ItemDetail) => {
    setBase({ version: detail.head_version, document: detail.head.document });
    setDraft(fromDocument(detail.head.document));
  };
  const reloadLatest = async () => {
    const latest = await reload();
    if (!latest) return;
    startFrom(latest);
    save.reset();
    setPlaced(NO_ERRORS);
    setSaved(null);
  };
  const submit = () => {
    setSaved(null);
    const note = draft.note.trim();
    save.mutate(
      { ...toDocument(draft, base.document), base_version: base.version, ...(note ? { note } : {}) },
      {
        onSuccess: (detail) => {
          startFrom(detail);
          setPlaced(NO_ERRORS);
          setSaved(detail.head_version);
        },
        onError: (error) => {
          setPlaced(placeErrors(error, fieldNames(draft), textNames(draft), t));
        },
      },
    );
  };

  return (
    <Page title={t('itemEditor.edit.title', { key: item.key })}>
      <p>
        <Link to="/editor/items">{t('itemEditor.back')}</Link>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('itemEditor.fields.status')}</dt>
          <dd>{statusLabel(item.status, t)}</dd>
        </div>
        <div>
          <dt>{t('itemEditor.edit.newest')}</dt>
          <dd>{item.head_version}</dd>
        </div>
        <div>
          <dt>{t('itemEditor.edit.completeIn')}</dt>
          <dd>
            {item.languages.length > 0
              ? formatList(item.languages.map((l) => contentLanguageName(l, i18n.language)), i18n.language)
              : t('itemEditor.edit.noLanguage')}
          </dd>
        </div>
      </dl>
      <p>
        <Link to={`/editor/items/${item.id}/preview`}>{t('itemEditor.preview.open')}</Link>
      </p>

      <WorkflowPanel item={item} dirty={dirty} onReload={() => void reloadLatest()} />

      <h2>{t('itemEditor.edit.changeTitle')}</h2>
      <p className="muted">{t('itemEditor.edit.changeIntro', { version: base.version })}</p>
      <ItemForm
        draft={draft}
        framework={framework}
        errors={placed.byField}
        onChange={(change) => {
          setSaved(null);
          setDraft((current) => ({ ...current, ...change }));
        }}
        onSubmit={submit}
        header={save.isError ? <SaveProblem error={save.error} general={placed.general} onReload={() => void reloadLatest()} /> : null}
        actions={
          <SaveActions
            label={t('itemEditor.edit.save')}
            isPending={save.isPending}
            isDisabled={!dirty}
            saved={saved === null ? null : t('itemEditor.edit.saved', { version: saved })}
            unsaved={dirty ? t('itemEditor.edit.unsaved') : null}
          />
        }
      />

      <VersionHistory itemId={item.id} />
      {guard.dialog}
    </Page>
  );
}
