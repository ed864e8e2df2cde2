import { compareDecisionIds, decisionState } from '../spec/decisions.ts';
import { entryCodes } from '../spec/codes.ts';
import { decisionStance } from '../spec/evidence.ts';
import { resolvePointer, type Contract, type JsonObject } from '../spec/load.ts';
import type { Decision, SourceRef } from '../spec/types.ts';
import { exampleNames, inlineCode, lineText, priorityText, quoteNotes, shortLocation, stateText } from './text.ts';
import { codeLabel } from './code-matrix.ts';
import { fieldRows } from './fields.ts';

/**
 * The document Redocly renders for a reference page: the spec, with what Redoc would print as raw JSON turned into
 * readable text. x-source and x-decision become a "Document" / "Decisions" line under each description, the error-code
 * table and the decisions become tables in the operation description (and x-enumDescriptions on the code field), and
 * tags go (Redoc folds a tag's operations behind "+ Show"). The spec itself is not touched.
 */

function decisionLabel(d: Decision | undefined, id: string): string {
  if (!d) return id;
  const state = decisionState(d);
  return `${id} (${d.topic}; ${stateText[state]}${state === 'needs-vendor' && d.priority ? `, ${priorityText[d.priority]}` : ''})`;
}

/** The lines appended under a description: the document's words with their line, the decisions, secrecy. */
function annotations(node: JsonObject, decisions: ReadonlyMap<string, Decision>): string[] {
  const lines: string[] = [];
  const source = node['x-source'] as SourceRef | undefined;
  if (source?.text) lines.push(`**Document** (${[lineText(source), ...quoteNotes(source)].join('; ')}): ${inlineCode(source.text)}`);
  const ids = (node['x-decision'] ?? []) as string[];
  if (ids.length) lines.push(`**Decisions:** ${ids.map((id) => decisionLabel(decisions.get(id), id)).join('; ')}`);
  if (node['x-secret'] === true) lines.push('**Secret:** the toolkit masks its value in every output.');
  return lines;
}

function annotate(node: unknown, decisions: ReadonlyMap<string, Decision>): void {
  if (Array.isArray(node)) return node.forEach((n) => annotate(n, decisions));
  if (!node || typeof node !== 'object') return;
  const obj = node as JsonObject;
  const extra = annotations(obj, decisions);
  if (extra.length) {
    let description = typeof obj.description === 'string' ? obj.description : '';
    // The Chinese first paragraph is usually the document's own words: the Document line says them once, with the line.
    const source = obj['x-source'] as SourceRef | undefined;
    const at = description.indexOf('\n\n');
    if (source?.text && at > 0 && source.text.includes(description.slice(0, at).trim())) description = description.slice(at + 2);
    obj.description = [description, ...extra].filter(Boolean).join('\n\n');
  }
  for (const key of ['x-source', 'x-decision', 'x-secret']) delete obj[key];
  for (const [key, value] of Object.entries(obj)) if (key !== 'examples' && key !== 'example') annotate(value, decisions);
}

/** The error-code table as a Markdown list (Redoc's middle column is too narrow for a wide table): one item per code or range. */
export function codeTableMarkdown(contract: Contract): string {
  const { envelope } = contract;
  const items = contract.codes.map((e) => {
    const label = e.other && e.mockCode !== undefined ? `${codeLabel(e)} (the mock answers ${e.mockCode})` : codeLabel(e);
    return `- **${label}** ${e.zh} (${shortLocation(e.source)}) — ${e.en}. Example: ${exampleNames(e.examples).map((n) => (/^\w+$/.test(n) ? inlineCode(n) : n)).join(' ')}`;
  });
  return [
    `### Error codes (${envelope.codeField})`,
    '',
    `Every answer is the envelope \`{"${envelope.codeField}": …, "${envelope.messageField}": …}\`: ${envelope.codeField} ${envelope.successCodes.join(' or ')} is success, any other value an error code below, with the document's own words and their line in ${contract.sourceDocument.file}. ${envelope.errorHttpStatus.note} Ask the mock for a code by its example name: \`Prefer: example=NAME\`.`,
    '',
    ...items,
  ].join('\n');
}

function decisionsMarkdown(contract: Contract): string {
  const items = contract.decisions.map((d) => {
    const state = decisionState(d);
    const status = `${stateText[state]}${state === 'needs-vendor' && d.priority ? `, ${priorityText[d.priority]}` : ''}; conformance: ${decisionStance(d)}`;
    const said = d.answer ? `the vendor answered${state === 'contradicted' ? ' otherwise' : ''}: ${d.answer.text} (${d.answer.who}, ${d.answer.when})` : '';
    const text = state === 'answered' ? said : state === 'contradicted' ? `${said}. The spec is to change; until then: ${d.decision}` : d.decision;
    return `- **${d.id}** ${d.topic} (${status}): ${text}`;
  });
  return ['### Decisions', '', `Every point the document leaves open, and what this spec does about it. The review report (\`report.html\`) has the quotes and the reasoning; the question list for the vendor is \`${contract.api}.questions.md\`.`, '', ...items].join('\n');
}

/**
 * A decision names the fields it is about either on the field (x-decision) or in its own `affects`; the review
 * report reads both (apiReview), and so must the reference page: copy each `affects` onto the field's x-decision.
 */
function citeAffectedFields(doc: JsonObject, contract: Contract): void {
  for (const field of fieldRows(contract)) {
    const ids = contract.decisions.filter((d) => d.affects?.includes(field.path)).map((d) => d.id);
    if (!ids.length || field.direction !== 'request') continue;
    const name = field.path.split('/').pop()!;
    const node = (resolvePointer(doc, `#/components/schemas/${field.schema}`).properties as Record<string, JsonObject>)[name]!;
    const cited = (node['x-decision'] ?? []) as string[];
    node['x-decision'] = [...new Set([...cited, ...ids])].sort(compareDecisionIds);
  }
}

export function referenceDocument(contract: Contract): JsonObject {
  const doc = structuredClone(contract.doc);
  const decisions = new Map(contract.decisions.map((d) => [d.id, d]));
  citeAffectedFields(doc, contract);
  const op = (doc.paths as Record<string, Record<string, JsonObject>>)[contract.path]![contract.method.toLowerCase()]!;
  // The code field lists its codes with their meaning (Redoc renders x-enumDescriptions as a table under an enum).
  const response = resolvePointer(doc, contract.responseSchemaPointer);
  const codeField = (response.properties as Record<string, JsonObject> | undefined)?.[contract.envelope.codeField];
  if (codeField) {
    const meanings = contract.codes.filter((e) => !e.other).flatMap((e) => entryCodes(e).map((c) => [String(c), `${e.zh} — ${e.en}`] as const));
    if (Array.isArray(codeField.enum)) codeField['x-enumDescriptions'] = Object.fromEntries(meanings);
  }
  op.description = [typeof op.description === 'string' ? op.description : '', codeTableMarkdown(contract), decisionsMarkdown(contract)].filter(Boolean).join('\n\n');
  annotate(doc, decisions);
  delete doc.tags;
  delete doc['x-decisions'];
  for (const item of Object.values(doc.paths as Record<string, Record<string, JsonObject>>)) for (const operation of Object.values(item)) delete operation.tags;
  return doc;
}
