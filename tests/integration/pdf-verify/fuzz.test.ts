import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import * as attacks from '../../support/pdf-attacks';
import { isAppError } from '../../../src/main/core/errors';
import { createVerifyFixture, type VerifyFixture } from './fixture';

/**
 * A deterministic fuzz pass: thousands of mutated copies of signed (and unsigned) plans go through
 * `verify` and a few hundred through `sign`. Every case must end in a report or an AppError with a
 * Vietnamese message — never another exception, never a hang — and a signed file whose signed bytes
 * were changed must never come out valid. HOSOKY_FUZZ_CASES raises the count.
 */
const CASES = Number(process.env.HOSOKY_FUZZ_CASES ?? 1500);
const SIGN_CASES = Math.max(50, Math.floor(CASES / 10));
const MAX_CASE_MS = 5000;

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['<<', '>>', '[', ']', ' R ', ' obj ', 'endobj', 'stream\n', 'endstream', '/Type /Sig', '/ByteRange [0 1 2 3]', '99999999999', '-1', '0 0 R', '%%EOF', 'xref\n0 1\n', 'startxref\n0\n', '(', ')', '<', '>', '/Prev 0', '/Length 999999'];

interface Mutation {
  bytes: Buffer;
  /** In-place changes only: positions that differ from the original. */
  changed: number[] | null;
}

function mutate(src: Buffer, rnd: () => number): Mutation {
  const pick = (n: number) => Math.floor(rnd() * n);
  const out = Buffer.from(src);
  switch (pick(7)) {
    case 0: {
      const n = 1 + pick(8);
      for (let i = 0; i < n; i++) out[pick(out.length)] = pick(256);
      break;
    }
    case 1: {
      const at = pick(out.length);
      const tok = Buffer.from(TOKENS[pick(TOKENS.length)]!, 'latin1');
      tok.copy(out, at, 0, Math.min(tok.length, out.length - at));
      break;
    }
    case 2: {
      // Change a digit (offsets, lengths, ByteRange, xref entries are numbers).
      for (let tries = 0; tries < 20; tries++) {
        const at = pick(out.length);
        if (out[at]! >= 0x30 && out[at]! <= 0x39) {
          out[at] = 0x30 + pick(10);
          break;
        }
      }
      break;
    }
    case 3:
      return { bytes: Buffer.from(src.subarray(0, pick(src.length))), changed: null };
    case 4: {
      const at = pick(src.length);
      const len = 1 + pick(200);
      return { bytes: Buffer.concat([src.subarray(0, at), src.subarray(Math.min(src.length, at + len))]), changed: null };
    }
    case 5: {
      const at = pick(src.length);
      const tok = Buffer.from(TOKENS[pick(TOKENS.length)]!, 'latin1');
      return { bytes: Buffer.concat([src.subarray(0, at), tok, src.subarray(at)]), changed: null };
    }
    default: {
      const at = pick(out.length);
      const len = Math.min(out.length - at, 1 + pick(64));
      for (let i = 0; i < len; i++) out[at + i] = pick(256);
    }
  }
  const changed: number[] = [];
  for (let i = 0; i < out.length; i++) if (out[i] !== src[i]) changed.push(i);
  return { bytes: out, changed };
}

describe('fuzz', () => {
  let fx: VerifyFixture;
  let seeds: Array<{ name: string; bytes: Buffer; gap: [number, number] | null }>;

  beforeAll(async () => {
    fx = await createVerifyFixture('hosoky-fuzz-');
    const base = path.join(fx.dir, 'base.pdf');
    await attacks.makeBasePdf(base, { formField: true });
    const streams = path.join(fx.dir, 'base-xrefstream.pdf');
    await attacks.makeBasePdf(streams, { objectStreams: true, shadow: true });
    const one = path.join(fx.dir, 'one.pdf');
    await attacks.signAs(base, one, { identity: fx.pki.teacher, chain: [fx.pki.caGov], certify: true });
    const two = path.join(fx.dir, 'two.pdf');
    await attacks.signAs(one, two, { identity: fx.pki.principal, chain: [fx.pki.caGov], placement: { page: 1, rect: [300, 80, 200, 60] } });
    const three = path.join(fx.dir, 'three.pdf');
    await attacks.signAs(streams, three, { identity: fx.pki.ecSigner, chain: [fx.pki.caCommercial] });
    const gapOf = (b: Buffer): [number, number] => {
      const { ranges } = attacks.lastSignature(b);
      return [ranges[1], ranges[2]];
    };
    seeds = [
      { name: 'base', bytes: fs.readFileSync(base), gap: null },
      { name: 'two', bytes: fs.readFileSync(two), gap: gapOf(fs.readFileSync(two)) },
      { name: 'three', bytes: fs.readFileSync(three), gap: gapOf(fs.readFileSync(three)) },
    ];
    for (const s of seeds.slice(1)) expect((await fx.verify(path.join(fx.dir, `${s.name}.pdf`))).verdict).toBe('valid');
  });
  afterAll(() => fx.cleanup());

  it(`verify: ${CASES} mutated PDFs, no crash, no hang, never valid when signed bytes changed`, async () => {
    const rnd = prng(20260524);
    const target = path.join(fx.dir, 'case.pdf');
    const outcomes = { report: 0, error: 0 };
    const failures: string[] = [];
    let slowest = 0;
    for (let i = 0; i < CASES; i++) {
      const seed = seeds[1 + (i % 2)]!;
      const m = mutate(seed.bytes, rnd);
      fs.writeFileSync(target, m.bytes);
      const t = performance.now();
      try {
        const r = await fx.verify(target);
        outcomes.report++;
        const touchedSigned = m.changed !== null && seed.gap !== null && m.changed.some((p) => p < seed.gap![0] || p >= seed.gap![1]);
        if (touchedSigned && r.verdict === 'valid') failures.push(`case ${i}: changed signed bytes ${m.changed!.slice(0, 5).join(',')} but verdict valid`);
      } catch (e) {
        if (!isAppError(e) || !e.messageVi) failures.push(`case ${i}: ${e instanceof Error ? `${e.name}: ${e.message} ${e.stack}` : String(e)}`);
        else outcomes.error++;
      }
      slowest = Math.max(slowest, performance.now() - t);
      if (failures.length >= 5) break;
    }
    expect(failures).toEqual([]);
    expect(slowest).toBeLessThan(MAX_CASE_MS);
    expect(outcomes.report + outcomes.error).toBe(CASES);
    expect(outcomes.report).toBeGreaterThan(CASES / 10);
  }, 240_000);

  it(`sign: ${SIGN_CASES} mutated unsigned PDFs are signed or refused with a clear error`, async () => {
    const rnd = prng(7);
    const input = path.join(fx.dir, 'sign-in.pdf');
    const output = path.join(fx.dir, 'sign-out.pdf');
    const failures: string[] = [];
    let signed = 0;
    for (let i = 0; i < SIGN_CASES; i++) {
      fs.writeFileSync(input, mutate(seeds[0]!.bytes, rnd).bytes);
      fs.rmSync(output, { force: true });
      try {
        await attacks.signAs(input, output, { identity: fx.pki.teacher, chain: [fx.pki.caGov] });
        signed++;
        // What the signer produced must at least be readable by the verifier.
        await fx.verify(output);
      } catch (e) {
        if (!isAppError(e) || !e.messageVi) failures.push(`case ${i}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      }
      if (failures.length >= 5) break;
    }
    expect(failures).toEqual([]);
    expect(signed).toBeGreaterThan(0);
  }, 240_000);
});
