import { useCallback, useMemo, useState } from 'react';
import { initiallyCollapsed } from '../../lib/matrixGroups';

/** Collapsed matrix groups: the defaults (more than 8 instances) adjusted by the user's choices. */
export function useMatrixCollapse(groups: Map<string, string[]>) {
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});

  const collapsed = useMemo(() => {
    const set = initiallyCollapsed(groups);
    for (const [stepId, collapse] of Object.entries(overrides)) {
      if (!groups.has(stepId)) continue;
      if (collapse) set.add(stepId);
      else set.delete(stepId);
    }
    return set;
  }, [groups, overrides]);

  const setCollapsed = useCallback((stepId: string, collapse: boolean) => {
    setOverrides((previous) => ({ ...previous, [stepId]: collapse }));
  }, []);

  const setAll = useCallback(
    (collapse: boolean) => setOverrides(Object.fromEntries([...groups.keys()].map((stepId) => [stepId, collapse]))),
    [groups],
  );

  return { collapsed, setCollapsed, setAll };
}
