import { useState } from 'react';
import { ApiFailure, api, apiText } from '../../lib/api-client';
import { formatAt } from '../../lib/time';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section, TicketLink } from '../../components/layout';
import { TimeFilter, TimeRange, rangeQuery } from '../../components/time-filter';

interface Transfer {
  at: string;
  ticketId: string;
  agentId: string;
  country: string;
  action: string;
  consentId: string | null;
}

/** Every access to an EEA ticket from outside its tier's countries, and the CSV an auditor files. */
export function Transfers() {
  const [range, setRange] = useState<TimeRange>({});
  const [error, setError] = useState<string | null>(null);
  const transfers = usePoll(
    () => api<{ items: Transfer[]; truncated?: boolean }>('GET', `/v1/transfers${rangeQuery(range)}`),
    [range.from, range.to],
    10_000,
  );
  async function download() {
    try {
      const csv = await apiText(`/v1/transfers${rangeQuery(range, { format: 'csv' })}`, 'text/csv');
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `transfers-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }
  const actions = (
    <>
      <TimeFilter id="transfers" range={range} onChange={setRange} />
      <button type="button" onClick={download}>
        Download CSV
      </button>
    </>
  );
  return (
    <Section title="Transfers" id="transfers" actions={actions}>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!transfers.data ? (
        <Loading error={transfers.error} />
      ) : transfers.data.items.length === 0 ? (
        <p className="muted">No transfer in this window.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Ticket</th>
              <th scope="col">Agent</th>
              <th scope="col">From</th>
              <th scope="col">What</th>
              <th scope="col">Allowed by</th>
            </tr>
          </thead>
          <tbody>
            {transfers.data.items.map((t, i) => (
              <tr key={i}>
                <td>{formatAt(t.at)}</td>
                <td>
                  <TicketLink id={t.ticketId}>{t.ticketId.slice(0, 8)}</TicketLink>
                </td>
                <td>{t.agentId}</td>
                <td>{t.country}</td>
                <td>{t.action}</td>
                <td>{t.consentId ? `customer consent ${t.consentId.slice(0, 8)}` : 'its tier'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
