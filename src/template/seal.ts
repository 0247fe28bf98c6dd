/**
 * The seal the Submit step writes into the workbook, where Excel's digital signature covers it
 * (the very hidden `_dti` sheet and a defined name): a SHA-256 over the canonical inputs with the
 * rubric id and version, the unit and the time. The council recomputes it from the file's inputs.
 * WebCrypto's SHA-256 (the host's in the CLI's workers), so the same code runs in the task pane and the CLI.
 */
import { isBlank, toIsoDate } from '../engine';
import { digest as sha } from '../platform';
import type { CellReader, FilledTemplate } from './entries';
import { headerCells, META_SHEET, quoteSheet, type EvidenceEntry, type TemplateLayout } from './layout';
import type { Scalar } from './spec';

export interface Seal {
  algorithm: 'SHA-256';
  digest: string;
  rubric: string;
  version: string;
  unit: string;
  unitName: string;
  year: number | null;
  sealedAt: string;
}

/** Where the seal lives in the `_dti` sheet: key in column A, value in column B. */
export const SEAL_ROWS = {
  algorithm: 7,
  digest: 8,
  sealedAt: 9,
  rubric: 10,
  version: 11,
  unit: 12,
  unitName: 13,
  year: 14,
} as const;

/** The same entry always gives the same text: dates as ISO dates, numbers without float noise, text trimmed. */
function canonicalValue(v: Scalar, kind: string | undefined): Scalar {
  if (isBlank(v)) return null;
  if (kind === 'date' && !(typeof v === 'number' && !Number.isInteger(v))) {
    const iso = toIsoDate(v);
    if (iso) return iso;
  }
  if (typeof v === 'number') return Number(v.toPrecision(12));
  if (typeof v === 'string') return v.trim();
  return v;
}

const json = (v: Scalar) => JSON.stringify(v);

/**
 * The canonical text: the JSON of {rubric, version, unit, unitName, year, entries, general} with
 * every object's keys in sorted order (UTF-16 order, as Array.prototype.sort) — criteria by id, and
 * in each entry evidence, note, slots — evidence a list of documents (date, issuer, link, number,
 * signed) in templates with several, one document (date, link, number, signed) in templates written
 * before, so their seals still verify; `general` (the general
 * information, by item id) only where the template has that block, so earlier seals still verify;
 * in a response to the council's feedback, each remarked criterion's `explanation` and the
 * `response` answered (round, submission digest), absent elsewhere for the same reason.
 * Written out directly: a batch seals a thousand files, and a generic sorted-key serializer was a
 * twentieth of all the work.
 */
export function canonicalInputs(filled: FilledTemplate): string {
  const { meta, layout } = filled.info;
  const several = layout.evidenceRows !== undefined;
  // A response to the council's feedback: the remarked criteria's explanations and the round
  // answered are sealed too; every other entry's text stays as before, so untouched rows seal alike.
  const answered = new Set(layout.response?.criteria ?? []);
  let entries = '';
  for (const id of Object.keys(layout.rows).sort()) {
    const e = filled.entries[id];
    const kinds = layout.inputs[id] ?? [];
    let slots = '';
    for (let i = 0; i < kinds.length; i++)
      slots += (i ? ',' : '') + json(canonicalValue(e?.slots[i] ?? null, kinds[i]));
    const evidence = !e
      ? 'null'
      : several
        ? `[${e.evidence.map((d) => documentText(d, true)).join(',')}]`
        : documentText(e.evidence[0], false);
    const explanation = answered.has(id)
      ? `"explanation":${json(canonicalValue(e?.explanation ?? null, 'text'))},`
      : '';
    entries += `${entries ? ',' : ''}${JSON.stringify(id)}:{"evidence":${evidence},${explanation}"note":${json(canonicalValue(e?.note ?? null, 'text'))},"slots":[${slots}]}`;
  }
  const r = layout.response;
  const response = r ? `"response":{"answers":${JSON.stringify(r.answers)},"round":${json(r.round)}},` : '';
  const generalIds = Object.keys(layout.general ?? {}).sort();
  const general = generalIds.length
    ? `"general":{${generalIds.map((g) => `${JSON.stringify(g)}:${json(canonicalValue(filled.general?.[g] ?? null, undefined))}`).join(',')}},`
    : '';
  return `{"entries":{${entries}},${general}${response}"rubric":${JSON.stringify(meta.rubric)},"unit":${JSON.stringify(meta.unit)},"unitName":${JSON.stringify(filled.unitName)},"version":${JSON.stringify(meta.version)},"year":${json(filled.year ?? null)}}`;
}

/** One document's canonical text; `issuer` only where templates have it (several documents). */
function documentText(d: EvidenceEntry | undefined, withIssuer: boolean): string {
  const field = (v: Scalar | undefined, kind: string) => json(canonicalValue(v ?? null, kind));
  const issuer = withIssuer ? `"issuer":${field(d?.issuer, 'text')},` : '';
  return `{"date":${field(d?.date, 'date')},${issuer}"link":${field(d?.link, 'text')},"number":${field(d?.number, 'text')},"signed":${field(d?.signed, 'text')}}`;
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function computeSeal(filled: FilledTemplate, sealedAt: string): Promise<Seal> {
  const text = `${canonicalInputs(filled)}\n${sealedAt}`;
  const digest = hex(await sha('SHA-256', new TextEncoder().encode(text)));
  const { meta } = filled.info;
  return {
    algorithm: 'SHA-256',
    digest,
    rubric: meta.rubric,
    version: meta.version,
    unit: meta.unit,
    unitName: filled.unitName,
    year: filled.year ?? null,
    sealedAt,
  };
}

/** The defined name that points at the seal's digest. */
export const SEAL_NAME = 'DTI_SEAL';

/**
 * Everything sealing writes into a workbook, whoever writes it (Office.js, the in-memory workbook):
 * the seal's rows in the very hidden sheet (key in column A, value in B), the defined name, and
 * the ranges to lock — every input, so any edit after sealing would have to unprotect the sheet.
 */
export interface SealWrite {
  sheet: string;
  /** The rows' range, e.g. "A7:B14", and its values, row by row. */
  range: string;
  rows: [key: string, value: Scalar][];
  name: { name: string; refersTo: string };
  lock: { sheet: string; ranges: string[] };
}

export function sealWrite(seal: Seal, layout: TemplateLayout): SealWrite {
  const ordered = (Object.entries(SEAL_ROWS) as [keyof Seal, number][]).sort((a, b) => a[1] - b[1]);
  const first = ordered[0][1];
  const last = ordered[ordered.length - 1][1];
  const header = headerCells(layout);
  return {
    sheet: META_SHEET,
    range: `A${first}:B${last}`,
    rows: ordered.map(([key]) => [`seal.${key}`, seal[key]]),
    name: { name: SEAL_NAME, refersTo: `=${quoteSheet(META_SHEET)}!$B$${SEAL_ROWS.digest}` },
    lock: {
      sheet: layout.sheet,
      ranges: [
        `${layout.slotColumns[0]}${layout.firstRow}:${layout.note}${layout.lastRow}`,
        header.unitName,
        header.year,
      ],
    },
  };
}

/** The seal written in a workbook, if any (read with any cell reader). */
export function readSeal(read: CellReader, metaSheet: string = META_SHEET): Seal | undefined {
  const get = (row: number) => read(metaSheet, `B${row}`);
  if (get(SEAL_ROWS.algorithm) !== 'SHA-256' || !get(SEAL_ROWS.digest)) return undefined;
  const year = get(SEAL_ROWS.year);
  return {
    algorithm: 'SHA-256',
    digest: String(get(SEAL_ROWS.digest)),
    sealedAt: String(get(SEAL_ROWS.sealedAt)),
    rubric: String(get(SEAL_ROWS.rubric)),
    version: String(get(SEAL_ROWS.version)),
    unit: String(get(SEAL_ROWS.unit)),
    unitName: String(get(SEAL_ROWS.unitName) ?? ''),
    year: typeof year === 'number' ? year : year ? Number(year) : null,
  };
}

/** Recomputes the seal from the inputs and compares: what a council does with a submitted file. */
export async function checkSeal(filled: FilledTemplate, seal: Seal): Promise<{ ok: boolean; expected: string }> {
  const recomputed = await computeSeal(filled, seal.sealedAt);
  return { ok: recomputed.digest === seal.digest, expected: recomputed.digest };
}
