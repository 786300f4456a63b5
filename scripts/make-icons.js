#!/usr/bin/env node
/**
 * Writes the add-in icons assets/icon-{16,32,64,80,128}.png (no image library needed: a tiny PNG encoder on
 * zlib). The design: a blue rounded square with three white bars (a table of figures) and a green check.
 * Run `node scripts/make-icons.js` after changing the drawing; the PNGs are committed.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** RGBA pixels (Uint8Array, width*height*4) → PNG bytes. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BLUE = [0x1f, 0x5f, 0xa8];
const WHITE = [0xff, 0xff, 0xff];
const GREEN = [0x2e, 0xa0, 0x43];

/** Coverage of pixel (x, y) by a shape, 4×4 supersampled, so small sizes stay smooth. */
function draw(size) {
  const px = new Uint8Array(size * size * 4);
  const s = size;
  const r = s * 0.18; // corner radius
  const inRounded = (x, y) => {
    const cx = Math.min(Math.max(x, r), s - r);
    const cy = Math.min(Math.max(y, r), s - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const bars = [
    [0.2, 0.24, 0.62, 0.33],
    [0.2, 0.43, 0.5, 0.52],
    [0.2, 0.62, 0.4, 0.71],
  ];
  const inBar = (x, y) => bars.some(([x1, y1, x2, y2]) => x >= x1 * s && x <= x2 * s && y >= y1 * s && y <= y2 * s);
  // check mark: two thick segments
  const seg = (x, y, ax, ay, bx, by, w) => {
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= w * w;
  };
  const w = Math.max(1, s * 0.065);
  const inCheck = (x, y) =>
    seg(x, y, s * 0.52, s * 0.68, s * 0.64, s * 0.8, w) || seg(x, y, s * 0.64, s * 0.8, s * 0.84, s * 0.5, w);
  const N = 4;
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      let bg = 0, white = 0, green = 0;
      for (let j = 0; j < N; j++) {
        for (let i = 0; i < N; i++) {
          const sx = x + (i + 0.5) / N, sy = y + (j + 0.5) / N;
          if (!inRounded(sx, sy)) continue;
          if (inCheck(sx, sy)) green++;
          else if (inBar(sx, sy)) white++;
          else bg++;
        }
      }
      const total = bg + white + green;
      const o = (y * s + x) * 4;
      if (total === 0) continue;
      for (let k = 0; k < 3; k++) px[o + k] = Math.round((BLUE[k] * bg + WHITE[k] * white + GREEN[k] * green) / total);
      px[o + 3] = Math.round((255 * total) / (N * N));
    }
  }
  return px;
}

const outDir = path.resolve(__dirname, '..', 'assets');
fs.mkdirSync(outDir, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  const file = path.join(outDir, `icon-${size}.png`);
  fs.writeFileSync(file, encodePng(size, size, draw(size)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
module.exports = { encodePng };
