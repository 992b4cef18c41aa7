import { useEffect, useRef } from 'react';

/**
 * Runs `reload` at most once per `ms` however many times `request` is called: a customer message can
 * update a dozen actions in a second, and reloading a list (or a badge) for each one queued requests
 * behind slow ones in the browser's six connections to the host.
 */
export function useCoalescedReload(reload: () => void, ms = 400): () => void {
  const timer = useRef<number | null>(null);
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
  }, []);
  return () => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      latest.current();
    }, ms);
  };
}
