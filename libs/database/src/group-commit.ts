export interface GroupCommitOptions<In, Out> {
  /** At most this many items per write. */
  maxBatch: number;
  /**
   * Upper bound on how long an item waits for the write in flight before its own write starts
   * beside it. Not a gathering delay: with nothing in flight an item is written at once.
   */
  maxWaitMs: number;
  /**
   * Writes the items in one statement (one commit) and resolves only once it is committed, with one
   * answer per item, in order. When it rejects, each item is written again on its own, so it must be
   * safe to repeat for items whose commit is in doubt (e.g. the connection broke after COMMIT).
   */
  write: (items: In[]) => Promise<Out[]>;
}

interface Pending<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: many callers' rows in one statement and one commit, so that concurrent callers share
 * a WAL flush instead of queueing for one each. An item submitted while nothing is in flight is
 * written at once, alone (light load costs no latency); items submitted while a write is in flight
 * gather and go together as soon as it ends, so a batch forms while the previous one commits. A batch
 * also starts beside the one in flight when it is full or its oldest item has waited `maxWaitMs`
 * (a slow commit delays a batch by at most that). Each caller is answered after the commit that holds
 * its item. When a batch's write fails, its items are written one by one, so an item that cannot be
 * written fails alone and the others are neither lost nor failed for it.
 */
export class GroupCommit<In, Out> {
  private waiting: Array<Pending<In, Out>> = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: GroupCommitOptions<In, Out>) {
    if (!(options.maxBatch >= 1)) throw new Error('maxBatch must be at least 1');
  }

  /** Resolves with the item's answer once the commit holding it has completed. */
  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.inFlight === 0 || this.waiting.length >= this.options.maxBatch) this.startBatch();
      else this.timer ??= setTimeout(() => this.onTimeout(), this.options.maxWaitMs);
    });
  }

  /** Items waiting for a write to start (for metrics and tests). */
  get pending(): number {
    return this.waiting.length;
  }

  private onTimeout(): void {
    this.timer = null;
    if (this.waiting.length > 0) this.startBatch();
  }

  private startBatch(): void {
    do this.launch(this.waiting.splice(0, this.options.maxBatch));
    while (this.waiting.length >= this.options.maxBatch);
    if (this.waiting.length === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    } else if (this.waiting.length > 0) this.timer ??= setTimeout(() => this.onTimeout(), this.options.maxWaitMs);
  }

  private launch(batch: Array<Pending<In, Out>>): void {
    this.inFlight++;
    void this.settle(batch).finally(() => {
      this.inFlight--;
      if (this.waiting.length > 0) this.startBatch();
    });
  }

  private async settle(batch: Array<Pending<In, Out>>): Promise<void> {
    let answers: Out[];
    try {
      answers = await this.options.write(batch.map((p) => p.item));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // Which item broke the statement is unknown: each one alone, so only that one fails.
      await Promise.all(batch.map((p) => this.settle([p])));
      return;
    }
    if (answers.length !== batch.length) {
      // A broken write function, not a failed statement: writing again could write twice.
      const error = new Error(`group commit: write answered ${answers.length} of ${batch.length} items`);
      return batch.forEach((p) => p.reject(error));
    }
    batch.forEach((p, i) => p.resolve(answers[i]));
  }
}
