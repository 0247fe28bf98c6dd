/**
 * Verification of digitally signed Office packages (ECMA-376 Part 2 OPC signatures as Excel
 * writes them, plus an optional detached CMS .p7s). Browser-safe: Uint8Array, WebCrypto, saxes.
 */
export { verifyPackage } from './verify';
export type { SignatureReport, SignatureStatus, VerifyOptions, VerifyResult } from './types';
export { relationshipTransform, readSelection, RELATIONSHIP_TRANSFORM } from './relationship-transform';
export type { RelationshipSelection } from './relationship-transform';
export { canonicalizeDocument, canonicalizeElement, C14N_METHODS } from './c14n';
export { readZip, DEFAULT_LIMITS } from './zip';
export { useHost, type HostPrimitives } from '../platform';
