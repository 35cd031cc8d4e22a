// The app's wasm as it travels: its code in streams of like bytes, which
// brotli compresses better than the module as it is.
//
// A function's code mixes opcodes, local numbers, function numbers,
// constants and memory offsets, byte after byte; brotli must model them
// all at once. `pack` cuts the code section into 18 streams, one for each
// kind of byte (the opcodes with the few bytes that follow them from a
// small set, the locals' declarations, the calls' targets, the numbers
// of local.get, local.set and local.tee each in their own, the globals,
// the i32 constants in four by the instruction after them, the i64
// constants, the floats, the block types, the branches' depths, the
// offsets of loads and of stores, and the rest), and writes
// them one after the other, then the module's other sections. Nothing is
// dropped: the unpacker (scripts/unpack.wat, a small wasm module the loader
// carries), which the loader runs before it instantiates the module, puts
// every byte back in its place. Only the sizes, the code section's and each
// function's, come back in five bytes each (LEB128 with padding, which wasm
// allows), as the unpacker learns a size once it has written what it
// measures; the number of functions comes back in as few bytes as it needs. Measured on the build of
// 2026-12-05: the wasm 252,281 → 227,059 bytes brotli, the loader 7,803 →
// 8,527 (the unpacker and its call); other orders of the streams measured
// within 0.5 KB of this one.
//
// The file: the number of bytes before the code section and after it, the
// number of functions, the length of each stream (LEB128 each); then the
// streams; then the bytes before the code section and those after it.
// An instruction this step does not know (SIMD, exceptions, tail calls,
// multiple memories, GC) stops the build: it would be misread. The
// unpacker is compiled on the page's main thread, which browsers allow for
// a module of at most 4 KB: `unpacker()` stops the build above that.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Cursor, leb, sections, uleb } from './wasm-sections.mjs';
import { bodies } from './order-functions.mjs';

const STEP = 'pack-wasm.mjs';
const STREAMS = 18;
const [OP, LOCALS, CALL, GET, , , GLOBAL, I32, I64, FLOAT, BLOCK, BR, LOAD, STORE, MISC, I32_MEMORY, I32_ADD, I32_NUMERIC] = Array.from({ length: STREAMS }, (_, i) => i);

// The stream of an i32 constant, by the instruction after it (`next`, its
// first byte): an address for a load or a store, a number to add, an
// operand of another numeric instruction, or something else.
const i32Stream = (next) => (next >= 0x28 && next <= 0x3e ? I32_MEMORY : next === 0x6a ? I32_ADD : next >= 0x45 && next <= 0xc4 ? I32_NUMERIC : I32);

// The code section of `wasm`: where its header starts, and its body.
function codeSection(wasm) {
  for (const section of sections(wasm, STEP)) if (section.id === 10) return section;
  throw new Error(`${STEP}: the module has no code`);
}

// `wasm`, a module, packed for the network.
export function pack(wasm) {
  const code = codeSection(wasm);
  const c = new Cursor(wasm.subarray(code.start, code.end));
  const streams = Array.from({ length: STREAMS }, () => []);
  const bytes = (k, m) => {
    streams[k].push(c.buf.subarray(c.p, c.p + m));
    c.p += m;
  };
  // The next LEB128 number, to stream `k`; its value (right for numbers
  // of up to 32 bits: only small ones are used).
  const val = (k) => {
    const [r, end] = leb(c.buf, c.p);
    bytes(k, end - c.p);
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
        // A value type or 0x40 (one byte), or a type's index (LEB128).
        val(BLOCK);
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
      else if (op === 0x1c) for (let k = val(MISC); k > 0; k--) small(OP);
      else if (op >= 0x28 && op <= 0x3e) {
        if (val(OP) & 0x40) throw new Error(`${STEP}: a memory access with a memory index`);
        val(op < 0x36 ? LOAD : STORE);
      } else if (op === 0x3f || op === 0x40 || op === 0xd0) small(OP);
      else if (op === 0x41) val(i32Stream(c.buf[leb(c.buf, c.p)[1]]));
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
  const head = Buffer.concat([before.length, after.length, n, ...joined.map((s) => s.length)].map(uleb));
  return Buffer.concat([head, ...joined, before, after]);
}

// The unpacker (scripts/unpack.wat), compiled by wasm-opt: the bytes the
// loader carries.
export function unpacker() {
  const dir = mkdtempSync(join(tmpdir(), 'paix-unpack-'));
  try {
    const out = join(dir, 'unpack.wasm');
    const run = spawnSync('wasm-opt', ['-O3', '--enable-bulk-memory', fileURLToPath(new URL('unpack.wat', import.meta.url)), '-o', out], { encoding: 'utf8' });
    if (run.error || run.status !== 0) throw new Error(`${STEP}: wasm-opt could not compile unpack.wat (${run.error?.message ?? run.stderr})`);
    const code = readFileSync(out);
    if (code.length > 4096) throw new Error(`${STEP}: the unpacker is ${code.length} bytes; browsers compile at most 4,096 on the page's main thread`);
    return code;
  } finally {
    rmSync(dir, { recursive: true });
  }
}

// The module that `pack` packed, from `packed` (an ArrayBuffer or a
// Uint8Array), as a Uint8Array, by `code`, the unpacker's bytes. The loader
// runs this very function (minify.mjs copies its source into it): it uses
// nothing from outside.
export function unpackWasm(packed, code) {
  const input = new Uint8Array(packed);
  const { memory, unpack } = new WebAssembly.Instance(new WebAssembly.Module(code)).exports;
  memory.grow(Math.ceil((128 + input.length) / 65536));
  new Uint8Array(memory.buffer).set(input, 128);
  const end = unpack(input.length);
  return new Uint8Array(memory.buffer, 128 + input.length, end - 128 - input.length);
}

// Whether `a` and `b` are the same module but for how their code section
// and its functions write their sizes.
export function sameModule(a, b) {
  const parts = (module) => {
    const wasm = Buffer.from(module.buffer, module.byteOffset, module.length);
    const code = codeSection(wasm);
    return [wasm.subarray(0, code.from), wasm.subarray(code.end), ...bodies(wasm).bodies];
  };
  const [x, y] = [parts(a), parts(b)];
  return x.length === y.length && x.every((part, i) => part.equals(y[i]));
}
