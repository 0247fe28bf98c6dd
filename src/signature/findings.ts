/** What one signature's checks find, collected as they run. */
/** Collects failures (which make the signature invalid) apart from notes (which do not). */
export class Findings {
  failures: string[] = [];
  notes: string[] = [];
  /** SHA-1 in the signature method or a digest. */
  sha1 = false;
  /** SHA-1 only in the certificate chain (noted by the chain check itself). */
  chainSha1 = false;
  fail(reason: string) {
    this.failures.push(reason);
  }
  note(reason: string) {
    if (!this.notes.includes(reason)) this.notes.push(reason);
  }
}
