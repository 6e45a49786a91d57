;; The engine's WebAssembly kernels: the exponential of many doubles at once, the
;; population model's projection of one replicate (cohort.ts: CohortProjection), the demand
;; and prevalence models' dot products (dot-product-wasm.ts), the outcomes model's decile
;; life tables (life-table-wasm.ts) and batches of PERT draws (pert-draws-wasm.ts).
;;
;; Exponential, in place, two at a time (WebAssembly SIMD, f64x2).
;;
;; Method: fdlibm's e_exp.c (Sun Microsystems, 1993), the algorithm V8 uses for Math.exp, step
;; for step, so every result is bit-identical to Math.exp (tested over special values and
;; millions of random arguments):
;;   1. reduce: x = k·ln2 + r, |r| <= 0.5·ln2, with k = 0 when |x| <= 0.5·ln2, k = ±1 when
;;      |x| < 1.5·ln2, otherwise k = trunc(x/ln2 ± 0.5); r = hi − lo with hi = x − k·ln2_hi
;;      (exact) and lo = k·ln2_lo;
;;   2. approximate: c = r − t·(P1 + t·(P2 + t·(P3 + t·(P4 + t·P5)))) with t = r², a Remez
;;      polynomial in r², then exp(r) = 1 − ((lo − r·c/(2 − c)) − hi);
;;   3. scale by 2^k (in two exact steps where 2^k is not a normal double);
;;   4. special cases: |x| < 2^−28 gives 1 + x; x above ln(DBL_MAX) gives +∞, below the
;;      underflow threshold +0; NaN gives NaN; and exp(1) is Math.E (as V8 returns it).
;; The thresholds compare the high word of |x| as fdlibm does. The constants are fdlibm's, as
;; bit patterns. WebAssembly floating point is IEEE 754 with round-to-nearest and no fused
;; operations, so the results do not depend on the machine.
;; Both lanes with 2^−28 <= |x| <= 0.5·ln2 (survival over a year, discounting: nearly every
;; call) take fdlibm's k = 0 form, 1 − ((x·c)/(c − 2) − x), inline; any other pair the general
;; path. WebAssembly calls with vector arguments cost more than the arithmetic here, so the
;; common path is written out in the loop.
(module
  (import "env" "memory" (memory 1))

  ;; exp of both lanes, any arguments (steps 1 to 4).
  (func $expAny (param $x v128) (result v128)
    (local $hx v128) (local $negative v128) (local $k v128) (local $hi v128) (local $lo v128)
    (local $r v128) (local $t v128) (local $c v128) (local $y v128)
    (local.set $hx (v128.and (i64x2.shr_u (local.get $x) (i32.const 32))
                             (v128.const i64x2 0x7fffffff 0x7fffffff)))
    (local.set $negative (f64x2.lt (local.get $x) (v128.const f64x2 0 0)))
    ;; step 1: k = trunc(x/ln2 ± 0.5); ±1 below 1.5·ln2 (high word 0x3ff0a2b2); 0 up to
    ;; 0.5·ln2 (0x3fd62e42)
    (local.set $k
      (f64x2.trunc (f64x2.add
        (f64x2.mul (local.get $x) (v128.const i64x2 0x3ff71547652b82fe 0x3ff71547652b82fe)) ;; 1/ln2
        (v128.bitselect (v128.const f64x2 -0.5 -0.5) (v128.const f64x2 0.5 0.5)
                        (local.get $negative)))))
    (local.set $k (v128.bitselect
      (v128.bitselect (v128.const f64x2 -1 -1) (v128.const f64x2 1 1) (local.get $negative))
      (local.get $k)
      (i64x2.lt_s (local.get $hx) (v128.const i64x2 0x3ff0a2b2 0x3ff0a2b2))))
    (local.set $k (v128.bitselect (v128.const f64x2 0 0) (local.get $k)
      (i64x2.le_s (local.get $hx) (v128.const i64x2 0x3fd62e42 0x3fd62e42))))
    ;; hi = x − k·ln2_hi, lo = k·ln2_lo, r = hi − lo (k = 0: hi = r = x, lo = 0 exactly, and
    ;; step 2 below is then fdlibm's k = 0 form)
    (local.set $hi (f64x2.sub (local.get $x)
      (f64x2.mul (local.get $k) (v128.const i64x2 0x3fe62e42fee00000 0x3fe62e42fee00000)))) ;; ln2_hi
    (local.set $lo
      (f64x2.mul (local.get $k) (v128.const i64x2 0x3dea39ef35793c76 0x3dea39ef35793c76))) ;; ln2_lo
    (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
    ;; step 2
    (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $c
      (f64x2.sub (local.get $r) (f64x2.mul (local.get $t)
        (f64x2.add (v128.const i64x2 0x3fc555555555553e 0x3fc555555555553e) ;; P1
        (f64x2.mul (local.get $t)
        (f64x2.add (v128.const i64x2 0xbf66c16c16bebd93 0xbf66c16c16bebd93) ;; P2
        (f64x2.mul (local.get $t)
        (f64x2.add (v128.const i64x2 0x3f11566aaf25de2c 0x3f11566aaf25de2c) ;; P3
        (f64x2.mul (local.get $t)
        (f64x2.add (v128.const i64x2 0xbebbbd41c5d26bf1 0xbebbbd41c5d26bf1) ;; P4
        (f64x2.mul (local.get $t)
                   (v128.const i64x2 0x3e66376972bea4d0 0x3e66376972bea4d0)))))))))))) ;; P5)
    (local.set $y
      (f64x2.sub (v128.const f64x2 1 1)
        (f64x2.sub
          (f64x2.sub (local.get $lo)
            (f64x2.div (f64x2.mul (local.get $r) (local.get $c))
                       (f64x2.sub (v128.const f64x2 2 2) (local.get $c))))
          (local.get $hi))))
    (call $finish (local.get $x) (local.get $hx) (local.get $k) (local.get $y)))

  ;; Steps 3 and 4: y·2^k and the special cases.
  (func $finish (param $x v128) (param $hx v128) (param $k v128) (param $y v128) (result v128)
    (local $tiny v128) (local $top v128) (local $exponent v128)
    ;; 2^k directly for −1021 <= k <= 1023; (y·2^(k+1000))·2^−1000 below; (y·2)·2^1023 at 1024
    (local.set $tiny (f64x2.lt (local.get $k) (v128.const f64x2 -1021 -1021)))
    (local.set $top (f64x2.eq (local.get $k) (v128.const f64x2 1024 1024)))
    (local.set $exponent
      (i64x2.add
        (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k)))
        (v128.or (v128.and (local.get $tiny) (v128.const i64x2 1000 1000))
                 (v128.and (local.get $top) (v128.const i64x2 -1023 -1023)))))
    (local.set $y
      (f64x2.mul
        (f64x2.mul (local.get $y)
          (i64x2.shl (i64x2.add (local.get $exponent) (v128.const i64x2 1023 1023))
                     (i32.const 52)))
        (v128.bitselect (v128.const i64x2 0x0170000000000000 0x0170000000000000) ;; 2^−1000
          (v128.bitselect (v128.const i64x2 0x7fe0000000000000 0x7fe0000000000000) ;; 2^1023
                          (v128.const f64x2 1 1) (local.get $top))
          (local.get $tiny))))
    (local.set $y (v128.bitselect (f64x2.add (v128.const f64x2 1 1) (local.get $x)) (local.get $y)
      (i64x2.lt_s (local.get $hx) (v128.const i64x2 0x3e300000 0x3e300000)))) ;; |x| < 2^−28
    (local.set $y (v128.bitselect (v128.const f64x2 inf inf) (local.get $y)
      (f64x2.gt (local.get $x)
                (v128.const i64x2 0x40862e42fefa39ef 0x40862e42fefa39ef)))) ;; overflow
    (local.set $y (v128.bitselect (v128.const f64x2 0 0) (local.get $y)
      (f64x2.lt (local.get $x)
                (v128.const i64x2 0xc0874910d52d3051 0xc0874910d52d3051)))) ;; underflow
    (local.set $y (v128.bitselect (v128.const i64x2 0x4005bf0a8b145769 0x4005bf0a8b145769) ;; Math.E
      (local.get $y) (f64x2.eq (local.get $x) (v128.const f64x2 1 1))))
    (v128.bitselect (f64x2.add (local.get $x) (local.get $x)) (local.get $y) ;; NaN
      (f64x2.ne (local.get $x) (local.get $x))))

  ;; exp of both lanes: the k = 0 form inline where both lanes allow it, else $expAny.
  (func $expPair (param $x v128) (result v128)
    (local $hx v128) (local $tx v128) (local $cx v128)
    (local.set $hx (v128.and (i64x2.shr_u (local.get $x) (i32.const 32))
                                 (v128.const i64x2 0x7fffffff 0x7fffffff)))
    (if (result v128) (i64x2.all_true (v128.and
                (i64x2.ge_s (local.get $hx) (v128.const i64x2 0x3e300000 0x3e300000))
                (i64x2.le_s (local.get $hx) (v128.const i64x2 0x3fd62e42 0x3fd62e42))))
      (then
        (local.set $tx (f64x2.mul (local.get $x) (local.get $x)))
            (local.set $cx
              (f64x2.sub (local.get $x) (f64x2.mul (local.get $tx)
                (f64x2.add (v128.const i64x2 0x3fc555555555553e 0x3fc555555555553e) ;; P1
                (f64x2.mul (local.get $tx)
                (f64x2.add (v128.const i64x2 0xbf66c16c16bebd93 0xbf66c16c16bebd93) ;; P2
                (f64x2.mul (local.get $tx)
                (f64x2.add (v128.const i64x2 0x3f11566aaf25de2c 0x3f11566aaf25de2c) ;; P3
                (f64x2.mul (local.get $tx)
                (f64x2.add (v128.const i64x2 0xbebbbd41c5d26bf1 0xbebbbd41c5d26bf1) ;; P4
                (f64x2.mul (local.get $tx)
                           (v128.const i64x2 0x3e66376972bea4d0 0x3e66376972bea4d0)))))))))))) ;; P5
        (f64x2.sub (v128.const f64x2 1 1)
                (f64x2.sub
                  (f64x2.div (f64x2.mul (local.get $x) (local.get $cx))
                             (f64x2.sub (local.get $cx) (v128.const f64x2 2 2)))
                  (local.get $x))))
      (else (call $expAny (local.get $x)))))

  ;; Replaces the n doubles from byte offset ptr by their exponentials: four pairs at a time,
  ;; written out side by side where all eight values take the k = 0 form (their divisions and
  ;; polynomials then overlap in the processor), each pair by $expPair otherwise; then the last
  ;; pairs one at a time.
  (func $exp (export "exp") (param $ptr i32) (param $n i32)
    (local $end i32) (local $x v128) (local $hx v128) (local $tx v128) (local $cx v128) (local $y v128) (local $hy v128) (local $ty v128) (local $cy v128) (local $z v128) (local $hz v128) (local $tz v128) (local $cz v128) (local $w v128) (local $hw v128) (local $tw v128) (local $cw v128)
    (local.set $end (i32.add (local.get $ptr)
      (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 3))))
    (block $done
      (loop $octets
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $x (v128.load offset=0 align=8 (local.get $ptr)))
        (local.set $y (v128.load offset=16 align=8 (local.get $ptr)))
        (local.set $z (v128.load offset=32 align=8 (local.get $ptr)))
        (local.set $w (v128.load offset=48 align=8 (local.get $ptr)))
        (local.set $hx (v128.and (i64x2.shr_u (local.get $x) (i32.const 32))
                                 (v128.const i64x2 0x7fffffff 0x7fffffff)))
        (local.set $hy (v128.and (i64x2.shr_u (local.get $y) (i32.const 32))
                                 (v128.const i64x2 0x7fffffff 0x7fffffff)))
        (local.set $hz (v128.and (i64x2.shr_u (local.get $z) (i32.const 32))
                                 (v128.const i64x2 0x7fffffff 0x7fffffff)))
        (local.set $hw (v128.and (i64x2.shr_u (local.get $w) (i32.const 32))
                                 (v128.const i64x2 0x7fffffff 0x7fffffff)))
        (if (i64x2.all_true (v128.and (v128.and (v128.and
                (i64x2.ge_s (local.get $hx) (v128.const i64x2 0x3e300000 0x3e300000))
                (i64x2.le_s (local.get $hx) (v128.const i64x2 0x3fd62e42 0x3fd62e42))) (v128.and
                (i64x2.ge_s (local.get $hy) (v128.const i64x2 0x3e300000 0x3e300000))
                (i64x2.le_s (local.get $hy) (v128.const i64x2 0x3fd62e42 0x3fd62e42)))) (v128.and (v128.and
                (i64x2.ge_s (local.get $hz) (v128.const i64x2 0x3e300000 0x3e300000))
                (i64x2.le_s (local.get $hz) (v128.const i64x2 0x3fd62e42 0x3fd62e42))) (v128.and
                (i64x2.ge_s (local.get $hw) (v128.const i64x2 0x3e300000 0x3e300000))
                (i64x2.le_s (local.get $hw) (v128.const i64x2 0x3fd62e42 0x3fd62e42))))))
          (then
            (local.set $tx (f64x2.mul (local.get $x) (local.get $x)))
            (local.set $cx
              (f64x2.sub (local.get $x) (f64x2.mul (local.get $tx)
                (f64x2.add (v128.const i64x2 0x3fc555555555553e 0x3fc555555555553e) ;; P1
                (f64x2.mul (local.get $tx)
                (f64x2.add (v128.const i64x2 0xbf66c16c16bebd93 0xbf66c16c16bebd93) ;; P2
                (f64x2.mul (local.get $tx)
                (f64x2.add (v128.const i64x2 0x3f11566aaf25de2c 0x3f11566aaf25de2c) ;; P3
                (f64x2.mul (local.get $tx)
                (f64x2.add (v128.const i64x2 0xbebbbd41c5d26bf1 0xbebbbd41c5d26bf1) ;; P4
                (f64x2.mul (local.get $tx)
                           (v128.const i64x2 0x3e66376972bea4d0 0x3e66376972bea4d0)))))))))))) ;; P5
            (local.set $ty (f64x2.mul (local.get $y) (local.get $y)))
            (local.set $cy
              (f64x2.sub (local.get $y) (f64x2.mul (local.get $ty)
                (f64x2.add (v128.const i64x2 0x3fc555555555553e 0x3fc555555555553e) ;; P1
                (f64x2.mul (local.get $ty)
                (f64x2.add (v128.const i64x2 0xbf66c16c16bebd93 0xbf66c16c16bebd93) ;; P2
                (f64x2.mul (local.get $ty)
                (f64x2.add (v128.const i64x2 0x3f11566aaf25de2c 0x3f11566aaf25de2c) ;; P3
                (f64x2.mul (local.get $ty)
                (f64x2.add (v128.const i64x2 0xbebbbd41c5d26bf1 0xbebbbd41c5d26bf1) ;; P4
                (f64x2.mul (local.get $ty)
                           (v128.const i64x2 0x3e66376972bea4d0 0x3e66376972bea4d0)))))))))))) ;; P5
            (local.set $tz (f64x2.mul (local.get $z) (local.get $z)))
            (local.set $cz
              (f64x2.sub (local.get $z) (f64x2.mul (local.get $tz)
                (f64x2.add (v128.const i64x2 0x3fc555555555553e 0x3fc555555555553e) ;; P1
                (f64x2.mul (local.get $tz)
                (f64x2.add (v128.const i64x2 0xbf66c16c16bebd93 0xbf66c16c16bebd93) ;; P2
                (f64x2.mul (local.get $tz)
                (f64x2.add (v128.const i64x2 0x3f11566aaf25de2c 0x3f11566aaf25de2c) ;; P3
                (f64x2.mul (local.get $tz)
                (f64x2.add (v128.const i64x2 0xbebbbd41c5d26bf1 0xbebbbd41c5d26bf1) ;; P4
                (f64x2.mul (local.get $tz)
                           (v128.const i64x2 0x3e66376972bea4d0 0x3e66376972bea4d0)))))))))))) ;; P5
            (local.set $tw (f64x2.mul (local.get $w) (local.get $w)))
            (local.set $cw
              (f64x2.sub (local.get $w) (f64x2.mul (local.get $tw)
                (f64x2.add (v128.const i64x2 0x3fc555555555553e 0x3fc555555555553e) ;; P1
                (f64x2.mul (local.get $tw)
                (f64x2.add (v128.const i64x2 0xbf66c16c16bebd93 0xbf66c16c16bebd93) ;; P2
                (f64x2.mul (local.get $tw)
                (f64x2.add (v128.const i64x2 0x3f11566aaf25de2c 0x3f11566aaf25de2c) ;; P3
                (f64x2.mul (local.get $tw)
                (f64x2.add (v128.const i64x2 0xbebbbd41c5d26bf1 0xbebbbd41c5d26bf1) ;; P4
                (f64x2.mul (local.get $tw)
                           (v128.const i64x2 0x3e66376972bea4d0 0x3e66376972bea4d0)))))))))))) ;; P5
            (v128.store offset=0 align=8 (local.get $ptr) (f64x2.sub (v128.const f64x2 1 1)
                (f64x2.sub
                  (f64x2.div (f64x2.mul (local.get $x) (local.get $cx))
                             (f64x2.sub (local.get $cx) (v128.const f64x2 2 2)))
                  (local.get $x))))
            (v128.store offset=16 align=8 (local.get $ptr) (f64x2.sub (v128.const f64x2 1 1)
                (f64x2.sub
                  (f64x2.div (f64x2.mul (local.get $y) (local.get $cy))
                             (f64x2.sub (local.get $cy) (v128.const f64x2 2 2)))
                  (local.get $y))))
            (v128.store offset=32 align=8 (local.get $ptr) (f64x2.sub (v128.const f64x2 1 1)
                (f64x2.sub
                  (f64x2.div (f64x2.mul (local.get $z) (local.get $cz))
                             (f64x2.sub (local.get $cz) (v128.const f64x2 2 2)))
                  (local.get $z))))
            (v128.store offset=48 align=8 (local.get $ptr) (f64x2.sub (v128.const f64x2 1 1)
                (f64x2.sub
                  (f64x2.div (f64x2.mul (local.get $w) (local.get $cw))
                             (f64x2.sub (local.get $cw) (v128.const f64x2 2 2)))
                  (local.get $w)))))
          (else
            (v128.store offset=0 align=8 (local.get $ptr) (call $expPair (local.get $x)))
            (v128.store offset=16 align=8 (local.get $ptr) (call $expPair (local.get $y)))
            (v128.store offset=32 align=8 (local.get $ptr) (call $expPair (local.get $z)))
            (v128.store offset=48 align=8 (local.get $ptr) (call $expPair (local.get $w)))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 64)))
        (br $octets)))
    ;; the last pairs, then an odd last value (in both lanes)
    (local.set $end (i32.add (local.get $ptr)
      (i32.shl (i32.and (local.get $n) (i32.const 6)) (i32.const 3))))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $ptr) (local.get $end)))
        (v128.store align=8 (local.get $ptr) (call $expPair (v128.load align=8 (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $ptr)
        (f64x2.extract_lane 0 (call $expAny (f64x2.splat (f64.load (local.get $ptr)))))))))

  ;; ---- The cohort-component projection of one replicate -------------------------------------
  ;; The same operations in the same order as the JavaScript of engine/kernels/cohort.ts
  ;; (survivalExponents, cohortStep) and models/population/model.ts (projectPopulation,
  ;; writeStocks), so the results are bit-identical to it (tested). Ages 0 … 90 (90+ open) are
  ;; 91 doubles, 728 bytes; offsets below are in bytes.

  ;; Survival over one step from the rates factor·rates[0 … 90]: exp(−(m(a) + m(a+1))/2) for
  ;; ages 0 … 89, exp(−m(90+)) for 90+, written at out.
  (func $survival (param $rates i32) (param $factor f64) (param $out i32)
    (local $a i32) (local $half v128)
    (local.set $half (f64x2.splat (f64.mul (f64.const -0.5) (local.get $factor))))
    (loop $pairs
      (v128.store align=8 (i32.add (local.get $out) (local.get $a))
        (f64x2.mul (local.get $half)
          (f64x2.add
            (v128.load align=8 (i32.add (local.get $rates) (local.get $a)))
            (v128.load offset=8 align=8 (i32.add (local.get $rates) (local.get $a))))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (br_if $pairs (i32.lt_u (local.get $a) (i32.const 720))))
    (f64.store offset=720 (local.get $out)
      (f64.mul (f64.neg (local.get $factor)) (f64.load offset=720 (local.get $rates))))
    (call $exp (local.get $out) (i32.const 91)))

  ;; Share of births alive at the next mid-year: 1 − (1 − a0)·q0, q0 = m0/(1 + (1 − a0)·m0).
  (func $infantSurvival (param $m0 f64) (param $a0 f64) (result f64)
    (f64.sub (f64.const 1)
      (f64.mul (f64.sub (f64.const 1) (local.get $a0))
        (f64.div (local.get $m0)
          (f64.add (f64.const 1)
            (f64.mul (f64.sub (f64.const 1) (local.get $a0)) (local.get $m0)))))))

  ;; One step of both sexes, males in lane 0 and females in lane 1 (the two running sums of
  ;; deaths, each added in age order, then wait on each other's additions no more): survive and
  ;; age the 91 ages of each sex's pop, add the surviving births, settle each age's net migrants
  ;; (never below zero: a lane whose settled count is negative stores +0 and applies −arrived,
  ;; as a − b is a + (−b) exactly), write at each sex's out. Returns deaths and the net
  ;; migration applied, by sex in lanes.
  (func $cohortStep (param $popM i32) (param $popF i32) (param $survM i32) (param $survF i32)
                    (param $births v128) (param $infant v128)
                    (param $migM i32) (param $migF i32) (param $outM i32) (param $outF i32)
                    (result v128 v128)
    (local $a i32) (local $oldest v128) (local $deaths v128) (local $applied v128)
    (local $arrived v128) (local $settled v128) (local $alive v128) (local $people v128)
    (local $migrants v128) (local $negative v128)
    (local.set $oldest (f64x2.mul
      (v128.load64_lane 1 (i32.add (local.get $popF) (i32.const 720))
        (v128.load64_zero offset=720 (local.get $popM)))
      (v128.load64_lane 1 (i32.add (local.get $survF) (i32.const 720))
        (v128.load64_zero offset=720 (local.get $survM)))))
    (local.set $deaths (f64x2.mul (local.get $births)
      (f64x2.sub (v128.const f64x2 1 1) (local.get $infant))))
    (local.set $arrived (f64x2.mul (local.get $births) (local.get $infant)))
    (block $done
      (loop $ages
        (local.set $migrants
          (v128.load64_lane 1 (i32.add (local.get $migF) (local.get $a))
            (v128.load64_zero (i32.add (local.get $migM) (local.get $a)))))
        (local.set $settled (f64x2.add (local.get $arrived) (local.get $migrants)))
        (local.set $negative (f64x2.lt (local.get $settled) (v128.const f64x2 0 0)))
        (local.set $applied (f64x2.add (local.get $applied)
          (v128.bitselect (f64x2.neg (local.get $arrived)) (local.get $migrants)
                          (local.get $negative))))
        (local.set $settled
          (v128.bitselect (v128.const f64x2 0 0) (local.get $settled) (local.get $negative)))
        (v128.store64_lane 0 (i32.add (local.get $outM) (local.get $a)) (local.get $settled))
        (v128.store64_lane 1 (i32.add (local.get $outF) (local.get $a)) (local.get $settled))
        (br_if $done (i32.eq (local.get $a) (i32.const 720)))
        (local.set $people
          (v128.load64_lane 1 (i32.add (local.get $popF) (local.get $a))
            (v128.load64_zero (i32.add (local.get $popM) (local.get $a)))))
        (local.set $alive (f64x2.mul (local.get $people)
          (v128.load64_lane 1 (i32.add (local.get $survF) (local.get $a))
            (v128.load64_zero (i32.add (local.get $survM) (local.get $a))))))
        (local.set $deaths
          (f64x2.add (local.get $deaths) (f64x2.sub (local.get $people) (local.get $alive))))
        ;; age 89's survivors join 90+'s in the open group
        (local.set $arrived
          (select (local.get $alive) (f64x2.add (local.get $alive) (local.get $oldest))
                  (i32.lt_u (local.get $a) (i32.const 712))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (br $ages)))
    (f64x2.add (local.get $deaths)
      (f64x2.sub
        (v128.load64_lane 1 (i32.add (local.get $popF) (i32.const 720))
          (v128.load64_zero offset=720 (local.get $popM)))
        (local.get $oldest)))
    (local.get $applied))

  ;; Ages [a, end) of a band: persons = males + females written, and the running sums of males
  ;; and females carried on. Returns males, females, the band's persons.
  (func $band (param $males i32) (param $females i32) (param $persons i32) (param $a i32)
              (param $end i32) (param $male f64) (param $female f64) (result f64 f64 f64)
    (local $sum f64) (local $m f64) (local $f f64) (local $both f64)
    (loop $ages
      (local.set $m (f64.load (i32.add (local.get $males) (local.get $a))))
      (local.set $f (f64.load (i32.add (local.get $females) (local.get $a))))
      (local.set $male (f64.add (local.get $male) (local.get $m)))
      (local.set $female (f64.add (local.get $female) (local.get $f)))
      (local.set $both (f64.add (local.get $m) (local.get $f)))
      (f64.store (i32.add (local.get $persons) (local.get $a)) (local.get $both))
      (local.set $sum (f64.add (local.get $sum) (local.get $both)))
      (local.set $a (i32.add (local.get $a) (i32.const 8)))
      (br_if $ages (i32.lt_u (local.get $a) (local.get $end))))
    (local.get $male) (local.get $female) (local.get $sum))

  ;; A year's persons and stocks: cells total, male, female, then persons 0-15, 16-64, 65-84, 85+.
  (func $stocks (param $males i32) (param $females i32) (param $persons i32) (param $cells i32)
    (local $male f64) (local $female f64) (local $sum f64)
    (call $band (local.get $males) (local.get $females) (local.get $persons)
                (i32.const 0) (i32.const 128) (f64.const 0) (f64.const 0))
    (local.set $sum) (local.set $female) (local.set $male)
    (f64.store offset=24 (local.get $cells) (local.get $sum))
    (call $band (local.get $males) (local.get $females) (local.get $persons)
                (i32.const 128) (i32.const 520) (local.get $male) (local.get $female))
    (local.set $sum) (local.set $female) (local.set $male)
    (f64.store offset=32 (local.get $cells) (local.get $sum))
    (call $band (local.get $males) (local.get $females) (local.get $persons)
                (i32.const 520) (i32.const 680) (local.get $male) (local.get $female))
    (local.set $sum) (local.set $female) (local.set $male)
    (f64.store offset=40 (local.get $cells) (local.get $sum))
    (call $band (local.get $males) (local.get $females) (local.get $persons)
                (i32.const 680) (i32.const 728) (local.get $male) (local.get $female))
    (local.set $sum) (local.set $female) (local.set $male)
    (f64.store offset=48 (local.get $cells) (local.get $sum))
    (f64.store (local.get $cells) (f64.add (local.get $male) (local.get $female)))
    (f64.store offset=8 (local.get $cells) (local.get $male))
    (f64.store offset=16 (local.get $cells) (local.get $female)))

  ;; Women aged 15 … 44 (ages summed in order).
  (func $women (param $females i32) (result f64)
    (local $a i32) (local $sum f64)
    (local.set $a (i32.const 120))
    (loop $ages
      (local.set $sum (f64.add (local.get $sum) (f64.load (i32.add (local.get $females) (local.get $a)))))
      (local.set $a (i32.add (local.get $a) (i32.const 8)))
      (br_if $ages (i32.le_u (local.get $a) (i32.const 352))))
    (local.get $sum))

  ;; Projects one replicate over `horizon` steps. Year 0 of the trajectories (males, females) is
  ;; filled by the caller, as are the rates of every step (rows of 91), the rate factor of each
  ;; step and the net migration by age of each sex. Writes each step's survival by sex, the
  ;; trajectories (persons too) and each year's 10 cells: total, male, female, the four persons
  ;; bands, then births, deaths and net migration over the year (none in year 0). The buffers'
  ;; byte offsets are 11 i32s at `layout`, in the order of the locals below (fewer arguments
  ;; make the call from JavaScript cheaper).
  (func (export "project") (param $layout i32) (param $horizon i32)
        (param $fertility f64) (param $maleShare f64) (param $a0 f64)
    (local $ratesMale i32) (local $ratesFemale i32) (local $factors i32)
    (local $survivalMale i32) (local $survivalFemale i32)
    (local $males i32) (local $females i32) (local $persons i32)
    (local $migrationMale i32) (local $migrationFemale i32) (local $cells i32)
    (local $k i32) (local $row i32) (local $next i32) (local $cell i32) (local $factor f64)
    (local $births f64) (local $boys f64) (local $girls f64)
    (local $deathsMale f64) (local $migrantsMale f64) (local $deathsFemale f64) (local $migrantsFemale f64)
    (local $deaths v128) (local $migrants v128)
    (local.set $ratesMale (i32.load (local.get $layout)))
    (local.set $ratesFemale (i32.load offset=4 (local.get $layout)))
    (local.set $factors (i32.load offset=8 (local.get $layout)))
    (local.set $survivalMale (i32.load offset=12 (local.get $layout)))
    (local.set $survivalFemale (i32.load offset=16 (local.get $layout)))
    (local.set $males (i32.load offset=20 (local.get $layout)))
    (local.set $females (i32.load offset=24 (local.get $layout)))
    (local.set $persons (i32.load offset=28 (local.get $layout)))
    (local.set $migrationMale (i32.load offset=32 (local.get $layout)))
    (local.set $migrationFemale (i32.load offset=36 (local.get $layout)))
    (local.set $cells (i32.load offset=40 (local.get $layout)))
    (call $stocks (local.get $males) (local.get $females) (local.get $persons) (local.get $cells))
    (block $done
      (loop $steps
        (br_if $done (i32.ge_u (local.get $k) (local.get $horizon)))
        (local.set $row (i32.mul (local.get $k) (i32.const 728)))
        (local.set $next (i32.add (local.get $row) (i32.const 728)))
        (local.set $factor (f64.load (i32.add (local.get $factors) (i32.shl (local.get $k) (i32.const 3)))))
        (call $survival (i32.add (local.get $ratesMale) (local.get $row)) (local.get $factor)
                        (i32.add (local.get $survivalMale) (local.get $row)))
        (call $survival (i32.add (local.get $ratesFemale) (local.get $row)) (local.get $factor)
                        (i32.add (local.get $survivalFemale) (local.get $row)))
        (local.set $births (f64.mul (local.get $fertility)
          (call $women (i32.add (local.get $females) (local.get $row)))))
        (local.set $boys (f64.mul (local.get $births) (local.get $maleShare)))
        (local.set $girls (f64.sub (local.get $births) (local.get $boys)))
        (call $cohortStep
          (i32.add (local.get $males) (local.get $row))
          (i32.add (local.get $females) (local.get $row))
          (i32.add (local.get $survivalMale) (local.get $row))
          (i32.add (local.get $survivalFemale) (local.get $row))
          (f64x2.replace_lane 1 (f64x2.splat (local.get $boys)) (local.get $girls))
          (f64x2.replace_lane 1
            (f64x2.splat (call $infantSurvival
              (f64.mul (local.get $factor) (f64.load (i32.add (local.get $ratesMale) (local.get $row))))
              (local.get $a0)))
            (call $infantSurvival
              (f64.mul (local.get $factor) (f64.load (i32.add (local.get $ratesFemale) (local.get $row))))
              (local.get $a0)))
          (local.get $migrationMale) (local.get $migrationFemale)
          (i32.add (local.get $males) (local.get $next))
          (i32.add (local.get $females) (local.get $next)))
        (local.set $migrants) (local.set $deaths)
        (local.set $deathsMale (f64x2.extract_lane 0 (local.get $deaths)))
        (local.set $deathsFemale (f64x2.extract_lane 1 (local.get $deaths)))
        (local.set $migrantsMale (f64x2.extract_lane 0 (local.get $migrants)))
        (local.set $migrantsFemale (f64x2.extract_lane 1 (local.get $migrants)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $cell (i32.add (local.get $cells) (i32.mul (local.get $k) (i32.const 80))))
        (call $stocks (i32.add (local.get $males) (local.get $next))
                      (i32.add (local.get $females) (local.get $next))
                      (i32.add (local.get $persons) (local.get $next)) (local.get $cell))
        (f64.store offset=56 (local.get $cell) (f64.add (local.get $boys) (local.get $girls)))
        (f64.store offset=64 (local.get $cell) (f64.add (local.get $deathsMale) (local.get $deathsFemale)))
        (f64.store offset=72 (local.get $cell) (f64.add (local.get $migrantsMale) (local.get $migrantsFemale)))
        (br $steps))))
  ;; ---- Dot products (dot-product.ts: dotProduct, dotProductByYear) ---------------------------
  ;; The same operations in the same order as the JavaScript, so the results are bit-identical
  ;; to it (tested): WebAssembly has no fused multiply-add, so each f64x2.mul then f64x2.add
  ;; rounds twice per lane exactly as `s += x * y` does. Offsets are in bytes, counts >= 0.

  ;; dotProduct: Σ_{i<n} x[i]·y[i] in four running sums s0 … s3 (over the i with i mod 4 = 0 …
  ;; 3), the last n mod 4 products added to s0, then (s0 + s1) + (s2 + s3). The lanes of $s01
  ;; and $s23 are s0, s1 and s2, s3: consecutive values, so one load of each feeds two sums.
  (func $dot (export "dot") (param $x i32) (param $y i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $s01 v128) (local $s23 v128) (local $s0 f64)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3)))
    (block $whole
      (loop $fours
        (br_if $whole (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $s01 (f64x2.add (local.get $s01)
          (f64x2.mul (v128.load align=8 (i32.add (local.get $x) (local.get $i)))
                     (v128.load align=8 (i32.add (local.get $y) (local.get $i))))))
        (local.set $s23 (f64x2.add (local.get $s23)
          (f64x2.mul (v128.load offset=16 align=8 (i32.add (local.get $x) (local.get $i)))
                     (v128.load offset=16 align=8 (i32.add (local.get $y) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 32)))
        (br $fours)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $tail
      (loop $rest
        (br_if $tail (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $s0 (f64.add (local.get $s0)
          (f64.mul (f64.load (i32.add (local.get $x) (local.get $i)))
                   (f64.load (i32.add (local.get $y) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $rest)))
    (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01)))
             (f64.add (f64x2.extract_lane 0 (local.get $s23))
                      (f64x2.extract_lane 1 (local.get $s23)))))

  ;; $dot of x with y and of x with z, side by side: each loads x once, and twice as many
  ;; independent additions are in flight (one dot product alone waits on its additions).
  (func $dot2 (param $x i32) (param $y i32) (param $z i32) (param $n i32) (result f64 f64)
    (local $i i32) (local $end i32) (local $v v128) (local $w v128)
    (local $y01 v128) (local $y23 v128) (local $z01 v128) (local $z23 v128)
    (local $y0 f64) (local $z0 f64) (local $u f64)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3)))
    (block $whole
      (loop $fours
        (br_if $whole (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (v128.load align=8 (i32.add (local.get $x) (local.get $i))))
        (local.set $w (v128.load offset=16 align=8 (i32.add (local.get $x) (local.get $i))))
        (local.set $y01 (f64x2.add (local.get $y01)
          (f64x2.mul (local.get $v) (v128.load align=8 (i32.add (local.get $y) (local.get $i))))))
        (local.set $y23 (f64x2.add (local.get $y23)
          (f64x2.mul (local.get $w)
                     (v128.load offset=16 align=8 (i32.add (local.get $y) (local.get $i))))))
        (local.set $z01 (f64x2.add (local.get $z01)
          (f64x2.mul (local.get $v) (v128.load align=8 (i32.add (local.get $z) (local.get $i))))))
        (local.set $z23 (f64x2.add (local.get $z23)
          (f64x2.mul (local.get $w)
                     (v128.load offset=16 align=8 (i32.add (local.get $z) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 32)))
        (br $fours)))
    (local.set $y0 (f64x2.extract_lane 0 (local.get $y01)))
    (local.set $z0 (f64x2.extract_lane 0 (local.get $z01)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $tail
      (loop $rest
        (br_if $tail (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $u (f64.load (i32.add (local.get $x) (local.get $i))))
        (local.set $y0 (f64.add (local.get $y0)
          (f64.mul (local.get $u) (f64.load (i32.add (local.get $y) (local.get $i))))))
        (local.set $z0 (f64.add (local.get $z0)
          (f64.mul (local.get $u) (f64.load (i32.add (local.get $z) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $rest)))
    (f64.add (f64.add (local.get $y0) (f64x2.extract_lane 1 (local.get $y01)))
             (f64.add (f64x2.extract_lane 0 (local.get $y23))
                      (f64x2.extract_lane 1 (local.get $y23))))
    (f64.add (f64.add (local.get $z0) (f64x2.extract_lane 1 (local.get $z01)))
             (f64.add (f64x2.extract_lane 0 (local.get $z23))
                      (f64x2.extract_lane 1 (local.get $z23)))))

  ;; dotProductByYear: out[j] = Σ_{a=from…to} pop[j·stride + a]·rate[a] for j < years: blocks
  ;; of four years, each year one running sum over the ages in order (years j, j+1 are the
  ;; lanes of $s01, j+2, j+3 those of $s23), then each of the last years mod 4 by $dot.
  ;; `stride` is in bytes; `rate` is where age 0 of the rate is.
  (func $dotByYear (export "dotByYear") (param $pop i32) (param $stride i32) (param $years i32)
        (param $rate i32) (param $from i32) (param $to i32) (param $out i32)
    (local $j i32) (local $row i32) (local $a i32) (local $last i32) (local $p i32)
    (local $r v128) (local $s01 v128) (local $s23 v128)
    (local.set $last (i32.shl (local.get $to) (i32.const 3)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $years)))
        (local.set $row (i32.add (local.get $pop) (i32.mul (local.get $j) (local.get $stride))))
        (local.set $s01 (v128.const i64x2 0 0))
        (local.set $s23 (v128.const i64x2 0 0))
        (local.set $a (i32.shl (local.get $from) (i32.const 3)))
        (block $agesDone
          (loop $ages
            (br_if $agesDone (i32.gt_s (local.get $a) (local.get $last)))
            (local.set $r (v128.load64_splat (i32.add (local.get $rate) (local.get $a))))
            (local.set $p (i32.add (local.get $row) (local.get $a)))
            (local.set $s01 (f64x2.add (local.get $s01)
              (f64x2.mul
                (v128.load64_lane 1 (i32.add (local.get $p) (local.get $stride))
                                    (v128.load64_splat (local.get $p)))
                (local.get $r))))
            (local.set $p (i32.add (local.get $p) (i32.shl (local.get $stride) (i32.const 1))))
            (local.set $s23 (f64x2.add (local.get $s23)
              (f64x2.mul
                (v128.load64_lane 1 (i32.add (local.get $p) (local.get $stride))
                                    (v128.load64_splat (local.get $p)))
                (local.get $r))))
            (local.set $a (i32.add (local.get $a) (i32.const 8)))
            (br $ages)))
        (v128.store align=8 (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
                    (local.get $s01))
        (v128.store offset=16 align=8
                    (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
                    (local.get $s23))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $blocks)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_s (local.get $j) (local.get $years)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
          (call $dot
            (i32.add (i32.add (local.get $pop) (i32.mul (local.get $j) (local.get $stride)))
                     (i32.shl (local.get $from) (i32.const 3)))
            (i32.add (local.get $rate) (i32.shl (local.get $from) (i32.const 3)))
            (select (i32.add (i32.sub (local.get $to) (local.get $from)) (i32.const 1))
                    (i32.const 0)
                    (i32.ge_s (local.get $to) (local.get $from)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rest))))

  ;; The demand model's base activity (models/demand/model.ts, simulateDemand) of every year
  ;; j < years and row k < rows (setting × quintile): out[j·rows + k] = dotProduct(year j of
  ;; the population at traj, row k of the rates, 91 ages) · volume[k / quintiles], two rows at
  ;; a time.
  (func (export "demandBaselines") (param $traj i32) (param $rates i32) (param $volume i32)
        (param $out i32) (param $years i32) (param $rows i32) (param $quintiles i32)
    (local $j i32) (local $k i32) (local $x i32) (local $y i32) (local $at i32)
    (local $d0 f64) (local $d1 f64)
    (block $yearsDone
      (loop $eachYear
        (br_if $yearsDone (i32.ge_u (local.get $j) (local.get $years)))
        (local.set $x (i32.add (local.get $traj) (i32.mul (local.get $j) (i32.const 728))))
        (local.set $k (i32.const 0))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (i32.add (local.get $k) (i32.const 1)) (local.get $rows)))
            (local.set $y (i32.add (local.get $rates) (i32.mul (local.get $k) (i32.const 728))))
            (call $dot2 (local.get $x) (local.get $y) (i32.add (local.get $y) (i32.const 728))
                        (i32.const 91))
            (local.set $d1) (local.set $d0)
            (local.set $at (i32.add (local.get $out) (i32.shl
              (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $k)) (i32.const 3))))
            (f64.store (local.get $at) (f64.mul (local.get $d0)
              (f64.load (i32.add (local.get $volume) (i32.shl
                (i32.div_u (local.get $k) (local.get $quintiles)) (i32.const 3))))))
            (f64.store offset=8 (local.get $at) (f64.mul (local.get $d1)
              (f64.load (i32.add (local.get $volume) (i32.shl
                (i32.div_u (i32.add (local.get $k) (i32.const 1)) (local.get $quintiles))
                (i32.const 3))))))
            (local.set $k (i32.add (local.get $k) (i32.const 2)))
            (br $pairs)))
        (if (i32.lt_u (local.get $k) (local.get $rows))
          (then
            (f64.store
              (i32.add (local.get $out) (i32.shl
                (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $k)) (i32.const 3)))
              (f64.mul
                (call $dot (local.get $x)
                           (i32.add (local.get $rates) (i32.mul (local.get $k) (i32.const 728)))
                           (i32.const 91))
                (f64.load (i32.add (local.get $volume) (i32.shl
                  (i32.div_u (local.get $k) (local.get $quintiles)) (i32.const 3))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $eachYear))))

  ;; The prevalence model's cases at base-year rates (models/prevalence/model.ts,
  ;; simulatePrevalence) of every condition c < conditions: $dotByYear of the population by
  ;; year (91 ages a year from traj) with the condition's curve, written from out + c·years.
  ;; The table holds three i32s a condition: where age 0 of its curve is, its first and last age.
  ;; The years of each block of four are first laid out in pairs at `pairs` (years j, j+1 of
  ;; age a side by side, then j+2, j+3: 2912 bytes a block), so that the conditions' sums load
  ;; them whole; the conditions go two at a time ($casesByYear2), the last years mod 4 are dot
  ;; products two at a time ($dot2, which loads each rate once for both).
  (func (export "prevalenceCases") (param $traj i32) (param $years i32) (param $table i32)
        (param $conditions i32) (param $out i32) (param $pairs i32)
    (local $c i32) (local $entry i32) (local $j i32) (local $a i32) (local $p i32) (local $q i32)
    (local $blocks i32)
    ;; the pairs of each block
    (local.set $blocks (i32.shr_u (local.get $years) (i32.const 2)))
    (block $laid
      (loop $eachBlock
        (br_if $laid (i32.ge_u (local.get $j) (local.get $blocks)))
        (local.set $p (i32.add (local.get $traj) (i32.mul (local.get $j) (i32.const 2912))))
        (local.set $q (i32.add (local.get $pairs) (i32.mul (local.get $j) (i32.const 2912))))
        (local.set $a (i32.const 0))
        (loop $ages
          (v128.store align=8 (i32.add (local.get $q) (i32.shl (local.get $a) (i32.const 1)))
            (v128.load64_lane 1 (i32.add (i32.add (local.get $p) (local.get $a)) (i32.const 728))
                                (v128.load64_splat (i32.add (local.get $p) (local.get $a)))))
          (v128.store offset=1456 align=8
            (i32.add (local.get $q) (i32.shl (local.get $a) (i32.const 1)))
            (v128.load64_lane 1 (i32.add (i32.add (local.get $p) (local.get $a)) (i32.const 2184))
                                (v128.load64_splat
                                  (i32.add (i32.add (local.get $p) (local.get $a)) (i32.const 1456)))))
          (local.set $a (i32.add (local.get $a) (i32.const 8)))
          (br_if $ages (i32.lt_u (local.get $a) (i32.const 728))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $eachBlock)))
    ;; Every cache line of the picked curves read once first: the curves of an area (a
    ;; megabyte) are mostly out of cache by the next replicate, and these independent reads
    ;; wait for memory side by side, where the sums below would wait for each line in turn.
    (block $touched
      (loop $touch
        (br_if $touched (i32.ge_u (local.get $c) (local.get $conditions)))
        (local.set $entry (i32.add (local.get $table) (i32.mul (local.get $c) (i32.const 12))))
        (local.set $p (i32.add (i32.load (local.get $entry))
                               (i32.shl (i32.load offset=4 (local.get $entry)) (i32.const 3))))
        (local.set $q (i32.add (i32.load (local.get $entry))
                               (i32.shl (i32.load offset=8 (local.get $entry)) (i32.const 3))))
        (block $lines
          (loop $line
            (br_if $lines (i32.gt_s (local.get $p) (local.get $q)))
            (drop (f64.load (local.get $p)))
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (br $line)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $touch)))
    (local.set $c (i32.const 0))
    ;; the conditions, two at a time
    (block $done
      (loop $each
        (br_if $done (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $conditions)))
        (local.set $entry (i32.add (local.get $table) (i32.mul (local.get $c) (i32.const 12))))
        (call $casesByYear2 (local.get $traj) (local.get $pairs) (local.get $years)
          (i32.load (local.get $entry))
          (i32.load offset=4 (local.get $entry))
          (i32.load offset=8 (local.get $entry))
          (i32.add (local.get $out)
                   (i32.shl (i32.mul (local.get $c) (local.get $years)) (i32.const 3)))
          (i32.load offset=12 (local.get $entry))
          (i32.load offset=16 (local.get $entry))
          (i32.load offset=20 (local.get $entry))
          (i32.add (local.get $out)
            (i32.shl (i32.mul (i32.add (local.get $c) (i32.const 1)) (local.get $years))
                     (i32.const 3))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $each)))
    (if (i32.lt_u (local.get $c) (local.get $conditions))
      (then
        (local.set $entry (i32.add (local.get $table) (i32.mul (local.get $c) (i32.const 12))))
        (call $casesByYear (local.get $traj) (local.get $pairs) (local.get $years)
          (i32.load (local.get $entry))
          (i32.load offset=4 (local.get $entry))
          (i32.load offset=8 (local.get $entry))
          (i32.add (local.get $out)
                   (i32.shl (i32.mul (local.get $c) (local.get $years)) (i32.const 3)))))))

  ;; The sums of a block of four years (its pairs from `row`, see prevalenceCases): $s01 and
  ;; $s23 carried on over the ages from byte offset a to `last`, each lane in age order.
  (func $blockSums (param $row i32) (param $rate i32) (param $a i32) (param $last i32)
        (param $s01 v128) (param $s23 v128) (result v128 v128)
    (local $r v128) (local $p i32)
    (block $agesDone
      (loop $ages
        (br_if $agesDone (i32.gt_s (local.get $a) (local.get $last)))
        (local.set $r (v128.load64_splat (i32.add (local.get $rate) (local.get $a))))
        (local.set $p (i32.add (local.get $row) (i32.shl (local.get $a) (i32.const 1))))
        (local.set $s01 (f64x2.add (local.get $s01)
          (f64x2.mul (v128.load align=8 (local.get $p)) (local.get $r))))
        (local.set $s23 (f64x2.add (local.get $s23)
          (f64x2.mul (v128.load offset=1456 align=8 (local.get $p)) (local.get $r))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (br $ages)))
    (local.get $s01) (local.get $s23))

  ;; $dotByYear with stride 91 ages, the blocks of four years read from their pairs (see
  ;; prevalenceCases) and the last years mod 4 two at a time ($tailYears).
  (func $casesByYear (param $pop i32) (param $pairs i32) (param $years i32) (param $rate i32)
        (param $from i32) (param $to i32) (param $out i32)
    (local $j i32) (local $s01 v128) (local $s23 v128)
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $years)))
        ;; block j/4 of the pairs: 2912 bytes a block
        (call $blockSums (i32.add (local.get $pairs) (i32.mul (local.get $j) (i32.const 728)))
          (local.get $rate) (i32.shl (local.get $from) (i32.const 3))
          (i32.shl (local.get $to) (i32.const 3))
          (v128.const i64x2 0 0) (v128.const i64x2 0 0))
        (local.set $s23) (local.set $s01)
        (v128.store align=8 (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
                    (local.get $s01))
        (v128.store offset=16 align=8
                    (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
                    (local.get $s23))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $blocks)))
    (call $tailYears (local.get $pop) (local.get $years) (local.get $j) (local.get $rate)
                     (local.get $from) (local.get $to) (local.get $out)))

  ;; $casesByYear of two conditions (A and B), their blocks side by side: over as many ages as
  ;; the shorter range has, each adds the products of its own next age, then each goes on alone
  ;; to its last age. Every lane still adds its products in age order; twice as many
  ;; independent additions are in flight (one condition's sums wait on their additions).
  (func $casesByYear2 (param $pop i32) (param $pairs i32) (param $years i32)
        (param $rateA i32) (param $fromA i32) (param $toA i32) (param $outA i32)
        (param $rateB i32) (param $fromB i32) (param $toB i32) (param $outB i32)
    (local $j i32) (local $row i32) (local $aA i32) (local $aB i32) (local $endA i32)
    (local $p i32) (local $q i32) (local $rA v128) (local $rB v128)
    (local $a01 v128) (local $a23 v128) (local $b01 v128) (local $b23 v128)
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $years)))
        (local.set $row (i32.add (local.get $pairs) (i32.mul (local.get $j) (i32.const 728))))
        (local.set $a01 (v128.const i64x2 0 0))
        (local.set $a23 (v128.const i64x2 0 0))
        (local.set $b01 (v128.const i64x2 0 0))
        (local.set $b23 (v128.const i64x2 0 0))
        (local.set $aA (i32.shl (local.get $fromA) (i32.const 3)))
        (local.set $aB (i32.shl (local.get $fromB) (i32.const 3)))
        ;; A's offset after the ages both have: from + min(to − from + 1 of A, of B) (at most
        ;; from itself when a range is empty)
        (local.set $endA (i32.add (local.get $aA) (i32.shl
          (select (i32.sub (local.get $toA) (local.get $fromA))
                  (i32.sub (local.get $toB) (local.get $fromB))
                  (i32.lt_s (i32.sub (local.get $toA) (local.get $fromA))
                            (i32.sub (local.get $toB) (local.get $fromB))))
          (i32.const 3))))
        (block $bothDone
          (loop $both
            (br_if $bothDone (i32.gt_s (local.get $aA) (local.get $endA)))
            (local.set $rA (v128.load64_splat (i32.add (local.get $rateA) (local.get $aA))))
            (local.set $rB (v128.load64_splat (i32.add (local.get $rateB) (local.get $aB))))
            (local.set $p (i32.add (local.get $row) (i32.shl (local.get $aA) (i32.const 1))))
            (local.set $q (i32.add (local.get $row) (i32.shl (local.get $aB) (i32.const 1))))
            (local.set $a01 (f64x2.add (local.get $a01)
              (f64x2.mul (v128.load align=8 (local.get $p)) (local.get $rA))))
            (local.set $b01 (f64x2.add (local.get $b01)
              (f64x2.mul (v128.load align=8 (local.get $q)) (local.get $rB))))
            (local.set $a23 (f64x2.add (local.get $a23)
              (f64x2.mul (v128.load offset=1456 align=8 (local.get $p)) (local.get $rA))))
            (local.set $b23 (f64x2.add (local.get $b23)
              (f64x2.mul (v128.load offset=1456 align=8 (local.get $q)) (local.get $rB))))
            (local.set $aA (i32.add (local.get $aA) (i32.const 8)))
            (local.set $aB (i32.add (local.get $aB) (i32.const 8)))
            (br $both)))
        (call $blockSums (local.get $row) (local.get $rateA) (local.get $aA)
          (i32.shl (local.get $toA) (i32.const 3)) (local.get $a01) (local.get $a23))
        (local.set $a23) (local.set $a01)
        (call $blockSums (local.get $row) (local.get $rateB) (local.get $aB)
          (i32.shl (local.get $toB) (i32.const 3)) (local.get $b01) (local.get $b23))
        (local.set $b23) (local.set $b01)
        (v128.store align=8 (i32.add (local.get $outA) (i32.shl (local.get $j) (i32.const 3)))
                    (local.get $a01))
        (v128.store offset=16 align=8
                    (i32.add (local.get $outA) (i32.shl (local.get $j) (i32.const 3)))
                    (local.get $a23))
        (v128.store align=8 (i32.add (local.get $outB) (i32.shl (local.get $j) (i32.const 3)))
                    (local.get $b01))
        (v128.store offset=16 align=8
                    (i32.add (local.get $outB) (i32.shl (local.get $j) (i32.const 3)))
                    (local.get $b23))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $blocks)))
    (call $tailYears (local.get $pop) (local.get $years) (local.get $j) (local.get $rateA)
                     (local.get $fromA) (local.get $toA) (local.get $outA))
    (call $tailYears (local.get $pop) (local.get $years) (local.get $j) (local.get $rateB)
                     (local.get $fromB) (local.get $toB) (local.get $outB)))

  ;; The years j … years − 1 of $dotByYear (stride 91 ages): dot products of the ages from …
  ;; to, two years at a time ($dot2 loads each rate once for both), the last one alone.
  (func $tailYears (param $pop i32) (param $years i32) (param $j i32) (param $rate i32)
        (param $from i32) (param $to i32) (param $out i32)
    (local $row i32) (local $n i32) (local $d0 f64) (local $d1 f64)
    (local.set $n (select (i32.add (i32.sub (local.get $to) (local.get $from)) (i32.const 1))
                          (i32.const 0)
                          (i32.ge_s (local.get $to) (local.get $from))))
    (local.set $rate (i32.add (local.get $rate) (i32.shl (local.get $from) (i32.const 3))))
    (local.set $row (i32.add (i32.add (local.get $pop) (i32.mul (local.get $j) (i32.const 728)))
                             (i32.shl (local.get $from) (i32.const 3))))
    (local.set $out (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
    (block $done
      (loop $twos
        (br_if $done (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $years)))
        (call $dot2 (local.get $rate) (local.get $row) (i32.add (local.get $row) (i32.const 728))
                    (local.get $n))
        (local.set $d1) (local.set $d0)
        (f64.store (local.get $out) (local.get $d0))
        (f64.store offset=8 (local.get $out) (local.get $d1))
        (local.set $row (i32.add (local.get $row) (i32.const 1456)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $twos)))
    (if (i32.lt_s (local.get $j) (local.get $years))
      (then (f64.store (local.get $out)
              (call $dot (local.get $row) (local.get $rate) (local.get $n))))))

  ;; e(0) of two tables from their product-form sums P, F, D, infant rates m0 and open-group
  ;; rates m90 (life-table.ts: productTableE0, its operations in its order): with the separation
  ;; factor s = high where m0 >= 0.107, else intercept + slope·m0, q0 = m0/(1 + (1 − s)·m0) and
  ;; l1 = 1 − q0 (0 where q0 >= 1), e(0) = l1 + s·(1 − l1) − l1/2 + l1·(P·m90 + F·(m90/2 + 1))/
  ;; (D·m90); NaN unless m0 >= 0 and m90 > 0.
  (func $tableE0 (param $p v128) (param $f v128) (param $d v128) (param $m0 v128)
        (param $open v128) (param $intercept f64) (param $slope f64) (param $high f64)
        (result v128)
    (local $s v128) (local $q0 v128) (local $l1 v128)
    (local.set $s (v128.bitselect (f64x2.splat (local.get $high))
      (f64x2.add (f64x2.splat (local.get $intercept))
                 (f64x2.mul (f64x2.splat (local.get $slope)) (local.get $m0)))
      (f64x2.ge (local.get $m0) (v128.const f64x2 0.107 0.107))))
    (local.set $q0 (f64x2.div (local.get $m0)
      (f64x2.add (v128.const f64x2 1 1)
        (f64x2.mul (f64x2.sub (v128.const f64x2 1 1) (local.get $s)) (local.get $m0)))))
    (local.set $l1 (v128.bitselect (v128.const f64x2 0 0)
      (f64x2.sub (v128.const f64x2 1 1) (local.get $q0))
      (f64x2.ge (local.get $q0) (v128.const f64x2 1 1))))
    (v128.bitselect
      (f64x2.add
        (f64x2.sub
          (f64x2.add (local.get $l1)
            (f64x2.mul (local.get $s) (f64x2.sub (v128.const f64x2 1 1) (local.get $l1))))
          (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $l1)))
        (f64x2.div
          (f64x2.mul (local.get $l1)
            (f64x2.add (f64x2.mul (local.get $p) (local.get $open))
              (f64x2.mul (local.get $f)
                (f64x2.add (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $open))
                           (v128.const f64x2 1 1)))))
          (f64x2.mul (local.get $d) (local.get $open))))
      (v128.const f64x2 nan nan)
      (v128.and (f64x2.ge (local.get $m0) (v128.const f64x2 0 0))
                (f64x2.gt (local.get $open) (v128.const f64x2 0 0)))))

  ;; Decile life tables (life-table-wasm.ts: DecileLifeTables): life expectancy at birth of ten
  ;; tables, two to a vector, from the sums over ages 1 … 89 of the product form of the
  ;; single-year life table (life-table.ts: productTableSums), finished by $tableE0. With h = m/2, w = 1 + h and u = 1 − h, survival is
  ;; l(x+1) = l(x)·u/w, so l(x)/l(1) = F/D with F = Π u and D = Π w, and Σ l(x)/l(1) = P/D with
  ;; P ← (P + F)·w: no division per age. The operations per lane are productTableSums', in its
  ;; order (no fused operations), so the sums are bit-identical to it where every h < 1 (then
  ;; its max(0, 1 − h) is 1 − h), which the caller checks from what is stored at $check.
  ;; $a: the rates by age (91 doubles, every table's); $b: the factors of the five pairs of
  ;; tables, pair after pair (1,456 bytes each), by age in lanes (table 2k in lane 0, 2k + 1 in
  ;; lane 1); $most: the largest factor at each age (91 doubles); $intercept, $slope, $high:
  ;; the sex's Coale–Demeny a(0) rule; $out: e(0) of the ten tables (80 bytes); $check: the least
  ;; rate a(x) and the largest a(x)·most(x), ages 1 … 89 (NaN where a rate is missing).
  (func (export "decileLifeExpectancies") (param $a i32) (param $b i32) (param $most i32)
        (param $intercept f64) (param $slope f64) (param $high f64)
        (param $out i32) (param $check i32)
    (local $x i32) (local $bx i32) (local $ax f64) (local $least f64) (local $largest f64)
    (local $one v128) (local $ah v128) (local $h v128) (local $w v128)
    (local $p0 v128) (local $f0 v128) (local $d0 v128)
    (local $p1 v128) (local $f1 v128) (local $d1 v128)
    (local $p2 v128) (local $f2 v128) (local $d2 v128)
    (local $p3 v128) (local $f3 v128) (local $d3 v128)
    (local $p4 v128) (local $f4 v128) (local $d4 v128)
    (local.set $one (v128.const f64x2 1 1))
    (local.set $f0 (local.get $one)) (local.set $d0 (local.get $one))
    (local.set $f1 (local.get $one)) (local.set $d1 (local.get $one))
    (local.set $f2 (local.get $one)) (local.set $d2 (local.get $one))
    (local.set $f3 (local.get $one)) (local.set $d3 (local.get $one))
    (local.set $f4 (local.get $one)) (local.set $d4 (local.get $one))
    (local.set $least (f64.const inf))
    (local.set $x (i32.const 8))
    (loop $ages
      (local.set $ax (f64.load (i32.add (local.get $a) (local.get $x))))
      (local.set $least (f64.min (local.get $least) (local.get $ax)))
      (local.set $largest (f64.max (local.get $largest)
        (f64.mul (local.get $ax) (f64.load (i32.add (local.get $most) (local.get $x))))))
      ;; h = (0.5·a(x))·b(x), as productTableSums writes it.
      (local.set $ah (f64x2.mul (v128.const f64x2 0.5 0.5) (f64x2.splat (local.get $ax))))
      (local.set $bx (i32.add (local.get $b) (i32.shl (local.get $x) (i32.const 1))))
      (local.set $h (f64x2.mul (local.get $ah)
        (v128.load offset=0 align=8 (local.get $bx))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p0 (f64x2.mul (f64x2.add (local.get $p0) (local.get $f0)) (local.get $w)))
      (local.set $d0 (f64x2.mul (local.get $d0) (local.get $w)))
      (local.set $f0 (f64x2.mul (local.get $f0) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $h (f64x2.mul (local.get $ah)
        (v128.load offset=1456 align=8 (local.get $bx))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p1 (f64x2.mul (f64x2.add (local.get $p1) (local.get $f1)) (local.get $w)))
      (local.set $d1 (f64x2.mul (local.get $d1) (local.get $w)))
      (local.set $f1 (f64x2.mul (local.get $f1) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $h (f64x2.mul (local.get $ah)
        (v128.load offset=2912 align=8 (local.get $bx))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p2 (f64x2.mul (f64x2.add (local.get $p2) (local.get $f2)) (local.get $w)))
      (local.set $d2 (f64x2.mul (local.get $d2) (local.get $w)))
      (local.set $f2 (f64x2.mul (local.get $f2) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $h (f64x2.mul (local.get $ah)
        (v128.load offset=4368 align=8 (local.get $bx))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p3 (f64x2.mul (f64x2.add (local.get $p3) (local.get $f3)) (local.get $w)))
      (local.set $d3 (f64x2.mul (local.get $d3) (local.get $w)))
      (local.set $f3 (f64x2.mul (local.get $f3) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $h (f64x2.mul (local.get $ah)
        (v128.load offset=5824 align=8 (local.get $bx))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p4 (f64x2.mul (f64x2.add (local.get $p4) (local.get $f4)) (local.get $w)))
      (local.set $d4 (f64x2.mul (local.get $d4) (local.get $w)))
      (local.set $f4 (f64x2.mul (local.get $f4) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $ages (i32.lt_u (local.get $x) (i32.const 720))))
    (v128.store offset=0 align=8 (local.get $out)
      (call $tableE0 (local.get $p0) (local.get $f0) (local.get $d0)
        (f64x2.mul (v128.load64_splat (local.get $a)) (v128.load offset=0 align=8 (local.get $b)))
        (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                   (v128.load offset=1440 align=8 (local.get $b)))
        (local.get $intercept) (local.get $slope) (local.get $high)))
    (v128.store offset=16 align=8 (local.get $out)
      (call $tableE0 (local.get $p1) (local.get $f1) (local.get $d1)
        (f64x2.mul (v128.load64_splat (local.get $a)) (v128.load offset=1456 align=8 (local.get $b)))
        (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                   (v128.load offset=2896 align=8 (local.get $b)))
        (local.get $intercept) (local.get $slope) (local.get $high)))
    (v128.store offset=32 align=8 (local.get $out)
      (call $tableE0 (local.get $p2) (local.get $f2) (local.get $d2)
        (f64x2.mul (v128.load64_splat (local.get $a)) (v128.load offset=2912 align=8 (local.get $b)))
        (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                   (v128.load offset=4352 align=8 (local.get $b)))
        (local.get $intercept) (local.get $slope) (local.get $high)))
    (v128.store offset=48 align=8 (local.get $out)
      (call $tableE0 (local.get $p3) (local.get $f3) (local.get $d3)
        (f64x2.mul (v128.load64_splat (local.get $a)) (v128.load offset=4368 align=8 (local.get $b)))
        (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                   (v128.load offset=5808 align=8 (local.get $b)))
        (local.get $intercept) (local.get $slope) (local.get $high)))
    (v128.store offset=64 align=8 (local.get $out)
      (call $tableE0 (local.get $p4) (local.get $f4) (local.get $d4)
        (f64x2.mul (v128.load64_splat (local.get $a)) (v128.load offset=5824 align=8 (local.get $b)))
        (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                   (v128.load offset=7264 align=8 (local.get $b)))
        (local.get $intercept) (local.get $slope) (local.get $high)))
    (f64.store (local.get $check) (local.get $least))
    (f64.store offset=8 (local.get $check) (local.get $largest)))

  ;; Decile life tables of the deciles an intervention reaches (life-table-wasm.ts:
  ;; DecileLifeTables.computeReached): as decileLifeExpectancies, for the rates
  ;; m(d, x) = (a(x)·b(d, x))·c(d, x) of the area's rates, the deciles' factors and the
  ;; intervention's multipliers, formed in that order as the JavaScript forms them (its products,
  ;; then lifeExpectanciesAtBirthOfProducts of products and multipliers), so bit-identical where
  ;; every h = (0.5·a·b)·c of ages 1 … 89 is at least 0 and below 1, which the caller checks
  ;; from decileLifeExpectancies' checks and the multipliers' least and largest.
  ;; $a: the rates by age (91 doubles); $b: the factors laid out as decileLifeExpectancies' $b;
  ;; $c: the multipliers by table, then age (10 × 91 doubles, 728 bytes a table).
  (func (export "decileLifeExpectanciesReached") (param $a i32) (param $b i32) (param $c i32)
        (param $intercept f64) (param $slope f64) (param $high f64) (param $out i32)
    (local $x i32) (local $bx i32) (local $cx i32)
    (local $one v128) (local $ax v128) (local $h v128) (local $w v128)
    (local $p0 v128) (local $f0 v128) (local $d0 v128)
    (local $p1 v128) (local $f1 v128) (local $d1 v128)
    (local $p2 v128) (local $f2 v128) (local $d2 v128)
    (local $p3 v128) (local $f3 v128) (local $d3 v128)
    (local $p4 v128) (local $f4 v128) (local $d4 v128)
    (local.set $one (v128.const f64x2 1 1))
    (local.set $f0 (local.get $one)) (local.set $d0 (local.get $one))
    (local.set $f1 (local.get $one)) (local.set $d1 (local.get $one))
    (local.set $f2 (local.get $one)) (local.set $d2 (local.get $one))
    (local.set $f3 (local.get $one)) (local.set $d3 (local.get $one))
    (local.set $f4 (local.get $one)) (local.set $d4 (local.get $one))
    (local.set $x (i32.const 8))
    (loop $ages
      (local.set $ax (v128.load64_splat (i32.add (local.get $a) (local.get $x))))
      (local.set $bx (i32.add (local.get $b) (i32.shl (local.get $x) (i32.const 1))))
      (local.set $cx (i32.add (local.get $c) (local.get $x)))
      (local.set $h (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5)
          (f64x2.mul (local.get $ax) (v128.load offset=0 align=8 (local.get $bx))))
        (f64x2.replace_lane 1 (v128.load64_splat offset=0 (local.get $cx))
          (f64.load offset=728 (local.get $cx)))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p0 (f64x2.mul (f64x2.add (local.get $p0) (local.get $f0)) (local.get $w)))
      (local.set $d0 (f64x2.mul (local.get $d0) (local.get $w)))
      (local.set $f0 (f64x2.mul (local.get $f0) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $h (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5)
          (f64x2.mul (local.get $ax) (v128.load offset=1456 align=8 (local.get $bx))))
        (f64x2.replace_lane 1 (v128.load64_splat offset=1456 (local.get $cx))
          (f64.load offset=2184 (local.get $cx)))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p1 (f64x2.mul (f64x2.add (local.get $p1) (local.get $f1)) (local.get $w)))
      (local.set $d1 (f64x2.mul (local.get $d1) (local.get $w)))
      (local.set $f1 (f64x2.mul (local.get $f1) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $h (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5)
          (f64x2.mul (local.get $ax) (v128.load offset=2912 align=8 (local.get $bx))))
        (f64x2.replace_lane 1 (v128.load64_splat offset=2912 (local.get $cx))
          (f64.load offset=3640 (local.get $cx)))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p2 (f64x2.mul (f64x2.add (local.get $p2) (local.get $f2)) (local.get $w)))
      (local.set $d2 (f64x2.mul (local.get $d2) (local.get $w)))
      (local.set $f2 (f64x2.mul (local.get $f2) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $h (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5)
          (f64x2.mul (local.get $ax) (v128.load offset=4368 align=8 (local.get $bx))))
        (f64x2.replace_lane 1 (v128.load64_splat offset=4368 (local.get $cx))
          (f64.load offset=5096 (local.get $cx)))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p3 (f64x2.mul (f64x2.add (local.get $p3) (local.get $f3)) (local.get $w)))
      (local.set $d3 (f64x2.mul (local.get $d3) (local.get $w)))
      (local.set $f3 (f64x2.mul (local.get $f3) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $h (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5)
          (f64x2.mul (local.get $ax) (v128.load offset=5824 align=8 (local.get $bx))))
        (f64x2.replace_lane 1 (v128.load64_splat offset=5824 (local.get $cx))
          (f64.load offset=6552 (local.get $cx)))))
      (local.set $w (f64x2.add (local.get $one) (local.get $h)))
      (local.set $p4 (f64x2.mul (f64x2.add (local.get $p4) (local.get $f4)) (local.get $w)))
      (local.set $d4 (f64x2.mul (local.get $d4) (local.get $w)))
      (local.set $f4 (f64x2.mul (local.get $f4) (f64x2.sub (local.get $one) (local.get $h))))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $ages (i32.lt_u (local.get $x) (i32.const 720))))
    (v128.store offset=0 align=8 (local.get $out)
      (call $tableE0 (local.get $p0) (local.get $f0) (local.get $d0)
        (f64x2.mul (f64x2.mul (v128.load64_splat (local.get $a))
                              (v128.load offset=0 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=0 (local.get $c))
                     (f64.load offset=728 (local.get $c))))
        (f64x2.mul (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                              (v128.load offset=1440 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=720 (local.get $c))
                     (f64.load offset=1448 (local.get $c))))
        (local.get $intercept) (local.get $slope) (local.get $high)))
    (v128.store offset=16 align=8 (local.get $out)
      (call $tableE0 (local.get $p1) (local.get $f1) (local.get $d1)
        (f64x2.mul (f64x2.mul (v128.load64_splat (local.get $a))
                              (v128.load offset=1456 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=1456 (local.get $c))
                     (f64.load offset=2184 (local.get $c))))
        (f64x2.mul (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                              (v128.load offset=2896 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=2176 (local.get $c))
                     (f64.load offset=2904 (local.get $c))))
        (local.get $intercept) (local.get $slope) (local.get $high)))
    (v128.store offset=32 align=8 (local.get $out)
      (call $tableE0 (local.get $p2) (local.get $f2) (local.get $d2)
        (f64x2.mul (f64x2.mul (v128.load64_splat (local.get $a))
                              (v128.load offset=2912 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=2912 (local.get $c))
                     (f64.load offset=3640 (local.get $c))))
        (f64x2.mul (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                              (v128.load offset=4352 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=3632 (local.get $c))
                     (f64.load offset=4360 (local.get $c))))
        (local.get $intercept) (local.get $slope) (local.get $high)))
    (v128.store offset=48 align=8 (local.get $out)
      (call $tableE0 (local.get $p3) (local.get $f3) (local.get $d3)
        (f64x2.mul (f64x2.mul (v128.load64_splat (local.get $a))
                              (v128.load offset=4368 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=4368 (local.get $c))
                     (f64.load offset=5096 (local.get $c))))
        (f64x2.mul (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                              (v128.load offset=5808 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=5088 (local.get $c))
                     (f64.load offset=5816 (local.get $c))))
        (local.get $intercept) (local.get $slope) (local.get $high)))
    (v128.store offset=64 align=8 (local.get $out)
      (call $tableE0 (local.get $p4) (local.get $f4) (local.get $d4)
        (f64x2.mul (f64x2.mul (v128.load64_splat (local.get $a))
                              (v128.load offset=5824 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=5824 (local.get $c))
                     (f64.load offset=6552 (local.get $c))))
        (f64x2.mul (f64x2.mul (v128.load64_splat offset=720 (local.get $a))
                              (v128.load offset=7264 align=8 (local.get $b)))
                   (f64x2.replace_lane 1 (v128.load64_splat offset=6544 (local.get $c))
                     (f64.load offset=7272 (local.get $c))))
        (local.get $intercept) (local.get $slope) (local.get $high))))

  ;; Life expectancy at birth and at 65 of two tables at once, one to a lane (life-table-wasm.ts:
  ;; SexLifeTables): per lane the operations of life-table.ts's lifeExpectancyBirthAnd65Into in
  ;; its order (no fused operations, a division an age), so the results are bit-identical to it.
  ;; $m, $f: the two tables' central death rates 0 … 89, 90+ (91 doubles each); $a0m, $a0f:
  ;; their infant separation factors; $out: e(0) of both (16 bytes), then e(65) of both (16
  ;; bytes); NaN for a table with a negative or missing rate or m(90+) not positive.
  (func (export "lifeExpectancyPair") (param $m i32) (param $f i32) (param $a0m f64)
        (param $a0f f64) (param $out i32)
    (local $x i32) (local $one v128) (local $half v128) (local $zero v128) (local $valid v128)
    (local $mx v128) (local $q v128) (local $a0 v128) (local $l v128) (local $next v128)
    (local $lived v128) (local $total v128) (local $later v128) (local $lLater v128)
    (local $mOpen v128) (local $open v128)
    (local.set $one (v128.const f64x2 1 1))
    (local.set $half (v128.const f64x2 0.5 0.5))
    (local.set $zero (v128.const f64x2 0 0))
    (local.set $mOpen (f64x2.replace_lane 1 (v128.load64_splat offset=720 (local.get $m))
      (f64.load offset=720 (local.get $f))))
    (local.set $valid (f64x2.gt (local.get $mOpen) (local.get $zero)))
    ;; Age 0: q0 = m0/(1 + (1 − a0)·m0), l(1) = 1 − q0 (0 from q0 ≥ 1), L(0) = l + a0·(1 − l).
    (local.set $mx (f64x2.replace_lane 1 (v128.load64_splat (local.get $m))
      (f64.load (local.get $f))))
    (local.set $valid (v128.and (local.get $valid) (f64x2.ge (local.get $mx) (local.get $zero))))
    (local.set $a0 (f64x2.replace_lane 1 (f64x2.splat (local.get $a0m)) (local.get $a0f)))
    (local.set $q (f64x2.div (local.get $mx) (f64x2.add (local.get $one)
      (f64x2.mul (f64x2.sub (local.get $one) (local.get $a0)) (local.get $mx)))))
    (local.set $l (v128.bitselect (local.get $zero) (f64x2.sub (local.get $one) (local.get $q))
      (f64x2.ge (local.get $q) (local.get $one))))
    (local.set $total (f64x2.add (local.get $l)
      (f64x2.mul (local.get $a0) (f64x2.sub (local.get $one) (local.get $l)))))
    ;; Ages 1 … 64, then 65 … 89 (whose person-years also make e(65)'s).
    (local.set $x (i32.const 8))
    (loop $young
      (local.set $mx (f64x2.replace_lane 1
        (v128.load64_splat (i32.add (local.get $m) (local.get $x)))
        (f64.load (i32.add (local.get $f) (local.get $x)))))
      (local.set $valid (v128.and (local.get $valid)
        (f64x2.ge (local.get $mx) (local.get $zero))))
      (local.set $q (f64x2.div (local.get $mx)
        (f64x2.add (local.get $one) (f64x2.mul (local.get $half) (local.get $mx)))))
      (local.set $next (v128.bitselect (local.get $zero)
        (f64x2.mul (local.get $l) (f64x2.sub (local.get $one) (local.get $q)))
        (f64x2.ge (local.get $q) (local.get $one))))
      (local.set $lived (f64x2.add (local.get $next)
        (f64x2.mul (local.get $half) (f64x2.sub (local.get $l) (local.get $next)))))
      (local.set $total (f64x2.add (local.get $total) (local.get $lived)))
      (local.set $l (local.get $next))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $young (i32.lt_u (local.get $x) (i32.const 520))))
    (local.set $lLater (local.get $l))
    (loop $old
      (local.set $mx (f64x2.replace_lane 1
        (v128.load64_splat (i32.add (local.get $m) (local.get $x)))
        (f64.load (i32.add (local.get $f) (local.get $x)))))
      (local.set $valid (v128.and (local.get $valid)
        (f64x2.ge (local.get $mx) (local.get $zero))))
      (local.set $q (f64x2.div (local.get $mx)
        (f64x2.add (local.get $one) (f64x2.mul (local.get $half) (local.get $mx)))))
      (local.set $next (v128.bitselect (local.get $zero)
        (f64x2.mul (local.get $l) (f64x2.sub (local.get $one) (local.get $q)))
        (f64x2.ge (local.get $q) (local.get $one))))
      (local.set $lived (f64x2.add (local.get $next)
        (f64x2.mul (local.get $half) (f64x2.sub (local.get $l) (local.get $next)))))
      (local.set $total (f64x2.add (local.get $total) (local.get $lived)))
      (local.set $later (f64x2.add (local.get $later) (local.get $lived)))
      (local.set $l (local.get $next))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $old (i32.lt_u (local.get $x) (i32.const 720))))
    ;; The open group: L(90+) = l(90)/m(90+).
    (local.set $open (f64x2.div (local.get $l) (local.get $mOpen)))
    (v128.store align=8 (local.get $out)
      (v128.bitselect (f64x2.add (local.get $total) (local.get $open))
        (v128.const f64x2 nan nan) (local.get $valid)))
    (v128.store offset=16 align=8 (local.get $out)
      (v128.bitselect
        (v128.bitselect
          (f64x2.div (f64x2.add (local.get $later) (local.get $open)) (local.get $lLater))
          (local.get $zero)
          (f64x2.gt (local.get $lLater) (local.get $zero)))
        (v128.const f64x2 nan nan) (local.get $valid))))

  ;; Natural logarithm, fdlibm's e_log.c (__ieee754_log) step for step: the algorithm of V8's
  ;; Math.log, restated in TypeScript in engine/kernels/fdlibm-log.ts (tested bit-identical to
  ;; Math.log over millions of arguments). x = 2^k·(1 + f) with √2/2 < 1 + f < √2 (the high
  ;; word's (hx + 0x95f64) & 0x100000 picks x or x/2), then log(1 + f) = f − s·(f − R) with
  ;; s = f/(2 + f) and R fdlibm's Remez polynomial Lg1…Lg7 in s², and log(x) = k·ln2_hi −
  ;; ((… − k·ln2_lo) − f). The constants are fdlibm's (bit patterns in the comments).
  (func $log (param $x f64) (result f64)
    (local $hx i32) (local $lx i32) (local $k i32) (local $i i32) (local $dk f64) (local $f f64)
    (local $s f64) (local $z f64) (local $w f64) (local $r f64) (local $hfsq f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $lx (i32.wrap_i64 (i64.reinterpret_f64 (local.get $x))))
    ;; x < 2^−1022: ±0 gives −∞, a negative x NaN, a subnormal x is scaled by 2^54
    (if (i32.lt_s (local.get $hx) (i32.const 0x00100000))
      (then
        (if (i32.eqz (i32.or (i32.and (local.get $hx) (i32.const 0x7fffffff)) (local.get $lx)))
          (then (return (f64.const -inf))))
        (if (i32.lt_s (local.get $hx) (i32.const 0)) (then (return (f64.const nan))))
        (local.set $k (i32.const -54))
        (local.set $x (f64.mul (local.get $x) (f64.const 0x1p54))) ;; two54
        (local.set $hx
          (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))))
    ;; +∞ and NaN give x + x; log(1) = +0
    (if (i32.ge_s (local.get $hx) (i32.const 0x7ff00000))
      (then (return (f64.add (local.get $x) (local.get $x)))))
    (if (i32.and (i32.eq (local.get $hx) (i32.const 0x3ff00000)) (i32.eqz (local.get $lx)))
      (then (return (f64.const 0))))
    (local.set $k (i32.add (local.get $k)
      (i32.sub (i32.shr_s (local.get $hx) (i32.const 20)) (i32.const 1023))))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x000fffff)))
    (local.set $i (i32.and (i32.add (local.get $hx) (i32.const 0x95f64)) (i32.const 0x100000)))
    ;; normalise x or x/2 (the high word becomes hx | (i ^ 0x3ff00000))
    (local.set $x (f64.reinterpret_i64 (i64.or
      (i64.and (i64.reinterpret_f64 (local.get $x)) (i64.const 0xffffffff))
      (i64.shl (i64.extend_i32_u
                 (i32.or (local.get $hx) (i32.xor (local.get $i) (i32.const 0x3ff00000))))
               (i64.const 32)))))
    (local.set $k (i32.add (local.get $k) (i32.shr_s (local.get $i) (i32.const 20))))
    (local.set $f (f64.sub (local.get $x) (f64.const 1)))
    (local.set $dk (f64.convert_i32_s (local.get $k)))
    ;; −2^−20 <= f < 2^−20: R = f²·(0.5 − f/3)
    (if (i32.lt_s (i32.and (i32.const 0x000fffff) (i32.add (i32.const 2) (local.get $hx)))
                  (i32.const 3))
      (then
        (if (f64.eq (local.get $f) (f64.const 0))
          (then
            (if (i32.eqz (local.get $k)) (then (return (f64.const 0))))
            (return (f64.add (f64.mul (local.get $dk) (f64.const 0x1.62e42fee00000p-1)) ;; ln2_hi 0x3fe62e42fee00000
                             (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33)))))) ;; ln2_lo 0x3dea39ef35793c76
        (local.set $r (f64.mul (f64.mul (local.get $f) (local.get $f))
          (f64.sub (f64.const 0.5)
                   (f64.mul (f64.const 0x1.5555555555555p-2) (local.get $f))))) ;; 0.33333333333333333
        (if (i32.eqz (local.get $k)) (then (return (f64.sub (local.get $f) (local.get $r)))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 0x1.62e42fee00000p-1)) ;; ln2_hi
          (f64.sub (f64.sub (local.get $r)
                            (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33))) ;; ln2_lo
                   (local.get $f))))))
    (local.set $s (f64.div (local.get $f) (f64.add (f64.const 2) (local.get $f))))
    (local.set $z (f64.mul (local.get $s) (local.get $s)))
    (local.set $w (f64.mul (local.get $z) (local.get $z)))
    ;; R = t2 + t1, t1 = w·(Lg2 + w·(Lg4 + w·Lg6)), t2 = z·(Lg1 + w·(Lg3 + w·(Lg5 + w·Lg7)))
    (local.set $r (f64.add
      (f64.mul (local.get $z)
        (f64.add (f64.const 0x1.5555555555593p-1) (f64.mul (local.get $w) ;; Lg1 0x3fe5555555555593
        (f64.add (f64.const 0x1.2492494229359p-2) (f64.mul (local.get $w) ;; Lg3 0x3fd2492494229359
        (f64.add (f64.const 0x1.7466496cb03dep-3) (f64.mul (local.get $w) ;; Lg5 0x3fc7466496cb03de
                 (f64.const 0x1.2f112df3e5244p-3)))))))) ;; Lg7 0x3fc2f112df3e5244
      (f64.mul (local.get $w)
        (f64.add (f64.const 0x1.999999997fa04p-2) (f64.mul (local.get $w) ;; Lg2 0x3fd999999997fa04
        (f64.add (f64.const 0x1.c71c51d8e78afp-3) (f64.mul (local.get $w) ;; Lg4 0x3fcc71c51d8e78af
                 (f64.const 0x1.39a09d078c69fp-3)))))))) ;; Lg6 0x3fc39a09d078c69f
    ;; (hx − 0x6147a) | (0x6b851 − hx) > 0: 1 + f outside about [1.38, 1.42], the hfsq form
    (if (i32.gt_s (i32.or (i32.sub (local.get $hx) (i32.const 0x6147a))
                          (i32.sub (i32.const 0x6b851) (local.get $hx)))
                  (i32.const 0))
      (then
        (local.set $hfsq (f64.mul (f64.mul (f64.const 0.5) (local.get $f)) (local.get $f)))
        (if (i32.eqz (local.get $k))
          (then (return (f64.sub (local.get $f) (f64.sub (local.get $hfsq)
            (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $r))))))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 0x1.62e42fee00000p-1)) ;; ln2_hi
          (f64.sub
            (f64.sub (local.get $hfsq)
              (f64.add (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $r)))
                       (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33)))) ;; ln2_lo
            (local.get $f))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (local.get $f)
        (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $r)))))))
    (f64.sub (f64.mul (local.get $dk) (f64.const 0x1.62e42fee00000p-1)) ;; ln2_hi
      (f64.sub
        (f64.sub (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $r)))
                 (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33))) ;; ln2_lo
        (local.get $f))))

  ;; Quantile function of N(0, 1), engine/stats/qnorm.ts step for step: Wichura (1988),
  ;; Algorithm AS 241 (PPND16), Applied Statistics 37(3):477-484. Central region |p − 0.5| <=
  ;; 0.425 a ratio of polynomials of degree 7 in r = 0.180625 − q²; the tails in
  ;; r = √(−log(min(p, 1 − p))), r <= 5 and r > 5; p outside [0, 1] or NaN gives NaN, 0 and 1
  ;; give ∓∞. The coefficients are qnorm.ts's (A0…F7), as hexadecimal floats of the same values.
  (func $qnorm (param $p f64) (result f64)
    (local $q f64) (local $r f64) (local $value f64)
    (local.set $q (f64.sub (local.get $p) (f64.const 0.5)))
    (if (f64.le (f64.abs (local.get $q)) (f64.const 0x1.b333333333333p-2)) ;; 0.425
      (then
        (local.set $r (f64.sub (f64.const 0x1.71eb851eb851fp-3) ;; 0.180625
                               (f64.mul (local.get $q) (local.get $q))))
        (return (f64.div
          (f64.mul (local.get $q)
        (f64.add (f64.const 0x1.b18d91e9eef75p1) (f64.mul (local.get $r) ;; A0
        (f64.add (f64.const 0x1.0a4888b1a436ep7) (f64.mul (local.get $r) ;; A1
        (f64.add (f64.const 0x1.ece5d2213c0ccp10) (f64.mul (local.get $r) ;; A2
        (f64.add (f64.const 0x1.ad1d8cd4ee71dp13) (f64.mul (local.get $r) ;; A3
        (f64.add (f64.const 0x1.66c3e869b752ap15) (f64.mul (local.get $r) ;; A4
        (f64.add (f64.const 0x1.06c1c55b78f20p16) (f64.mul (local.get $r) ;; A5
        (f64.add (f64.const 0x1.052d26b2e45e4p15) (f64.mul (local.get $r) ;; A6
          (f64.const 0x1.39a296f7d925ep11)))))))))))))))) ;; A7
        (f64.add (f64.const 1) (f64.mul (local.get $r) ;; 1
        (f64.add (f64.const 0x1.5281b386e1ab5p5) (f64.mul (local.get $r) ;; B1
        (f64.add (f64.const 0x1.5797efdc8b3f7p9) (f64.mul (local.get $r) ;; B2
        (f64.add (f64.const 0x1.512322e75c89fp12) (f64.mul (local.get $r) ;; B3
        (f64.add (f64.const 0x1.4b772d5d65266p14) (f64.mul (local.get $r) ;; B4
        (f64.add (f64.const 0x1.3317caa64f4bep15) (f64.mul (local.get $r) ;; B5
        (f64.add (f64.const 0x1.c0e457cb1ae76p14) (f64.mul (local.get $r) ;; B6
          (f64.const 0x1.46a7eca984b69p12))))))))))))))))))) ;; B7
    (if (i32.eqz (i32.and (f64.ge (local.get $p) (f64.const 0)) (f64.le (local.get $p) (f64.const 1))))
      (then (return (f64.const nan))))
    (if (f64.eq (local.get $p) (f64.const 0)) (then (return (f64.const -inf))))
    (if (f64.eq (local.get $p) (f64.const 1)) (then (return (f64.const inf))))
    (local.set $r (f64.sqrt (f64.neg (call $log
      (select (local.get $p) (f64.sub (f64.const 1) (local.get $p))
              (f64.lt (local.get $q) (f64.const 0)))))))
    (if (f64.le (local.get $r) (f64.const 5))
      (then
        (local.set $r (f64.sub (local.get $r) (f64.const 0x1.999999999999ap0))) ;; 1.6
        (local.set $value (f64.div
        (f64.add (f64.const 0x1.6c665fde9526ap0) (f64.mul (local.get $r) ;; C0
        (f64.add (f64.const 0x1.2857748cab19bp2) (f64.mul (local.get $r) ;; C1
        (f64.add (f64.const 0x1.713f71462256ap2) (f64.mul (local.get $r) ;; C2
        (f64.add (f64.const 0x1.d2ecb1a3d02c4p1) (f64.mul (local.get $r) ;; C3
        (f64.add (f64.const 0x1.453cc085375b2p0) (f64.mul (local.get $r) ;; C4
        (f64.add (f64.const 0x1.ef2abb9b85c37p-3) (f64.mul (local.get $r) ;; C5
        (f64.add (f64.const 0x1.744eb6c45ec67p-6) (f64.mul (local.get $r) ;; C6
          (f64.const 0x1.9615ac0b7ace9p-11))))))))))))))) ;; C7
        (f64.add (f64.const 1) (f64.mul (local.get $r) ;; 1
        (f64.add (f64.const 0x1.06cefbb46a449p1) (f64.mul (local.get $r) ;; D1
        (f64.add (f64.const 0x1.ad278e6526633p0) (f64.mul (local.get $r) ;; D2
        (f64.add (f64.const 0x1.61292f23385c9p-1) (f64.mul (local.get $r) ;; D3
        (f64.add (f64.const 0x1.2f5123394f040p-3) (f64.mul (local.get $r) ;; D4
        (f64.add (f64.const 0x1.f207a7eab17bfp-7) (f64.mul (local.get $r) ;; D5
        (f64.add (f64.const 0x1.1f18cbfdf2728p-11) (f64.mul (local.get $r) ;; D6
          (f64.const 0x1.20d3f686439e4p-30)))))))))))))))))) ;; D7
      (else
        (local.set $r (f64.sub (local.get $r) (f64.const 5)))
        (local.set $value (f64.div
        (f64.add (f64.const 0x1.aa1b1c13ee526p2) (f64.mul (local.get $r) ;; E0
        (f64.add (f64.const 0x1.5daea6e875003p2) (f64.mul (local.get $r) ;; E1
        (f64.add (f64.const 0x1.c8ea6461fa445p0) (f64.mul (local.get $r) ;; E2
        (f64.add (f64.const 0x1.2fad9315255cfp-2) (f64.mul (local.get $r) ;; E3
        (f64.add (f64.const 0x1.b2b41193b4ee7p-6) (f64.mul (local.get $r) ;; E4
        (f64.add (f64.const 0x1.45c1908425345p-10) (f64.mul (local.get $r) ;; E5
        (f64.add (f64.const 0x1.c6ec6cc59e02ap-16) (f64.mul (local.get $r) ;; E6
          (f64.const 0x1.afb74d693bf93p-23))))))))))))))) ;; E7
        (f64.add (f64.const 1) (f64.mul (local.get $r) ;; 1
        (f64.add (f64.const 0x1.331d34fc7d77fp-1) (f64.mul (local.get $r) ;; F1
        (f64.add (f64.const 0x1.186eb183443fbp-3) (f64.mul (local.get $r) ;; F2
        (f64.add (f64.const 0x1.e76f93215462ap-7) (f64.mul (local.get $r) ;; F3
        (f64.add (f64.const 0x1.9c8bc979dc5d7p-11) (f64.mul (local.get $r) ;; F4
        (f64.add (f64.const 0x1.35c2c496374bfp-16) (f64.mul (local.get $r) ;; F5
        (f64.add (f64.const 0x1.31446f740b9e0p-23) (f64.mul (local.get $r) ;; F6
          (f64.const 0x1.269bff1f8c190p-49))))))))))))))))))) ;; F7
    (select (f64.neg (local.get $value)) (local.get $value) (f64.lt (local.get $q) (f64.const 0))))

  ;; lowbias32 (C. Wellons, 2018): engine/rng/stream.ts `mix32`.
  (func $mix32 (param $x i32) (result i32)
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 16))))
    (local.set $x (i32.mul (local.get $x) (i32.const 0x7feb352d)))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 15))))
    (local.set $x (i32.mul (local.get $x) (i32.const 0x846ca68b)))
    (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 16))))

  ;; PERT draws (pert-draws-wasm.ts): out[i] = samplePreparedInto(pert_i, reuseStream(seed,
  ;; replicate, name_i)) for n draws, each from its own stream, the JavaScript's operations in
  ;; its order:
  ;;   - the stream: seedInto's Alea state from key = replicateKey(seed, replicate) and the
  ;;     name's words w0, w1, w2 (words + 12·i): s_j = mix32((key + j·0x9e3779b9) ^ w_j)·2^−32,
  ;;     c = 1; each uniform Alea's next(): t = 2091639·s0 + c·2^−32, s0 = s1, s1 = s2,
  ;;     c = trunc(t) (t >= 0, so t | 0), s2 = t − c;
  ;;   - two Gamma deviates X (d1, c1) and Y (d2, c2) by Marsaglia & Tsang (2000), gammaInto's
  ;;     loop: x = qnorm(u) (u = 0 nudged to 2^−33), t = 1 + c·x (retry when t <= 0), v = t³,
  ;;     accept on a second uniform u < 1 − 0.0331·x⁴ or log(u) < 0.5·x² + d·(1 − v + log(v)),
  ;;     the deviate d·v (shapes >= 1: no boost);
  ;;   - out = a + b·(X/(X + Y)).
  ;; constants + 48·i holds a (min), b (max − min), d1, c1, d2, c2; key is a u32.
  (func (export "pertDraws")
    (param $words i32) (param $constants i32) (param $out i32) (param $n i32) (param $key i32)
    (local $end i32) (local $key1 i32) (local $key2 i32) (local $second i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $c f64) (local $t f64)
    (local $d f64) (local $cg f64) (local $x f64) (local $v f64) (local $u f64) (local $g f64)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $key1 (i32.add (local.get $key) (i32.const 0x9e3779b9)))
    (local.set $key2 (i32.add (local.get $key) (i32.const 0x3c6ef372))) ;; 2·0x9e3779b9 mod 2^32
    (block $done
      (loop $draw
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        ;; seedInto
        (local.set $s0 (f64.mul (f64.convert_i32_u (call $mix32
          (i32.xor (local.get $key) (i32.load (local.get $words))))) (f64.const 0x1p-32)))
        (local.set $s1 (f64.mul (f64.convert_i32_u (call $mix32
          (i32.xor (local.get $key1) (i32.load offset=4 (local.get $words))))) (f64.const 0x1p-32)))
        (local.set $s2 (f64.mul (f64.convert_i32_u (call $mix32
          (i32.xor (local.get $key2) (i32.load offset=8 (local.get $words))))) (f64.const 0x1p-32)))
        (local.set $c (f64.const 1))
        (local.set $second (i32.const 0))
        (local.set $d (f64.load offset=16 (local.get $constants)))
        (local.set $cg (f64.load offset=24 (local.get $constants)))
        (loop $gamma
          (block $accepted
            (loop $try
              ;; u = next(), 0 nudged to 2^−33; x = qnorm(u)
              (local.set $t (f64.add (f64.mul (f64.const 2091639) (local.get $s0))
                                     (f64.mul (local.get $c) (f64.const 0x1p-32))))
              (local.set $s0 (local.get $s1))
              (local.set $s1 (local.get $s2))
              (local.set $c (f64.trunc (local.get $t)))
              (local.set $s2 (f64.sub (local.get $t) (local.get $c)))
              (local.set $u (local.get $s2))
              (if (f64.eq (local.get $u) (f64.const 0)) (then (local.set $u (f64.const 0x1p-33))))
              (local.set $x (call $qnorm (local.get $u)))
              ;; t = 1 + c·x; retry when t <= 0
              (local.set $v (f64.add (f64.const 1) (f64.mul (local.get $cg) (local.get $x))))
              (br_if $try (f64.le (local.get $v) (f64.const 0)))
              (local.set $v (f64.mul (f64.mul (local.get $v) (local.get $v)) (local.get $v)))
              ;; u = next()
              (local.set $t (f64.add (f64.mul (f64.const 2091639) (local.get $s0))
                                     (f64.mul (local.get $c) (f64.const 0x1p-32))))
              (local.set $s0 (local.get $s1))
              (local.set $s1 (local.get $s2))
              (local.set $c (f64.trunc (local.get $t)))
              (local.set $s2 (f64.sub (local.get $t) (local.get $c)))
              (local.set $u (local.get $s2))
              ;; u < 1 − 0.0331·x·x·x·x
              (br_if $accepted (f64.lt (local.get $u)
                (f64.sub (f64.const 1) (f64.mul (f64.mul (f64.mul
                  (f64.mul (f64.const 0x1.0f27bb2fec56dp-5) (local.get $x)) ;; 0.0331
                  (local.get $x)) (local.get $x)) (local.get $x)))))
              ;; log(u) < 0.5·x·x + d·(1 − v + log(v))
              (br_if $accepted (f64.lt (call $log (local.get $u))
                (f64.add (f64.mul (f64.mul (f64.const 0.5) (local.get $x)) (local.get $x))
                  (f64.mul (local.get $d)
                    (f64.add (f64.sub (f64.const 1) (local.get $v)) (call $log (local.get $v)))))))
              (br $try)))
          ;; the first deviate: keep it, draw the second
          (if (i32.eqz (local.get $second))
            (then
              (local.set $g (f64.mul (local.get $d) (local.get $v)))
              (local.set $second (i32.const 1))
              (local.set $d (f64.load offset=32 (local.get $constants)))
              (local.set $cg (f64.load offset=40 (local.get $constants)))
              (br $gamma))))
        ;; a + b·(X/(X + Y))
        (local.set $v (f64.mul (local.get $d) (local.get $v)))
        (f64.store (local.get $out)
          (f64.add (f64.load (local.get $constants))
            (f64.mul (f64.load offset=8 (local.get $constants))
              (f64.div (local.get $g) (f64.add (local.get $g) (local.get $v))))))
        (local.set $words (i32.add (local.get $words) (i32.const 12)))
        (local.set $constants (i32.add (local.get $constants) (i32.const 48)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $draw))))
)
