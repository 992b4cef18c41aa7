import type { Product } from '../../commerce/types.js';
import type { Entity } from '../types.js';
import { entityAt } from './span.js';

/**
 * Product names from the workspace catalogue (plural and case tolerant), and option values
 * ("black", "XL", "cotton") only of a product named in the same message: option words on their own
 * are too common to mean anything.
 */
export class CatalogueMatcher {
  private readonly products: { product: Product; pattern: RegExp; options: string[] }[];

  constructor(products: readonly Product[]) {
    this.products = products
      .filter((p) => p.name.trim().length >= 3)
      // Longest names first, so "Smart Watch" wins over "Watch" when both exist.
      .sort((a, b) => b.name.length - a.name.length)
      .map((product) => ({
        product,
        pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeName(product.name)}(?:e?s)?(?![\p{L}\p{N}])`, 'giu'),
        options: [...new Set(product.variants.flatMap((v) => Object.values(v.options)).filter((o) => o.length >= 2))].sort(
          (a, b) => b.length - a.length,
        ),
      }));
  }

  find(message: string): Entity[] {
    const found: Entity[] = [];
    const taken: [number, number][] = [];
    const free = (start: number, end: number): boolean => taken.every(([s, e]) => end <= s || start >= e);
    const mentioned: { product: Product; options: string[] }[] = [];
    for (const entry of this.products) {
      for (const m of message.matchAll(entry.pattern)) {
        const [start, end] = [m.index, m.index + m[0].length];
        if (!free(start, end)) continue;
        taken.push([start, end]);
        found.push(entityAt(message, 'product', start, end, entry.product.name, { productId: entry.product.id }));
        mentioned.push(entry);
      }
    }
    for (const entry of mentioned) {
      for (const option of entry.options) {
        const pattern = new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeName(option)}(?![\p{L}\p{N}])`, 'giu');
        for (const m of message.matchAll(pattern)) {
          const [start, end] = [m.index, m.index + m[0].length];
          if (!free(start, end)) continue;
          taken.push([start, end]);
          found.push(entityAt(message, 'product_option', start, end, option, { productId: entry.product.id }));
        }
      }
    }
    return found;
  }
}

function escapeName(name: string): string {
  // Hyphens and spaces in names match either ("t shirt", "T-Shirt", "tshirt").
  return name
    .trim()
    .split(/[\s-]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s-]?');
}
