;; SIMD kernels of the in-memory vector index (binaryVectorIndex.ts). The memory is the index's own:
;; rows of sign bits and rows of int8 codes, each row padded to a multiple of 16 bytes with zeros.
(module
  (memory (export "memory") 1)

  ;; Hamming distance between the query's sign bits and each of `rows` rows, written as u16 at `out`.
  ;; `stride` (bytes per row) is a multiple of 16 and at most 496, so a byte lane never overflows.
  (func (export "hamming") (param $bits i32) (param $query i32) (param $rows i32) (param $stride i32) (param $out i32)
    (local $row i32) (local $at i32) (local $k i32) (local $acc v128)
    (local.set $at (local.get $bits))
    (block $done
      (loop $nextRow
        (br_if $done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $k (i32.const 0))
        (block $rowDone
          (loop $nextChunk
            (br_if $rowDone (i32.ge_u (local.get $k) (local.get $stride)))
            (local.set $acc
              (i8x16.add (local.get $acc)
                (i8x16.popcnt
                  (v128.xor
                    (v128.load (i32.add (local.get $at) (local.get $k)))
                    (v128.load (i32.add (local.get $query) (local.get $k)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $nextChunk)))
        (local.set $acc (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $acc))))
        (i32.store16
          (i32.add (local.get $out) (i32.shl (local.get $row) (i32.const 1)))
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (local.set $at (i32.add (local.get $at) (local.get $stride)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $nextRow))))

  ;; Integer dot product of the int16 query with the int8 code rows listed at `slots` (n i32 slot
  ;; numbers), written as i32 at `out`. `stride` (bytes per code row) is a multiple of 16; the query
  ;; holds 2 × stride bytes.
  (func (export "dot") (param $codes i32) (param $stride i32) (param $query i32) (param $slots i32) (param $n i32) (param $out i32)
    (local $j i32) (local $at i32) (local $k i32) (local $acc v128) (local $c v128)
    (block $done
      (loop $nextSlot
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $at
          (i32.add (local.get $codes)
            (i32.mul (i32.load (i32.add (local.get $slots) (i32.shl (local.get $j) (i32.const 2)))) (local.get $stride))))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $k (i32.const 0))
        (block $rowDone
          (loop $nextChunk
            (br_if $rowDone (i32.ge_u (local.get $k) (local.get $stride)))
            (local.set $c (v128.load (i32.add (local.get $at) (local.get $k))))
            (local.set $acc
              (i32x4.add (local.get $acc)
                (i32x4.dot_i16x8_s
                  (i16x8.extend_low_i8x16_s (local.get $c))
                  (v128.load (i32.add (local.get $query) (i32.shl (local.get $k) (i32.const 1)))))))
            (local.set $acc
              (i32x4.add (local.get $acc)
                (i32x4.dot_i16x8_s
                  (i16x8.extend_high_i8x16_s (local.get $c))
                  (v128.load (i32.add (i32.add (local.get $query) (i32.shl (local.get $k) (i32.const 1))) (i32.const 16))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $nextChunk)))
        (i32.store
          (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $nextSlot))))
)
