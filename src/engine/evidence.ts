/**
 * The input model of a document that proves a criterion (tài liệu kiểm chứng): its number, date,
 * issuer, link or file name, and whether the file is digitally signed. Every reader — the template's
 * rows, a self-assessment JSON file, the pane's export — holds documents in this one shape.
 */
import { t, type Text } from '../base';
import { isBlank } from './values';

/** What a document's field holds: what a cell holds. */
export type DocumentValue = string | number | boolean | null;

export interface EvidenceEntry {
  number: DocumentValue;
  date: DocumentValue;
  issuer: DocumentValue;
  link: DocumentValue;
  signed: DocumentValue;
  /** The sheet row it was read from (to point a check at its cells); never exported. */
  row?: number;
}

export const EVIDENCE_FIELDS = ['number', 'date', 'issuer', 'link', 'signed'] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];

/** The field names an officer reads (in reports of what was carried or lost). */
export const EVIDENCE_LABELS: Record<EvidenceField, string> = {
  number: 'Số văn bản',
  date: 'Ngày văn bản',
  issuer: 'Cơ quan ban hành',
  link: 'Liên kết',
  signed: 'Ký số',
};

/** A document's field as a report names it: "Liên kết" for the first document, "Liên kết (tài liệu 2)" after. */
export const evidenceLabel = (field: EvidenceField, index: number) =>
  index === 0 ? EVIDENCE_LABELS[field] : `${EVIDENCE_LABELS[field]} (tài liệu ${index + 1})`;

export const evidenceHasData = (e: EvidenceEntry) => EVIDENCE_FIELDS.some((f) => !isBlank(e[f]));

/** A document with every field and no sheet row: what the JSON export and `--json` show. */
export function plainEvidence(e: Partial<EvidenceEntry>): EvidenceEntry {
  return {
    number: e.number ?? null,
    date: e.date ?? null,
    issuer: e.issuer ?? null,
    link: e.link ?? null,
    signed: e.signed ?? null,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDocumentValue = (v: unknown): v is DocumentValue =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const FIELDS = new Set<string>(EVIDENCE_FIELDS);

/**
 * A criterion's documents from JSON (`"evidence": {"I.1.1": [{"number": …, "date": …}]}`): a list
 * of documents, or one; with what could not be read, so nothing is dropped unsaid.
 */
export function evidenceFromJson(value: unknown): { documents: EvidenceEntry[]; problems: Text[] } {
  const list = Array.isArray(value) ? value : [value];
  const documents: EvidenceEntry[] = [];
  const problems: Text[] = [];
  list.forEach((doc, i) => {
    const which = t(`tài liệu ${i + 1}`, `document ${i + 1}`);
    if (!isRecord(doc)) {
      problems.push(
        t(
          `${which.vi}: cần {"number", "date", "issuer", "link", "signed"}`,
          `${which.en}: expected {"number", "date", "issuer", "link", "signed"}`,
        ),
      );
      return;
    }
    const fields: Partial<EvidenceEntry> = {};
    for (const [key, v] of Object.entries(doc)) {
      if (!FIELDS.has(key)) problems.push(t(`${which.vi}: không có trường "${key}"`, `${which.en}: no field "${key}"`));
      else if (!isDocumentValue(v))
        problems.push(t(`${which.vi}: "${key}" cần một giá trị`, `${which.en}: "${key}" needs a single value`));
      else fields[key as EvidenceField] = v;
    }
    documents.push(plainEvidence(fields));
  });
  return { documents, problems };
}
