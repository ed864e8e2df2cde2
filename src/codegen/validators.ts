import { createRequire } from 'node:module';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { Contract, JsonObject } from '../spec/load.ts';
import type { PreparedApi } from '../spec/prepared.ts';
import { addExtensionKeywords, createAjv } from '../validation/ajv.ts';

/**
 * The request validators of one API as ajv standalone code (the same ajv configuration as src/validation/ajv.ts,
 * `first` and `all` for every schema node the bounded walk visits), so the MSW handlers validate in a browser with
 * no ajv, no YAML and no compilation at run time. ajv's standalone code requires two runtime modules
 * (ajv/dist/runtime/ucs2length, ajv-formats/dist/formats, both MIT); their sources are inlined, so the file imports
 * nothing. A test holds its verdicts equal to the in-process ajv's on every fixture.
 */

const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as (ajv: unknown, refs: Record<string, string>) => string;
const require = createRequire(import.meta.url);

/** Annotations (and the spec's x- extensions) do not change a verdict; without them the embedded schemas are small. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly', 'default']);
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'];

function stripSchema(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(schema as JsonObject)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (SCHEMA_MAPS.includes(key) && value && typeof value === 'object') result[key] = Object.fromEntries(Object.entries(value as JsonObject).map(([k, v]) => [k, stripSchema(v)]));
    else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) result[key] = value.map(stripSchema);
    else if (SCHEMA_ONE.includes(key)) result[key] = stripSchema(value);
    else result[key] = value;
  }
  return result;
}

/** The document with its component schemas stripped of annotations (refs keep resolving: same pointers). */
function strippedDocument(doc: JsonObject): JsonObject {
  const components = (doc.components ?? {}) as JsonObject;
  const schemas = (components.schemas ?? {}) as JsonObject;
  return { components: { schemas: Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, stripSchema(s)])) } };
}

/** A CommonJS module's source as an expression yielding its exports (the two runtime modules have no requires). */
function inlineModule(specifier: string): string {
  const file = require.resolve(specifier);
  const source = (require('node:fs') as typeof import('node:fs')).readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '');
  if (/\brequire\(/.test(source.replace(/['"]require\([^)]*\)[^'"]*['"]/g, ''))) throw new Error(`${specifier} requires other modules; cannot inline it`);
  return `((exports) => {\n${source}\nreturn exports;\n})({})`;
}

export function validatorsFile(contract: Contract, prepared: PreparedApi, header: string): string {
  const id = `urn:openapi:${contract.api}`;
  const keys: Array<[string, string]> = [];
  const pointers = Object.keys(prepared.shapes).filter((p) => p.startsWith('#/components/'));
  if (pointers.length !== Object.keys(prepared.shapes).length) throw new Error(`${contract.api}: the request schema must live under #/components/`);
  const modules: string[] = [];
  const scopes: string[] = [];
  for (const mode of ['first', 'all'] as const) {
    const ajv = createAjv(mode, { source: true, esm: true });
    const doc = { ...strippedDocument(contract.doc), $id: id };
    addExtensionKeywords(ajv, doc);
    ajv.addSchema(doc);
    const names: Record<string, string> = {};
    // `first` for every pointer the walk visits; `all` only where it describes a value in full (shape pointers).
    const shapePointers = new Set(Object.values(prepared.shapes).map((s) => s.pointer));
    pointers.forEach((pointer, i) => {
      if (mode === 'all' && !shapePointers.has(pointer)) return;
      const name = `${mode}${i}`;
      names[name] = `${id}${pointer}`;
      keys.push([`${mode} ${pointer}`, `${mode}.${name}`]);
    });
    // Each mode in its own scope: both define validate10, schema31, …
    const code = standaloneCode(ajv, names).replace(/^"use strict";/, '').replace(/export const (\w+) = (\w+);/g, 'const $1 = $2;');
    scopes.push(`const ${mode} = (() => {\n${code}\nreturn { ${Object.keys(names).join(', ')} };\n})();`);
  }
  let text = scopes.join('\n\n');
  const required = [...new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();
  required.forEach((specifier, i) => {
    modules.push(`const runtime${i} = ${inlineModule(specifier)};`);
    text = text.split(`require("${specifier}")`).join(`runtime${i}`);
  });
  const table = keys.map(([key, name]) => `  ${JSON.stringify(key)}: ${name},`).join('\n');
  return `// @ts-nocheck — ajv standalone code (generated JavaScript), typed by the export below.\n${header}import type { CompiledValidator } from '../spec/prepared.ts';\n\n// Inlined ajv runtime modules (MIT): ${required.join(', ') || 'none'}\n${modules.join('\n')}\n\n${text}\n\n/** "first <pointer>" / "all <pointer>" → validator. */\nexport const ${contract.api}Validators: Readonly<Record<string, CompiledValidator>> = {\n${table}\n};\n`;
}
