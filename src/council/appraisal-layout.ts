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
  /** The submissions appraised: `key` is the number in the key column of their criterion rows. */
  submissions: { key: number; file: string; unitName: string; digest: string }[];
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
  };
}
