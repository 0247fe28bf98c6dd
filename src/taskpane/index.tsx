/**
 * Task pane entry: a small first chunk that paints at once, then the pane itself (./Pane, async).
 * Inside Excel the pane works on the open workbook through Office.js; opened in any other browser
 * it runs in a clearly labelled demo mode on an in-memory sample workbook.
 */
import { FluentProvider, Spinner, webLightTheme } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';

const Pane = lazy(() => import(/* webpackChunkName: "pane" */ './Pane'));

function mount(inExcel: boolean): void {
  if (!inExcel) document.body.classList.add('demo');
  createRoot(document.getElementById('app')!).render(
    <Suspense
      fallback={
        <FluentProvider theme={webLightTheme}>
          <Spinner label="Đang tải bộ tiêu chí…" style={{ marginTop: 48 }} />
        </FluentProvider>
      }
    >
      <Pane inExcel={inExcel} />
    </Suspense>,
  );
}

// Office.js (loaded from its CDN by taskpane.html) tells whether the page runs inside Excel.
if (typeof Office !== 'undefined' && typeof Office.onReady === 'function')
  void Office.onReady((info) => mount(info.host === Office.HostType.Excel)).catch(() => mount(false));
else mount(false);
