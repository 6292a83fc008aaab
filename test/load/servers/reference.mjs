// The reference: @y/websocket-server's own `setupWSConnection` behind a plain http + ws server,
// documents in memory only (no persistence), exactly as its bundled `server.js` does. Run as
// its own process by the bench so that its CPU and memory are measured apart from the load
// generator. Listens on a random loopback port and reports it over IPC.
import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
wss.on('connection', (ws, req) => {
  // Same room naming as Tavla: /ws/<room>
  const docName = (req.url ?? '/').split('?')[0].split('/').filter(Boolean).pop() ?? 'default';
  setupWSConnection(ws, req, { docName });
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
