import { afterEach, describe, expect, it } from 'vitest';
import { SHOPPING_LEXICON } from '../../src/core/text/lexicon';
import { defaultLexiconIndex } from '../../src/core/text/lexiconIndex';
import { normalizeText } from '../../src/core/text/normalize';
import { stemEnglish } from '../../src/core/text/stem';
import { detectLanguage, setSegmenterDisabledForTests, tokenize, tokenizeEnglish } from '../../src/core/text/tokenize';

const terms = (text: string) => defaultLexiconIndex().tokenize(text).map((t) => t.term);

describe('English tokenizer', () => {
  it('lower-cases, folds accents and drops stop words', () => {
    expect(normalizeText('Café CRÈME')).toBe('cafe creme');
    expect(tokenizeEnglish('The Blue Shorts for Men').map((t) => t.surface)).toEqual(['blue', 'shorts', 'men']);
  });

  it('conflates plural, possessive and -ing forms to one stem', () => {
    expect(stemEnglish('hoodies')).toBe(stemEnglish('hoodie'));
    expect(stemEnglish("men's")).toBe(stemEnglish('men'));
    expect(stemEnglish('womens')).toBe(stemEnglish('women'));
    expect(stemEnglish('running')).toBe(stemEnglish('run'));
    expect(stemEnglish('watches')).toBe(stemEnglish('watch'));
    expect(stemEnglish('dress')).toBe('dress');
  });

  it('keeps compounds whole so "short-sleeve" does not match "shorts"', () => {
    expect(terms('Short-Sleeve Tee')).toContain('shortsleeve');
    expect(terms('short sleeve tee')).toContain('shortsleeve');
    expect(terms('Short-Sleeve Tee')).not.toContain(stemEnglish('shorts'));
    expect(terms('T-Shirt')).toEqual(terms('t shirt'));
  });

  it('does not glue trademark signs onto words', () => {
    expect(terms('Lumaflex™ Band')).toEqual(['lumaflex', 'band']);
  });
});

describe('Chinese tokenizer', () => {
  afterEach(() => setSegmenterDisabledForTests(false));

  it('segments with the lexicon so shopping words stay whole', () => {
    expect(terms('男士黑色卫衣')).toEqual(['男士', '黑色', '卫衣']);
    expect(terms('弹力带')).toEqual(['弹力带']);
  });

  it('falls back to character bigrams for unknown text without Intl.Segmenter', () => {
    setSegmenterDisabledForTests(true);
    expect(tokenize('超级好看').map((t) => t.term)).toEqual(['超级', '级好', '好看']);
  });

  it('uses Intl.Segmenter for words the lexicon does not know', () => {
    const words = tokenize('北京大学').map((t) => t.term);
    expect(words.join('')).toBe('北京大学');
    expect(words.length).toBeLessThan(4);
  });
});

describe('mixed strings', () => {
  it('splits Latin and Han parts and matches lexicon words that mix scripts', () => {
    expect(terms('蓝色T恤')).toEqual(['蓝色', 't恤']);
    const toks = defaultLexiconIndex().tokenize('Nike运动鞋 size 42');
    expect(toks.map((t) => t.surface)).toEqual(['nike', '运动鞋', 'size', '42']);
    expect(toks[1]!.zh).toBe(true);
    expect(detectLanguage('nike 运动鞋')).toBe('mixed');
    expect(detectLanguage('蓝色T恤')).toBe('zh');
  });
});

describe('lexicon', () => {
  const lex = defaultLexiconIndex();
  const names = (q: string) => lex.matchConcepts(lex.tokenize(q)).flatMap((m) => m.concepts.map((c) => lex.concepts[c]!.entry.en[0]));

  it('is broad: hundreds of concepts across departments', () => {
    expect(SHOPPING_LEXICON.length).toBeGreaterThan(300);
    for (const word of ['sofa', 'frying pan', 'lipstick', 'tent', 'headphones', 'stroller', 'sneakers']) {
      expect(SHOPPING_LEXICON.some((e) => e.en.includes(word)), word).toBe(true);
    }
  });

  it('maps Chinese words and English synonyms to the same concept', () => {
    expect(names('卫衣')).toEqual(names('sweatshirt'));
    expect(names('trainers')).toEqual(names('sneakers'));
    expect(names('trousers')).toContain('pants');
  });

  it('maps shades to their base colour', () => {
    expect(lex.baseColors('Navy')).toEqual(['blue']);
    expect(lex.baseColors('酒红色')).toEqual(['red']);
    expect(lex.baseColors('charcoal')).toEqual(['gray']);
    expect(lex.baseColors('米色')).toEqual(['beige']);
  });

  it('prefers the longest phrase', () => {
    expect(names('black sports bra')).toEqual(['black', 'sports bra']);
  });
});
