import type { ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import type { Severity } from '../types.ts';

export const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{padding:18px 28px;background:#fff;border-bottom:1px solid #dde1e6}
main{padding:8px 28px 40px;max-width:1200px}
h1{font-size:20px;margin:0 0 6px}h2{font-size:17px;margin:28px 0 10px}h3{font-size:15px;margin:18px 0 8px}
.badge{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;color:#fff}
.pass{background:#1a7f37}.fail{background:#cf222e}.incomplete{background:#6e7781}.known{background:#9a6700}
.tag{display:inline-block;padding:0 7px;margin-left:6px;border-radius:9px;font-size:12px;font-weight:600;color:#fff;vertical-align:1px}
.tag.new{background:#cf222e}.tag.still{background:#6e7781}.tag.impact{background:#a40e26}
.banner{margin:10px 0 0;padding:8px 12px;border-radius:4px;background:#fff8c5;border:1px solid #d4a72c}
.banner.danger{background:#ffebe9;border-color:#cf222e;font-weight:600}
.meta{color:#57606a}
table{border-collapse:collapse;background:#fff;margin:6px 0 14px}
td,th{border:1px solid #dde1e6;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f0f2f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.bad{color:#cf222e;font-weight:600}td.warn{color:#9a6700;font-weight:600}td.zero{color:#8c959f}
.finding{background:#fff;border:1px solid #dde1e6;border-left:4px solid #cf222e;border-radius:4px;padding:10px 14px;margin:10px 0}
.finding.error{border-left-color:#6e7781}.finding.warning{border-left-color:#bf8700}.finding.info{border-left-color:#0969da}.finding.waived{border-left-color:#8250df}.finding.skipped{border-left-color:#8c959f}
.finding h4{margin:0 0 6px;font-size:14px}.finding h4 a{color:inherit;text-decoration:none}
.rd td:first-child{font-weight:600;white-space:nowrap;width:110px}
pre{background:#f6f8fa;border:1px solid #dde1e6;padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
code{font:12px ui-monospace,Menlo,Consolas,monospace}
details>summary{cursor:pointer;color:#0969da}
.filters{position:sticky;top:0;z-index:1;background:#f6f7f9;padding:8px 0;border-bottom:1px solid #dde1e6}
.filters fieldset{display:inline-block;border:0;margin:0 14px 4px 0;padding:0}
.filters legend{float:left;font-weight:600;margin-right:6px}
.filters input{position:absolute;opacity:0;pointer-events:none}
.filters label{display:inline-block;padding:1px 9px;margin:1px 2px;border:1px solid #d0d7de;border-radius:12px;background:#fff;cursor:pointer;font-size:13px}
.filters input:checked+label{background:#0969da;border-color:#0969da;color:#fff}
.filters input:focus-visible+label{outline:2px solid #0969da;outline-offset:1px}
`;

/**
 * Filtering without a script (the file stays inert wherever it is opened): one radio group per dimension, and
 * for each value a rule hiding the findings of other values (CSS :has(), in every current browser). Without
 * :has() nothing is hidden: the report still reads top to bottom.
 */
export function filterStyle(apis: readonly ApiName[], checks: readonly CheckName[], grades: readonly Severity[]): string {
  const rules: string[] = [];
  const dim = (key: string, attr: string, values: readonly string[]) => {
    for (const v of values) rules.push(`body:has(#f-${key}-${v}:checked) .f:not([data-${attr}="${v}"]){display:none}`);
  };
  dim('api', 'api', apis);
  dim('check', 'check', checks);
  dim('grade', 'grade', grades);
  // A grade section with nothing of the chosen grade is hidden whole (its heading too).
  for (const g of grades) rules.push(`body:has(#f-grade-${g}:checked) section.grade:not([data-grade="${g}"]){display:none}`);
  return rules.join('\n');
}
