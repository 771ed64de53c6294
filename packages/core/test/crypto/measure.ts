/**
 * Verifications per second on one thread, run by hand (not part of the test suite):
 *   node --import tsx packages/core/test/crypto/measure.ts
 * Rates are per second of this process's CPU time, so that other work on a shared machine does
 * not lower them; wall-clock rates are printed beside them. Messages are 250 bytes. "1 key" is one
 * busy signer; "100 keys" rotates through 100 signers, the shape of a commit's validator
 * signatures; "1000 keys" exceeds the SM2 table cache, the worst case for the gm fast path.
 */
import { sm2 } from "sm-crypto-v2";
import { toHex } from "../../src/bytes.ts";
import { type CryptoSuite, gmSuite, intlSuite } from "../../src/crypto/index.ts";
import { gmSuitePortable, intlSuitePortable } from "../../src/crypto/portable.ts";

const messageBytes = 250;
const cpuMsPerCase = 4000;

interface Sample {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

function samples(suite: CryptoSuite, keyCount: number, count: number): Sample[] {
  const keys = Array.from({ length: keyCount }, () => suite.generatePrivateKey());
  const publicKeys = keys.map((key) => suite.publicKeyOf(key));
  return Array.from({ length: count }, (_, index) => {
    const message = suite.randomBytes(messageBytes);
    const signature = suite.sign(keys[index % keyCount] as Uint8Array, message);
    return { publicKey: publicKeys[index % keyCount] as Uint8Array, message, signature };
  });
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

interface Rates {
  readonly perCpuSecond: number;
  readonly perWallSecond: number;
}

/** Untimed passes first: each key verifies this many signatures, so the JIT and the key caches are as in a running node. */
const warmUpsPerKey = 8;

function measure(verifyOne: (sample: Sample) => boolean, pool: readonly Sample[], keyCount: number): Rates {
  const warmUpPasses = Math.ceil((warmUpsPerKey * keyCount) / pool.length);
  for (let pass = 0; pass < warmUpPasses; pass++) {
    for (const sample of pool) if (!verifyOne(sample)) throw new Error("a valid signature did not verify");
  }
  let verified = 0;
  const cpuStart = cpuMs();
  const wallStart = performance.now();
  while (cpuMs() - cpuStart < cpuMsPerCase) {
    for (const sample of pool) verifyOne(sample);
    verified += pool.length;
  }
  return {
    perCpuSecond: Math.round((verified / (cpuMs() - cpuStart)) * 1000),
    perWallSecond: Math.round((verified / (performance.now() - wallStart)) * 1000),
  };
}

function report(name: string, rates: Rates): void {
  console.log(`${name.padEnd(50)} ${String(rates.perCpuSecond).padStart(7)} /s CPU   ${String(rates.perWallSecond).padStart(7)} /s wall`);
}

const suiteCases: [string, CryptoSuite, number, number][] = [
  ["intl, node backend (OpenSSL), 1 key", intlSuite, 1, 200],
  ["intl, node backend (OpenSSL), 100 keys", intlSuite, 100, 400],
  ["intl, portable backend (noble), 1 key", intlSuitePortable, 1, 50],
  ["gm, node backend, 1 key", gmSuite, 1, 200],
  ["gm, node backend, 100 keys", gmSuite, 100, 400],
  ["gm, node backend, 1000 keys", gmSuite, 1000, 1000],
  ["gm, portable backend, 1 key", gmSuitePortable, 1, 200],
];

for (const [name, suite, keyCount, poolSize] of suiteCases) {
  const pool = samples(suite, keyCount, poolSize);
  report(name, measure((sample) => suite.verify(sample.publicKey, sample.message, sample.signature), pool, keyCount));
}

const smCryptoPool = samples(gmSuite, 1, 50);
const hexOf = new Map(smCryptoPool.map((sample) => [sample, { publicKey: toHex(sample.publicKey), signature: toHex(sample.signature) }]));
report(
  "sm-crypto-v2 doVerifySignature(hash: true), 1 key",
  measure((sample) => {
    const encoded = hexOf.get(sample);
    return encoded !== undefined && sm2.doVerifySignature(sample.message, encoded.signature, encoded.publicKey, { hash: true });
  }, smCryptoPool, 1),
);
