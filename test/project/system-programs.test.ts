/** A suite that needs a missing system program says what to install; under CI it fails the run. */
import { describeWith, type SystemProgram } from '../support/system';

const missing: SystemProgram = { name: 'Nothing', install: 'apt-get install nothing', available: () => false };
const present: SystemProgram = { name: 'Something', install: 'apt-get install something', available: () => true };

describe('suites that need system programs', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  test('run when every program is there', () => {
    expect(describeWith([present])).toBe(describe);
  });

  test('are skipped with one line naming the program and its install line', () => {
    delete process.env.CI;
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (written.push(String(s)), true));
    try {
      expect(describeWith([present, missing])).toBe(describe.skip);
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual(['skipped: Nothing not found — apt-get install nothing\n']);
  });

  test('fail under CI instead of skipping', () => {
    process.env.CI = 'true';
    expect(() => describeWith([missing])).toThrow('CI needs Nothing not found — apt-get install nothing');
  });
});
