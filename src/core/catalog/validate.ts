/**
 * Turns one raw record (a parsed JSON object or a CSV row keyed by header) into a Product,
 * or reports why it cannot be one. Required: id, title, category, price. Everything else gets a
 * default; unknown fields are kept in `extra` so an export gives back what was imported.
 */
import type { Product, Review } from '../types.js';
import { knownFieldFor, type KnownField } from './fields.js';
import { resolveImageUrl } from './image.js';
import type { CatalogIssue, CatalogIssueCode, CatalogIssueSink } from './issues.js';
import { cleanText } from './sanitize.js';

export const DEFAULT_CURRENCY = 'USD';

/** Longest text kept per field; longer text is cut with "…" and a warning. */
const MAX_LENGTH: Record<string, number> = {
  id: 200, group: 200, title: 300, title_zh: 300, description: 5000, description_zh: 5000,
  category: 300, color: 60, brand: 120, material: 200, size: 40, review: 1000,
};
const MAX_SIZES = 60;
const MAX_REVIEWS = 20;

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'CNY', '￥': 'CNY', 'RMB': 'CNY', 'CN¥': 'CNY', '₩': 'KRW', '₹': 'INR',
  'A$': 'AUD', 'C$': 'CAD', 'HK$': 'HKD', 'NT$': 'TWD', 'S$': 'SGD',
};
const PRICE_PREFIX = /^(US\$|A\$|C\$|HK\$|NT\$|S\$|CN¥|RMB|[$€£¥￥₩₹])\s*/i;
const PRICE_SUFFIX = /\s*(USD|EUR|GBP|CNY|RMB|JPY|元|[$€£¥￥])$/i;
const DANGEROUS_MARKUP = /<\s*(script|iframe|object|embed)\b/i;
const CJK = /[\u3400-\u9fff]/;
/** Keys that would change an object's prototype if copied onto a plain object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ValidatorOptions {
  /** Catalog file URL for resolving images (see resolveImageUrl). */
  baseUrl?: string;
  defaultCurrency?: string;
  /** "line" for JSONL/CSV, "item" for a JSON array: the word issues use for a row's position. */
  positionWord?: 'line' | 'item';
}

interface ParsedPrice {
  value: number;
  currency?: string;
}

/** "12.99", "$12.99", "1,299.00", "12,99 €", "¥99" → number (and currency when a symbol says so). */
export function parsePrice(raw: unknown): ParsedPrice | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw } : null;
  if (typeof raw !== 'string') return null;
  let text = raw.trim().replace(/[\s\u00a0]/g, '');
  let currency: string | undefined;
  const prefix = PRICE_PREFIX.exec(text);
  if (prefix) {
    currency = CURRENCY_SYMBOLS[prefix[1].toUpperCase()] ?? CURRENCY_SYMBOLS[prefix[1]];
    text = text.slice(prefix[0].length);
  }
  const suffix = PRICE_SUFFIX.exec(text);
  if (suffix) {
    const word = suffix[1].toUpperCase();
    currency ??= word === '元' || word === 'RMB' ? 'CNY' : /^[A-Z]{3}$/.test(word) ? word : CURRENCY_SYMBOLS[suffix[1]];
    text = text.slice(0, suffix.index);
  }
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  else if (/^-?\d+,\d{1,2}$/.test(text)) text = text.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? { value, currency } : null;
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `"${text.slice(0, 37)}…"` : `"${text}"`;
}

export class CatalogValidator {
  private readonly seen = new Map<string, number>();
  private readonly baseUrl?: string;
  private readonly defaultCurrency: string;
  private readonly positionWord: 'line' | 'item';
  /** Position of the record being validated, for warnings. */
  private line = 0;
  private where = '';

  constructor(
    private readonly sink: CatalogIssueSink,
    options: ValidatorOptions = {},
  ) {
    this.baseUrl = options.baseUrl;
    this.defaultCurrency = options.defaultCurrency ?? DEFAULT_CURRENCY;
    this.positionWord = options.positionWord ?? 'line';
  }

  /** Validates one record; returns the product, or null when the row must be left out. */
  accept(record: Record<string, unknown>, line: number): Product | null {
    const where = `${this.positionWord} ${line}`;
    const fields: Partial<Record<KnownField, unknown>> = {};
    const sourceKey: Partial<Record<KnownField, string>> = {};
    let extra: Record<string, unknown> | undefined;
    for (const key of Object.keys(record)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      const value = record[key];
      const field = knownFieldFor(key);
      const previous = field === null ? undefined : sourceKey[field];
      if (field === null) {
        (extra ??= {})[key] = value;
      } else if (previous === undefined) {
        fields[field] = value;
        sourceKey[field] = key;
      } else if (key === field) {
        // The canonical name wins over an alias ("title" over "name"); the alias is kept as extra.
        (extra ??= {})[previous] = fields[field];
        fields[field] = value;
        sourceKey[field] = key;
      } else {
        (extra ??= {})[key] = value;
      }
    }
    this.line = line;
    this.where = where;

    const idText = asText(fields.id);
    const id = idText === null ? '' : this.text(idText, 'id', undefined).trim();
    const issue = (code: CatalogIssueCode, message: string, severity: CatalogIssue['severity'] = 'error') =>
      this.sink.add({ line, ...(id ? { id } : {}), code, severity, message: `${where}: ${message}` });

    if (!id) {
      issue('MISSING_ID', fields.id === undefined || fields.id === null || fields.id === '' ? 'id is missing' : `id ${describe(fields.id)} is not usable, it must be text`);
      return null;
    }
    const titleRaw = asText(fields.title);
    const title = titleRaw === null ? '' : this.text(titleRaw, 'title', id);
    if (!title) {
      issue('MISSING_TITLE', titleRaw === null || titleRaw.trim() === '' ? 'title is missing' : 'title has no text once HTML is removed');
      return null;
    }
    const category = this.category(fields.category, id);
    if (!category) {
      issue('MISSING_CATEGORY', 'category is missing (use a path such as "Women/Tops/T-Shirts")');
      return null;
    }
    if (fields.price === undefined || fields.price === null || fields.price === '') {
      issue('MISSING_PRICE', 'price is missing');
      return null;
    }
    const price = parsePrice(fields.price);
    if (price === null) {
      issue('INVALID_PRICE', `price ${describe(fields.price)} is not a number`);
      return null;
    }
    if (price.value < 0) {
      issue('INVALID_PRICE', `price ${describe(fields.price)} is negative`);
      return null;
    }
    const firstLine = this.seen.get(id);
    if (firstLine !== undefined) {
      issue('DUPLICATE_ID', `id "${id}" was already used on ${this.positionWord} ${firstLine}; this row was left out`);
      return null;
    }
    this.seen.set(id, line);

    const product: Product = {
      id,
      title,
      description: this.optionalText(fields.description, 'description', id) ?? '',
      category,
      color: this.optionalText(fields.color, 'color', id) ?? null,
      price: Math.round(price.value * 1e6) / 1e6,
      currency: this.currency(fields.currency, price.currency, id),
      image: this.image(fields.image, id),
    };
    const group = this.optionalText(fields.group, 'group', id);
    if (group) product.group = group;
    const brand = this.optionalText(fields.brand, 'brand', id);
    if (brand) product.brand = brand;
    const material = this.optionalText(fields.material, 'material', id);
    if (material) product.material = material;
    const sizes = this.sizes(fields.sizes, id);
    if (sizes) product.sizes = sizes;
    const rating = this.rating(fields.rating, id);
    if (rating !== undefined) product.rating = rating;
    const reviews = this.reviews(fields.reviews, id);
    if (reviews) product.reviews = reviews;
    const titleZh = this.optionalText(fields.title_zh, 'title_zh', id);
    if (titleZh) product.title_zh = titleZh;
    const descriptionZh = this.optionalText(fields.description_zh, 'description_zh', id);
    if (descriptionZh) product.description_zh = descriptionZh;
    if (extra) product.extra = extra;
    return product;
  }

  private warn(id: string | undefined, code: CatalogIssueCode, message: string): void {
    this.sink.add({ line: this.line, ...(id ? { id } : {}), code, severity: 'warning', message: `${this.where}: ${message}` });
  }

  private text(raw: string, field: string, id: string | undefined): string {
    if (raw.includes('<') && DANGEROUS_MARKUP.test(raw)) {
      this.warn(id, 'HTML_REMOVED', `${field} contained a script or embedded page, which was removed`);
    }
    const limit = field === 'sizes' ? MAX_LENGTH.size : (MAX_LENGTH[field] ?? 300);
    const { text, truncated } = cleanText(raw, limit);
    if (truncated) this.warn(id, 'TEXT_TRUNCATED', `${field} is longer than ${limit} characters and was shortened`);
    return text;
  }

  private optionalText(raw: unknown, field: string, id: string): string | undefined {
    if (raw === undefined || raw === null) return undefined;
    const text = asText(raw);
    if (text === null) {
      this.warn(id, 'INVALID_FIELD', `${field} should be text; it was ignored`);
      return undefined;
    }
    return this.text(text, field, id) || undefined;
  }

  private category(raw: unknown, id: string | undefined): string {
    let parts: string[];
    if (Array.isArray(raw)) parts = raw.map((part) => asText(part) ?? '');
    else {
      const text = asText(raw);
      if (text === null) return '';
      // "Women > Tops > Hoodies" is as common as "Women/Tops/Hoodies".
      parts = text.split(/\s*(?:\/|>|»|›)\s*/);
    }
    const path = parts.map((part) => cleanText(part, 100).text).filter(Boolean).join('/');
    return path.length > MAX_LENGTH.category ? this.text(path, 'category', id) : path;
  }

  private currency(raw: unknown, fromPrice: string | undefined, id: string): string {
    const text = asText(raw)?.trim();
    if (text) {
      const code = CURRENCY_SYMBOLS[text] ?? CURRENCY_SYMBOLS[text.toUpperCase()] ?? text.toUpperCase();
      if (/^[A-Z]{3}$/.test(code)) return code;
      this.warn(id, 'INVALID_FIELD', `currency ${describe(raw)} is not a 3-letter code such as USD; ${fromPrice ?? this.defaultCurrency} was used`);
    }
    return fromPrice ?? this.defaultCurrency;
  }

  private image(raw: unknown, id: string): string {
    if (raw === undefined || raw === null || raw === '') return '';
    const text = asText(raw);
    if (text === null) {
      this.warn(id, 'INVALID_FIELD', 'image should be a path or URL; the product will show a placeholder');
      return '';
    }
    const resolved = resolveImageUrl(text, this.baseUrl);
    if (resolved.ok) return resolved.url;
    const why =
      resolved.reason === 'foreign-origin'
        ? 'points to another web site, which this app never contacts; put the picture beside the catalog file and use a relative path such as images/photo.jpg'
        : resolved.reason === 'unsafe-scheme'
          ? 'is not a picture address (only relative paths or same-site http(s) addresses are allowed)'
          : 'is not a valid address';
    this.warn(id, 'IMAGE_REJECTED', `image ${describe(text)} ${why}; the product will show a placeholder`);
    return '';
  }

  private sizes(raw: unknown, id: string): string[] | undefined {
    if (raw === undefined || raw === null || raw === '') return undefined;
    let items: unknown[];
    if (Array.isArray(raw)) items = raw;
    else {
      const text = asText(raw);
      if (text === null) {
        this.warn(id, 'INVALID_FIELD', 'sizes should be a list such as "S|M|L"; they were ignored');
        return undefined;
      }
      const separator = text.includes('|') ? '|' : text.includes(';') ? ';' : ',';
      items = text.split(separator);
    }
    const sizes: string[] = [];
    for (const item of items) {
      const text = asText(item);
      if (text === null) continue;
      const size = cleanText(text, MAX_LENGTH.size).text;
      if (size && !sizes.includes(size)) sizes.push(size);
      if (sizes.length >= MAX_SIZES) break;
    }
    return sizes.length > 0 ? sizes : undefined;
  }

  private rating(raw: unknown, id: string): number | undefined {
    if (raw === undefined || raw === null || raw === '') return undefined;
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
    if (!Number.isFinite(value) || value < 0 || value > 5) {
      this.warn(id, 'INVALID_FIELD', `rating ${describe(raw)} should be a number from 0 to 5; it was ignored`);
      return undefined;
    }
    return Math.round(value * 100) / 100;
  }

  private reviews(raw: unknown, id: string): Review[] | undefined {
    if (raw === undefined || raw === null || raw === '') return undefined;
    let items: unknown[];
    if (Array.isArray(raw)) items = raw;
    else if (typeof raw === 'string') {
      const text = raw.trim();
      if (text.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(text);
          items = Array.isArray(parsed) ? parsed : [];
        } catch {
          items = [];
        }
      } else {
        // CSV cells: "5: Great fit | 3: Runs small".
        items = text.split('|').map((part) => {
          const match = /^\s*(\d(?:\.\d+)?)\s*[:：]\s*([\s\S]+)$/.exec(part);
          return match ? { rating: Number(match[1]), text: match[2] } : { text: part };
        });
      }
    } else items = [];

    const reviews: Review[] = [];
    let dropped = 0;
    for (const item of items) {
      if (reviews.length >= MAX_REVIEWS) break;
      if (item === null || typeof item !== 'object') {
        dropped++;
        continue;
      }
      const entry = item as Record<string, unknown>;
      const rating = typeof entry.rating === 'number' ? entry.rating : Number(asText(entry.rating) ?? Number.NaN);
      const textRaw = asText(entry.text ?? entry.comment ?? entry.body);
      const text = textRaw === null ? '' : cleanText(textRaw, MAX_LENGTH.review).text;
      if (!Number.isFinite(rating) || rating < 0 || rating > 5 || !text) {
        dropped++;
        continue;
      }
      const lang = entry.lang === 'en' || entry.lang === 'zh' ? entry.lang : CJK.test(text) ? 'zh' : 'en';
      reviews.push({ rating, text, lang });
    }
    if (dropped > 0) {
      this.warn(id, 'INVALID_FIELD', `${dropped} review(s) had no rating from 0 to 5 or no text and were ignored`);
    }
    return reviews.length > 0 ? reviews : undefined;
  }
}
