import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ApiProblem } from '@/api/problem';
import { ProblemAlert } from '@/components/problem-message';

interface SaveProblemProps {
  error: unknown;
  /** Problems the form could not place next to a field, in the service's (English) words. */
  general: readonly string[];
  /** Only a stored item can be stale; a new item's 409 is its slug. */
  onReload?: (() => void) | undefined;
}

/** Why a save was refused: someone else saved first (offer to reload), fields to fix, or what else went wrong. */
export function SaveProblem({ error, general, onReload }: SaveProblemProps) {
  const { t } = useTranslation();
  const title = t('catalogEditor.edit.notSaved');
  if (error instanceof ApiProblem && error.status === 409 && onReload) {
    return (
      <div role="alert" className="problem-alert">
        <p className="problem-alert__title">{t('catalogEditor.edit.staleTitle')}</p>
        <p>{t('catalogEditor.edit.staleBody')}</p>
        <Button onPress={onReload}>{t('catalogEditor.edit.reload')}</Button>
      </div>
    );
  }
  if (error instanceof ApiProblem && (error.status === 422 || error.status === 409)) {
    return (
      <div role="alert" className="problem-alert">
        <p className="problem-alert__title">{title}</p>
        <p>{error.status === 409 ? t('catalogEditor.errors.slugTaken') : t('catalogEditor.edit.checkFields')}</p>
        {general.length > 0 && (
          <ul lang="en">
            {general.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return <ProblemAlert error={error} title={title} />;
}

/** The form's own checks failed (a required field is empty): nothing was sent. */
export function CheckFields() {
  const { t } = useTranslation();
  return (
    <div role="alert" className="problem-alert">
      <p className="problem-alert__title">{t('catalogEditor.edit.notSaved')}</p>
      <p>{t('catalogEditor.edit.checkFields')}</p>
    </div>
  );
}
