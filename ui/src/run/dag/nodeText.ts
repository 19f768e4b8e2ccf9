/** SVG text does not wrap or ellipsize; cut long labels to fit a node of the given width. */
export function fitText(text: string, widthPx: number, charPx = 7.4): string {
  const max = Math.max(4, Math.floor(widthPx / charPx));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
