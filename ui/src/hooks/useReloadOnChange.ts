import { useEffect, useRef } from 'react';

/** Calls `reload` at most once per `intervalMs` after `version` changes (e.g. each batch of run events). */
export function useReloadOnChange(version: unknown, reload: () => void, intervalMs = 1000): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(reload, intervalMs);
    return () => clearTimeout(timer);
  }, [version, reload, intervalMs]);
}
