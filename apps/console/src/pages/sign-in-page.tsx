import { FormEvent, useState } from 'react';
import { ApiFailure, api, setCsrfToken } from '../lib/api-client';

/** The token goes to the server once and becomes a session cookie; the page keeps nothing. */
export function SignInPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const token = (form.elements.namedItem('token') as HTMLInputElement).value.trim();
    setBusy(true);
    setError(null);
    try {
      const opened = await api<{ csrfToken: string }>('POST', '/v1/sessions', { token });
      form.reset();
      setCsrfToken(opened.csrfToken);
      await onSignedIn();
    } catch (e) {
      setError(
        e instanceof ApiFailure && e.status === 401
          ? 'This access token is not valid. Check it, or ask an administrator for a new one.'
          : e instanceof ApiFailure
            ? e.sentence
            : 'The server could not be reached.',
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="centered">
      <form className="card sign-in" onSubmit={submit}>
        <h1>eea-router console</h1>
        <p>Sign in with the access token an administrator gave you.</p>
        <label htmlFor="token">Access token</label>
        <input id="token" name="token" type="password" autoComplete="off" required minLength={8} />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
