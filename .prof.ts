import { readFileSync } from 'node:fs';
import { parseCatalog } from '/work/main/src/core/catalog/index';
import { SearchEngine } from '/work/main/src/core/search/engine';
const text = readFileSync('/work/main/generated/demo/catalog.jsonl', 'utf8');
let t = performance.now();
const { products } = await parseCatalog(text, { format: 'jsonl' });
console.log('parse', products.length, (performance.now() - t).toFixed(0), 'ms');
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const e = SearchEngine.build(products);
  console.log('build', (performance.now() - t).toFixed(0), 'ms');
  t = performance.now();
  const r = e.search({ query: 'black jacket', limit: 20 });
  console.log('search', (performance.now() - t).toFixed(1), 'ms', r.hits.slice(0,3).map(h => e.product(h.id)?.title));
}
