import { Button } from 'react-aria-components';

interface SaveActionsProps {
  /** The submit button's label ("Save as a new version"). */
  label: string;
  isPending: boolean;
  isDisabled?: boolean;
  /** What the last save did ("Saved: this is now version 4"), announced; null until a save. */
  saved?: string | null;
  /** Said while there are changes and no save since ("You have unsaved changes"); null otherwise. */
  unsaved?: string | null;
}

/** A form's save button and, beside it, a status line: what was saved, or that changes are not saved yet. */
export function SaveActions({ label, isPending, isDisabled = false, saved = null, unsaved = null }: SaveActionsProps) {
  return (
    <div className="form__actions">
      <Button type="submit" isPending={isPending} isDisabled={isDisabled}>
        {label}
      </Button>
      <div role="status">
        {saved !== null && <p className="notice">{saved}</p>}
        {saved === null && unsaved !== null && <p className="muted">{unsaved}</p>}
      </div>
    </div>
  );
}
