/**
 * Verification of digitally signed Office packages (ECMA-376 Part 2 OPC signatures as Excel
 * writes them, plus an optional detached CMS .p7s), and the one safe reader of a package's parts
 * that every path opening an .xlsx goes through. Browser-safe: Uint8Array, WebCrypto, saxes.
 */
export { verifyPackage } from './verify';
export type { SignatureReport, SignatureStatus, VerifyOptions, VerifyResult } from './types';
export { relationshipTransform, readSelection, RELATIONSHIP_TRANSFORM } from './relationship-transform';
export type { RelationshipSelection } from './relationship-transform';
export { canonicalizeDocument, canonicalizeElement, C14N_METHODS } from './c14n';
export { readZip, DEFAULT_LIMITS, type ZipLimits } from './zip';
export { readPackage, readWorkbookParts, isBinaryPart, type PackageOptions } from './package';
export { MalformedPackageError } from './errors';
export { MAX_XML_DEPTH } from './xml';
export { FUTURE_TOLERANCE_MS } from './signing-time';
export { useHost, type HostPrimitives } from '../platform';
