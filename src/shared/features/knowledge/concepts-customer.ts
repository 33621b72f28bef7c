/**
 * Customer phrasings for the topics of the help articles in resources/knowledge: how people write or say, in
 * English and Chinese (Simplified, colloquial, mixed zh/en, typos), the things the articles name in their own
 * terms. Each concept is a synthetic token added both to an article (when its title, summary or keywords say one
 * of the phrases) and to a query (when the query says one), so bm25 can match the two wordings like one word.
 *
 * Written from the articles alone (their titles, summaries, keywords and bodies), not from any query set or
 * labelled data. It extends, and does not repeat, the concepts in concepts.ts. English phrases match whole words
 * of the normalised (lower-case) text, so inflections and contraction forms ("won t" for "won't") are listed;
 * Chinese phrases match as substrings, so they are kept specific (no single common characters, no ASCII).
 */
export interface CustomerConcept {
  word: string;
  en: readonly string[];
  zh?: readonly string[];
}

export const CUSTOMER_CONCEPTS: readonly CustomerConcept[] = [
  // ---------------------------------------------------------------- CGM sensor start, warm-up, messages
  {
    word: 'warmup',
    en: ['warm up', 'warmup', 'warmups', 'warming up', 'worm up', 'wram up', 'still warming', 'first reading', 'first readings', 'first number', 'waiting for readings', 'how long until readings', 'how long before readings', 'when do readings start', 'jumpy', 'first day readings', 'first 24 hours'],
    zh: ['预热', '热身', '第一个数', '第一个读数', '头一天', '第一天不准', '第一天数值', '多久出数', '多久才有数', '启动中'],
  },
  {
    word: 'applicator',
    en: ['applicator', 'applicators', 'applicater', 'aplicator', 'aplicater', 'inserter', 'needle', 'needles', 'didn t fire', 'didnt fire', 'did not fire', 'won t fire', 'wont fire', 'won t release', 'wont release', 'bleeding', 'bleed', 'bleeds', 'bled', 'blood under', 'insertion hurts', 'does it hurt', 'did it hurt', 'clicks into arm', 'put on new sensor', 'put on a new sensor', 'apply sensor', 'start a sensor session'],
    zh: ['助针器', '推针器', '埋针', '扎针', '针头', '出血', '流血', '没弹出', '弹不出', '拔不下来', '卡住了拔', '疼不疼', '痛不痛', '戴探头', '上探头', '装探头'],
  },
  {
    word: 'sensormsg',
    en: ['sensor error', 'sensor errors', 'sensor message', 'sensor messages', 'sensor failed', 'sensor failure', 'replace sensor', 'sensor ends soon', 'sensor stopped', 'no readings', 'no reading temporary', 'question marks', 'question mark', 'dashes instead', 'no number', 'no numbers', 'blank graph', 'lo reading', 'hi reading', 'says low', 'says high', 'shows low', 'shows high', 'low instead of number', 'high on screen', 'sensor checking itself', 'senser error'],
    zh: ['探头报错', '传感器错误', '传感器故障', '传感器失效', '探头失效', '暂无读数', '没有数值', '没数值', '问号', '不出数', '数值出不来', '出不来数', '没读数', '显示low', '显示high', '显示 high', '显示 lo', '提示更换传感器', '自检', '探头坏了'],
  },
  {
    word: 'sensorexpiry',
    en: ['sensor expiring', 'sensor expired', 'expired sensor', 'expired sensors', 'sensor ends', 'sensor ending', 'end of session', 'session ended', 'session ends', 'expiry date', 'expiration date', 'past expiry', 'out of date', 'use by date', 'when to change sensor', 'when do i change', '14 day sensor', '15 day sensor'],
    zh: ['探头过期', '传感器过期', '探头到期', '传感器到期', '即将到期', '有效期', '过期探头', '过期传感器', '用满14天', '用满 14 天', '没用满'],
  },
  {
    word: 'pairingcode',
    en: ['pairing code', 'pair code', 'sensor code', 'sensor codes', '4 digit code', 'four digit code', '6 digit code', 'six digit code', '6 character code', 'six character code', 'transmitter id', 'tx id', 'code on applicator', 'code on the applicator', 'applicator code', 'wrong code', 'code wrong', 'code doesn t work', 'code doesnt work', 'code not working', 'zero or letter o', 'scan code', 'scan the code'],
    zh: ['配对码', '4 位编码', '4位编码', '6 位编码', '6位编码', '六位数', '传感器编码', '发射器 id', '发射器id', '码输错', '输错了', '二维码扫不出', '扫码连不上', '背纸上的编码', '数字码'],
  },
  {
    word: 'compression',
    en: ['compression low', 'compression lows', 'lying on', 'lay on', 'laying on', 'slept on', 'sleeping on', 'sleep on my arm', 'rolled onto', 'pressure on sensor', 'pressure on the sensor', 'false low', 'false lows', 'fake low', 'fake lows', 'low at night', 'lows at night', 'night time low', 'phantom low', 'phantom lows'],
    zh: ['压着', '睡觉压', '压迫', '假低', '假性低', '压到探头', '压到传感器', '半夜报低'],
  },
  {
    word: 'accuracy',
    en: ['accurate', 'accuracy', 'inaccurate', 'innacurate', 'way off', 'reading off', 'readings off', 'sensor off', 'sensor wrong', 'cgm wrong', 'monitor wrong', 'oximeter wrong', 'which is right', 'which one is right', 'which to trust', 'trust the sensor', 'lagging', 'behind my meter', 'interstitial', 'mard', '20 percent', 'reads higher', 'reads lower', 'too high compared', 'too low compared', 'time lag', 'sensor lag', 'lags behind', 'sensor delay'],
    zh: ['准不准', '测不准', '误差', '对不上', '偏高', '偏低', '信哪个', '哪个准', '数值乱跳', '延迟 15', '组织液', '差多少', '探头不准', '传感器不准', '血压计不准', '血氧不准', '血氧仪不准', '不准确', '数不准', '测的不准'],
  },
  {
    word: 'urgentlow',
    en: ['urgent low', 'urgent lows', 'hypo', 'hypos', 'hypoglycemia', 'hypoglycaemia', 'hypoglycemic', 'low blood sugar', 'low sugar', 'sugar low', 'sugar dropped', 'sugar crashed', 'sugar crash', 'going low', 'gone low', 'went low', 'severe low', 'dangerously low', 'glucagon', '55 alarm', '55 mg', 'below 55', 'under 55', '3.1 alarm', '3.1 mmol', 'can t turn off alarm', 'cant turn off alarm', 'can t turn off the alarm', 'critical alerts'],
    zh: ['低血糖', '低糖', '血糖低', '血糖很低', '血糖掉', '血糖降', '胰高血糖素', '关不掉', '关不了', '重要提醒', '3.1 报警', '55 报警'],
  },
  {
    word: 'highlow',
    en: ['alert level', 'alert levels', 'alert threshold', 'alarm level', 'alarm settings', 'alert settings', 'change alerts', 'change my alerts', 'target range', 'high alert', 'high alerts', 'low alert', 'low alerts', 'too many alarms', 'too many alerts', 'alert fatigue', 'snooze', 'repeat alert', 'rise rate', 'fall rate', 'rapid rise', 'hyperglycemia', 'hyperglycaemia', 'high blood sugar', 'high sugar', 'sugar high', 'sugar too high', 'quiet hours', '70 and 250', '3.9 and 13.9'],
    zh: ['报警阈值', '提醒阈值', '报警设置', '提醒设置', '改报警', '报警值', '目标范围', '报警太多', '老是报警', '贪睡', '重复提醒', '高血糖', '血糖高', '高糖', '上升速率', '下降速率', '血糖飙升', '静音时段', '夜间模式'],
  },
  {
    word: 'missedalarm',
    en: ['alarm didn t sound', 'alarm didnt sound', 'alarm did not sound', 'didn t go off', 'didnt go off', 'did not go off', 'never went off', 'didn t alarm', 'didnt alarm', 'didn t alert', 'didnt alert', 'no alarm', 'missed alarm', 'missed alarms', 'missed alert', 'alarm failed', 'slept through', 'didn t wake me', 'didnt wake me', 'not getting alerts', 'not getting alarms', 'alerts not arriving', 'alerts not coming', 'not receiving alerts', 'not getting notifications', 'no notifications'],
    zh: ['没响', '漏报', '没收到提醒', '收不到提醒', '收不到报警', '收不到通知', '没提醒', '没报警', '不报警', '不提醒'],
  },
  // ---------------------------------------------------------------- calibration and G3 transmitter
  {
    word: 'txbattery',
    en: ['transmitter battery', 'transmitter batteries', 'transmitter expiring', 'transmitter expired', 'transmitter dead', 'transmitter died', 'transmitter dying', 'charge transmitter', 'charge the transmitter', 'charge my transmitter', 'recharge transmitter', 'recharge the transmitter', '90 day transmitter', '3 month transmitter', 'three month transmitter', 'transmitter days left', 'new transmitter', 'replace transmitter', 'replace the transmitter', 'spare transmitter', 'transmitter end of life', 'transmitter stopped early', 'can t start new sensor', 'cant start new sensor', 'transmiter battery', 'transmiter dead', 'dispose transmitter', 'recycle transmitter'],
    zh: ['发射器没电', '发射器充电', '发射器到期', '发射器寿命', '发射器过期', '新发射器', '备用发射器', '换发射器', '发射器换电池', '发射器电量', '发射器坏了', '发射器怎么扔', '无法启用新传感器', '剩余天数'],
  },
  // ---------------------------------------------------------------- skin and adhesive
  {
    word: 'detached',
    en: ['fell off', 'falling off', 'falls off', 'fall off', 'came off', 'come off', 'comes off', 'coming off', 'came loose', 'coming loose', 'come loose', 'dropped off', 'drops off', 'popped off', 'keeps falling', 'keep falling', 'stay on', 'stays on', 'knocked off', 'ripped off', 'pulled off', 'fel off', 'fall of', 'fell of'],
    zh: ['掉了', '脱落', '掉下来', '掉下了', '松动', '松脱', '蹭掉', '扯掉', '刮掉', '被扯', '贴不住'],
  },
  {
    word: 'sensoroff',
    en: ['sensor fell off', 'sensor came off', 'sensor falling off', 'sensor coming off', 'sensor keeps falling', 'sensor dropped off', 'sensor knocked off', 'cgm fell off', 'cgm came off', 'probe fell off', 'senser fell off', 'knocked it off', 'ripped it off', 'ripped out', 'pulled out', 'caught on', 'door frame', 'doorframe', 'sensor died', 'died early', 'failed early', 'didn t last', 'didnt last', 'did not last', 'only lasted', 'replacement sensor', 'free replacement', 'lost sensor', 'sensor warranty', '10 days to report'],
    zh: ['探头掉了', '传感器掉了', '探头脱落', '传感器脱落', '探头被扯', '被扯掉', '刮掉了', '洗澡掉了', '探头坏了', '没到期就坏', '提前失效', '提前坏', '补发', '换新探头', 'sensor掉了', 'sensor 掉了', 'cgm掉了'],
  },
  {
    word: 'adhesive',
    en: ['won t stick', 'wont stick', 'not sticking', 'doesn t stick', 'doesnt stick', 'stick better', 'keep it on', 'peeling', 'peel off', 'edges lifting', 'edge lifting', 'lifting edges', 'overpatch', 'overpatches', 'over patch', 'cover patch', 'skin tac', 'skintac', 'tegaderm', 'extra tape', 'medical tape', 'tape it down', 'not sticky', 'barrier wipe', 'adhesive remover', 'residue', 'sweaty skin', 'oily skin', 'hairy'],
    zh: ['贴不牢', '粘不住', '黏不住', '粘不牢', '不粘', '翘边', '边翘', '翘起', '固定贴', '加固贴', '防水贴', '残胶', '除胶', '油性皮肤', '皮肤保护膜', '容易掉', '贴胶布', '用胶布', '胶布固定', '敷贴'],
  },
  {
    word: 'dermatitis',
    en: ['dermatitis', 'eczema', 'skin breakdown', 'raw skin', 'skin is raw', 'skin raw', 'weeping', 'oozing', 'scab', 'scabs', 'scar', 'scarring', 'red bump', 'red ring', 'red square', 'red patch', 'burning under', 'stinging', 'stings', 'sore under', 'broken skin', 'skin broken', 'adhesive allergy', 'allergic to the adhesive', 'allergic to the glue', 'glue allergy', 'reaction to the glue', 'skin reaction', 'skin reactions'],
    zh: ['湿疹', '皮炎', '皮肤破了', '皮肤破损', '烂了', '渗液', '流水', '抓破', '刺痛', '火辣辣', '红印', '胶布过敏', '贴片过敏', '探头过敏', '皮肤反应', '起疹子', '起红疹'],
  },
  {
    word: 'skinburn',
    en: ['burn', 'burns', 'burned', 'burnt', 'scald', 'scalded', 'blister from', 'shock', 'shocked', 'zapped', 'exploded', 'explode'],
    zh: ['烫伤', '烫红', '烫出水泡', '烧伤', '灼伤', '触电', '电击', '漏电', '爆炸', '起火'],
  },
  // ---------------------------------------------------------------- CardioPatch
  {
    word: 'patchstart',
    en: ['amber light', 'orange light', 'yellow light', 'green light', 'light flashing', 'flashing light', 'no light', 'light won t come on', 'light wont come on', 'light not on', 'patch light', 'patch not recording', 'is it recording', 'start recording', 'start the recording', 'turn on patch', 'switch on the patch', 'prep pad', 'shave chest', 'shave my chest', 'hairy chest', 'collarbone', 'collar bone', 'left shoulder', 'where does the patch go', 'where to put the patch', 'apply at home', 'put the patch on', 'put on the patch', 'bad signal light'],
    zh: ['黄灯', '橙灯', '绿灯', '灯不亮', '不亮灯', '灯不闪', '锁骨', '左胸', '胸口贴哪', '剃毛', '磨砂片', '开始记录', '心电贴怎么开', '贴片怎么开', '按钮按多久', '自己在家贴', '箭头方向'],
  },
  {
    word: 'patchoff',
    en: ['patch fell off', 'patch came off', 'patch falling off', 'patch coming off', 'patch come off', 'patch came loose', 'patch peeling', 'patch lifting', 'patch unstuck', 'patch lost', 'sticker fell off', 'sticker came off', 'holter fell off', 'monitor fell off', 'stick it back', 're stick', 'restick', 'reattach', 'new patch', 'replacement patch', 'another patch', 'second patch'],
    zh: ['心电贴掉了', '贴片掉了', '心电贴脱落', '贴片脱落', '贴片翘边', '心电贴翘', '贴回去', '重新贴', '再贴一片', '用胶布粘', '补发贴片', '新的心电贴', '胸口贴掉了'],
  },
  {
    word: 'palpitation',
    en: ['palpitation', 'palpitations', 'flutter', 'fluttering', 'flutters', 'heart racing', 'racing heart', 'heart is racing', 'heart pounding', 'pounding heart', 'skipped beat', 'skipped beats', 'skipping beats', 'heart skipping', 'missed beat', 'missed beats', 'dizzy spell', 'dizzy spells', 'lightheaded', 'light headed', 'funny heartbeat', 'heart flip', 'thumping'],
    zh: ['心慌', '心悸', '漏跳', '漏拍', '心跳很快', '心跳加速', '心跳好快', '心突突', '头晕', '胸闷'],
  },
  {
    word: 'symptombutton',
    en: ['event button', 'symptom button', 'patch button', 'the button on the patch', 'press the button', 'pressed the button', 'pressing the button', 'button not blinking', 'forgot to press', 'mark an event', 'mark a symptom', 'event marker', 'trigger button', 'press when i feel', 'diary card', 'symptom diary', 'symptom card', 'log symptom', 'log a symptom', 'log my symptoms', 'symptom log', 'record symptoms', 'record a symptom'],
    zh: ['事件键', '打标记', '标记事件', '标记症状', '症状卡', '日记卡', '症状日记', '记录症状', '心电贴按钮', '心电贴按键', '贴片按钮', '按了没反应', '忘了按', '按几次', '不舒服时按'],
  },
  {
    word: 'patchupload',
    en: ['patch upload', 'patch uploads', 'patch not uploading', 'patch not sending', 'patch data', 'patch not syncing', 'patch sync', 'heart monitor not syncing', 'last upload', 'upload status', 'upload stuck', 'uploads stopped', 'green tick', 'green check', 'away from phone', 'left my phone', 'forgot my phone', 'without my phone', '14 day patch app'],
    zh: ['上传状态', '最近上传', '心电贴不同步', '心电数据同步', '贴片不同步', '绿色对勾', '传不上去', '上传失败', '没带手机', '手机不在身边'],
  },
  {
    word: 'livewatch',
    en: ['real time', 'realtime', 'watching live', 'watch live', 'monitored live', 'live monitoring', 'monitor me live', 'someone watching', 'anyone watching', 'nobody watching', 'watching my heart', 'watching my data', 'will they call me', 'will the clinic call', 'will my doctor call', 'nobody alerted', 'notify my doctor', 'alert my doctor'],
    zh: ['实时看', '实时监测', '实时查看', '实时监控', '有人看吗', '有人实时', '医院实时', '医生实时', '会通知医生', '会报警吗', '医生会打电话'],
  },
  {
    word: 'patchreturn',
    en: ['mail back', 'mail it back', 'mail the patch', 'send the patch back', 'send patch back', 'post the patch', 'post it back', 'return the patch', 'return my patch', 'returning the patch', 'return box', 'prepaid box', 'prepaid label', 'return kit', 'pickup', 'courier', 'post office', 'drop off', 'tracking number', 'lost the box', 'bubble mailer', 'envelope', 'old kit', 'when do i get results', 'when will i get results', 'my results', 'results back', 'where to send monitor'],
    zh: ['寄回盒', '怎么寄', '寄回心电贴', '心电贴寄回', '贴片寄回', '邮寄', '上门取件', '预付邮资', '运单号', '物流查询', '盒子丢了', '信封', '气泡袋', '报告多久出', '出结果', '顺丰', '邮局', '面单坏了', '面单丢了', '快递寄回'],
  },
  // ---------------------------------------------------------------- PressureWise blood pressure
  {
    word: 'bperror',
    en: ['error code', 'error codes', 'err', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e9', 'air leak', 'leaking air', 'cuff leaks', 'cuff leaking', 'over inflation', 'overinflation', 'over inflating', 'overinflating', 'inflation error', 'squeezes too hard', 'keeps pumping', 'keeps inflating', 'pumps up', 'tube kinked', 'air plug', 'won t finish measuring', 'wont finish measuring', 'measurement failed', 'device fault', 'bp machine error'],
    zh: ['错误代码', '错误码', '故障码', '血压计报错', '漏气', '充气太紧', '一直打气', '一直充气', '勒得手疼', '勒得疼', '血压测不出来', '测不到脉搏', '气管弯', '气管插头', '测一半停了', '血压计故障'],
  },
  {
    word: 'cufffit',
    en: ['cuff size', 'cuff sizes', 'cuff too small', 'cuff too big', 'cuff too tight', 'cuff too loose', 'cuff doesn t fit', 'cuff doesnt fit', 'large cuff', 'big cuff', 'xl cuff', 'big arm', 'big arms', 'arm too big', 'arm circumference', 'arm band', 'armband', 'how tight', 'which arm', 'heart level', 'artery mark', 'above elbow', 'above the elbow', 'two fingers under', 'wrist monitor', 'wrist cuff', 'palm side', 'velcro', 'put on the cuff', 'fit the cuff'],
    zh: ['袖带尺寸', '袖带太小', '袖带太紧', '袖带太松', '大号袖带', '袖带怎么', '臂带', '绑带', '绑多紧', '松紧', '胳膊粗', '胳膊太粗', '臂围', '魔术贴', '粘扣', '腕式怎么戴', '心脏同高', '动脉标记', '绑在哪', '左手还是右手'],
  },
  {
    word: 'bptechnique',
    en: ['how to take blood pressure', 'how to take my blood pressure', 'how to measure blood pressure', 'how do i measure', 'how should i measure', 'right way to measure', 'correct way to measure', 'proper way', 'technique', 'posture', 'sitting position', 'sit still', 'feet flat', 'legs crossed', 'crossed legs', 'rest 5 minutes', 'rest for 5 minutes', 'caffeine', 'coffee', 'before measuring', 'morning and evening', 'twice a day', 'two readings'],
    zh: ['测血压姿势', '坐姿', '怎么测血压', '正确测量', '测量方法', '喝咖啡', '浓茶', '跷二郎腿', '早晚测', '休息 5 分钟', '休息5分钟', '测几次', '测两次'],
  },
  {
    word: 'whitecoat',
    en: ['white coat', 'higher at the doctor', 'higher at doctors', 'higher at the doctors', 'higher at clinic', 'higher at the clinic', 'higher at the hospital', 'lower at home', 'higher at home', 'doctor s office', 'doctors office', 'doctor s reading', 'doctors reading', 'the nurse got', 'nurse reading', 'compare with nurse', 'compare with the nurse', 'compare with the doctor', 'validate monitor', 'validate my monitor', 'check my monitor', 'check the monitor against'],
    zh: ['白大衣', '医院测得高', '在家测得低', '医院测的', '医院量的', '和医院对比', '和医院不一样', '比医院', '医生量的', '护士量的', '诊所测的'],
  },
  {
    word: 'bpcrisis',
    en: ['180 120', '180 over 120', 'over 180', 'above 180', '200 over', 'hypertensive crisis', 'hypertensive emergency', 'very high blood pressure', 'blood pressure very high', 'bp very high', 'bp is very high', 'extremely high', 'dangerously high', 'sky high', 'through the roof', 'bp spike', 'bp spiked', 'blood pressure spike'],
    zh: ['高血压危象', '血压 180', '血压180', '血压很高', '血压特别高', '血压太高', '血压爆表', '血压飙', '血压突然升高', '血压200', '血压 200'],
  },
  {
    word: 'bpuser',
    en: ['user 1', 'user 2', 'user one', 'user two', 'wrong user', 'two users', 'partner s readings', 'partners readings', 'wife s readings', 'husband s readings', 'both of us use', 'we both use', 'shared monitor', 'share the monitor', 'someone else s readings', 'someone elses readings', 'not my readings'],
    zh: ['用户1', '用户 1', '用户2', '用户 2', '家人共用', '两个人用', '别人名下', '数据跑到别人', '老伴的', '不是我的数据', '共用血压计'],
  },
  {
    word: 'aaabattery',
    en: ['aa', 'aaa', 'double a', 'triple a', 'which batteries', 'what batteries', 'what battery', 'battery type', 'change batteries', 'change the batteries', 'replace batteries', 'replace the batteries', 'new batteries', 'battery cover', 'alkaline', 'rechargeable batteries', 'battery leaked', 'batteries leaked', 'leaking battery', 'corrosion', 'corroded', 'battery symbol', 'battery icon', 'usb c power', 'power adapter', 'mains adapter'],
    zh: ['5号电池', '5 号电池', '7号电池', '7 号电池', '五号电池', '七号电池', '几号电池', '换电池', '电池盖', '碱性电池', '充电电池', '漏液', '电池生锈', '电池图标', '电源适配器'],
  },
  // ---------------------------------------------------------------- OxiClip
  {
    word: 'oxreading',
    en: ['nail polish', 'nail varnish', 'gel nails', 'acrylic nails', 'acrylics', 'fake nails', 'false nails', 'painted nails', 'cold fingers', 'cold hands', 'poor circulation', 'which finger', 'dark skin', 'skin tone', 'carbon monoxide', 'blue lips', 'grey lips', 'low oxygen', 'oxygen low', 'oxygen dropped', 'sats', 'o2 sat', '92 percent', '92%', 'below 92', 'dashes on screen', 'two dashes', 'spo2 jumping', 'numbers keep changing', 'pulse bar'],
    zh: ['指甲油', '美甲', '假指甲', '手冷', '手指冰凉', '哪根手指', '肤色', '一氧化碳', '煤气', '嘴唇发紫', '嘴唇发青', '血氧低', '低氧', '血氧92', '血氧 92', '两道杠', '血氧跳', '数字一直变', '血氧测不出来', '脉搏波'],
  },
  // ---------------------------------------------------------------- Pulse Watch
  {
    word: 'falldetect',
    en: ['fall detection', 'fall detect', 'detect falls', 'detect a fall', 'detected a fall', 'fall alarm', 'had a fall', 'hard fall', 'fell down', 'fell over', 'fallen', 'took a tumble', 'sos', 'medical alert', 'life alert', 'call for help', 'i m ok', 'im ok', 'emergency contact', 'emergency contacts', 'countdown', 'elderly', 'grandma', 'grandpa', 'lives alone', 'live alone', 'can t get up', 'cant get up', 'didn t detect', 'didnt detect'],
    zh: ['跌倒', '摔倒', '摔跤', '一跤', '紧急联系人', '一键呼救', '自动呼救', '呼叫救援', '倒计时', '我没事', '老人手表', '老人摔', '独居', '发送位置', '紧急短信'],
  },
  {
    word: 'falsefall',
    en: ['false alarm', 'false alarms', 'false alert', 'false alerts', 'false positive', 'accidentally called', 'accidental sos', 'called 911 by mistake', 'ambulance by accident', 'ambulance turned up', 'police showed up', 'pocket dial', 'clapping', 'hammering', 'tennis', 'boxing', 'thinks i fell', 'thought i fell', 'thinks i ve fallen', 'didn t fall', 'didnt fall', 'turn off fall detection', 'disable fall detection', 'off during workouts', 'called by mistake', 'called by accident', 'dialled by mistake', 'rang 911', 'don t hang up', 'hung up on'],
    zh: ['误报', '误拨', '误触发', '乱报警', '没摔也报', '假警报', '以为我摔倒', '以为我摔了', '关闭跌倒检测', '拍手', '打球', '拳击', '敲锤子', '取消倒计时', '误判', '接线员', '挂断'],
  },
  {
    word: 'wontcharge',
    en: ['won t charge', 'wont charge', 'not charging', 'doesn t charge', 'doesnt charge', 'stopped charging', 'won t turn on', 'wont turn on', 'won t switch on', 'wont switch on', 'doesn t turn on', 'doesnt turn on', 'black screen', 'blank screen', 'screen is blank', 'dim screen', 'no power', 'power saver', 'time only', 'only shows the time', 'drains fast', 'battery drains', 'battery life', 'dies in a day', 'lasts a day', 'magnetic charger', 'charging cable', 'charging contacts', 'charging symbol', 'switches off'],
    zh: ['充不进电', '充不上电', '不充电', '开不了机', '不开机', '无法开机', '黑屏', '屏幕不亮', '掉电快', '耗电快', '不耐用', '一天就没电', '只显示时间', '磁吸充电器', '充电线', '充电座', '自动关机', '屏幕变暗', '手表省电', '手表进入省电'],
  },
  {
    word: 'inconclusive',
    en: ['inconclusive', 'unclassified', 'could not be classified', 'sinus', 'possible afib', 'possible a fib', 'crown', 'top button', 'heart attack', 'heart attacks', 'single lead', 'under 22', 'age 22', 'not available in my region', 'not available in region', 'ecg missing', 'ecg app', 'ekg app', '30 second ecg', '30 second heart recording', 'watch heart test'],
    zh: ['无法判断', '窦性', '可能为房颤', '表冠', '心梗', '心脏病发作', '单导联', '找不到心电', '心电功能找不到', '未满22', '未满 22', '手表心电', '测心电'],
  },
  {
    word: 'watchglucose',
    en: ['glucose on watch', 'glucose on my watch', 'glucose on the watch', 'sugar on my watch', 'sugar on watch', 'readings on my watch', 'glucose on wrist', 'glucose on my wrist', 'watch face', 'complication', 'cgm on smartwatch', 'cgm on watch', 'cgm on my watch', 'see my glucose on', 'show glucose', 'trend arrow on watch', 'grey reading', 'gray reading'],
    zh: ['手表看血糖', '手表上看血糖', '表盘', '血糖组件', '手腕上看血糖', '手表显示血糖', '手环看血糖', '手表振动提醒', '手表显示横线', '数字变灰'],
  },
  // ---------------------------------------------------------------- firmware and phone
  {
    word: 'updatefail',
    en: ['update failed', 'failed update', 'update fail', 'update didn t work', 'update didnt work', 'update stuck', 'stuck updating', 'stuck on update', 'stuck on logo', 'stuck on the logo', 'boot loop', 'bootloop', 'keeps restarting', 'keeps rebooting', 'bricked', 'frozen', 'froze', 'freezes', 'recovery screen', 'restore watch', 'progress circle', 'f up', 'up flashing', 'finish update', 'update not completed', 'transmitter not responding', 'transmitter error', 'can t measure after update', 'cant measure after update', 'batteries died during update'],
    zh: ['升级失败', '更新失败', '升级卡住', '更新卡住', '卡在logo', '卡在 logo', '一直重启', '反复重启', '变砖', '死机', '恢复界面', '更新未完成', '卡住不动', '进度圈', '发射器无响应', '发射器错误', '升级后测不了', '升级时没电', '刷机'],
  },
  {
    word: 'osupdate',
    en: ['compatibility', 'compatible', 'supported phones', 'not supported', 'ios update', 'ios upgrade', 'updated my iphone', 'updated my phone', 'phone update', 'android update', 'os update', 'operating system update', 'after updating my phone', 'after the update my phone', 'app auto update', 'app update'],
    zh: ['兼容', '手机不支持', '系统升级', '系统更新', 'ios升级', 'ios 升级', '苹果系统', '手机升级后', '升级后连不上', 'app 更新', 'app更新'],
  },
  {
    word: 'backgroundapp',
    en: ['battery optimisation', 'battery optimization', 'battery optimiser', 'battery optimizer', 'background app refresh', 'background refresh', 'in the background', 'app killed', 'app gets killed', 'killed in background', 'swipe it away', 'swiped away', 'swiped it away', 'swipe the app', 'force close', 'force closed', 'force stop', 'low power mode', 'power saving mode', 'unrestricted', 'nearby devices', 'permissions', 'permission'],
    zh: ['后台', '手机省电', '省电优化', '耗电管理', '附近设备', '权限', '划掉', '低电量模式'],
  },
  {
    word: 'syncdelay',
    en: ['sync', 'syncing', 'synced', 'synching', 'uploading', 'data missing', 'missing data', 'readings missing', 'missing readings', 'data lost', 'lost data', 'lost my data', 'lost readings', 'blank history', 'gaps', 'gap in', 'delayed data', 'readings late', 'late readings', 'readings stuck', 'numbers not showing', 'not showing up', 'cloud'],
    zh: ['不同步', '同步不了', '没同步', '同步失败', '数据没上传', '上传不了', '数据丢了', '数据不见了', '断档', '曲线断了', '曲线缺失', '没数据', 'app同步', 'app 同步', '数据延迟', '同步状态', '上传云端'],
  },
  {
    word: 'signalloss',
    en: ['signal loss', 'signal lost', 'lost signal', 'no signal', 'losing signal', 'loses signal', 'lost connection', 'connection lost', 'loses connection', 'losing connection', 'disconnected', 'disconnects', 'disconnecting', 'keeps dropping', 'drops connection', 'dropped connection', 'drops out', 'out of range', 'bluetooth dropped', 'bluetooth drops', 'bluetoth', 'blutooth', 'backfill', 'back fill', 'gaps filled', 'reconnect', 'reconnecting', 'phone too far', 'back pocket', 'offline'],
    zh: ['信号丢失', '断连', '掉线', '连接中断', '没信号', '超出范围', '断开', '蓝牙断', '回填', '补数据', '手机离太远', '后裤兜', '重新连接', '老是断'],
  },
  {
    word: 'signout',
    en: ['sign out', 'signed out', 'signing out', 'log out', 'logged out', 'logout', 'log off', 'logged off', 'reinstall', 'reinstalled', 'reinstalling', 're install', 'uninstall', 'uninstalled', 'deleted the app', 'delete the app', 'changing phones', 'change phones', 'switch phones', 'switching phones', 'transfer to new phone', 'old phone'],
    zh: ['退出登录', '退出账号', '登出', '重装', '重新安装', '卸载', '删了app', '删了 app', '换手机数据', '换新手机', '新手机迁移', '旧手机丢了', '另一部手机登录'],
  },
  {
    word: 'clocktime',
    en: ['wrong time', 'time is wrong', 'time wrong', 'wrong date', 'date is wrong', 'date and time', 'time and date', 'clock wrong', 'clock is wrong', 'time reset', 'date reset', 'time resets', 'automatic time', 'set time automatically', 'change phone clock', 'changed the clock', 'times are off', 'time stamp wrong', 'timestamp wrong', 'timestamps'],
    zh: ['时间不对', '时间不准', '手机时间', '日期不对', '时间重置', '自动时间', '自动设置时间', '时间错了', '时间乱了'],
  },
  // ---------------------------------------------------------------- sharing, clinic, privacy, account
  {
    word: 'followers',
    en: ['follower', 'followers', 'follow app', 'share with family', 'share my readings', 'share readings', 'share my glucose', 'share my numbers', 'caregiver', 'caregivers', 'carer', 'remote monitoring', 'remotely', 'watch my kid', 'my kid s numbers', 'my child s', 'my son s', 'my daughter s', 'parent monitoring', 'parents can see', 'my mum can see', 'wife can see', 'spouse', 'invite', 'invitation', 'school nurse', 'dexcom follow', 'librelinkup', 'stop sharing', 'pause sharing'],
    zh: ['关注者', '家属', '远程查看', '远程看', '父母远程', '家长看', '孩子的血糖', '孩子血糖', '邀请家人', '收不到邀请', '亲友关注', '分享血糖', '共享血糖', '远程报警', '暂停共享', '停止分享', '老公看', '老婆看', '家人看', '家人能看'],
  },
  {
    word: 'clinicshare',
    en: ['clinic code', 'practice code', 'share with doctor', 'share with my doctor', 'share with the doctor', 'share with my clinic', 'share with clinic', 'doctor see my data', 'doctor see my readings', 'doctor can see', 'doctor can t see', 'doctor cant see', 'my doctor see', 'endocrinologist', 'endo', 'diabetes clinic', 'care team', 'hcp', 'gp access', 'provider access', 'hospital portal', 'link to doctor', 'link to my doctor', 'connect to my doctor', 'connect to clinic', 'connect to my clinic', 'revoke access', 'code invalid', 'code expired', 'vitalink clinic'],
    zh: ['诊所代码', '医院代码', '医生看数据', '医生能看到', '医生看不到', '分享给医生', '共享给医生', '给医生看', '绑定医生', '关联医院', '取消关联', '内分泌科', '医生端', '代码无效', '代码过期', '家庭医生'],
  },
  {
    word: 'dataprivacy',
    en: ['privacy', 'private', 'gdpr', 'hipaa', 'pipl', 'who can see my data', 'who can see my readings', 'who has access', 'who sees my data', 'sell my data', 'selling my data', 'sell data', 'data safe', 'data secure', 'encryption', 'encrypted', 'where is my data', 'data stored', 'data location', 'data retention', 'track my location', 'tracking my location', 'location tracking', 'advertising', 'opt out', 'diagnostics off', 'support see readings', 'can support see'],
    zh: ['隐私', '个人信息', '数据安全', '泄露', '卖数据', '数据存在哪', '存在哪里', '境内存储', '加密', '定位追踪', '追踪我的位置', '广告', '研究用途', '个保法', '客服能看'],
  },
  {
    word: 'deleteaccount',
    en: ['delete my account', 'delete account', 'delete the account', 'deleting my account', 'close my account', 'close account', 'closing my account', 'remove my account', 'remove account', 'deactivate', 'erase my data', 'delete my data', 'delete all my data', 'wipe my data', 'wipe data', 'delete readings', 'delete my readings', 'right to be forgotten', 'account deletion', 'cancel account', 'cancel my account', 'undo deletion', 'data portability'],
    zh: ['注销', '销户', '删除账号', '删除账户', '删掉账号', '删号', '删除数据', '清除数据', '永久删除', '删除记录', '账号删不掉'],
  },
  // ---------------------------------------------------------------- billing, returns, warranty
  {
    word: 'paymentfail',
    en: ['payment failed', 'payment failure', 'failed payment', 'declined', 'charge failed', 'couldn t charge', 'couldnt charge', 'payment didnt go through', 'didn t go through', 'payment error', 'card expired', 'expired card', 'new card', 'update card', 'update my card', 'change my card', 'insufficient funds', 'not enough money', '3d secure', 'bank verification', 'verification code', 'billing address', 'retry payment', 'payment retries', 'delivery on hold', 'delivery held', 'order on hold', 'subscription on hold', 'change payment method', 'update payment method'],
    zh: ['付款失败', '支付失败', '扣款失败', '扣不了款', '扣款不成功', '卡过期', '余额不足', '被拒', '换卡', '更新银行卡', '短信验证码', '重新扣款', '发货暂停', '账单地址', '信用卡', '支付宝', '微信支付', '付款方式'],
  },
  {
    word: 'scam',
    en: ['scam', 'scams', 'scammer', 'phishing', 'fake email', 'fake text', 'suspicious email', 'suspicious text', 'suspicious call', 'fraud', 'fraudulent', 'asked for my card', 'asked for my password', 'card number by email', 'is this email real', 'legit'],
    zh: ['诈骗', '骗子', '钓鱼', '要卡号', '要密码', '索要', '假冒', '可疑短信', '可疑邮件'],
  },
  {
    word: 'billingdate',
    en: ['billing date', 'charge date', 'when am i charged', 'when will i be charged', 'when do you charge', 'charged twice', 'double charged', 'charged again', 'charged early', 'charged before', 'unexpected charge', 'why was i charged', 'receipt', 'how much does', 'price', 'cost'],
    zh: ['扣款日', '什么时候扣钱', '什么时候扣款', '扣了两次', '重复扣款', '多扣', '乱扣', '收据', '价格', '多少钱'],
  },
  {
    word: 'cancelsub',
    en: ['cancel subscription', 'cancel my subscription', 'cancel the subscription', 'cancel my plan', 'cancel plan', 'unsubscribe', 'stop my subscription', 'end my subscription', 'stop subscription', 'stop the deliveries', 'stop deliveries', 'stop sending', 'stop shipping', 'don t send', 'dont send', 'change plan', 'switch plan', 'switch to g4', 'switch g3 to g4', 'switch from g3', 'upgrade to g4', 'order extra', 'extra sensors', 'one time order', 'change delivery date', 'change address', 'recurring order'],
    zh: ['取消订阅', '退订', '停止订阅', '不想续', '取消续订', '自动续费', '自动续订', '连续包月', '换套餐', 'g3 换 g4', 'g3换g4', '加购', '多买几个', '改发货日期', '改地址'],
  },
  {
    word: 'refundstatus',
    en: ['where is my refund', 'where s my refund', 'wheres my refund', 'refund status', 'refund not received', 'haven t received my refund', 'havent received my refund', 'haven t got my refund', 'no refund yet', 'still no refund', 'refund still', 'refund taking', 'money not back', 'when will i get my money', 'when do i get my money', 'refund to my card', 'original payment method', 'return number', 'return label'],
    zh: ['退款没到', '钱什么时候到账', '退款进度', '还没到账', '没收到退款', '退款到账', '原路退回', '退款多久', '退货编号', '退货面单', '退货地址'],
  },
  {
    word: 'unopened',
    en: ['unopened', 'un opened', 'opened box', 'opened the box', 'opened sensors', 'opened sensor', 'return opened', 'sealed', 'seal broken', 'change of mind', 'changed my mind', 'no longer need', 'don t want it', 'dont want it', '30 day return', '30 days return', 'return policy', 'return window', 'cancel order', 'cancel my order'],
    zh: ['拆封', '拆了能退', '七天无理由', '不想要了', '用不上了', '退货政策', '取消订单', '退换货'],
  },
  {
    word: 'wherebought',
    en: ['pharmacy', 'chemist', 'bought it at', 'bought from', 'amazon', 'retailer', 'insurance', 'insurer', 'nhs', 'medicare', 'health service', 'web shop', 'online shop'],
    zh: ['药店', '药房', '京东', '淘宝', '天猫', '拼多多', '医保', '保险公司'],
  },
  {
    word: 'warrantyperiod',
    en: ['warranty period', 'how long is the warranty', 'how long warranty', 'how long is warranty', 'out of warranty', 'under warranty', 'warranty expired', 'is it covered', 'still covered', 'covered by warranty', 'guarantee', 'guaranteed', 'warranty claim', 'water damage', 'water damaged', 'dropped it', 'i dropped', 'dropped and broken', 'cracked', 'smashed', 'crushed', 'watch band broken', 'band broke', 'strap broke', 'cuff warranty'],
    zh: ['保修期', '过保', '三包', '质保', '还在保修', '保修吗', '摔坏', '进水', '碎了', '屏幕裂', '表带坏了', '袖带保修'],
  },
  {
    word: 'serialnumber',
    en: ['serial', 'sn', 'lot number', 'lot numbers', 'lot no', 'lot code', 'model number', 'rma number'],
    zh: ['序列号', '批号', '编号在哪', 'sn号', 'sn 号', '型号在哪'],
  },
  // ---------------------------------------------------------------- safety, imaging, travel, daily life
  {
    word: 'mri',
    en: ['mri', 'm r i', 'ct', 'cat scan', 'x ray', 'xray', 'x rays', 'xrays', 'radiology', 'imaging', 'diathermy', 'magnet', 'magnetic resonance', 'scan appointment', 'hospital scan', 'going for a scan', 'having a scan', 'pre op', 'preop', 'surgery', 'hospital stay'],
    zh: ['核磁', '磁共振', '拍片', 'x光', 'x 光', '放射科', '影像检查', '透热', '手术', '住院检查', '做检查', '磁铁', '电脑断层'],
  },
  {
    word: 'airport',
    en: ['airport', 'security check', 'security checkpoint', 'tsa', 'scanner', 'metal detector', 'pat down', 'patdown', 'hand inspection', 'carry on', 'checked bag', 'luggage', 'customs', 'plane', 'aeroplane', 'travel', 'travelling', 'traveling', 'trip', 'holiday', 'vacation', 'going abroad'],
    zh: ['安检', '机场', '坐飞机', '乘机', '托运', '手提行李', '随身行李', '海关', '搜身', '人体扫描', '旅行', '旅游', '出差', '高铁', '说明函'],
  },
  {
    word: 'dailylife',
    en: ['seatbelt', 'seat belt', 'hair dryer', 'hairdryer', 'blow dryer', 'electric blanket', 'heating pad', 'heat pad', 'hot water bottle', 'steam room', 'housework', 'daily activities', 'normal activities', 'everyday activities', 'wash my hair', 'washing my hair', 'wash hair', 'towel dry', 'sleep on my side', 'sleep on side', 'sleeping position', 'sleep on my front'],
    zh: ['安全带', '吹风机', '电热毯', '暖宝宝', '热敷', '汗蒸', '蒸汽浴', '洗头', '日常活动', '侧睡', '趴着睡', '泡温泉'],
  },
  {
    word: 'adverse',
    en: ['complaint', 'complain', 'complaints', 'report a problem', 'report problem', 'incident', 'safety report', 'adverse', 'ae', 'mdr', 'medwatch', 'fda', 'mhra', 'regulator', 'vigilance', 'injury', 'injured', 'injuries', 'got hurt', 'was hurt', 'been hurt', 'hurt me', 'harmed', 'harm', 'wrong reading treatment', 'wrong dose'],
    zh: ['投诉', '上报', '安全事件', '不良事件', '不良反应', '受伤', '出事', '药监局', '打错针', '伤到'],
  },
  {
    word: 'seedoctor',
    en: ['see a doctor', 'see my doctor', 'see the doctor', 'should i see', 'go to hospital', 'go to the hospital', 'go to a e', 'go to the er', 'urgent care', 'walk in clinic', 'serious', 'medical advice', 'should i worry', 'should i be worried', 'should i go'],
    zh: ['去医院', '看医生', '就医', '严不严重', '严重吗', '要紧吗', '医疗建议', '要不要紧'],
  },
  {
    word: 'breathing',
    en: ['can t breathe', 'cant breathe', 'can t breath', 'cant breath', 'hard to breathe', 'trouble breathing', 'difficulty breathing', 'short of breath', 'shortness of breath', 'breathless', 'out of breath', 'stroke', 'face drooping', 'drooping face', 'slurred speech', 'seizure', 'seizures', 'unresponsive'],
    zh: ['喘不上气', '呼吸困难', '气短', '喘不过气', '中风', '口角歪斜', '抽搐', '意识不清', '叫不醒', '说话不清'],
  },
];
