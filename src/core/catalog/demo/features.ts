/**
 * Hand-written bilingual feature sentences, grouped by product family. A demo product's
 * description is composed from a few of these, so the Chinese text is written Chinese,
 * not a word-by-word rendering of the English.
 */
export type Bilingual = readonly [en: string, zh: string];

export type Family =
  | 'tops' | 'knit' | 'outerwear' | 'dress' | 'bottoms' | 'kidswear' | 'sneaker' | 'boot' | 'dressShoe'
  | 'sandal' | 'bag' | 'smallLeather' | 'headwear' | 'eyewear' | 'watch' | 'fitness' | 'outdoor'
  | 'drinkware' | 'lighting' | 'cookware' | 'textiles' | 'audio' | 'gadget' | 'makeup' | 'skincare' | 'fragrance';

export const FEATURES: Record<Family, readonly Bilingual[]> = {
  tops: [
    ['Soft, breathable fabric keeps you cool all day.', '面料柔软透气，全天穿着清爽舒适。'],
    ['Ribbed collar holds its shape wash after wash.', '罗纹领口多次洗涤也不易变形。'],
    ['Relaxed fit that layers easily under a jacket.', '版型舒适，可单穿也适合叠穿在外套里面。'],
    ['Pre-shrunk, so the size stays true after washing.', '经过预缩处理，洗后尺码不走样。'],
    ['Machine washable in cold water.', '可冷水机洗，打理方便。'],
  ],
  knit: [
    ['Warm knit that is soft against the skin.', '针织手感细腻，贴身穿也不扎。'],
    ['Ribbed cuffs and hem keep the warmth in.', '袖口和下摆采用罗纹收口，保暖锁温。'],
    ['Drawstring hood and a roomy front pocket.', '抽绳连帽设计，前面有宽大的口袋。'],
    ['Brushed inside for extra warmth on cold days.', '内里加绒，天冷时更保暖。'],
    ['Easy to pair with jeans or joggers.', '搭配牛仔裤或运动裤都很好看。'],
  ],
  outerwear: [
    ['Water-repellent shell sheds light rain.', '外层防泼水，小雨天也不怕。'],
    ['Windproof with a full-length zip and stand collar.', '立领配全长拉链，防风效果好。'],
    ['Two zipped hand pockets keep small things safe.', '两侧拉链口袋，随身小物不易丢。'],
    ['Lightweight padding gives warmth without bulk.', '轻薄填充，保暖又不显臃肿。'],
    ['Packs down small for travel.', '可收纳成小包，出行携带方便。'],
  ],
  dress: [
    ['Flattering waist and a skirt that moves as you walk.', '收腰设计显身材，裙摆走动时很灵动。'],
    ['Lined so it is never see-through.', '带内衬，不会透。'],
    ['Hidden side zip for easy dressing.', '侧边隐形拉链，穿脱方便。'],
    ['Dress it up for dinner or down with sneakers.', '约会晚餐或搭配运动鞋日常穿都合适。'],
  ],
  bottoms: [
    ['Comfortable stretch for all-day wear.', '面料有弹力，久坐久站都舒服。'],
    ['Classic five-pocket design.', '经典五袋款设计。'],
    ['Elastic waistband with an adjustable drawcord.', '松紧腰头配可调节抽绳。'],
    ['Tapered leg that looks neat with any shoes.', '小锥形裤腿，配什么鞋都利落。'],
    ['Deep pockets hold a phone securely.', '口袋够深，放手机不易滑出。'],
  ],
  kidswear: [
    ['Soft, skin-friendly fabric for sensitive skin.', '面料柔软亲肤，适合敏感肌肤的孩子。'],
    ['Tough stitching that survives the playground.', '缝线结实耐磨，经得起孩子玩闹。'],
    ['Easy on and off, even for little hands.', '穿脱简单，小朋友自己也能穿。'],
    ['Colours stay bright after many washes.', '多次洗涤后颜色依然鲜亮。'],
  ],
  sneaker: [
    ['Cushioned midsole absorbs every step.', '中底缓震，每一步都轻松。'],
    ['Breathable mesh upper keeps feet cool.', '网面鞋身透气，脚不闷热。'],
    ['Grippy rubber outsole for wet and dry roads.', '橡胶大底防滑，干湿路面都稳。'],
    ['Lightweight enough for all-day walking.', '鞋身轻盈，走一天也不累。'],
    ['Padded collar and tongue for a snug fit.', '鞋口和鞋舌加厚，包裹感好。'],
  ],
  boot: [
    ['Waterproof leather keeps feet dry.', '防水皮面，雨雪天双脚保持干爽。'],
    ['Warm lining for winter days.', '内里保暖，适合冬天穿。'],
    ['Side zip for quick on and off.', '侧边拉链，穿脱快捷。'],
    ['Sturdy lug sole grips on snow and mud.', '厚实齿纹大底，雪地泥地都抓地。'],
  ],
  dressShoe: [
    ['Soft leather that moulds to your foot.', '皮质柔软，越穿越合脚。'],
    ['Cushioned insole for comfort at the office.', '鞋垫有缓冲，上班久站也舒适。'],
    ['Slim profile that suits suits and chinos.', '鞋型修长，配西装或休闲裤都合适。'],
    ['Stable block heel is easy to walk in.', '粗跟稳当，走路不累。'],
  ],
  sandal: [
    ['Adjustable straps for a secure fit.', '鞋带可调节，穿着稳固。'],
    ['Contoured footbed supports the arch.', '贴合足弓的鞋床，支撑性好。'],
    ['Quick-drying, great for the beach.', '速干材质，去海边也没问题。'],
  ],
  bag: [
    ['Padded laptop sleeve fits up to 15 inches.', '内置加厚电脑隔层，可放15英寸笔记本。'],
    ['Plenty of pockets to keep things organised.', '多个分隔口袋，收纳井井有条。'],
    ['Water-resistant fabric protects your things.', '面料防泼水，保护随身物品。'],
    ['Comfortable padded straps for long days.', '肩带加厚，背一整天也不勒肩。'],
    ['Sturdy zips and reinforced bottom.', '拉链结实，底部加固耐用。'],
  ],
  smallLeather: [
    ['Slim enough for a front pocket.', '轻薄小巧，放前裤袋也不鼓。'],
    ['Six card slots and a note compartment.', '六个卡位加一个钞票层。'],
    ['RFID-blocking lining protects your cards.', '防盗刷内衬，保护银行卡信息。'],
    ['Genuine leather that ages beautifully.', '真皮材质，越用越有味道。'],
  ],
  headwear: [
    ['Adjustable strap fits most heads.', '可调节后扣，适合大多数头围。'],
    ['Keeps sun and wind off your face.', '遮阳挡风，户外活动好帮手。'],
    ['Soft and warm, great for cold mornings.', '柔软保暖，寒冷的早晨很实用。'],
    ['Folds flat for travel.', '可折叠，出行不占地方。'],
  ],
  eyewear: [
    ['UV400 lenses block harmful rays.', 'UV400镜片，有效阻挡紫外线。'],
    ['Polarised to cut glare from water and roads.', '偏光镜片，减少水面和路面的反光。'],
    ['Lightweight frame sits comfortably all day.', '镜框轻盈，长时间佩戴也舒适。'],
    ['Comes with a hard case and cleaning cloth.', '附赠硬质眼镜盒和擦镜布。'],
  ],
  watch: [
    ['Water resistant to 50 metres.', '50米防水，洗手淋雨都不怕。'],
    ['Scratch-resistant mineral glass.', '耐磨矿物玻璃表镜。'],
    ['Quick-release strap is easy to swap.', '快拆表带，更换方便。'],
    ['Clean dial that is easy to read at a glance.', '表盘简洁，一眼就能看清时间。'],
  ],
  fitness: [
    ['Non-slip surface for stable poses.', '表面防滑，动作更稳。'],
    ['Easy to wipe clean after a workout.', '运动后轻松擦拭清洁。'],
    ['Compact, so it fits in a small flat.', '体积小巧，小户型也放得下。'],
    ['Built for daily training at home or in the gym.', '适合在家或健身房日常训练。'],
  ],
  outdoor: [
    ['Sets up in minutes, even alone.', '一个人几分钟就能搭好。'],
    ['Leak-proof lid, safe in a backpack.', '盖子密封防漏，放背包里也放心。'],
    ['Keeps drinks cold for 24 hours or hot for 12.', '保冷24小时，保温12小时。'],
    ['Built for hiking, camping and weekend trips.', '适合徒步、露营和周末出游。'],
  ],
  drinkware: [
    ['Dishwasher and microwave safe.', '可放洗碗机和微波炉。'],
    ['Holds a generous 350 ml of coffee or tea.', '容量350毫升，装咖啡或茶刚刚好。'],
    ['Comfortable handle that stays cool.', '手柄握感舒适，不烫手。'],
    ['Glazed finish that resists stains.', '釉面光滑，不易留茶渍。'],
  ],
  lighting: [
    ['Warm, dimmable light for reading.', '暖光可调亮度，适合阅读。'],
    ['Energy-saving LED bulb included.', '附带节能LED灯泡。'],
    ['Stable weighted base.', '底座加重，摆放稳固。'],
    ['Fits a bedside table or desk.', '放床头柜或书桌都合适。'],
  ],
  cookware: [
    ['Non-stick coating for easy cooking and cleaning.', '不粘涂层，烹饪和清洗都省事。'],
    ['Works on gas, electric and induction hobs.', '燃气灶、电炉和电磁炉通用。'],
    ['Stay-cool handle for a safe grip.', '手柄防烫，握持安全。'],
    ['Heats evenly with no hot spots.', '受热均匀，不易糊锅。'],
    ['Boils a litre of water in about three minutes.', '约三分钟即可烧开一升水。'],
  ],
  textiles: [
    ['Soft to the touch and cosy on the sofa.', '手感柔软，放在沙发上很温馨。'],
    ['Machine washable, colours stay fresh.', '可机洗，洗后不褪色。'],
    ['Highly absorbent and quick-drying.', '吸水性强，干得快。'],
    ['Removable cover with a hidden zip.', '外套可拆洗，隐形拉链设计。'],
  ],
  audio: [
    ['Active noise cancelling blocks out the commute.', '主动降噪，通勤路上也能安静听歌。'],
    ['Up to 30 hours of battery life.', '续航长达30小时。'],
    ['Bluetooth 5.3 with a stable connection.', '蓝牙5.3，连接稳定。'],
    ['Built-in microphone for clear calls.', '内置麦克风，通话清晰。'],
    ['Deep bass and clear vocals.', '低音浑厚，人声清晰。'],
  ],
  gadget: [
    ['Fast charging over USB-C.', '支持USB-C快充。'],
    ['Sharp, bright display that is readable outdoors.', '屏幕清晰明亮，户外也看得清。'],
    ['Slim, light body that slips into any bag.', '机身轻薄，随手放进包里。'],
    ['Battery lasts a full day of use.', '电池续航一整天。'],
    ['Tracks steps, heart rate and sleep.', '可记录步数、心率和睡眠。'],
  ],
  makeup: [
    ['Long-lasting colour that does not smudge.', '持久显色，不易脱妆。'],
    ['Creamy texture glides on smoothly.', '质地顺滑，一抹上色。'],
    ['Enriched with vitamin E to keep lips soft.', '添加维生素E，滋润双唇。'],
  ],
  skincare: [
    ['Lightweight formula absorbs quickly.', '质地轻薄，吸收很快。'],
    ['Hyaluronic acid for lasting hydration.', '含玻尿酸，持久补水保湿。'],
    ['Fragrance-free and gentle on sensitive skin.', '无香精配方，敏感肌也能用。'],
    ['Dermatologist tested.', '经皮肤科医生测试。'],
  ],
  fragrance: [
    ['Fresh citrus top notes with a warm woody base.', '前调清新柑橘，后调温暖木质。'],
    ['Lasts from morning to evening.', '留香持久，从早到晚。'],
    ['Elegant glass bottle that looks lovely on a dresser.', '玻璃瓶身精致，摆在梳妆台上也好看。'],
  ],
};
