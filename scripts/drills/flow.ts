import { deliver, ticketCreated } from '../support/webhook';
import { sleep } from '../support/service';

const REGIONS = ['eu-west-1', 'eu-central-1', 'eu-north-1', 'us-east-1', 'ap-south-1'];

/**
 * A ticketing system sending `ticket.created` webhooks at a steady rate. Like a real one it retries
 * a delivery (same deliveryId, same body) on 5xx, 429 or a dropped connection, with backoff, until it
 * gets an answer or gives up after `giveUpMs`.
 */
export class TicketFlow {
  readonly acked = new Map<string, string>(); // externalId → ticketId
  readonly statuses = new Map<string, number>(); // "503", "0", "202" → count of answers
  /** Every attempt: when it started, how long it took, what came back (0 = no answer). */
  readonly attempts: { at: number; ms: number; status: number }[] = [];
  /** The first 5xx other than 503 (a 503 is the expected answer while a dependency is down). */
  firstError?: string;
  duplicates = 0;
  sent = 0;
  gaveUp = 0;
  private running = false;
  private inFlight = new Set<Promise<void>>();
  private loop?: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly tag: string,
    private readonly giveUpMs = 90_000,
  ) {}

  start(perSecond: number): this {
    this.running = true;
    this.loop = (async () => {
      const gap = 1000 / perSecond;
      let next = Date.now();
      while (this.running) {
        const p = this.one(this.sent++);
        this.inFlight.add(p);
        void p.finally(() => this.inFlight.delete(p));
        next += gap;
        await sleep(Math.max(0, next - Date.now()));
      }
    })();
    return this;
  }

  /** Stops sending new tickets and waits for every delivery in flight to be answered (or given up). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.all([...this.inFlight]);
  }

  count(status: number): number {
    return this.statuses.get(String(status)) ?? 0;
  }

  summary(): string {
    const answers = [...this.statuses.entries()]
      .sort()
      .map(([s, n]) => `${s === '0' ? 'no answer' : s}×${n}`)
      .join(', ');
    return `${this.sent} tickets sent, ${this.acked.size} acknowledged (${answers}; ${this.duplicates} retries answered duplicate, ${this.gaveUp} given up)`;
  }

  private async one(n: number): Promise<void> {
    const externalId = `${this.tag}-${n}`;
    const body = ticketCreated({
      externalId,
      organizationId: n % 4 === 0 ? 'drill-eea' : 'drill-std',
      region: REGIONS[n % REGIONS.length],
      severity: ((n % 4) + 1) as 1,
    });
    const giveUpAt = Date.now() + this.giveUpMs;
    let backoff = 100;
    while (Date.now() < giveUpAt) {
      const at = Date.now();
      const res = await deliver(this.url, this.secret, body);
      this.attempts.push({ at, ms: res.ms, status: res.status });
      this.statuses.set(String(res.status), (this.statuses.get(String(res.status)) ?? 0) + 1);
      if (res.status >= 200 && res.status < 300) {
        this.acked.set(externalId, res.body!.ticketId!);
        if (res.body!.duplicate) this.duplicates++;
        return;
      }
      if (res.status >= 500 && res.status !== 503 && !this.firstError)
        this.firstError = `${res.status} ${JSON.stringify(res.body)}`;
      if (res.status < 500 && res.status !== 0 && res.status !== 429) return; // a real rejection: no retry
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 2_000);
    }
    this.gaveUp++;
  }
}
