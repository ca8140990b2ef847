import { act } from '@testing-library/react';

/**
 * Reports a solved challenge the way the ALTCHA widget does (its documented `statechange` event).
 * jsdom has neither a secure context nor workers, so the widget cannot do the proof of work here;
 * the Playwright journey solves a real challenge in Chromium.
 */
export function solveAltcha(payload = 'solved-payload'): void {
  const widget = document.querySelector('altcha-widget');
  if (!widget) throw new Error('no altcha-widget on the page');
  act(() => {
    widget.dispatchEvent(new CustomEvent('statechange', { detail: { state: 'verified', payload } }));
  });
}
