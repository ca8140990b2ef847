import { Label, ProgressBar } from 'react-aria-components';

/** An indeterminate progress bar that screen readers announce with `label`. */
export function Loading({ label }: { label: string }) {
  return (
    <ProgressBar isIndeterminate className="progress">
      <Label>{label}</Label>
      <div className="progress__track" aria-hidden="true">
        <div className="progress__bar" />
      </div>
    </ProgressBar>
  );
}
