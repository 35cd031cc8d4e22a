// The build step that packs the wasm for the network (scripts/pack-wasm.mjs):
// on a module written here in the text format (wasm-opt turns it into a
// binary), with every kind of immediate the step sorts, and on the release
// build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { brotliCompressSync } from 'node:zlib';
import { pack, unpacker, unpackWasm, sameModule } from '../../scripts/pack-wasm.mjs';
import { leb } from '../../scripts/wasm-sections.mjs';
import { releaseWasm } from './helpers.mjs';

// Blocks, loops and ifs with a result, every branch, calls direct and
// indirect (in two tables), locals, globals, i32 constants before each
// kind of instruction that sorts them, i64, f32 and f64 constants, loads
// and stores with offsets, every bulk-memory and table instruction,
// references and a select with a type, saturating conversions.
const WAT = String.raw`
(module
  (type $t (func (param i32) (result i32)))
  (import "env" "double" (func $double (param i32) (result i32)))
  (memory 1)
  (table 2 funcref)
  (table $t2 2 funcref)
  (elem (i32.const 0) $sq $double)
  (elem $e func $sq)
  (global $g (mut i32) (i32.const 5))
  (global $h (mut i64) (i64.const -9000000000))
  (data $d "\01\02\03\04")
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func (export "ops") (param $x i32) (result i32)
    (local $y i32) (local $z i64) (local $f f64)
    (local.set $y (i32.const 300000))
    (local.set $z (i64.const -123456789012))
    (local.set $f (f64.const 2.5))
    (block $out (result i32)
      (loop $l
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br_if $l (i32.lt_s (local.get $x) (i32.const 10))))
      (block $a (block $b (block $c
        (br_table $a $b $c (i32.and (local.get $x) (i32.const 3))))
        (global.set $g (i32.add (global.get $g) (i32.const 1))))
        (global.set $g (i32.add (global.get $g) (i32.const 2))))
      (i32.store offset=100 (i32.const 0) (local.tee $y (i32.add (local.get $y) (local.get $x))))
      (i64.store8 offset=200 (i32.const 1) (local.get $z))
      (f32.store offset=8 (i32.const 16) (f32.const 1.5))
      (memory.fill (i32.const 300) (i32.const 7) (i32.const 4))
      (memory.copy (i32.const 400) (i32.const 300) (i32.const 4))
      (memory.init $d (i32.const 500) (i32.const 0) (i32.const 4))
      (data.drop $d)
      (drop (memory.grow (i32.const 0)))
      (if (result i32) (i32.gt_u (memory.size) (i32.const 0))
        (then (br $out (i32.add
          (i32.add (i32.load offset=100 (i32.const 0)) (i32.load8_u offset=200 (i32.const 1)))
          (i32.add (i32.load offset=400 (i32.const 0))
            (i32.add (call $double (global.get $g))
              (i32.add (call_indirect (type $t) (i32.const 3) (i32.const 0))
                (i32.add (i32.trunc_sat_f64_s (local.get $f))
                  (i32.add (i32.trunc_f32_s (f32.load offset=8 (i32.const 16)))
                    (i32.add (i32.load8_u offset=500 (i32.const 0))
                      (select (i32.const 1) (i32.const 2) (ref.is_null (ref.func $sq))))))))))))
        (else (i32.wrap_i64 (global.get $h)))))
  )
  (func (export "tables") (result i32)
    (table.set (i32.const 1) (table.get (i32.const 0)))
    (drop (ref.null func))
    (table.init $t2 $e (i32.const 0) (i32.const 0) (i32.const 1))
    (elem.drop $e)
    (table.copy $t2 $t2 (i32.const 1) (i32.const 0) (i32.const 1))
    (drop (table.grow $t2 (ref.null func) (i32.const 1)))
    (table.fill $t2 (i32.const 2) (ref.null func) (i32.const 1))
    (drop (select (result funcref) (ref.null func) (ref.func $sq) (i32.const 1)))
    (i32.add (i32.add (table.size $t2) (call_indirect $t2 (type $t) (i32.const 5) (i32.const 1)))
      (call_indirect (type $t) (i32.const 4) (i32.const 1))))

)
`;

// `wat` as a binary module, through wasm-opt (no pass: the instructions as written).
function compile(wat, ...features) {
  const dir = mkdtempSync(join(tmpdir(), 'paix-pack-'));
  try {
    writeFileSync(join(dir, 'm.wat'), wat);
    const run = spawnSync('wasm-opt', [...features, join(dir, 'm.wat'), '-o', join(dir, 'm.wasm')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return readFileSync(join(dir, 'm.wasm'));
  } finally {
    rmSync(dir, { recursive: true });
  }
}

const FEATURES = ['--enable-bulk-memory', '--enable-reference-types', '--enable-nontrapping-float-to-int'];
const run = async (wasm) => {
  const { instance } = await WebAssembly.instantiate(wasm, { env: { double: (x) => 2 * x } });
  return [instance.exports.ops(0), instance.exports.tables()];
};

// The lengths of the 18 streams a packed file holds.
function streams(packed) {
  let p = 0;
  const next = () => {
    const [n, end] = leb(packed, p);
    p = end;
    return n;
  };
  next(); next(); next();
  return Array.from({ length: 18 }, next);
}

test('a module with every kind of immediate: packed into 18 streams, it unpacks to the same module, which computes the same', async () => {
  const wasm = compile(WAT, ...FEATURES);
  const packed = pack(wasm);
  assert.ok(streams(packed).every((n) => n > 0), `every stream used: ${streams(packed)}`);
  const code = unpacker();
  const back = unpackWasm(packed, code);
  assert.ok(sameModule(wasm, back));
  assert.ok(WebAssembly.validate(back));
  assert.deepEqual(await run(back), await run(wasm));
  assert.deepEqual(await run(back), [118201340, 44]);
  assert.ok(wasm.includes(0x1c), 'a select with a type');
  // The sizes written back with padding are read as the same numbers.
  assert.ok(pack(Buffer.from(back)).equals(packed));
  // An ArrayBuffer, as the loader has it from fetch().
  assert.ok(sameModule(wasm, unpackWasm(packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.length), code)));
});

test('a block typed by a type index, and sizes written with padding, come back as they were', () => {
  // One function whose body is `block (type 0) end end`, `() -> ()`
  // (binaryen writes no such block); its size in two bytes, one of padding.
  const typed = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, 8, 1, 0x85, 0, 0, 0x02, 0, 0x0b, 0x0b]);
  assert.ok(WebAssembly.validate(typed));
  const back = unpackWasm(pack(typed), unpacker());
  assert.ok(sameModule(typed, back) && WebAssembly.validate(back));
});

test('an instruction the step does not sort stops the build', () => {
  const simd = compile('(module (func (export "f") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))', '--enable-simd');
  assert.throws(() => pack(simd), /unknown instruction 0xfd/);
  // A load from memory 0 named explicitly (the alignment's flag 0x40, then
  // the memory's index): several memories are not sorted.
  const memory = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 10, 1, 8, 0, 0x41, 0, 0x28, 0x42, 0, 0, 0x0b]);
  assert.throws(() => pack(memory), /memory access with a memory index/);
  assert.throws(() => pack(Buffer.from('not wasm at all')), /not a wasm module/);
});

test('the release build: its packed wasm unpacks to a module that compiles and packs again to the same bytes; the loader unpacks it', () => {
  const dist = join(import.meta.dirname, '../../dist');
  const file = (re) => join(dist, readdirSync(dist).find((n) => re.test(n)));
  const packed = readFileSync(file(/^paix-base-[0-9a-f]+_bg\.bin$/));
  const wasm = releaseWasm(dist);
  assert.ok(WebAssembly.validate(wasm));
  assert.ok(pack(wasm).equals(packed));
  assert.ok(!readdirSync(dist).some((n) => n.endsWith('.wasm')), 'no unpacked wasm shipped');
  // What the step is for: brotli does better on the streams.
  assert.ok(brotliCompressSync(packed).length < brotliCompressSync(wasm).length);
  const loader = readFileSync(file(/^paix-base-[0-9a-f]+\.js$/), 'utf8');
  assert.ok(loader.includes('WebAssembly.instantiate(') && !loader.includes('instantiateStreaming'));
  // The unpacker the loader carries unpacks the file to the same module.
  const carried = [...loader.matchAll(/atob\("([A-Za-z0-9+/=]+)"\)/g)];
  assert.equal(carried.length, 1, 'one unpacker in the loader');
  assert.ok(sameModule(wasm, unpackWasm(packed, Buffer.from(carried[0][1], 'base64'))));
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  assert.ok(html.includes(`module_or_path: '/${file(/_bg\.bin$/).split('/').pop()}'`));
});
