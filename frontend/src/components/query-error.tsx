import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { problemKind } from '@/api/problem';

interface QueryErrorProps {
  title: string;
  error: unknown;
  onRetry: () => void;
}

/** A failed load: what went wrong in the visitor's language (chosen by the problem type) and a retry. */
export function QueryError({ title, error, onRetry }: QueryErrorProps) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="query-error">
      <h2>{title}</h2>
      <p>{t(`problems.${problemKind(error)}`)}</p>
      <Button onPress={onRetry}>{t('common.retry')}</Button>
    </div>
  );
}
