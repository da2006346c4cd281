import { describe, expect, it } from 'vitest';

import { SharedReads } from './shared-reads';

/** A load the test finishes by hand, counting how often it was started. */
function manualLoads() {
  const pending: Array<{ resolve: (value: string) => void; reject: (error: Error) => void }> = [];
  let started = 0;

  const load = () =>
    new Promise<string>((resolve, reject) => {
      started += 1;
      pending.push({ resolve, reject });
    });

  const nth = (index: number) => {
    const load = pending[index];
    if (!load) throw new Error(`load ${index} was never started`);
    return load;
  };

  return {
    load,
    started: () => started,
    finish: (index: number, value: string) => nth(index).resolve(value),
    fail: (index: number, error: Error) => nth(index).reject(error),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedReads', () => {
  it('starts one read for the first caller and none for callers of other keys', async () => {
    const reads = new SharedReads<string>();
    const loads = manualLoads();

    const first = reads.read('a', loads.load);
    const other = reads.read('b', loads.load);
    await tick();
    expect(loads.started()).toBe(2);

    loads.finish(0, 'a1');
    loads.finish(1, 'b1');
    expect(await first).toBe('a1');
    expect(await other).toBe('b1');
    expect(reads.size).toBe(0);
  });

  it('never hands a caller the read that was under way when it arrived', async () => {
    const reads = new SharedReads<string>();
    const loads = manualLoads();

    const early = reads.read('a', loads.load);
    await tick();
    const late = reads.read('a', loads.load);
    await tick();
    expect(loads.started()).toBe(1);

    loads.finish(0, 'before the write');
    expect(await early).toBe('before the write');
    await tick();
    expect(loads.started()).toBe(2);

    loads.finish(1, 'after the write');
    expect(await late).toBe('after the write');
    expect(reads.size).toBe(0);
  });

  it('lets every caller that arrived during one read share the next one', async () => {
    const reads = new SharedReads<string>();
    const loads = manualLoads();

    void reads.read('a', loads.load);
    await tick();
    const waiting = [1, 2, 3, 4].map(() => reads.read('a', loads.load));
    loads.finish(0, 'first');
    await tick();
    loads.finish(1, 'second');

    expect(await Promise.all(waiting)).toEqual(['second', 'second', 'second', 'second']);
    expect(loads.started()).toBe(2);
  });

  it('hands a failed read to each caller that shared it, and reads again afterwards', async () => {
    const reads = new SharedReads<string>();
    const loads = manualLoads();

    void reads.read('a', loads.load).catch(() => undefined);
    await tick();
    const sharers = [reads.read('a', loads.load), reads.read('a', loads.load)];
    loads.finish(0, 'first');
    await tick();
    loads.fail(1, new Error('database went away'));

    for (const sharer of sharers) await expect(sharer).rejects.toThrow('database went away');
    expect(reads.size).toBe(0);

    const retry = reads.read('a', loads.load);
    await tick();
    loads.finish(2, 'recovered');
    expect(await retry).toBe('recovered');
  });

  it('turns a load that throws synchronously into a rejection', async () => {
    const reads = new SharedReads<string>();

    const read = reads.read('a', () => {
      throw new Error('bad input');
    });

    await expect(read).rejects.toThrow('bad input');
    await tick();
    expect(reads.size).toBe(0);
  });
});
