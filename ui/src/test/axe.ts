import axe from 'axe-core';

/** Runs axe on the document; jsdom has no layout, so rules that need rendering are skipped. */
export async function seriousViolations(): Promise<string[]> {
  document.documentElement.lang = 'en'; // as in index.html, which tests do not load
  const result = await axe.run(document, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false }, 'scrollable-region-focusable': { enabled: false } },
  });
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
