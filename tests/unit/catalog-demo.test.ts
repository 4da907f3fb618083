import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCatalog } from '../../src/core/catalog/demo/build.js';
import { generateDemoCatalog } from '../../src/core/catalog/demo/generate.js';
import { PALETTE } from '../../src/core/catalog/demo/palette.js';
import { catalogFingerprint, parseCatalog } from '../../src/core/catalog/index.js';
import type { CatalogParseResult } from '../../src/core/catalog/index.js';

const CJK = /[\u4e00-\u9fff]/;

/**
 * Well-formedness check for the generated SVGs: every "<" starts a tag with quoted attributes,
 * tags nest and close properly, and there is one root <svg> element.
 */
function xmlProblems(svg: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/y;
  let roots = 0;
  let i = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const text = svg.slice(i, lt === -1 ? undefined : lt);
    if (/[<>]|&(?!(amp|lt|gt|quot|apos);)/.test(text)) problems.push(`bad text: ${text.slice(0, 30)}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(svg);
    if (!m) {
      problems.push(`malformed tag at ${lt}: ${svg.slice(lt, lt + 30)}`);
      break;
    }
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) problems.push(`unexpected </${name}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
    i = tag.lastIndex;
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

describe('demo catalog', () => {
  let dir: string;
  let parsed: CatalogParseResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sou-demo-'));
    const result = await buildDemoCatalog({ outDir: dir });
    expect(result.skipped).toBe(false);
    parsed = await parseCatalog(readFileSync(join(dir, 'catalog.jsonl')), { fileName: 'catalog.jsonl' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a valid catalog of at least 300 products over at least 8 departments', () => {
    expect(parsed.issues).toEqual([]);
    expect(parsed.products.length).toBeGreaterThanOrEqual(300);
    const departments = new Set(parsed.products.map((p) => p.category.split('/')[0]));
    expect(departments.size).toBeGreaterThanOrEqual(8);
    for (const department of ['Women', 'Men', 'Kids', 'Shoes', 'Electronics', 'Beauty']) expect(departments).toContain(department);
  });

  it('is bilingual and has the attributes a shop shows', () => {
    for (const p of parsed.products) {
      expect(p.title_zh, p.id).toMatch(CJK);
      expect(p.description_zh, p.id).toMatch(CJK);
      expect(p.title, p.id).not.toMatch(CJK);
      expect(p.description.length, p.id).toBeGreaterThan(40);
      expect(p.brand, p.id).toBeTruthy();
      expect(p.color, p.id).toBeTruthy();
      expect(p.group, p.id).toBeTruthy();
      expect(p.price, p.id).toBeGreaterThan(0);
      expect(p.rating, p.id).toBeGreaterThanOrEqual(1);
      expect(p.reviews?.length, p.id).toBeGreaterThanOrEqual(2);
      // The English title names the colour, the Chinese one the Chinese colour word.
      expect(p.title, p.id).toContain(p.color!);
    }
    expect(parsed.products.some((p) => p.reviews!.some((r) => r.lang === 'zh'))).toBe(true);
    expect(parsed.products.some((p) => p.reviews!.some((r) => r.lang === 'en'))).toBe(true);
    const clothing = parsed.products.filter((p) => /^(Women|Men|Kids)\//.test(p.category));
    expect(clothing.every((p) => (p.sizes?.length ?? 0) >= 3)).toBe(true);
  });

  it('groups colour variants of one product under one group', () => {
    const groups = new Map<string, Set<string>>();
    for (const p of parsed.products) {
      const colors = groups.get(p.group!) ?? new Set<string>();
      colors.add(p.color!);
      groups.set(p.group!, colors);
    }
    const sizes = [...groups.values()].map((colors) => colors.size);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
    // every variant of a group has its own colour
    const variants = parsed.products.length;
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(variants);
  });

  it('has a small, valid SVG picture for every product, drawn in the product colour', () => {
    const hexByName = new Map<string, string>(Object.values(PALETTE).map((c) => [c.en, c.hex]));
    parsed.products.forEach((p) => {
      expect(p.image).toBe(`images/${p.id}.svg`);
      const file = join(dir, p.image);
      expect(existsSync(file), file).toBe(true);
      expect(statSync(file).size).toBeLessThan(4096);
      const svg = readFileSync(file, 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), p.id).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>'), p.id).toBe(true);
      expect(xmlProblems(svg), p.id).toEqual([]);
      expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 160 160"/);
      expect(svg).toMatch(/<(path|circle)\b/);
      expect(svg).toContain(`fill="${hexByName.get(p.color!)}"`);
      expect(svg).not.toMatch(/<script|href=/i);
    });
    expect(readdirSync(join(dir, 'images'))).toHaveLength(parsed.products.length);
  });

  it('draws different product types differently', () => {
    const read = (id: string) => readFileSync(join(dir, 'images', `${id}.svg`), 'utf8').replace(/#[0-9a-f]{6}/g, '');
    const byCategory = (prefix: string) => parsed.products.find((p) => p.category.startsWith(prefix))!.id;
    const shapes = ['Women/Dresses', 'Men/Bottoms/Jeans', 'Shoes/Men/Boots', 'Home & Kitchen/Kitchen/Mugs', 'Electronics/Audio/Headphones'].map((c) => read(byCategory(c)));
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('is deterministic: two builds give identical files, and a rebuild is skipped when up to date', async () => {
    const again = generateDemoCatalog();
    expect(catalogFingerprint(again.products)).toBe(catalogFingerprint(parsed.products));
    const other = mkdtempSync(join(tmpdir(), 'sou-demo-'));
    try {
      await buildDemoCatalog({ outDir: other });
      expect(readFileSync(join(other, 'catalog.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'catalog.jsonl'), 'utf8'));
      const someImage = parsed.products[123].image;
      expect(readFileSync(join(other, someImage), 'utf8')).toBe(readFileSync(join(dir, someImage), 'utf8'));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    expect((await buildDemoCatalog({ outDir: dir })).skipped).toBe(true);
    rmSync(join(dir, parsed.products[5].image));
    expect((await buildDemoCatalog({ outDir: dir })).skipped).toBe(false);
    expect(existsSync(join(dir, parsed.products[5].image))).toBe(true);
  });

  it('gives a different catalog for a different seed', () => {
    expect(catalogFingerprint(generateDemoCatalog(1).products)).not.toBe(catalogFingerprint(generateDemoCatalog().products));
  });
});
