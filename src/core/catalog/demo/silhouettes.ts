/**
 * Simple product silhouettes drawn as SVG, one per product shape, filled with the product's
 * colour on a soft background. They give the demo catalog recognisable pictures (and give image
 * search something colour- and shape-dependent to work on) while staying a few hundred bytes each.
 * Coordinates are in a 160 x 160 view box.
 */
import { lightness, mix } from './palette.js';

export type ShapeKey =
  | 'tshirt' | 'polo' | 'shirt' | 'sweater' | 'hoodie' | 'jacket' | 'coat' | 'dress' | 'skirt'
  | 'pants' | 'shorts' | 'sneaker' | 'boot' | 'heel' | 'sandal' | 'loafer'
  | 'backpack' | 'tote' | 'wallet' | 'cap' | 'beanie' | 'scarf' | 'sunglasses' | 'watch' | 'belt'
  | 'mug' | 'lamp' | 'pan' | 'kettle' | 'cushion' | 'towel' | 'bowl'
  | 'headphones' | 'earbuds' | 'speaker' | 'phone' | 'laptop' | 'camera' | 'keyboard'
  | 'bottle' | 'yogamat' | 'tent' | 'dumbbell' | 'ball' | 'duffel'
  | 'lipstick' | 'perfume' | 'jar' | 'dropper' | 'pump';

interface Ink {
  fill: string;
  line: string;
  /** A contrasting tone for details such as soles, screens and lenses. */
  accent: string;
}

const body = (d: string, ink: Ink): string =>
  `<path d="${d}" fill="${ink.fill}" stroke="${ink.line}" stroke-width="2.5" stroke-linejoin="round"/>`;
const line = (d: string, ink: Ink, width = 2): string =>
  `<path d="${d}" fill="none" stroke="${ink.line}" stroke-width="${width}" stroke-linecap="round"/>`;
const accent = (d: string, ink: Ink): string =>
  `<path d="${d}" fill="${ink.accent}" stroke="${ink.line}" stroke-width="2" stroke-linejoin="round"/>`;

const LONG_SLEEVE_TOP = 'M56 28 L38 34 L22 112 L38 116 L46 70 L46 132 L114 132 L114 70 L122 116 L138 112 L122 34 L104 28 Q80 42 56 28 Z';

const SHAPES: Record<ShapeKey, (ink: Ink) => string> = {
  tshirt: (k) => body('M56 28 L38 34 L16 58 L32 74 L44 64 L44 132 L116 132 L116 64 L128 74 L144 58 L122 34 L104 28 Q80 46 56 28 Z', k),
  polo: (k) =>
    body('M56 28 L38 34 L16 58 L32 74 L44 64 L44 132 L116 132 L116 64 L128 74 L144 58 L122 34 L104 28 Q80 46 56 28 Z', k) +
    accent('M60 28 L80 44 L100 28 L92 24 L80 34 L68 24 Z', k) + line('M80 44 L80 64', k),
  shirt: (k) => body(LONG_SLEEVE_TOP, k) + accent('M62 26 L80 42 L98 26 L90 22 L80 32 L70 22 Z', k) +
    line('M80 42 L80 132', k) + `<circle cx="86" cy="60" r="2" fill="${k.line}"/><circle cx="86" cy="84" r="2" fill="${k.line}"/><circle cx="86" cy="108" r="2" fill="${k.line}"/>`,
  sweater: (k) => body(LONG_SLEEVE_TOP, k) + line('M60 30 Q80 48 100 30', k) + line('M48 124 L112 124', k, 3),
  hoodie: (k) => body(LONG_SLEEVE_TOP, k) + body('M56 30 Q56 6 80 6 Q104 6 104 30 Q80 46 56 30 Z', k) +
    line('M74 40 L72 62 M86 40 L88 62', k) + line('M58 98 L102 98 L108 124 L52 124 Z', k),
  jacket: (k) => body(LONG_SLEEVE_TOP, k) + accent('M56 28 L80 56 L104 28 L96 20 L64 20 Z', k) +
    line('M80 56 L80 132', k, 3) + line('M56 104 L70 104 M90 104 L104 104', k),
  coat: (k) => body('M56 26 L38 32 L22 116 L38 120 L46 72 L42 146 L118 146 L114 72 L122 120 L138 116 L122 32 L104 26 Q80 40 56 26 Z', k) +
    accent('M56 26 L80 62 L104 26 L96 18 L64 18 Z', k) + line('M80 62 L80 146', k) +
    `<circle cx="72" cy="82" r="3" fill="${k.line}"/><circle cx="72" cy="106" r="3" fill="${k.line}"/>`,
  dress: (k) => body('M62 22 L70 22 L80 34 L90 22 L98 22 L100 58 L130 142 L30 142 L60 58 Z', k) + line('M60 60 Q80 66 100 60', k, 3),
  skirt: (k) => body('M54 34 L106 34 L130 126 Q80 136 30 126 Z', k) + line('M54 44 L106 44', k, 3) + line('M70 48 L62 126 M90 48 L98 126', k, 1.5),
  pants: (k) => body('M50 20 L110 20 L118 146 L90 146 L80 62 L70 146 L42 146 Z', k) + line('M50 30 L110 30', k) + line('M62 30 Q66 44 56 46 M98 30 Q94 44 104 46', k, 1.5),
  shorts: (k) => body('M46 40 L114 40 L122 108 L88 112 L80 70 L72 112 L38 108 Z', k) + line('M46 50 L114 50', k),
  sneaker: (k) => body('M18 108 L20 80 Q38 80 54 66 L68 62 Q88 84 118 88 Q142 92 142 108 Z', k) +
    accent('M16 106 L144 106 L144 118 Q80 124 16 118 Z', k) + line('M58 72 L72 80 M64 66 L78 76 M52 78 L66 86', k),
  boot: (k) => body('M46 20 L86 20 L88 90 Q130 92 138 114 L138 118 L44 118 Z', k) +
    accent('M42 116 L140 116 L140 128 L42 128 Z', k) + line('M50 34 L84 34', k),
  heel: (k) => body('M20 92 Q40 60 70 86 Q100 104 134 98 L138 106 Q110 118 82 112 L70 110 Z', k) +
    accent('M122 104 L134 104 L128 140 L124 140 Z', k) + line('M20 92 L24 108 L70 110', k),
  sandal: (k) => accent('M18 104 Q80 92 142 100 L142 112 Q80 118 18 114 Z', k) +
    body('M42 102 Q60 62 84 100 Z', k) + body('M88 100 Q104 72 122 100 Z', k),
  loafer: (k) => body('M18 106 L22 86 Q60 78 92 84 Q132 88 142 104 L142 110 L18 110 Z', k) +
    accent('M16 108 L144 108 L144 118 L16 118 Z', k) + line('M70 84 Q86 96 104 88', k),
  backpack: (k) => line('M62 34 Q62 14 80 14 Q98 14 98 34', k, 5) + body('M40 40 Q40 30 52 30 L108 30 Q120 30 120 40 L122 140 L38 140 Z', k) +
    accent('M54 92 L106 92 L106 128 L54 128 Z', k) + line('M54 104 L106 104', k),
  tote: (k) => line('M58 56 Q58 18 80 18 Q102 18 102 56', k, 5) + body('M32 54 L128 54 L118 140 L42 140 Z', k) + line('M40 70 L120 70', k, 1.5),
  wallet: (k) => body('M26 50 L134 50 Q140 50 140 56 L140 112 Q140 118 134 118 L26 118 Q20 118 20 112 L20 56 Q20 50 26 50 Z', k) +
    accent('M98 72 L140 72 L140 96 L98 96 Q92 96 92 90 L92 78 Q92 72 98 72 Z', k) + `<circle cx="104" cy="84" r="3.5" fill="${k.line}"/>`,
  cap: (k) => body('M30 102 Q30 40 80 40 Q130 40 130 102 Z', k) + accent('M26 100 L150 100 Q150 114 130 114 L26 110 Z', k) +
    line('M80 40 L80 100', k, 1.5) + `<circle cx="80" cy="40" r="4" fill="${k.line}"/>`,
  beanie: (k) => body('M38 110 Q36 42 80 40 Q124 42 122 110 Z', k) + accent('M34 104 L126 104 L126 128 L34 128 Z', k) +
    `<circle cx="80" cy="32" r="12" fill="${k.fill}" stroke="${k.line}" stroke-width="2.5"/>` + line('M50 108 L50 124 M66 108 L66 124 M80 108 L80 124 M94 108 L94 124 M110 108 L110 124', k, 1.5),
  scarf: (k) => body('M36 30 L124 30 L124 60 L96 60 L104 140 L80 140 L74 60 L36 60 Z', k) + line('M82 140 L82 150 M90 140 L90 150 M98 140 L98 150', k) + line('M44 45 L116 45', k, 1.5),
  sunglasses: (k) => line('M16 66 L30 62 M144 66 L130 62', k, 4) +
    accent('M28 62 L74 62 Q76 98 52 100 Q28 98 28 62 Z', k) + accent('M86 62 L132 62 Q132 98 108 100 Q84 98 86 62 Z', k) +
    body('M28 58 L132 58 L132 64 L28 64 Z', k) + line('M74 70 Q80 64 86 70', k, 3),
  watch: (k) => body('M64 14 L96 14 L98 146 L62 146 Z', k) + `<circle cx="80" cy="80" r="32" fill="${k.accent}" stroke="${k.line}" stroke-width="4"/>` +
    line('M80 80 L80 60 M80 80 L94 88', k, 3),
  belt: (k) => body('M10 70 L150 70 L150 92 L10 92 Z', k) + `<rect x="46" y="62" width="30" height="38" rx="4" fill="none" stroke="#b59a4a" stroke-width="5"/>` +
    `<circle cx="104" cy="81" r="2.5" fill="${k.line}"/><circle cx="120" cy="81" r="2.5" fill="${k.line}"/><circle cx="136" cy="81" r="2.5" fill="${k.line}"/>`,
  mug: (k) => line('M108 62 Q138 62 136 88 Q134 112 108 110', k, 9) + body('M42 44 L110 44 L106 130 Q106 136 100 136 L52 136 Q46 136 46 130 Z', k),
  lamp: (k) => body('M50 24 L110 24 L128 74 L32 74 Z', k) + line('M80 74 L80 128', k, 6) + accent('M50 128 L110 128 L114 142 L46 142 Z', k),
  pan: (k) => line('M114 78 L154 62', k, 10) + `<circle cx="66" cy="84" r="50" fill="${k.fill}" stroke="${k.line}" stroke-width="2.5"/>` +
    `<circle cx="66" cy="84" r="38" fill="${k.accent}" stroke="${k.line}" stroke-width="1.5"/>`,
  kettle: (k) => line('M50 64 Q40 40 60 30 L100 30 Q120 40 110 64', k, 7) + body('M38 72 Q40 58 56 58 L104 58 Q120 58 122 72 L128 134 L32 134 Z', k) +
    body('M122 84 L148 66 L150 74 L128 104 Z', k) + accent('M32 124 L128 124 L128 138 L32 138 Z', k),
  cushion: (k) => body('M26 30 Q80 42 134 30 Q124 80 134 130 Q80 118 26 130 Q36 80 26 30 Z', k) + line('M46 50 Q80 58 114 50 M46 110 Q80 102 114 110', k, 1.5),
  towel: (k) => body('M30 36 L130 36 L130 126 L30 126 Z', k) + accent('M30 108 L130 108 L130 118 L30 118 Z', k) + line('M30 56 L130 56', k, 1.5),
  bowl: (k) => body('M22 70 L138 70 Q134 128 80 130 Q26 128 22 70 Z', k) + accent('M20 64 L140 64 L140 72 L20 72 Z', k) + line('M62 130 L60 138 L100 138 L98 130', k),
  headphones: (k) => line('M34 96 Q34 24 80 24 Q126 24 126 96', k, 9) + body('M24 84 Q24 78 30 78 L48 78 Q54 78 54 84 L54 130 Q54 136 48 136 L30 136 Q24 136 24 130 Z', k) +
    body('M106 84 Q106 78 112 78 L130 78 Q136 78 136 84 L136 130 Q136 136 130 136 L112 136 Q106 136 106 130 Z', k),
  earbuds: (k) => body('M32 70 Q32 40 80 40 Q128 40 128 70 L128 112 Q128 128 112 128 L48 128 Q32 128 32 112 Z', k) +
    line('M32 76 L128 76', k) + `<circle cx="80" cy="96" r="4" fill="${k.accent}" stroke="${k.line}" stroke-width="1.5"/>`,
  speaker: (k) => body('M36 28 Q36 20 44 20 L116 20 Q124 20 124 28 L124 134 Q124 142 116 142 L44 142 Q36 142 36 134 Z', k) +
    `<circle cx="80" cy="100" r="26" fill="${k.accent}" stroke="${k.line}" stroke-width="2.5"/><circle cx="80" cy="48" r="12" fill="${k.accent}" stroke="${k.line}" stroke-width="2"/>`,
  phone: (k) => body('M50 12 Q50 6 58 6 L102 6 Q110 6 110 12 L110 148 Q110 154 102 154 L58 154 Q50 154 50 148 Z', k) +
    accent('M56 20 L104 20 L104 138 L56 138 Z', k) + line('M74 146 L86 146', k, 3),
  laptop: (k) => body('M30 30 L130 30 L130 104 L30 104 Z', k) + accent('M38 38 L122 38 L122 96 L38 96 Z', k) + body('M14 108 L146 108 L138 122 L22 122 Z', k),
  camera: (k) => body('M20 52 L56 52 L64 38 L96 38 L104 52 L140 52 L140 128 L20 128 Z', k) +
    `<circle cx="80" cy="90" r="28" fill="${k.accent}" stroke="${k.line}" stroke-width="3"/><circle cx="80" cy="90" r="14" fill="${k.line}"/>`,
  keyboard: (k) => body('M12 56 L148 56 L148 112 L12 112 Z', k) +
    line('M24 70 L136 70 M24 84 L136 84 M24 98 L40 98 M52 98 L108 98 M120 98 L136 98', k, 5),
  bottle: (k) => accent('M66 10 L94 10 L94 28 L66 28 Z', k) + body('M62 28 L98 28 Q112 40 112 60 L112 142 Q112 150 104 150 L56 150 Q48 150 48 142 L48 60 Q48 40 62 28 Z', k) + line('M48 70 L112 70 M48 126 L112 126', k),
  yogamat: (k) => body('M16 60 L120 60 L120 120 L16 120 Z', k) + `<ellipse cx="120" cy="90" rx="22" ry="30" fill="${k.fill}" stroke="${k.line}" stroke-width="2.5"/>` +
    `<ellipse cx="120" cy="90" rx="10" ry="14" fill="none" stroke="${k.line}" stroke-width="2"/>`,
  tent: (k) => body('M80 24 L146 130 L14 130 Z', k) + accent('M80 58 L104 130 L56 130 Z', k) + line('M8 132 L152 132', k, 3),
  dumbbell: (k) => line('M40 80 L120 80', k, 8) + body('M22 50 L44 50 L44 110 L22 110 Z', k) + body('M116 50 L138 50 L138 110 L116 110 Z', k) +
    body('M10 62 L22 62 L22 98 L10 98 Z', k) + body('M138 62 L150 62 L150 98 L138 98 Z', k),
  ball: (k) => `<circle cx="80" cy="80" r="56" fill="${k.fill}" stroke="${k.line}" stroke-width="2.5"/>` +
    line('M24 80 L136 80 M80 24 L80 136 M40 40 Q64 80 40 120 M120 40 Q96 80 120 120', k),
  duffel: (k) => line('M56 58 Q56 28 80 28 Q104 28 104 58', k, 5) + body('M18 74 Q18 58 40 58 L120 58 Q142 58 142 74 L142 122 Q142 130 134 130 L26 130 Q18 130 18 122 Z', k) +
    line('M26 74 L134 74', k) + accent('M18 84 L30 84 L30 116 L18 116 Z M130 84 L142 84 L142 116 L130 116 Z', k),
  lipstick: (k) => body('M66 22 Q66 12 80 8 L94 16 L94 62 L66 62 Z', k) + accent('M60 62 L100 62 L100 84 L60 84 Z', k) + accent('M56 84 L104 84 L104 148 L56 148 Z', k),
  perfume: (k) => accent('M70 20 L90 20 L90 40 L70 40 Z', k) + body('M32 48 Q32 40 40 40 L120 40 Q128 40 128 48 L128 138 Q128 146 120 146 L40 146 Q32 146 32 138 Z', k) +
    `<rect x="52" y="78" width="56" height="36" rx="3" fill="#ffffff" fill-opacity="0.7"/>`,
  jar: (k) => accent('M36 46 L124 46 L124 70 L36 70 Z', k) + body('M32 70 L128 70 L128 124 Q128 134 118 134 L42 134 Q32 134 32 124 Z', k) +
    `<rect x="52" y="88" width="56" height="26" rx="3" fill="#ffffff" fill-opacity="0.7"/>`,
  dropper: (k) => accent('M72 8 Q72 2 80 2 Q88 2 88 8 L90 34 L70 34 Z', k) + accent('M64 34 L96 34 L96 50 L64 50 Z', k) +
    body('M58 50 L102 50 Q116 60 116 76 L116 144 Q116 152 108 152 L52 152 Q44 152 44 144 L44 76 Q44 60 58 50 Z', k) +
    `<rect x="56" y="92" width="48" height="36" rx="3" fill="#ffffff" fill-opacity="0.7"/>`,
  pump: (k) => accent('M74 10 L112 10 L112 20 L86 20 L86 36 L74 36 Z', k) + accent('M66 36 L94 36 L94 52 L66 52 Z', k) +
    body('M50 52 L110 52 Q122 52 122 66 L122 144 Q122 152 114 152 L46 152 Q38 152 38 144 L38 66 Q38 52 50 52 Z', k) +
    `<rect x="52" y="86" width="56" height="42" rx="3" fill="#ffffff" fill-opacity="0.7"/>`,
};

/** Draws `shape` in `hex`; returns a complete, self-contained SVG document. */
export function drawProductSvg(shape: ShapeKey, hex: string, label: string): string {
  const light = lightness(hex);
  const ink: Ink = {
    fill: hex,
    line: light > 0.8 ? '#8a8f98' : mix(hex, '#000000', 0.45),
    accent: light > 0.55 ? mix(hex, '#000000', 0.3) : mix(hex, '#ffffff', 0.55),
  };
  const background = light > 0.85 ? '#e6e9ef' : mix(hex, '#ffffff', 0.86);
  const title = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160" width="320" height="320" role="img">` +
    `<title>${title}</title>` +
    `<rect width="160" height="160" rx="12" fill="${background}"/>` +
    `<ellipse cx="80" cy="150" rx="56" ry="5" fill="#000000" fill-opacity="0.08"/>` +
    SHAPES[shape](ink) +
    `</svg>\n`
  );
}

export const SHAPE_KEYS = Object.keys(SHAPES) as ShapeKey[];
