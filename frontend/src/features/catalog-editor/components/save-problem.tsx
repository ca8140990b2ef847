import { useTranslation } from 'react-i18next';

import {
  CheckFields as SharedCheckFields,
  SaveProblem as SharedSaveProblem,
  type SaveProblemProps,
  type SaveProblemTexts,
} from '@/components/save-problem';

function useSaveTexts(): SaveProblemTexts {
  const { t } = useTranslation();
  return {
    notSaved: t('catalogEditor.edit.notSaved'),
    checkFields: t('catalogEditor.edit.checkFields'),
    staleTitle: t('catalogEditor.edit.staleTitle'),
    staleBody: t('catalogEditor.edit.staleBody'),
    reload: t('catalogEditor.edit.reload'),
    taken: t('catalogEditor.errors.slugTaken'),
  };
}

/** Why a save of an item was refused (see the shared alert); a new item's 409 is its slug. */
export function SaveProblem(props: Omit<SaveProblemProps, 'texts'>) {
  return <SharedSaveProblem {...props} texts={useSaveTexts()} />;
}

/** The form's own checks failed (a required field is empty): nothing was sent. */
export function CheckFields() {
  return <SharedCheckFields texts={useSaveTexts()} />;
}
