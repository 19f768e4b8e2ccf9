import { useRef, useState } from 'react';
import type { HistoryItem } from '../api/nlCypher';
import { AskForm } from '../console/AskForm';
import { HistoryList } from '../console/HistoryList';
import { PreviewView } from '../console/PreviewView';
import { QueryPanel } from '../console/QueryPanel';
import { ResultView } from '../console/ResultView';
import { TranslationView } from '../console/TranslationView';
import { useConsole } from '../console/useConsole';
import { usePageTitle } from '../hooks/usePageTitle';

/** Ask the graph in plain language, check the Cypher and its cost, run it in the sandbox. */
export default function ConsolePage() {
  usePageTitle('Console');
  const state = useConsole();
  const [editing, setEditing] = useState(false);
  const queryHeading = useRef<HTMLHeadingElement>(null);
  const translation = state.translation.data;

  // A new query from elsewhere is shown highlighted, not in the editor.
  const ask = () => {
    setEditing(false);
    void state.ask();
  };
  const loadFromHistory = (item: HistoryItem) => {
    setEditing(false);
    state.loadFromHistory(item);
    queryHeading.current?.focus();
  };

  return (
    <>
      <h1>Console</h1>
      <p className="muted">
        Ask the graph a question in plain language, check the Cypher it becomes and what it would cost, then run it in the
        read-only sandbox.
      </p>
      <AskForm
        question={state.questionText}
        onQuestionChange={state.setQuestionText}
        onAsk={ask}
        busy={state.translation.busy}
        error={state.translation.error}
      />
      {translation && (
        <TranslationView
          translation={translation}
          current={state.query.candidate}
          onChoose={(candidate) => {
            setEditing(false);
            state.choose(candidate, translation);
          }}
          onWriteByHand={() => setEditing(true)}
        />
      )}
      <QueryPanel state={state} editing={editing} onEditingChange={setEditing} headingRef={queryHeading} />
      <PreviewView preview={state.preview} />
      <ResultView result={state.result} />
      <HistoryList history={state.history} onLoad={loadFromHistory} />
    </>
  );
}
