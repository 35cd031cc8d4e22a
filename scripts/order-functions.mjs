// The order of a wasm module's functions, chosen for brotli: functions of
// about the same size side by side (sizes in steps of a factor 4: 1–6
// bytes, 7–30, 31–126, …), and among them
// by the bytes of their bodies, so that functions that begin alike are
// neighbours and brotli finds their common parts close by. The order is
// given to wasm-opt as the functions' names (`--reorder-functions-by-name`),
// which it reads and then drops with the rest of the name section; the
// functions keep their code, only their places and their numbers change.
// Measured on the build of 2026-12-05: the wasm 255,697 → 252,725 bytes
// brotli (see README, *Architecture*). wasm-opt's own orders do less:
// by use count +214 bytes, by the Rust names −966. Steps of a factor 2
// or 10 did less, 2.7 about the same (docs/FIGURES-HISTORY.md).
import { name, rewriteSections, uleb } from './wasm-sections.mjs';

// The defined functions' bodies of `wasm`, and how many functions it imports.
export function bodies(wasm) {
  let imported = 0;
  const out = [];
  rewriteSections(wasm, 'order-functions', (id, c) => {
    if (id === 2) {
      for (let n = c.u32(); n > 0; n--) {
        c.name();
        c.name();
        if (c.skipImportDesc('order-functions') === 0) imported++;
      }
      c.ended('order-functions', 'import');
    } else if (id === 10) {
      for (let n = c.u32(); n > 0; n--) {
        const size = c.u32();
        out.push(c.buf.subarray(c.p, c.p + size));
        c.p += size;
      }
      c.ended('order-functions', 'code');
    }
    return undefined;
  });
  return { imported, bodies: out };
}

// Each defined function's place in the new order (0 first).
export function ranks(list) {
  const step = (b) => Math.round(0.5 * Math.log2(b.length + 1));
  const order = list.map((_, i) => i);
  order.sort((a, b) => step(list[a]) - step(list[b]) || Buffer.compare(list[a], list[b]) || a - b);
  const rank = new Array(list.length);
  order.forEach((f, r) => {
    rank[f] = r;
  });
  return rank;
}

// `wasm` without its name section, and with one that names each defined
// function after its rank, zero-padded so that names sort as ranks do.
export function nameByRank(wasm) {
  const { imported, bodies: list } = bodies(wasm);
  const rank = ranks(list);
  const width = String(list.length).length;
  const entries = [uleb(list.length)];
  rank.forEach((r, i) => entries.push(uleb(imported + i), name('f' + String(r).padStart(width, '0'))));
  const functionNames = Buffer.concat(entries);
  const body = Buffer.concat([name('name'), Buffer.from([1]), uleb(functionNames.length), functionNames]);
  const kept = rewriteSections(wasm, 'order-functions', (id, c) => (id === 0 && c.name() === 'name' ? null : undefined));
  return Buffer.concat([kept, Buffer.from([0]), uleb(body.length), body]);
}
