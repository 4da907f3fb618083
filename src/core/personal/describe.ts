/**
 * What the profile has learned, in words a shopper understands (privacy panel), en and zh:
 * "you seem to prefer black · women's · under $50" / "你似乎偏好 黑色 · 女款 · 50 美元以下".
 */
import { PRICE_EDGES, priceRangeLabel, valueLabel } from './attributes';
import { computeAffinities, DESCRIBE_ALPHA, hasSignal } from './model';
import { type Family, type Lang, type PersonalProfile } from './types';

/**
 * A preference is named only when it is both material (log lift) and well supported (at least
 * Z standard errors from 0): the panel should not tell a shopper about noise.
 */
const LIKE_THRESHOLD = 0.2;
const DISLIKE_THRESHOLD = -0.3;
const Z = 1.5;
const MIN_EVIDENCE = 2;
const PER_FAMILY = 2;

export interface LearnedPreference {
  family: Family;
  /** Attribute values (several adjacent price bands merge into one range). */
  values: string[];
  label: string;
  /** Log lift: > 0 preferred, < 0 avoided. */
  strength: number;
}

export interface ProfileDescription {
  /** One sentence for the panel. */
  summary: string;
  likes: LearnedPreference[];
  dislikes: LearnedPreference[];
  paused: boolean;
  /** Events learned from, raw and compacted. */
  eventCount: number;
  productsRemembered: number;
}

const ORDER: readonly Family[] = ['color', 'dept', 'category', 'price', 'brand'];

export function describeProfile(profile: PersonalProfile, lang: Lang = 'en'): ProfileDescription {
  const likes: LearnedPreference[] = [];
  const dislikes: LearnedPreference[] = [];
  if (hasSignal(profile)) {
    const table = computeAffinities(profile, DESCRIBE_ALPHA, 'rest');
    for (const family of ORDER) {
      const rows = [...table[family].entries()];
      const liked = rows
        .filter(([, a]) => a.affinity >= LIKE_THRESHOLD && a.affinity >= Z * a.sd && a.pos >= MIN_EVIDENCE)
        .sort((a, b) => b[1].affinity - a[1].affinity);
      const avoided = rows
        .filter(([, a]) => a.affinity <= DISLIKE_THRESHOLD && -a.affinity >= Z * a.sd && a.neg >= MIN_EVIDENCE)
        .sort((a, b) => a[1].affinity - b[1].affinity);
      if (family === 'price') {
        const run = adjacentRun(liked.map(([v]) => v));
        if (run.length) {
          const strength = Math.max(...liked.filter(([v]) => run.includes(v)).map(([, a]) => a.affinity));
          likes.push({ family, values: run, label: priceRangeLabel(run, profile.currency, lang), strength });
        }
      } else {
        for (const [v, a] of liked.slice(0, PER_FAMILY)) {
          likes.push({ family, values: [v], label: valueLabel(family, v, lang, profile.currency), strength: a.affinity });
        }
      }
      for (const [v, a] of avoided.slice(0, PER_FAMILY)) {
        dislikes.push({ family, values: [v], label: valueLabel(family, v, lang, profile.currency), strength: a.affinity });
      }
    }
  }
  // A department already implied by a named category ("women's jackets") is not repeated.
  const shownLikes = likes.filter(
    (l) => !(l.family === 'dept' && likes.some((c) => c.family === 'category' && c.values[0].startsWith(`${l.values[0]}/`))),
  );
  const sep = ' · ';
  let summary: string;
  if (!shownLikes.length && !dislikes.length) {
    summary = lang === 'zh' ? '还没有学到你的偏好' : 'nothing learned about your taste yet';
  } else {
    const parts: string[] = [];
    if (shownLikes.length) {
      const list = shownLikes.map((l) => l.label).join(sep);
      parts.push(lang === 'zh' ? `你似乎偏好 ${list}` : `you seem to prefer ${list}`);
    }
    if (dislikes.length) {
      const list = dislikes.map((l) => l.label).join(sep);
      parts.push(lang === 'zh' ? `不太喜欢 ${list}` : `and to avoid ${list}`);
    }
    summary = parts.join(lang === 'zh' ? '，' : '; ');
  }
  if (profile.paused) summary += lang === 'zh' ? '（学习已暂停）' : ' (learning paused)';
  return {
    summary,
    likes: shownLikes,
    dislikes,
    paused: profile.paused,
    eventCount: profile.events.length + profile.compacted.count,
    productsRemembered: Object.keys(profile.products).length,
  };
}

/** The strongest liked band plus its liked neighbours, as one contiguous range. */
function adjacentRun(bandsByStrength: string[]): string[] {
  if (!bandsByStrength.length) return [];
  const index = (b: string) => {
    const lo = Number(b.split(/[-+]/)[0]);
    return lo === 0 ? 0 : PRICE_EDGES.indexOf(lo as (typeof PRICE_EDGES)[number]) + 1;
  };
  const liked = new Set(bandsByStrength.map(index));
  const start = index(bandsByStrength[0]);
  let lo = start;
  let hi = start;
  while (liked.has(lo - 1)) lo--;
  while (liked.has(hi + 1)) hi++;
  return bandsByStrength.filter((b) => index(b) >= lo && index(b) <= hi).sort((a, b) => index(a) - index(b));
}

