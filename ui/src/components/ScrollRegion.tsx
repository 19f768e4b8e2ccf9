import type { ReactNode } from 'react';

/** A horizontally scrollable wrapper that keyboard users can focus and scroll (axe: scrollable-region-focusable). */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
