import { describe, expect, test } from 'vitest';
import { credentials } from '../../../conformance/checks/credentials.ts';
import { context, exchange } from '../helpers.ts';

const credentialCase = (field: string, body: unknown) => exchange({ api: 'lingju', purpose: 'credentials', violationKind: 'credentials', field, body });

describe('conformance > credentials', () => {
  test.each([
    ['made-up appkey → 6', 'appkey', { status: 6 }, 'passed'],
    ['made-up appkey → 120 (tied to appkey by decision L26 only: the table names 6)', 'appkey', { status: 120 }, 'failure'],
    ['made-up appkey → 4 (account code)', 'appkey', { status: 4 }, 'failure'],
    ['wrong authcode → 11', 'authcode', { status: 11 }, 'passed'],
    ['made-up appkey → 11 (the authcode code)', 'appkey', { status: 11 }, 'failure'],
    ['made-up appkey accepted', 'appkey', { status: 0 }, 'failure'],
    ['wrong authcode → 8', 'authcode', { status: 8 }, 'failure'],
  ])('%s → %s', (_name, field, body, outcome) => {
    const [verdict] = credentials.evaluate(credentialCase(field, body), context('lingju'));
    expect(verdict!.outcome).toBe(outcome);
    if (outcome === 'failure') {
      expect(verdict!.field).toBe(field);
      expect(verdict!.documented).toMatch(field === 'appkey' ? /\b6\b/ : /\b11\b/);
      // Documented: the basis quotes the table row (6 APPKEY无效 / 11 授权码无效) with its line.
      expect(verdict!.basis).toMatchObject({ kind: 'documented', source: { line: field === 'appkey' ? 157 : 159 } });
    }
  });
});
