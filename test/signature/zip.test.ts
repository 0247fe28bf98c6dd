/**
 * Safe package reading: zip structure, limits (zip bombs), hostile names, and XML safety. Every
 * case is a real signed workbook (POI fixture) rebuilt byte by byte with one defect; each must be
 * `malformed` with a reason naming the problem, before any signature is even looked at.
 */
import { readFileSync } from 'fs';
import { crc32 } from 'zlib';
import path from 'path';
import { nodeHost } from '../../src/platform/node';
import { readWorkbookParts, useHost, type VerifyOptions, verifyPackage } from '../../src/signature';
import { buildZip, entriesOf, type RawEntry, rewriteEntry } from '../support/zip-tools';
import { SIGNATURE_FIXTURES } from '../support/fixtures';
import { whileValid } from '../support/fixture-times';

const FIXTURES = SIGNATURE_FIXTURES;
const signed = new Uint8Array(readFileSync(path.join(FIXTURES, 'hello-world-signed.xlsx')));
const base = () => entriesOf(signed);
const zeros = (n: number) => new Uint8Array(n);

/** The fixture's certificates expired in 2011: verified as of a date they were valid (support/fixture-times.ts). */
const NOW = whileValid('hello-world-signed.xlsx');

async function expectMalformed(bytes: Uint8Array, reason: RegExp, options?: VerifyOptions) {
  const r = await verifyPackage(bytes, { now: NOW, ...options });
  expect(r.status).toBe('malformed');
  expect(r.signatures).toEqual([]);
  expect(r.reasons[0]).toMatch(reason);
  return r;
}

const withEntry = (extra: RawEntry) => buildZip([...base(), extra]);
const changed = (name: string, change: Partial<RawEntry>) =>
  buildZip(base().map((e) => (e.name === name ? { ...e, ...change } : e)));

describe('zip structure', () => {
  test('the rebuilt package itself is still valid (so each defect below is the only problem)', async () => {
    expect((await verifyPackage(buildZip(base()), { now: NOW })).status).toBe('valid-untrusted');
  });

  test('not a zip at all', async () => {
    await expectMalformed(new TextEncoder().encode('hello, not a workbook'), /không tìm thấy thư mục trung tâm/);
  });

  test('a file cut short (no end of central directory)', async () => {
    await expectMalformed(signed.subarray(0, signed.length - 100), /thư mục trung tâm/);
  });

  test('truncated deflate data in an entry', async () => {
    const data = new TextEncoder().encode('<x>'.repeat(500));
    const { deflateSync } = await import('fflate');
    const compressed = deflateSync(data);
    await expectMalformed(
      withEntry({ name: 'xl/extra.bin', data, compressed: compressed.subarray(0, compressed.length - 8) }),
      /xl\/extra\.bin.*(truncated|corrupt)/,
    );
  });

  test('CRC-32 mismatch', async () => {
    await expectMalformed(changed('xl/styles.xml', { crc: 0x12345678 }), /xl\/styles\.xml.*CRC/);
  });

  test('encrypted entry', async () => {
    await expectMalformed(changed('xl/workbook.xml', { flags: 0x1 }), /xl\/workbook\.xml.*mã hóa.*encrypted/);
  });

  test('stored entry whose size disagrees with the header', async () => {
    await expectMalformed(
      withEntry({ name: 'xl/raw.bin', data: zeros(100), method: 0, declaredSize: 50 }),
      /xl\/raw\.bin.*size mismatch/,
    );
  });
});

describe('limits (zip bombs)', () => {
  test('an entry declaring more than the per-entry cap is refused before inflating (default 50 MB)', async () => {
    await expectMalformed(
      withEntry({ name: 'xl/media/bomb.bin', data: zeros(51 * 1024 * 1024) }),
      /bomb\.bin.*vượt giới hạn 52428800.*zip bomb/,
    );
  });

  test('an entry lying about its size stops inflating at the declared size', async () => {
    // 20 MB of zeros compress to ~20 KB but the headers claim 1,000 bytes.
    await expectMalformed(
      withEntry({ name: 'xl/media/liar.bin', data: zeros(20 * 1024 * 1024), declaredSize: 1000 }),
      /liar\.bin.*nhiều hơn 1000 byte.*zip bomb/,
    );
  });

  test('an entry holding more than it declares is refused even when its CRC-32 is that of the declared bytes', async () => {
    // A reader stopping at the declared 1,000 bytes would take them for the part (their CRC is
    // right), while Excel inflates the whole stream: two readings of one part. Small enough to be
    // inflated in one call (where the chunked reader is not used), so that path is the one held.
    const data = new Uint8Array(5000).map((_, i) => i % 251);
    await expectMalformed(
      withEntry({ name: 'xl/media/longer.bin', data, declaredSize: 1000, crc: crc32(data.subarray(0, 1000)) }),
      /longer\.bin.*nhiều hơn 1000 byte.*zip bomb/,
    );
  });

  test('total inflated size cap', async () => {
    await expectMalformed(signed, /Tổng dung lượng.*vượt giới hạn 10000/, { limits: { maxTotalInflated: 10_000 } });
  });

  test('entry count cap', async () => {
    await expectMalformed(signed, /16 mục, vượt giới hạn 5/, { limits: { maxEntries: 5 } });
  });
});

describe('entry names', () => {
  test('duplicate names differing only by case', async () => {
    const original = base().find((e) => e.name === 'xl/workbook.xml')!;
    await expectMalformed(
      withEntry({ name: 'XL/Workbook.xml', data: original.data }),
      /XL\/Workbook\.xml.*trùng tên.*xl\/workbook\.xml.*duplicate/,
    );
  });

  test('exact duplicate names', async () => {
    const sheet = base().find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    await expectMalformed(withEntry({ ...sheet }), /trùng tên/);
  });

  test.each([
    ['../evil.xml', /path traversal/],
    ['xl/../../evil.xml', /path traversal/],
    ['/etc/evil.xml', /đường dẫn tuyệt đối/],
    ['C:/evil.xml', /đường dẫn tuyệt đối/],
    ['xl\\evil.xml', /gạch chéo ngược/],
  ])('unsafe name %s', async (name, reason) => {
    await expectMalformed(withEntry({ name, data: new TextEncoder().encode('<x/>') }), reason);
  });
});

describe('XML safety', () => {
  test('a DOCTYPE in a signed part', async () => {
    const bomb = rewriteEntry(signed, 'xl/worksheets/sheet1.xml', (x) =>
      x.replace('?>', '?><!DOCTYPE worksheet [<!ENTITY lol "lol">]>'),
    );
    await expectMalformed(bomb, /xl\/worksheets\/sheet1\.xml.*<!DOCTYPE>/);
  });

  test('an ENTITY declaration in a part nobody parses (docProps/app.xml)', async () => {
    const bomb = rewriteEntry(signed, 'docProps/app.xml', (x) =>
      x.replace('?>', '?>\n<!ENTITY x SYSTEM "file:///etc/passwd">'),
    );
    await expectMalformed(bomb, /docProps\/app\.xml.*<!ENTITY>/);
  });

  test('a DOCTYPE inside the signature part', async () => {
    const bomb = rewriteEntry(signed, '_xmlsignatures/sig1.xml', (x) => x.replace('?>', '?><!DOCTYPE Signature>'));
    await expectMalformed(bomb, /_xmlsignatures\/sig1\.xml.*DOCTYPE/);
  });

  test('a signature part that is not well-formed XML', async () => {
    const broken = rewriteEntry(signed, '_xmlsignatures/sig1.xml', (x) => x.replace('</SignedInfo>', '</SignedInf>'));
    await expectMalformed(broken, /_xmlsignatures\/sig1\.xml không phải XML hợp lệ/);
  });
});

describe('nesting depth (refused while parsing, > 256 levels)', () => {
  const nested = (depth: number) => `${'<x:b xmlns:x="urn:x">'}${'<x:b>'.repeat(depth - 1)}${'</x:b>'.repeat(depth)}`;
  // The signature part's root is level 1; an Object (level 2) holding the nest adds 2 levels.
  const deepSignature = (depth: number) =>
    rewriteEntry(signed, '_xmlsignatures/sig1.xml', (x) =>
      x.replace('</Signature>', `<Object>${nested(depth)}</Object></Signature>`),
    );

  test('a signature part nested 257 levels deep is malformed, naming the limit', async () => {
    await expectMalformed(
      deepSignature(255),
      /_xmlsignatures\/sig1\.xml lồng phần tử sâu hơn 256 cấp \(XML nested deeper than 256 levels\)/,
    );
  });

  test('256 levels is still read (and the signature then fails on its own terms: the markup was added after signing)', async () => {
    const r = await verifyPackage(deepSignature(254), { now: NOW });
    expect(r.status).not.toBe('malformed');
  });

  test('a 40 KB part nested thousands deep costs no time: refused at level 257', async () => {
    const deep = deepSignature(4000);
    expect(deep.length).toBeLessThan(60000);
    const t0 = Date.now();
    await expectMalformed(deep, /sâu hơn 256 cấp/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  test('a Relationships part nested deep (not of the flat shape, so parsed) is malformed too', async () => {
    const deep = rewriteEntry(signed, '_rels/.rels', (x) =>
      x.replace('</Relationships>', `${nested(300)}</Relationships>`),
    );
    await expectMalformed(deep, /_rels\/\.rels lồng phần tử sâu hơn 256 cấp/);
  });
});

describe('the package file itself', () => {
  test('a package over the size cap (20 MB) is refused before it is read', async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    await expectMalformed(big, /vượt giới hạn 20971520 byte \(file larger than 20971520 bytes\)/);
  });

  test('readWorkbookParts (dti score, template --from) keeps the limits and never inflates media', () => {
    // 40 MB of zeros declared honestly under xl/media/: its limits are checked, its bytes never inflated.
    const withMedia = buildZip([...base(), { name: 'xl/media/image1.png', data: zeros(40 * 1024 * 1024) }]);
    expect(withMedia.length).toBeLessThan(1024 * 1024);
    const parts = readWorkbookParts(withMedia);
    expect(parts.has('xl/media/image1.png')).toBe(false);
    expect(parts.has('xl/workbook.xml')).toBe(true);
    const bomb = buildZip([...base(), { name: 'xl/media/image1.png', data: zeros(60 * 1024 * 1024) }]);
    expect(() => readWorkbookParts(bomb)).toThrow(/vượt giới hạn 52428800 \(zip bomb\?\)/);
    const doctype = rewriteEntry(signed, 'xl/workbook.xml', (x) =>
      x.replace('<workbook', '<!DOCTYPE workbook [<!ENTITY e "x">]><workbook'),
    );
    expect(() => readWorkbookParts(doctype)).toThrow(/DOCTYPE/);
  });
});

describe("the host's primitives (Node zlib and crypto, as the council's workers use them) keep the same limits", () => {
  afterEach(() => useHost({}));

  test('a valid package reads the same', async () => {
    const plain = await verifyPackage(signed, { now: NOW });
    useHost(nodeHost);
    const r = await verifyPackage(signed, { now: NOW });
    expect(r.status).toBe('valid-untrusted');
    expect([...r.parts.keys()]).toEqual([...plain.parts.keys()]);
    for (const [k, v] of plain.parts) expect(Buffer.compare(Buffer.from(r.parts.get(k)!), Buffer.from(v))).toBe(0);
  });

  test('an entry inflating past its declared size is refused (lying zip bomb)', async () => {
    useHost(nodeHost);
    await expectMalformed(
      withEntry({ name: 'xl/media/liar.bin', data: zeros(20 * 1024 * 1024), declaredSize: 1000 }),
      /liar\.bin.*1000 byte.*zip bomb/,
    );
  });

  test('a CRC-32 mismatch is still caught', async () => {
    useHost(nodeHost);
    await expectMalformed(changed('xl/styles.xml', { crc: 0x12345678 }), /xl\/styles\.xml.*CRC/);
  });

  test('truncated deflate data is still refused', async () => {
    useHost(nodeHost);
    const data = new TextEncoder().encode('<x>'.repeat(500));
    const { deflateSync } = await import('fflate');
    const compressed = deflateSync(data);
    await expectMalformed(
      withEntry({ name: 'xl/extra.bin', data, compressed: compressed.subarray(0, compressed.length - 8) }),
      /xl\/extra\.bin/,
    );
  });
});
