// The app's wasm as it travels: its code in streams of like bytes, which
// brotli compresses better than the module as it is.
//
// A function's code mixes opcodes, local numbers, function numbers,
// constants and memory offsets, byte after byte; brotli must model them
// all at once. `pack` cuts the code section into 15 streams, one for each
// kind of byte (the opcodes with the few bytes that follow them from a
// small set, the locals' declarations, the calls' targets, the numbers
// of local.get, local.set and local.tee each in their own, the globals,
// the i32 and i64 constants, the floats, the block types, the branches'
// depths, the offsets of loads and of stores, and the rest), and writes
// them one after the other, then the module's other sections. Nothing is
// dropped: `unpackWasm`, which the loader runs before it instantiates the
// module, puts every byte back in its place. Only the functions' sizes
// come back in five bytes each (LEB128 with padding, which wasm allows),
// as the decoder learns a size once it has written the body.
// Measured on the build of 2026-12-05: 252,281 → 226,116 bytes brotli.
//
// The file: the number of bytes before the code section and after it, the
// number of functions, the length of each stream (LEB128 each); then the
// streams; then the bytes before the code section and those after it.
// An instruction this step does not know (SIMD, exceptions, tail calls,
// multiple memories, GC) stops the build: it would be misread.
import { Cursor, leb } from './wasm-sections.mjs';

const STEP = 'pack-wasm.mjs';
const [OP, LOCALS, CALL, GET, , , GLOBAL, I32, I64, FLOAT, BLOCK, BR, LOAD, STORE, MISC] = Array.from({ length: 15 }, (_, i) => i);

// The code section of `wasm`: where its header starts, and its body.
function codeSection(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${STEP}: not a wasm module`);
  for (let p = 8; p < wasm.length;) {
    const [size, start] = leb(wasm, p + 1);
    if (wasm[p] === 10) return { from: p, start, end: start + size };
    p = start + size;
  }
  throw new Error(`${STEP}: the module has no code`);
}

const ulebOf = (n) => {
  const out = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n);
  return out;
};

// `wasm`, a module, packed for the network.
export function pack(wasm) {
  const code = codeSection(wasm);
  const c = new Cursor(wasm.subarray(code.start, code.end));
  const streams = Array.from({ length: 15 }, () => []);
  const bytes = (k, m) => {
    streams[k].push(c.buf.subarray(c.p, c.p + m));
    c.p += m;
  };
  const val = (k) => {
    const from = c.p;
    let r = 0, s = 0, b;
    do {
      b = c.buf[c.p++];
      r += (b & 0x7f) * 2 ** s;
      s += 7;
    } while (b & 0x80);
    streams[k].push(c.buf.subarray(from, c.p));
    return r;
  };
  // A byte the decoder copies as it is: a memory or a reference type.
  const small = (k) => {
    if (c.buf[c.p] & 0x80) throw new Error(`${STEP}: a memory index or type of more than one byte`);
    bytes(k, 1);
  };
  const n = c.u32();
  for (let f = 0; f < n; f++) {
    const size = c.u32();
    const end = c.p + size;
    for (let k = val(LOCALS); k > 0; k--) {
      val(LOCALS);
      bytes(LOCALS, 1);
    }
    for (let depth = 1; depth;) {
      const op = c.buf[c.p];
      bytes(OP, 1);
      if (op >= 0x02 && op <= 0x04) {
        const type = c.buf[c.p];
        if (type < 0x40 || type >= 0x80) throw new Error(`${STEP}: a block type that is a type index`);
        bytes(BLOCK, 1);
        depth++;
      } else if (op === 0x0b) depth--;
      else if (op === 0x0c || op === 0x0d) val(BR);
      else if (op === 0x0e) for (let k = val(BR) + 1; k > 0; k--) val(BR);
      else if (op === 0x10) val(CALL);
      else if (op === 0x11) {
        val(MISC);
        val(MISC);
      } else if (op >= 0x20 && op <= 0x22) val(GET + op - 0x20);
      else if (op === 0x23 || op === 0x24) val(GLOBAL);
      else if (op === 0x25 || op === 0x26 || op === 0xd2) val(MISC);
      else if (op >= 0x28 && op <= 0x3e) {
        if (val(OP) & 0x40) throw new Error(`${STEP}: a memory access with a memory index`);
        val(op < 0x36 ? LOAD : STORE);
      } else if (op === 0x3f || op === 0x40 || op === 0xd0) small(OP);
      else if (op === 0x41) val(I32);
      else if (op === 0x42) val(I64);
      else if (op === 0x43 || op === 0x44) bytes(FLOAT, op === 0x43 ? 4 : 8);
      else if (op === 0xfc) {
        const sub = val(OP);
        if (sub === 8) {
          val(MISC);
          small(OP);
        } else if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) val(MISC);
        else if (sub === 10) {
          small(OP);
          small(OP);
        } else if (sub === 11) small(OP);
        else if (sub === 12 || sub === 14) {
          val(MISC);
          val(MISC);
        } else if (sub > 17) throw new Error(`${STEP}: unknown instruction 0xfc ${sub}`);
      } else if (!(op <= 0x01 || op === 0x05 || op === 0x0f || op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1)) {
        throw new Error(`${STEP}: unknown instruction 0x${op.toString(16)}`);
      }
    }
    if (c.p !== end) throw new Error(`${STEP}: function ${f} was misread`);
  }
  c.ended(STEP, 'code');
  const before = wasm.subarray(0, code.from);
  const after = wasm.subarray(code.end);
  const joined = streams.map((s) => Buffer.concat(s));
  const head = Buffer.from([before.length, after.length, n, ...joined.map((s) => s.length)].flatMap(ulebOf));
  return Buffer.concat([head, ...joined, before, after]);
}

// The module that `pack` packed, from `packed` (an ArrayBuffer or a
// Uint8Array), as a Uint8Array. The loader runs this very function (its
// source is copied into it by minify.mjs): it uses nothing from outside.
export function unpackWasm(packed) {
  const b = new Uint8Array(packed);
  const at = [];
  let h = 0, o, x, k;
  const head = () => {
    let r = 0, s = 0;
    do {
      x = b[h++];
      r += (x & 127) * 2 ** s;
      s += 7;
    } while (x & 128);
    return r;
  };
  const before = head(), after = head(), n = head();
  const lengths = [];
  for (k = 0; k < 15; k++) lengths.push(head());
  for (k = 0, x = h; k < 15; k++) {
    at.push(x);
    x += lengths[k];
  }
  const out = new Uint8Array(b.length - h + 5 * n + 11);
  out.set(b.subarray(x, x + before));
  o = before;
  const val = (k) => {
    let r = 0, s = 0, y;
    do {
      y = out[o++] = b[at[k]++];
      r += (y & 127) * 2 ** s;
      s += 7;
    } while (y & 128);
    return r;
  };
  const copy = (k, m) => {
    out.set(b.subarray(at[k], (at[k] += m)), o);
    o += m;
  };
  // A size in five bytes at `p`.
  const size = (p, v) => {
    for (let i = 0; i < 5; i++) out[p + i] = ((v >>> (7 * i)) & 127) | (i < 4 ? 128 : 0);
  };
  out[o] = 10;
  const section = o + 1;
  o += 6;
  k = n;
  do {
    out[o++] = (k & 127) | (k > 127 ? 128 : 0);
    k >>>= 7;
  } while (k);
  for (let f = 0; f < n; f++) {
    const start = o;
    o += 5;
    for (k = val(1); k--;) {
      val(1);
      copy(1, 1);
    }
    for (let depth = 1; depth;) {
      const op = (out[o++] = b[at[0]++]);
      if (op > 1 && op < 5) {
        copy(10, 1);
        depth++;
      } else if (op == 11) depth--;
      else if (op == 12 || op == 13) val(11);
      else if (op == 14) for (k = val(11) + 1; k--;) val(11);
      else if (op == 16) val(2);
      else if (op == 17) {
        val(14);
        val(14);
      } else if (op > 31 && op < 35) val(op - 29);
      else if (op == 35 || op == 36) val(6);
      else if (op == 37 || op == 38 || op == 210) val(14);
      else if (op > 39 && op < 63) {
        val(0);
        val(op < 54 ? 12 : 13);
      } else if (op == 63 || op == 64 || op == 208) copy(0, 1);
      else if (op == 65) val(7);
      else if (op == 66) val(8);
      else if (op == 67 || op == 68) copy(9, op == 67 ? 4 : 8);
      else if (op == 252) {
        k = val(0);
        if (k == 8) {
          val(14);
          copy(0, 1);
        } else if (k == 9 || k == 13 || (k > 14 && k < 18)) val(14);
        else if (k == 10) copy(0, 2);
        else if (k == 11) copy(0, 1);
        else if (k == 12 || k == 14) {
          val(14);
          val(14);
        }
      }
    }
    size(start, o - start - 5);
  }
  size(section, o - section - 5);
  out.set(b.subarray(x + before, x + before + after), o);
  return out.subarray(0, o + after);
}

// Whether `a` and `b` are the same module but for how their code section
// and its functions write their sizes.
export function sameModule(a, b) {
  const parts = (wasm) => {
    const code = codeSection(Buffer.from(wasm));
    const c = new Cursor(Buffer.from(wasm).subarray(code.start, code.end));
    const out = [Buffer.from(wasm).subarray(0, code.from), Buffer.from(wasm).subarray(code.end)];
    for (let n = c.u32(); n > 0; n--) {
      const size = c.u32();
      out.push(c.buf.subarray(c.p, (c.p += size)));
    }
    c.ended(STEP, 'code');
    return out;
  };
  const [x, y] = [parts(a), parts(b)];
  return x.length === y.length && x.every((part, i) => part.equals(y[i]));
}
