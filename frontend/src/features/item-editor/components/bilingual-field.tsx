import { useTranslation } from 'react-i18next';

import { BilingualField as SharedBilingualField, type BilingualFieldProps } from '@/components/bilingual-field';

/** A text of the item in every language side by side, each field labelled "Question (English)". */
export function BilingualField(props: Omit<BilingualFieldProps, 'columnLabel'>) {
  const { t } = useTranslation();
  return <SharedBilingualField {...props} columnLabel={(field, language) => t('itemEditor.form.inLanguage', { field, language })} />;
}
