import type { SearchResult } from './types.js';

/**
 * The last few search results, valid for one state of the index. On one customer message the assist
 * pipeline's retrieve stage and the search_knowledge_base tool of the actions stage ask the same
 * question (same text, intent and limit); the second gets the first's result instead of searching
 * again. Any write to the knowledge base or index changes the state key and empties the memo.
 */
export class SearchMemo {
  private state = '';
  private readonly results = new Map<string, SearchResult>();

  constructor(private readonly capacity = 16) {}

  get(state: string, key: string): SearchResult | undefined {
    if (state !== this.state) return undefined;
    const found = this.results.get(key);
    if (found) {
      // Re-inserting keeps the most recently used entries at the back of the Map's order.
      this.results.delete(key);
      this.results.set(key, found);
    }
    return found;
  }

  set(state: string, key: string, result: SearchResult): void {
    if (state !== this.state) {
      this.results.clear();
      this.state = state;
    }
    this.results.set(key, result);
    if (this.results.size > this.capacity) this.results.delete(this.results.keys().next().value!);
  }
}
