/** Why a cold open's wait ended: every waiting peer asked and was answered, or the bound. */
export type ColdOpenEnd = 'asked' | 'bound';

/**
 * [P3] The bounded wait of a cold open. A large snapshot is applied only once every peer
 * waiting for the document has asked (sent its sync step 1) and every answer given from the
 * stored bytes meanwhile has been written to its socket — or once `boundMs` has passed,
 * whichever comes first. It only counts; SharedDoc answers, and applies when `ended` resolves.
 *
 * It also waits for the writes: a 2.8 MB frame need not fit into a socket's buffer at once,
 * and what is left of it would otherwise wait behind the apply, which blocks the event loop.
 *
 * @example
 *   const wait = new ColdOpenWait(() => doc.conns, 100);
 *   wait.asked(conn); // after answering it: conn.send(frame, wait.writing())
 *   wait.check();     // e.g. after a peer left
 *   const how = await wait.ended; // 'asked' | 'bound'
 */
export class ColdOpenWait<Peer> {
  readonly ended: Promise<ColdOpenEnd>;
  readonly #asked = new Set<Peer>();
  readonly #peers: () => Iterable<Peer>;
  readonly #timer: NodeJS.Timeout;
  #writing = 0;
  #over = false;
  #end: (how: ColdOpenEnd) => void = () => {};

  /** `peers`: the peers waiting now (read on every check: peers join and leave meanwhile). */
  constructor(peers: () => Iterable<Peer>, boundMs: number) {
    this.#peers = peers;
    this.ended = new Promise((resolve) => {
      this.#end = resolve;
    });
    this.#timer = setTimeout(() => this.#finish('bound'), boundMs);
  }

  get over(): boolean {
    return this.#over;
  }

  /** `peer` has sent its sync step 1 (answered already if it was fresh). */
  asked(peer: Peer): void {
    this.#asked.add(peer);
    this.check();
  }

  /** An answer is being written; the returned function (idempotent) says it has been. */
  writing(): () => void {
    this.#writing++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#writing--;
      this.check();
    };
  }

  /** Ends the wait if every current peer has asked and every answer is written. */
  check(): void {
    if (this.#over || this.#writing > 0) return;
    for (const peer of this.#peers()) if (!this.#asked.has(peer)) return;
    this.#finish('asked');
  }

  #finish(how: ColdOpenEnd): void {
    if (this.#over) return;
    this.#over = true;
    clearTimeout(this.#timer);
    this.#end(how);
  }
}
