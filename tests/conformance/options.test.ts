import { describe, expect, test } from 'vitest';
import { parseCliArgs } from '../../conformance/engine/options.ts';
import { assertReasonable, estimatePlan, formatDuration } from '../../conformance/engine/estimate.ts';

const parse = (...args: string[]) => parseCliArgs(args, () => 99);

describe('conformance > command-line options', () => {
  test('defaults: all APIs, embedded mock, a printed random seed, a new directory under reports/ per run, concurrency 4', () => {
    expect(parse()).toEqual({ apis: ['weidu', 'lingju'], target: undefined, seed: 99, reportDir: 'reports', reportPerRun: true, concurrency: 4, rate: undefined, timeoutMs: 5000, only: undefined, dryRun: false, waiversFile: undefined, strict: false });
  });

  test('every option', () => {
    const options = parse('--api', 'lingju', '--target', 'https://staging.example.com/prefix/', '--seed', '7', '--report-dir', 'out', '--concurrency', '2', '--rate', '2.5', '--timeout', '900', '--only', 'credentials, negative_rejection', '--dry-run', '--waivers', 'w.yaml', '--strict');
    expect(options).toEqual({ apis: ['lingju'], target: 'https://staging.example.com/prefix', seed: 7, reportDir: 'out', concurrency: 2, rate: 2.5, timeoutMs: 900, only: ['credentials', 'negative_rejection'], dryRun: true, waiversFile: 'w.yaml', strict: true });
  });

  test('--help', () => {
    expect(parse('--help')).toBe('help');
  });

  test.each([
    [['--api', 'foo'], /--api must be one of weidu, lingju, all/],
    [['--target', 'localhost:9000'], /--target must be an http:\/\/ or https:\/\/ URL|is not a URL/],
    [['--target', 'ftp://x'], /http:\/\/ or https:\/\//],
    [['--target', 'http://x/?a=1'], /without query/],
    [['--target', 'http://x:1/#'], /without query or fragment/],
    [['--target', 'http://x:1/?'], /without query or fragment/],
    [['--target', 'http://x:1/p?#'], /without query or fragment/],
    [['--target', 'http://x:1/p\\q'], /backslash/],
    [['--target', 'http://x:1/#x'], /without query or fragment/],
    [['--target', 'http://x:1/ p'], /whitespace/],
    [['--seed=-1'], /--seed must be an integer/],
    [['--seed', '-1'], /--seed/],
    [['--seed', 'abc'], /--seed must be an integer/],
    [['--concurrency', '0'], /--concurrency must be between 1/],
    [['--timeout', '1.5'], /--timeout must be an integer/],
    [['--rate', '0'], /--rate must be a positive number/],
    [['--only', 'nope'], /unknown check nope \(known: positive_acceptance/],
    [['--only', ','], /at least one check/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /positional/i],
    [['--seed'], /argument missing|--seed/],
  ])('%j → one-line BAD_ARGS error', (args, message) => {
    let caught: unknown;
    try {
      parse(...args);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'BAD_ARGS', message: expect.stringMatching(message) });
    expect((caught as Error).message).not.toContain('\n');
  });
});

describe('conformance > plan estimate', () => {
  test.each([
    [12, 'about 12 s'],
    [192, 'about 3 min 12 s'],
    [7500, 'about 2 h 5 min'],
    [172_000, 'about 1 d 23 h'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  test('with --rate the plan states how long it takes at least; over an hour needs --long-run', () => {
    const options = parse('--api', 'lingju', '--target', 'http://x:1', '--rate', '0.01');
    if (options === 'help') throw new Error('unexpected');
    const estimate = estimatePlan(options, {});
    expect(estimate.line).toMatch(/^Plan: \d+ requests, concurrency 4; at --rate 0\.01\/s about \d+ h \d+ min \(estimate\)$/);
    expect(() => assertReasonable(options, estimate)).toThrow(/--long-run/);
    expect(() => assertReasonable({ ...options, longRun: true }, estimate)).not.toThrow();
    expect(() => assertReasonable({ ...options, rate: 10 }, estimatePlan({ ...options, rate: 10 }, {}))).not.toThrow();
  });
});
