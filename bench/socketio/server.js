// socket.io 4 broadcast peer for Herald's benchmark: clients connect over WebSocket, and each
// POST /publish (a JSON body) is emitted to every connected client as event "m".
// GET /heap answers the V8 heap in use after a full collection, in bytes (run with --expose-gc).
// Usage: node --expose-gc server.js <port>
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || 18290);
const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/publish') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      io.emit('m', JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204);
      res.end();
    });
  } else if (req.url === '/heap') {
    if (global.gc) {
      global.gc();
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(String(process.memoryUsage().heapUsed));
  } else if (req.url === '/ready') {
    res.writeHead(200);
    res.end('ok');
  } else {
    res.writeHead(404);
    res.end();
  }
});
const io = new Server(server, { transports: ['websocket'], serveClient: false });
server.listen(port, '127.0.0.1', () => console.log(`socket.io ${port} ready`));
