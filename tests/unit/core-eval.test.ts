import { describe, expect, it } from 'vitest';
import { parseCatalogJsonl } from '../../src/core/eval/catalogReader';
import { ndcgAt, recallAt } from '../../src/core/eval/metrics';
import { parseQrelsTsv, parseQueriesTsv } from '../../src/core/eval/tsv';

describe('metrics', () => {
  const judged = new Map([['a', 3], ['b', 2], ['c', 1], ['z', 3]]);

  it('nDCG uses gain 2^g-1 and an ideal from all judged items', () => {
    expect(ndcgAt(['a', 'z', 'b', 'c'], judged, 10)).toBeCloseTo(1, 6);
    // Only "a" retrieved: ideal still counts z, b, c.
    const ideal = 7 + 7 / Math.log2(3) + 3 / 2 + 1 / Math.log2(5);
    expect(ndcgAt(['a'], judged, 10)).toBeCloseTo(7 / ideal, 6);
    expect(ndcgAt(['x', 'y'], judged, 10)).toBe(0);
  });

  it('recall@k counts relevant items in the top k', () => {
    expect(recallAt(['a', 'x', 'b'], judged, 100)).toBeCloseTo(0.5);
    expect(recallAt(['x', 'a'], judged, 1)).toBe(0);
  });
});

describe('readers', () => {
  it('reads queries and qrels TSV', () => {
    expect(parseQueriesTsv('d01\ten\tblack hoodie men\nz01\tzh\t男士黑色卫衣\n')).toEqual([
      { qid: 'd01', lang: 'en', text: 'black hoodie men' },
      { qid: 'z01', lang: 'zh', text: '男士黑色卫衣' },
    ]);
    const q = parseQrelsTsv('d01\tMH01-Black\t3\nd01\tMH01-Gray\t2\n');
    expect(q.get('d01')?.get('MH01-Gray')).toBe(2);
    expect(() => parseQrelsTsv('d01\tx\n')).toThrowError(/line 1/);
  });

  it('reads a luma JSONL catalog', () => {
    const p = parseCatalogJsonl('{"id":"MH01-Black","group":"MH01","title":"Chaz Hoodie (Black)","description":"Warm.","category":"Men/Tops/Hoodies & Sweatshirts","color":"Black","price":52.0,"currency":"USD","image":"images/x.jpg"}\n');
    expect(p[0]).toMatchObject({ id: 'MH01-Black', group: 'MH01', color: 'Black', price: 52 });
    expect(() => parseCatalogJsonl('{"id": 1,\n')).toThrowError(/line 1/);
  });
});

describe('photo eval report', () => {
  it('prints the ENGINE image line, the refused photos and the even/odd query halves', async () => {
    const { formatImageEvalLine, formatImageEvalRefusedLine, formatImageEvalSplitLines } = await import('../../scripts/eval-image');
    const q = (qid: string, ndcg10: number, hit: boolean) => ({ qid, ndcg10, hit, top: [], topScore: 0 });
    const result = { engine: 'instant' as const, ndcg10: 0.5, hit10: 0.75, n: 4, refused: 1, perQuery: [q('a', 1, true), q('b', 0, false), q('c', 0.5, true), q('d', 0.5, true)] };
    expect(formatImageEvalLine(result)).toBe('instant image nDCG@10=0.500 hit@10=0.750 n=4');
    expect(formatImageEvalRefusedLine(result)).toBe('instant image refused as blank/dark/no item: 1 of 4 photos');
    expect(formatImageEvalSplitLines(result)).toEqual([
      'instant image [even queries] nDCG@10=0.750 hit@10=1.000 n=2',
      'instant image [odd queries] nDCG@10=0.250 hit@10=0.500 n=2',
    ]);
  });
});
