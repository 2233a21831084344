import { FormEvent } from 'react';
import { fromLocalInput, toLocalInput } from '../lib/time';

export interface TimeRange {
  from?: string;
  to?: string;
}

/** From / To in the viewer's own time; empty means the API's default window (the last 30 days). */
export function TimeFilter({ id, range, onChange }: { id: string; range: TimeRange; onChange: (r: TimeRange) => void }) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onChange({ from: fromLocalInput(String(data.get('from'))), to: fromLocalInput(String(data.get('to'))) });
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Time filter for ${id}`}>
      <label htmlFor={`${id}-from`}>From</label>
      <input
        id={`${id}-from`}
        name="from"
        type="datetime-local"
        defaultValue={range.from ? toLocalInput(new Date(range.from)) : ''}
      />
      <label htmlFor={`${id}-to`}>To</label>
      <input id={`${id}-to`} name="to" type="datetime-local" defaultValue={range.to ? toLocalInput(new Date(range.to)) : ''} />
      <button type="submit" className="secondary">
        Apply
      </button>
    </form>
  );
}

export function rangeQuery(range: TimeRange, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}
