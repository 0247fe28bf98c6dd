/** The user's settings in the browser's own storage (demo mode, hosts without roaming settings); nothing when storage is off. */
const PREFIX = 'dti.';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage blocked (private mode, a host policy)
  }
}

export const browserSettings = {
  async read(key: string): Promise<string | undefined> {
    return storage()?.getItem(PREFIX + key) ?? undefined;
  },
  async write(key: string, value: string | undefined): Promise<void> {
    const s = storage();
    if (value === undefined) s?.removeItem(PREFIX + key);
    else s?.setItem(PREFIX + key, value);
  },
};
