import { useCallback, useEffect, useState } from 'react';
import { api, setCsrfToken } from './lib/api-client';
import type { SessionInfo } from './lib/api-types';
import { parseRoute, usePath } from './lib/router';
import { Layout } from './components/layout';
import { SignInPage } from './pages/sign-in-page';
import { ApprovePage } from './pages/approve-page';
import { HomePage } from './pages/home-page';
import { TicketPage } from './pages/ticket-page';

/** Loads the session behind the cookie (if any), then shows the page for the path and the role. */
export function App() {
  const route = parseRoute(usePath());
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const load = useCallback(async () => {
    try {
      const info = await api<SessionInfo>('GET', '/v1/sessions/current');
      setCsrfToken(info.csrfToken);
      setSession(info);
    } catch {
      setSession(null);
    }
  }, []);
  useEffect(() => {
    if (route.page === 'approve') return;
    void load();
    const ended = () => setSession(null);
    window.addEventListener('session-ended', ended);
    return () => window.removeEventListener('session-ended', ended);
  }, [load, route.page]);

  if (route.page === 'approve') return <ApprovePage token={route.token} />;
  if (session === undefined)
    return (
      <main className="centered">
        <p role="status">Loading…</p>
      </main>
    );
  if (session === null) return <SignInPage onSignedIn={load} />;
  return (
    <Layout session={session} onSignedOut={() => setSession(null)}>
      {route.page === 'ticket' ? <TicketPage id={route.id} session={session} /> : <HomePage session={session} onChanged={load} />}
    </Layout>
  );
}
