import { ApiClient } from '../support/http';
import { sleep } from '../support/service';

/** A few agents claiming and resolving tickets throughout a drill, recording every ticket they got. */
export class Claimers {
  readonly claimed: { ticketId: string; agentId: string }[] = [];
  failures = 0;
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly agents: { id: string; token: string }[],
  ) {}

  start(): this {
    this.running = true;
    this.loops = this.agents.map((a) => this.loop(a));
    return this;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(agent: { id: string; token: string }): Promise<void> {
    const api = new ApiClient(this.url, agent.token);
    while (this.running) {
      try {
        const res = await api.post('/v1/me/claims');
        if (res.status === 200) {
          this.claimed.push({ ticketId: res.body.id, agentId: agent.id });
          await api.post(`/v1/tickets/${res.body.id}/resolve`);
        } else if (res.status !== 204) this.failures++;
        await sleep(res.status === 200 ? 20 : 200);
      } catch {
        this.failures++;
        await sleep(200);
      }
    }
  }
}
