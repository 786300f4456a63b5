#!/usr/bin/env node
/**
 * The project's one static server for the built page (dist/): what a county office does when it puts dist/ on
 * any web server. 127.0.0.1 only, GET/HEAD only, only files inside the root, correct MIME types, no caching.
 * Used by `npm run page`, the bench and the browser tests.
 *   node scripts/serve.js [dir=dist] [port=3001]
 */
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Serve `dir` on 127.0.0.1:`port` (0 = any free port).
 * Resolves to { server, url: 'http://127.0.0.1:<port>/', requested: paths in order, close(): Promise<void> }.
 */
async function serve(dir, port = 0) {
  const base = path.resolve(dir);
  const requested = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    requested.push(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(base, `.${rel}`);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    server,
    url: `http://127.0.0.1:${server.address().port}/`,
    requested,
    close: () =>
      new Promise((resolve) => {
        if (server.closeAllConnections) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

module.exports = { serve, MIME };

if (require.main === module) {
  const dir = process.argv[2] || path.join(__dirname, '..', 'dist');
  const port = Number(process.argv[3] || 3001);
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`${dir}/index.html 不存在：请先运行 npm run build（run npm run build first）`);
    process.exit(2);
  }
  serve(dir, port).then(({ url }) => {
    console.log(`指标审核助手（网页版）: ${url}index.html  — 按 Ctrl+C 停止 (Ctrl+C to stop)`);
  });
}
