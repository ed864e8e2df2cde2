import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ToolkitError } from '../errors.ts';
import type { JsonObject } from './types.ts';

/** Read one side of a diff: a readable YAML (or JSON) file holding an OpenAPI 3 document; anything else is a one-line ToolkitError. */
export function readSpecFile(file: string): JsonObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message;
    throw new ToolkitError('DIFF_INPUT', `cannot read ${file}: ${reason}`, { cause });
  }
  return parseSpecText(text, file);
}

export function parseSpecText(text: string, file: string): JsonObject {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (cause) {
    const first = ((cause as Error).message ?? String(cause)).split('\n')[0]!.replace(/:\s*$/, '');
    throw new ToolkitError('DIFF_INPUT', `${file} is not valid YAML: ${first}`, { cause });
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new ToolkitError('DIFF_INPUT', `${file} is not an OpenAPI document (not a YAML mapping)`);
  const version = (doc as JsonObject).openapi;
  if (typeof version !== 'string' || !/^3\.\d+/.test(version)) {
    const found = version === undefined ? 'no "openapi" field' : `openapi: ${JSON.stringify(version)}`;
    throw new ToolkitError('DIFF_INPUT', `${file} is not an OpenAPI 3 document (${found})`);
  }
  return doc as JsonObject;
}
