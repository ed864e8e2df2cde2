import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateRequest, validateResponse, type Violation } from '../validation/index.ts';
import { projectRoot, type ApiName } from './load.ts';

/** The documents' own examples, kept byte-for-byte in fixtures/verbatim/ (never edited). */
export const verbatimDir = path.join(projectRoot, 'fixtures', 'verbatim');

export interface VerbatimExample {
  api: ApiName;
  kind: 'request' | 'response';
  file: string;
  text: string;
  value: unknown;
}

export function verbatimExample(api: ApiName, kind: 'request' | 'response'): VerbatimExample {
  const file = path.join(verbatimDir, `${api}.${kind}.json`);
  const text = readFileSync(file, 'utf8');
  return { api, kind, file, text, value: JSON.parse(text) as unknown };
}

/** How a verbatim example deviates from the spec, as violations of the documented schema. */
export function verbatimDeviations(api: ApiName, kind: 'request' | 'response'): Violation[] {
  const { value } = verbatimExample(api, kind);
  return kind === 'request' ? validateRequest(api, value) : validateResponse(api, value);
}
