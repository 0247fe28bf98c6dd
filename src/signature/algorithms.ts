/** XML-DSig algorithm identifiers (RFC 3275, RFC 6931) and what WebCrypto calls them. */
import type { HashName, SignatureScheme } from './crypto';

export const DIGEST_METHODS: Record<string, HashName> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'SHA-1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
};

/** HMAC methods are deliberately absent: a key-less "signature" proves nothing about the signer. */
export const SIGNATURE_METHODS: Record<string, SignatureScheme> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { kind: 'RSA-PKCS1', hash: 'SHA-1' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { kind: 'RSA-PKCS1', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { kind: 'RSA-PKCS1', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { kind: 'RSA-PKCS1', hash: 'SHA-512' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1': { kind: 'ECDSA', hash: 'SHA-1' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { kind: 'ECDSA', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { kind: 'ECDSA', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { kind: 'ECDSA', hash: 'SHA-512' },
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': { kind: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 },
  'http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1': { kind: 'RSA-PSS', hash: 'SHA-384', saltLength: 48 },
  'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1': { kind: 'RSA-PSS', hash: 'SHA-512', saltLength: 64 },
};

export const REFERENCE_TYPES = {
  object: 'http://www.w3.org/2000/09/xmldsig#Object',
  signedProperties: 'http://uri.etsi.org/01903#SignedProperties',
} as const;

export const EXC_C14N_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';
