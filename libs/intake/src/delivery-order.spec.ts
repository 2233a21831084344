import type { IntakeCommand } from './intake-command';
import { deliveryIsNewer } from './delivery-order';

const at = (iso: string) => new Date(iso);
const stored = (over: { updated?: string; sent?: string | null; flags?: string[] } = {}) => ({
  sourceUpdatedAt: at(over.updated ?? '2026-03-02T10:15:00Z'),
  sourceSentAt: over.sent === null ? null : at(over.sent ?? '2026-03-02T10:15:40Z'),
  flags: over.flags ?? [],
});
const delivery = (updated: string, sent: string | null, timestamped = true) =>
  ({ updatedAt: at(updated), sentAt: sent ? at(sent) : null, timestamped }) as IntakeCommand;

describe('deliveryIsNewer', () => {
  it('orders by the source time first', () => {
    expect(deliveryIsNewer(stored(), delivery('2026-03-02T10:16:00Z', '2026-03-02T10:15:00Z'))).toBe(true);
    expect(deliveryIsNewer(stored(), delivery('2026-03-02T10:14:00Z', '2026-03-02T10:20:00Z'))).toBe(false);
  });

  it('breaks ties with the signed send time; an equal one is not newer', () => {
    expect(deliveryIsNewer(stored(), delivery('2026-03-02T10:15:00Z', '2026-03-02T10:15:50Z'))).toBe(true);
    expect(deliveryIsNewer(stored(), delivery('2026-03-02T10:15:00Z', '2026-03-02T10:15:20Z'))).toBe(false);
    expect(deliveryIsNewer(stored(), delivery('2026-03-02T10:15:00Z', '2026-03-02T10:15:40Z'))).toBe(false);
    expect(deliveryIsNewer(stored({ sent: null }), delivery('2026-03-02T10:15:00Z', '2026-03-02T10:15:01Z'))).toBe(true);
  });

  it('never lets a delivery without timestamp change a stored ticket', () => {
    expect(deliveryIsNewer(stored(), delivery('2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', false))).toBe(false);
    expect(deliveryIsNewer(stored({ flags: ['invalid_timestamp'] }), delivery('2030-01-01T00:00:00Z', null, false))).toBe(false);
  });

  it('lets any timestamped delivery correct a ticket stored with the time of receipt', () => {
    expect(
      deliveryIsNewer(
        stored({ updated: '2026-03-02T11:00:00Z', flags: ['invalid_timestamp'] }),
        delivery('2026-03-02T10:00:00Z', null),
      ),
    ).toBe(true);
  });
});
