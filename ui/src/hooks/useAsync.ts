import { useCallback, useEffect, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  /** True until the current loader (or a reload) has answered. */
  loading: boolean;
  reload: () => void;
  setData: (update: (previous: T | undefined) => T | undefined) => void;
}

interface Settled<T> {
  load: () => Promise<T>;
  version: number;
  data: T | undefined;
  error: unknown;
}

/**
 * Runs `load` (keep it stable with useCallback) and again whenever it changes or reload() is called.
 * Earlier data stays visible while a reload is in flight.
 */
export function useAsync<T>(load: () => Promise<T>): AsyncState<T> {
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);

  useEffect(() => {
    let active = true;
    load().then(
      (data) => active && setSettled({ load, version, data, error: null }),
      (error: unknown) => active && setSettled((previous) => ({ load, version, data: previous?.data, error })),
    );
    return () => {
      active = false;
    };
  }, [load, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setData = useCallback(
    (update: (previous: T | undefined) => T | undefined) =>
      setSettled((previous) => (previous ? { ...previous, data: update(previous.data) } : previous)),
    [],
  );

  const current = settled !== null && settled.load === load && settled.version === version;
  return {
    data: settled?.data,
    error: current ? settled.error : null,
    loading: !current,
    reload,
    setData,
  };
}
