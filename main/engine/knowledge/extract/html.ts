import { parse, type HTMLElement, type Node } from 'node-html-parser';
import type { Extraction } from './types.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'nav', 'footer']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'li', 'tr', 'br', 'blockquote', 'pre', 'table', 'ul', 'ol', 'dd', 'dt', 'header']);

/**
 * HTML through a real parser: headings become Markdown headings (so chunks get heading paths), blocks
 * become paragraphs, scripts/styles/navigation are dropped. Broken markup is parsed leniently; a page
 * with no readable text is refused.
 */
export function extractHtml(html: string, fallbackTitle: string): Extraction {
  let root: HTMLElement;
  try {
    root = parse(html, { lowerCaseTagName: true, comment: false, blockTextElements: { script: false, style: false, pre: true } });
  } catch (error) {
    return { ok: false, reason: `The HTML could not be parsed (${(error as Error).message}); open it in a browser and save it again.` };
  }
  const title = root.querySelector('title')?.text.trim() || root.querySelector('h1')?.text.trim() || fallbackTitle;
  const out: string[] = [];
  walk(root.querySelector('body') ?? root, out);
  const text = out.join('').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  if (!text) return { ok: false, reason: 'The HTML page has no readable text.' };
  return { ok: true, document: { title: collapse(title), text } };
}

function walk(node: Node, out: string[]): void {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      out.push(collapse(child.text.replace(/&nbsp;/g, ' ')));
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as HTMLElement;
    const tag = element.tagName?.toLowerCase() ?? '';
    if (SKIP.has(tag)) continue;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      out.push(`\n\n${'#'.repeat(Number(heading[1]))} ${collapse(element.text).trim()}\n\n`);
      continue;
    }
    if (tag === 'li') out.push('\n- ');
    else if (BLOCK.has(tag)) out.push('\n\n');
    walk(element, out);
    if (BLOCK.has(tag)) out.push('\n\n');
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}
