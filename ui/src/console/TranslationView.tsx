import type { Candidate, Translation } from '../api/nlCypher';
import { StatusBadge } from '../components/StatusBadge';
import { CONSOLE_LOOKS } from '../lib/status';
import { CypherCode } from './CypherCode';
import { percent } from './looks';

interface Props {
  translation: Translation;
  current: Candidate | null;
  onChoose: (candidate: Candidate) => void;
  onWriteByHand: () => void;
}

/** How the question was understood: status and confidence, notes, and every candidate to choose from. */
export function TranslationView({ translation, current, onChoose, onWriteByHand }: Props) {
  const candidates = translation.best ? [translation.best, ...translation.alternatives] : translation.alternatives;
  return (
    <section className="card" aria-labelledby="translation-heading" data-testid="translation">
      <h2 id="translation-heading">Translation</h2>
      <p className="translation-summary" role="status">
        <StatusBadge status={translation.status} looks={CONSOLE_LOOKS} testId="translation-status" />{' '}
        <span data-testid="translation-confidence">{percent(translation.confidence)} confidence</span>
        <span className="muted"> · {translation.backend}</span>
      </p>
      {translation.status === 'NO_MATCH' && (
        <div className="notice" data-testid="no-match">
          <p>No query matches this question. Rephrase it, or write the Cypher yourself.</p>
          <button type="button" className="button-secondary" onClick={onWriteByHand}>
            Write Cypher by hand
          </button>
        </div>
      )}
      {translation.notes.length > 0 && (
        <ul className="translation-notes" aria-label="Notes">
          {translation.notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      )}
      {translation.alternatives.length > 0 && (
        <>
          <h3>Best guess and alternatives</h3>
          <ol className="candidates">
            {candidates.map((candidate, index) => {
              const isCurrent = candidate === current;
              return (
                <li key={index} className={isCurrent ? 'is-current' : undefined} data-testid="candidate">
                  <p className="candidate-head">
                    <strong>{candidate.intent}</strong> · {percent(candidate.confidence)}
                    {index === 0 && translation.best ? ' · best guess' : ''}
                  </p>
                  <p>{candidate.explanation}</p>
                  <CypherCode cypher={candidate.cypher} testId="candidate-cypher" />
                  {isCurrent ? (
                    <p className="muted">In the editor below.</p>
                  ) : (
                    <button type="button" className="button-secondary" onClick={() => onChoose(candidate)}>
                      Use this query <span className="visually-hidden">({candidate.intent})</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
