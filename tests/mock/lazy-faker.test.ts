import { describe, expect, it } from 'vitest';
import { deferPrismFaker } from '../../src/mock/lazy-faker.ts';

describe('mock > deferred faker', () => {
  it('x-faker still works in Prism\'s dynamic generator once faker is deferred', async () => {
    deferPrismFaker();
    const { generate } = await import('@stoplight/prism-http/dist/mocker/generator/JSONSchema.js');
    const result = generate({} as never, {}, { type: 'string', 'x-faker': 'internet.email' } as never);
    expect(result._tag).toBe('Right');
    expect((result as { right: unknown }).right).toMatch(/^\S+@\S+$/);
  });
});
