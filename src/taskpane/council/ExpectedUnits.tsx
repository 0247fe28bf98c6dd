/** The units that must submit (built in, or pasted), and who has not submitted, submitted twice, or is not on the list. */
import { Field, Text, Textarea } from '@fluentui/react-components';
import type { ExpectedReport } from '../../council';
import type { PanelProps } from '../panels/props';
import type { CouncilStyles } from './styles';

export interface ExpectedUnitsProps {
  report: ExpectedReport | undefined;
  pasted: string;
  setPasted: (v: string) => void;
  builtIn: boolean;
  s: PanelProps['s'];
  styles: CouncilStyles;
}

export function ExpectedUnits({ report, pasted, setPasted, builtIn, s, styles }: ExpectedUnitsProps) {
  return (
    <section className={styles.section} aria-label={s.expectedTitle} data-testid="council-expected">
      <Text weight="semibold">{s.expectedTitle}</Text>
      {builtIn && report && !pasted.trim() && <Text size={200}>{s.expectedBuiltIn(report.source)}</Text>}
      <Field label={s.expectedPaste}>
        <Textarea value={pasted} onChange={(_, d) => setPasted(d.value)} resize="vertical" rows={2} />
      </Field>
      {report && (
        <>
          <Text size={200}>{report.missing.length ? s.notSubmitted(report.missing.length) : s.allSubmitted}</Text>
          {report.missing.length > 0 && (
            <Text size={200} className={styles.remark}>
              {report.missing.join(', ')}
            </Text>
          )}
          {report.duplicates.length > 0 && (
            <>
              <Text size={200}>{s.submittedTwice(report.duplicates.length)}</Text>
              <ul className={styles.list}>
                {report.duplicates.map((d) => (
                  <li key={d.unit}>
                    <Text size={200}>
                      {d.unit}: {s.countedFile(d.counted)}
                    </Text>
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.unexpected.length > 0 && (
            <Text size={200}>
              {s.notOnList(report.unexpected.length)}: {report.unexpected.join(', ')}
            </Text>
          )}
        </>
      )}
    </section>
  );
}
