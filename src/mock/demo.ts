import { mockCodeFor } from '../spec/codes.ts';
import { resolvePointer, type Contract, type JsonObject } from '../spec/load.ts';
import { curlFor } from './curl.ts';
import { describeViolations, mostSevereKind, requestViolationList } from './violations.ts';

/** A curl the README prints, with the exact envelope the mock answers (a test replays every one). */
export interface CurlDemo {
  title: string;
  command: string;
  expected: JsonObject;
}

function requestSchema(contract: Contract): { properties: Record<string, JsonObject>; required: string[] } {
  const schema = resolvePointer(contract.doc, contract.requestSchemaPointer);
  return { properties: (schema.properties ?? {}) as Record<string, JsonObject>, required: (schema.required ?? []) as string[] };
}

/** The smallest request example: the base for the error demos. */
function smallestExample(contract: Contract): JsonObject {
  const sorted = [...contract.requestExamples].sort((a, b) => JSON.stringify(a.value).length - JSON.stringify(b.value).length);
  return structuredClone(sorted[0]?.value ?? {});
}

/** A value an optional field must refuse: outside its enum if it has one, else of another type. */
function wrongValueFor(schema: JsonObject): unknown {
  const values = schema.enum as unknown[] | undefined;
  if (values && schema.type === 'string') return 'x';
  if (values && schema.type === 'integer') return Math.max(...(values as number[])) + 1;
  return schema.type === 'string' ? 123 : 'x';
}

/** The optional field the demo breaks: the first one with an enum, else the first one. */
function demoOptionalField(contract: Contract): [string, JsonObject] | undefined {
  const { properties, required } = requestSchema(contract);
  const optional = Object.entries(properties).filter(([name]) => !required.includes(name));
  return optional.find(([, s]) => Array.isArray(s.enum)) ?? optional[0];
}

/** The envelope the mock answers for a schema-invalid body (the same functions the mock uses). */
function invalidAnswer(contract: Contract, body: unknown): JsonObject {
  const { violations, complete } = requestViolationList(contract, body);
  const { codeField, messageField } = contract.envelope;
  return { [codeField]: mockCodeFor(contract, mostSevereKind(contract, violations)), [messageField]: describeViolations(contract, violations, complete) };
}

function exampleValue(contract: Contract, name: string): JsonObject {
  const example = contract.responseExamples.find((e) => e.name === name);
  if (!example) throw new Error(`${contract.api}: no response example "${name}"`);
  return example.value;
}

/** The README's curls for one API: a valid request, a named error, a missing required field, a wrong optional field. */
export function curlDemos(contract: Contract, baseUrl: string): CurlDemo[] {
  const small = smallestExample(contract);
  const success = contract.responseExamples[0]!;
  const firstError = contract.responseExamples.find((e) => e.name !== success.name);
  const demos: CurlDemo[] = [{ title: 'a valid request (the spec\'s first request example)', command: curlFor(contract, baseUrl), expected: success.value }];
  if (firstError) {
    demos.push({
      title: `a documented error by name (Prefer: example=${firstError.name})`,
      command: curlFor(contract, baseUrl, { body: small, example: firstError.name }),
      expected: exampleValue(contract, firstError.name),
    });
  }
  demos.push({ title: 'an empty JSON object (required fields missing)', command: curlFor(contract, baseUrl, { body: {} }), expected: invalidAnswer(contract, {}) });
  const optional = demoOptionalField(contract);
  if (optional) {
    const body = { ...small, [optional[0]]: wrongValueFor(optional[1]) };
    demos.push({ title: `a wrong optional field (${optional[0]})`, command: curlFor(contract, baseUrl, { body }), expected: invalidAnswer(contract, body) });
  }
  return demos;
}
