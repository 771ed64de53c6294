import { Field } from "@noble/curves/abstract/modular.js";
import { type ProjPointType, weierstrassPoints } from "@noble/curves/abstract/weierstrass.js";
import { cryptoLimits } from "./limits.ts";

/** The SM2 recommended 256-bit curve of GM/T 0003.5-2012 (GB/T 32918.5-2017), y² = x³ + ax + b over F_p. */
export const sm2Curve = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
} as const;

export type Sm2Point = ProjPointType<bigint>;

export const sm2Field = Field(sm2Curve.p);
export const sm2ScalarField = Field(sm2Curve.n);

export const Sm2Point = weierstrassPoints({
  a: sm2Curve.a,
  b: sm2Curve.b,
  Fp: sm2Field,
  n: sm2Curve.n,
  h: 1n,
  Gx: sm2Curve.gx,
  Gy: sm2Curve.gy,
}).ProjectivePoint;

let generatorTableBuilt = false;

/** The generator, with its window table built on first use rather than at import, so loading core stays cheap. */
export function sm2Generator(): Sm2Point {
  if (!generatorTableBuilt) {
    withWindowTable(Sm2Point.BASE, cryptoLimits.sm2GeneratorWindowBits);
    generatorTableBuilt = true;
  }
  return Sm2Point.BASE;
}

/**
 * Makes noble keep a table of multiples of `point` with `windowBits`-bit windows, so later
 * multiplications of this same object need only additions. Noble 1.x exposes this as
 * `_setWindowSize`; its table is built lazily, so one multiplication builds it now.
 */
export function withWindowTable(point: Sm2Point, windowBits: number): Sm2Point {
  point._setWindowSize(windowBits);
  point.multiplyUnsafe(3n);
  return point;
}
