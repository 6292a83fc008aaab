import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  copyIndexed,
  forgetWaiting,
  recordWaiting,
  subscribeWaiting,
  waitingCopiesOf,
} from './waitingIndex';

describe('the index of offline copies with edits waiting', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it('lists the agreements whose copy holds edits, per person, and never another person’s', () => {
    recordWaiting('u-ola', 'tromsvekstavtalen', 3);
    recordWaiting('u-ola', 'another', 1);
    recordWaiting('u-kari', 'third', 2);
    expect([...waitingCopiesOf('u-ola')]).toEqual([
      ['tromsvekstavtalen', 3],
      ['another', 1],
    ]);
    expect([...waitingCopiesOf('u-kari')]).toEqual([['third', 2]]);
    expect(waitingCopiesOf('u-nobody').size).toBe(0);
  });

  it('keeps a copy that holds nothing as known, without listing it', () => {
    recordWaiting('u-ola', 'tromsvekstavtalen', 2);
    recordWaiting('u-ola', 'tromsvekstavtalen', 0);
    expect(waitingCopiesOf('u-ola').size).toBe(0);
    expect(copyIndexed('u-ola', 'tromsvekstavtalen')).toBe(true);
    forgetWaiting('u-ola', 'tromsvekstavtalen');
    expect(copyIndexed('u-ola', 'tromsvekstavtalen')).toBe(false);
  });

  it('gives the same map until something changes', () => {
    recordWaiting('u-ola', 'tromsvekstavtalen', 1);
    const first = waitingCopiesOf('u-ola');
    expect(waitingCopiesOf('u-ola')).toBe(first);
    recordWaiting('u-ola', 'tromsvekstavtalen', 1);
    expect(waitingCopiesOf('u-ola')).toBe(first);
    recordWaiting('u-ola', 'tromsvekstavtalen', 2);
    expect(waitingCopiesOf('u-ola')).not.toBe(first);
  });

  it('tells its subscribers of changes in this tab and in another', () => {
    const seen = vi.fn();
    const stop = subscribeWaiting(seen);
    recordWaiting('u-ola', 'tromsvekstavtalen', 1);
    expect(seen).toHaveBeenCalledTimes(1);
    recordWaiting('u-ola', 'tromsvekstavtalen', 1); // no change
    expect(seen).toHaveBeenCalledTimes(1);
    // Another tab sends them: its write shows here as a storage event.
    localStorage.setItem('tavla:waiting:u-ola', JSON.stringify({ tromsvekstavtalen: 0 }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'tavla:waiting:u-ola' }));
    expect(seen).toHaveBeenCalledTimes(2);
    expect(waitingCopiesOf('u-ola').size).toBe(0);
    window.dispatchEvent(new StorageEvent('storage', { key: 'tavla.presence.hidden' }));
    expect(seen).toHaveBeenCalledTimes(2);
    stop();
    recordWaiting('u-ola', 'tromsvekstavtalen', 4);
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('ignores what it cannot read: broken text, counts that are no counts, names that are no agreement ids', () => {
    localStorage.setItem('tavla:waiting:u-ola', '{not json');
    expect(waitingCopiesOf('u-ola').size).toBe(0);
    localStorage.setItem(
      'tavla:waiting:u-ola',
      JSON.stringify({ good: 2, 'bad:id': 3, negative: -1, text: '4', half: 1.5 }),
    );
    expect([...waitingCopiesOf('u-ola')]).toEqual([['good', 2]]);
    recordWaiting('u-ola', 'x:y', 1);
    expect([...waitingCopiesOf('u-ola').keys()]).toEqual(['good']);
  });

  it('keeps the index in this tab when the browser refuses to store it', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    expect(() => recordWaiting('u-ola', 'tromsvekstavtalen', 2)).not.toThrow();
    expect(waitingCopiesOf('u-ola').get('tromsvekstavtalen')).toBe(2);
    vi.restoreAllMocks();
    recordWaiting('u-ola', 'tromsvekstavtalen', 0); // stored again from now on
    expect(localStorage.getItem('tavla:waiting:u-ola')).toBe('{"tromsvekstavtalen":0}');
  });
});
