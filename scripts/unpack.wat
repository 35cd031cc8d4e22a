;; The loader's unpacker of the app's wasm (scripts/pack-wasm.mjs writes the
;; packed file and describes its format). Written in wasm rather than
;; JavaScript: the loader runs it once, on every start, over some 260,000
;; instructions, before the engine has optimised anything. Measured on the
;; build of 2026-12-05: a first run took 44 ms in JavaScript and 5 ms here
;; (node, this machine); `make bench`'s offline start at 4x CPU slowdown,
;; median of 10, was 301 ms with the JavaScript unpacker and 224 ms with
;; this one (197 ms with the wasm shipped as it is). The build compiles it
;; with wasm-opt -O3 (its calls inlined: 1.3 KB, twice as fast as -Oz's
;; 1.1 KB) and puts its bytes into the loader.
;;
;; Memory: the 18 streams' read positions at 0 (4 bytes each), the packed
;; file at 128, the module after it. `unpack(len)` returns the module's end;
;; it starts at 128 + len.
(module
  (memory (export "memory") 1)
  (global $h (mut i32) (i32.const 0))
  (global $o (mut i32) (i32.const 0))

  ;; The LEB128 number at $h, read.
  (func $head (result i32)
    (local $r i32) (local $s i32) (local $x i32)
    (loop $l
      (local.set $x (i32.load8_u (global.get $h)))
      (global.set $h (i32.add (global.get $h) (i32.const 1)))
      (local.set $r (i32.or (local.get $r)
        (i32.shl (i32.and (local.get $x) (i32.const 127)) (local.get $s))))
      (local.set $s (i32.add (local.get $s) (i32.const 7)))
      (br_if $l (i32.and (local.get $x) (i32.const 128))))
    (local.get $r))

  ;; The next LEB128 number of stream $k, copied to the module; its value
  ;; (right for numbers of up to 5 bytes; only small ones are used).
  (func $val (param $k i32) (result i32)
    (local $p i32) (local $r i32) (local $s i32) (local $x i32)
    (local.set $k (i32.shl (local.get $k) (i32.const 2)))
    (local.set $p (i32.load (local.get $k)))
    (loop $l
      (local.set $x (i32.load8_u (local.get $p)))
      (i32.store8 (global.get $o) (local.get $x))
      (global.set $o (i32.add (global.get $o) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $r (i32.or (local.get $r)
        (i32.shl (i32.and (local.get $x) (i32.const 127)) (local.get $s))))
      (local.set $s (i32.add (local.get $s) (i32.const 7)))
      (br_if $l (i32.and (local.get $x) (i32.const 128))))
    (i32.store (local.get $k) (local.get $p))
    (local.get $r))

  ;; The next $m bytes of stream $k, copied to the module.
  (func $copy (param $k i32) (param $m i32)
    (local $p i32)
    (local.set $k (i32.shl (local.get $k) (i32.const 2)))
    (local.set $p (i32.load (local.get $k)))
    (memory.copy (global.get $o) (local.get $p) (local.get $m))
    (i32.store (local.get $k) (i32.add (local.get $p) (local.get $m)))
    (global.set $o (i32.add (global.get $o) (local.get $m))))

  ;; $v in five bytes at $p (LEB128 with padding).
  (func $size (param $p i32) (param $v i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.or (i32.and (i32.shr_u (local.get $v) (i32.mul (local.get $i) (i32.const 7))) (i32.const 127))
          (select (i32.const 128) (i32.const 0) (i32.lt_u (local.get $i) (i32.const 4)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 5)))))

  (func (export "unpack") (param $len i32) (result i32)
    (local $before i32) (local $after i32) (local $n i32) (local $k i32) (local $x i32)
    (local $f i32) (local $start i32) (local $depth i32) (local $op i32) (local $section i32)
    (local $need i32)
    (global.set $h (i32.const 128))
    (global.set $o (i32.add (i32.const 128) (local.get $len)))
    (local.set $before (call $head))
    (local.set $after (call $head))
    (local.set $n (call $head))
    ;; Room for the module: the file's bytes, five per function and the
    ;; section's head.
    (local.set $need (i32.add (i32.add (global.get $o) (local.get $len))
      (i32.add (i32.mul (local.get $n) (i32.const 5)) (i32.const 11))))
    (local.set $need (i32.sub (i32.shr_u (i32.add (local.get $need) (i32.const 65535)) (i32.const 16)) (memory.size)))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then (if (i32.lt_s (memory.grow (local.get $need)) (i32.const 0)) (then (unreachable)))))
    ;; The streams' lengths, then where each starts.
    (loop $l
      (i32.store (i32.shl (local.get $k) (i32.const 2)) (call $head))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 18))))
    (local.set $x (global.get $h))
    (local.set $k (i32.const 0))
    (loop $l
      (local.set $f (i32.load (i32.shl (local.get $k) (i32.const 2))))
      (i32.store (i32.shl (local.get $k) (i32.const 2)) (local.get $x))
      (local.set $x (i32.add (local.get $x) (local.get $f)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 18))))
    ;; $x: the sections before the code, then those after it.
    (memory.copy (global.get $o) (local.get $x) (local.get $before))
    (global.set $o (i32.add (global.get $o) (local.get $before)))
    (i32.store8 (global.get $o) (i32.const 10))
    (local.set $section (i32.add (global.get $o) (i32.const 1)))
    (global.set $o (i32.add (global.get $o) (i32.const 6)))
    (local.set $k (local.get $n))
    (loop $l
      (i32.store8 (global.get $o) (i32.or (i32.and (local.get $k) (i32.const 127))
        (select (i32.const 128) (i32.const 0) (i32.gt_u (local.get $k) (i32.const 127)))))
      (global.set $o (i32.add (global.get $o) (i32.const 1)))
      (local.set $k (i32.shr_u (local.get $k) (i32.const 7)))
      (br_if $l (local.get $k)))
    (local.set $f (i32.const 0))
    (block $done
      (loop $function
        (br_if $done (i32.ge_u (local.get $f) (local.get $n)))
        (local.set $start (global.get $o))
        (global.set $o (i32.add (global.get $o) (i32.const 5)))
        ;; The locals' declarations: a count, then (count, type) pairs.
        (local.set $k (call $val (i32.const 1)))
        (block $b
          (loop $l
            (br_if $b (i32.eqz (local.get $k)))
            (drop (call $val (i32.const 1)))
            (call $copy (i32.const 1) (i32.const 1))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $l)))
        ;; The instructions, until the `end` of the function's body.
        (local.set $depth (i32.const 1))
        (loop $ops
          (local.set $op (i32.load8_u (i32.load (i32.const 0))))
          (call $copy (i32.const 0) (i32.const 1))
          (block $next
            ;; block, loop, if: a type (one byte) or a type's index
            (if (i32.lt_u (i32.sub (local.get $op) (i32.const 2)) (i32.const 3))
              (then (drop (call $val (i32.const 10)))
                (local.set $depth (i32.add (local.get $depth) (i32.const 1)))
                (br $next)))
            (if (i32.eq (local.get $op) (i32.const 11))
              (then (local.set $depth (i32.sub (local.get $depth) (i32.const 1))) (br $next)))
            ;; br, br_if
            (if (i32.lt_u (i32.sub (local.get $op) (i32.const 12)) (i32.const 2))
              (then (drop (call $val (i32.const 11))) (br $next)))
            ;; br_table: a count, then count + 1 depths
            (if (i32.eq (local.get $op) (i32.const 14))
              (then
                (local.set $k (i32.add (call $val (i32.const 11)) (i32.const 1)))
                (loop $l
                  (drop (call $val (i32.const 11)))
                  (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                  (br_if $l (local.get $k)))
                (br $next)))
            (if (i32.eq (local.get $op) (i32.const 16))
              (then (drop (call $val (i32.const 2))) (br $next)))
            (if (i32.eq (local.get $op) (i32.const 17))
              (then (drop (call $val (i32.const 14))) (drop (call $val (i32.const 14))) (br $next)))
            ;; local.get, local.set, local.tee: streams 3, 4, 5
            (if (i32.lt_u (i32.sub (local.get $op) (i32.const 32)) (i32.const 3))
              (then (drop (call $val (i32.sub (local.get $op) (i32.const 29)))) (br $next)))
            (if (i32.lt_u (i32.sub (local.get $op) (i32.const 35)) (i32.const 2))
              (then (drop (call $val (i32.const 6))) (br $next)))
            ;; select with types: their count, then each type (one byte)
            (if (i32.eq (local.get $op) (i32.const 28))
              (then
                (local.set $k (call $val (i32.const 14)))
                (block $b
                  (loop $l
                    (br_if $b (i32.eqz (local.get $k)))
                    (call $copy (i32.const 0) (i32.const 1))
                    (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                    (br $l)))
                (br $next)))
            ;; table.get, table.set, ref.func
            (if (i32.or (i32.lt_u (i32.sub (local.get $op) (i32.const 37)) (i32.const 2))
                  (i32.eq (local.get $op) (i32.const 210)))
              (then (drop (call $val (i32.const 14))) (br $next)))
            ;; loads (40–53) and stores (54–62): alignment, offset
            (if (i32.lt_u (i32.sub (local.get $op) (i32.const 40)) (i32.const 23))
              (then (drop (call $val (i32.const 0)))
                (drop (call $val (select (i32.const 12) (i32.const 13) (i32.lt_u (local.get $op) (i32.const 54)))))
                (br $next)))
            ;; memory.size, memory.grow, ref.null: one byte
            (if (i32.or (i32.lt_u (i32.sub (local.get $op) (i32.const 63)) (i32.const 2))
                  (i32.eq (local.get $op) (i32.const 208)))
              (then (call $copy (i32.const 0) (i32.const 1)) (br $next)))
            ;; i32.const: its stream by the instruction after it, the next
            ;; opcode (15: a load or a store, 16: i32.add, 17: another
            ;; numeric instruction, 7: anything else)
            (if (i32.eq (local.get $op) (i32.const 65))
              (then
                (local.set $k (i32.load8_u (i32.load (i32.const 0))))
                (drop (call $val
                  (if (result i32) (i32.lt_u (i32.sub (local.get $k) (i32.const 40)) (i32.const 23))
                    (then (i32.const 15))
                    (else (if (result i32) (i32.eq (local.get $k) (i32.const 106))
                      (then (i32.const 16))
                      (else (select (i32.const 17) (i32.const 7)
                        (i32.lt_u (i32.sub (local.get $k) (i32.const 69)) (i32.const 128)))))))))
                (br $next)))
            (if (i32.eq (local.get $op) (i32.const 66))
              (then (drop (call $val (i32.const 8))) (br $next)))
            (if (i32.eq (local.get $op) (i32.const 67))
              (then (call $copy (i32.const 9) (i32.const 4)) (br $next)))
            (if (i32.eq (local.get $op) (i32.const 68))
              (then (call $copy (i32.const 9) (i32.const 8)) (br $next)))
            ;; 0xfc: a sub-opcode, then its immediates
            (if (i32.eq (local.get $op) (i32.const 252))
              (then
                (local.set $k (call $val (i32.const 0)))
                ;; memory.init: a data segment, a memory
                (if (i32.eq (local.get $k) (i32.const 8))
                  (then (drop (call $val (i32.const 14))) (call $copy (i32.const 0) (i32.const 1)) (br $next)))
                ;; data.drop, elem.drop, table.grow, table.size, table.fill
                (if (i32.or (i32.or (i32.eq (local.get $k) (i32.const 9)) (i32.eq (local.get $k) (i32.const 13)))
                      (i32.lt_u (i32.sub (local.get $k) (i32.const 15)) (i32.const 3)))
                  (then (drop (call $val (i32.const 14))) (br $next)))
                ;; memory.copy: two memories; memory.fill: one
                (if (i32.eq (local.get $k) (i32.const 10))
                  (then (call $copy (i32.const 0) (i32.const 2)) (br $next)))
                (if (i32.eq (local.get $k) (i32.const 11))
                  (then (call $copy (i32.const 0) (i32.const 1)) (br $next)))
                ;; table.init, table.copy
                (if (i32.or (i32.eq (local.get $k) (i32.const 12)) (i32.eq (local.get $k) (i32.const 14)))
                  (then (drop (call $val (i32.const 14))) (drop (call $val (i32.const 14))))))))
          (br_if $ops (local.get $depth)))
        (call $size (local.get $start) (i32.sub (i32.sub (global.get $o) (local.get $start)) (i32.const 5)))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br $function)))
    (call $size (local.get $section) (i32.sub (i32.sub (global.get $o) (local.get $section)) (i32.const 5)))
    (memory.copy (global.get $o) (i32.add (local.get $x) (local.get $before)) (local.get $after))
    (i32.add (global.get $o) (local.get $after))))
