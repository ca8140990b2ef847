import { useCallback, useEffect, useRef } from 'react';

/** Milliseconds the page has been visible since the component mounted: time away from the tab does not count. */
export function useVisibleTime(): () => number {
  const spent = useRef(0);
  const since = useRef<number | null>(null);

  useEffect(() => {
    const visible = () => document.visibilityState === 'visible';
    since.current = visible() ? performance.now() : null;
    const onChange = () => {
      if (visible() && since.current === null) since.current = performance.now();
      if (!visible() && since.current !== null) {
        spent.current += performance.now() - since.current;
        since.current = null;
      }
    };
    document.addEventListener('visibilitychange', onChange);
    return () => {
      document.removeEventListener('visibilitychange', onChange);
    };
  }, []);

  return useCallback(() => {
    const running = since.current === null ? 0 : performance.now() - since.current;
    return Math.round(spent.current + running);
  }, []);
}
