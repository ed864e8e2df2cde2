import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ToolkitError } from '../errors.ts';
import { apiNames, loadContract, type ApiName, type Contract } from '../spec/load.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { reviewModel, type ReviewModel } from './model.ts';
import { buildReferencePage } from './reference.ts';
import { renderVendorCsv, renderVendorMarkdown, vendorQuestionList, type VendorQuestionList } from './vendor-questions.ts';

export interface ReviewOptions {
  /** Skip the redocly reference pages (the report alone takes milliseconds). */
  references?: boolean;
  /** Review these contracts instead of the project's specs (e.g. a spec copy with a vendor answer recorded). */
  contracts?: readonly Contract[];
}

export interface ReviewOutput {
  outDir: string;
  reportHtml: string;
  reportMarkdown: string;
  /** 致供应商问题清单 of each API: Markdown and CSV (UTF-8 with BOM). */
  questionLists: Partial<Record<ApiName, { markdown: string; csv: string; list: VendorQuestionList }>>;
  /** The offline reference page of each API (empty when skipped). */
  references: Partial<Record<ApiName, string>>;
  model: ReviewModel;
}

/** Generate the review pack into outDir: report.html, report.md, and per API <api>.html, <api>.questions.md/.csv. Files of the same name are overwritten. */
export async function buildReview(outDir: string, options: ReviewOptions = {}): Promise<ReviewOutput> {
  const dir = path.resolve(outDir);
  try {
    await mkdir(dir, { recursive: true });
  } catch (cause) {
    throw new ToolkitError('REVIEW_OUT_DIR', `cannot create output folder ${dir}: ${(cause as Error).message}`, { cause });
  }
  const contracts = options.contracts ?? apiNames.map(loadContract);
  const model = reviewModel(contracts);
  const reportHtml = path.join(dir, 'report.html');
  const reportMarkdown = path.join(dir, 'report.md');
  const references: ReviewOutput['references'] = {};
  const questionLists: ReviewOutput['questionLists'] = {};
  const writes = contracts.map(async (contract) => {
    const review = model.apis.find((r) => r.api === contract.api)!;
    const list = vendorQuestionList(contract, review.specFile);
    const markdown = path.join(dir, `${contract.api}.questions.md`);
    const csv = path.join(dir, `${contract.api}.questions.csv`);
    await Promise.all([writeFile(markdown, renderVendorMarkdown(list)), writeFile(csv, renderVendorCsv(list))]);
    questionLists[contract.api] = { markdown, csv, list };
    if (options.references === false) return;
    const page = path.join(dir, `${contract.api}.html`);
    await buildReferencePage(contract, page);
    references[contract.api] = page;
  });
  await Promise.all([writeFile(reportHtml, renderHtml(model)), writeFile(reportMarkdown, renderMarkdown(model)), ...writes]);
  return { outDir: dir, reportHtml, reportMarkdown, questionLists, references, model };
}
