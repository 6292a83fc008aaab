/**
 * Fixed-window failure counter in memory, bounded in size. Used to throttle logins per account
 * and per client IP (OWASP ASVS 2.2.1). In memory is enough for one server process; a restart
 * forgets the counters, which costs an attacker a restart we control, not them.
 */
export class FailureCounter {
  readonly #entries = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly maxEntries: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it is not blocked. */
  blockedFor(key: string, now: number): number {
    const entry = this.#entries.get(key);
    if (!entry) return 0;
    const end = entry.windowStart + this.windowMs;
    if (now >= end) {
      this.#entries.delete(key);
      return 0;
    }
    return entry.count >= this.maxFailures ? end - now : 0;
  }

  recordFailure(key: string, now: number): void {
    const entry = this.#entries.get(key);
    if (entry && now < entry.windowStart + this.windowMs) {
      entry.count += 1;
      return;
    }
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) this.#evict(now);
    this.#entries.set(key, { count: 1, windowStart: now });
  }

  reset(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Drops expired windows; if the map is still full, drops the oldest quarter (Map keeps
   * insertion order). An attacker flooding distinct keys can push out old counters, but each
   * of those keys costs them failures that the per-IP counter also sees.
   */
  #evict(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (now >= entry.windowStart + this.windowMs) this.#entries.delete(key);
    }
    if (this.#entries.size < this.maxEntries) return;
    let drop = Math.max(1, Math.floor(this.maxEntries / 4));
    for (const key of this.#entries.keys()) {
      if (drop-- <= 0) break;
      this.#entries.delete(key);
    }
  }
}
