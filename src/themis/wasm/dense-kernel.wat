;; Dense kernel of the joint Kelly solver in WebAssembly (128-bit SIMD): the Cholesky
;; factorisation, the factor's transpose copy and the triangular solves of dense-cholesky.ts,
;; and the Schur system assembly of joint-kelly-schur.ts, with every sum computed in the same
;; order, so the results are bit-identical to the TypeScript reference. Source of dense-kernel-bytes.ts (scripts/build-wasm.ts compiles it;
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
        (br $bLoop))))
  ;; The Schur system of one Newton factorisation (joint-kelly-schur.ts buildAndFactor, up to
  ;; the Cholesky call), every sum in the same order as there. Inputs: the compressed problem
  ;; (odds, CSR tOff/tGr and gOff/gTk), pos/blk of the partition, Sidx/Tidx, u and W; outputs:
  ;; v, Dg, eOff/eCol/eVal (E by S rows), bT, diag and the upper triangle of Z (row-major
  ;; nT x nT), and at $out: sigma, rho, maxDiag. $mark (nT bytes) is cleared on entry; $tIdx
  ;; (J entries) gets each ticket's T index or -1, and $touched needs room for nT + 1 entries.
  (func (export "assemble")
    (param $K i32) (param $nS i32) (param $nT i32) (param $cashFree i32)
    (param $odds i32) (param $tOff i32) (param $tGr i32) (param $gOff i32) (param $gTk i32)
    (param $pos i32) (param $blk i32) (param $u i32) (param $W i32) (param $v i32)
    (param $Sidx i32) (param $Tidx i32) (param $Dg i32) (param $eOff i32) (param $eCol i32) (param $eVal i32)
    (param $acc i32) (param $touched i32) (param $mark i32) (param $bT i32) (param $oT i32)
    (param $diag i32) (param $z i32) (param $out i32) (param $J i32) (param $tIdx i32)
    (param $gtOff i32) (param $gtList i32)
    (local $i i32) (local $a i32) (local $b i32) (local $g i32) (local $l i32) (local $lEnd i32)
    (local $t i32) (local $bk i32) (local $nL i32) (local $x i32) (local $y i32) (local $key i32)
    (local $row i32) (local $s i32) (local $j i32) (local $k i32) (local $kEnd i32) (local $nTouched i32)
    (local $ne i32) (local $x0 i32) (local $addr i32) (local $nG i32)
    (local $V f64) (local $vi f64) (local $vg f64) (local $va f64) (local $scaleH f64) (local $sigma f64)
    (local $rho f64) (local $oj f64) (local $rj f64) (local $inv f64) (local $ea f64) (local $eb f64)
    (local $bb f64) (local $rba f64) (local $maxDiag f64) (local $acca f64)
    ;; v = u / W, V = sum v
    (block $d (loop $lp
      (br_if $d (i32.ge_s (local.get $i) (local.get $K)))
      (local.set $vi (f64.div (f64.load (i32.add (local.get $u) (i32.shl (local.get $i) (i32.const 3))))
                              (f64.load (i32.add (local.get $W) (i32.shl (local.get $i) (i32.const 3))))))
      (f64.store (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3))) (local.get $vi))
      (local.set $V (f64.add (local.get $V) (local.get $vi)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $lp)))
    ;; Z = 0, mark = 0, acc = 0, oT
    (memory.fill (local.get $z) (i32.const 0) (i32.shl (i32.mul (local.get $nT) (local.get $nT)) (i32.const 3)))
    (memory.fill (local.get $mark) (i32.const 0) (local.get $nT))
    (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $nT) (i32.const 3)))
    (if (local.get $cashFree) (then (f64.store (local.get $z) (local.get $V))))
    (local.set $a (i32.const 0))
    (block $d (loop $lp
      (br_if $d (i32.ge_s (local.get $a) (local.get $nT)))
      (local.set $t (i32.load (i32.add (local.get $Tidx) (i32.shl (local.get $a) (i32.const 2)))))
      (f64.store (i32.add (local.get $oT) (i32.shl (local.get $a) (i32.const 3)))
        (if (result f64) (i32.eq (local.get $t) (i32.const -1))
          (then (f64.const 0))
          (else (f64.load (i32.add (local.get $odds) (i32.shl (local.get $t) (i32.const 3)))))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $lp)))
    ;; T index of each ticket: -2 - blk for free tickets of T, else -1
    (local.set $t (i32.const 0))
    (block $d (loop $lp
      (br_if $d (i32.ge_s (local.get $t) (local.get $J)))
      (local.set $bk (i32.load (i32.add (local.get $blk) (i32.shl (local.get $t) (i32.const 2)))))
      (i32.store (i32.add (local.get $tIdx) (i32.shl (local.get $t) (i32.const 2)))
        (select (i32.sub (i32.const -2) (local.get $bk)) (i32.const -1)
          (i32.and (i32.ge_s (i32.load (i32.add (local.get $pos) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 0))
                   (i32.le_s (local.get $bk) (i32.const -2)))))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $lp)))
    ;; H_TT group by group (assembleHtt)
    (local.set $g (i32.const 0))
    (block $gd (loop $gl
      (br_if $gd (i32.ge_s (local.get $g) (local.get $K)))
      (local.set $nL (i32.const 0))
      (local.set $l (i32.load (i32.add (local.get $gOff) (i32.shl (local.get $g) (i32.const 2)))))
      (local.set $lEnd (i32.load offset=4 (i32.add (local.get $gOff) (i32.shl (local.get $g) (i32.const 2)))))
      ;; the group's T members in ticket order, without branches: each is written at nL, which
      ;; advances only for members
      (block $d (loop $lp
        (br_if $d (i32.ge_s (local.get $l) (local.get $lEnd)))
        (local.set $b (i32.load (i32.add (local.get $tIdx)
          (i32.shl (i32.load (i32.add (local.get $gTk) (i32.shl (local.get $l) (i32.const 2)))) (i32.const 2)))))
        (i32.store (i32.add (local.get $touched) (i32.shl (local.get $nL) (i32.const 2))) (local.get $b))
        (local.set $nL (i32.add (local.get $nL) (i32.ge_s (local.get $b) (i32.const 0))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $lp)))
      ;; the group's T members in ticket order, kept for the S pass: gtOff[g + 1] = gtOff[g] + nL
      (i32.store (i32.add (local.get $gtOff) (i32.shl (local.get $g) (i32.const 2))) (local.get $nG))
      (local.set $x (i32.const 0))
      (block $cd (loop $cl
        (br_if $cd (i32.ge_s (local.get $x) (local.get $nL)))
        (i32.store (i32.add (local.get $gtList) (i32.shl (i32.add (local.get $nG) (local.get $x)) (i32.const 2)))
          (i32.load (i32.add (local.get $touched) (i32.shl (local.get $x) (i32.const 2)))))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $cl)))
      (local.set $nG (i32.add (local.get $nG) (local.get $nL)))
      (if (i32.gt_s (local.get $nL) (i32.const 0))
        (then
          ;; insertion sort of touched[0..nL)
          (local.set $x (i32.const 1))
          (block $sd (loop $sl
            (br_if $sd (i32.ge_s (local.get $x) (local.get $nL)))
            (local.set $key (i32.load (i32.add (local.get $touched) (i32.shl (local.get $x) (i32.const 2)))))
            (local.set $y (i32.sub (local.get $x) (i32.const 1)))
            (block $id (loop $il
              (br_if $id (i32.lt_s (local.get $y) (i32.const 0)))
              (br_if $id (i32.le_s (i32.load (i32.add (local.get $touched) (i32.shl (local.get $y) (i32.const 2)))) (local.get $key)))
              (i32.store offset=4 (i32.add (local.get $touched) (i32.shl (local.get $y) (i32.const 2)))
                (i32.load (i32.add (local.get $touched) (i32.shl (local.get $y) (i32.const 2)))))
              (local.set $y (i32.sub (local.get $y) (i32.const 1)))
              (br $il)))
            (i32.store offset=4 (i32.add (local.get $touched) (i32.shl (local.get $y) (i32.const 2))) (local.get $key))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $sl)))
          (local.set $vg (f64.load (i32.add (local.get $v) (i32.shl (local.get $g) (i32.const 3)))))
          (local.set $x (i32.const 0))
          (block $xd (loop $xl
            (br_if $xd (i32.ge_s (local.get $x) (local.get $nL)))
            (local.set $a (i32.load (i32.add (local.get $touched) (i32.shl (local.get $x) (i32.const 2)))))
            (local.set $va (f64.mul (f64.load (i32.add (local.get $oT) (i32.shl (local.get $a) (i32.const 3)))) (local.get $vg)))
            (local.set $addr (i32.add (local.get $acc) (i32.shl (local.get $a) (i32.const 3))))
            (f64.store (local.get $addr) (f64.add (f64.load (local.get $addr)) (local.get $vg)))
            (local.set $row (i32.add (local.get $z) (i32.shl (i32.mul (local.get $a) (local.get $nT)) (i32.const 3))))
            (local.set $y (local.get $x))
            (block $yd (loop $yl
              (br_if $yd (i32.ge_s (local.get $y) (local.get $nL)))
              (local.set $b (i32.load (i32.add (local.get $touched) (i32.shl (local.get $y) (i32.const 2)))))
              (local.set $addr (i32.add (local.get $row) (i32.shl (local.get $b) (i32.const 3))))
              (f64.store (local.get $addr)
                (f64.add (f64.load (local.get $addr))
                  (f64.mul (local.get $va) (f64.load (i32.add (local.get $oT) (i32.shl (local.get $b) (i32.const 3)))))))
              (local.set $y (i32.add (local.get $y) (i32.const 1)))
              (br $yl)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $xl)))))
      (local.set $g (i32.add (local.get $g) (i32.const 1)))
      (br $gl)))
    (i32.store (i32.add (local.get $gtOff) (i32.shl (local.get $K) (i32.const 2))) (local.get $nG))
    ;; row 0 = cash
    (if (local.get $cashFree)
      (then
        (local.set $a (i32.const 1))
        (block $d (loop $lp
          (br_if $d (i32.ge_s (local.get $a) (local.get $nT)))
          (f64.store (i32.add (local.get $z) (i32.shl (local.get $a) (i32.const 3)))
            (f64.mul
              (f64.load (i32.add (local.get $odds)
                (i32.shl (i32.load (i32.add (local.get $Tidx) (i32.shl (local.get $a) (i32.const 2)))) (i32.const 3))))
              (f64.load (i32.add (local.get $acc) (i32.shl (local.get $a) (i32.const 3))))))
          (local.set $a (i32.add (local.get $a) (i32.const 1)))
          (br $lp)))))
    ;; scaleH, bT = 1
    (local.set $a (i32.const 0))
    (block $d (loop $lp
      (br_if $d (i32.ge_s (local.get $a) (local.get $nT)))
      (local.set $scaleH (f64.max (local.get $scaleH)
        (f64.abs (f64.load (i32.add (local.get $z) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $nT)) (local.get $a)) (i32.const 3)))))))
      (f64.store (i32.add (local.get $bT) (i32.shl (local.get $a) (i32.const 3))) (f64.const 1))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $lp)))
    ;; S: D, rows of E, b, and the Schur update
    (i32.store (local.get $eOff) (i32.const 0))
    (local.set $s (i32.const 0))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_s (local.get $s) (local.get $nS)))
      (local.set $j (i32.load (i32.add (local.get $Sidx) (i32.shl (local.get $s) (i32.const 2)))))
      (local.set $oj (f64.load (i32.add (local.get $odds) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $nTouched (i32.const 0))
      (local.set $rj (f64.const 0))
      (local.set $k (i32.load (i32.add (local.get $tOff) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $kEnd (i32.load offset=4 (i32.add (local.get $tOff) (i32.shl (local.get $j) (i32.const 2)))))
      (block $kd (loop $kl
        (br_if $kd (i32.ge_s (local.get $k) (local.get $kEnd)))
        (local.set $g (i32.load (i32.add (local.get $tGr) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $vg (f64.load (i32.add (local.get $v) (i32.shl (local.get $g) (i32.const 3)))))
        (local.set $rj (f64.add (local.get $rj) (local.get $vg)))
        ;; the group's T members in ticket order (kept by the H_TT pass): the tickets of the
        ;; group that are in T, met in the order of the group's list
        (local.set $l (i32.load (i32.add (local.get $gtOff) (i32.shl (local.get $g) (i32.const 2)))))
        (local.set $lEnd (i32.load offset=4 (i32.add (local.get $gtOff) (i32.shl (local.get $g) (i32.const 2)))))
        (block $ld (loop $ll
          (br_if $ld (i32.ge_s (local.get $l) (local.get $lEnd)))
          (local.set $b (i32.load (i32.add (local.get $gtList) (i32.shl (local.get $l) (i32.const 2)))))
          (local.set $t (i32.load (i32.add (local.get $Tidx) (i32.shl (local.get $b) (i32.const 2)))))
          ;; (two plain blocks where the test of T membership was: every listed ticket is in T)
          (block
            (block
              (if (i32.eqz (i32.load8_u (i32.add (local.get $mark) (local.get $b))))
                (then
                  (i32.store8 (i32.add (local.get $mark) (local.get $b)) (i32.const 1))
                  (i32.store (i32.add (local.get $touched) (i32.shl (local.get $nTouched) (i32.const 2))) (local.get $b))
                  (local.set $nTouched (i32.add (local.get $nTouched) (i32.const 1)))
                  (f64.store (i32.add (local.get $acc) (i32.shl (local.get $b) (i32.const 3))) (f64.const 0))))
              (local.set $addr (i32.add (local.get $acc) (i32.shl (local.get $b) (i32.const 3))))
              (f64.store (local.get $addr)
                (f64.add (f64.load (local.get $addr))
                  (f64.mul (f64.mul (local.get $oj) (f64.load (i32.add (local.get $odds) (i32.shl (local.get $t) (i32.const 3)))))
                           (local.get $vg))))))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (br $ll)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kl)))
      (f64.store (i32.add (local.get $Dg) (i32.shl (local.get $s) (i32.const 3)))
        (f64.mul (f64.mul (local.get $oj) (local.get $oj)) (local.get $rj)))
      (if (local.get $cashFree)
        (then
          (if (i32.eqz (i32.load8_u (local.get $mark)))
            (then
              (i32.store8 (local.get $mark) (i32.const 1))
              (i32.store (i32.add (local.get $touched) (i32.shl (local.get $nTouched) (i32.const 2))) (i32.const 0))
              (local.set $nTouched (i32.add (local.get $nTouched) (i32.const 1)))))
          (f64.store (local.get $acc) (f64.mul (local.get $oj) (local.get $rj)))))
      (local.set $inv (f64.div (f64.const 1) (f64.load (i32.add (local.get $Dg) (i32.shl (local.get $s) (i32.const 3))))))
      (local.set $sigma (f64.add (local.get $sigma) (local.get $inv)))
      (local.set $x0 (local.get $ne))
      (local.set $x (i32.const 0))
      (block $d (loop $lp
        (br_if $d (i32.ge_s (local.get $x) (local.get $nTouched)))
        (local.set $a (i32.load (i32.add (local.get $touched) (i32.shl (local.get $x) (i32.const 2)))))
        (local.set $acca (f64.load (i32.add (local.get $acc) (i32.shl (local.get $a) (i32.const 3)))))
        (i32.store (i32.add (local.get $eCol) (i32.shl (local.get $ne) (i32.const 2))) (local.get $a))
        (f64.store (i32.add (local.get $eVal) (i32.shl (local.get $ne) (i32.const 3))) (local.get $acca))
        (local.set $ne (i32.add (local.get $ne) (i32.const 1)))
        (local.set $addr (i32.add (local.get $bT) (i32.shl (local.get $a) (i32.const 3))))
        (f64.store (local.get $addr) (f64.sub (f64.load (local.get $addr)) (f64.mul (local.get $acca) (local.get $inv))))
        (i32.store8 (i32.add (local.get $mark) (local.get $a)) (i32.const 0))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $lp)))
      (i32.store offset=4 (i32.add (local.get $eOff) (i32.shl (local.get $s) (i32.const 2))) (local.get $ne))
      ;; pairs x <= y
      (local.set $x (local.get $x0))
      (block $xd (loop $xl
        (br_if $xd (i32.ge_s (local.get $x) (local.get $ne)))
        (local.set $a (i32.load (i32.add (local.get $eCol) (i32.shl (local.get $x) (i32.const 2)))))
        (local.set $ea (f64.load (i32.add (local.get $eVal) (i32.shl (local.get $x) (i32.const 3)))))
        (local.set $va (f64.mul (local.get $ea) (local.get $inv)))
        (local.set $row (i32.mul (local.get $a) (local.get $nT)))
        (local.set $addr (i32.add (local.get $z) (i32.shl (i32.add (local.get $row) (local.get $a)) (i32.const 3))))
        (f64.store (local.get $addr) (f64.sub (f64.load (local.get $addr)) (f64.mul (local.get $va) (local.get $ea))))
        (local.set $y (i32.add (local.get $x) (i32.const 1)))
        (block $yd (loop $yl
          (br_if $yd (i32.ge_s (local.get $y) (local.get $ne)))
          (local.set $b (i32.load (i32.add (local.get $eCol) (i32.shl (local.get $y) (i32.const 2)))))
          (local.set $eb (f64.load (i32.add (local.get $eVal) (i32.shl (local.get $y) (i32.const 3)))))
          (if (i32.lt_s (local.get $a) (local.get $b))
            (then
              (local.set $addr (i32.add (local.get $z) (i32.shl (i32.add (local.get $row) (local.get $b)) (i32.const 3))))
              (f64.store (local.get $addr) (f64.sub (f64.load (local.get $addr)) (f64.mul (local.get $va) (local.get $eb)))))
            (else
              (local.set $addr (i32.add (local.get $z) (i32.shl (i32.add (i32.mul (local.get $b) (local.get $nT)) (local.get $a)) (i32.const 3))))
              (f64.store (local.get $addr)
                (f64.sub (f64.load (local.get $addr)) (f64.mul (f64.mul (local.get $eb) (local.get $inv)) (local.get $ea))))))
          (local.set $y (i32.add (local.get $y) (i32.const 1)))
          (br $yl)))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $xl)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $sl)))
    ;; Z + rho b b'
    (local.set $a (i32.const 0))
    (block $d (loop $lp
      (br_if $d (i32.ge_s (local.get $a) (local.get $nT)))
      (local.set $eb (f64.load (i32.add (local.get $bT) (i32.shl (local.get $a) (i32.const 3)))))
      (local.set $bb (f64.add (local.get $bb) (f64.mul (local.get $eb) (local.get $eb))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $lp)))
    (local.set $rho (if (result f64) (f64.gt (local.get $bb) (f64.const 0))
      (then (f64.div (local.get $scaleH) (local.get $bb))) (else (f64.const 0))))
    (local.set $a (i32.const 0))
    (block $d (loop $lp
      (br_if $d (i32.ge_s (local.get $a) (local.get $nT)))
      (local.set $row (i32.add (local.get $z) (i32.shl (i32.mul (local.get $a) (local.get $nT)) (i32.const 3))))
      (local.set $rba (f64.mul (local.get $rho) (f64.load (i32.add (local.get $bT) (i32.shl (local.get $a) (i32.const 3))))))
      (local.set $b (local.get $a))
      (block $bd (loop $bl
        (br_if $bd (i32.ge_s (local.get $b) (local.get $nT)))
        (local.set $addr (i32.add (local.get $row) (i32.shl (local.get $b) (i32.const 3))))
        (f64.store (local.get $addr)
          (f64.add (f64.load (local.get $addr))
            (f64.mul (local.get $rba) (f64.load (i32.add (local.get $bT) (i32.shl (local.get $b) (i32.const 3)))))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $bl)))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $lp)))
    ;; maxDiag and diag
    (local.set $maxDiag (local.get $scaleH))
    (local.set $a (i32.const 0))
    (block $d (loop $lp
      (br_if $d (i32.ge_s (local.get $a) (local.get $nT)))
      (local.set $vi (f64.load (i32.add (local.get $z) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $nT)) (local.get $a)) (i32.const 3)))))
      (local.set $maxDiag (f64.max (local.get $maxDiag) (f64.abs (local.get $vi))))
      (f64.store (i32.add (local.get $diag) (i32.shl (local.get $a) (i32.const 3))) (local.get $vi))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $lp)))
    (f64.store (local.get $out) (local.get $sigma))
    (f64.store offset=8 (local.get $out) (local.get $rho))
    (f64.store offset=16 (local.get $out) (local.get $maxDiag))
    (i32.store offset=24 (local.get $out) (local.get $ne)))
)
