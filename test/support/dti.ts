/** The `dti` command run in-process: every write kept in memory, reads served from `files` (ENOENT otherwise). */
import { run } from '../../src/cli/main';

export type Io = Parameters<typeof run>[1];

export async function dti(args: string[], files: Record<string, string | Uint8Array> = {}, io: Partial<Io> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, Uint8Array> = {};
  const code = await run(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      if (p in files)
        return typeof files[p] === 'string' ? new TextEncoder().encode(files[p] as string) : (files[p] as Uint8Array);
      const e = new Error('ENOENT') as NodeJS.ErrnoException;
      e.code = 'ENOENT';
      throw e;
    },
    writeFile: (p, bytes) => {
      written[p] = bytes;
    },
    ...io,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), written };
}
