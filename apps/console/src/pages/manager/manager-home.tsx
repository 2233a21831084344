import { ConsentRequests } from './consent-requests';
import { ActiveConsents } from './active-consents';
import { TicketBoard } from './ticket-board';
import { QueuesBoard } from './queues-board';
import { AgentsBoard } from './agents-board';

const SECTIONS = [
  ['consent-requests', 'Consent requests'],
  ['active-consents', 'Active consents'],
  ['stranded', 'Stranded tickets'],
  ['deferred', 'Deferred tickets'],
  ['queues', 'Queues'],
  ['agents', 'Agents'],
];

/** The support manager's floor: consent first (people wait on it), then what is stuck, then staffing. */
export function ManagerHome() {
  return (
    <>
      <h1>Support floor</h1>
      <nav aria-label="Sections" className="jump">
        {SECTIONS.map(([id, title]) => (
          <a key={id} href={`#${id}-title`}>
            {title}
          </a>
        ))}
      </nav>
      <div className="columns">
        <ConsentRequests />
        <ActiveConsents />
      </div>
      <div className="columns">
        <TicketBoard status="stranded" title="Stranded tickets" id="stranded" />
        <TicketBoard status="deferred" title="Deferred tickets" id="deferred" />
      </div>
      <QueuesBoard />
      <AgentsBoard />
    </>
  );
}
