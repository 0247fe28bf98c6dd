/**
 * The task pane's "Check": every entered value and evidence entry against its criterion — the
 * value's kind and range (the engine), the evidence the decision requires, a digitally signed file
 * where it asks for one ("file điện tử có ký số"), and the completion deadline. Pure: it reads a
 * filled template and says what is wrong and in which cell; it changes nothing.
 */
import { assess, criteriaFor, isBlank, parseBoolean, parseDate, resolveUnit } from '../engine';
import { t, type Text } from '../base';
import type { Rubric } from '../rubrics';
import { toAssessmentInput, type FilledTemplate } from './entries';
import { headerCells } from './layout';

export interface EntryProblem {
  criterion?: string;
  severity: 'error' | 'warning';
  message: Text;
  /** The cell to select when the officer clicks the problem. */
  cell: { sheet: string; address: string };
}

const ddmm = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function checkTemplate(rubric: Rubric, filled: FilledTemplate): EntryProblem[] {
  const { layout } = filled.info;
  const sheet = layout.sheet;
  const problems: EntryProblem[] = [];
  const at = (id: string, col: string) => ({ sheet, address: `${col}${layout.rows[id]}` });

  const header = headerCells(layout);
  if (!filled.unitName)
    problems.push({
      severity: 'warning',
      message: t('Chưa nhập tên đơn vị', 'The unit name is not entered'),
      cell: { sheet, address: header.unitName },
    });
  if (!filled.year)
    problems.push({
      severity: 'error',
      message: t('Chưa nhập năm đánh giá', 'The assessment year is not entered'),
      cell: { sheet, address: header.year },
    });

  const input = toAssessmentInput(rubric, filled);
  const en = assess(rubric, input, 'en');
  const vi = assess(rubric, input, 'vi');
  const year = filled.year;
  for (const c of criteriaFor(rubric, resolveUnit(rubric, input.unit))) {
    if (!(c.id in layout.rows)) continue;
    const r = vi.criteria.find((x) => x.id === c.id)!;
    const rEn = en.criteria.find((x) => x.id === c.id)!;
    const first = at(c.id, layout.slotColumns[0]);
    if (r.status === 'invalid')
      problems.push({ criterion: c.id, severity: 'error', message: t(r.message, rEn.message), cell: first });
    if (r.status === 'missing')
      problems.push({ criterion: c.id, severity: 'warning', message: t(r.message, rEn.message), cell: first });
    for (const p of vi.problems.filter((x) => x.criterion === c.id && x.code === 'value-warning'))
      problems.push({ criterion: c.id, severity: 'warning', message: t(p.message, p.message), cell: first });
    if (r.status !== 'ok' || !c.evidence || c.evidence.system) continue;

    // Evidence the decision requires for an entered value.
    const ev = filled.entries[c.id]?.evidence;
    if (!ev || (isBlank(ev.number) && isBlank(ev.link)))
      problems.push({
        criterion: c.id,
        severity: 'warning',
        message: t(
          `Thiếu tài liệu kiểm chứng (số văn bản hoặc liên kết): ${c.evidence.text}`,
          `Evidence missing (document number or link): ${c.evidence.text}`,
        ),
        cell: at(c.id, layout.evidence.number),
      });
    if (c.evidence.signed) {
      const signed = ev && !isBlank(ev.signed) ? parseBoolean(ev.signed) : undefined;
      if (!signed?.ok || !signed.value)
        problems.push({
          criterion: c.id,
          severity: 'error',
          message: t(
            'Quyết định yêu cầu file điện tử có ký số: chọn "Có" khi tài liệu đã được ký số',
            'The decision requires a digitally signed file: choose "Có" once the document is signed',
          ),
          cell: at(c.id, layout.evidence.signed),
        });
    }
    if (ev && !isBlank(ev.date)) {
      const date = parseDate(ev.date);
      if (!date.ok)
        problems.push({
          criterion: c.id,
          severity: 'error',
          message: t(`Ngày văn bản: ${date.error.vi}`, `Document date: ${date.error.en}`),
          cell: at(c.id, layout.evidence.date),
        });
      else if (c.deadline && year) {
        const due = `${year}-${c.deadline.by}`;
        if (date.value > due)
          problems.push({
            criterion: c.id,
            severity: 'warning',
            message: t(
              `Văn bản ngày ${ddmm(date.value)} sau hạn hoàn thành ${ddmm(due)}`,
              `Document dated ${ddmm(date.value)}, after the completion deadline ${ddmm(due)}`,
            ),
            cell: at(c.id, layout.evidence.date),
          });
      }
    }
  }
  // Errors first, then warnings, each in the decision's order.
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
}
