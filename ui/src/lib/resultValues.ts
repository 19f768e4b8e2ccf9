// Recognises graph values in NL→Cypher query results and renders any result value as one line of text.

export interface GraphNode {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface GraphRelationship {
  id: string;
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function isNode(value: unknown): value is GraphNode {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    Array.isArray(value.labels) &&
    value.labels.every((label) => typeof label === 'string') &&
    isRecord(value.properties)
  );
}

export function isRelationship(value: unknown): value is GraphRelationship {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.type === 'string' &&
    typeof value.start === 'string' &&
    typeof value.end === 'string' &&
    isRecord(value.properties)
  );
}

const CAPTION_KEYS = ['name', 'title', 'label', 'key', 'id'];

/** What to write on a drawn node: a name-like property, else its first label and id. */
export function nodeCaption(node: GraphNode): string {
  for (const key of CAPTION_KEYS) {
    const value = node.properties[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return `${node.labels[0] ?? 'node'} ${node.id}`;
}

function formatProperties(properties: Record<string, unknown>): string {
  const entries = Object.entries(properties);
  if (entries.length === 0) return '';
  return ` {${entries.map(([key, value]) => `${key}: ${formatResultValue(value)}`).join(', ')}}`;
}

/** Nodes as `(:Label {k: v})`, relationships as `[:TYPE {k: v}]`, lists and maps in Cypher-like form, scalars as JSON. */
export function formatResultValue(value: unknown): string {
  if (isNode(value)) return `(${value.labels.map((label) => `:${label}`).join('')}${formatProperties(value.properties)})`;
  if (isRelationship(value)) return `[:${value.type}${formatProperties(value.properties)}]`;
  if (Array.isArray(value)) return `[${value.map(formatResultValue).join(', ')}]`;
  if (isRecord(value)) return `{${Object.entries(value).map(([key, item]) => `${key}: ${formatResultValue(item)}`).join(', ')}}`;
  if (value === undefined) return '';
  return JSON.stringify(value);
}
