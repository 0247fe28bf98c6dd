/**
 * The one safe way into an .xlsx package, for every path that opens one — `dti verify` and
 * `dti rank` (through verifyPackage), `dti score FILE.xlsx`, `dti template --from FILE.xlsx` and
 * the task pane: the package size cap, the zip reader's limits and entry checks (zip.ts), an OPC
 * package with its [Content_Types].xml (opc.ts), and no XML part declaring a DTD or entities.
 * Whatever reads cells afterwards (src/workbook) only ever sees parts that passed.
 */
import { checkXmlPartsHaveNoDtd, openPackage, type OpcPackage } from './opc';
import { DEFAULT_LIMITS, readZip, type ZipLimits } from './zip';

export interface PackageOptions {
  limits?: Partial<ZipLimits>;
  /** Entries not needed (e.g. media for a cell reader): checked, not inflated. */
  skip?: (name: string) => boolean;
}

/** The package's checked parts; throws MalformedPackageError with the reason when it is not safe to read. */
export function readPackage(bytes: Uint8Array, options: PackageOptions = {}): OpcPackage {
  const parts = readZip(bytes, { ...DEFAULT_LIMITS, ...options.limits }, options.skip);
  const pkg = openPackage(parts);
  checkXmlPartsHaveNoDtd(pkg);
  return pkg;
}

/** Binary parts a cell reader never opens: images, embedded objects, printer settings, VBA. */
const BINARY = /\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|bin|wdp|jxr|ico|mp[34]|wav|avi|mov|ole|cf)$/i;
export const isBinaryPart = (name: string): boolean => BINARY.test(name) || /(^|\/)(media|embeddings)\//i.test(name);

/** The parts a cell reader needs: every XML part, never the media (whose limits are still enforced). */
export function readWorkbookParts(bytes: Uint8Array, limits?: Partial<ZipLimits>): Map<string, Uint8Array> {
  return readPackage(bytes, { limits, skip: isBinaryPart }).parts;
}
