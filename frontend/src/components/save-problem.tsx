import { Button } from 'react-aria-components';

import { ApiProblem } from '@/api/problem';
import { ProblemAlert } from '@/components/problem-message';

/** What a refused save says, in the words of the editor that saves. */
export interface SaveProblemTexts {
  /** The alert's title ("The item was not saved"). */
  notSaved: string;
  /** Fields to fix ("Check the fields marked below"). */
  checkFields: string;
  /** Someone else saved first: what happened, and the button that loads their version. */
  staleTitle: string;
  staleBody: string;
  reload: string;
  /** What a 409 means when there is nothing to reload (a new item's address is taken); without it, the service's words. */
  taken?: string;
}

export interface SaveProblemProps {
  error: unknown;
  /** Problems the form could not place next to a field, in the service's (English) words. */
  general: readonly string[];
  /** Only a stored item can be stale; a new item's 409 is its key or address. */
  onReload?: (() => void) | undefined;
  texts: SaveProblemTexts;
}

/** Why a save was refused: someone else saved first (offer to reload), fields to fix, or what else went wrong. */
export function SaveProblem({ error, general, onReload, texts }: SaveProblemProps) {
  if (error instanceof ApiProblem && error.status === 409 && onReload) {
    return (
      <div role="alert" className="problem-alert">
        <p className="problem-alert__title">{texts.staleTitle}</p>
        <p>{texts.staleBody}</p>
        <Button onPress={onReload}>{texts.reload}</Button>
      </div>
    );
  }
  if (error instanceof ApiProblem && error.status === 409 && texts.taken) {
    return <CheckFields texts={{ ...texts, checkFields: texts.taken }} general={general} />;
  }
  if (error instanceof ApiProblem && error.status === 422) {
    return <CheckFields texts={texts} general={general} />;
  }
  return <ProblemAlert error={error} title={texts.notSaved} />;
}

interface CheckFieldsProps {
  texts: Pick<SaveProblemTexts, 'notSaved' | 'checkFields'>;
  general?: readonly string[];
}

/** Fields to fix: the service's checks refused them, or the form's own did and nothing was sent. */
export function CheckFields({ texts, general = [] }: CheckFieldsProps) {
  return (
    <div role="alert" className="problem-alert">
      <p className="problem-alert__title">{texts.notSaved}</p>
      <p>{texts.checkFields}</p>
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
