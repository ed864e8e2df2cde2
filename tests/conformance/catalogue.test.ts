import { describe, expect, it } from 'vitest';
import { checkCatalogue, checkCategories, type CheckName } from '../../conformance/catalogue.ts';
import { loadContract } from '../../src/spec/index.ts';

const categories = (api: 'weidu' | 'lingju', name: CheckName) => checkCategories(checkCatalogue.find((c) => c.name === name)!, loadContract(api));

describe('catalogue > the categories a check provokes come from the spec', () => {
  it.each([
    ['lingju', 'positive_acceptance', ['success']],
    ['lingju', 'negative_rejection', ['parameter', 'data-format']],
    ['lingju', 'credentials', ['credentials', 'account-state']],
    ['lingju', 'envelope_conformance', []],
    ['weidu', 'positive_acceptance', ['success']],
    ['weidu', 'negative_rejection', ['undocumented']],
    ['weidu', 'credentials', []],
  ] as const)('catalogue > %s %s → %j', (api, name, expected) => {
    expect(categories(api, name)).toEqual(expected);
  });
});
