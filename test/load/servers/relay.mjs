// The floor: a bare relay that forwards every frame to the room's other sockets and does no
// Yjs work at all. It holds no document; it answers a client's sync step 1 with an empty sync
// step 2 (so clients consider themselves synced and start) and never sends a step 1 of its own
// (so clients never push their state at it). Everything else (updates, awareness) is forwarded
// byte for byte. Listens on a random loopback port and reports it over IPC.
//
// With RELAY_DB=<file> it is the *durable relay*: the floor for a server that keeps DESIGN.md's
// durability rule ("an update is on disk before anyone else receives it") and does nothing
// else. Every sync frame (an update) is first written to SQLite exactly as Tavla writes its
// update log (better-sqlite3, WAL, synchronous=NORMAL, the `doc_log` table WITHOUT ROWID, the
// same checkpoint setting), with group commit: the frames that arrive in one turn of the event
// loop are one transaction, and they are forwarded once it has committed. No Yjs work, no
// validation, no snapshots or compaction.
import http from 'node:http';
import { createRequire } from 'node:module';
import { WebSocketServer } from 'ws';

// [messageSync, syncStep2, varUint8Array(len 2: empty update [0, 0])]
const EMPTY_STEP2 = Buffer.from([0, 1, 2, 0, 0]);

/** @type {Map<string, Set<import('ws').WebSocket>>} */
const rooms = new Map();

/** Forwards a frame byte for byte to the room's other sockets. */
function forward(set, from, frame, isBinary) {
  for (const peer of set) {
    if (peer !== from && peer.readyState === 1) peer.send(frame, { binary: isBinary });
  }
}

/** @type {((room: string, set: Set<import('ws').WebSocket>, from: import('ws').WebSocket, frame: Buffer, isBinary: boolean) => void) | undefined} */
let relayDurably;
if (process.env.RELAY_DB) {
  // better-sqlite3 as the server has it (same version, same build).
  const require = createRequire(new URL('../../../apps/server/package.json', import.meta.url));
  const Database = require('better-sqlite3');
  const db = new Database(process.env.RELAY_DB);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 10000');
  db.exec(`CREATE TABLE IF NOT EXISTS doc_log (
    doc_id TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, seq)
  ) WITHOUT ROWID`);
  const insert = db.prepare('INSERT INTO doc_log (doc_id, seq, data) VALUES (?, ?, ?)');
  let seq = 0;
  /** @type {{ room: string, set: Set<import('ws').WebSocket>, from: import('ws').WebSocket, frame: Buffer, isBinary: boolean }[]} */
  let pending = [];
  const commit = db.transaction((frames) => {
    for (const f of frames) insert.run(f.room, ++seq, f.frame);
  });
  const flush = () => {
    const frames = pending;
    pending = [];
    commit(frames);
    for (const f of frames) forward(f.set, f.from, f.frame, f.isBinary);
  };
  relayDurably = (room, set, from, frame, isBinary) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push({ room, set, from, frame, isBinary });
  };
}

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
wss.on('connection', (ws, req) => {
  const room = (req.url ?? '/').split('?')[0].split('/').filter(Boolean).pop() ?? 'default';
  let peers = rooms.get(room);
  if (!peers) {
    peers = new Set();
    rooms.set(room, peers);
  }
  const set = peers;
  set.add(ws);
  ws.on('message', (data, isBinary) => {
    const frame = /** @type {Buffer} */ (data);
    if (frame.length >= 2 && frame[0] === 0 && frame[1] === 0) {
      ws.send(EMPTY_STEP2);
      return;
    }
    // Sync frames (updates) are written first by the durable relay; awareness never is.
    if (relayDurably && frame[0] === 0) relayDurably(room, set, ws, frame, isBinary);
    else forward(set, ws, frame, isBinary);
  });
  ws.on('close', () => {
    set.delete(ws);
    if (set.size === 0) rooms.delete(room);
  });
  ws.on('error', () => ws.terminate());
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
const stop = () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
