/** Colours the demo catalog uses: English name (as it appears in `color`), Chinese name, fill hex. */
export interface PaletteColor {
  en: string;
  zh: string;
  hex: string;
}

export const PALETTE = {
  black: { en: 'Black', zh: '黑色', hex: '#26262b' },
  white: { en: 'White', zh: '白色', hex: '#f7f7f4' },
  gray: { en: 'Gray', zh: '灰色', hex: '#8d9096' },
  charcoal: { en: 'Charcoal', zh: '炭灰色', hex: '#4a4d52' },
  navy: { en: 'Navy', zh: '藏青色', hex: '#27345c' },
  blue: { en: 'Blue', zh: '蓝色', hex: '#2f6fd0' },
  lightblue: { en: 'Light Blue', zh: '浅蓝色', hex: '#8cc0ec' },
  red: { en: 'Red', zh: '红色', hex: '#d0312d' },
  burgundy: { en: 'Burgundy', zh: '酒红色', hex: '#7a1f33' },
  pink: { en: 'Pink', zh: '粉色', hex: '#f09ab8' },
  purple: { en: 'Purple', zh: '紫色', hex: '#7b4bb3' },
  green: { en: 'Green', zh: '绿色', hex: '#2e9a55' },
  olive: { en: 'Olive', zh: '橄榄绿', hex: '#6b7a3a' },
  yellow: { en: 'Yellow', zh: '黄色', hex: '#f2c230' },
  orange: { en: 'Orange', zh: '橙色', hex: '#ee7a22' },
  beige: { en: 'Beige', zh: '米色', hex: '#e3d2b4' },
  khaki: { en: 'Khaki', zh: '卡其色', hex: '#b59f6b' },
  brown: { en: 'Brown', zh: '棕色', hex: '#7a4d2b' },
  silver: { en: 'Silver', zh: '银色', hex: '#c3c7cc' },
  gold: { en: 'Gold', zh: '金色', hex: '#d4a93c' },
  teal: { en: 'Teal', zh: '青色', hex: '#1f8a8a' },
} as const satisfies Record<string, PaletteColor>;

export type ColorKey = keyof typeof PALETTE;

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

/** Blend `hex` towards `target` by `amount` (0 = unchanged, 1 = target). */
export function mix(hex: string, target: string, amount: number): string {
  const a = channels(hex);
  const b = channels(target);
  return toHex([0, 1, 2].map((i) => a[i] + (b[i] - a[i]) * amount) as [number, number, number]);
}

/** Relative brightness 0..1, used to keep outlines visible on very light fills. */
export function lightness(hex: string): number {
  const [r, g, b] = channels(hex);
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}
