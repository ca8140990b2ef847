import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { useFramework } from '@/api/framework';
import { ApiProblem } from '@/api/problem';
import { Page } from '@/components/page';
import { SaveActions } from '@/components/save-actions';

import { useCreateItem } from '../api/items';
import {
  fieldNames,
  fingerprint,
  missingFields,
  newDraft,
  newItemFields,
  ownershipFields,
  slugify,
  toContent,
  type Draft,
  type NewItemFields,
} from '../components/draft';
import { NO_ERRORS, placeErrors, type PlacedErrors } from '../components/field-errors';
import { ItemForm } from '../components/item-form';
import { useLeaveGuard } from '../components/leave-guard';
import { CheckFields, SaveProblem } from '../components/save-problem';

import '../components/catalog-editor.css';

const EMPTY = fingerprint(newDraft());

/** A new learning item, written in English and Lithuanian side by side; saving makes a draft (version 1). */
export function NewItemRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const framework = useFramework();
  const create = useCreateItem();
  const [draft, setDraft] = useState<Draft>(newDraft);
  const [fields, setFields] = useState<NewItemFields>(newItemFields);
  const dirty = fingerprint(draft) !== EMPTY;
  const guard = useLeaveGuard(dirty);
  // Kept as they came: a field drops its server error once edited.
  const [placed, setPlaced] = useState<PlacedErrors>(NO_ERRORS);

  const [checkFailed, setCheckFailed] = useState(false);

  const change = (next: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...next }));
    // Until the editor writes a slug, it follows the title (English first: it is the URL's language).
    const { title } = next;
    if (title && !fields.slugEdited) setFields((f) => ({ ...f, slug: slugify(title.en || title.lt || '') }));
  };

  const submit = () => {
    const missing = missingFields(draft);
    if (missing.length > 0) {
      setPlaced({ byField: Object.fromEntries(missing.map((name) => [name, t('forms.required')])), general: [] });
      create.reset();
      setCheckFailed(true);
      return;
    }
    setCheckFailed(false);
    create.mutate(
      { ...toContent(draft), slug: fields.slug.trim(), ...ownershipFields(fields.ownership) },
      {
        onError: (error) => {
          const next = placeErrors(error, fieldNames(draft, true), t);
          // The same slug with other content: the slug is taken.
          if (error instanceof ApiProblem && error.status === 409) next.byField.slug = t('catalogEditor.errors.slugTaken');
          setPlaced(next);
        },
        onSuccess: (item) => {
          guard.allowNextLeave();
          void navigate(`/editor/catalog/${item.id}`, { state: { created: item.version } });
        },
      },
    );
  };

  return (
    <Page title={t('catalogEditor.new.title')}>
      <p>
        <Link to="/editor/catalog">{t('catalogEditor.back')}</Link>
      </p>
      <p>{t('catalogEditor.new.intro')}</p>
      <ItemForm
        draft={draft}
        framework={framework.data}
        errors={placed.byField}
        newFields={fields}
        onNewFieldsChange={(next) => {
          setFields((current) => ({ ...current, ...next }));
        }}
        onChange={change}
        onSubmit={submit}
        header={
          create.isError ? (
            <SaveProblem error={create.error} general={placed.general} />
          ) : checkFailed ? (
            <CheckFields />
          ) : null
        }
        actions={<SaveActions label={t('catalogEditor.new.save')} isPending={create.isPending} />}
      />
      {guard.dialog}
    </Page>
  );
}
