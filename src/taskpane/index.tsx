/**
 * Task pane entry: a small first chunk that paints at once, then the pane itself (./Pane, async).
 * Inside Excel the pane works on the open workbook through Office.js; opened in any other browser
 * it runs in a clearly labelled demo mode on an in-memory sample workbook.
 *
 * When office.js loads but its own resources are blocked (a firewall, a proxy, a browser
 * extension), `Office.onReady` never resolves
 * (https://learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in): after
 * READY_TIMEOUT_MS the pane says what to check instead of loading forever, and still mounts itself
 * if Office answers later.
 */
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  webLightTheme,
} from '@fluentui/react-components';
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { STRINGS } from './i18n';

const Pane = lazy(() => import(/* webpackChunkName: "pane" */ './Pane'));

/** How long Office.onReady may take before the pane says something is wrong. */
export const READY_TIMEOUT_MS = 10_000;

const root = createRoot(document.getElementById('app')!);
const render = (node: ReactNode) => root.render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);

/**
 * When the pane's own chunk cannot be loaded (the host replaced the files while the pane was open,
 * or the network dropped), it says so instead of staying blank. Vietnamese first, English below.
 */
class ChunkFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 12 }}>
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Không tải được khung chấm điểm</MessageBarTitle>
            <p>
              Một phần của phần bổ trợ không tải về được: mạng bị gián đoạn, hoặc máy chủ vừa được cập nhật bản mới
              trong lúc khung đang mở. Hãy tải lại khung; nếu vẫn lỗi, báo bộ phận CNTT kiểm tra máy chủ.
            </p>
            <p lang="en">
              <strong>The scoring pane could not be loaded.</strong> Part of the add-in could not be downloaded: the
              network dropped, or the host was updated while the pane was open. Reload the pane; if it fails again, ask
              IT to check the host.
            </p>
          </MessageBarBody>
        </MessageBar>
        <div>
          <Button appearance="primary" onClick={() => location.reload()}>
            {STRINGS.vi.retry} / {STRINGS.en.retry}
          </Button>
        </div>
      </main>
    );
  }
}

function mount(inExcel: boolean): void {
  if (!inExcel) document.body.classList.add('demo');
  render(
    <ChunkFailure>
      <Suspense fallback={<Spinner label="Đang tải bộ tiêu chí…" style={{ marginTop: 48 }} />}>
        <Pane inExcel={inExcel} />
      </Suspense>
    </ChunkFailure>,
  );
}

/** Vietnamese first, English below: the language switch is not there yet. */
function showTimeout(): void {
  const { vi, en } = STRINGS;
  render(
    <main style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 12 }}>
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{vi.loadTimeout}</MessageBarTitle>
          <p>{vi.loadTimeoutBody}</p>
          <p lang="en">
            <strong>{en.loadTimeout}.</strong> {en.loadTimeoutBody}
          </p>
        </MessageBarBody>
      </MessageBar>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button appearance="primary" onClick={() => location.reload()}>
          {vi.retry} / {en.retry}
        </Button>
        <Button onClick={() => mount(false)}>
          {vi.openDemo} / {en.openDemo}
        </Button>
      </div>
    </main>,
  );
}

// Office.js (loaded from its CDN by taskpane.html) tells whether the page runs inside Excel.
if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  const timer = setTimeout(showTimeout, READY_TIMEOUT_MS);
  const failed = () => {
    clearTimeout(timer);
    mount(false);
  };
  try {
    Promise.resolve(
      Office.onReady((info) => {
        clearTimeout(timer);
        mount(String(info.host) === 'Excel');
      }),
    ).catch(failed);
  } catch {
    failed();
  }
} else mount(false);
