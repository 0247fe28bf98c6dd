/** The task pane: insert the template, check entries, see the score, seal for submission. */
import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import { STRINGS, type UiLang } from './i18n';
import { CheckPanel } from './panels/CheckPanel';
import { CriterionHelp } from './panels/CriterionHelp';
import { InsertPanel } from './panels/InsertPanel';
import { ProgressLine } from './panels/ProgressLine';
import { ScorePanel } from './panels/ScorePanel';
import { SubmitPanel } from './panels/SubmitPanel';
import type { WorkbookPort } from './port';
import { useWorkbook } from './useWorkbook';

// The council's tab brings the verifier and the council core: loaded only when it is opened.
const CouncilPanel = lazy(() => import(/* webpackChunkName: "council" */ './panels/CouncilPanel'));

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: '280px',
  },
  // Five tabs at Excel's 350 px pane: small tabs, wrapping rather than scrolling the pane sideways.
  tabs: { flexWrap: 'wrap' },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

type TabId = 'insert' | 'check' | 'score' | 'submit' | 'council';

export function App({ port }: { port: WorkbookPort }) {
  const styles = useStyles();
  const [lang, setLang] = useState<UiLang>('vi');
  const [tab, setTab] = useState<TabId>('insert');
  const s = STRINGS[lang];
  const view = useWorkbook(port, lang);
  // The cell the officer is on, for help on its criterion (worksheet selection events).
  const [selected, setSelected] = useState<string | undefined>();
  const templateIn = view.filled?.info.meta.rubric;
  useEffect(() => {
    let off: (() => void) | undefined;
    let alive = true;
    void port.onSelect(setSelected).then(
      (f) => (alive ? (off = f) : f()),
      () => undefined,
    );
    return () => {
      alive = false;
      off?.();
    };
  }, [port, templateIn]);
  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
      <main className={styles.root} aria-label={s.appTitle}>
        <div className={styles.header}>
          <Text as="h1" size={500} weight="semibold">
            {s.appTitle}
          </Text>
          <Switch label={s.language} checked={lang === 'en'} onChange={(_, d) => setLang(d.checked ? 'en' : 'vi')} />
        </div>
        {port.kind === 'demo' && (
          <MessageBar intent="warning" role="note">
            <MessageBarBody>{s.demoBanner}</MessageBarBody>
          </MessageBar>
        )}
        <ProgressLine view={view} s={s} />
        <TabList
          size="small"
          className={styles.tabs}
          selectedValue={tab}
          onTabSelect={(_, d) => setTab(d.value as TabId)}
          aria-label={s.appTitle}
        >
          <Tab value="insert">{s.tabInsert}</Tab>
          <Tab value="check">{s.tabCheck}</Tab>
          <Tab value="score">{s.tabScore}</Tab>
          <Tab value="submit">{s.tabSubmit}</Tab>
          <Tab value="council">{s.tabCouncil}</Tab>
        </TabList>
        {/* Below the tabs, so that opening help on a cell never moves them (at 350 px it took their place). */}
        {tab !== 'council' && (
          <CriterionHelp view={view} address={selected} onClose={() => setSelected(undefined)} s={s} lang={lang} />
        )}
        <section
          role="tabpanel"
          aria-label={
            { insert: s.tabInsert, check: s.tabCheck, score: s.tabScore, submit: s.tabSubmit, council: s.tabCouncil }[
              tab
            ]
          }
        >
          {tab === 'insert' && <InsertPanel port={port} view={view} s={s} lang={lang} />}
          {tab === 'check' && <CheckPanel port={port} view={view} s={s} lang={lang} />}
          {tab === 'score' && <ScorePanel port={port} view={view} s={s} lang={lang} />}
          {tab === 'submit' && <SubmitPanel port={port} view={view} s={s} lang={lang} />}
          {tab === 'council' && (
            <Suspense fallback={<Spinner size="small" />}>
              <CouncilPanel port={port} view={view} s={s} lang={lang} />
            </Suspense>
          )}
        </section>
      </main>
    </FluentProvider>
  );
}
