import { Link } from 'react-router';
import { usePageTitle } from '../hooks/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        Nothing lives here. Go to the <Link to="/runs">runs</Link>.
      </p>
    </>
  );
}
