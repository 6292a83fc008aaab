// Reads Tavla's JSON log as it grows, for the soak bench: which documents are loaded (the
// registry logs `document loaded` / `document unloaded` with the document's id at debug level),
// compactions, and every warning or error. No endpoint needed: the server started with
// LOG_LEVEL=debug already says all of this (a few lines per second under churn).
import { closeSync, openSync, readSync } from 'node:fs';

export class ServerLog {
  readonly loaded = new Set<string>();
  loads = 0;
  unloads = 0;
  compactions = 0;
  /** Loads per document over the run. */
  readonly loadsByDoc = new Map<string, number>();
  warnings = 0;
  errors = 0;
  /** Lines that are not JSON (the demo accounts banner at start, a crash's stack trace). */
  otherLines = 0;
  /** The first warnings and errors, verbatim (shortened). */
  readonly problems: string[] = [];
  private offset = 0;
  private rest = '';

  constructor(private readonly file: string) {}

  /** Reads what was appended since the last call. */
  poll(): void {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return;
    }
    try {
      const buf = Buffer.alloc(1 << 16);
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, this.offset);
        if (n <= 0) break;
        this.offset += n;
        this.rest += buf.toString('utf8', 0, n);
      }
    } finally {
      closeSync(fd);
    }
    const lines = this.rest.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(line: string) {
    let rec: { level?: string; msg?: string; doc?: string };
    try {
      rec = JSON.parse(line);
    } catch {
      if (line.trim()) this.otherLines++;
      return;
    }
    // The bench runs with WEB_DIST=none on purpose: that warning is expected.
    const expected = rec.msg === 'web app not found; serving API and websocket only';
    if ((rec.level === 'warn' || rec.level === 'error') && !expected) {
      if (rec.level === 'warn') this.warnings++;
      else this.errors++;
      this.problem(line);
    }
    const doc = rec.doc ?? '?';
    if (rec.msg === 'document loaded') {
      this.loads++;
      this.loaded.add(doc);
      this.loadsByDoc.set(doc, (this.loadsByDoc.get(doc) ?? 0) + 1);
    } else if (rec.msg === 'document unloaded') {
      this.unloads++;
      this.loaded.delete(doc);
    } else if (rec.msg === 'compacted') {
      this.compactions++;
    }
  }

  private problem(line: string) {
    if (this.problems.length < 10) this.problems.push(line.slice(0, 300));
  }
}
