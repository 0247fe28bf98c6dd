/**
 * The council's bonus points in the pane's ranking, read-only: where the decision provides them,
 * how many at most and where the council types them (the "Xếp hạng" sheet of its workbook); and,
 * for a ranking that carries them, each unit's bonus and reason, apart from its appraised points.
 */
import { Text } from '@fluentui/react-components';
import { num, say, t, type Lang } from '../../base';
import { councilBonusCap, type RankedRow } from '../../council';
import type { Rubric } from '../../rubrics';

export function CouncilBonus({ rubric, rows, lang }: { rubric: Rubric; rows: RankedRow[]; lang: Lang }) {
  const cap = rubric.kind === 'points' ? councilBonusCap(rubric) : null;
  if (cap === null) return null;
  const article = rubric.councilBonus!.source.article;
  const given = rows.filter((r) => r.submission.assessment?.councilBonus?.points);
  return (
    <section aria-label={say(t('Điểm khuyến khích', 'Bonus points'), lang)} data-testid="council-bonus">
      <Text size={200} block>
        {say(
          t(
            `Điểm khuyến khích (${article}): Hội đồng cộng tối đa ${num(cap, 'vi')} điểm cho mỗi đơn vị có sáng kiến, phương thức mới đạt hiệu quả, ngoài điểm tối đa, ở cột “Điểm khuyến khích” của trang Xếp hạng; xếp hạng cập nhật theo.`,
            `Bonus points (${article}): the council adds at most ${num(cap, 'en')} points to a unit for initiatives and new ways of working that prove effective, outside the max, in the “Điểm khuyến khích” column of the Xếp hạng sheet; the ranking follows.`,
          ),
          lang,
        )}
      </Text>
      {given.length > 0 && (
        <ul data-testid="council-bonus-rows">
          {given.map((r) => {
            const b = r.submission.assessment!.councilBonus!;
            return (
              <li key={r.submission.file}>
                <Text size={200}>
                  {r.submission.unitName || r.submission.file}: +{num(b.points, lang)}
                  {b.reason ? ` (${b.reason})` : ''}
                </Text>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
