import { JOBS, JobName, isDurable, jobOptions } from './job-catalogue';

describe('job catalogue', () => {
  it('gives deterministic ids without ":" (BullMQ forbids it in custom ids)', () => {
    const opts = jobOptions('route-ticket', { ticketId: 'a1b2', revision: 3, reason: 'ticket_received' });
    expect(opts.jobId).toBe('route-a1b2-3');
    for (const def of Object.values(JOBS)) expect(def.queue).toBeDefined();
    const offline = jobOptions('agent-offline-grace', { agentId: 'de-1', offlineSince: '2026-01-05T10:00:00.000Z' });
    expect(offline.jobId).not.toContain(':');
  });

  it('adds a delay only when asked', () => {
    expect(jobOptions('expire-consent', { consentId: 'c' }).delay).toBeUndefined();
    expect(jobOptions('expire-consent', { consentId: 'c' }, 1500).delay).toBe(1500);
  });

  it('retries routing and delivery with exponential backoff', () => {
    expect(JOBS['route-ticket'].options.attempts).toBeGreaterThan(1);
    expect(JOBS['deliver-event'].options.backoff).toMatchObject({ type: 'exponential' });
  });

  it('keeps outbound events until delivered, and every kept job has a deterministic id for the re-relay to deduplicate on', () => {
    const durable = (Object.keys(JOBS) as JobName[]).filter(isDurable);
    expect(durable).toEqual(['deliver-event']);
    for (const name of durable) expect(JOBS[name].jobId).toBeDefined();
    expect(isDurable('no-such-job')).toBe(false);
  });
});
