/** Test material that ships with the repository (never read from outside it). */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';

/** Apache POI's signed and unsigned OOXML packages (test/fixtures/signatures, Apache-2.0). */
export const SIGNATURE_FIXTURES = path.join(__dirname, '..', 'fixtures', 'signatures');

export const signatureFixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(path.join(SIGNATURE_FIXTURES, name)));

/** The package files among the fixtures (not their README or licence). */
export const signatureFixtureNames = (): string[] =>
  readdirSync(SIGNATURE_FIXTURES).filter((f) => /\.(xlsx|docx)$/.test(f));
