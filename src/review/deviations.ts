import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Contract } from '../spec/load.ts';
import { projectRoot } from '../spec/load.ts';
import { expectationOf, valueClass } from '../spec/evidence.ts';
import { CURL_DATA_CONTENT_TYPE, curlContentType } from '../spec/examples.ts';
import { verbatimDeviations, verbatimDir, verbatimExample } from '../spec/verbatim.ts';
import { fieldPatternOf } from '../spec/schema-tree.ts';
import type { FieldRow } from './fields.ts';

/** One way a document's own example breaks the spec, with the decisions that explain it. */
export interface DeviationRow {
  kind: 'request' | 'response';
  /** The verbatim fixture, relative to the project root. */
  file: string;
  /** Instance path (`work_list/0/type`), or `request headers (<api>.curl.sh)` for a transport deviation. */
  path: string;
  keyword: string;
  expected: string;
  received: string;
  decisions: string[];
}

export interface VerbatimSummary {
  kind: 'request' | 'response';
  file: string;
  deviations: DeviationRow[];
}

const MASK = '*** (secret)';

/**
 * Decisions that explain a deviation at a field path: the field's own x-decision, `affects`, and the decisions linked to
 * the example there (`inExample`: the only link to a field the spec does not have, the example's "gender").
 */
function decisionsFor(contract: Contract, kind: DeviationRow['kind'], fieldPath: string, fields: readonly FieldRow[]): string[] {
  const field = fields.find((f) => f.path === fieldPath);
  const related = contract.decisions.filter((d) => d.affects?.includes(fieldPath) || d.inExample?.includes(fieldPath)).map((d) => d.id);
  // A field the spec does not have also rests on the decision about undocumented fields (request, or the envelope's).
  const unknown = kind === 'request' ? expectationOf(contract, 'unknown-field')?.decision : contract.envelope.extraFieldsDecision;
  const cited = field ? field.decisions : [unknown].filter((d) => d !== undefined);
  return [...new Set([...cited, ...related])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * The document's curl line sent with the Content-Type curl picks (curlContentType: without -H, curl -d sends
 * application/x-www-form-urlencoded), when that is not the spec's media type. The decision is the one the spec's
 * media-type expectation rests on.
 */
function curlDeviations(contract: Contract): DeviationRow[] {
  const file = path.join(verbatimDir, `${contract.api}.curl.sh`);
  if (!existsSync(file)) return [];
  const sent = curlContentType(readFileSync(file, 'utf8'));
  if (!sent || valueClass('media-type', sent) === contract.requestMediaType.toLowerCase()) return [];
  const decision = expectationOf(contract, 'media-type')?.decision;
  return [
    {
      kind: 'request',
      file: path.relative(projectRoot, file),
      path: `request headers (${path.basename(file)})`,
      keyword: 'content-type',
      expected: `Content-Type: ${contract.requestMediaType}`,
      received: sent === CURL_DATA_CONTENT_TYPE ? `no Content-Type header, so curl -d sends ${sent}` : `Content-Type: ${sent}`,
      decisions: decision ? [decision] : [],
    },
  ];
}

/** How each verbatim example of the document deviates from the spec (schema violations, plus the curl transport). */
export function verbatimSummaries(contract: Contract, fields: readonly FieldRow[]): VerbatimSummary[] {
  return (['request', 'response'] as const).map((kind) => {
    const example = verbatimExample(contract.api, kind);
    const file = path.relative(projectRoot, example.file);
    const deviations: DeviationRow[] = verbatimDeviations(contract.api, kind).map((v) => {
      const fieldPath = fieldPatternOf(v.path);
      const secret = fields.some((f) => f.direction === kind && f.path === fieldPath && f.secret);
      return {
        kind,
        file,
        path: v.path || '(body)',
        keyword: v.keyword,
        expected: v.expected,
        received: secret ? MASK : v.received,
        decisions: decisionsFor(contract, kind, fieldPath, fields.filter((f) => f.direction === kind)),
      };
    });
    if (kind === 'request') deviations.push(...curlDeviations(contract));
    return { kind, file, deviations };
  });
}
