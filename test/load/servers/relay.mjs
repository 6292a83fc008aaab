// The floor: a bare relay that forwards every frame to the room's other sockets and does no
// Yjs work at all. It holds no document; it answers a client's sync step 1 with an empty sync
// step 2 (so clients consider themselves synced and start) and never sends a step 1 of its own
// (so clients never push their state at it). Everything else (updates, awareness) is forwarded
// byte for byte. Listens on a random loopback port and reports it over IPC.
import http from 'node:http';
import { WebSocketServer } from 'ws';

// [messageSync, syncStep2, varUint8Array(len 2: empty update [0, 0])]
const EMPTY_STEP2 = Buffer.from([0, 1, 2, 0, 0]);

/** @type {Map<string, Set<import('ws').WebSocket>>} */
const rooms = new Map();
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
    for (const peer of set) {
      if (peer !== ws && peer.readyState === 1) peer.send(frame, { binary: isBinary });
    }
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
