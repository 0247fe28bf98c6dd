import { makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import type { Strings } from '../i18n';
import type { WorkbookView } from '../useWorkbook';

const useStyles = makeStyles({
  line: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** "52/79 đã nhập · 3 lỗi · 6 thiếu tài liệu", above every tab while a template is open. */
export function ProgressLine({ view, s }: { view: WorkbookView; s: Strings }) {
  const styles = useStyles();
  const p = view.progress;
  if (!p) return null;
  const parts = [
    s.progress(p.entered, p.toEnter),
    ...(p.errors ? [s.progressErrors(p.errors)] : []),
    ...(p.evidence ? [s.progressEvidence(p.evidence)] : []),
  ];
  const text = parts.join(' · ');
  return (
    <div className={styles.line}>
      <Text size={200} role="status" data-testid="progress">
        {text}
      </Text>
      <ProgressBar
        value={p.toEnter ? p.entered / p.toEnter : 1}
        color={p.errors ? 'error' : p.entered === p.toEnter ? 'success' : 'brand'}
        aria-label={text}
      />
    </div>
  );
}
