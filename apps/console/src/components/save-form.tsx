import { FormEvent, ReactNode, useState } from 'react';
import { ApiFailure } from '../lib/api-client';

/** A form whose submit calls the API and says what happened (or why not) in one sentence. */
export function SaveForm({
  label,
  submit,
  children,
  button,
}: {
  label: string;
  button: string;
  children: ReactNode;
  submit: (data: FormData) => Promise<string>;
}) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      setMessage({ ok: true, text: await submit(new FormData(event.currentTarget)) });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiFailure ? e.sentence : 'The server could not be reached.' });
    }
  }
  return (
    <form className="grid-form" onSubmit={onSubmit} aria-label={label}>
      {children}
      <button type="submit">{button}</button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
