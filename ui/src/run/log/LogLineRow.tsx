import { memo } from 'react';
import type { LogLine } from '../../api/types';
import { splitByRanges } from '../../lib/logFilter';

interface Props {
  line: LogLine;
  ranges: ReadonlyArray<[number, number]>;
}

/** One log line; the stream is named in its own column so stdout/stderr differ by more than colour. */
export const LogLineRow = memo(function LogLineRow({ line, ranges }: Props) {
  const err = line.stream === 'ERR';
  return (
    <li className={err ? 'log-line log-err' : 'log-line'}>
      <span className="log-seq">{line.seq}</span>
      <span className="log-stream">{err ? 'ERR' : 'out'}</span>
      <span className="log-attempt">#{line.attempt}</span>
      <span className="log-text">
        {splitByRanges(line.line, ranges).map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}
      </span>
    </li>
  );
});
