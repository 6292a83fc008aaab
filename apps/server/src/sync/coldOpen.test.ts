import { describe, expect, it } from 'vitest';
import { ColdOpenWait } from './coldOpen.js';

const settledWith = async <T>(p: Promise<T>): Promise<T | 'pending'> =>
  Promise.race([p, new Promise<'pending'>((r) => setImmediate(() => r('pending')))]);

describe('[P3] ColdOpenWait', () => {
  it('ends once every peer has asked and every answer is written', async () => {
    const peers = new Set(['a', 'b']);
    const wait = new ColdOpenWait(() => peers, 60_000);
    wait.asked('a');
    const written = wait.writing();
    wait.asked('b');
    expect(await settledWith(wait.ended)).toBe('pending');
    written();
    written(); // idempotent
    expect(await settledWith(wait.ended)).toBe('asked');
    expect(wait.over).toBe(true);
  });

  it('waits for a peer that joins meanwhile, and not for one that left', async () => {
    const peers = new Set(['a']);
    const wait = new ColdOpenWait(() => peers, 60_000);
    peers.add('b');
    wait.asked('a');
    expect(await settledWith(wait.ended)).toBe('pending');
    peers.delete('b');
    wait.check();
    expect(await settledWith(wait.ended)).toBe('asked');
  });

  it('ends at the bound when a peer never asks', async () => {
    const wait = new ColdOpenWait(() => ['silent'], 20);
    expect(await wait.ended).toBe('bound');
    wait.asked('silent'); // too late: changes nothing
    expect(wait.over).toBe(true);
  });
});
