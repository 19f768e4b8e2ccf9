// Wire types and calls of the NL→Cypher plugin (/api/v1/plugins/nl-cypher).
import type { MaestroApi } from './client';

export type TranslationStatus = 'CONFIDENT' | 'UNSURE' | 'NO_MATCH';
export type CostClass = 'CHEAP' | 'MODERATE' | 'EXPENSIVE' | 'BLOCKED';
export type HistoryStatus = 'RAN' | 'BLOCKED' | 'FAILED';
export type QueryParameters = Record<string, unknown>;

export interface Candidate {
  intent: string;
  cypher: string;
  parameters: QueryParameters;
  /** 0..1 */
  confidence: number;
  explanation: string;
}

export interface Translation {
  question: string;
  status: TranslationStatus;
  /** 0..1 */
  confidence: number;
  backend: string;
  best: Candidate | null;
  alternatives: Candidate[];
  notes: string[];
}

export interface PlanOperator {
  name: string;
  estimatedRows: number;
  depth: number;
}

export interface PlannerNotice {
  code: string;
  title: string;
}

export interface CostPreview {
  costClass: CostClass;
  maxEstimatedRows: number;
  operators: PlanOperator[];
  notices: PlannerNotice[];
  labels: string[];
  relationshipTypes: string[];
}

/** Each value is a scalar, list, map, node `{id, labels, properties}` or relationship `{id, type, start, end, properties}`. */
export type ResultRow = Record<string, unknown>;

export interface QueryResult {
  columns: string[];
  rows: ResultRow[];
  truncated: boolean;
  rowCap: number;
  tookMs: number;
  costClass: string;
}

export interface HistoryItem {
  id: string;
  at: string;
  user: string;
  question: string | null;
  cypher: string;
  status: HistoryStatus;
  rule: string | null;
  rows: number | null;
  costClass: string | null;
  /** Not in the contract yet; used when the server sends it so that a reloaded query keeps its parameters. */
  parameters?: QueryParameters;
}

export interface CypherQuery {
  cypher: string;
  parameters: QueryParameters;
}

const BASE = '/api/v1/plugins/nl-cypher';

export function translateQuestion(api: MaestroApi, question: string): Promise<Translation> {
  return api.request('POST', `${BASE}/translate`, { question });
}

export function previewQuery(api: MaestroApi, query: CypherQuery): Promise<CostPreview> {
  return api.request('POST', `${BASE}/preview`, { cypher: query.cypher, parameters: query.parameters });
}

export function runQuery(api: MaestroApi, query: CypherQuery, question: string | null): Promise<QueryResult> {
  return api.request('POST', `${BASE}/run`, { cypher: query.cypher, parameters: query.parameters, question });
}

export async function queryHistory(api: MaestroApi, limit = 50): Promise<HistoryItem[]> {
  const page = await api.request<{ items: HistoryItem[] }>('GET', `${BASE}/history?limit=${limit}`);
  return page.items;
}

/** The longest question the server accepts. */
export const MAX_QUESTION_LENGTH = 2000;
