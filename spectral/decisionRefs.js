// Spectral function: every x-decision reference resolves, and every decision is complete — with its Chinese question
// for the vendor when only the vendor can settle it, and a well-formed answer once the vendor has given one — which
// confirms the decision as written (an answer that says otherwise fails lint until the spec follows it).
// Every decision also says how conformance treats it (conformance: assert | warn | open).
// The vocabularies mirror src/spec/types.ts (decisionStatuses, questionPriorities, stances).
export const STATUSES = ['needs-vendor', 'default'];
export const STANCES = ['assert', 'warn', 'open'];
export const PRIORITIES = ['blocking', 'data-format', 'semantics'];
const ASK_KEYS = ['understanding', 'question', 'proposal'];
const CJK = /[\u4e00-\u9fff]/;

function isDate(value) {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export default function decisionRefs(doc) {
  const out = [];
  const decisions = doc['x-decisions'] ?? [];
  const ids = new Set();
  decisions.forEach((d, i) => {
    const at = (...p) => ['x-decisions', i, ...p];
    for (const key of ['id', 'status', 'topic', 'quote', 'source', 'question', 'decision', 'conformance']) {
      if (!d[key]) out.push({ message: `decision ${d.id ?? i} has no ${key}`, path: at() });
    }
    if (d.status === 'answered') out.push({ message: `decision ${d.id}: status stays ${STATUSES.join(' or ')}; a recorded answer (answer: who, when, text) is what makes it answered`, path: at('status') });
    else if (!STATUSES.includes(d.status)) out.push({ message: `decision ${d.id} status must be one of ${STATUSES.join(', ')}`, path: at('status') });
    if (d.status === 'needs-vendor') {
      if (!PRIORITIES.includes(d.priority)) out.push({ message: `decision ${d.id} needs the vendor: priority must be one of ${PRIORITIES.join(', ')}`, path: at('priority') });
      for (const key of ASK_KEYS) {
        if (typeof d.ask?.[key] !== 'string' || !CJK.test(d.ask[key])) out.push({ message: `decision ${d.id} needs the vendor: ask.${key} must be Chinese text (the vendor's question list)`, path: at('ask') });
      }
    }
    if (d.answer !== undefined) {
      if (typeof d.answer?.who !== 'string' || !d.answer.who.trim()) out.push({ message: `decision ${d.id}: answer.who (who answered) is missing`, path: at('answer') });
      if (!isDate(d.answer?.when)) out.push({ message: `decision ${d.id}: answer.when must be a date YYYY-MM-DD`, path: at('answer') });
      if (typeof d.answer?.text !== 'string' || !d.answer.text.trim()) out.push({ message: `decision ${d.id}: answer.text (the vendor's words) is missing`, path: at('answer') });
      // Which way the vendor answered (src/spec/decisions.ts decisionState): a contradicting answer means the spec is now wrong.
      if (typeof d.answer?.confirms !== 'boolean') out.push({ message: `decision ${d.id}: answer.confirms must be true (the vendor confirms the decision as the spec states it) or false (the vendor said otherwise)`, path: at('answer', 'confirms') });
      else if (!d.answer.confirms) out.push({ message: `decision ${d.id}: the vendor's answer contradicts the decision; change the spec to the answer (decision, schemas, codes), then set answer.confirms: true (until then conformance does not check it)`, path: at('answer', 'confirms') });
    }
    const src = d.source ?? {};
    if (src.lines !== undefined && !(Array.isArray(src.lines) && src.lines.length > 1 && src.lines[0] === src.line)) out.push({ message: `decision ${d.id}: source.lines lists two or more lines, the first being source.line`, path: at('source') });
    if (typeof d.quote === 'string' && d.quote.includes('…') && src.excerpts !== true) out.push({ message: `decision ${d.id}: the quote joins excerpts with "…"; say so with source.excerpts: true`, path: at('source') });
    if (d.conformance !== undefined && !STANCES.includes(d.conformance)) out.push({ message: `decision ${d.id} conformance must be one of ${STANCES.join(', ')}`, path: at('conformance') });
    for (const key of ['affects', 'inExample']) {
      if (d[key] !== undefined && !(Array.isArray(d[key]) && d[key].length > 0 && d[key].every((f) => typeof f === 'string' && f))) out.push({ message: `decision ${d.id}: ${key} is a list of field patterns (work_list/*/type)`, path: at(key) });
    }
    if (ids.has(d.id)) out.push({ message: `duplicate decision id ${d.id}`, path: at() });
    ids.add(d.id);
  });
  const walk = (node, path) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, [...path, i]));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      // x-decision, decision, and the envelope's *Decision keys (nullDecision, fieldsDecision, extraFieldsDecision, …).
      if ((k === 'x-decision' || k === 'decision' || /Decision$/.test(k)) && path[0] !== 'x-decisions') {
        for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && /^[A-Z]\d+$/.test(id) && !ids.has(id)) out.push({ message: `x-decision ${id} is not in x-decisions`, path: [...path, k] });
      }
      walk(v, [...path, k]);
    }
  };
  walk(doc, []);
  return out;
}
