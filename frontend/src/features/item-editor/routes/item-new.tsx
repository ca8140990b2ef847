import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { FRAMEWORK_KEY, useFramework } from '@/api/framework';
import { ApiProblem } from '@/api/problem';
import { Page } from '@/components/page';
import { SaveActions } from '@/components/save-actions';

import { useCreateItem } from '../api/items';
import { fieldNames, fingerprint, newDraft, textNames, toDocument, type Draft } from '../components/draft';
import { NO_ERRORS, placeErrors, type PlacedErrors } from '../components/field-errors';
import { ItemForm } from '../components/item-form';
import { useLeaveGuard } from '../components/leave-guard';
import { SaveProblem } from '../components/save-problem';

import '../components/item-editor.css';

const EMPTY = fingerprint(newDraft());

/** A new item, written in every language side by side; saving makes its draft version 1. */
export function NewItemRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const framework = useFramework();
  const create = useCreateItem();
  const [draft, setDraft] = useState<Draft>(newDraft);
  const dirty = fingerprint(draft) !== EMPTY;
  const guard = useLeaveGuard(dirty);
  // Kept as they came (see the edit page): a field drops its server error once edited.
  const [placed, setPlaced] = useState<PlacedErrors>(NO_ERRORS);

  const submit = () => {
    const note = draft.note.trim();
    create.mutate(
      { ...toDocument(draft), framework: FRAMEWORK_KEY, ...(note ? { note } : {}) },
      {
        onError: (error) => {
          const next = placeErrors(error, fieldNames(draft), textNames(draft), t);
          // The same key with other content: the key is taken.
          if (error instanceof ApiProblem && error.status === 409) next.byField.key = t('itemEditor.errors.keyTaken');
          setPlaced(next);
        },
        onSuccess: (item) => {
          guard.allowNextLeave();
          void navigate(`/editor/items/${item.id}`, { state: { created: item.head_version } });
        },
      },
    );
  };

  return (
    <Page title={t('itemEditor.new.title')}>
      <p>
        <Link to="/editor/items">{t('itemEditor.back')}</Link>
      </p>
      <p>{t('itemEditor.new.intro')}</p>
      <ItemForm
        draft={draft}
        framework={framework.data}
        errors={placed.byField}
        isNew
        onChange={(change) => {
          setDraft((current) => ({ ...current, ...change }));
        }}
        onSubmit={submit}
        header={create.isError ? <SaveProblem error={create.error} general={placed.general} /> : null}
        actions={<SaveActions label={t('itemEditor.new.save')} isPending={create.isPending} />}
      />
      {guard.dialog}
    </Page>
  );
}
