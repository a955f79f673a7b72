import { useCallback, useRef } from 'react';

/**
 * Runs at most one submission at a time: a second click before the first answer is ignored, even when
 * it comes before React has re-rendered the button as disabled (a double click). The request's
 * `Idempotency-Key` covers what gets past the page (a retry after a lost answer).
 */
export function useSingleFlight(): (start: () => Promise<unknown>) => void {
  const busy = useRef(false);
  return useCallback((start) => {
    if (busy.current) return;
    busy.current = true;
    // Errors are shown by the mutation's onError; nothing is left unhandled here.
    void start()
      .catch(() => undefined)
      .finally(() => {
        busy.current = false;
      });
  }, []);
}
