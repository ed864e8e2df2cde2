import { ToolkitError } from '../errors.ts';
import { openQuestions } from '../spec/decisions.ts';
import type { Contract } from '../spec/load.ts';
import { questionPriorities, type QuestionPriority, type SourceRef } from '../spec/types.ts';
import { inlineCode } from './text.ts';

/**
 * 致供应商问题清单: the open decisions of one API as a list a vendor engineer reads in Chinese alone — numbered,
 * grouped by priority, one closed question each, the document's exact line, and empty cells for the answer.
 * Answered decisions drop off (decisionState); `npm run review` writes <api>.questions.md and .csv.
 */

export const priorityZh: Record<QuestionPriority, string> = {
  blocking: '影响对接的关键问题',
  'data-format': '数据格式',
  semantics: '字段含义与业务规则',
};

export interface VendorQuestion {
  /** 序号, 1-based across the whole list. */
  number: number;
  /** The decision id (W02): answers come back by it. */
  id: string;
  priority: QuestionPriority;
  /** 涉及字段, in the request's own notation (work_list[].type). */
  fields: string[];
  /** 原文位置: 第 62 行 / 第 30、31 行, plus how the quote was cut. */
  location: string;
  /** 原文引用, exactly as the document writes it. */
  quote: string;
  understanding: string;
  question: string;
  proposal: string;
}

export interface VendorQuestionList {
  api: string;
  title: string;
  document: string;
  operation: string;
  specFile: string;
  questions: VendorQuestion[];
}

/** `work_list/*\/file_infos/*\/size` → `work_list[].file_infos[].size`. */
export function requestNotation(path: string): string {
  return path.replace(/\/\*(?=\/|$)/g, '[]').replace(/\//g, '.');
}

/** 第 62 行 / 第 30、31 行，节选，以“…”连接 / 第 52 行，已去除 HTML 标签. */
export function locationZh(ref: SourceRef): string {
  const lines = ref.lines && ref.lines.length > 1 ? ref.lines : [ref.line];
  const notes = [...(ref.excerpts ? ['节选，以“…”连接'] : []), ...(ref.htmlStripped ? ['已去除 HTML 标签'] : [])];
  return [`第 ${lines.join('、')} 行`, ...notes].join('，');
}

export function vendorQuestionList(contract: Contract, specFile: string): VendorQuestionList {
  const open = openQuestions(contract.decisions);
  const missing = open.filter((d) => !d.ask || !d.priority).map((d) => d.id);
  if (missing.length) throw new ToolkitError('SPEC_INVALID', `${contract.api}: decisions ${missing.join(', ')} need the vendor but have no priority or Chinese question (ask); npm run lint:spec says which`);
  return {
    api: contract.api,
    title: contract.sourceDocument.title,
    document: contract.sourceDocument.file,
    operation: `${contract.method} ${contract.path}`,
    specFile,
    questions: open.map((d, i) => ({
      number: i + 1,
      id: d.id,
      priority: d.priority!,
      fields: [...new Set(d.affects ?? [])].map(requestNotation),
      location: locationZh(d.source),
      quote: d.quote,
      understanding: d.ask!.understanding,
      question: d.ask!.question,
      proposal: d.ask!.proposal,
    })),
  };
}

function countLine(list: VendorQuestionList): string {
  const parts = questionPriorities.map((p) => [p, list.questions.filter((q) => q.priority === p).length] as const).filter(([, n]) => n > 0);
  return `共 ${list.questions.length} 个问题：${parts.map(([p, n]) => `${priorityZh[p]} ${n} 个`).join('，')}。`;
}

export function renderVendorMarkdown(list: VendorQuestionList): string {
  const out = [
    `# 《${list.title}》接口问题清单`,
    '',
    `致 ${list.api} 技术负责人：`,
    '',
    `我方在对接贵方接口《${list.title}》（\`${list.operation}\`）时，逐行核对了接口文档，整理出以下需要贵方确认的问题。每个问题都可以用“是／否”或在列出的选项中选择来回答。“原文引用”逐字摘自贵方文档，行号为我方收到的文档文本（${list.document}）中的行号。`,
    '',
    '请在每个问题下的“供应商答复”处直接作答，并填写答复人和日期；同一内容也附有 CSV 表格，可用 Excel 打开填写。收到答复之前，我方按“建议默认值”开发和测试。',
    '',
  ];
  if (!list.questions.length) {
    out.push('目前没有需要贵方确认的问题。', '');
  } else {
    out.push(countLine(list), '');
    questionPriorities.forEach((priority, index) => {
      const group = list.questions.filter((q) => q.priority === priority);
      if (!group.length) return;
      out.push(`## ${'一二三'[index]}、${priorityZh[priority]}（${group.length} 个）`, '');
      for (const q of group) {
        out.push(`### ${q.number}. 问题 ${q.id}${q.fields.length ? `（涉及字段：${q.fields.map(inlineCode).join('、')}）` : ''}`, '');
        out.push(`- **原文引用**（${q.location}）：${inlineCode(q.quote)}`);
        out.push(`- **我方理解**：${q.understanding}`);
        out.push(`- **待确认**：${q.question}`);
        out.push(`- **建议默认值**：${q.proposal}`);
        out.push('- **供应商答复**：', '- **答复人**：', '- **日期**：', '');
      }
    });
  }
  out.push('---', '', `本清单由 \`npm run review\` 根据 \`${list.specFile}\` 生成。答复请注明问题编号（如 ${list.questions[0]?.id ?? 'W01'}），我方会把答复记入接口规格。`);
  return `${out.join('\n')}\n`;
}

export const CSV_HEADER = ['序号', '编号', '优先级', '涉及字段', '原文位置', '原文引用', '我方理解', '待确认', '建议默认值', '供应商答复', '答复人', '日期'] as const;

/** RFC 4180 field; a leading = + - @ would make Excel read a formula, so it gets a leading apostrophe. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark and CRLF line ends, so Excel opens the Chinese text as it is. */
export function renderVendorCsv(list: VendorQuestionList): string {
  const rows = list.questions.map((q) => [String(q.number), q.id, priorityZh[q.priority], q.fields.join('、'), q.location, q.quote, q.understanding, q.question, q.proposal, '', '', '']);
  return `\uFEFF${[[...CSV_HEADER], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
