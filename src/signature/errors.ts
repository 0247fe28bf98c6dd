/**
 * A structural problem that makes the package unusable as a whole (status `malformed`). Thrown by
 * the zip and XML readers and caught once, in verifyPackage, so each check can stay a plain function.
 */
import { DtiError, t } from '../base';
export class MalformedPackageError extends DtiError {
  constructor(readonly reason: string) {
    super('malformed-package', t(reason, reason));
    this.name = 'MalformedPackageError';
  }
}

export const malformed = (reason: string): never => {
  throw new MalformedPackageError(reason);
};

/** A problem that makes one signature invalid (a failed or impossible check), reported with its reason. */
export class SignatureProblem extends DtiError {
  constructor(readonly reason: string) {
    super('signature-problem', t(reason, reason));
    this.name = 'SignatureProblem';
  }
}

export const invalid = (reason: string): never => {
  throw new SignatureProblem(reason);
};
