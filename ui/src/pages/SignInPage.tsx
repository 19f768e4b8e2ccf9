import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ProblemError, errorMessage } from '../api/problem';
import { useAuth } from '../auth/authContext';
import { TOKEN_PREFIX } from '../auth/tokenStore';
import { usePageTitle } from '../hooks/usePageTitle';

export function SignInPage() {
  usePageTitle('Sign in');
  const { api, signIn, signOutReason } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const from = (location.state as { from?: string } | null)?.from ?? '/runs';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (!value.startsWith(TOKEN_PREFIX)) {
      setError(`An API token starts with "${TOKEN_PREFIX}".`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await api.me(value);
      signIn(value, me);
      navigate(from === '/signin' ? '/runs' : from, { replace: true });
    } catch (failure) {
      setError(
        failure instanceof ProblemError && failure.status === 401
          ? 'That token was not accepted (401). Check it and try again.'
          : `Could not sign in: ${errorMessage(failure)}`,
      );
      setBusy(false);
    }
  };

  return (
    <>
      <header className="app-header">
        <span className="brand">Maestro</span>
      </header>
      <main id="main" className="signin">
        <h1>Sign in</h1>
        {signOutReason && (
          <p className="notice" role="status" data-testid="signout-reason">
            {signOutReason}
          </p>
        )}
        <form onSubmit={submit} className="card form-stack" aria-describedby="token-help">
          <label htmlFor="token">API token</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'token-error' : undefined}
            onChange={(event) => setToken(event.target.value)}
          />
          <p id="token-help" className="muted">
            Paste a token of the form <code>{TOKEN_PREFIX}…</code>. It is kept only for this browser tab.
          </p>
          {error && (
            <p id="token-error" className="error-text" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </>
  );
}
