/**
 * Bilingual (zh <-> en) shopping lexicon: product types, colours and shades, genders, materials,
 * attributes and their synonyms. One entry is one concept; `en[0]` is its canonical English form.
 * Used by the lexical side (query translation and synonym expansion) and by the instant text
 * encoder builder (a Chinese word's vector is built from its English words' vectors).
 *
 * This is general shopping knowledge across departments (clothing, shoes, bags, sports and
 * fitness, outdoors, home, kitchen, electronics, beauty, toys, jewellery), written once as a table
 * so that it is easy to review and extend. A word may belong to several concepts (外套 is a jacket
 * and a coat); both are then expanded. Colour shades carry their base colour (navy -> blue).
 */
export type LexiconKind = 'type' | 'color' | 'gender' | 'material' | 'attribute' | 'activity' | 'other';

export interface LexiconEntry {
  kind: LexiconKind;
  /** English words/phrases, canonical first (lower case). */
  en: string[];
  /** Chinese words (Simplified), canonical first. */
  zh: string[];
  /** For colours: the base colour a shade belongs to (navy -> blue); base colours name themselves. */
  base?: string;
  /**
   * For product types usually sold in one department (yoga pants, dresses, bras: women), the
   * department a shopper means when they do not say; a weak hint, never a filter.
   */
  gender?: 'men' | 'women' | 'kids';
}

const KINDS: Record<string, LexiconKind> = {
  T: 'type', C: 'color', G: 'gender', M: 'material', A: 'attribute', X: 'activity', O: 'other',
};

/**
 * One concept a line: `KIND | english, synonyms | 中文, 同义词 | extra`, where extra is the base
 * colour of a colour, or the usual department of a product type.
 * KIND: T type, C colour, G gender, M material, A attribute, X activity, O other.
 */
const TABLE = `
G|men,man,mens,male,gents,gentlemen,guys|男,男士,男款,男式,男装,男性,男生,男人
G|women,woman,womens,ladies,lady,female,girls,girl|女,女士,女款,女式,女装,女性,女生,女人,女孩
G|kids,kid,children,child,boys,boy,youth,junior,toddler,baby,infant|儿童,童装,孩子,小孩,男童,女童,宝宝,婴儿,童,幼儿
G|unisex|男女通用,中性,情侣

C|black,jet black,onyx,ebony|黑色,黑,纯黑,炭黑|black
C|white,snow white,pure white|白色,白,纯白,雪白|white
C|ivory,cream,off white,eggshell|米白,米白色,象牙白,奶白,乳白|white
C|gray,grey,heather gray,heather grey|灰色,灰,麻灰,花灰|gray
C|charcoal,dark gray,dark grey,graphite,slate,gunmetal|深灰,深灰色,炭灰,炭灰色,石板灰,铁灰|gray
C|light gray,light grey,silver gray,ash,ash gray,stone|浅灰,浅灰色,银灰,烟灰|gray
C|red,bright red|红色,红,大红|red
C|burgundy,maroon,wine,wine red,oxblood,claret|酒红,酒红色,枣红,枣红色,暗红,深红|red
C|crimson,scarlet,cherry,cherry red,ruby,brick red,rust|绯红,猩红,樱桃红,砖红,铁锈红|red
C|blue|蓝色,蓝|blue
C|navy,navy blue,dark blue,midnight blue|藏青,藏青色,藏蓝,藏蓝色,海军蓝,深蓝,深蓝色|blue
C|light blue,sky blue,baby blue,powder blue,pale blue|浅蓝,浅蓝色,天蓝,天蓝色,淡蓝|blue
C|royal blue,cobalt,cobalt blue,sapphire,electric blue|宝蓝,宝蓝色,钴蓝|blue
C|turquoise,aqua,cyan,teal blue|湖蓝,湖蓝色,青色,水蓝|blue
C|denim blue,indigo,steel blue|靛蓝,靛青,牛仔蓝|blue
C|green|绿色,绿|green
C|olive,olive green,army green,khaki green,military green|军绿,军绿色,橄榄绿,橄榄色|green
C|dark green,forest green,hunter green,bottle green|墨绿,墨绿色,深绿,深绿色|green
C|mint,mint green,sage,sage green,pastel green|薄荷绿,浅绿,浅绿色,淡绿|green
C|lime,lime green,neon green,emerald,jade,kelly green|荧光绿,草绿,翠绿,祖母绿|green
C|teal,teal green|蓝绿,蓝绿色,孔雀绿|green
C|yellow,bright yellow|黄色,黄|yellow
C|mustard,mustard yellow,lemon,lemon yellow,canary,gold yellow|芥末黄,姜黄,柠檬黄,明黄,鹅黄|yellow
C|orange,tangerine|橙色,橙,橘色,桔色,橘黄,橙黄|orange
C|coral,peach,apricot,salmon,burnt orange|珊瑚色,珊瑚橙,桃色,蜜桃色,杏橙|orange
C|purple|紫色,紫|purple
C|lavender,lilac,light purple,pale purple,mauve|薰衣草紫,淡紫,淡紫色,浅紫,浅紫色,丁香紫|purple
C|violet,plum,eggplant,dark purple,grape,amethyst|紫罗兰,深紫,深紫色,葡萄紫|purple
C|magenta,fuchsia,hot pink|玫红,玫红色,洋红,桃红|pink
C|pink|粉色,粉红,粉红色,粉|pink
C|rose,blush,light pink,pastel pink,dusty pink|玫瑰粉,浅粉,浅粉色,藕粉,裸粉|pink
C|brown|棕色,棕,褐色,啡色|brown
C|chocolate,coffee,mocha,espresso,chestnut,cognac,dark brown|咖啡色,巧克力色,深棕,深棕色,栗色|brown
C|camel,tan,caramel,taupe|驼色,焦糖色,浅棕,浅棕色|brown
C|beige,nude,sand,oatmeal,ecru|米色,米黄,米黄色,杏色,沙色,燕麦色,裸色|beige
C|khaki|卡其,卡其色|beige
C|gold,golden|金色,金,香槟金|gold
C|silver,metallic silver,chrome|银色,银|silver
C|multicolor,multicolour,multi,colorful,rainbow,print,printed|彩色,多色,花色,拼色,印花|multicolor
C|clear,transparent|透明|clear

T|clothing,clothes,apparel,garment,wear|服装,衣服,衣物,服饰
T|top,tops,shirt top|上衣,上装
T|bottoms|下装
T|t-shirt,tee,tshirt,t shirt,tees,crew neck tee,short sleeve shirt|t恤,体恤,短袖,短袖衫,圆领衫,短t
T|long sleeve tee,long sleeve shirt,long sleeve top|长袖t恤,长袖衫,长袖
T|shirt,button down,button-up,dress shirt,oxford shirt|衬衫,衬衣,正装衬衫
T|blouse|女衬衫,雪纺衫,雪纺|women
T|polo,polo shirt|polo衫,保罗衫
T|tank top,tank,tanks,singlet,sleeveless top,muscle tee|背心,无袖背心,运动背心,坎肩
T|camisole,cami,spaghetti strap top|吊带,吊带衫,吊带背心|women
T|crop top,cropped top|露脐装,短款上衣|women
T|hoodie,hoody,hooded sweatshirt,sweatshirt,pullover,sweat top|卫衣,连帽衫,帽衫,连帽卫衣,套头衫
T|sweater,jumper,knit,knitwear,pullover sweater,turtleneck|毛衣,针织衫,线衣,高领毛衣,羊毛衫
T|cardigan|开衫,针织开衫
T|jacket,outerwear,shell,windbreaker,track jacket|夹克,外套,夹克衫,风衣
T|coat,overcoat,trench coat,topcoat,peacoat|大衣,外套,风衣,长外套
T|down jacket,puffer,puffer jacket,down coat,parka,quilted jacket|羽绒服,羽绒外套,棉服,棉衣,派克大衣
T|rain jacket,raincoat,hardshell,waterproof jacket,shell jacket|冲锋衣,雨衣,防水外套
T|fleece jacket,fleece pullover,fleece-lined jacket|抓绒衣,抓绒外套,摇粒绒外套
T|softshell,softshell jacket|软壳,软壳衣
T|vest,gilet,bodywarmer,down vest|马甲,背心外套,羽绒马甲
T|blazer,suit jacket,sport coat|西装外套,西服外套,小西装
T|suit|西装,西服,套装
T|pants,trousers,slacks,pant,trouser|裤子,长裤,裤,西裤,休闲裤
T|jeans,denim pants|牛仔裤
T|leggings,tights,legging|打底裤,紧身裤,瑜伽紧身裤,连裤袜|women
T|yoga pants,yoga leggings,yoga trousers|瑜伽裤|women
T|joggers,sweatpants,track pants,jogger,training pants,jogging pants|运动裤,卫裤,束脚裤,慢跑裤,训练裤
T|capris,capri pants,cropped pants,three quarter pants|七分裤,九分裤,中裤
T|cargo pants,cargos|工装裤
T|chinos,khakis|卡其裤,斜纹裤
T|shorts,short pants|短裤,热裤,五分裤
T|gym shorts,running shorts,athletic shorts,training shorts|运动短裤,跑步短裤,健身短裤
T|skirt,mini skirt,midi skirt|裙子,半身裙,短裙,长裙|women
T|dress,gown,sundress|连衣裙,裙,礼服,长裙|women
T|jumpsuit,romper,overalls|连体裤,连身裤,背带裤
T|bra,bras,bralette|文胸,胸罩,内衣|women
T|sports bra,sport bra,workout bra,running bra,bra top|运动内衣,运动文胸,运动胸衣|women
T|underwear,lingerie,undergarment|内衣,内衣裤
T|briefs,boxers,panties,underpants,boxer briefs,knickers|内裤,平角裤,三角裤
T|socks,sock,ankle socks,crew socks|袜子,袜,短袜,长袜,运动袜
T|pajamas,pyjamas,sleepwear,nightgown,loungewear|睡衣,家居服,睡裙
T|swimsuit,swimwear,bathing suit,bikini,one piece|泳衣,泳装,比基尼,连体泳衣|women
T|swim trunks,board shorts,swim shorts|泳裤,沙滩裤
T|base layer,thermal underwear,long johns|保暖内衣,秋衣,秋裤,打底衫
T|compression shirt,compression top|紧身衣,压缩衣
T|uniform,jersey|球衣,队服,制服
T|hat,cap,beanie,baseball cap,bucket hat,sun hat|帽子,帽,棒球帽,鸭舌帽,毛线帽,渔夫帽,遮阳帽
T|scarf,shawl,neck gaiter|围巾,披肩,围脖
T|gloves,glove,mittens|手套
T|belt|腰带,皮带
T|tie,necktie,bow tie|领带,领结
T|sunglasses,shades|太阳镜,墨镜
T|glasses,eyeglasses,spectacles,frames|眼镜,眼镜框
T|headband,sweatband,hair band|头带,发带,止汗带
T|wristband,wrist wrap|护腕,腕带
T|shoes,shoe,footwear|鞋,鞋子,鞋类
T|sneakers,trainers,athletic shoes,sneaker,trainer,sport shoes,tennis shoes,kicks|运动鞋,球鞋,板鞋,休闲鞋,小白鞋
T|running shoes,runners,running shoe,jogging shoes|跑鞋,跑步鞋,慢跑鞋
T|boots,boot,ankle boots,chelsea boots|靴子,靴,短靴,长靴,马丁靴,雪地靴
T|hiking boots,hiking shoes,trail shoes,trekking shoes|登山鞋,徒步鞋,越野跑鞋
T|sandals,sandal,slides|凉鞋,凉拖
T|slippers,slipper,house shoes|拖鞋,棉拖
T|flip flops,flip-flops,thongs|人字拖
T|heels,high heels,pumps,stilettos|高跟鞋|women
T|flats,loafers,ballet flats,moccasins|平底鞋,乐福鞋,单鞋
T|dress shoes,oxfords,brogues,leather shoes|皮鞋,正装鞋
T|basketball shoes|篮球鞋
T|soccer cleats,football boots,cleats|足球鞋,钉鞋
T|bag,bags|包,包包,袋,袋子,箱包
T|backpack,rucksack,daypack,knapsack,school bag,bookbag|双肩包,背包,书包,双肩背包,旅行背包
T|duffle bag,duffle,duffel,duffel bag,gym bag,travel bag,weekender,holdall,overnight bag,sports bag|旅行包,行李包,行李袋,旅行袋,健身包,运动包,手提旅行包
T|luggage,suitcase,carry-on,trolley case|行李箱,拉杆箱,旅行箱,登机箱
T|tote,tote bag,shopping bag,carryall|托特包,手提袋,购物袋,帆布包
T|handbag,purse,pocketbook|手提包,女包,手袋|women
T|messenger bag,shoulder bag,crossbody,crossbody bag,satchel,sling bag,courier bag|斜挎包,邮差包,单肩包,挎包,斜跨包
T|wallet,billfold,card holder|钱包,皮夹,卡包
T|waist bag,fanny pack,belt bag,bum bag,hip pack|腰包,胸包
T|clutch,evening bag|手拿包|women
T|laptop bag,laptop sleeve,briefcase,computer bag|电脑包,公文包
T|yoga mat,exercise mat,fitness mat,workout mat|瑜伽垫,健身垫,运动垫
T|yoga block,yoga brick,foam block|瑜伽砖
T|yoga strap,stretch strap,stretching strap|瑜伽带,伸展带,拉伸带
T|exercise ball,stability ball,yoga ball,fitness ball,swiss ball,balance ball,gym ball,core ball|健身球,瑜伽球,平衡球,抗力球
T|medicine ball,slam ball,weighted ball,cardio ball|药球,重力球,实心球
T|dumbbells,dumbbell,hand weights,free weights|哑铃
T|kettlebell,kettlebells|壶铃
T|barbell,weight plates,weights|杠铃,杠铃片
T|resistance band,exercise band,resistance bands,stretch band,tone band,strength band,loop band,workout band|弹力带,阻力带,拉力带,弹力绳,拉力绳,弹力圈
T|jump rope,skipping rope,speed rope|跳绳
T|foam roller,massage roller,muscle roller|泡沫轴,泡沫滚轴,瑜伽柱,按摩滚轴
T|push-up bars,pushup grips,push up grips,pushup bars,push-up handles,push up stands|俯卧撑架,俯卧撑支架
T|pull-up bar,pull up bar,chin-up bar|引体向上杆,单杠
T|treadmill|跑步机
T|exercise bike,spin bike,stationary bike|动感单车,健身车
T|ab wheel,ab roller|健腹轮
T|water bottle,bottle,drink bottle,sports bottle,hydration bottle,flask|水壶,运动水壶,水瓶,水杯,随手杯,运动水杯
T|shaker bottle,protein shaker|摇摇杯
T|thermos,vacuum flask,insulated bottle,travel mug|保温杯,保温壶,保温瓶
T|knee pads,knee brace,knee sleeve|护膝
T|helmet|头盔
T|bicycle,bike,road bike,mountain bike|自行车,单车,山地车,公路车
T|tennis racket,racquet|网球拍,球拍
T|badminton racket|羽毛球拍
T|basketball|篮球
T|soccer ball,football|足球
T|volleyball|排球
T|golf clubs,golf club|高尔夫球杆
T|ball,balls|球
T|swim goggles,goggles|泳镜,护目镜
T|skateboard|滑板
T|skis,snowboard|滑雪板,单板,双板
T|tent|帐篷
T|sleeping bag|睡袋
T|camping chair,folding chair|露营椅,折叠椅
T|trekking poles,hiking poles,walking poles|登山杖,徒步杖
T|headlamp,head torch|头灯
T|flashlight,torch|手电筒,手电
T|cooler,ice chest|保温箱,冰桶
T|hammock|吊床
T|fishing rod|鱼竿,钓竿
T|binoculars|望远镜
T|watch,watches,wristwatch,timepiece|手表,腕表,男表,女表,运动手表
T|smartwatch,fitness tracker,activity tracker,smart band|智能手表,手环,运动手环,智能手环
T|phone,smartphone,mobile phone,cell phone|手机,智能手机
T|phone case,phone cover|手机壳,手机套
T|laptop,notebook computer,computer|笔记本电脑,电脑,笔记本
T|tablet,ipad|平板,平板电脑
T|headphones,earphones,earbuds,headset,wireless earbuds|耳机,蓝牙耳机,耳麦,头戴式耳机,无线耳机
T|speaker,bluetooth speaker|音箱,音响,蓝牙音箱,喇叭
T|charger,charging cable,usb cable,cable|充电器,数据线,充电线
T|power bank,portable charger|充电宝,移动电源
T|camera,digital camera|相机,照相机,数码相机
T|keyboard|键盘
T|mouse|鼠标
T|monitor,display,screen|显示器,屏幕
T|television,tv|电视,电视机
T|game console,gaming console|游戏机
T|sofa,couch,loveseat|沙发
T|chair,armchair,stool|椅子,凳子,扶手椅
T|table,dining table,coffee table|桌子,餐桌,茶几
T|desk,office desk,standing desk|书桌,办公桌,电脑桌
T|bed,bed frame|床,床架
T|mattress|床垫
T|pillow|枕头
T|cushion,throw pillow|靠垫,抱枕,坐垫
T|blanket,throw|毯子,毛毯,盖毯
T|duvet,comforter,quilt|被子,羽绒被,棉被
T|bed sheets,sheets,bedding,duvet cover,pillowcase|床单,床上用品,被套,枕套,四件套
T|towel,bath towel|毛巾,浴巾
T|curtains,curtain,drapes|窗帘
T|rug,carpet,mat,doormat|地毯,地垫,门垫
T|lamp,light,floor lamp,desk lamp|台灯,灯,落地灯,灯具
T|mirror|镜子
T|shelf,bookcase,shelves,rack|书架,架子,置物架
T|storage box,storage basket,organizer,bin|收纳盒,收纳箱,收纳筐,储物盒
T|vase|花瓶
T|clock,wall clock,alarm clock|钟,挂钟,闹钟
T|candle,scented candle|蜡烛,香薰蜡烛,香薰
T|hanger,hangers|衣架
T|wardrobe,closet,cabinet|衣柜,柜子
T|pot,stockpot,saucepan|锅,汤锅,奶锅
T|frying pan,pan,skillet,wok|平底锅,煎锅,炒锅
T|knife,kitchen knife,chef knife|刀,菜刀,厨师刀
T|cutting board,chopping board|砧板,菜板
T|kettle,electric kettle,tea kettle|烧水壶,电水壶,热水壶
T|mug,cup,coffee mug|杯子,马克杯,杯,咖啡杯
T|plate,dish,dinner plate|盘子,碟子,餐盘
T|bowl|碗
T|chopsticks|筷子
T|spoon|勺子,汤匙
T|fork|叉子
T|cutlery,flatware,utensils,silverware|餐具
T|coffee maker,coffee machine,espresso machine|咖啡机
T|blender,juicer|搅拌机,料理机,榨汁机
T|toaster|烤面包机,多士炉
T|microwave|微波炉
T|rice cooker|电饭煲,电饭锅
T|air fryer|空气炸锅
T|lunch box,bento box,food container|饭盒,便当盒,保鲜盒
T|teapot|茶壶
T|wine glass,glassware|酒杯,红酒杯
T|lipstick,lip balm,lip gloss|口红,唇膏,唇彩
T|foundation,concealer|粉底,粉底液,遮瑕
T|mascara|睫毛膏
T|eyeshadow,eye shadow|眼影
T|perfume,fragrance,cologne|香水
T|moisturizer,face cream,cream|面霜,保湿霜,乳霜
T|lotion,body lotion|乳液,身体乳
T|cleanser,face wash|洗面奶,洁面乳
T|sunscreen,sunblock,spf|防晒霜,防晒
T|shampoo|洗发水
T|conditioner|护发素
T|serum,essence|精华,精华液
T|face mask,sheet mask|面膜
T|toner|爽肤水,化妆水
T|nail polish|指甲油
T|makeup brush,brush|化妆刷,刷子
T|makeup,cosmetics|化妆品,彩妆
T|hair dryer,blow dryer|吹风机,电吹风
T|razor,shaver|剃须刀
T|toothbrush,electric toothbrush|牙刷,电动牙刷
T|toy,toys|玩具
T|doll,dolls|娃娃,玩偶,洋娃娃
T|stuffed animal,plush,teddy bear,plush toy|毛绒玩具,公仔,泰迪熊
T|building blocks,blocks,lego|积木
T|puzzle,jigsaw|拼图
T|board game,chess|桌游,棋
T|toy car,rc car,remote control car|玩具车,遥控车
T|kite|风筝
T|stroller,pram|婴儿车,推车
T|necklace,pendant|项链,吊坠
T|ring|戒指
T|earrings|耳环,耳钉
T|bracelet,bangle|手链,手镯
T|jewelry,jewellery|首饰,饰品

M|cotton,organic cotton|棉,纯棉,棉质,全棉,有机棉
M|polyester|涤纶,聚酯纤维,聚酯
M|nylon|尼龙,锦纶
M|spandex,elastane,lycra|氨纶,莱卡
M|wool,merino,merino wool|羊毛,美利奴,毛料
M|cashmere|羊绒
M|fleece,polar fleece|抓绒,摇粒绒,加绒
M|down,goose down,duck down|羽绒,鹅绒,鸭绒
M|leather,genuine leather|皮革,真皮,牛皮
M|faux leather,vegan leather,pu leather|人造革,pu皮
M|suede|麂皮,翻毛皮
M|denim|牛仔,丹宁
M|linen|亚麻,棉麻
M|silk|真丝,丝绸,桑蚕丝
M|canvas|帆布
M|mesh|网眼,网布,网纱
M|bamboo|竹子,竹纤维
M|rubber|橡胶
M|plastic|塑料
M|stainless steel,steel|不锈钢,钢制
M|wood,wooden|木质,实木,木制
M|glass|玻璃
M|ceramic,porcelain|陶瓷,瓷
M|metal,aluminum,aluminium|金属,铝,铝合金
M|foam|泡沫,海绵
M|jersey knit,french terry,terry|毛圈,针织
M|microfiber|超细纤维
M|gore-tex|gore-tex

A|waterproof,water resistant,water-resistant,water repellent,rainproof|防水,防雨,泼水
A|windproof,wind resistant|防风
A|breathable,ventilated|透气
A|lightweight,light,ultralight,packable|轻便,轻量,超轻,轻薄
A|warm,insulated,thermal,cold weather|保暖,加厚,防寒,暖和
A|quick dry,quick-dry,moisture wicking,moisture-wicking,sweat wicking,wicking,dri-fit|速干,快干,吸湿排汗,排汗
A|stretch,stretchy,elastic,flexible|弹力,有弹性,弹性,高弹
A|slim fit,slim,fitted,skinny|修身,紧身,显瘦
A|loose,relaxed,oversized,baggy,loose fit,relaxed fit|宽松,宽松版,落肩
A|regular fit,classic fit|常规版,标准版
A|long sleeve,long-sleeve,long sleeved|长袖
A|short sleeve,short-sleeve,short sleeved|短袖
A|sleeveless|无袖
A|hooded,with hood|连帽,带帽
A|zip,zipper,full zip,full-zip,zip-up|拉链,全拉链,拉链款
A|half zip,quarter zip,1/4 zip|半拉链
A|crew neck,crewneck,round neck|圆领
A|v-neck,v neck|v领
A|high waist,high-waisted,high rise|高腰
A|compression|压缩,紧身
A|seamless|无缝
A|reflective|反光
A|soft,cozy,comfortable,comfy|柔软,舒适,舒服,亲肤
A|durable,rugged,tough|耐磨,耐用,结实
A|adjustable|可调节,可调
A|pockets,pocket|口袋,带口袋
A|cropped|短款,露脐
A|long,longline|长款,加长
A|plus size,big and tall|大码,加大码,胖
A|small,mini,compact|小号,迷你
A|large,big,oversize|大号,大容量
A|cheap,affordable,budget,inexpensive,value|便宜,实惠,平价,性价比
A|sale,discount,clearance,deal|打折,特价,促销,折扣
A|new,latest,new arrival|新款,新品,最新
A|luxury,premium,high-end|高端,奢华,轻奢
A|casual,everyday|休闲,日常
A|formal,dressy,business|正式,正装,商务
A|athletic,sporty,sport,sports,activewear,performance|运动,运动款,运动风
A|vintage,retro|复古,古着
A|classic|经典
A|summer|夏季,夏天,夏装,夏款
A|winter|冬季,冬天,冬装,冬款
A|spring|春季,春天,春装
A|autumn,fall|秋季,秋天,秋装
A|analog,analogue|指针,指针式
A|digital|数字,电子,数显
A|wireless,bluetooth|无线,蓝牙
A|portable|便携,便携式
A|foldable,folding,collapsible|折叠,可折叠
A|organic,eco-friendly,sustainable|有机,环保
A|graphic,logo|图案,logo
A|striped,stripes|条纹
A|plaid,checked,tartan|格子,格纹
A|solid,plain|纯色,素色

X|yoga|瑜伽
X|pilates|普拉提
X|running,run,jogging,jog,runner|跑步,慢跑
X|hiking,hike,trekking,trek,trail|徒步,登山,远足,爬山
X|gym,workout,training,fitness,exercise,crossfit,cross-training|健身,锻炼,训练,健身房
X|cycling,biking,bike ride|骑行,骑车
X|swimming,swim|游泳
X|climbing,bouldering|攀岩,攀登
X|camping,outdoor,outdoors|露营,户外
X|travel,traveling,trip,vacation|旅行,旅游,出行,出差
X|skiing,snowboarding,ski|滑雪
X|tennis|网球
X|golf|高尔夫
X|dance,dancing,ballet|舞蹈,跳舞,芭蕾
X|boxing,martial arts,mma|拳击,格斗
X|cardio,aerobics|有氧,有氧运动
X|stretching,stretch,mobility|拉伸,伸展
X|strength training,weightlifting,lifting,bodybuilding|力量训练,举重,撸铁
X|commute,commuting,office,work|通勤,上班,办公
X|school,student,campus|上学,学生,校园
X|beach,surf,surfing|海滩,沙滩,冲浪
X|sleep,sleeping|睡觉,睡眠
X|sports,sport,athletics|体育,运动

O|gift,present|礼物,礼品
O|set,kit,bundle|套装,组合,一套
`;

function parseTable(table: string): LexiconEntry[] {
  const entries: LexiconEntry[] = [];
  for (const raw of table.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const [kind, en, zh, base] = line.split('|');
    const entry: LexiconEntry = {
      kind: KINDS[kind]!,
      en: en!.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
      zh: (zh ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    };
    const extra = base?.trim();
    if (extra && entry.kind === 'color') entry.base = extra;
    else if (extra === 'men' || extra === 'women' || extra === 'kids') entry.gender = extra;
    entries.push(entry);
  }
  return entries;
}

export const SHOPPING_LEXICON: readonly LexiconEntry[] = parseTable(TABLE);
