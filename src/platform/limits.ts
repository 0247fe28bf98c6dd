/**
 * The size limits every reader of a submitted file shares — the CLI before it reads a file, the
 * safe package reader (src/signature) before it opens one — kept here, below both, so the CLI can
 * check a file's size without loading the verifier.
 */

/** A filled template is ~40 KB; 20 MB leaves room for pasted evidence images. */
export const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;
