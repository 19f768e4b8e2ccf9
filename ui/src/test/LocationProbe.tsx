import { useLocation } from 'react-router';

/** Exposes the router location to tests. */
export function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location" hidden>{location.pathname + location.search}</output>;
}
