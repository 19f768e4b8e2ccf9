interface Props {
  groups: Map<string, string[]>;
  collapsed: ReadonlySet<string>;
  onToggle: (stepId: string, collapse: boolean) => void;
  onAll: (collapse: boolean) => void;
}

/** Keyboard-friendly list of matrix groups with collapse/expand buttons. */
export function MatrixGroupToggles({ groups, collapsed, onToggle, onAll }: Props) {
  if (groups.size === 0) return null;
  return (
    <details className="matrix-groups">
      <summary>
        Matrix groups ({groups.size}, {collapsed.size} collapsed)
      </summary>
      <div className="toolbar">
        <button type="button" className="button-secondary" onClick={() => onAll(true)}>
          Collapse all
        </button>
        <button type="button" className="button-secondary" onClick={() => onAll(false)}>
          Expand all
        </button>
      </div>
      <ul>
        {[...groups].map(([stepId, keys]) => {
          const isCollapsed = collapsed.has(stepId);
          return (
            <li key={stepId}>
              <button
                type="button"
                className="button-quiet"
                aria-pressed={isCollapsed}
                onClick={() => onToggle(stepId, !isCollapsed)}
              >
                {isCollapsed ? 'Expand' : 'Collapse'} {stepId} ({keys.length} instances)
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
