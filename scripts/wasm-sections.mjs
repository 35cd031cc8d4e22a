// Reading and rewriting a wasm module's sections, for the build steps that
// edit the module wasm-bindgen wrote (short-names.mjs, drop-streams.mjs,
// order-functions.mjs, pack-wasm.mjs).

// The unsigned LEB128 number at `p` of `buf`, and where it ends.
export function leb(buf, p) {
  let r = 0, shift = 0, b;
  do {
    b = buf[p++];
    r |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return [r >>> 0, p];
}

// `n` in unsigned LEB128.
export function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

// A name as a section writes it: its length, then its UTF-8 bytes.
export const name = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([uleb(b.length), b]);
};

// A reader over a section's body: its LEB128 numbers and names, in order.
export class Cursor {
  constructor(buf) {
    this.buf = buf;
    this.p = 0;
  }

  u32() {
    const [r, end] = leb(this.buf, this.p);
    this.p = end;
    return r;
  }

  name() {
    const l = this.u32();
    const s = this.buf.subarray(this.p, this.p + l).toString('utf8');
    this.p += l;
    return s;
  }

  // Skips an export's description: its kind, then its index.
  skipExportDesc() {
    this.p++;
    this.u32();
  }

  // Skips an import's description (a function, table, memory, global or
  // tag) and returns its kind (0 for a function); `step` names the build
  // step in the error for an unknown kind.
  skipImportDesc(step) {
    const kind = this.buf[this.p++];
    // A table's element type, then its limits; a memory's limits.
    if (kind === 1) this.p++;
    if (kind === 1 || kind === 2) {
      const flags = this.buf[this.p++];
      this.u32();
      if (flags & 1) this.u32();
    } else if (kind === 0) this.u32();
    else if (kind === 3) this.p += 2;
    else if (kind === 4) {
      this.p++;
      this.u32();
    } else throw new Error(`${step}: unknown import kind ${kind}`);
    return kind;
  }

  // Stops the build unless the body was read to its end.
  ended(step, what) {
    if (this.p !== this.buf.length) throw new Error(`${step}: the ${what} section was misread`);
  }
}

// `wasm` without the exports whose name `drop(name)` accepts, and their
// names. None of them may be named in `loader`, wasm-bindgen's loader,
// and the module must still compile; otherwise the build stops, its error
// naming `step`.
export function withoutExports(wasm, loader, step, drop) {
  const dropped = [];
  const out = rewriteSections(wasm, step, (id, c) => {
    if (id !== 7) return undefined;
    const count = c.u32();
    const kept = [];
    for (let i = 0; i < count; i++) {
      const from = c.p;
      const name = c.name();
      c.skipExportDesc();
      if (drop(name)) dropped.push(name);
      else kept.push(c.buf.subarray(from, c.p));
    }
    c.ended(step, 'export');
    return Buffer.concat([uleb(kept.length), ...kept]);
  });
  for (const name of dropped) {
    if (loader.includes(name)) throw new Error(`${step}: the loader still reads ${name}`);
  }
  new WebAssembly.Module(out);
  return { wasm: out, dropped };
}

// The sections of `wasm`, in order: each one's id, where it starts
// (`from`), where its body starts and where it ends. `step` names the build
// step in the error for a file that is not a wasm module.
export function* sections(wasm, step) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${step}: not a wasm module`);
  for (let p = 8; p < wasm.length;) {
    const [size, start] = leb(wasm, p + 1);
    yield { id: wasm[p], from: p, start, end: start + size };
    p = start + size;
  }
}

// `wasm` with each section whose body `rewrite(id, cursor)` returns a new
// body (a Buffer) rewritten, each for which it returns null left out, and
// the others as they are. `step` names the build step in its errors.
export function rewriteSections(wasm, step, rewrite) {
  const parts = [wasm.subarray(0, 8)];
  for (const { id, from, start, end } of sections(wasm, step)) {
    const body = rewrite(id, new Cursor(wasm.subarray(start, end)));
    if (body !== null) parts.push(body === undefined ? wasm.subarray(from, end) : Buffer.concat([Buffer.from([id]), uleb(body.length), body]));
  }
  return Buffer.concat(parts);
}
