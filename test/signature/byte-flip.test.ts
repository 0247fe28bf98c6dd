/**
 * A bounded byte-flip property (issue 13, Build 9): in a validly signed package, changing any
 * byte of any part a signature digests — Office's own signatures (Apache POI fixtures) and a
 * template signed like Excel signs it — makes the package invalid or malformed; never valid.
 *
 * Two ways in: a byte of a signed part's content changed and the package zipped again (the
 * digest must catch it), and a byte of the signed part's compressed data changed in the file as
 * it is (the inflater, the CRC-32 or the digest must catch it — unless the flip leaves the
 * inflated bytes identical, which a deflate stream allows, in which case nothing signed changed).
 * Relationships parts are digested through the RelationshipTransform, which by design ignores
 * what it does not select, so they are not "every byte signed"; the signature part itself is the
 * signature, not a signed part. Seeds are fixed, so a failure repeats.
 */
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { nodeHost } from '../../src/platform/node';
import { useHost, verifyPackage } from '../../src/signature';
import { signatureFixture } from '../support/fixtures';
import { whileValid } from '../support/fixture-times';
import { makeTestPki, signXlsx } from '../support/sign-opc';
import { sealedSubmission } from '../support/submissions';

interface Signed {
  name: string;
  bytes: Uint8Array;
  now?: Date;
  /** The parts a signature digests as their bytes. */
  parts: string[];
}

const RUNS = Number(process.env.FLIP_RUNS ?? 150);

/** Where each entry's compressed data lies in the zip (local header + name + extra skipped). */
function dataRanges(zip: Uint8Array): Map<string, [number, number]> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, [number, number]>();
  for (let at = 0; at + 30 < zip.length && view.getUint32(at, true) === 0x04034b50;) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extra = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    const start = at + 30 + nameLength + extra;
    out.set(name, [start, start + size]);
    at = start + size;
  }
  return out;
}

const sameContent = (a: Uint8Array, b: Uint8Array) => {
  try {
    const x = unzipSync(a);
    const y = unzipSync(b);
    return Object.keys(x).every((k) => y[k] && Buffer.compare(Buffer.from(x[k]), Buffer.from(y[k])) === 0);
  } catch {
    return false;
  }
};

let signed: Signed[];

beforeAll(async () => {
  useHost(nodeHost);
  const pki = await makeTestPki(mkdtempSync(path.join(tmpdir(), 'dti-flip-')));
  const template = await signXlsx(
    await sealedSubmission(2, 'Phường Thử'),
    { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem },
    new Date(Math.floor(Date.now() / 1000) * 1000),
  );
  const candidates: Omit<Signed, 'parts'>[] = [
    { name: 'template signed like Excel', bytes: template },
    ...['hello-world-signed.xlsx', 'ms-office-2010-signed.xlsx'].map((f) => ({
      name: f,
      bytes: signatureFixture(f),
      now: whileValid(f),
    })),
  ];
  signed = [];
  for (const c of candidates) {
    const r = await verifyPackage(c.bytes, { now: c.now });
    expect([c.name, r.status]).toEqual([c.name, 'valid-untrusted']);
    const uncovered = new Set(r.uncoveredParts);
    const parts = [...r.parts.keys()].filter(
      (p) => !uncovered.has(p) && !/\.rels$/.test(p) && !/^_xmlsignatures\//.test(p) && p !== '[Content_Types].xml',
    );
    signed.push({ ...c, parts });
  }
}, 120000);

afterAll(() => useHost({}));

test('each signed package has signed parts to flip (the property is not vacuous)', () => {
  for (const s of signed) expect([s.name, s.parts.length > 2]).toEqual([s.name, true]);
  expect(signed[0].parts).toEqual(expect.arrayContaining(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']));
});

describe.each([0, 1, 2])('package %#', (index) => {
  test(`any byte of a signed part's content changed → invalid or malformed (${RUNS} flips)`, async () => {
    const s = signed[index];
    const files = unzipSync(s.bytes);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: s.parts.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 1, max: 255 }),
        async (p, where, xor) => {
          const part = s.parts[p];
          const data = new Uint8Array(files[part]);
          const at = Math.floor(where * data.length);
          data[at] ^= xor;
          const r = await verifyPackage(zipSync({ ...files, [part]: data }), { now: s.now });
          return r.status === 'invalid' || r.status === 'malformed';
        },
      ),
      { numRuns: RUNS, seed: 1300 + index },
    );
  }, 60000);

  test(`any byte of a signed part's compressed data changed in the file → invalid or malformed (${RUNS} flips)`, async () => {
    const s = signed[index];
    const ranges = dataRanges(s.bytes);
    const spans = s.parts.map((p) => ranges.get(p)!).filter(([a, b]) => b > a);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: spans.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 1, max: 255 }),
        async (p, where, xor) => {
          const [start, end] = spans[p];
          const bytes = new Uint8Array(s.bytes);
          bytes[start + Math.floor(where * (end - start))] ^= xor;
          const r = await verifyPackage(bytes, { now: s.now });
          return r.status === 'invalid' || r.status === 'malformed' || sameContent(bytes, s.bytes);
        },
      ),
      { numRuns: RUNS, seed: 2600 + index },
    );
  }, 60000);
});
