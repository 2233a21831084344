import type { ReactNode } from 'react';
import { api } from '../lib/api-client';
import type { SessionInfo } from '../lib/api-types';
import { navigate } from '../lib/router';

const ROLE_NAMES = { admin: 'Administrator', manager: 'Support manager', agent: 'Agent', auditor: 'Auditor' };

export function Layout({
  session,
  onSignedOut,
  children,
}: {
  session: SessionInfo;
  onSignedOut: () => void;
  children: ReactNode;
}) {
  async function signOut(everywhere: boolean) {
    await api('DELETE', `/v1/sessions/current${everywhere ? '?everywhere=true' : ''}`).catch(() => undefined);
    navigate('/console/');
    onSignedOut();
  }
  const who = session.agent ? ` · ${session.agent.name} (${session.agent.country ?? 'no country'})` : '';
  return (
    <>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="top">
        <a
          href="/console/"
          className="brand"
          onClick={(e) => {
            e.preventDefault();
            navigate('/console/');
          }}
        >
          eea-router
        </a>
        <span className="who">
          {ROLE_NAMES[session.role]}
          {who}
        </span>
        {session.role === 'admin' && <a href="/admin/queues/">Job queues</a>}
        <button type="button" className="secondary" onClick={() => signOut(true)}>
          End all my sessions
        </button>
        <button type="button" onClick={() => signOut(false)}>
          Sign out
        </button>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

export function Section({
  title,
  id,
  children,
  actions,
}: {
  title: string;
  id: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <div className="section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Loading({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : (
    <p className="muted">Loading…</p>
  );
}

/** A ticket link that stays inside the app. */
export function TicketLink({ id, children }: { id: string; children: ReactNode }) {
  const href = `/console/tickets/${id}`;
  return (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
