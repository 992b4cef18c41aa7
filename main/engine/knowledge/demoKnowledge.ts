import type { Product } from '../commerce/types.js';
import { formatCents } from '../money.js';
import { sourceFromUpload, type ImportSource } from './importSources.js';

/**
 * The demo workspace's knowledge base, built from data the product ships: the retail policy split into
 * its "## " sections (each a document with the category an agent would look under), and one product
 * page per catalogue product generated from its variants (options, prices, availability).
 */
export function demoPolicySources(policy: string): ImportSource[] {
  const sections = policy.split(/\n(?=## )/);
  return sections.map((section, index) => {
    const heading = /^##\s+(.+)$/m.exec(section)?.[1]?.trim() ?? 'Overview';
    const title = index === 0 ? 'Retail policy: overview' : `Retail policy: ${heading}`;
    const body = index === 0 ? section.replace(/^#\s+.+\n/, '') : section;
    const markdown = `---\ntitle: "${title}"\ncategory: ${policyCategory(heading)}\n---\n${body.trim()}\n`;
    return sourceFromUpload(`${slug(title)}.md`, new TextEncoder().encode(markdown), `demo:policy:${slug(heading)}`);
  });
}

function policyCategory(heading: string): string {
  const h = heading.toLowerCase();
  if (/return|exchange|refund/.test(h)) return 'returns';
  if (/payment|billing/.test(h)) return 'billing';
  if (/order|cancel|modify/.test(h)) return 'orders';
  return 'policies';
}

export function demoProductSources(products: readonly Product[]): ImportSource[] {
  return products.map((product) => {
    const markdown = productPage(product);
    return sourceFromUpload(`${slug(product.name)}.md`, new TextEncoder().encode(markdown), `demo:product:${product.id}`);
  });
}

export function productPage(product: Product): string {
  const optionValues = new Map<string, Set<string>>();
  for (const variant of product.variants) {
    for (const [key, value] of Object.entries(variant.options)) {
      if (!optionValues.has(key)) optionValues.set(key, new Set());
      optionValues.get(key)!.add(value);
    }
  }
  const prices = product.variants.map((v) => v.priceCents);
  const inStock = product.variants.filter((v) => v.available).length;
  const lines = [
    '---',
    `title: "${product.name}"`,
    'category: products',
    '---',
    `# ${product.name}`,
    '',
    '## Overview',
    '',
    `${product.name} (product id ${product.id}) comes in ${product.variants.length} variant(s); ${inStock} of them are in stock.` +
      (prices.length ? ` Prices range from ${formatCents(Math.min(...prices))} to ${formatCents(Math.max(...prices))}.` : ''),
    '',
    '## Options',
    '',
    ...[...optionValues].map(([key, values]) => `- ${key}: ${[...values].sort().join(', ')}`),
    '',
    '## Variants',
    '',
    ...product.variants.map(
      (v) =>
        `- Item ${v.itemId}: ${Object.entries(v.options).map(([k, value]) => `${k} ${value}`).join(', ')}; ${formatCents(v.priceCents)}; ${v.available ? 'available' : 'out of stock'}.`,
    ),
    '',
  ];
  return lines.join('\n');
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section';
}
