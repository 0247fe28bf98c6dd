/**
 * Where the council's appraisal workbook keeps everything, shared by the builder and the reader.
 * The reader finds the cells through the identity stored in the very hidden `_dti` sheet (which a
 * signature over the workbook covers), never through fixed addresses.
 */
import type { RankBy } from './rank';

export const RANKING_SHEET = 'Xếp hạng';
export const APPRAISAL_SHEET = 'Thẩm định';
/** A1 of `_dti` in a council workbook (an officer template has "dti-template" there). */
export const APPRAISAL_MARK = 'dti-appraisal';
export const APPRAISAL_FORMAT = 1;

/** Why the council changed a criterion's points: the fixed list of the appraisal's reasons. */
export const REASONS = [
  'Thiếu tài liệu kiểm chứng',
  'Tài liệu không ký số',
  'Quá hạn',
  'Số liệu không khớp với hệ thống',
  'Không đúng thành phần',
  'Khác',
] as const;

/** Columns of the "Thẩm định" sheet. */
export const APPRAISAL_COLUMNS = {
  key: 'A',
  unit: 'B',
  criterion: 'C',
  title: 'D',
  entry: 'E',
  max: 'F',
  selfAssessed: 'G',
  rescored: 'H',
  appraised: 'I',
  reason: 'J',
  note: 'K',
} as const;

/**
 * Columns added to "Xếp hạng" where the rubric foresees council bonus points (after the existing
 * A–N, whose letters the readers and tests address): the bonus and its reason (inputs), the total
 * ranked on, and the unit's number on the "Thẩm định" sheet, by which the reader finds the row.
 */
export const BONUS_COLUMNS = { points: 'O', reason: 'P', ranked: 'Q', key: 'R' } as const;

/** Where a workbook keeps the bonus, and the cap its validation enforces (the reader enforces the same). */
export interface BonusLayout {
  columns: typeof BONUS_COLUMNS;
  cap: number;
}

/**
 * Columns added to "Xếp hạng" of a level rubric (Kon Tum 121, II.3: each unit registers the level
 * it aims for and is recognised at it): the registered level (an input), whether the appraised
 * level recognises it (a formula), and the unit's number on "Thẩm định".
 */
export const REGISTRATION_COLUMNS = { registered: 'O', recognised: 'P', key: 'Q' } as const;

export const RECOGNISED = 'Công nhận';
export const NOT_RECOGNISED = 'Không công nhận';
export const NOT_REGISTERED = 'Chưa đăng ký';

export interface AppraisalIdentity {
  kind: 'appraisal';
  format: number;
  rubric: string;
  version: string;
  unit: string;
  by: RankBy;
  /** 2 for the second round (absent: round 1). */
  round?: number;
  /**
   * The submissions appraised: `key` is the number in the key column of their criterion rows;
   * in round 2, `answers` is the round-1 submission a file is or answers.
   */
  submissions: { key: number; file: string; unitName: string; digest: string; answers?: string }[];
  layout: {
    sheet: string;
    columns: typeof APPRAISAL_COLUMNS;
    firstRow: number;
    lastRow: number;
    ranking: {
      sheet: string;
      firstRow: number;
      lastRow: number;
      bonus?: BonusLayout;
      registration?: { columns: typeof REGISTRATION_COLUMNS };
    };
    /** Round 2's columns (round 1's points and remark, the explanation, the change, the flag). */
    round2?: { round1: string; round1Remark: string; explanation: string; change: string; changed: string };
  };
  /** Set in an agency's share of the council workbook (src/council/agency-split.ts). */
  agency?: AgencyIdentity;
}

/** The council's sheet saying which agency appraises which criterion (written for rubrics that do not say). */
export const ASSIGNMENT_SHEET = 'Phân công thẩm định';
/** In an agency's workbook: who it is, what it holds, and whether it has finished. */
export const AGENCY_SHEET = 'Cơ quan thẩm định';
/** The agency's "finished" mark: the one value that makes its untouched cells count as agreed. */
export const AGENCY_DONE = 'Đã xong';
export const AGENCY_NOT_DONE = 'Chưa xong';

/** What makes a council workbook an agency's share of one (`AppraisalIdentity.agency`). */
export interface AgencyIdentity {
  name: string;
  /** The criterion ids it holds, in the rubric's order. */
  criteria: string[];
  /** SHA-256 of the council workbook's batch (rubric, version, unit type, submissions): what a merge checks. */
  council: string;
  /** Where the agency marks its share finished (AGENCY_DONE). */
  done: { sheet: string; cell: string };
}
