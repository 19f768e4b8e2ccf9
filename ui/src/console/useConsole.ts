import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import {
  previewQuery,
  queryHistory,
  runQuery,
  translateQuestion,
  type Candidate,
  type CostPreview,
  type CypherQuery,
  type HistoryItem,
  type QueryResult,
  type Translation,
} from '../api/nlCypher';
import { sandboxRule } from '../api/problem';
import { useApi } from '../auth/authContext';
import { useAsync } from '../hooks/useAsync';

export interface Call<T> {
  busy: boolean;
  data: T | null;
  error: unknown;
}

export interface ConsoleQuery extends CypherQuery {
  /** The question the query answers; null for Cypher written by hand. */
  question: string | null;
  /** The translation candidate it came from, until edited by hand. */
  candidate: Candidate | null;
  /** An unsure guess: Run needs an explicit "I checked this query". */
  needsCheck: boolean;
}

const IDLE: Call<never> = { busy: false, data: null, error: null };
const EMPTY_QUERY: ConsoleQuery = { cypher: '', parameters: {}, question: null, candidate: null, needsCheck: false };

/** State and actions of the console page: ask → translation → query → preview → run, and the history. */
export function useConsole() {
  const api = useApi();
  const [questionText, setQuestionText] = useState('');
  const [translation, setTranslation] = useState<Call<Translation>>(IDLE);
  const [query, setQueryState] = useState<ConsoleQuery>(EMPTY_QUERY);
  const [checked, setChecked] = useState(false);
  const [preview, setPreview] = useState<Call<CostPreview>>(IDLE);
  const [result, setResult] = useState<Call<QueryResult>>(IDLE);
  const loadHistory = useCallback(() => queryHistory(api), [api]);
  const history = useAsync(loadHistory);
  // Answers that arrive after the question or the query changed are dropped.
  const askRevision = useRef(0);
  const queryRevision = useRef(0);

  const setQuery = (next: ConsoleQuery) => {
    queryRevision.current += 1;
    setQueryState(next);
    setChecked(false);
    setPreview(IDLE);
    setResult(IDLE);
  };

  async function track<T>(revision: { current: number }, set: Dispatch<SetStateAction<Call<T>>>, work: () => Promise<T>) {
    const mine = revision.current;
    set({ busy: true, data: null, error: null });
    try {
      const data = await work();
      if (revision.current === mine) set({ busy: false, data, error: null });
      return data;
    } catch (error) {
      if (revision.current === mine) set({ busy: false, data: null, error });
      return null;
    }
  }

  const choose = (candidate: Candidate, from: Translation) =>
    setQuery({ ...candidate, question: from.question, candidate, needsCheck: from.status === 'UNSURE' });

  const ask = async () => {
    const question = questionText.trim();
    if (!question) return;
    askRevision.current += 1;
    const answer = await track(askRevision, setTranslation, () => translateQuestion(api, question));
    if (!answer) return;
    if (answer.best) choose(answer.best, answer);
    else setQuery({ ...EMPTY_QUERY, question: answer.question });
  };

  // Cypher edited by hand no longer answers the question as translated: it runs (and is kept in the history) without it.
  const editQuery = (patch: Partial<CypherQuery>) =>
    setQuery({ ...query, ...patch, question: null, candidate: null, needsCheck: false });

  const loadFromHistory = (item: HistoryItem) => {
    askRevision.current += 1;
    setTranslation(IDLE);
    setQuestionText(item.question ?? '');
    setQuery({ ...EMPTY_QUERY, cypher: item.cypher, parameters: item.parameters ?? {}, question: item.question });
  };

  const runPreview = async () => {
    await track(queryRevision, setPreview, () => previewQuery(api, query));
  };

  const run = async () => {
    await track(queryRevision, setResult, () => runQuery(api, query, query.question));
    history.reload();
  };

  const blocked = preview.data?.costClass === 'BLOCKED' || sandboxRule(preview.error) !== undefined;
  const hasQuery = query.cypher.trim() !== '';
  const runBlocker = !hasQuery
    ? 'Write or ask for a query first.'
    : blocked
      ? 'The sandbox does not allow this query.'
      : query.needsCheck && !checked
        ? 'Tick “I checked this query” to run this guess.'
        : null;

  return {
    questionText,
    setQuestionText,
    ask,
    translation,
    choose,
    query,
    editQuery,
    checked,
    setChecked,
    preview,
    runPreview,
    result,
    run,
    runBlocker,
    hasQuery,
    history,
    loadFromHistory,
  };
}

export type ConsoleState = ReturnType<typeof useConsole>;
