import type {} from 'altcha/types/react';
import type { AltchaWidgetElement } from 'altcha';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { ALTCHA_CHALLENGE_URL } from '../api';
import './altcha-setup';

interface AltchaFieldProps {
  /** Called with the solution payload once the widget has verified, and with null when it is not (any more). */
  onChange: (payload: string | null) => void;
  /** Why the form could not use the widget's answer (not verified yet, or refused by the server). */
  error?: string | undefined;
  /** Change it to get a fresh challenge (a solution is accepted once only). */
  resetKey?: number;
  /** Change it to put keyboard focus on the widget's checkbox. */
  focusKey?: number;
}

interface StateChange {
  state?: string;
  payload?: string;
}

/**
 * The ALTCHA proof-of-work check (the real `altcha-widget` custom element): a labelled group with an
 * explanation, the widget's own checkbox, and an error tied to the group for screen readers.
 * It stays outside the <form> so its required checkbox does not take over native form validation.
 */
export function AltchaField({ onChange, error, resetKey = 0, focusKey = 0 }: AltchaFieldProps) {
  const { t, i18n } = useTranslation();
  const widget = useRef<AltchaWidgetElement>(null);
  const id = useId();

  useEffect(() => {
    const element = widget.current;
    if (!element) return;
    const onState = (event: Event) => {
      const { state, payload } = (event as CustomEvent<StateChange | undefined>).detail ?? {};
      onChange(state === 'verified' && payload ? payload : null);
    };
    element.addEventListener('statechange', onState);
    return () => {
      element.removeEventListener('statechange', onState);
    };
  }, [onChange]);

  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // `reset` exists once the element is upgraded; until then there is nothing to reset.
    if (typeof widget.current?.reset === 'function') widget.current.reset();
    onChange(null);
  }, [resetKey, onChange]);

  useEffect(() => {
    if (focusKey > 0) widget.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
  }, [focusKey]);

  return (
    <div
      className="altcha-field"
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={error ? `${id}-description ${id}-error` : `${id}-description`}
    >
      <p id={`${id}-label`} className="field__label">
        {t('altcha.label')}
      </p>
      <p id={`${id}-description`} className="field__description">
        {t('altcha.description')}
      </p>
      <altcha-widget ref={widget} challenge={ALTCHA_CHALLENGE_URL} language={i18n.language} name="altcha" />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
