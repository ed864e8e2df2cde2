// Spectral function: every x-decision reference resolves, and every decision is complete.
export default function decisionRefs(doc) {
  const out = [];
  const decisions = doc['x-decisions'] ?? [];
  const ids = new Set();
  decisions.forEach((d, i) => {
    for (const key of ['id', 'status', 'topic', 'quote', 'source', 'question', 'decision']) {
      if (!d[key]) out.push({ message: `decision ${d.id ?? i} has no ${key}`, path: ['x-decisions', i] });
    }
    if (!['decided', 'undecided'].includes(d.status)) out.push({ message: `decision ${d.id} status must be decided or undecided`, path: ['x-decisions', i] });
    if (ids.has(d.id)) out.push({ message: `duplicate decision id ${d.id}`, path: ['x-decisions', i] });
    ids.add(d.id);
  });
  const walk = (node, path) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, [...path, i]));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'x-decision' || k === 'decision') && path[0] !== 'x-decisions') {
        for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && /^[A-Z]\d+$/.test(id) && !ids.has(id)) out.push({ message: `x-decision ${id} is not in x-decisions`, path: [...path, k] });
      }
      walk(v, [...path, k]);
    }
  };
  walk(doc, []);
  return out;
}
