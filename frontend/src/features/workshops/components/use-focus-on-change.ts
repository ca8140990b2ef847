import { useEffect, useRef } from 'react';

/**
 * Moves focus to a message when an action changed what it says: after registering or cancelling,
 * the button pressed goes away and focus would otherwise fall to the page. The message changes
 * only once the refreshed data has rendered, which may be before or after the request's success
 * callback, so focus moves at whichever comes last. `content` is a key of what the message shows.
 */
export function useFocusOnChange<T extends HTMLElement>(content: string) {
  const ref = useRef<T>(null);
  const latest = useRef(content);
  const before = useRef(content);
  const armed = useRef(false);

  const focusIfChanged = () => {
    // An empty message has nothing to say yet: wait for the render that fills it.
    if (!armed.current || latest.current === before.current || !ref.current?.textContent) return;
    armed.current = false;
    ref.current.focus();
  };

  useEffect(() => {
    latest.current = content;
    focusIfChanged();
  });

  return {
    ref,
    /** Before the action: remember what the message says now. */
    start: () => {
      before.current = latest.current;
      armed.current = false;
    },
    /** The action succeeded: focus the message as soon as it says something else. */
    succeeded: () => {
      armed.current = true;
      focusIfChanged();
    },
  };
}
