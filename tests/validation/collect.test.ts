import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiNames, loadContract, projectRoot, type ApiName } from '../../src/spec/load.ts';
import { collectViolations, toViolations, validatorFor, type Target } from '../../src/validation/index.ts';

/** ajv's own allErrors answer: what collectViolations must equal (same violations, same order) when not capped. */
function ajvAllErrors(api: ApiName, target: Target, data: unknown) {
  const contract = loadContract(api);
  const fn = validatorFor(api, target === 'request' ? contract.requestSchemaPointer : contract.responseSchemaPointer, 'all');
  return fn(data) ? [] : toViolations(fn.errors);
}

/** Every JSON body of the committed corpus (valid and invalid), plus multi-fault bodies merged from pairs of invalid ones. */
function corpus(api: ApiName): Array<[string, unknown]> {
  const bodies: Array<[string, unknown]> = [];
  for (const kind of ['valid', 'invalid']) {
    const dir = path.join(projectRoot, 'fixtures', api, kind);
    for (const file of readdirSync(dir).sort()) {
      try {
        bodies.push([`${kind}/${file}`, JSON.parse(readFileSync(path.join(dir, file), 'utf8'))]);
      } catch {
        // not JSON (malformed-body fixtures): nothing to validate
      }
    }
  }
  const objects = bodies.filter(([name, b]) => name.startsWith('invalid/') && b && typeof b === 'object' && !Array.isArray(b));
  for (let i = 0; i + 2 < objects.length; i += 2) {
    bodies.push([`merged ${objects[i]![0]} + ${objects[i + 2]![0]}`, { ...(objects[i]![1] as object), ...(objects[i + 2]![1] as object) }]);
  }
  return bodies;
}

describe('validation > bounded collection', () => {
  it.each(apiNames)('%s: uncapped, it equals ajv allErrors on every fixture and merged multi-fault bodies', (api) => {
    const bodies = corpus(api);
    expect(bodies.length).toBeGreaterThan(100);
    for (const [name, body] of bodies) {
      expect(collectViolations(api, 'request', body), name).toEqual({ violations: ajvAllErrors(api, 'request', body), complete: true });
    }
  });

  it.each(apiNames)('%s: responses too (examples, and broken envelopes)', (api) => {
    const contract = loadContract(api);
    const { codeField, messageField } = contract.envelope;
    const bodies = [...contract.responseExamples.map((e) => e.value), {}, [], null, { [codeField]: '0' }, { [codeField]: 1.5, [messageField]: 3 }, { [messageField]: 'x', extra: 1 }];
    for (const body of bodies) expect(collectViolations(api, 'response', body).violations, JSON.stringify(body)).toEqual(ajvAllErrors(api, 'response', body));
  });

  it('caps: exactly max is complete, one more is not', () => {
    const works = (n: number) => ({ user_id: 'u', work_list: Array.from({ length: n }, () => ({ type: 'x' })) });
    expect(collectViolations('weidu', 'request', works(5), 5)).toMatchObject({ complete: true, violations: { length: 5 } });
    expect(collectViolations('weidu', 'request', works(6), 5)).toMatchObject({ complete: false, violations: { length: 5 } });
    expect(collectViolations('weidu', 'request', works(6), 5).violations.map((v) => v.path)).toEqual([0, 1, 2, 3, 4].map((i) => `work_list/${i}/type`));
  });

  it('bounded work: 40,000 bad items, capped at 100, touch about 100 items (allErrors touches all 40,000)', () => {
    const touched = new Set<number>();
    const items = Array.from({ length: 40_000 }, (_, i) => {
      const item = {};
      Object.defineProperty(item, 'type', { enumerable: true, get: () => (touched.add(i), 'x') });
      return item;
    });
    const result = collectViolations('weidu', 'request', { user_id: 'u', work_list: items }, 100);
    expect(result.violations).toHaveLength(100);
    expect(result.complete).toBe(false);
    expect(touched.size).toBeLessThanOrEqual(102);
  });

  it('bounded work: 40,000 undocumented fields, capped at 100', () => {
    const body = { user_id: 'u', ...Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i])) };
    const result = collectViolations('weidu', 'request', body, 100);
    expect(result.violations.map((v) => v.keyword)).toEqual(Array(100).fill('additionalProperties'));
    expect(result.complete).toBe(false);
  });

  it('hostile nesting is described, not overflowed', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) as unknown;
    expect(collectViolations('lingju', 'request', deep, 100).violations.map((v) => [v.path, v.keyword])).toEqual([['', 'type']]);
    const nested = JSON.parse(`{"user_id":"u","work_list":[${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}]}`) as unknown;
    expect(collectViolations('weidu', 'request', nested, 100).violations.map((v) => [v.path, v.keyword])).toEqual([['work_list/0/a', 'additionalProperties']]);
  });
});
