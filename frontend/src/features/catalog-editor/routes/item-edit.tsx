import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';

import { useFramework, type Framework } from '@/api/framework';
import { QueryPage } from '@/components/query-page';
import { SaveActions } from '@/components/save-actions';
import { formatDateTime } from '@/lib/format';
import { pickText } from '@/lib/localized-text';

import { useItem, useSaveItem, type ItemDetail } from '../api/items';
import { fieldNames, fingerprint, fromItem, missingFields, toContent, type Draft } from '../components/draft';
import { NO_ERRORS, placeErrors, type PlacedErrors } from '../components/field-errors';
import { ItemForm } from '../components/item-form';
import { statusLabel } from '../components/labels';
import { useLeaveGuard } from '../components/leave-guard';
import { CheckFields, SaveProblem } from '../components/save-problem';
import { VersionHistory } from '../components/version-history';
import { WorkflowPanel } from '../components/workflow-panel';

import '../components/catalog-editor.css';

/** One item: where it is in the workflow, its fields to change (a new version), its history. */
export function EditItemRoute() {
  const { t, i18n } = useTranslation();
  const { itemId = '' } = useParams();
  const item = useItem(itemId);
  const framework = useFramework();
  const location = useLocation();
  const created = (location.state as { created?: number } | null)?.created;
  const title = item.data
    ? t('catalogEditor.edit.title', { title: pickText(item.data.title, i18n.language)?.text ?? item.data.slug })
    : t('catalogEditor.edit.loadingTitle');

  return (
    <QueryPage
      title={title}
      query={item}
      loading={t('catalogEditor.edit.loading')}
      loadFailed={t('catalogEditor.edit.loadFailed')}
      afterError={
        <p>
          <Link to="/editor/catalog">{t('catalogEditor.back')}</Link>
        </p>
      }
    >
      {(data) => (
        <ItemWorkspace
          key={data.id}
          item={data}
          framework={framework.data}
          created={created}
          reload={async () => (await item.refetch()).data}
        />
      )}
    </QueryPage>
  );
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
  const [base, setBase] = useState<ItemDetail>(item);
  const [draft, setDraft] = useState<Draft>(() => fromItem(item));
  const [saved, setSaved] = useState<number | null>(created ?? null);
  const baseline = useMemo(() => fingerprint(fromItem(base)), [base]);
  const dirty = fingerprint(draft) !== baseline;
  const guard = useLeaveGuard(dirty);
  // Kept as they came, not recomputed per render: a field drops its server error once edited.
  const [placed, setPlaced] = useState<PlacedErrors>(NO_ERRORS);
  const [checkFailed, setCheckFailed] = useState(false);
  const retired = item.status === 'retired';

  // A workflow step makes a new version too: the next save builds on it, the edits on screen stay.
  if (item.version !== base.version && !save.isPending) {
    setBase(item);
    if (!dirty) setDraft(fromItem(item));
  }

  const startFrom = (detail: ItemDetail) => {
    setBase(detail);
    setDraft(fromItem(detail));
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
    const missing = missingFields(draft);
    if (missing.length > 0) {
      save.reset();
      setCheckFailed(true);
      setPlaced({ byField: Object.fromEntries(missing.map((name) => [name, t('forms.required')])), general: [] });
      return;
    }
    setCheckFailed(false);
    const note = draft.note.trim();
    save.mutate(
      { ...toContent(draft), base_version: base.version, ...(note ? { note } : {}) },
      {
        onSuccess: (detail) => {
          startFrom(detail);
          setPlaced(NO_ERRORS);
          setSaved(detail.version);
        },
        onError: (error) => {
          setPlaced(placeErrors(error, fieldNames(draft), t));
        },
      },
    );
  };

  return (
    <>
      <p>
        <Link to="/editor/catalog">{t('catalogEditor.back')}</Link>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('catalogEditor.fields.status')}</dt>
          <dd>{statusLabel(item.status, t)}</dd>
        </div>
        <div>
          <dt>{t('catalogEditor.edit.version')}</dt>
          <dd>{item.version}</dd>
        </div>
        <div>
          <dt>{t('catalogEditor.edit.owner')}</dt>
          <dd>{item.owner_org_id ? t('catalogEditor.edit.ownedByOrganisation') : t('catalogEditor.edit.ownedByPlatform')}</dd>
        </div>
        <div>
          <dt>{t('catalogEditor.edit.published')}</dt>
          <dd>{item.published_at ? formatDateTime(item.published_at, i18n.language) : t('catalogEditor.edit.never')}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/editor/catalog/${item.id}/preview`}>{t('catalogEditor.preview.open')}</Link>
      </p>

      <WorkflowPanel item={item} dirty={dirty} onReload={() => void reloadLatest()} />

      <h2>{t('catalogEditor.edit.changeTitle')}</h2>
      {retired ? (
        <p className="notice">{t('catalogEditor.edit.retired')}</p>
      ) : (
        <p className="muted">{t('catalogEditor.edit.changeIntro', { version: base.version })}</p>
      )}
      <ItemForm
        draft={draft}
        framework={framework}
        errors={placed.byField}
        itemId={item.id}
        ownerOrgId={item.owner_org_id}
        isReadOnly={retired}
        onChange={(change) => {
          setSaved(null);
          setDraft((current) => ({ ...current, ...change }));
        }}
        onSubmit={submit}
        header={
          save.isError ? (
            <SaveProblem error={save.error} general={placed.general} onReload={() => void reloadLatest()} />
          ) : checkFailed ? (
            <CheckFields />
          ) : null
        }
        actions={
          retired ? null : (
            <SaveActions
              label={t('catalogEditor.edit.save')}
              isPending={save.isPending}
              isDisabled={!dirty}
              saved={saved === null ? null : t('catalogEditor.edit.saved', { version: saved })}
              unsaved={dirty ? t('catalogEditor.edit.unsaved') : null}
            />
          )
        }
      />

      <VersionHistory itemId={item.id} />
      {guard.dialog}
    </>
  );
}
