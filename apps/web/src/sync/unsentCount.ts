import type { IndexeddbPersistence } from 'y-indexeddb';

/** Key in y-indexeddb's `custom` store of the offline copy. */
export const UNSENT_KEY = 'tavla:unsent';

/**
 * How many of this person's edits in the offline copy wait to be sent, kept beside the copy
 * (y-indexeddb's custom store) so the number survives a reload or a closed tab. Without it, a
 * page reopened offline said "Frakoblet" with nothing waiting, closing it did not warn, and
 * signing out deleted the copy ("nothing unsent") with the only record of those edits.
 *
 * Writes are chained, so a read sees every earlier change of this tab. Other tabs of the same
 * person share the copy and add to the same number. A failed write is reported to `failed` (the
 * copy is not to be trusted then) and goes no further: with no working IndexedDB there is no
 * copy to count or to delete. Each number read or written is told to `stored`, so that the
 * index of copies with edits waiting (waitingIndex.ts) follows the copy.
 */
export class UnsentCount {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly persistence: Pick<IndexeddbPersistence, 'get' | 'set'>,
    private readonly failed: (err: unknown) => void = () => undefined,
    private readonly stored: (n: number) => void = () => undefined,
  ) {}

  /** The stored number, after every change queued before. */
  read(): Promise<number> {
    const read = this.chain.then(() => this.persistence.get(UNSENT_KEY));
    this.chain = read.catch(() => undefined);
    return read
      .then((n) => {
        const count = typeof n === 'number' ? n : 0;
        this.stored(count);
        return count;
      })
      .catch(() => 0);
  }

  /** `n` more edits wait (one by default). */
  add(n = 1): void {
    this.chain = this.chain
      .then(() => this.persistence.get(UNSENT_KEY))
      .then((stored) => this.write((typeof stored === 'number' ? stored : 0) + n))
      .catch(this.failed);
  }

  /** At least `n` edits wait (the server refused what a sync had counted as sent). */
  atLeast(n: number): void {
    this.chain = this.chain
      .then(() => this.persistence.get(UNSENT_KEY))
      .then((stored) =>
        typeof stored === 'number' && stored >= n ? this.stored(stored) : this.write(n),
      )
      .catch(this.failed);
  }

  /** The server has everything in the copy (a sync completed). */
  clear(): void {
    this.chain = this.chain.then(() => this.write(0)).catch(this.failed);
  }

  private async write(n: number): Promise<void> {
    await this.persistence.set(UNSENT_KEY, n);
    this.stored(n);
  }
}
