import type { FormEvent, KeyboardEvent } from 'react';
import { MAX_QUESTION_LENGTH } from '../api/nlCypher';
import { ProblemMessage } from '../components/ProblemMessage';

interface Props {
  question: string;
  onQuestionChange: (question: string) => void;
  onAsk: () => void;
  busy: boolean;
  error: unknown;
}

/** The plain-language question; the Ask button or Ctrl/Cmd+Enter sends it for translation. */
export function AskForm({ question, onQuestionChange, onAsk, busy, error }: Props) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onAsk();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  return (
    <form className="card form-stack console-ask" onSubmit={submit} aria-labelledby="ask-heading">
      <h2 id="ask-heading">Ask a question</h2>
      <div className="field">
        <label htmlFor="console-question">Question</label>
        <p id="console-question-hint" className="muted">
          In plain language, e.g. “Who does Ann know?”. Ctrl+Enter (⌘+Enter on a Mac) asks too.
        </p>
        <textarea
          id="console-question"
          className="prose-input"
          rows={3}
          required
          maxLength={MAX_QUESTION_LENGTH}
          aria-describedby="console-question-hint"
          value={question}
          onChange={(event) => onQuestionChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <div>
        <button type="submit" className="button-primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Translating…' : 'Ask'}
        </button>
      </div>
      <ProblemMessage error={error} context="Could not translate the question" />
    </form>
  );
}
