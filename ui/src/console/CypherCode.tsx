import Prism from 'prismjs';
import 'prismjs/components/prism-cypher';
import { useMemo, type ReactNode } from 'react';

// Prism's tokenizer and its Cypher grammar do the highlighting; the tokens become React elements,
// so no HTML string is ever injected. Class names follow Prism's (`token keyword`…), styled in console.css.
function render(stream: Prism.TokenStream, key: string): ReactNode {
  if (typeof stream === 'string') return stream;
  if (Array.isArray(stream)) return stream.map((part, index) => render(part, `${key}.${index}`));
  const aliases = Array.isArray(stream.alias) ? stream.alias : stream.alias ? [stream.alias] : [];
  return (
    <span key={key} className={['token', stream.type, ...aliases].join(' ')}>
      {render(stream.content, key)}
    </span>
  );
}

function highlightCypher(cypher: string): ReactNode {
  return render(Prism.tokenize(cypher, Prism.languages.cypher), 't');
}

/** Read-only Cypher, syntax-highlighted; long lines wrap, so it never needs to scroll sideways. */
export function CypherCode({ cypher, testId = 'cypher-code' }: { cypher: string; testId?: string }) {
  const highlighted = useMemo(() => highlightCypher(cypher), [cypher]);
  return (
    <pre className="cypher-code" data-testid={testId}>
      <code>{highlighted}</code>
    </pre>
  );
}
