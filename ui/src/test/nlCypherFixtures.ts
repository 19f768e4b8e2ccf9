import type { Candidate, HistoryItem, QueryResult, Translation } from '../api/nlCypher';

export const NL = '/api/v1/plugins/nl-cypher';

export function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    intent: 'count_people',
    cypher: 'MATCH (p:Person) RETURN count(p) AS people',
    parameters: {},
    confidence: 0.92,
    explanation: 'Counts every Person node.',
    ...overrides,
  };
}

export function translation(overrides: Partial<Translation> = {}): Translation {
  return {
    question: 'How many people are in the graph?',
    status: 'CONFIDENT',
    confidence: 0.92,
    backend: 'rules',
    best: candidate(),
    alternatives: [],
    notes: [],
    ...overrides,
  };
}

export function queryResult(overrides: Partial<QueryResult> = {}): QueryResult {
  return { columns: ['people'], rows: [{ people: 42 }], truncated: false, rowCap: 1000, tookMs: 12, costClass: 'CHEAP', ...overrides };
}

export function historyItem(overrides: Partial<HistoryItem> = {}): HistoryItem {
  return {
    id: 'h1',
    at: '2024-05-01T10:00:00Z',
    user: 'ci',
    question: 'How many people are in the graph?',
    cypher: 'MATCH (p:Person) RETURN count(p) AS people',
    status: 'RAN',
    rule: null,
    rows: 1,
    costClass: 'CHEAP',
    ...overrides,
  };
}

export const CHEAP_PREVIEW = {
  costClass: 'CHEAP',
  maxEstimatedRows: 120,
  operators: [
    { name: 'ProduceResults', estimatedRows: 1, depth: 0 },
    { name: 'EagerAggregation', estimatedRows: 1, depth: 1 },
    { name: 'NodeByLabelScan', estimatedRows: 120, depth: 2 },
  ],
  notices: [{ code: 'Neo.ClientNotification.Statement.CartesianProduct', title: 'This query builds a cartesian product' }],
  labels: ['Person'],
  relationshipTypes: [],
};

/** Routes every console page needs; an empty history unless given. */
export function consoleRoutes(history: HistoryItem[] = []) {
  return { [`GET ${NL}/history`]: { items: history } };
}
