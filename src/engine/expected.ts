/** What a criterion expects to be entered, in words: every "expected …" message and the templates use it. */
import { t, type Text } from '../base';
import type { Criterion, LevelRule } from '../rubrics';

/** What a criterion expects, in words: used in every "expected …" message and in templates. */
export function expected(criterion: Criterion): Text {
  const rule = criterion.rule;
  return rule.kind === 'levels' ? expectedLevel(rule) : expectedPoints(rule);
}

/** Input descriptions shared by point and level rules. */
const YES_NO = t('Có/Không', 'yes/no');
const RATIO_EITHER = t('tỷ lệ 0–1 (hoặc %), hoặc tử số/mẫu số', 'a ratio 0–1 (or %), or numerator/denominator');
const COUNT = t('số lượng (số nguyên ≥ 0)', 'a count (whole number ≥ 0)');

export function expectedLevel(rule: LevelRule): Text {
  switch (rule.measure) {
    case 'ratio':
      return RATIO_EITHER;
    case 'count':
      return COUNT;
    case 'yes':
      return YES_NO;
    case 'count-of-total':
      return t('số lượng đạt (tử số) và tổng số (mẫu số)', 'the count (numerator) and the total (denominator)');
    case 'subunit-levels':
      return t('danh sách mức độ (0–5) của các xã', 'the list of the communes’ levels (0–5)');
  }
}

function expectedPoints(rule: Exclude<Criterion['rule'], LevelRule>): Text {
  switch (rule.kind) {
    case 'boolean':
      return YES_NO;
    case 'options':
      return t(rule.options.map((o) => o.label.vi).join(' / '), rule.options.map((o) => o.id).join(' / '));
    case 'ratio':
      return rule.input === 'counts'
        ? t('tử số và mẫu số (số nguyên ≥ 0)', 'numerator and denominator (whole numbers ≥ 0)')
        : rule.input === 'fraction'
          ? t('tỷ lệ 0–1 (hoặc %)', 'a ratio 0–1 (or %)')
          : RATIO_EITHER;
    case 'count-steps':
    case 'per-item':
    case 'count-target':
      return COUNT;
    case 'additive':
      return t(
        `Có/Không cho từng điều kiện: ${rule.parts.map((p) => p.label.vi).join('; ')}`,
        `yes/no for each condition: ${rule.parts.map((p) => p.label.en ?? p.id).join('; ')}`,
      );
    case 'deadline':
      return t('ngày thực hiện (YYYY-MM-DD), hoặc Không', 'the date done (YYYY-MM-DD), or no');
    case 'assessed':
      return t('số điểm tự chấm (0 đến điểm tối đa)', 'self-awarded points (0 to the max)');
    case 'collect':
      return t('thông tin thu thập (không tính điểm)', 'collected information (no points)');
    case 'best-of':
      return t(
        `giá trị cho một hoặc nhiều phương án: ${rule.alternatives.map((a) => a.label.vi).join('; ')}`,
        `a value for one or more alternatives: ${rule.alternatives.map((a) => a.id).join('; ')}`,
      );
    case 'gated':
      return t(
        `${rule.gate.label.vi} (tối thiểu ${rule.gate.minCount}) và ${expectedPoints(rule.rule).vi}`,
        `${rule.gate.label.en ?? rule.gate.id} (at least ${rule.gate.minCount}) and ${expectedPoints(rule.rule).en}`,
      );
    case 'by-option':
      return t('giá trị theo cách đọc đã chọn', 'a value for the chosen reading');
  }
}
