/** Public types of the signature verifier (re-exported from index.ts). */

export type SignatureStatus = 'valid' | 'valid-untrusted' | 'partial' | 'invalid' | 'unsigned' | 'malformed';

export interface VerifyOptions {
  /** DER or PEM certificates given with --trust: the ONLY roots trusted (never roots found in the file). */
  trustAnchors?: Uint8Array[];
  /** Optional detached CMS signature (FILE.xlsx.p7s) over the exact file bytes. */
  p7s?: Uint8Array;
  now?: Date;
  limits?: { maxPackageBytes?: number; maxEntries?: number; maxTotalInflated?: number; maxEntryInflated?: number };
}

export interface SignatureReport {
  /** The signature part ("_xmlsignatures/sig1.xml") or "p7s#1" for a detached CMS signer. */
  id: string;
  /** Every cryptographic check passed (signature value, digests, certificate binding, validity). */
  valid: boolean;
  signer: string | null;
  /** The signing time the signer wrote: a claim (signing-time.ts). */
  signedAt: string | null;
  /** The genTime of the verified, trusted RFC 3161 timestamp the certificates were checked at, if any. */
  attestedAt: string | null;
  /** The timestamp authority that attests it (its certificate's subject). */
  attestedBy: string | null;
  /** e.g. "RSA-SHA256". */
  algorithm: string;
  /** SHA-1 is used somewhere (signature, digests or certificate chain): weak, reported, not failed. */
  sha1: boolean;
  /** The signing certificate chains to one of the given trust anchors. */
  trusted: boolean;
  reasons: string[];
}

export interface VerifyResult {
  status: SignatureStatus;
  signer: string | null;
  signedAt: string | null;
  attestedAt: string | null;
  attestedBy: string | null;
  reasons: string[];
  signatures: SignatureReport[];
  uncoveredParts: string[];
  /** The verified package's parts, so scoring reads the SAME bytes that were verified. */
  parts: Map<string, Uint8Array>;
}
