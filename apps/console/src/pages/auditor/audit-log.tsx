import { useState } from 'react';
import { api } from '../../lib/api-client';
import { formatAt } from '../../lib/time';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section } from '../../components/layout';
import { TimeFilter, TimeRange, rangeQuery } from '../../components/time-filter';
import { AuditEntry, ChainStatus, actorName, checkChain } from './audit-chain';

interface AuditPage {
  items: AuditEntry[];
  from: string;
  to: string;
  truncated: boolean;
}

/** The append-only audit log of a time window, with its hash chain checked here in the browser. */
export function AuditLog() {
  const [range, setRange] = useState<TimeRange>({});
  const log = usePoll(
    async () => {
      const page = await api<AuditPage>('GET', `/v1/audit${rangeQuery(range)}`);
      return { page, chain: await checkChain(page.items) };
    },
    [range.from, range.to],
    10_000,
  );
  return (
    <Section title="Audit log" id="audit" actions={<TimeFilter id="audit" range={range} onChange={setRange} />}>
      {!log.data ? (
        <Loading error={log.error} />
      ) : (
        <>
          <ChainBadge status={log.data.chain} />
          <p className="muted">
            {log.data.page.items.length} entries from {formatAt(log.data.page.from)} to {formatAt(log.data.page.to)}
            {log.data.page.truncated && ' (more exist: narrow the time window)'}.
          </p>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Subject</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {[...log.data.page.items]
                  .reverse()
                  .slice(0, 200)
                  .map((e) => (
                    <tr key={e.seq}>
                      <td>{e.seq}</td>
                      <td>{formatAt(e.at)}</td>
                      <td>{e.action.replace(/[._]/g, ' ')}</td>
                      <td>
                        {e.subjectType} {e.subjectId.slice(0, 12)}
                      </td>
                      <td>{actorName(e)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Section>
  );
}

function ChainBadge({ status }: { status: ChainStatus }) {
  if (status.intact)
    return (
      <p className="ok" role="status">
        Chain intact
      </p>
    );
  return (
    <p className="error" role="alert">
      Chain broken at entry {status.seq}: {status.reason}.
    </p>
  );
}
