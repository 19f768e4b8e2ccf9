export type TemplateValues = Partial<
  Record<'traceId' | 'spanId' | 'runId' | 'stepKey' | 'startMs' | 'endMs', string | number | null>
>;

const PLACEHOLDER = /\{(traceId|spanId|runId|stepKey|startMs|endMs)\}/g;

/**
 * Substitutes {traceId} {spanId} {runId} {stepKey} {startMs} {endMs} in a link template,
 * URL-encoding each value. Unknown placeholders are left as they are; a known placeholder
 * without a value becomes empty.
 */
export function fillUrlTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_match, name: keyof TemplateValues) => {
    const value = values[name];
    return value === null || value === undefined ? '' : encodeURIComponent(String(value));
  });
}

/** Whether the template needs a value we do not have (so a link would be misleading). */
export function templateNeeds(template: string, name: keyof TemplateValues): boolean {
  return template.includes(`{${name}}`);
}
