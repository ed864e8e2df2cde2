import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ToolkitError } from '../errors.ts';
import { apiNames, type ApiName } from '../spec/load.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { reviewModel, type ReviewModel } from './model.ts';
import { buildReferencePage } from './reference.ts';

export interface ReviewOptions {
  /** Skip the redocly reference pages (the report alone takes milliseconds). */
  references?: boolean;
}

export interface ReviewOutput {
  outDir: string;
  reportHtml: string;
  reportMarkdown: string;
  /** The offline reference page of each API (empty when skipped). */
  references: Partial<Record<ApiName, string>>;
  model: ReviewModel;
}

/** Generate the review pack into outDir: report.html, report.md and <api>.html per API. Files of the same name are overwritten. */
export async function buildReview(outDir: string, options: ReviewOptions = {}): Promise<ReviewOutput> {
  const dir = path.resolve(outDir);
  try {
    await mkdir(dir, { recursive: true });
  } catch (cause) {
    throw new ToolkitError('REVIEW_OUT_DIR', `cannot create output folder ${dir}: ${(cause as Error).message}`, { cause });
  }
  const model = reviewModel();
  const reportHtml = path.join(dir, 'report.html');
  const reportMarkdown = path.join(dir, 'report.md');
  const references: ReviewOutput['references'] = {};
  const pages =
    options.references === false
      ? []
      : apiNames.map(async (api) => {
          const file = path.join(dir, `${api}.html`);
          await buildReferencePage(api, file);
          references[api] = file;
        });
  await Promise.all([writeFile(reportHtml, renderHtml(model)), writeFile(reportMarkdown, renderMarkdown(model)), ...pages]);
  return { outDir: dir, reportHtml, reportMarkdown, references, model };
}
