/**
 * The demo store's assortment: departments, product types, and for each type the bilingual
 * words a product of that type is described with. Everything here is invented for this project.
 */
import type { Bilingual, Family } from './features.js';
import type { ColorKey } from './palette.js';
import type { ShapeKey } from './silhouettes.js';

export type Audience = 'women' | 'men' | 'kids' | null;
export type ReviewKind = 'apparel' | 'shoes' | 'bags' | 'accessories' | 'sports' | 'home' | 'electronics' | 'beauty';

export interface ProductTypeSpec {
  /** Short stable code, used in product ids ("WHD" → "WHD03-Navy"). */
  code: string;
  category: string;
  audience: Audience;
  shape: ShapeKey;
  noun: Bilingual;
  /** Style words placed before the noun: each base product uses one. */
  styles: readonly Bilingual[];
  materials: readonly Bilingual[];
  family: Family;
  colors: readonly ColorKey[];
  sizes: readonly string[] | null;
  /** Price range in USD; prices end in .99 or .00 like a real shop. */
  price: readonly [number, number];
  reviews: ReviewKind;
  /** How many base products (each in several colours) to make of this type. */
  models: number;
}

const WOMEN_SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const MEN_SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const KIDS_SIZES = ['4Y', '6Y', '8Y', '10Y', '12Y'];
const WOMEN_SHOES = ['35', '36', '37', '38', '39', '40', '41'];
const MEN_SHOES = ['40', '41', '42', '43', '44', '45', '46'];
const KIDS_SHOES = ['28', '29', '30', '31', '32', '33', '34', '35'];
const WAIST = ['28', '30', '32', '34', '36', '38'];

const COTTON: Bilingual = ['cotton', '纯棉'];
const ORGANIC_COTTON: Bilingual = ['organic cotton', '有机棉'];
const LEATHER: Bilingual = ['leather', '真皮'];
const POLYESTER: Bilingual = ['recycled polyester', '再生涤纶'];
const NYLON: Bilingual = ['nylon', '尼龙'];

const NEUTRALS: ColorKey[] = ['black', 'white', 'gray', 'navy', 'beige'];
const APPAREL: ColorKey[] = [...NEUTRALS, 'red', 'blue', 'green', 'pink', 'olive', 'burgundy', 'khaki', 'lightblue'];
const BRIGHT: ColorKey[] = ['red', 'blue', 'green', 'yellow', 'orange', 'pink', 'purple', 'teal', 'lightblue'];

export const PRODUCT_TYPES: readonly ProductTypeSpec[] = [
  // Women
  { code: 'WTS', category: 'Women/Tops/T-Shirts', audience: 'women', shape: 'tshirt', noun: ['T-Shirt', 'T恤'],
    styles: [['Crew Neck', '圆领'], ['V-Neck', 'V领'], ['Cropped', '短款'], ['Striped', '条纹']],
    materials: [COTTON, ORGANIC_COTTON, ['linen blend', '亚麻混纺']], family: 'tops', colors: APPAREL, sizes: WOMEN_SIZES, price: [15, 35], reviews: 'apparel', models: 3 },
  { code: 'WHD', category: 'Women/Tops/Hoodies & Sweatshirts', audience: 'women', shape: 'hoodie', noun: ['Hoodie', '连帽卫衣'],
    styles: [['Oversized', '宽松'], ['Zip-Up', '拉链'], ['Cropped', '短款']],
    materials: [['cotton fleece', '棉质抓绒'], ['French terry', '毛圈棉']], family: 'knit', colors: APPAREL, sizes: WOMEN_SIZES, price: [35, 70], reviews: 'apparel', models: 3 },
  { code: 'WSW', category: 'Women/Tops/Sweaters', audience: 'women', shape: 'sweater', noun: ['Sweater', '毛衣'],
    styles: [['Cable Knit', '麻花'], ['Turtleneck', '高领'], ['Cashmere-Blend', '羊绒混纺']],
    materials: [['merino wool', '美丽诺羊毛'], ['wool blend', '羊毛混纺']], family: 'knit', colors: APPAREL, sizes: WOMEN_SIZES, price: [45, 120], reviews: 'apparel', models: 2 },
  { code: 'WJK', category: 'Women/Outerwear/Jackets', audience: 'women', shape: 'jacket', noun: ['Jacket', '夹克'],
    styles: [['Down', '羽绒'], ['Denim', '牛仔'], ['Rain', '防雨'], ['Quilted', '绗缝']],
    materials: [NYLON, POLYESTER, ['cotton denim', '棉质牛仔布']], family: 'outerwear', colors: APPAREL, sizes: WOMEN_SIZES, price: [60, 180], reviews: 'apparel', models: 3 },
  { code: 'WCT', category: 'Women/Outerwear/Coats', audience: 'women', shape: 'coat', noun: ['Coat', '大衣'],
    styles: [['Long Wool', '长款羊毛'], ['Trench', '风衣款'], ['Double-Breasted', '双排扣']],
    materials: [['wool blend', '羊毛混纺'], ['cotton gabardine', '棉华达呢']], family: 'outerwear', colors: ['black', 'beige', 'khaki', 'gray', 'navy', 'burgundy', 'brown'], sizes: WOMEN_SIZES, price: [120, 280], reviews: 'apparel', models: 2 },
  { code: 'WDR', category: 'Women/Dresses', audience: 'women', shape: 'dress', noun: ['Dress', '连衣裙'],
    styles: [['Floral Midi', '碎花中长'], ['Wrap', '裹身'], ['Maxi', '长款'], ['Knit', '针织'], ['Shirt', '衬衫式']],
    materials: [['viscose', '粘胶纤维'], COTTON, ['chiffon', '雪纺']], family: 'dress', colors: [...APPAREL, 'yellow', 'purple'], sizes: WOMEN_SIZES, price: [40, 130], reviews: 'apparel', models: 4 },
  { code: 'WSK', category: 'Women/Bottoms/Skirts', audience: 'women', shape: 'skirt', noun: ['Skirt', '半身裙'],
    styles: [['Pleated', '百褶'], ['A-Line', 'A字'], ['Pencil', '包臀']],
    materials: [['polyester twill', '涤纶斜纹布'], ['wool blend', '羊毛混纺'], ['cotton denim', '棉质牛仔布']], family: 'dress', colors: APPAREL, sizes: WOMEN_SIZES, price: [30, 80], reviews: 'apparel', models: 2 },
  { code: 'WPT', category: 'Women/Bottoms/Pants', audience: 'women', shape: 'pants', noun: ['Pants', '长裤'],
    styles: [['Wide-Leg', '阔腿'], ['High-Waisted', '高腰'], ['Slim', '修身'], ['Cargo', '工装']],
    materials: [['cotton twill', '棉质斜纹布'], ['linen blend', '亚麻混纺'], ['stretch denim', '弹力牛仔布']], family: 'bottoms', colors: APPAREL, sizes: WOMEN_SIZES, price: [35, 90], reviews: 'apparel', models: 3 },
  { code: 'WLG', category: 'Women/Bottoms/Leggings', audience: 'women', shape: 'pants', noun: ['Leggings', '打底裤'],
    styles: [['High-Rise Yoga', '高腰瑜伽'], ['Fleece-Lined', '加绒'], ['Running', '跑步']],
    materials: [['nylon spandex', '锦纶氨纶'], ['cotton stretch', '弹力棉']], family: 'bottoms', colors: ['black', 'gray', 'navy', 'burgundy', 'olive', 'purple'], sizes: WOMEN_SIZES, price: [25, 60], reviews: 'apparel', models: 2 },
  { code: 'WSH', category: 'Women/Bottoms/Shorts', audience: 'women', shape: 'shorts', noun: ['Shorts', '短裤'],
    styles: [['Denim', '牛仔'], ['Running', '跑步'], ['Linen', '亚麻']],
    materials: [['cotton denim', '棉质牛仔布'], POLYESTER, ['linen', '亚麻']], family: 'bottoms', colors: APPAREL, sizes: WOMEN_SIZES, price: [20, 50], reviews: 'apparel', models: 2 },
  // Men
  { code: 'MTS', category: 'Men/Tops/T-Shirts', audience: 'men', shape: 'tshirt', noun: ['T-Shirt', 'T恤'],
    styles: [['Crew Neck', '圆领'], ['Graphic', '印花'], ['Pocket', '口袋'], ['Heavyweight', '重磅']],
    materials: [COTTON, ORGANIC_COTTON], family: 'tops', colors: APPAREL, sizes: MEN_SIZES, price: [15, 40], reviews: 'apparel', models: 3 },
  { code: 'MPL', category: 'Men/Tops/Polo Shirts', audience: 'men', shape: 'polo', noun: ['Polo Shirt', 'Polo衫'],
    styles: [['Classic', '经典'], ['Piqué', '珠地'], ['Performance', '速干']],
    materials: [['cotton piqué', '珠地棉'], POLYESTER], family: 'tops', colors: APPAREL, sizes: MEN_SIZES, price: [25, 60], reviews: 'apparel', models: 2 },
  { code: 'MSH', category: 'Men/Tops/Shirts', audience: 'men', shape: 'shirt', noun: ['Shirt', '衬衫'],
    styles: [['Oxford', '牛津纺'], ['Flannel', '法兰绒'], ['Linen', '亚麻'], ['Slim-Fit Dress', '修身正装']],
    materials: [COTTON, ['linen', '亚麻'], ['brushed cotton', '磨毛棉']], family: 'tops', colors: ['white', 'lightblue', 'blue', 'navy', 'gray', 'pink', 'olive', 'red', 'black'], sizes: MEN_SIZES, price: [35, 85], reviews: 'apparel', models: 3 },
  { code: 'MHD', category: 'Men/Tops/Hoodies & Sweatshirts', audience: 'men', shape: 'hoodie', noun: ['Hoodie', '连帽卫衣'],
    styles: [['Pullover', '套头'], ['Zip-Up', '拉链'], ['Tech Fleece', '科技抓绒']],
    materials: [['cotton fleece', '棉质抓绒'], ['French terry', '毛圈棉']], family: 'knit', colors: APPAREL, sizes: MEN_SIZES, price: [40, 80], reviews: 'apparel', models: 3 },
  { code: 'MSW', category: 'Men/Tops/Sweaters', audience: 'men', shape: 'sweater', noun: ['Sweater', '毛衣'],
    styles: [['Crew Neck', '圆领'], ['Quarter-Zip', '半拉链'], ['Cable Knit', '麻花']],
    materials: [['merino wool', '美丽诺羊毛'], ['lambswool', '小羊毛']], family: 'knit', colors: APPAREL, sizes: MEN_SIZES, price: [50, 130], reviews: 'apparel', models: 2 },
  { code: 'MJK', category: 'Men/Outerwear/Jackets', audience: 'men', shape: 'jacket', noun: ['Jacket', '夹克'],
    styles: [['Down', '羽绒'], ['Bomber', '飞行员'], ['Softshell', '软壳'], ['Rain', '防雨'], ['Denim', '牛仔']],
    materials: [NYLON, POLYESTER, ['cotton denim', '棉质牛仔布']], family: 'outerwear', colors: APPAREL, sizes: MEN_SIZES, price: [70, 220], reviews: 'apparel', models: 4 },
  { code: 'MCT', category: 'Men/Outerwear/Coats', audience: 'men', shape: 'coat', noun: ['Coat', '大衣'],
    styles: [['Wool Overcoat', '羊毛长款'], ['Parka', '派克'], ['Trench', '风衣款']],
    materials: [['wool blend', '羊毛混纺'], ['cotton gabardine', '棉华达呢']], family: 'outerwear', colors: ['black', 'charcoal', 'navy', 'khaki', 'olive', 'brown'], sizes: MEN_SIZES, price: [140, 320], reviews: 'apparel', models: 2 },
  { code: 'MJN', category: 'Men/Bottoms/Jeans', audience: 'men', shape: 'pants', noun: ['Jeans', '牛仔裤'],
    styles: [['Slim', '修身'], ['Straight', '直筒'], ['Relaxed', '宽松']],
    materials: [['stretch denim', '弹力牛仔布'], ['selvedge denim', '原色赤耳牛仔布']], family: 'bottoms', colors: ['blue', 'lightblue', 'navy', 'black', 'gray'], sizes: WAIST, price: [45, 110], reviews: 'apparel', models: 3 },
  { code: 'MCH', category: 'Men/Bottoms/Pants', audience: 'men', shape: 'pants', noun: ['Chinos', '休闲裤'],
    styles: [['Slim', '修身'], ['Stretch', '弹力'], ['Pleated', '打褶']],
    materials: [['cotton twill', '棉质斜纹布']], family: 'bottoms', colors: ['khaki', 'beige', 'navy', 'olive', 'gray', 'black'], sizes: WAIST, price: [40, 85], reviews: 'apparel', models: 2 },
  { code: 'MJG', category: 'Men/Bottoms/Joggers', audience: 'men', shape: 'pants', noun: ['Joggers', '运动裤'],
    styles: [['Tapered', '收脚'], ['Fleece', '加绒']],
    materials: [['cotton fleece', '棉质抓绒'], POLYESTER], family: 'bottoms', colors: ['black', 'gray', 'navy', 'olive', 'charcoal'], sizes: MEN_SIZES, price: [30, 65], reviews: 'apparel', models: 2 },
  { code: 'MSR', category: 'Men/Bottoms/Shorts', audience: 'men', shape: 'shorts', noun: ['Shorts', '短裤'],
    styles: [['Cargo', '工装'], ['Swim', '沙滩'], ['Training', '训练']],
    materials: [['cotton twill', '棉质斜纹布'], POLYESTER], family: 'bottoms', colors: APPAREL, sizes: MEN_SIZES, price: [20, 50], reviews: 'apparel', models: 2 },
  // Kids
  { code: 'KTS', category: 'Kids/Tops/T-Shirts', audience: 'kids', shape: 'tshirt', noun: ['T-Shirt', 'T恤'],
    styles: [['Dinosaur Print', '恐龙印花'], ['Rainbow', '彩虹'], ['Striped', '条纹']],
    materials: [COTTON, ORGANIC_COTTON], family: 'kidswear', colors: [...BRIGHT, 'white', 'navy'], sizes: KIDS_SIZES, price: [10, 22], reviews: 'apparel', models: 3 },
  { code: 'KHD', category: 'Kids/Tops/Hoodies & Sweatshirts', audience: 'kids', shape: 'hoodie', noun: ['Hoodie', '连帽卫衣'],
    styles: [['Zip-Up', '拉链'], ['Bear Ear', '小熊耳朵'], ['Pullover', '套头']],
    materials: [['cotton fleece', '棉质抓绒']], family: 'kidswear', colors: [...BRIGHT, 'gray', 'navy'], sizes: KIDS_SIZES, price: [20, 40], reviews: 'apparel', models: 2 },
  { code: 'KJK', category: 'Kids/Outerwear/Jackets', audience: 'kids', shape: 'jacket', noun: ['Jacket', '外套'],
    styles: [['Puffer', '棉服'], ['Rain', '防雨'], ['Fleece', '摇粒绒']],
    materials: [NYLON, POLYESTER], family: 'kidswear', colors: [...BRIGHT, 'navy'], sizes: KIDS_SIZES, price: [30, 75], reviews: 'apparel', models: 3 },
  { code: 'KDR', category: 'Kids/Dresses', audience: 'kids', shape: 'dress', noun: ['Dress', '连衣裙'],
    styles: [['Party', '公主'], ['Smocked', '褶皱'], ['Polka Dot', '波点']],
    materials: [COTTON, ['tulle', '网纱']], family: 'kidswear', colors: ['pink', 'purple', 'yellow', 'red', 'lightblue', 'white'], sizes: KIDS_SIZES, price: [20, 45], reviews: 'apparel', models: 2 },
  { code: 'KPT', category: 'Kids/Bottoms/Pants', audience: 'kids', shape: 'pants', noun: ['Pants', '长裤'],
    styles: [['Jogger', '束脚'], ['Denim', '牛仔'], ['Knee-Patch', '耐磨护膝']],
    materials: [['cotton twill', '棉质斜纹布'], ['stretch denim', '弹力牛仔布']], family: 'kidswear', colors: ['navy', 'blue', 'gray', 'khaki', 'black', 'green'], sizes: KIDS_SIZES, price: [15, 35], reviews: 'apparel', models: 2 },
  { code: 'KPJ', category: 'Kids/Sleepwear/Pajamas', audience: 'kids', shape: 'sweater', noun: ['Pajama Set', '睡衣套装'],
    styles: [['Star Print', '星星印花'], ['Space', '太空'], ['Unicorn', '独角兽']],
    materials: [COTTON, ['bamboo viscose', '竹纤维']], family: 'kidswear', colors: ['lightblue', 'pink', 'navy', 'purple', 'yellow'], sizes: KIDS_SIZES, price: [18, 35], reviews: 'apparel', models: 2 },
  // Shoes
  { code: 'SWS', category: 'Shoes/Women/Sneakers', audience: 'women', shape: 'sneaker', noun: ['Sneakers', '运动鞋'],
    styles: [['Running', '跑步'], ['Platform', '厚底'], ['Canvas', '帆布']],
    materials: [['knit mesh', '针织网布'], ['canvas', '帆布'], LEATHER], family: 'sneaker', colors: ['white', 'black', 'pink', 'gray', 'lightblue', 'beige'], sizes: WOMEN_SHOES, price: [45, 130], reviews: 'shoes', models: 3 },
  { code: 'SWB', category: 'Shoes/Women/Boots', audience: 'women', shape: 'boot', noun: ['Boots', '靴子'],
    styles: [['Chelsea', '切尔西'], ['Ankle', '短筒'], ['Knee-High', '高筒']],
    materials: [LEATHER, ['suede', '麂皮']], family: 'boot', colors: ['black', 'brown', 'beige', 'burgundy', 'gray'], sizes: WOMEN_SHOES, price: [70, 190], reviews: 'shoes', models: 3 },
  { code: 'SWH', category: 'Shoes/Women/Heels', audience: 'women', shape: 'heel', noun: ['Heels', '高跟鞋'],
    styles: [['Pointed', '尖头'], ['Block Heel', '粗跟'], ['Slingback', '后空']],
    materials: [['patent leather', '漆皮'], LEATHER, ['suede', '麂皮']], family: 'dressShoe', colors: ['black', 'red', 'beige', 'pink', 'silver', 'gold'], sizes: WOMEN_SHOES, price: [60, 160], reviews: 'shoes', models: 2 },
  { code: 'SWD', category: 'Shoes/Women/Sandals', audience: 'women', shape: 'sandal', noun: ['Sandals', '凉鞋'],
    styles: [['Strappy', '绑带'], ['Slide', '一字'], ['Espadrille', '草编']],
    materials: [LEATHER, ['synthetic', '合成革']], family: 'sandal', colors: ['black', 'brown', 'beige', 'white', 'gold'], sizes: WOMEN_SHOES, price: [30, 90], reviews: 'shoes', models: 2 },
  { code: 'SMR', category: 'Shoes/Men/Running Shoes', audience: 'men', shape: 'sneaker', noun: ['Running Shoes', '跑鞋'],
    styles: [['Road', '路跑'], ['Trail', '越野'], ['Lightweight', '轻量']],
    materials: [['engineered mesh', '工程网布'], ['knit mesh', '针织网布']], family: 'sneaker', colors: ['black', 'white', 'blue', 'gray', 'red', 'orange', 'navy'], sizes: MEN_SHOES, price: [70, 170], reviews: 'shoes', models: 4 },
  { code: 'SMB', category: 'Shoes/Men/Boots', audience: 'men', shape: 'boot', noun: ['Boots', '靴子'],
    styles: [['Hiking', '登山'], ['Chelsea', '切尔西'], ['Work', '工装']],
    materials: [LEATHER, ['suede', '麂皮'], ['waterproof nubuck', '防水磨砂皮']], family: 'boot', colors: ['brown', 'black', 'khaki', 'olive'], sizes: MEN_SHOES, price: [90, 230], reviews: 'shoes', models: 3 },
  { code: 'SML', category: 'Shoes/Men/Loafers', audience: 'men', shape: 'loafer', noun: ['Loafers', '乐福鞋'],
    styles: [['Penny', '便士'], ['Driving', '豆豆'], ['Tassel', '流苏']],
    materials: [LEATHER, ['suede', '麂皮']], family: 'dressShoe', colors: ['brown', 'black', 'burgundy', 'navy', 'beige'], sizes: MEN_SHOES, price: [70, 180], reviews: 'shoes', models: 2 },
  { code: 'SKS', category: 'Shoes/Kids/Sneakers', audience: 'kids', shape: 'sneaker', noun: ['Sneakers', '运动鞋'],
    styles: [['Light-Up', '发光'], ['Hook-and-Loop', '魔术贴'], ['Slip-On', '一脚蹬']],
    materials: [['mesh', '网布'], ['canvas', '帆布']], family: 'sneaker', colors: [...BRIGHT, 'white', 'black'], sizes: KIDS_SHOES, price: [25, 60], reviews: 'shoes', models: 3 },
  // Bags & Accessories
  { code: 'BBP', category: 'Bags & Accessories/Backpacks', audience: null, shape: 'backpack', noun: ['Backpack', '双肩包'],
    styles: [['Laptop', '电脑'], ['Roll-Top', '卷口'], ['Everyday', '通勤'], ['Mini', '迷你']],
    materials: [NYLON, ['waxed canvas', '油蜡帆布'], POLYESTER], family: 'bag', colors: ['black', 'gray', 'navy', 'olive', 'khaki', 'red', 'pink', 'teal'], sizes: null, price: [40, 140], reviews: 'bags', models: 4 },
  { code: 'BHB', category: 'Bags & Accessories/Handbags', audience: 'women', shape: 'tote', noun: ['Tote Bag', '托特包'],
    styles: [['Leather', '皮质'], ['Canvas Shopper', '帆布'], ['Structured', '硬挺']],
    materials: [LEATHER, ['canvas', '帆布'], ['vegan leather', '环保皮革']], family: 'bag', colors: ['black', 'brown', 'beige', 'burgundy', 'white', 'olive', 'pink'], sizes: null, price: [35, 220], reviews: 'bags', models: 3 },
  { code: 'BWL', category: 'Bags & Accessories/Wallets', audience: null, shape: 'wallet', noun: ['Wallet', '钱包'],
    styles: [['Bifold', '对折'], ['Zip-Around', '拉链长款'], ['Card', '卡包式']],
    materials: [LEATHER, ['vegan leather', '环保皮革']], family: 'smallLeather', colors: ['black', 'brown', 'navy', 'burgundy', 'beige'], sizes: null, price: [20, 90], reviews: 'accessories', models: 3 },
  { code: 'BCP', category: 'Bags & Accessories/Hats & Caps', audience: null, shape: 'cap', noun: ['Baseball Cap', '棒球帽'],
    styles: [['Classic', '经典'], ['Washed', '水洗'], ['Mesh Back', '网眼']],
    materials: [COTTON, POLYESTER], family: 'headwear', colors: ['black', 'navy', 'beige', 'red', 'white', 'olive', 'blue'], sizes: ['One Size'], price: [15, 35], reviews: 'accessories', models: 2 },
  { code: 'BBN', category: 'Bags & Accessories/Hats & Caps', audience: null, shape: 'beanie', noun: ['Beanie', '毛线帽'],
    styles: [['Ribbed', '罗纹'], ['Pom-Pom', '毛球'], ['Fisherman', '渔夫']],
    materials: [['merino wool', '美丽诺羊毛'], ['acrylic knit', '腈纶针织']], family: 'headwear', colors: ['black', 'gray', 'burgundy', 'navy', 'beige', 'orange', 'olive'], sizes: ['One Size'], price: [15, 40], reviews: 'accessories', models: 2 },
  { code: 'BSC', category: 'Bags & Accessories/Scarves', audience: null, shape: 'scarf', noun: ['Scarf', '围巾'],
    styles: [['Plaid', '格纹'], ['Chunky Knit', '粗针织'], ['Silk', '丝巾款']],
    materials: [['wool', '羊毛'], ['cashmere', '羊绒'], ['silk', '真丝']], family: 'headwear', colors: ['red', 'gray', 'beige', 'navy', 'burgundy', 'black', 'pink'], sizes: null, price: [25, 110], reviews: 'accessories', models: 2 },
  { code: 'BSG', category: 'Bags & Accessories/Sunglasses', audience: null, shape: 'sunglasses', noun: ['Sunglasses', '太阳镜'],
    styles: [['Aviator', '飞行员'], ['Round', '圆框'], ['Square', '方框']],
    materials: [['acetate', '板材'], ['metal', '金属']], family: 'eyewear', colors: ['black', 'brown', 'gold', 'silver', 'navy'], sizes: null, price: [30, 150], reviews: 'accessories', models: 3 },
  { code: 'BWT', category: 'Bags & Accessories/Watches', audience: null, shape: 'watch', noun: ['Watch', '手表'],
    styles: [['Minimalist', '简约'], ['Chronograph', '计时'], ['Dive', '潜水']],
    materials: [['stainless steel', '不锈钢'], LEATHER], family: 'watch', colors: ['black', 'silver', 'gold', 'brown', 'navy'], sizes: null, price: [80, 320], reviews: 'accessories', models: 3 },
  { code: 'BBT', category: 'Bags & Accessories/Belts', audience: null, shape: 'belt', noun: ['Belt', '皮带'],
    styles: [['Classic', '经典'], ['Reversible', '双面'], ['Braided', '编织']],
    materials: [LEATHER], family: 'smallLeather', colors: ['black', 'brown', 'beige'], sizes: ['S', 'M', 'L', 'XL'], price: [25, 70], reviews: 'accessories', models: 2 },
  // Sports & Outdoors
  { code: 'OYM', category: 'Sports & Outdoors/Yoga/Yoga Mats', audience: null, shape: 'yogamat', noun: ['Yoga Mat', '瑜伽垫'],
    styles: [['Non-Slip', '防滑'], ['Extra-Thick', '加厚'], ['Travel', '便携']],
    materials: [['TPE', 'TPE'], ['natural rubber', '天然橡胶'], ['cork', '软木']], family: 'fitness', colors: ['purple', 'teal', 'pink', 'blue', 'gray', 'green', 'black'], sizes: ['4 mm', '6 mm'], price: [20, 80], reviews: 'sports', models: 3 },
  { code: 'OBT', category: 'Sports & Outdoors/Hydration/Water Bottles', audience: null, shape: 'bottle', noun: ['Water Bottle', '水杯'],
    styles: [['Insulated', '保温'], ['Sports', '运动'], ['Wide-Mouth', '宽口']],
    materials: [['stainless steel', '不锈钢'], ['BPA-free Tritan', '无双酚A的Tritan塑料']], family: 'outdoor', colors: [...BRIGHT, 'black', 'white'], sizes: ['500 ml', '750 ml', '1 L'], price: [15, 45], reviews: 'sports', models: 3 },
  { code: 'OTN', category: 'Sports & Outdoors/Camping/Tents', audience: null, shape: 'tent', noun: ['Tent', '帐篷'],
    styles: [['2-Person Dome', '双人圆顶'], ['4-Person Family', '四人家庭'], ['Ultralight Backpacking', '超轻徒步']],
    materials: [['ripstop nylon', '防撕裂尼龙'], ['polyester', '涤纶']], family: 'outdoor', colors: ['green', 'orange', 'olive', 'blue', 'yellow'], sizes: null, price: [80, 320], reviews: 'sports', models: 3 },
  { code: 'ODB', category: 'Sports & Outdoors/Fitness/Dumbbells', audience: null, shape: 'dumbbell', noun: ['Dumbbell Set', '哑铃套装'],
    styles: [['Hex', '六角'], ['Adjustable', '可调节'], ['Neoprene', '包胶']],
    materials: [['cast iron', '铸铁'], ['rubber-coated steel', '包胶钢']], family: 'fitness', colors: ['black', 'gray', 'blue', 'pink', 'purple'], sizes: ['2 × 2 kg', '2 × 5 kg', '2 × 10 kg'], price: [25, 180], reviews: 'sports', models: 3 },
  { code: 'OBL', category: 'Sports & Outdoors/Team Sports/Balls', audience: null, shape: 'ball', noun: ['Ball', '球'],
    styles: [['Basketball', '篮球'], ['Football', '足球'], ['Volleyball', '排球']],
    materials: [['composite leather', '复合皮革'], ['rubber', '橡胶']], family: 'fitness', colors: ['orange', 'white', 'yellow', 'blue', 'red'], sizes: ['Size 5', 'Size 7'], price: [15, 60], reviews: 'sports', models: 3 },
  { code: 'ODF', category: 'Sports & Outdoors/Bags/Gym Bags', audience: null, shape: 'duffel', noun: ['Gym Duffel Bag', '健身包'],
    styles: [['Weekender', '周末旅行'], ['Compact', '小号'], ['Shoe-Compartment', '带鞋仓']],
    materials: [POLYESTER, NYLON], family: 'bag', colors: ['black', 'navy', 'gray', 'red', 'olive', 'pink'], sizes: null, price: [30, 90], reviews: 'bags', models: 2 },
  // Home & Kitchen
  { code: 'HMG', category: 'Home & Kitchen/Kitchen/Mugs', audience: null, shape: 'mug', noun: ['Mug', '马克杯'],
    styles: [['Stoneware', '粗陶'], ['Speckled', '斑点釉'], ['Large', '大号'], ['Matte', '哑光']],
    materials: [['ceramic', '陶瓷'], ['stoneware', '粗陶']], family: 'drinkware', colors: ['white', 'black', 'blue', 'green', 'pink', 'yellow', 'teal', 'gray'], sizes: null, price: [8, 25], reviews: 'home', models: 3 },
  { code: 'HLP', category: 'Home & Kitchen/Lighting/Table Lamps', audience: null, shape: 'lamp', noun: ['Table Lamp', '台灯'],
    styles: [['Bedside', '床头'], ['Ceramic Base', '陶瓷底座'], ['Linen Shade', '亚麻灯罩']],
    materials: [['ceramic', '陶瓷'], ['brushed metal', '拉丝金属'], ['oak wood', '橡木']], family: 'lighting', colors: ['white', 'beige', 'black', 'teal', 'gold', 'green'], sizes: null, price: [30, 140], reviews: 'home', models: 3 },
  { code: 'HPN', category: 'Home & Kitchen/Kitchen/Cookware', audience: null, shape: 'pan', noun: ['Frying Pan', '平底锅'],
    styles: [['Non-Stick', '不粘'], ['Cast Iron', '铸铁'], ['Ceramic-Coated', '陶瓷涂层']],
    materials: [['aluminium', '铝合金'], ['cast iron', '铸铁'], ['stainless steel', '不锈钢']], family: 'cookware', colors: ['black', 'gray', 'red', 'teal', 'beige'], sizes: ['20 cm', '24 cm', '28 cm'], price: [20, 95], reviews: 'home', models: 3 },
  { code: 'HKT', category: 'Home & Kitchen/Kitchen/Kettles', audience: null, shape: 'kettle', noun: ['Electric Kettle', '电热水壶'],
    styles: [['Retro', '复古'], ['Temperature-Control', '控温'], ['Compact', '小容量']],
    materials: [['stainless steel', '不锈钢'], ['glass', '玻璃']], family: 'cookware', colors: ['white', 'black', 'silver', 'red', 'green', 'beige'], sizes: ['1.0 L', '1.7 L'], price: [30, 110], reviews: 'home', models: 2 },
  { code: 'HCS', category: 'Home & Kitchen/Decor/Cushions', audience: null, shape: 'cushion', noun: ['Cushion', '抱枕'],
    styles: [['Velvet', '丝绒'], ['Linen', '亚麻'], ['Boucle', '羊羔绒']],
    materials: [['velvet', '丝绒'], ['linen', '亚麻'], ['cotton', '棉']], family: 'textiles', colors: ['green', 'pink', 'beige', 'navy', 'yellow', 'gray', 'teal', 'orange'], sizes: ['45 × 45 cm', '50 × 50 cm'], price: [15, 45], reviews: 'home', models: 3 },
  { code: 'HTW', category: 'Home & Kitchen/Bath/Towels', audience: null, shape: 'towel', noun: ['Bath Towel', '浴巾'],
    styles: [['Plush', '加厚'], ['Waffle', '华夫格'], ['Quick-Dry', '速干']],
    materials: [['Egyptian cotton', '埃及棉'], ['Turkish cotton', '土耳其棉']], family: 'textiles', colors: ['white', 'gray', 'navy', 'beige', 'lightblue', 'pink'], sizes: ['70 × 140 cm'], price: [12, 40], reviews: 'home', models: 2 },
  { code: 'HBW', category: 'Home & Kitchen/Kitchen/Bowls', audience: null, shape: 'bowl', noun: ['Bowl Set', '碗具套装'],
    styles: [['Stoneware', '粗陶'], ['Bamboo', '竹制'], ['Glazed', '釉面']],
    materials: [['ceramic', '陶瓷'], ['porcelain', '骨瓷']], family: 'drinkware', colors: ['white', 'blue', 'gray', 'beige', 'green'], sizes: null, price: [15, 50], reviews: 'home', models: 2 },
  // Electronics
  { code: 'EHP', category: 'Electronics/Audio/Headphones', audience: null, shape: 'headphones', noun: ['Headphones', '头戴式耳机'],
    styles: [['Noise-Cancelling', '降噪'], ['Wireless', '无线'], ['Studio', '监听']],
    materials: [['plastic and memory foam', '塑料与记忆海绵'], ['aluminium', '铝合金']], family: 'audio', colors: ['black', 'white', 'silver', 'navy', 'beige', 'pink'], sizes: null, price: [50, 350], reviews: 'electronics', models: 4 },
  { code: 'EEB', category: 'Electronics/Audio/Earbuds', audience: null, shape: 'earbuds', noun: ['Wireless Earbuds', '无线耳机'],
    styles: [['True Wireless', '真无线'], ['Sport', '运动'], ['Noise-Cancelling', '降噪']],
    materials: [['plastic', '塑料']], family: 'audio', colors: ['black', 'white', 'blue', 'green', 'pink'], sizes: null, price: [30, 200], reviews: 'electronics', models: 3 },
  { code: 'ESP', category: 'Electronics/Audio/Speakers', audience: null, shape: 'speaker', noun: ['Bluetooth Speaker', '蓝牙音箱'],
    styles: [['Portable', '便携'], ['Waterproof', '防水'], ['Smart', '智能']],
    materials: [['fabric and plastic', '织物与塑料']], family: 'audio', colors: ['black', 'gray', 'blue', 'red', 'teal', 'beige'], sizes: null, price: [30, 200], reviews: 'electronics', models: 3 },
  { code: 'ESW', category: 'Electronics/Wearables/Smartwatches', audience: null, shape: 'watch', noun: ['Smartwatch', '智能手表'],
    styles: [['Fitness', '运动健康'], ['GPS', 'GPS'], ['Kids', '儿童']],
    materials: [['aluminium and silicone', '铝合金与硅胶']], family: 'gadget', colors: ['black', 'silver', 'pink', 'navy', 'green'], sizes: ['41 mm', '45 mm'], price: [60, 400], reviews: 'electronics', models: 3 },
  { code: 'EPH', category: 'Electronics/Phones/Smartphones', audience: null, shape: 'phone', noun: ['Smartphone', '智能手机'],
    styles: [['5G', '5G'], ['Compact', '小屏'], ['Camera-Focused', '影像旗舰']],
    materials: [['glass and aluminium', '玻璃与铝合金']], family: 'gadget', colors: ['black', 'white', 'blue', 'purple', 'green', 'silver'], sizes: ['128 GB', '256 GB'], price: [250, 1100], reviews: 'electronics', models: 3 },
  { code: 'ELP', category: 'Electronics/Computers/Laptops', audience: null, shape: 'laptop', noun: ['Laptop', '笔记本电脑'],
    styles: [['Ultrabook 14-inch', '14英寸轻薄'], ['Gaming 16-inch', '16英寸游戏'], ['2-in-1', '二合一']],
    materials: [['aluminium', '铝合金']], family: 'gadget', colors: ['silver', 'gray', 'black'], sizes: ['16 GB RAM', '32 GB RAM'], price: [600, 2000], reviews: 'electronics', models: 3 },
  { code: 'ECM', category: 'Electronics/Cameras', audience: null, shape: 'camera', noun: ['Camera', '相机'],
    styles: [['Mirrorless', '微单'], ['Instant', '拍立得'], ['Compact', '卡片']],
    materials: [['magnesium alloy', '镁合金'], ['plastic', '塑料']], family: 'gadget', colors: ['black', 'silver', 'white', 'pink', 'lightblue'], sizes: null, price: [70, 1500], reviews: 'electronics', models: 3 },
  { code: 'EKB', category: 'Electronics/Computers/Keyboards', audience: null, shape: 'keyboard', noun: ['Keyboard', '键盘'],
    styles: [['Mechanical', '机械'], ['Wireless', '无线'], ['Compact 60%', '60%配列']],
    materials: [['aluminium', '铝合金'], ['plastic', '塑料']], family: 'gadget', colors: ['black', 'white', 'gray', 'pink'], sizes: null, price: [40, 180], reviews: 'electronics', models: 2 },
  // Beauty
  { code: 'YLS', category: 'Beauty/Makeup/Lipstick', audience: null, shape: 'lipstick', noun: ['Lipstick', '口红'],
    styles: [['Matte', '哑光'], ['Satin', '丝缎'], ['Velvet', '丝绒']],
    materials: [['vitamin E formula', '维生素E配方']], family: 'makeup', colors: ['red', 'pink', 'burgundy', 'orange', 'brown', 'purple'], sizes: null, price: [12, 38], reviews: 'beauty', models: 3 },
  { code: 'YPF', category: 'Beauty/Fragrance/Perfume', audience: null, shape: 'perfume', noun: ['Eau de Parfum', '香水'],
    styles: [['Floral', '花香调'], ['Woody', '木质调'], ['Citrus', '柑橘调']],
    materials: [['glass bottle', '玻璃瓶']], family: 'fragrance', colors: ['pink', 'gold', 'lightblue', 'purple', 'white', 'black'], sizes: ['30 ml', '50 ml', '100 ml'], price: [40, 150], reviews: 'beauty', models: 3 },
  { code: 'YCR', category: 'Beauty/Skincare/Moisturisers', audience: null, shape: 'jar', noun: ['Face Cream', '面霜'],
    styles: [['Hydrating', '保湿'], ['Night Repair', '夜间修护'], ['Gentle', '温和']],
    materials: [['hyaluronic acid formula', '玻尿酸配方']], family: 'skincare', colors: ['white', 'pink', 'lightblue', 'green'], sizes: ['50 ml'], price: [18, 75], reviews: 'beauty', models: 3 },
  { code: 'YSR', category: 'Beauty/Skincare/Serums', audience: null, shape: 'dropper', noun: ['Serum', '精华液'],
    styles: [['Vitamin C', '维C'], ['Retinol', '视黄醇'], ['Niacinamide', '烟酰胺']],
    materials: [['water-based formula', '水基配方']], family: 'skincare', colors: ['orange', 'brown', 'white', 'purple'], sizes: ['30 ml'], price: [20, 80], reviews: 'beauty', models: 3 },
  { code: 'YSH', category: 'Beauty/Hair/Shampoo', audience: null, shape: 'pump', noun: ['Shampoo', '洗发水'],
    styles: [['Anti-Dandruff', '去屑'], ['Volumising', '蓬松'], ['Repairing', '修护']],
    materials: [['sulfate-free formula', '无硫酸盐配方']], family: 'skincare', colors: ['white', 'green', 'lightblue', 'purple', 'yellow'], sizes: ['250 ml', '500 ml'], price: [8, 30], reviews: 'beauty', models: 2 },
];

/** Invented brand names per department (first path segment of the category). */
export const BRANDS: Record<string, readonly string[]> = {
  Women: ['Aveline', 'Maris & Moss', 'Lumen Row', 'Kestrel Lane'],
  Men: ['Northfold', 'Harrow & Pine', 'Cobalt Field', 'Tidewright'],
  Kids: ['Little Comet', 'Pip & Puddle', 'Sproutwell'],
  Shoes: ['Stridely', 'Cobble & Co', 'Fleetfoot', 'Pavana'],
  'Bags & Accessories': ['Satchelry', 'Wren Atelier', 'Oakmere', 'Halcyon Goods'],
  'Sports & Outdoors': ['Summitra', 'Ridgeline Supply', 'Fjellvik', 'Pacewell'],
  'Home & Kitchen': ['Hearthly', 'Kiln & Crumb', 'Nestorra', 'Duskwood Home'],
  Electronics: ['Voltaire Audio', 'Quanta', 'Brightwave', 'Orbitek'],
  Beauty: ['Lumière Botanics', 'Petalis', 'Dewdrop Lab'],
};

export const AUDIENCE_WORDS: Record<Exclude<Audience, null>, Bilingual> = {
  women: ["Women's", '女士'],
  men: ["Men's", '男士'],
  kids: ["Kids'", '儿童'],
};
