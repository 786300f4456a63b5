#!/usr/bin/env node
/**
 * A static server for the built page (dist/), on 127.0.0.1 only. Used by `npm run page`, the bench and the
 * browser tests, so there is one server with one set of MIME types.
 *   node scripts/serve.js [dir=dist] [port=3001]
 */
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Serve `dir` on 127.0.0.1:`port` (0 = any free port). Resolves to { server, url }. */
function serve(dir, port = 0) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url || '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

module.exports = { serve };

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
