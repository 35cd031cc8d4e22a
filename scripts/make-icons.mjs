#!/usr/bin/env node
// Draws the app icon (a white sprout with two leaves above a base line, on the
// app's green) and writes the PNGs the manifest and iOS need, plus the SVG
// favicon. Run by hand when the icon changes; the outputs are committed:
//   node scripts/make-icons.mjs            (writes public/favicon.svg, public/icons/*.png)
// Chromium (playwright-core) rasterises the SVG on a canvas; this script then
// quantises the pixels to a small palette and writes indexed PNGs with zlib,
// so each icon weighs a few KB without any image tool.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const PUBLIC = join(ROOT, 'public');
const GREEN = '#1f5f4a';

// The motif, drawn on a 512 × 512 grid centred on (256, 256).
const MOTIF = `<g fill="#fff" stroke="#fff" stroke-linejoin="round">
  <path d="M256 384V268" fill="none" stroke-width="26"/>
  <circle cx="256" cy="268" r="13" stroke="none"/>
  <path d="M256 302C192 302 128 262 118 176C194 172 250 222 256 302Z" stroke-width="8"/>
  <path d="M256 266C258 176 318 112 400 106C404 192 344 262 256 266Z" stroke-width="8"/>
  <path d="M136 400Q256 368 376 400" fill="none" stroke-width="26" stroke-linecap="round"/>
</g>`;

/** `full`: green to the edges (maskable, Apple); otherwise a rounded tile. */
function svg({ full, scale = 1 }) {
  const bg = full
    ? `<rect width="512" height="512" fill="${GREEN}"/>`
    : `<rect width="512" height="512" rx="112" fill="${GREEN}"/>`;
  const t = scale === 1 ? '' : ` transform="translate(256 256) scale(${scale}) translate(-256 -250)"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${bg}<g${t}>${MOTIF}</g></svg>`;
}

// Maskable: everything inside the 80 % safe circle (radius 204.8 at 512).
const ICONS = [
  { file: 'icons/icon-192.png', size: 192, svg: svg({ full: false }) },
  { file: 'icons/icon-512.png', size: 512, svg: svg({ full: false }) },
  { file: 'icons/maskable-512.png', size: 512, svg: svg({ full: true, scale: 0.78 }) },
  { file: 'icons/apple-touch-icon-180.png', size: 180, svg: svg({ full: true, scale: 0.86 }) },
];

async function rasterise(page, svgText, size) {
  return page.evaluate(async ({ svgText, size }) => {
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText);
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0, size, size);
    return Array.from(ctx.getImageData(0, 0, size, size).data);
  }, { svgText, size });
}

// The icons are two colours, the app's green and white, blended at the
// motif's edges, on a tile whose rounded corners fade to transparent. Each
// pixel is therefore one of: a blend of green and white (opaque), or green
// with some transparency. Sixteen entries hold both (4-bit pixels): 10
// blends and 6 alphas, which the eye cannot tell from the full gradient at
// these sizes. Measured on 2026-12-05: icon-192.png 2,561 → 1,357 bytes (it was
// 188 colours of 8-bit pixels).
const BLENDS = 10;
const ALPHAS = 6;

/** RGBA bytes → { palette: [[r,g,b,a]], indices } in 16 entries. */
function quantise(rgba) {
  const [gr, gg, gb] = [1, 3, 5].map((i) => parseInt(GREEN.slice(i, i + 2), 16));
  // Alphas first (transparent to nearly opaque), then the opaque blends, so
  // tRNS can stop at the last translucent entry.
  const palette = [
    ...Array.from({ length: ALPHAS }, (_, j) => [gr, gg, gb, Math.round((255 * j) / ALPHAS)]),
    ...Array.from({ length: BLENDS }, (_, k) => {
      const t = k / (BLENDS - 1);
      return [gr + (255 - gr) * t, gg + (255 - gg) * t, gb + (255 - gb) * t].map(Math.round).concat(255);
    }),
  ];
  const indices = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < indices.length; i++) {
    const [r, g, b, a] = rgba.slice(i * 4, i * 4 + 4);
    if (a < 255 - 255 / ALPHAS / 2) {
      indices[i] = Math.round((a / 255) * ALPHAS);
      continue;
    }
    // Where the pixel lies between green (0) and white (1).
    const t = ((r - gr) * (255 - gr) + (g - gg) * (255 - gg) + (b - gb) * (255 - gb))
      / ((255 - gr) ** 2 + (255 - gg) ** 2 + (255 - gb) ** 2);
    indices[i] = ALPHAS + Math.round(Math.min(1, Math.max(0, t)) * (BLENDS - 1));
  }
  return { palette, indices };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function encodePng(size, { palette, indices }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 4; // bit depth: two pixels a byte
  ihdr[9] = 3; // indexed colour
  const plte = Buffer.from(palette.flatMap(([r, g, b]) => [r, g, b]));
  const lastTranslucent = palette.findLastIndex(([, , , a]) => a < 255);
  // Rows packed, unfiltered: PNG's filters predict byte values, which
  // palette indexes are not (each of sub, up, average and Paeth, or the
  // usual smallest-sum choice among them, made icon-192.png 1,630–1,697
  // bytes, against 1,357 without).
  const stride = Math.ceil(size / 2);
  const raw = Buffer.alloc(size * (stride + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) raw[y * (stride + 1) + 1 + (x >> 1)] |= indices[y * size + x] << (x & 1 ? 0 : 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    ...(lastTranslucent >= 0
      ? [chunk('tRNS', Buffer.from(palette.slice(0, lastTranslucent + 1).map((p) => p[3])))]
      : []),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage();
  mkdirSync(join(PUBLIC, 'icons'), { recursive: true });
  writeFileSync(join(PUBLIC, 'favicon.svg'), svg({ full: false }) + '\n');
  for (const icon of ICONS) {
    const rgba = await rasterise(page, icon.svg, icon.size);
    const png = encodePng(icon.size, quantise(rgba));
    writeFileSync(join(PUBLIC, icon.file), png);
    console.log(`${icon.file}: ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
