// npm run bench:fixtures [-- --seconds S --rounds N]: payloads/s of full weidu and lingju bodies, generated AND
// validated with the shared ajv (validateRequest), each payload from its own seed. Prints the median of N rounds,
// the split between generation and validation, and what one new Faker per payload would cost instead.
// Wall-clock rates suffer when other processes share the 2 cores, so the CPU-time rate and the load average are
// printed too.
import { Faker, base, en, zh_CN } from '@faker-js/faker';
import { parseArgs } from 'node:util';
import { generateValid } from '../src/fixtures/index.ts';
import type { ApiName } from '../src/spec/load.ts';
import { validateRequest } from '../src/validation/index.ts';
import { loadLine, median } from './bench-util.ts';

const TARGETS: Record<ApiName, number> = { weidu: 20_000, lingju: 100_000 };
const { values } = parseArgs({ options: { seconds: { type: 'string' }, rounds: { type: 'string' } } });
const SECONDS = Number(values.seconds ?? 2);
const ROUNDS = Number(values.rounds ?? 3);
if (!(SECONDS > 0) || !Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error('bench:fixtures: --seconds must be > 0 and --rounds a whole number ≥ 1');
  process.exit(2);
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
let invalid = 0;
let seed = 1;

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
let lastCpuRate = 0;

/** Calls `step` in batches for about `seconds`; returns calls per wall-clock second (calls per CPU second in lastCpuRate). */
function rate(seconds: number, step: () => void): number {
  let calls = 0;
  const start = now();
  const startCpu = cpuSeconds();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (let i = 0; i < 200; i++) step();
    calls += 200;
    elapsed = now() - start;
  }
  lastCpuRate = calls / (cpuSeconds() - startCpu);
  return calls / elapsed;
}

function measure(api: ApiName) {
  const both = () => {
    if (validateRequest(api, generateValid(api, seed++)).length > 0) invalid++;
  };
  rate(0.5, both); // warm-up: JIT, ajv compile, faker pools
  const cpuRounds: number[] = [];
  const rounds = Array.from({ length: ROUNDS }, () => {
    const wall = rate(SECONDS, both);
    cpuRounds.push(lastCpuRate);
    return wall;
  });
  const bodies = Array.from({ length: 1000 }, (_, i) => generateValid(api, i));
  const bytes = bodies.reduce((sum, b) => sum + Buffer.byteLength(JSON.stringify(b)), 0) / bodies.length;
  let k = 0;
  const generateOnly = rate(SECONDS / 2, () => void generateValid(api, seed++));
  const validateOnly = rate(SECONDS / 2, () => void validateRequest(api, bodies[k++ % bodies.length]));
  return { api, perSecond: median(rounds), perCpuSecond: median(cpuRounds), rounds, generateOnly, validateOnly, bytes };
}

console.log(`bench:fixtures — full bodies, generate + validateRequest, ${ROUNDS} × ${SECONDS}s per API (median), node ${process.version}`);
console.log(`before: ${loadLine()} (above ~1 per core means other processes compete)\n`);
const results = (['weidu', 'lingju'] as const).map(measure);
for (const r of results) {
  const ok = r.perSecond >= TARGETS[r.api];
  console.log(
    `${r.api.padEnd(7)} ${fmt(r.perSecond).padStart(8)} payloads/s  (target ≥ ${fmt(TARGETS[r.api])}: ${ok ? 'met' : 'MISSED'})` +
      `  rounds ${r.rounds.map(fmt).join(' / ')}; per CPU second ${fmt(r.perCpuSecond)}` +
      `\n${' '.repeat(8)}generate only ${fmt(r.generateOnly)}/s, validate only ${fmt(r.validateOnly)}/s, ~${fmt(r.bytes)} B/body (compact JSON)`,
  );
}

// The design choice in numbers: one new Faker per payload (what the library's docs suggest for isolation).
const perConstruction = rate(0.5, () => {
  const faker = new Faker({ locale: [zh_CN, en, base], seed: seed++ });
  faker.setDefaultRefDate('2025-01-01T00:00:00.000Z');
});
const reseedDefault = new Faker({ locale: [zh_CN, en, base] });
const perMersenneSeed = rate(0.5, () => void reseedDefault.seed([seed++, 1]));
console.log(`\nfor comparison: new Faker(zh_CN) ${fmt(perConstruction)}/s; reseeding faker's default Mersenne Twister ${fmt(perMersenneSeed)}/s`);
console.log('(fixtures reuse two Faker instances with an O(1)-reseed sfc32 randomizer, reseeded per payload)');
console.log(`after: ${loadLine()}`);
if (invalid > 0) {
  console.error(`\n${invalid} generated payload(s) failed validation`);
  process.exit(1);
}
