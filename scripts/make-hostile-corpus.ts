/**
 * The hostile corpus (issue 13): small damaged and hostile inputs, each with the outcome it must
 * get, in test/fixtures/hostile/ — TEST MATERIAL, signed by a corpus CA made on the spot (its key
 * is never written; only corpus-ca.pem is kept, for --trust).
 *
 *   npx ts-node --transpile-only scripts/make-hostile-corpus.ts
 *
 * Every file is written by this script, and `cases.json` lists what `dti` must answer for each:
 * the command, the status (`dti verify --json`), the exit code, a fragment of the message (and
 * one that must be absent), and a time bound. test/cli/hostile-corpus.test.ts runs every case
 * through the built binary. The expectations are written here from the rules, never
 * copied from the output. Cases that cannot be files in a repository (a FIFO, a device, a folder
 * named .xlsx) are rows with `make`, created by the test in a temporary folder.
 *
 * Certificates are valid 2025-01-01 → 2099-12-31 and files are signed on 2025-11-20 (the expired
 * signer: 2020–2021), so the corpus keeps its meaning for decades.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { locateTemplate } from '../src/template';
import { readParts } from '../src/workbook';
import { makeTestPki, signCmsDetached, signXlsx, type SigningKey } from '../test/support/sign-opc';
import { sealedSubmission } from '../test/support/submissions';
import {
  addRow,
  dropDefinedNames,
  injectAfterCell,
  injectBefore,
  insertRows,
  MAIN_PART,
  renameSheet,
  rewritePart,
  setCell,
} from '../test/support/hostile';
import { buildZip, entriesOf } from '../test/support/zip-tools';
import type { HostileCase } from '../test/support/corpus';

const OUT = join(__dirname, '..', 'test', 'fixtures', 'hostile');
const VALID_FROM = new Date('2025-01-01T00:00:00Z');
const VALID_UNTIL = new Date('2099-12-31T23:59:59Z');
const SIGNED_AT = new Date('2025-11-20T09:00:00Z');
const MAIN = 'Tự đánh giá';
/** A command that ends at once: well within this, with a process start and a worker. */
const QUICK = 8000;

async function main(): Promise<void> {
  const pkiDir = mkdtempSync(join(tmpdir(), 'dti-corpus-ca-'));
  const pki = await makeTestPki(pkiDir, { notBefore: VALID_FROM, notAfter: VALID_UNTIL });
  const signer: SigningKey = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
  const expired: SigningKey = { privateKeyPem: pki.expiredKeyPem, certificatePem: pki.expiredPem };
  const sign = (bytes: Uint8Array, at = SIGNED_AT, key = signer) => signXlsx(bytes, key, at);

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'corpus-ca.pem'), pki.rootPem);
  const cases: HostileCase[] = [];
  const write = (file: string, bytes: Uint8Array | string) =>
    writeFileSync(join(OUT, file), typeof bytes === 'string' ? strToU8(bytes) : bytes);
  const add = (c: HostileCase) => cases.push({ maxMs: QUICK, ...c });

  const honest = await sealedSubmission(3, 'Phường Thử Nghiệm');
  // Sealed over I.4.1 = 5 articles (10 points), for the files that then show another value.
  const sealedHigh = await sealedSubmission(3, 'Phường Thử Nghiệm', false, { values: { 'I.4.1': 5 } });
  const located = locateTemplate(readParts(new Map(Object.entries(unzipSync(sealedHigh)))));
  if (!located.found) throw new Error('the sample is not a template');
  const layout = located.info.layout as typeof located.info.layout & { valueColumn?: string };
  const input = `${layout.valueColumn ?? layout.slotColumns[0]}${layout.rows['I.4.1']}`;
  const idColumn = layout.idColumn;
  const shown0 = setCell(sealedHigh, input, 0);

  // — Signatures and the signing time (Why §2).
  write('good.xlsx', await sign(honest));
  add({
    file: 'good.xlsx',
    about: 'signed and sealed, untouched',
    command: 'verify',
    status: 'valid',
    exit: 0,
    message: 'Mã niêm phong khớp',
  });
  write('expired-backdated.xlsx', await sign(honest, new Date('2020-06-01T08:00:00Z'), expired));
  add({
    file: 'expired-backdated.xlsx',
    about: 'an expired certificate, the signing time back-dated into its validity',
    command: 'verify',
    status: 'invalid',
    exit: 1,
    message: 'đã hết hạn tại thời điểm xác minh',
  });
  write('future-time.xlsx', await sign(honest, new Date('2099-01-01T00:00:00Z')));
  add({
    file: 'future-time.xlsx',
    about: 'a signing time in 2099',
    command: 'verify',
    status: 'invalid',
    exit: 1,
    message: 'ở tương lai',
  });
  write('broken-p7s.xlsx', await sign(honest));
  write('broken-p7s.xlsx.p7s', 'not a CMS signature');
  add({
    file: 'broken-p7s.xlsx',
    about: 'validly signed, a broken .p7s beside it',
    command: 'verify',
    status: 'valid',
    exit: 0,
    message: '.p7s kèm theo bị hỏng',
  });
  write('p7s-only.xlsx', honest);
  write('p7s-only.xlsx.p7s', await signCmsDetached(honest, signer, undefined, SIGNED_AT));
  add({
    file: 'p7s-only.xlsx',
    about: 'unsigned inside, a valid detached CMS beside it',
    command: 'verify',
    status: 'valid',
    exit: 0,
    message: 'Mã niêm phong khớp',
  });

  // — What the council reads is what Excel shows (Why §1).
  write('hidden-comment.xlsx', await sign(injectAfterCell(shown0, input, `<!--<c r="${input}"><v>5</v></c>-->`)));
  add({
    file: 'hidden-comment.xlsx',
    about: 'I.4.1 shows 0; a copy holding 5 in an XML comment; sealed over 5',
    command: 'verify',
    status: 'valid',
    exit: 1,
    message: 'Mã niêm phong KHÔNG khớp',
  });
  write(
    'hidden-extlst.xlsx',
    await sign(
      injectBefore(
        shown0,
        MAIN_PART,
        '</worksheet>',
        `<extLst><ext uri="{x}"><![CDATA[<c r="${input}"><v>5</v></c>]]><row r="1"><c r="${input}"><v>5</v></c></row></ext></extLst>`,
      ),
    ),
  );
  add({
    file: 'hidden-extlst.xlsx',
    about: 'I.4.1 shows 0; copies holding 5 in extLst (CDATA and an element); sealed over 5',
    command: 'verify',
    status: 'valid',
    exit: 1,
    message: 'Mã niêm phong KHÔNG khớp',
  });
  const hiddenRow = addRow(shown0, 900, { [idColumn]: 'I.4.1', [input.replace(/\d+$/, '')]: 5 }, true);
  write('hidden-row.xlsx', await sign(hiddenRow));
  add({
    file: 'hidden-row.xlsx',
    about: 'a second, hidden row with the id I.4.1 far below',
    command: 'verify',
    status: 'valid',
    exit: 1,
    message: 'I.4.1 có ở 2 dòng',
  });
  add({
    file: 'hidden-row.xlsx',
    about: 'the same, ranked',
    command: 'rank',
    exit: 0,
    message: 'Xếp hạng 0/1 bài nộp',
  });
  add({
    file: 'hidden-row.xlsx',
    about: 'the same, carried into a new template (the two rows reported)',
    command: 'template',
    exit: 1,
    message: 'Mã tiêu chí I.4.1 có ở 2 dòng',
  });
  write('duplicate-cell.xlsx', await sign(injectAfterCell(shown0, input, `<c r="${input}"><v>5</v></c>`)));
  add({
    file: 'duplicate-cell.xlsx',
    about: 'two cells at one address',
    command: 'verify',
    status: 'malformed',
    exit: 1,
    message: 'xuất hiện hai lần',
  });
  add({
    file: 'duplicate-cell.xlsx',
    about: 'the same, scored',
    command: 'score',
    exit: 2,
    message: 'xuất hiện hai lần',
  });

  // — The template found by its identity (Why §3, §7).
  write('renamed-sheet.xlsx', renameSheet(honest, MAIN, 'Bảng tự chấm'));
  add({
    file: 'renamed-sheet.xlsx',
    about: 'the main sheet renamed',
    command: 'score',
    exit: 0,
    message: 'Phường Thử Nghiệm',
    absent: 'Chưa nhập',
  });
  add({
    file: 'renamed-sheet.xlsx',
    about: 'the same, carried into a new template',
    command: 'template',
    exit: 0,
    message: 'Giữ lại số liệu của 79 tiêu chí',
  });
  write('rows-inserted.xlsx', insertRows(honest, 2, 3));
  add({
    file: 'rows-inserted.xlsx',
    about: 'three rows inserted above the header',
    command: 'score',
    exit: 0,
    message: 'Phường Thử Nghiệm',
    absent: 'Chưa nhập',
  });
  write('dti-renamed.xlsx', renameSheet(honest, '_dti', 'dti cũ'));
  add({
    file: 'dti-renamed.xlsx',
    about: 'the identity sheet renamed',
    command: 'score',
    exit: 0,
    message: 'Phường Thử Nghiệm',
    absent: 'Chưa nhập',
  });
  write('no-main-sheet.xlsx', dropDefinedNames(renameSheet(honest, MAIN, 'Khác')));
  add({
    file: 'no-main-sheet.xlsx',
    about: 'the main sheet renamed and the names dropped',
    command: 'score',
    exit: 2,
    message: 'không tìm thấy trang tự đánh giá',
  });
  add({
    file: 'no-main-sheet.xlsx',
    about: 'the same, carried',
    command: 'template',
    exit: 2,
    message: 'không tìm thấy trang tự đánh giá',
  });
  write('rubric-mismatch.xlsx', setCell(honest, 'B3', 'hue-931-2024'));
  add({
    file: 'rubric-mismatch.xlsx',
    about: 'the rubric cell differs from _dti',
    command: 'score',
    exit: 1,
    message: 'khác với danh tính của mẫu',
  });

  // — Hostile packages (Why §4, §8).
  const nest = (n: number) => `<x:e xmlns:x="urn:x">${'<x:e>'.repeat(n - 1)}${'</x:e>'.repeat(n)}`;
  write(
    'deep-sheet.xlsx',
    injectBefore(honest, MAIN_PART, '</worksheet>', `<extLst><ext uri="{x}">${nest(4000)}</ext></extLst>`),
  );
  add({
    file: 'deep-sheet.xlsx',
    about: 'a sheet nested 4,000 deep',
    command: 'verify',
    status: 'malformed',
    exit: 1,
    message: 'sâu hơn 256 cấp',
  });
  add({ file: 'deep-sheet.xlsx', about: 'the same, scored', command: 'score', exit: 2, message: 'sâu hơn 256 cấp' });
  write(
    'deep-rels.xlsx',
    rewritePart(honest, '_rels/.rels', (x) => x.replace('</Relationships>', `${nest(4000)}</Relationships>`)),
  );
  add({
    file: 'deep-rels.xlsx',
    about: 'a Relationships part nested 4,000 deep',
    command: 'verify',
    status: 'malformed',
    exit: 1,
    message: 'sâu hơn 256 cấp',
  });
  const entries = entriesOf(honest);
  write('zip-bomb.xlsx', buildZip([...entries, { name: 'xl/media/bomb.png', data: new Uint8Array(60 * 1024 * 1024) }]));
  add({
    file: 'zip-bomb.xlsx',
    about: 'an entry inflating to 60 MB',
    command: 'verify',
    status: 'malformed',
    exit: 1,
    message: 'zip bomb',
  });
  add({ file: 'zip-bomb.xlsx', about: 'the same, scored', command: 'score', exit: 2, message: 'zip bomb' });
  write(
    'media-heavy.xlsx',
    buildZip([
      ...entries,
      ...[1, 2, 3, 4].map((i) => ({ name: `xl/media/image${i}.png`, data: new Uint8Array(45 * 1024 * 1024) })),
    ]),
  );
  add({
    file: 'media-heavy.xlsx',
    about: '4 × 45 MB of media (never inflated to score)',
    command: 'score',
    exit: 0,
    message: 'Phường Thử Nghiệm',
    maxMs: 15000,
  });
  write(
    'doctype.xlsx',
    rewritePart(honest, 'xl/workbook.xml', (x) =>
      x.replace('<workbook', '<!DOCTYPE workbook [<!ENTITY x "lol">]><workbook'),
    ),
  );
  add({
    file: 'doctype.xlsx',
    about: 'a DOCTYPE with an entity',
    command: 'verify',
    status: 'malformed',
    exit: 1,
    message: 'DOCTYPE',
  });
  add({ file: 'doctype.xlsx', about: 'the same, scored', command: 'score', exit: 2, message: 'DOCTYPE' });
  write('traversal.xlsx', buildZip([...entries, { name: '../evil.xml', data: strToU8('<x/>') }]));
  add({
    file: 'traversal.xlsx',
    about: 'an entry named ../evil.xml',
    command: 'verify',
    status: 'malformed',
    exit: 1,
    message: 'path traversal',
  });

  // — Output safety (Why §9).
  write('formula-name.xlsx', await sign(await sealedSubmission(4, '=HYPERLINK("http://evil.example","Xã A")')));
  add({
    file: 'formula-name.xlsx',
    about: 'a unit named =HYPERLINK(…)',
    command: 'rank',
    exit: 0,
    message: 'Xếp hạng 1/1 bài nộp',
    csv: `"'=HYPERLINK(""http://evil.example"",""Xã A"")"`,
  });
  // XML cannot carry ESC itself: Excel writes it "_x001B_" (ST_Xstring), and shows it as ESC.
  const escapes = setCell(await sealedSubmission(5, 'Xã Thường'), 'B6', 'Xã _x001B_[2J_x001B_[31mĐỏ\u009b0m\u202eBidi');
  write('escape-name.xlsx', await sign(escapes));
  add({
    file: 'escape-name.xlsx',
    about: 'terminal escape sequences in the unit name',
    command: 'rank',
    exit: 0,
    message: 'Xã [2J[31mĐỏ0mBidi',
  });

  // — Files that are not workbooks (Why §10).
  write('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
  add({ file: 'old.xls', about: 'an Excel 97–2003 file', command: 'score', exit: 2, message: 'Excel 97–2003 (.xls)' });
  write('sheet.csv', 'Mã,Giá trị\nI.1.1,head\n');
  add({ file: 'sheet.csv', about: 'a CSV export', command: 'score', exit: 2, message: 'tệp CSV' });
  write(
    'sheet.ods',
    zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8('<x/>'),
    }),
  );
  add({ file: 'sheet.ods', about: 'an OpenDocument sheet', command: 'score', exit: 2, message: 'OpenDocument (.ods' });
  add({
    file: 'sheet.ods',
    about: 'the same, verified (no .xlsx to verify)',
    command: 'verify',
    exit: 2,
    message: 'sheet.ods: đây là tệp OpenDocument',
  });
  write('empty.xlsx', new Uint8Array(0));
  add({ file: 'empty.xlsx', about: 'an empty file', command: 'score', exit: 2, message: 'tệp rỗng' });
  add({
    file: 'empty.xlsx',
    about: 'the same, verified',
    command: 'verify',
    status: 'malformed',
    exit: 1,
    message: 'ệp rỗng',
  });

  // — Self-assessment JSON (Why §9).
  const json = (values: string) => `{"rubric":"hue-2263-2023","unit":"xa","values":${values}}`;
  write('deep.json', json(`{"I.1.1":${'['.repeat(100000)}${']'.repeat(100000)}}`));
  add({
    file: 'deep.json',
    about: 'a value nested 100,000 deep',
    command: 'score',
    exit: 2,
    message: 'lồng nhau quá 32 cấp',
    absent: 'Lỗi nội bộ',
  });
  write('proto.json', json('{"__proto__":5,"constructor":1}'));
  add({
    file: 'proto.json',
    about: '__proto__ and constructor as criterion ids',
    command: 'score',
    exit: 1,
    message: 'Không có tiêu chí "__proto__"',
  });
  write('trimmed.json', json('{"I.1.1":"head"," I.1.1 ":"none"}'));
  add({
    file: 'trimmed.json',
    about: 'two ids equal once trimmed',
    command: 'score',
    exit: 2,
    message: 'sau khi bỏ khoảng trắng',
  });
  write('long-value.json', json(`{"I.1.1":"${'x'.repeat(200000)}"}`));
  add({
    file: 'long-value.json',
    about: 'an invalid 200 KB value',
    command: 'score',
    exit: 1,
    message: `"${'x'.repeat(80)}…"`,
    maxLine: 1000,
  });

  // — Not files at all (made by the test: a repository cannot hold them).
  add({
    file: 'fifo.xlsx',
    make: 'fifo',
    about: 'a FIFO named .xlsx (no writer)',
    command: 'verify',
    status: 'malformed',
    exit: 1,
    message: 'không phải tệp thông thường',
  });
  add({
    file: 'fifo.xlsx',
    make: 'fifo',
    about: 'the same, scored',
    command: 'score',
    exit: 2,
    message: 'không phải tệp thông thường',
  });
  add({
    file: 'zero.xlsx',
    make: 'dev-zero',
    about: 'a link to /dev/zero',
    command: 'verify',
    status: 'malformed',
    exit: 1,
    message: 'không phải tệp thông thường',
  });
  add({
    file: 'folder.xlsx',
    make: 'folder',
    about: 'a folder named .xlsx',
    command: 'score',
    exit: 2,
    message: 'thư mục',
  });

  writeFileSync(join(OUT, 'cases.json'), JSON.stringify(cases, null, 2) + '\n');
  rmSync(pkiDir, { recursive: true, force: true });
  const files = readdirSync(OUT);
  console.log(`Wrote ${files.length} files and ${cases.length} cases to test/fixtures/hostile/`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
