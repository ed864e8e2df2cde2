import { describe, expect, test } from 'vitest';
import { estimatePlan, assertReasonable } from '../../../conformance/engine/estimate.ts';
import { parseCliArgs, type ConformanceOptions } from '../../../conformance/engine/options.ts';
import { DEFAULT_GENERATE_COUNT } from '../../../conformance/generate/types.ts';

const parse = (...args: string[]) => parseCliArgs(args, () => 99) as ConformanceOptions;

describe('generate > command-line options', () => {
  test.each([
    [['--generate'], { count: DEFAULT_GENERATE_COUNT }],
    [['--generate', '--seed', '3'], { count: DEFAULT_GENERATE_COUNT }],
    [['--generate', '50'], { count: 50 }],
    [['--generate=7'], { count: 7 }],
    [['--duration', '2.5'], { durationS: 2.5 }],
    [['--generate', '500', '--duration', '60'], { count: 500, durationS: 60 }],
  ])('%j → %j', (args, generate) => {
    expect(parse(...args).generate).toEqual(generate);
  });

  test('no generation unless asked; --replay narrows the run to its API', () => {
    expect(parse().generate).toBeUndefined();
    expect(parse('--seed', '4', '--replay', 'lingju:3:0*2:1')).toMatchObject({ apis: ['lingju'], seed: 4, generate: { replay: 'lingju:3:0*2:1' } });
    expect(parse('--seed', '4', '--api', 'weidu', '--replay', 'weidu:3')).toMatchObject({ apis: ['weidu'] });
  });

  test.each([
    [['--generate', '0'], /--generate must be between 1/],
    [['--generate', 'x'], /--generate must be an integer/],
    [['--duration', '0'], /--duration must be a positive number of seconds/],
    [['--duration', '-1'], /--duration/],
    [['--replay', 'weidu:3'], /--replay needs the --seed/],
    [['--seed', '1', '--replay', 'weidu:3', '--generate'], /takes no --generate or --duration/],
    [['--seed', '1', '--replay', 'weidu:3', '--api', 'lingju'], /a weidu request, but --api is lingju/],
    [['--seed', '1', '--replay', 'nope'], /--replay takes API:PATH/],
  ])('%j → a one-line error', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(message);
  });

  test('the plan line counts generated requests, and --duration past an hour needs --long-run', () => {
    expect(estimatePlan(parse('--generate', '--api', 'lingju')).line).toMatch(/^Plan: \d+ requests \+ generated ones \(200 per API, then shrinking each failure\), concurrency 4$/);
    expect(estimatePlan(parse('--seed', '1', '--replay', 'weidu:4:1')).line).toBe('Plan: 1 generated request (--replay weidu:4:1), concurrency 4');
    const rated = parse('--generate', '100', '--rate', '10', '--api', 'weidu');
    expect(estimatePlan(rated).requests).toBe(estimatePlan(parse('--api', 'weidu')).requests + 100);
    const long = parse('--duration', '7200');
    expect(() => assertReasonable(long, estimatePlan(long))).toThrow(/--duration 7200 would take about 2 h 0 min; .*--long-run/);
    expect(() => assertReasonable({ ...long, longRun: true }, estimatePlan(long))).not.toThrow();
  });
});
