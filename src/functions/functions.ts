/**
 * Excel custom functions, namespace CDS (=CDS.DTI_SCORE(...)). The metadata (functions.json) is
 * generated from these JSDoc comments by custom-functions-metadata-plugin, which also appends the
 * CustomFunctions.associate calls. No scoring here: each function forwards to ./core.
 * Kept free of React and Fluent UI so this bundle stays small and registers before the pane.
 */
import { isLookupError } from '../base';
import * as core from './core';

/* global CustomFunctions */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes cells of any type; the metadata generator needs `any`. */

// Outside Excel (the pane's demo mode in a browser) there is no CustomFunctions to register with.
if (typeof CustomFunctions === 'undefined') {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

/**
 * A cell holding a data type reaches an `any` parameter as an object (the metadata allows custom
 * data): its basic value is what the cell shows. Ranges are arrays of rows of such values.
 */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null && 'basicValue' in v) return (v as { basicValue: unknown }).basicValue;
  return v;
}

const plainAll = (values: unknown[]) => values.map(plain);

/** Converts core failures into the Excel errors #VALUE! and #N/A, with the Vietnamese message. */
function excel<T>(compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 255);
    const code = isLookupError(e) ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    throw new CustomFunctions.Error(code, message);
  }
}

/**
 * Điểm của một tiêu chí theo bộ tiêu chí đã chọn (cùng số liệu với Hội đồng thẩm định).
 * Ô trống: 0 điểm và CDS.DTI_CHECK cho biết còn thiếu gì.
 * @customfunction DTI_SCORE
 * @param {string} rubric Mã bộ tiêu chí, ví dụ "hue-2263-2023"
 * @param {string} unit Loại đơn vị: so (Sở), huyen (Huyện) hoặc xa (Xã)
 * @param {string} criterionId Mã tiêu chí như trong quyết định, ví dụ "I.2.3"
 * @param {any} value Giá trị đã nhập (ô nhập đầu tiên của tiêu chí)
 * @param {any} [value2] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value3] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value4] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value5] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value6] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value7] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value8] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @returns {number} Số điểm đạt được
 */
export function DTI_SCORE(
  rubric: string,
  unit: string,
  criterionId: string,
  value: any,
  value2?: any,
  value3?: any,
  value4?: any,
  value5?: any,
  value6?: any,
  value7?: any,
  value8?: any,
): number {
  return excel(() =>
    core.score(rubric, unit, criterionId, plainAll([value, value2, value3, value4, value5, value6, value7, value8])),
  );
}

/**
 * Mức độ chuyển đổi số (0–5): của một tiêu chí, hoặc của đơn vị khi truyền toàn bộ tiêu chí.
 * @customfunction DTI_LEVEL
 * @param {string} rubric Mã bộ tiêu chí, ví dụ "kontum-121-2025"
 * @param {string} unit Loại đơn vị: xa hoặc huyen
 * @param {any[][]} criterionIds Một mã tiêu chí, hoặc vùng các mã tiêu chí
 * @param {any[][]} values Ô nhập đầu tiên của tiêu chí (với I.1 cấp huyện: vùng mức độ của các xã), hoặc vùng giá trị, mỗi dòng một tiêu chí
 * @param {any} [value2] Ô nhập tiếp theo của tiêu chí (tử số, mẫu số, tỷ lệ)
 * @param {any} [value3] Ô nhập tiếp theo của tiêu chí (tử số, mẫu số, tỷ lệ)
 * @param {any} [value4] Ô nhập tiếp theo của tiêu chí (tử số, mẫu số, tỷ lệ)
 * @returns {number} Mức độ 0–5 (0: chưa đạt mức 1)
 */
export function DTI_LEVEL(
  rubric: string,
  unit: string,
  criterionIds: any[][],
  values: any[][],
  value2?: any,
  value3?: any,
  value4?: any,
): number {
  return excel(() => core.level(rubric, unit, plain(criterionIds), plain(values), plainAll([value2, value3, value4])));
}

/**
 * Điểm tối đa được tính của một tiêu chí: điểm trong quyết định, hoặc 0 nếu không áp dụng (cho đơn vị được nêu tên, hoặc theo giá trị đã nhập như "Không áp dụng").
 * @customfunction DTI_MAX
 * @param {string} rubric Mã bộ tiêu chí
 * @param {string} unit Loại đơn vị: so, huyen hoặc xa
 * @param {string} criterionId Mã tiêu chí
 * @param {any} [value] Giá trị đã nhập (ô nhập đầu tiên của tiêu chí)
 * @param {any} [value2] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value3] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value4] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value5] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value6] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value7] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value8] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @returns {number} Điểm tối đa được tính
 */
export function DTI_MAX(
  rubric: string,
  unit: string,
  criterionId: string,
  value?: any,
  value2?: any,
  value3?: any,
  value4?: any,
  value5?: any,
  value6?: any,
  value7?: any,
  value8?: any,
): number {
  return excel(() =>
    core.maxPoints(
      rubric,
      unit,
      criterionId,
      plainAll([value, value2, value3, value4, value5, value6, value7, value8]),
    ),
  );
}

/**
 * Điều còn thiếu để một tiêu chí đạt mức độ đã cho (✓ nếu đã đạt).
 * @customfunction DTI_SHORTFALL
 * @param {string} rubric Mã bộ tiêu chí theo mức độ
 * @param {string} unit Loại đơn vị: xa hoặc huyen
 * @param {string} criterionId Mã tiêu chí
 * @param {number} level Mức độ cần đạt (1–5)
 * @param {any} value Ô nhập đầu tiên của tiêu chí
 * @param {any} [value2] Ô nhập tiếp theo của tiêu chí (tử số, mẫu số, tỷ lệ)
 * @param {any} [value3] Ô nhập tiếp theo của tiêu chí (tử số, mẫu số, tỷ lệ)
 * @param {any} [value4] Ô nhập tiếp theo của tiêu chí (tử số, mẫu số, tỷ lệ)
 * @returns {string} Điều còn thiếu, hoặc ✓
 */
export function DTI_SHORTFALL(
  rubric: string,
  unit: string,
  criterionId: string,
  level: number,
  value: any,
  value2?: any,
  value3?: any,
  value4?: any,
): string {
  return excel(() => core.shortfall(rubric, unit, criterionId, level, plainAll([value, value2, value3, value4])));
}

/**
 * Kiểm tra giá trị đã nhập: ✓ nếu hợp lệ, ngược lại là lời nhắc cần nhập gì.
 * @customfunction DTI_CHECK
 * @param {string} rubric Mã bộ tiêu chí
 * @param {string} unit Loại đơn vị: so, huyen hoặc xa
 * @param {string} criterionId Mã tiêu chí
 * @param {any} value Giá trị đã nhập (ô nhập đầu tiên của tiêu chí)
 * @param {any} [value2] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value3] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value4] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value5] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value6] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value7] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @param {any} [value8] Ô nhập tiếp theo của tiêu chí, hoặc tên đơn vị, năm đánh giá, thông tin chung khi tiêu chí cần
 * @returns {string} Lời nhắc, hoặc ✓
 */
export function DTI_CHECK(
  rubric: string,
  unit: string,
  criterionId: string,
  value: any,
  value2?: any,
  value3?: any,
  value4?: any,
  value5?: any,
  value6?: any,
  value7?: any,
  value8?: any,
): string {
  return excel(() =>
    core.check(rubric, unit, criterionId, plainAll([value, value2, value3, value4, value5, value6, value7, value8])),
  );
}

/**
 * Tên mức độ chuyển đổi số: 1 Khởi động … 5 Toàn diện.
 * @customfunction DTI_LEVEL_NAME
 * @param {string} rubric Mã bộ tiêu chí theo mức độ, ví dụ "kontum-121-2025"
 * @param {number} level Mức độ 0–5
 * @returns {string} Tên mức độ
 */
export function DTI_LEVEL_NAME(rubric: string, level: number): string {
  return excel(() => core.levelName(plain(rubric) as string, plain(level) as number));
}
