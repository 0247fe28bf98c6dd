/** The council's trusted root certificates: chosen once, remembered through the port, never taken from the files. */
import { Button, Text } from '@fluentui/react-components';
import { useRef } from 'react';
import type { PanelProps } from '../panels/props';
import type { TrustAnchor } from './session';
import type { CouncilStyles } from './styles';

export interface TrustAnchorsProps {
  anchors: TrustAnchor[];
  onAdd: (picked: FileList | null) => Promise<void>;
  onForget: () => void;
  s: PanelProps['s'];
  styles: CouncilStyles;
}

export function TrustAnchors({ anchors, onAdd, onForget, s, styles }: TrustAnchorsProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className={styles.section} aria-label={s.trustTitle}>
      <Text weight="semibold">{s.trustTitle}</Text>
      <Text size={200} data-testid="trust-status">
        {anchors.length ? s.trustSome(anchors.length) : s.trustNone}
      </Text>
      {anchors.length > 0 && (
        <Text size={200} className={styles.file}>
          {anchors.map((a) => a.name).join(', ')}
        </Text>
      )}
      <div className={styles.row}>
        <input
          ref={input}
          type="file"
          multiple
          accept=".pem,.cer,.crt,.der"
          className={styles.hidden}
          data-testid="trust-input"
          onChange={(e) => void onAdd(e.target.files).then(() => (e.target.value = ''))}
        />
        <Button size="small" onClick={() => input.current?.click()}>
          {s.trustPick}
        </Button>
        {anchors.length > 0 && (
          <Button size="small" appearance="subtle" onClick={onForget}>
            {s.trustForget}
          </Button>
        )}
      </div>
      <Text size={100} className={styles.remark}>
        {s.trustNote}
      </Text>
    </section>
  );
}
