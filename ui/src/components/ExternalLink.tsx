import type { ReactNode } from 'react';

interface Props {
  href: string;
  children: ReactNode;
  testId?: string;
}

export function ExternalLink({ href, children, testId }: Props) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" data-testid={testId}>
      {children}
      {' '}
      <span className="visually-hidden">(opens in a new tab)</span>
    </a>
  );
}
