import { NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth/authContext';

interface NavItem {
  to: string;
  label: string;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/runs', label: 'Runs' },
  { to: '/pipelines', label: 'Pipelines' },
  { to: '/plugins', label: 'Plugins' },
  { to: '/console', label: 'Console' },
];

export function AppLayout() {
  const { me, signOut } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Maestro</span>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV_ITEMS.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          {me && (
            <span className="session-who">
              {me.tenant} · {me.tokenName} ({me.role})
            </span>
          )}
          <button type="button" className="button-quiet" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
