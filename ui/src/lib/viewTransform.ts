/** Pan and zoom of an SVG canvas: screen = content * k + (x, y). */
export interface View {
  x: number;
  y: number;
  k: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Size {
  x: number;
  y: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 3;

const clampScale = (k: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));

/** Scale the whole content into the viewport (never above 1:1) and centre it. */
export function fitView(content: Size, viewport: Size, padding = 16): View {
  if (content.width <= 0 || content.height <= 0) return { x: 0, y: 0, k: 1 };
  const k = clampScale(
    Math.min(1, (viewport.width - 2 * padding) / content.width, (viewport.height - 2 * padding) / content.height),
  );
  return { k, x: (viewport.width - content.width * k) / 2, y: (viewport.height - content.height * k) / 2 };
}

/** Zoom by `factor` keeping the screen point (px, py) fixed. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
  const k = clampScale(view.k * factor);
  const ratio = k / view.k;
  return { k, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio };
}

export function centreOn(view: View, box: Box, viewport: Size): View {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return { k: view.k, x: viewport.width / 2 - cx * view.k, y: viewport.height / 2 - cy * view.k };
}

/** Pans just enough to bring the box fully on screen (used when keyboard focus moves to a node). */
export function ensureVisible(view: View, box: Box, viewport: Size, margin = 24): View {
  const left = box.x * view.k + view.x;
  const top = box.y * view.k + view.y;
  const right = left + box.width * view.k;
  const bottom = top + box.height * view.k;
  let { x, y } = view;
  if (left < margin) x += margin - left;
  else if (right > viewport.width - margin) x -= right - (viewport.width - margin);
  if (top < margin) y += margin - top;
  else if (bottom > viewport.height - margin) y -= bottom - (viewport.height - margin);
  return x === view.x && y === view.y ? view : { ...view, x, y };
}
