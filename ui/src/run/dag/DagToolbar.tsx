import type { RefObject } from 'react';
import type { PanZoomHandle } from './PanZoomCanvas';

export function DagToolbar({ canvas }: { canvas: RefObject<PanZoomHandle | null> }) {
  return (
    <div className="toolbar" role="group" aria-label="Graph zoom">
      <button type="button" className="icon-button" aria-label="Zoom in" onClick={() => canvas.current?.zoomBy(1.25)}>
        +
      </button>
      <button type="button" className="icon-button" aria-label="Zoom out" onClick={() => canvas.current?.zoomBy(0.8)}>
        −
      </button>
      <button type="button" className="button-secondary" onClick={() => canvas.current?.fit()}>
        Fit
      </button>
    </div>
  );
}
