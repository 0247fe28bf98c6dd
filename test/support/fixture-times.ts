/**
 * When the Apache POI signature fixtures (test/fixtures/signatures) could still be verified. Only
 * signed.docx carries a timestamp, and it is used only with the Belgian root as anchor
 * (fixtures.test.ts); otherwise their signing times are the signers' claims and the verifier
 * checks the certificates at the verification time: today their certificates (2006–2015) have
 * expired and the signatures are invalid. To exercise the XML-DSig checks on these real Office
 * signatures, tests verify them as a council would have while the certificates were valid:
 * 2011-06-01 for the 2009–2010 signatures (certificates valid 2006/2007–2011/2012), 2013-06-01 for
 * signed.docx (signed 2012-12-13, certificate valid 2010–2015).
 */
const VERIFIED_ON: Record<string, string> = {
  'hello-world-signed.xlsx': '2011-06-01T00:00:00Z',
  'hello-world-signed-twice.docx': '2011-06-01T00:00:00Z',
  'ms-office-2010-signed.xlsx': '2011-06-01T00:00:00Z',
  'ms-office-2010-signed.docx': '2011-06-01T00:00:00Z',
  'signed.docx': '2013-06-01T00:00:00Z',
};

/** A date when the fixture's certificates were valid (as a verification time, `now`). */
export const whileValid = (fixture: string): Date => new Date(VERIFIED_ON[fixture] ?? '2011-06-01T00:00:00Z');
