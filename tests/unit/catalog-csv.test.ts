import { describe, expect, it } from 'vitest';
import { CsvParser, detectDelimiter } from '../../src/core/catalog/csv.js';
import { parseCatalog } from '../../src/core/catalog/index.js';
import { SouError } from '../../src/core/types.js';

function parseAll(text: string, pieceSize = text.length): { line: number; cells: string[]; unclosedQuote?: boolean }[] {
  const parser = new CsvParser();
  const rows = [];
  for (let i = 0; i < text.length; i += Math.max(1, pieceSize)) rows.push(...parser.push(text.slice(i, i + pieceSize)));
  rows.push(...parser.end());
  return rows;
}

describe('CSV reader', () => {
  const tricky =
    'id,title,description\r\n' +
    'a,"Jacket, waterproof","Line one\r\nline two with ""quotes"""\r\n' +
    'b,Plain,\r\n' +
    '\r\n' +
    'c,"",last';

  it('handles quoted commas, doubled quotes, embedded newlines, CRLF and blank lines', () => {
    const rows = parseAll(tricky);
    expect(rows).toEqual([
      { line: 1, cells: ['id', 'title', 'description'] },
      { line: 2, cells: ['a', 'Jacket, waterproof', 'Line one\r\nline two with "quotes"'] },
      { line: 4, cells: ['b', 'Plain', ''] },
      { line: 6, cells: ['c', '', 'last'] },
    ]);
  });

  it('gives the same rows whatever size the pieces arrive in', () => {
    const whole = parseAll(tricky);
    for (const size of [1, 2, 3, 5, 8, 13]) expect(parseAll(tricky, size)).toEqual(whole);
  });

  it('detects semicolon and tab delimiters from the header', () => {
    expect(detectDelimiter('id;title;"a,b";price')).toBe(';');
    expect(detectDelimiter('id\ttitle\tprice')).toBe('\t');
    expect(detectDelimiter('id,title,price')).toBe(',');
    expect(parseAll('id;title\n1;"x;y"\n')[1].cells).toEqual(['1', 'x;y']);
  });

  it('marks a quote that never closes', () => {
    const rows = parseAll('id,title\n1,"open\n2,fine\n');
    expect(rows[1]).toMatchObject({ line: 2, unclosedQuote: true });
  });
});

describe('parseCatalog — CSV files', () => {
  it('maps header names to product fields, splits sizes, keeps other columns in extra', async () => {
    const csv =
      'SKU,Product Name,Category,Price,Colour,Sizes,Image URL,Stock,Reviews\n' +
      'J-1,"Rain Jacket, unisex","Men > Outerwear > Jackets",$89.00,Navy,S|M|L,images/j1.jpg,12,"5: Keeps me dry | 3: Runs small"\n' +
      'J-2,Hoodie,Men/Tops/Hoodies,45,,M|L,,0,\n';
    const result = await parseCatalog(csv, { fileName: 'shop.csv', baseUrl: 'https://shop.example/catalog/shop.csv' });
    expect(result.issues).toEqual([]);
    const [first, second] = result.products;
    expect(first).toMatchObject({
      id: 'J-1',
      title: 'Rain Jacket, unisex',
      category: 'Men/Outerwear/Jackets',
      price: 89,
      currency: 'USD',
      color: 'Navy',
      sizes: ['S', 'M', 'L'],
      image: '/catalog/images/j1.jpg',
      extra: { Stock: '12' },
      reviews: [
        { rating: 5, text: 'Keeps me dry', lang: 'en' },
        { rating: 3, text: 'Runs small', lang: 'en' },
      ],
    });
    expect(second).toMatchObject({ id: 'J-2', color: null, image: '', sizes: ['M', 'L'] });
    expect(second.reviews).toBeUndefined();
  });

  it('keeps a description with embedded newlines as one product and reports rows by file line', async () => {
    const csv = 'id,title,category,price,description\n' + 'a,Mug,Home/Mugs,8,"Holds 350 ml.\nDishwasher safe."\n' + 'b,Lamp,Home/Lamps,\n';
    const result = await parseCatalog(csv);
    expect(result.products).toHaveLength(1);
    expect(result.products[0].description).toBe('Holds 350 ml. Dishwasher safe.');
    expect(result.issues[0].message).toBe('line 4: price is missing');
  });

  it('reports missing required columns as CATALOG_FORMAT', async () => {
    await expect(parseCatalog('id,name,price\n1,Hat,3\n', { fileName: 'x.csv' })).rejects.toMatchObject({
      code: 'CATALOG_FORMAT',
      message: expect.stringContaining('category'),
    });
    await expect(parseCatalog('id,name,price\n1,Hat,3\n', { format: 'csv' })).rejects.toBeInstanceOf(SouError);
  });

  it('warns about cells beyond the header but keeps the row', async () => {
    const result = await parseCatalog('id,title,category,price\na,Hat,Acc/Hats,5,oops\nb,Cap,Acc/Hats,6\n');
    expect(result.products).toHaveLength(2);
    expect(result.issues).toEqual([expect.objectContaining({ line: 2, code: 'CSV_EXTRA_CELLS', severity: 'warning' })]);
  });
});
