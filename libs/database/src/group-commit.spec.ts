import { GroupCommit } from './group-commit';

/** A write whose commits the test completes by hand, recording every batch it was given. */
function controlledWrite() {
  const batches: number[][] = [];
  const open: Array<{ items: number[]; commit: () => void; fail: (e: Error) => void }> = [];
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      open.push({ items, commit: () => resolve(items.map((i) => `ok ${i}`)), fail: reject });
    });
  return { batches, open, write };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('writes an item at once and alone when nothing is in flight', async () => {
    const w = controlledWrite();
    const gc = new GroupCommit({ maxBatch: 10, maxWaitMs: 1_000, write: w.write });
    const answer = gc.submit(1);
    expect(w.batches).toEqual([[1]]);
    w.open[0].commit();
    await expect(answer).resolves.toBe('ok 1');
  });

  it('gathers items while a write is in flight and writes them together when it ends', async () => {
    const w = controlledWrite();
    const gc = new GroupCommit({ maxBatch: 10, maxWaitMs: 60_000, write: w.write });
    const answers = [1, 2, 3, 4].map((i) => gc.submit(i));
    expect(w.batches).toEqual([[1]]);
    expect(gc.pending).toBe(3);
    w.open[0].commit();
    await flush();
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
    w.open[1].commit();
    await expect(Promise.all(answers)).resolves.toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4']);
  });

  it('answers no caller before the commit holding its item', async () => {
    const w = controlledWrite();
    const gc = new GroupCommit({ maxBatch: 10, maxWaitMs: 60_000, write: w.write });
    const answered: number[] = [];
    for (const i of [1, 2, 3]) void gc.submit(i).then(() => answered.push(i));
    await flush();
    expect(answered).toEqual([]);
    w.open[0].commit();
    await flush();
    expect(answered).toEqual([1]);
    w.open[1].commit();
    await flush();
    expect(answered).toEqual([1, 2, 3]);
  });

  it('starts a full batch beside the write in flight, and never writes more than maxBatch at once', async () => {
    const w = controlledWrite();
    const gc = new GroupCommit({ maxBatch: 3, maxWaitMs: 60_000, write: w.write });
    const answers = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => gc.submit(i));
    expect(w.batches).toEqual([[1], [2, 3, 4], [5, 6, 7]]);
    for (const o of w.open) o.commit();
    await flush();
    expect(w.batches).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
    w.open[3].commit();
    await expect(Promise.all(answers)).resolves.toHaveLength(8);
  });

  it('starts a waiting batch beside a slow write after maxWaitMs', async () => {
    jest.useFakeTimers();
    try {
      const w = controlledWrite();
      const gc = new GroupCommit({ maxBatch: 10, maxWaitMs: 5, write: w.write });
      void gc.submit(1);
      void gc.submit(2);
      void gc.submit(3);
      expect(w.batches).toEqual([[1]]);
      jest.advanceTimersByTime(5);
      expect(w.batches).toEqual([[1], [2, 3]]);
      expect(gc.pending).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('retries a failed batch one item at a time, so that only the bad item fails', async () => {
    const bad = 3;
    const calls: number[][] = [];
    const gc = new GroupCommit<number, number>({
      maxBatch: 10,
      maxWaitMs: 60_000,
      write: async (items) => {
        calls.push(items);
        await flush();
        if (items.includes(bad)) throw new Error(`item ${bad} refused`);
        return items.map((i) => i * 10);
      },
    });
    const first = gc.submit(0);
    const rest = [1, 2, 3, 4].map((i) => gc.submit(i).catch((e: Error) => e.message));
    await expect(first).resolves.toBe(0);
    await expect(Promise.all(rest)).resolves.toEqual([10, 20, 'item 3 refused', 40]);
    expect(calls).toEqual([[0], [1, 2, 3, 4], [1], [2], [3], [4]]);
  });

  it('fails a lone item with its own error, without writing it again', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>({
      maxBatch: 10,
      maxWaitMs: 60_000,
      write: () => {
        calls++;
        return Promise.reject(new Error('refused'));
      },
    });
    await expect(gc.submit(1)).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });

  it('rejects, and does not write again, when the write answers the wrong number of items', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>({
      maxBatch: 10,
      maxWaitMs: 60_000,
      write: () => {
        calls++;
        return Promise.resolve([]);
      },
    });
    await expect(gc.submit(1)).rejects.toThrow('answered 0 of 1');
    expect(calls).toBe(1);
  });

  it('keeps working after a failure', async () => {
    let fail = true;
    const gc = new GroupCommit<number, number>({
      maxBatch: 10,
      maxWaitMs: 60_000,
      write: (items) => (fail ? Promise.reject(new Error('down')) : Promise.resolve(items)),
    });
    await expect(gc.submit(1)).rejects.toThrow('down');
    fail = false;
    await expect(Promise.all([gc.submit(2), gc.submit(3)])).resolves.toEqual([2, 3]);
  });
});
