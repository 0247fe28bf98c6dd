/**
 * The Điểm tab's word on the level the unit registered (Kon Tum 121/QĐ-UBND, II.3: it self-assesses
 * against it): reached, or what every criterion below it still needs — which may be more than the
 * next level, shown above it.
 */
import { Button, makeStyles, Text } from '@fluentui/react-components';
import { say, t, type Lang } from '../../base';
import type { Assessment } from '../../engine';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0 },
});

export function RegisteredLevel({
  a,
  lang,
  select,
  className,
}: {
  a: Assessment;
  lang: Lang;
  select: (criterion: string) => void;
  className?: string;
}) {
  const styles = useStyles();
  const r = a.registered;
  if (!r) return null;
  const level = `${r.number} – ${r.name}`;
  return (
    <section aria-label={say(t('Mức đăng ký', 'Registered level'), lang)} data-testid="registered-level">
      <Text weight="semibold" block>
        {say(
          r.reached
            ? t(`Đã đạt mức đăng ký (mức ${level}).`, `The registered level is reached (level ${level}).`)
            : t(`Còn thiếu để đạt mức đăng ký (mức ${level}):`, `Still missing for the registered level (${level}):`),
          lang,
        )}
      </Text>
      <ul className={styles.list}>
        {r.shortfalls.map((x) => (
          <li key={x.criterion}>
            <Button appearance="subtle" className={className} onClick={() => select(x.criterion)}>
              <Text size={200}>
                <b>{x.criterion}</b> {x.title}: {x.required}; {x.shortfall}
              </Text>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
