/**
 * Tuning set for the instant recogniser: generic spoken shopping queries used to choose decoder
 * and grammar settings, so that neither the dev clips nor the held-out robustness phrases
 * (robustness.ts) are what the settings were picked on. Written without looking at either set's
 * errors; avoids the robustness set's rarer shades and garments. Half are read slowly with
 * silence around them (like a push-to-talk recording), half at espeak's default pace, tight.
 */
export const TUNING_PHRASES: readonly string[] = [
  'blue jeans for men',
  "women's black leggings",
  'red hoodie',
  'show me running shoes',
  'gray fleece jacket for women',
  "men's white polo shirt",
  'yellow rain jacket',
  'purple yoga mat',
  'i want a green backpack',
  'orange tank top',
  'black gym shorts',
  'kids blue hoodie',
  'brown leather belt',
  'pink sweatshirt for women',
  'white sneakers',
  'water bottle',
  "men's black joggers",
  'light gray hoodie',
  'red sports bra',
  "women's running shoes",
  'green windbreaker for men',
  'tan trench coat',
  'black duffle bag',
  'blue denim shorts',
  'find me a white tee',
  'striped shirt for men',
  'cheap yoga pants',
  'wool socks',
  'silver watch',
  'mint green dress',
  'hoodie for women',
  'turquoise swim shorts',
];
