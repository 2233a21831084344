import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure } from './api-client';

/**
 * Live data by short polling: the page re-reads the same public endpoints every few seconds while it
 * is visible. See docs/architecture.md ("The console") for why not server-sent events.
 */
export const POLL_MS = 3000;

export function usePoll<T>(load: () => Promise<T>, deps: unknown[], intervalMs = POLL_MS) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    try {
      setData(await loadRef.current());
      setError(null);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }, []);
  useEffect(() => {
    void reload();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, intervalMs);
    return () => window.clearInterval(timer);
    // The caller's deps decide when to poll anew, exactly as they would for useEffect itself.
  }, deps);
  return { data, error, reload };
}
