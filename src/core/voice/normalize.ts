/**
 * Transcript normalisation: makes what a recogniser heard comparable with what the catalog and
 * the shopping lexicon spell — Simplified Chinese, full-width forms folded, recogniser
 * annotations ("[BLANK_AUDIO]", "(music)") and sentence punctuation removed.
 */
import { normalizeText } from '../text/normalize';

/**
 * Traditional -> Simplified pairs (traditional first) for the characters shopping queries use:
 * garments, colours, materials, sizes, prices and everyday query words. Whisper answers
 * Mandarin in Traditional characters about as often as in Simplified; the lexicon is Simplified.
 */
const TRADITIONAL_SIMPLIFIED_PAIRS =
  '乾干亞亚侶侣係系個个們们傘伞價价億亿優优兒儿內内兩两動动區区厲厉參参員员單单嗎吗噸吨嚴严國国圍围圓圆圖图場场墊垫壓压壺壶夾夹婦妇媽妈嬰婴學学實实寬宽寶宝專专對对' +
  '島岛帳帐帶带幾几廚厨廣广廳厅張张強强彈弹後后從从戲戏戶户搶抢撐撑擇择擊击擋挡擴扩攜携於于時时書书會会條条業业樂乐標标樣样機机檸柠櫃柜櫥橱櫻樱歐欧歲岁氣气沒没涼凉' +
  '淨净淺浅減减準准溫温滌涤漁渔漸渐潔洁潤润濃浓濕湿灣湾為为無无熱热燈灯營营爺爷牆墙獨独獵猎環环異异當当發发碼码禮礼筆笔簾帘籃篮紀纪紅红紉纫紋纹純纯紗纱級级組组給给' +
  '絨绒絲丝綁绑經经綠绿綢绸維维網网綸纶緊紧線线緞缎編编練练縫缝縮缩織织繫系續续纖纤聯联聲声聽听腦脑腳脚膚肤膠胶臺台與与舉举舊旧艷艳萊莱萬万薑姜藍蓝蘋苹蘭兰號号衛卫' +
  '衝冲裏里補补裝装裡里製制褲裤襪袜襯衫視视親亲觀观訂订訓训記记話话說说請请護护變变讓让豔艳貝贝貨货貴贵買买費费貼贴賣卖賤贱質质購购車车軍军軟软輕轻這这連连遊游運运' +
  '適适選选還还邊边釐厘針针釣钓釦扣鈎钩鈕钮鉤钩銀银銅铜鋪铺鋼钢錢钱錦锦錶表鍊链鍋锅鎖锁鏈链鏡镜鐘钟鐵铁鑰钥鑽钻長长門门閃闪開开間间關关陸陆際际險险雙双雜杂電电韓韩' +
  '項项領领頭头頸颈顏颜風风飾饰駝驼騎骑體体髮发鬆松鮮鲜鴨鸭鵝鹅麼么黃黄點点齊齐齡龄';

/** Multi-character words whose characters must not be mapped one by one. */
const TRADITIONAL_PHRASES: ReadonlyArray<[string, string]> = [
  ['甚麼', '什么'],
  ['什麼', '什么'],
  ['手錶', '手表'],
];

const SIMPLIFIED_OF = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_SIMPLIFIED_PAIRS.length; i += 2) {
  SIMPLIFIED_OF.set(TRADITIONAL_SIMPLIFIED_PAIRS[i], TRADITIONAL_SIMPLIFIED_PAIRS[i + 1]);
}

/** Converts Traditional Chinese characters to Simplified; other text passes through unchanged. */
export function toSimplified(text: string): string {
  let out = text;
  for (const [traditional, simplified] of TRADITIONAL_PHRASES) out = out.split(traditional).join(simplified);
  let result = '';
  for (const ch of out) result += SIMPLIFIED_OF.get(ch) ?? ch;
  return result;
}

/** Non-speech annotations recognisers emit instead of words. */
const ANNOTATIONS = /\[[^\]]*\]|\([^)]*\)|<\|[^|]*\|>|[♪♫]/g;
/** Sentence punctuation (ASCII and CJK); apostrophes inside words are kept ("men's"). */
const PUNCTUATION = /[.,!?;:"“”‘’«»。，、！？；：…—–()（）【】「」『』《》\[\]{}]/g;
const HAN = /\p{Script=Han}/u;

/**
 * Canonical form of a transcript for the search box and for scoring: lower case, Simplified,
 * half-width, no annotations or sentence punctuation, single spaces, and no spaces between
 * Chinese characters (Whisper sometimes separates them).
 */
export function normalizeTranscript(text: string): string {
  const cleaned = toSimplified(text.normalize('NFKC'))
    .replace(ANNOTATIONS, ' ')
    .replace(PUNCTUATION, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, ' ');
  const words = normalizeText(cleaned).split(/\s+/).filter(Boolean);
  let result = '';
  for (let i = 0; i < words.length; i++) {
    const previous = words[i - 1];
    const joinHan = previous !== undefined && HAN.test(previous.slice(-1)) && HAN.test(words[i][0]);
    result += i === 0 ? words[i] : joinHan ? words[i] : ' ' + words[i];
  }
  return result;
}
