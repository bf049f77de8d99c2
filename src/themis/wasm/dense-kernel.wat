;; Dense kernel of the joint Kelly solver in WebAssembly (128-bit SIMD): the Cholesky
;; factorisation, the factor's transpose copy and the triangular solves of dense-cholesky.ts,
;; with every sum computed in the same order, so the results are bit-identical to the
;; TypeScript reference. Source of dense-kernel-bytes.ts (scripts/build-wasm.ts compiles it;
;; a test checks that the two agree). Addresses are byte offsets into the exported memory;
;; matrices are row-major n x n float64.
(module
  (memory (export "memory") 1)

  ;; init - sum_{k < len} a[k] b[k] as four partial sums by k mod 4 (lanes of two f64x2
  ;; accumulators), the rest into the first: (s0 + s1) + (s2 + s3).
  (func $dotRest (param $a i32) (param $b i32) (param $len i32) (param $init f64) (result f64)
    (local $s01 v128) (local $s23 v128) (local $k i32) (local $s0 f64)
    (local.set $s01 (f64x2.replace_lane 0 (v128.const f64x2 0 0) (local.get $init)))
    (local.set $s23 (v128.const f64x2 0 0))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_s (i32.add (local.get $k) (i32.const 3)) (local.get $len)))
        (local.set $s01 (f64x2.sub (local.get $s01)
          (f64x2.mul (v128.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))))
                     (v128.load (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $s23 (f64x2.sub (local.get $s23)
          (f64x2.mul (v128.load offset=16 (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))))
                     (v128.load offset=16 (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $quad)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_s (local.get $k) (local.get $len)))
        (local.set $s0 (f64.sub (local.get $s0)
          (f64.mul (f64.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))))
                   (f64.load (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $tail)))
    (f64.add
      (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01)))
      (f64.add (f64x2.extract_lane 0 (local.get $s23)) (f64x2.extract_lane 1 (local.get $s23)))))

  ;; In-place Cholesky factorisation of the n x n matrix at $z (upper triangle holds the
  ;; matrix, its diagonal at $diag) plus $ridge on the diagonal; the factor goes to the lower
  ;; triangle. Rows in pairs, each earlier row read once for both. Returns 0 when a pivot is
  ;; not above 1e-13 maxDiag (+1e-300), else 1.
  (func (export "cholesky") (param $z i32) (param $n i32) (param $diag i32) (param $ridge f64) (param $maxDiag f64) (result i32)
    (local $floor f64) (local $a i32) (local $b i32) (local $k i32)
    (local $ra i32) (local $rc i32) (local $rb i32) (local $row i32)
    (local $s01 v128) (local $s23 v128) (local $t01 v128) (local $t23 v128)
    (local $z01 v128) (local $z23 v128) (local $off i32)
    (local $s0 f64) (local $t0 f64) (local $zk f64) (local $d f64)
    (local $sa f64) (local $la f64) (local $sc f64)
    (local.set $floor (f64.add (f64.mul (f64.const 1e-13) (local.get $maxDiag)) (f64.const 1e-300)))
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_s (i32.add (local.get $a) (i32.const 1)) (local.get $n)))
        (local.set $ra (i32.add (local.get $z) (i32.mul (local.get $a) (local.get $row))))
        (local.set $rc (i32.add (local.get $ra) (local.get $row)))
        (local.set $b (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $b) (local.get $a)))
            (local.set $rb (i32.add (local.get $z) (i32.mul (local.get $b) (local.get $row))))
            (local.set $off (i32.shl (local.get $a) (i32.const 3)))
            (local.set $s01 (f64x2.replace_lane 0 (v128.const f64x2 0 0) (f64.load (i32.add (local.get $rb) (local.get $off)))))
            (local.set $t01 (f64x2.replace_lane 0 (v128.const f64x2 0 0) (f64.load offset=8 (i32.add (local.get $rb) (local.get $off)))))
            (local.set $s23 (v128.const f64x2 0 0))
            (local.set $t23 (v128.const f64x2 0 0))
            (local.set $k (i32.const 0))
            (block $quadDone
              (loop $quad
                (br_if $quadDone (i32.ge_s (i32.add (local.get $k) (i32.const 3)) (local.get $b)))
                (local.set $off (i32.shl (local.get $k) (i32.const 3)))
                (local.set $z01 (v128.load (i32.add (local.get $rb) (local.get $off))))
                (local.set $z23 (v128.load offset=16 (i32.add (local.get $rb) (local.get $off))))
                (local.set $s01 (f64x2.sub (local.get $s01) (f64x2.mul (v128.load (i32.add (local.get $ra) (local.get $off))) (local.get $z01))))
                (local.set $s23 (f64x2.sub (local.get $s23) (f64x2.mul (v128.load offset=16 (i32.add (local.get $ra) (local.get $off))) (local.get $z23))))
                (local.set $t01 (f64x2.sub (local.get $t01) (f64x2.mul (v128.load (i32.add (local.get $rc) (local.get $off))) (local.get $z01))))
                (local.set $t23 (f64x2.sub (local.get $t23) (f64x2.mul (v128.load offset=16 (i32.add (local.get $rc) (local.get $off))) (local.get $z23))))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (br $quad)))
            (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
            (local.set $t0 (f64x2.extract_lane 0 (local.get $t01)))
            (block $tailDone
              (loop $tail
                (br_if $tailDone (i32.ge_s (local.get $k) (local.get $b)))
                (local.set $off (i32.shl (local.get $k) (i32.const 3)))
                (local.set $zk (f64.load (i32.add (local.get $rb) (local.get $off))))
                (local.set $s0 (f64.sub (local.get $s0) (f64.mul (f64.load (i32.add (local.get $ra) (local.get $off))) (local.get $zk))))
                (local.set $t0 (f64.sub (local.get $t0) (f64.mul (f64.load (i32.add (local.get $rc) (local.get $off))) (local.get $zk))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $tail)))
            (local.set $off (i32.shl (local.get $b) (i32.const 3)))
            (local.set $d (f64.load (i32.add (local.get $rb) (local.get $off))))
            (f64.store (i32.add (local.get $ra) (local.get $off))
              (f64.div
                (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01)))
                         (f64.add (f64x2.extract_lane 0 (local.get $s23)) (f64x2.extract_lane 1 (local.get $s23))))
                (local.get $d)))
            (f64.store (i32.add (local.get $rc) (local.get $off))
              (f64.div
                (f64.add (f64.add (local.get $t0) (f64x2.extract_lane 1 (local.get $t01)))
                         (f64.add (f64x2.extract_lane 0 (local.get $t23)) (f64x2.extract_lane 1 (local.get $t23))))
                (local.get $d)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $cols)))
        ;; Diagonal of row a, then entry (a + 1, a), then the diagonal of row a + 1.
        (local.set $off (i32.shl (local.get $a) (i32.const 3)))
        (local.set $sa (call $dotRest (local.get $ra) (local.get $ra) (local.get $a)
          (f64.add (f64.load (i32.add (local.get $diag) (local.get $off))) (local.get $ridge))))
        (if (i32.eqz (f64.gt (local.get $sa) (local.get $floor))) (then (return (i32.const 0))))
        (local.set $la (f64.sqrt (local.get $sa)))
        (f64.store (i32.add (local.get $ra) (local.get $off)) (local.get $la))
        (f64.store (i32.add (local.get $rc) (local.get $off))
          (f64.div
            (call $dotRest (local.get $rc) (local.get $ra) (local.get $a) (f64.load offset=8 (i32.add (local.get $ra) (local.get $off))))
            (local.get $la)))
        (local.set $sc (call $dotRest (local.get $rc) (local.get $rc) (i32.add (local.get $a) (i32.const 1))
          (f64.add (f64.load offset=8 (i32.add (local.get $diag) (local.get $off))) (local.get $ridge))))
        (if (i32.eqz (f64.gt (local.get $sc) (local.get $floor))) (then (return (i32.const 0))))
        (f64.store offset=8 (i32.add (local.get $rc) (local.get $off)) (f64.sqrt (local.get $sc)))
        (local.set $a (i32.add (local.get $a) (i32.const 2)))
        (br $pairs)))
    ;; The last row when n is odd.
    (if (i32.lt_s (local.get $a) (local.get $n))
      (then
        (local.set $ra (i32.add (local.get $z) (i32.mul (local.get $a) (local.get $row))))
        (local.set $b (i32.const 0))
        (block $lastDone
          (loop $last
            (br_if $lastDone (i32.ge_s (local.get $b) (local.get $a)))
            (local.set $rb (i32.add (local.get $z) (i32.mul (local.get $b) (local.get $row))))
            (f64.store (i32.add (local.get $ra) (i32.shl (local.get $b) (i32.const 3)))
              (f64.div
                (call $dotRest (local.get $ra) (local.get $rb) (local.get $b)
                  (f64.load (i32.add (local.get $rb) (i32.shl (local.get $a) (i32.const 3)))))
                (f64.load (i32.add (local.get $rb) (i32.shl (local.get $b) (i32.const 3))))))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $last)))
        (local.set $off (i32.shl (local.get $a) (i32.const 3)))
        (local.set $sa (call $dotRest (local.get $ra) (local.get $ra) (local.get $a)
          (f64.add (f64.load (i32.add (local.get $diag) (local.get $off))) (local.get $ridge))))
        (if (i32.eqz (f64.gt (local.get $sa) (local.get $floor))) (then (return (i32.const 0))))
        (f64.store (i32.add (local.get $ra) (local.get $off)) (f64.sqrt (local.get $sa)))))
    (i32.const 1))

  ;; Copies the factor L (lower triangle) to the upper triangle as L'.
  (func (export "transposeFactor") (param $z i32) (param $n i32)
    (local $a i32) (local $b i32) (local $row i32)
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (block $aDone
      (loop $aLoop
        (br_if $aDone (i32.ge_s (local.get $a) (local.get $n)))
        (local.set $b (i32.add (local.get $a) (i32.const 1)))
        (block $bDone
          (loop $bLoop
            (br_if $bDone (i32.ge_s (local.get $b) (local.get $n)))
            (f64.store
              (i32.add (i32.add (local.get $z) (i32.mul (local.get $a) (local.get $row))) (i32.shl (local.get $b) (i32.const 3)))
              (f64.load (i32.add (i32.add (local.get $z) (i32.mul (local.get $b) (local.get $row))) (i32.shl (local.get $a) (i32.const 3)))))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $bLoop)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $aLoop))))

  ;; Solves L L' y = rhs (L in the lower triangle, L' in the upper): forward then back
  ;; substitution, each sum in ascending (forward) or ascending-from-a+1 (back) order.
  (func (export "cholSolve") (param $z i32) (param $n i32) (param $rhs i32) (param $y i32)
    (local $a i32) (local $k i32) (local $ra i32) (local $row i32) (local $t f64)
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (block $fDone
      (loop $fLoop
        (br_if $fDone (i32.ge_s (local.get $a) (local.get $n)))
        (local.set $ra (i32.add (local.get $z) (i32.mul (local.get $a) (local.get $row))))
        (local.set $t (f64.load (i32.add (local.get $rhs) (i32.shl (local.get $a) (i32.const 3)))))
        (local.set $k (i32.const 0))
        (block $kDone
          (loop $kLoop
            (br_if $kDone (i32.ge_s (local.get $k) (local.get $a)))
            (local.set $t (f64.sub (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $ra) (i32.shl (local.get $k) (i32.const 3))))
                       (f64.load (i32.add (local.get $y) (i32.shl (local.get $k) (i32.const 3)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $kLoop)))
        (f64.store (i32.add (local.get $y) (i32.shl (local.get $a) (i32.const 3)))
          (f64.div (local.get $t) (f64.load (i32.add (local.get $ra) (i32.shl (local.get $a) (i32.const 3))))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $fLoop)))
    (local.set $a (i32.sub (local.get $n) (i32.const 1)))
    (block $bDone
      (loop $bLoop
        (br_if $bDone (i32.lt_s (local.get $a) (i32.const 0)))
        (local.set $ra (i32.add (local.get $z) (i32.mul (local.get $a) (local.get $row))))
        (local.set $t (f64.load (i32.add (local.get $y) (i32.shl (local.get $a) (i32.const 3)))))
        (local.set $k (i32.add (local.get $a) (i32.const 1)))
        (block $kDone
          (loop $kLoop
            (br_if $kDone (i32.ge_s (local.get $k) (local.get $n)))
            (local.set $t (f64.sub (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $ra) (i32.shl (local.get $k) (i32.const 3))))
                       (f64.load (i32.add (local.get $y) (i32.shl (local.get $k) (i32.const 3)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $kLoop)))
        (f64.store (i32.add (local.get $y) (i32.shl (local.get $a) (i32.const 3)))
          (f64.div (local.get $t) (f64.load (i32.add (local.get $ra) (i32.shl (local.get $a) (i32.const 3))))))
        (local.set $a (i32.sub (local.get $a) (i32.const 1)))
        (br $bLoop))))

  ;; cholSolve for two right-hand sides at once, interleaved in memory (rhs[2a], rhs[2a + 1]
  ;; are the two systems' entries a; y likewise): one f64x2 lane per system.
  (func (export "cholSolve2") (param $z i32) (param $n i32) (param $rhs i32) (param $y i32)
    (local $a i32) (local $k i32) (local $ra i32) (local $row i32) (local $t v128)
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (block $fDone
      (loop $fLoop
        (br_if $fDone (i32.ge_s (local.get $a) (local.get $n)))
        (local.set $ra (i32.add (local.get $z) (i32.mul (local.get $a) (local.get $row))))
        (local.set $t (v128.load (i32.add (local.get $rhs) (i32.shl (local.get $a) (i32.const 4)))))
        (local.set $k (i32.const 0))
        (block $kDone
          (loop $kLoop
            (br_if $kDone (i32.ge_s (local.get $k) (local.get $a)))
            (local.set $t (f64x2.sub (local.get $t)
              (f64x2.mul (f64x2.splat (f64.load (i32.add (local.get $ra) (i32.shl (local.get $k) (i32.const 3)))))
                         (v128.load (i32.add (local.get $y) (i32.shl (local.get $k) (i32.const 4)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $kLoop)))
        (v128.store (i32.add (local.get $y) (i32.shl (local.get $a) (i32.const 4)))
          (f64x2.div (local.get $t) (f64x2.splat (f64.load (i32.add (local.get $ra) (i32.shl (local.get $a) (i32.const 3)))))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $fLoop)))
    (local.set $a (i32.sub (local.get $n) (i32.const 1)))
    (block $bDone
      (loop $bLoop
        (br_if $bDone (i32.lt_s (local.get $a) (i32.const 0)))
        (local.set $ra (i32.add (local.get $z) (i32.mul (local.get $a) (local.get $row))))
        (local.set $t (v128.load (i32.add (local.get $y) (i32.shl (local.get $a) (i32.const 4)))))
        (local.set $k (i32.add (local.get $a) (i32.const 1)))
        (block $kDone
          (loop $kLoop
            (br_if $kDone (i32.ge_s (local.get $k) (local.get $n)))
            (local.set $t (f64x2.sub (local.get $t)
              (f64x2.mul (f64x2.splat (f64.load (i32.add (local.get $ra) (i32.shl (local.get $k) (i32.const 3)))))
                         (v128.load (i32.add (local.get $y) (i32.shl (local.get $k) (i32.const 4)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $kLoop)))
        (v128.store (i32.add (local.get $y) (i32.shl (local.get $a) (i32.const 4)))
          (f64x2.div (local.get $t) (f64x2.splat (f64.load (i32.add (local.get $ra) (i32.shl (local.get $a) (i32.const 3)))))))
        (local.set $a (i32.sub (local.get $a) (i32.const 1)))
        (br $bLoop)))))
