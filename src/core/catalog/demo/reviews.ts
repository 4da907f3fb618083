/**
 * Short bilingual customer reviews per kind of product, each with the star rating it goes with.
 * A demo product shows two or three of them, some in English and some in Chinese.
 */
import type { ReviewKind } from './productTypes.js';

export interface ReviewTemplate {
  rating: number;
  en: string;
  zh: string;
}

const r = (rating: number, en: string, zh: string): ReviewTemplate => ({ rating, en, zh });

export const REVIEWS: Record<ReviewKind, readonly ReviewTemplate[]> = {
  apparel: [
    r(5, 'Fits perfectly and the colour is exactly like the photo.', '尺码很标准，颜色和图片一模一样。'),
    r(5, 'So comfortable, I bought a second one.', '穿着太舒服了，又回购了一件。'),
    r(4, 'Nice fabric, runs slightly large — size down.', '面料不错，版型偏大，建议拍小一码。'),
    r(4, 'Good quality for the price.', '这个价位质量很好。'),
    r(3, 'Looks fine but wrinkles easily.', '样子还行，就是容易皱。'),
    r(2, 'Shrank a little after the first wash.', '洗了一次有点缩水。'),
    r(5, 'Warm, soft and well made.', '保暖柔软，做工精细。'),
  ],
  shoes: [
    r(5, 'Comfortable straight out of the box.', '新鞋上脚就很舒服，不磨脚。'),
    r(4, 'True to size and very light.', '尺码正，鞋子很轻。'),
    r(4, 'Great grip, even on wet pavements.', '防滑效果好，湿地面也不打滑。'),
    r(3, 'A bit narrow for wide feet.', '脚宽的人穿有点挤。'),
    r(5, 'Walked all day in them with no sore feet.', '穿着走了一整天，脚一点都不累。'),
    r(2, 'The sole started to peel after a month.', '穿了一个月鞋底就开胶了。'),
  ],
  bags: [
    r(5, 'Holds everything I need for work.', '上班需要的东西都能装下。'),
    r(4, 'Sturdy zips and lots of pockets.', '拉链结实，口袋很多。'),
    r(4, 'Looks smarter than I expected.', '比想象中更有质感。'),
    r(3, 'Straps could have more padding.', '肩带要是再厚一点就好了。'),
    r(5, 'Survived a rainy week of commuting.', '下雨天通勤了一周，里面的东西都没湿。'),
  ],
  accessories: [
    r(5, 'Beautiful finish, looks expensive.', '做工精美，看起来很高级。'),
    r(4, 'Nice gift, came in a lovely box.', '送人很合适，包装也很精致。'),
    r(4, 'Exactly as described.', '和描述的一样。'),
    r(3, 'Smaller than I expected.', '比我想象的小一些。'),
    r(5, 'I wear it every day.', '我每天都戴着。'),
  ],
  sports: [
    r(5, 'Perfect for my morning workouts.', '早上锻炼用刚刚好。'),
    r(4, 'Solid build, worth the money.', '做工扎实，物有所值。'),
    r(4, 'Took it camping, worked great.', '带去露营了，非常好用。'),
    r(3, 'Does the job, a bit heavy.', '能用，就是有点重。'),
    r(5, 'My whole family loves it.', '全家人都很喜欢。'),
  ],
  home: [
    r(5, 'Looks lovely in my kitchen.', '放在厨房里很好看。'),
    r(4, 'Good size and easy to clean.', '大小合适，清洗方便。'),
    r(5, 'Makes the living room feel cosy.', '客厅一下子变得温馨了。'),
    r(3, 'Colour is a little darker than pictured.', '颜色比图片深一点。'),
    r(4, 'Well made and arrived quickly.', '做工不错，发货也快。'),
  ],
  electronics: [
    r(5, 'Battery lasts for days, sound is great.', '电池很耐用，音质很棒。'),
    r(4, 'Easy to set up and pairs instantly.', '设置简单，一下就连上了。'),
    r(4, 'Great value compared with big brands.', '和大牌比起来性价比很高。'),
    r(3, 'Works well but the app is clunky.', '东西好用，但配套的应用不太好用。'),
    r(2, 'Stopped charging after two months.', '用了两个月就充不进电了。'),
    r(5, 'Fast, light and quiet.', '速度快、重量轻，还很安静。'),
  ],
  beauty: [
    r(5, 'Lovely texture and smells amazing.', '质地很好，味道也好闻。'),
    r(4, 'My skin feels softer after a week.', '用了一周皮肤变得更柔软了。'),
    r(4, 'Long-lasting and not drying.', '很持久，也不干。'),
    r(3, 'Nice, but a small bottle for the price.', '还不错，只是这个价格量有点少。'),
    r(5, 'Gentle enough for my sensitive skin.', '很温和，我的敏感肌用着没问题。'),
  ],
};
