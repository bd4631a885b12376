import { useCallback, useEffect, useRef, useState } from 'react';
import { loadDashboard, type DashboardLoad } from './load';

/**
 * The figures at `url`, fetched on mount and again on `retry` (an older answer still arriving is dropped), for the
 * public dashboard and the console's view of one terminal.
 */
export function useDashboardLoad(url: string): { load: DashboardLoad | 'loading'; retry: () => void } {
  const [load, setLoad] = useState<DashboardLoad | 'loading'>('loading');
  const controller = useRef<AbortController | null>(null);

  const fetchFigures = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    void loadDashboard(url, current.signal).then((result) => {
      if (!current.signal.aborted) setLoad(result);
    });
  }, [url]);
  const retry = useCallback(() => {
    setLoad('loading');
    fetchFigures();
  }, [fetchFigures]);

  useEffect(() => {
    fetchFigures();
    return () => controller.current?.abort();
  }, [fetchFigures]);

  return { load, retry };
}
