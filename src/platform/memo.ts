/**
 * Bounded memos for what a council's batch sees again and again: the same signer and CA
 * certificates in hundreds of files. Only pure results are kept (a parse, a key import, a check of
 * fixed bytes), so a hit gives exactly what recomputing would. Bounded, oldest out first, so a
 * hostile batch of distinct certificates cannot grow them without end.
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly size: number) {}

  get(key: K, make: () => V): V {
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const value = make();
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}

/** Bytes as a string, one char per byte: an exact map key, and latin-1 text. Cheap for certificate-sized inputs. */
export function byteString(bytes: Uint8Array): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += 4096)
    out += String.fromCharCode.apply(null, bytes.subarray(at, at + 4096) as unknown as number[]);
  return out;
}
