import { describe, expect, it } from 'vitest';
import { catalogFingerprint, cleanText, parseCatalog, resolveImageUrl, stripHtml } from '../../src/core/catalog/index.js';

const row = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'a', title: 'Jacket', category: 'Men/Jackets', price: 10, ...fields });

describe('text sanitising', () => {
  it('strips tags, script and style content, keeps the words', () => {
    expect(stripHtml('<p>Warm <b>down</b> jacket</p><script>alert("x")</script>')).not.toContain('alert');
    expect(cleanText('<p>Warm <b>down</b>&nbsp;jacket</p><script>alert("x")</script><style>p{}</style>', 100).text).toBe('Warm down jacket');
    expect(cleanText('A<br>B<li>C', 100).text).toBe('A B C');
    expect(cleanText('&lt;script&gt;steal()&lt;/script&gt;Hat', 100).text).toBe('Hat');
    expect(cleanText('<script>never closed', 100).text).toBe('');
    expect(cleanText('5 < 6 & 7 > 3', 100).text).toBe('5 < 6 & 7 > 3');
    expect(cleanText('  many\n\n  spaces\t here ', 100).text).toBe('many spaces here');
  });

  it('caps long text at a character boundary', () => {
    const result = cleanText('羽'.repeat(50), 10);
    expect(result).toEqual({ text: '羽'.repeat(9) + '…', truncated: true });
  });

  it('never lets a <script> through into an imported product, and says so', async () => {
    const result = await parseCatalog(
      row({ title: 'Jacket<script>document.cookie</script>', description: '<img src=x onerror=alert(1)><p>Great&amp;warm</p>' }),
    );
    const [product] = result.products;
    expect(product.title).toBe('Jacket');
    expect(product.description).toBe('Great&warm');
    expect(JSON.stringify(product)).not.toMatch(/<script|onerror|document\.cookie/);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'HTML_REMOVED', severity: 'warning', line: 1 })]);
  });

  it('warns when a description was too long and cut', async () => {
    const result = await parseCatalog(row({ description: 'word '.repeat(2000) }));
    expect(result.products[0].description.length).toBeLessThanOrEqual(5000);
    expect(result.issues[0].code).toBe('TEXT_TRUNCATED');
  });
});

describe('image addresses', () => {
  const base = 'https://shop.example/catalog/catalog.jsonl';

  it('resolves relative paths against the catalog URL', () => {
    expect(resolveImageUrl('images/a.jpg', base)).toEqual({ ok: true, url: '/catalog/images/a.jpg' });
    expect(resolveImageUrl('../pics/a b.jpg', base)).toEqual({ ok: true, url: '/pics/a%20b.jpg' });
    expect(resolveImageUrl('https://shop.example/x.png', base)).toEqual({ ok: true, url: '/x.png' });
    expect(resolveImageUrl('images/a.jpg')).toEqual({ ok: true, url: 'images/a.jpg' });
  });

  it('rejects script URLs and other origins', () => {
    expect(resolveImageUrl('javascript:alert(1)', base)).toMatchObject({ ok: false, reason: 'unsafe-scheme' });
    expect(resolveImageUrl(' java\tscript:alert(1)', base)).toMatchObject({ ok: false, reason: 'unsafe-scheme' });
    expect(resolveImageUrl('data:image/svg+xml;base64,PHN2Zz4=', base)).toMatchObject({ ok: false });
    expect(resolveImageUrl('https://cdn.other.example/a.jpg', base)).toMatchObject({ ok: false, reason: 'foreign-origin' });
    expect(resolveImageUrl('//cdn.other.example/a.jpg', base)).toMatchObject({ ok: false, reason: 'foreign-origin' });
    expect(resolveImageUrl('http://shop.example/a.jpg', base)).toMatchObject({ ok: false, reason: 'foreign-origin' });
    expect(resolveImageUrl('https://cdn.other.example/a.jpg')).toMatchObject({ ok: false, reason: 'foreign-origin' });
  });

  it('imports the product with a placeholder image and an issue when its image is foreign', async () => {
    const result = await parseCatalog(row({ image: 'https://tracker.example/pixel.gif' }), { baseUrl: '/catalog/catalog.jsonl' });
    expect(result.products[0].image).toBe('');
    expect(result.issues).toEqual([
      expect.objectContaining({ line: 1, id: 'a', code: 'IMAGE_REJECTED', severity: 'warning', message: expect.stringContaining('another web site') }),
    ]);
  });
});

describe('catalogFingerprint', () => {
  it('is stable across key order and changes when a product changes', async () => {
    const a = (await parseCatalog(row({ color: 'Red' }))).products;
    const reordered = (await parseCatalog(JSON.stringify({ price: 10, color: 'Red', category: 'Men/Jackets', title: 'Jacket', id: 'a' }))).products;
    const changed = (await parseCatalog(row({ color: 'Red', price: 11 }))).products;
    expect(catalogFingerprint(reordered)).toBe(catalogFingerprint(a));
    expect(catalogFingerprint(changed)).not.toBe(catalogFingerprint(a));
    expect(catalogFingerprint(a)).toMatch(/^1-[0-9a-f]{16}$/);
  });
});
