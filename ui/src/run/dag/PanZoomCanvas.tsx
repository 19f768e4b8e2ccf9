import { useCallback, useEffect, useImperativeHandle, useRef, useState, type PointerEvent, type ReactNode, type Ref } from 'react';
import { centreOn, ensureVisible, fitView, zoomAt, type Box, type Size, type View } from '../../lib/viewTransform';

export interface PanZoomHandle {
  zoomBy: (factor: number) => void;
  fit: () => void;
  centreOn: (box: Box) => void;
  ensureVisible: (box: Box) => void;
}

interface Props {
  ref?: Ref<PanZoomHandle>;
  content: Size;
  label: string;
  children: ReactNode;
}

const FALLBACK_VIEWPORT: Size = { width: 800, height: 500 };
const DRAG_THRESHOLD = 4;

interface Drag {
  pointerId: number;
  startX: number;
  startY: number;
  origin: View;
  moved: boolean;
}

/**
 * An SVG viewport that pans by dragging and zooms with the wheel. The view lives here so that
 * panning re-renders only this component: `children` keeps its identity and React skips it.
 */
export function PanZoomCanvas({ ref, content, label, children }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const dragRef = useRef<Drag | null>(null);
  const swallowClick = useRef(false);
  /** Until the user pans or zooms, the graph is kept fitted to the viewport as it resizes. */
  const userMoved = useRef(false);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });

  const viewport = useCallback((): Size => {
    const svg = svgRef.current;
    if (!svg || svg.clientWidth === 0) return FALLBACK_VIEWPORT;
    return { width: svg.clientWidth, height: svg.clientHeight };
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      zoomBy: (factor) => {
        userMoved.current = true;
        const size = viewport();
        setView((v) => zoomAt(v, factor, size.width / 2, size.height / 2));
      },
      fit: () => {
        userMoved.current = false;
        setView(fitView(content, viewport()));
      },
      centreOn: (box) => {
        userMoved.current = true;
        setView((v) => centreOn(v, box, viewport()));
      },
      ensureVisible: (box) => setView((v) => ensureVisible(v, box, viewport())),
    }),
    [content, viewport],
  );

  // Fit whenever the content size changes (a new layout); deferred a frame so the SVG is measured.
  useEffect(() => {
    userMoved.current = false;
    const frame = requestAnimationFrame(() => setView(fitView(content, viewport())));
    return () => cancelAnimationFrame(frame);
  }, [content, viewport]);

  // A graph first laid out in a hidden tab has no size yet: fit again once it is shown or resized.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (!userMoved.current && svg.clientWidth > 0) setView(fitView(content, viewport()));
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [content, viewport]);

  // React's onWheel is passive; a native listener is needed to stop the page from scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      userMoved.current = true;
      const rect = svg.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * 0.0015);
      setView((v) => zoomAt(v, factor, event.clientX - rect.left, event.clientY - rect.top));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    dragRef.current = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, origin: view, moved: false };
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!drag.moved) {
      drag.moved = true;
      userMoved.current = true;
      // Captured only once a drag starts: capturing on press would retarget clicks on nodes.
      event.currentTarget.setPointerCapture?.(event.pointerId);
    }
    setView({ ...drag.origin, x: drag.origin.x + dx, y: drag.origin.y + dy });
  };

  const endDrag = () => {
    swallowClick.current = dragRef.current?.moved ?? false;
    dragRef.current = null;
  };

  return (
    <svg
      ref={svgRef}
      className="dag-canvas"
      role="group"
      aria-label={label}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onClickCapture={(event) => {
        if (swallowClick.current) {
          swallowClick.current = false;
          event.stopPropagation();
        }
      }}
    >
      <defs>
        <marker id="dag-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="dag-arrow" />
        </marker>
        <pattern id="dag-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" className="dag-hatch-bg" />
          <line x1="0" y1="0" x2="0" y2="8" className="dag-hatch-line" />
        </pattern>
      </defs>
      <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>{children}</g>
    </svg>
  );
}
