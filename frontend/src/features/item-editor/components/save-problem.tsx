import { useTranslation } from 'react-i18next';

import { SaveProblem as SharedSaveProblem, type SaveProblemProps } from '@/components/save-problem';

/** Why a save of an item was refused (see the shared alert); a new item's taken key is shown at its field. */
export function SaveProblem(props: Omit<SaveProblemProps, 'texts'>) {
  const { t } = useTranslation();
  const texts = {
    notSaved: t('itemEditor.edit.notSaved'),
    checkFields: t('itemEditor.edit.checkFields'),
    staleTitle: t('itemEditor.edit.staleTitle'),
    staleBody: t('itemEditor.edit.staleBody'),
    reload: t('itemEditor.edit.reload'),
  };
  return <SharedSaveProblem {...props} texts={texts} />;
}
