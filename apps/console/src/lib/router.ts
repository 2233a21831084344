import { useEffect, useState } from 'react';

/** A few pages only, so no router library: the path is the state, history.pushState moves it. */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

export type Route = { page: 'approve'; token: string } | { page: 'ticket'; id: string } | { page: 'home' };

export function parseRoute(path: string): Route {
  const approve = /^\/approve\/([^/]+)\/?$/.exec(path);
  if (approve) return { page: 'approve', token: decodeURIComponent(approve[1]) };
  const ticket = /^\/console\/tickets\/([0-9a-f-]{36})\/?$/.exec(path);
  if (ticket) return { page: 'ticket', id: ticket[1] };
  return { page: 'home' };
}
