import type { Priority } from '../../shared/kernel/case';
import type { DeviceKind } from '../../shared/kernel/customer';
import type { Language } from '../../shared/kernel/primitives';

/**
 * The demo world's words: names, device models and bilingual support conversations for a vendor of
 * wearable medical devices ("Vitalink"). Placeholders: {first} {model} {serial} {firmware} {agent}.
 * Only problem `safety` is a safety complaint; no other text here describes harm to a person.
 */

export type Bi = Record<Language, readonly string[]>;

export const EN_FIRST = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Steven', 'Ashley',
  'Paul', 'Dorothy', 'Andrew', 'Kimberly', 'Joshua', 'Emily', 'Kenneth', 'Donna', 'Kevin', 'Michelle',
  'Priya', 'Carlos', 'Fatima', 'Olga', 'Kwame', 'Ingrid', 'Mateo', 'Aisha',
] as const;
export const EN_LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson',
  'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
  'Okafor', 'Novak', 'Patel', 'Schmidt', 'Rossi', 'Kowalski', 'Nguyen', 'Hughes', 'Fischer', 'Bennett',
] as const;

/** [hanzi, pinyin] */
export const ZH_SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['高', 'gao'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'],
];
export const ZH_GIVEN: ReadonlyArray<readonly [string, string]> = [
  ['秀英', 'xiuying'], ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'],
  ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'],
  ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀兰', 'xiulan'], ['霞', 'xia'], ['平', 'ping'],
  ['刚', 'gang'], ['桂英', 'guiying'], ['建华', 'jianhua'], ['玉兰', 'yulan'], ['志强', 'zhiqiang'], ['晓燕', 'xiaoyan'],
  ['子涵', 'zihan'], ['浩然', 'haoran'], ['雨桐', 'yutong'], ['国庆', 'guoqing'], ['淑珍', 'shuzhen'],
];

export interface DeviceModel {
  kind: DeviceKind;
  model: string;
  serialPrefix: string;
  firmwares: readonly string[];
}

export const DEVICE_MODELS: readonly DeviceModel[] = [
  { kind: 'cgm', model: 'Vitalink GlucoTrack G3', serialPrefix: 'GT3', firmwares: ['3.2.0', '3.3.1', '3.4.2'] },
  { kind: 'cgm', model: 'Vitalink GlucoTrack G4', serialPrefix: 'GT4', firmwares: ['4.0.3', '4.1.0'] },
  { kind: 'ecg_patch', model: 'Vitalink CardioPatch 14', serialPrefix: 'CP14', firmwares: ['1.8.2', '1.9.0'] },
  { kind: 'ecg_patch', model: 'Vitalink CardioPatch 7 Lite', serialPrefix: 'CP7', firmwares: ['1.2.5'] },
  { kind: 'bp_cuff', model: 'Vitalink PressureWise BP-200', serialPrefix: 'BP2', firmwares: ['2.1.4', '2.2.0'] },
  { kind: 'bp_cuff', model: 'Vitalink PressureWise BP-350 Wrist', serialPrefix: 'BP3', firmwares: ['3.0.1'] },
  { kind: 'pulse_oximeter', model: 'Vitalink OxiClip O2', serialPrefix: 'OX2', firmwares: ['1.4.0', '1.5.2'] },
  { kind: 'smart_watch', model: 'Vitalink Pulse Watch S2', serialPrefix: 'PW2', firmwares: ['5.6.0', '5.7.1', '5.8.0'] },
];

export interface Problem {
  key: string;
  devices: readonly DeviceKind[];
  priority: Priority;
  subject: Record<Language, string>;
  /** the customer's first message */
  open: Bi;
  /** the agent's first answer */
  reply: Bi;
  /** the customer's later message(s) */
  followUp: Bi;
  /** the agent's later answer(s) */
  answer: Bi;
  /** the agent's closing message */
  resolve: Bi;
  /** internal notes */
  notes: Bi;
}

const ALL: readonly DeviceKind[] = ['cgm', 'ecg_patch', 'bp_cuff', 'pulse_oximeter', 'smart_watch'];

export const PROBLEMS: readonly Problem[] = [
  {
    key: 'pairing',
    devices: ALL,
    priority: 'P2',
    subject: { en: '{model} will not pair with the Vitalink app', zh: '{model} 无法与 Vitalink App 配对' },
    open: {
      en: [
        'Hello, my {model} will not pair with the Vitalink app. Bluetooth is on and the app keeps searching forever. Serial {serial}.',
        'Hi, I got a new phone and now the {model} does not show up in the app at all. I tried restarting both. What should I do?',
      ],
      zh: [
        '你好，我的 {model} 一直无法和 Vitalink App 配对，蓝牙已经打开，App 一直在搜索。序列号 {serial}。',
        '您好，我换了新手机以后，App 里找不到 {model} 了，两个都重启过了，还是不行，怎么办？',
      ],
    },
    reply: {
      en: [
        'Hi {first}, thanks for reaching out. Please open Settings > Bluetooth on your phone, remove "{model}" from the list, then in the Vitalink app tap Devices > Add device and hold the device within 30 cm of the phone. Let me know what you see. — {agent}, Vitalink Support',
        'Hi {first}, sorry for the trouble. Could you tell me which phone model and app version you use? Meanwhile, please make sure location permission is allowed for the app, Android needs it for Bluetooth pairing. — {agent}',
      ],
      zh: [
        '{first}您好，感谢联系我们。请在手机“设置 > 蓝牙”中删除“{model}”，然后在 Vitalink App 中点“设备 > 添加设备”，把设备放在离手机 30 厘米以内。结果如何请告诉我。——{agent}，Vitalink 客服',
        '{first}您好，给您带来不便很抱歉。请问您用的是什么型号的手机、App 是哪个版本？同时请确认 App 已获得定位权限，安卓手机配对蓝牙需要这个权限。——{agent}',
      ],
    },
    followUp: {
      en: ['I removed it and tried again. Now it finds the device but says "pairing failed" at the last step.', 'It is an iPhone 13, app version 4.2. Still searching.'],
      zh: ['删掉后重新试了，现在能找到设备了，但最后一步提示“配对失败”。', '手机是华为 Mate 40，App 版本 4.2，还是一直在搜索。'],
    },
    answer: {
      en: ['Thanks. Please update the app to 4.3 (released this week, it fixes exactly this pairing step), then try once more.', 'Please hold the button on the device for 10 seconds until the light blinks blue twice; that resets the pairing memory.'],
      zh: ['谢谢。请把 App 更新到 4.3 版（本周刚发布，专门修复了这个配对步骤），然后再试一次。', '请长按设备按钮 10 秒，直到指示灯蓝色闪两下，这样会清除配对记录。'],
    },
    resolve: {
      en: ['Great to hear it is paired now. Your readings will sync automatically from here. I will close this case; just reply if anything comes up.'],
      zh: ['很高兴现在已经配对成功，之后数据会自动同步。我先关闭这个工单，如有问题直接回复即可。'],
    },
    notes: {
      en: ['Known issue with app 4.2 on some Android phones; pointed to 4.3.', 'Customer not very confident with the phone; keep instructions short.'],
      zh: ['App 4.2 在部分安卓手机上的已知问题，已建议升级 4.3。', '客户不太熟悉手机操作，说明要简短。'],
    },
  },
  {
    key: 'readings_cgm',
    devices: ['cgm'],
    priority: 'P2',
    subject: { en: 'Glucose readings differ from fingerstick', zh: '动态血糖读数与指尖血糖不一致' },
    open: {
      en: [
        'My {model} shows values about 2 mmol/L higher than my fingerstick meter since I put on the new sensor yesterday. Which one should I trust?',
        'The sensor readings and my meter disagree a lot in the mornings. Is the sensor faulty?',
      ],
      zh: ['昨天换了新传感器以后，{model} 的读数比指尖血糖仪高大约 2 mmol/L，我应该相信哪个？', '早上传感器读数和血糖仪差很多，是不是传感器坏了？'],
    },
    reply: {
      en: [
        'Hi {first}, during the first 24 hours after insertion a new sensor is often less accurate. Please compare again tomorrow when your glucose is stable (not right after a meal) and send me both values with the time. For any treatment decision, please use your fingerstick meter. — {agent}',
      ],
      zh: ['{first}您好，新传感器佩戴后的前 24 小时准确度通常较低。请明天在血糖平稳时（不要刚吃完饭）再对比一次，并把两个数值和时间发给我。涉及用药等决定时，请以指尖血糖为准。——{agent}'],
    },
    followUp: {
      en: ['Today the difference is smaller, about 0.8 mmol/L, but it still reads high at night.', 'I compared three times today, the values are close now except after breakfast.'],
      zh: ['今天差距小了，大约 0.8 mmol/L，但晚上还是偏高。', '今天对比了三次，除了早餐后，其他时候都比较接近了。'],
    },
    answer: {
      en: ['That is within the expected range. A lag of 5-10 minutes after meals is normal because the sensor measures interstitial fluid. If night values stay off by more than 20 %, we will replace the sensor.'],
      zh: ['这在正常范围内。饭后有 5 到 10 分钟的延迟是正常的，因为传感器测的是组织间液。如果夜间仍偏差超过 20%，我们会为您更换传感器。'],
    },
    resolve: {
      en: ['Glad the readings are consistent now. I have added a calibration guide to your account. Closing this case for now.'],
      zh: ['很高兴读数已经稳定，我已把校准指南发送到您的账户，这个工单先关闭。'],
    },
    notes: {
      en: ['Sensor lot checked, no open quality notice for this lot.', 'Explained interstitial lag; customer understood.'],
      zh: ['已查询传感器批次，该批次没有质量通告。', '已解释组织间液延迟，客户表示理解。'],
    },
  },
  {
    key: 'readings_bp',
    devices: ['bp_cuff'],
    priority: 'P2',
    subject: { en: 'Blood pressure readings seem too high', zh: '血压计读数偏高' },
    open: {
      en: ['The {model} gives me readings around 150/95 but at my doctor it was 128/82. Is the cuff wrong?'],
      zh: ['{model} 测出来大概 150/95，可是在医院量是 128/82，是血压计不准吗？'],
    },
    reply: {
      en: ['Hi {first}, cuff position matters a lot: sit for 5 minutes, arm supported at heart level, cuff 2 cm above the elbow, and do not talk during the measurement. Could you try three readings like that and send them? — {agent}'],
      zh: ['{first}您好，袖带位置影响很大：请先静坐 5 分钟，手臂放在与心脏同高的位置，袖带下缘在肘窝上 2 厘米，测量时不要说话。请这样测三次并把结果发给我。——{agent}'],
    },
    followUp: {
      en: ['I did it like you said: 134/85, 131/84, 133/86.'],
      zh: ['按您说的方法测了：134/85、131/84、133/86。'],
    },
    answer: {
      en: ['Those are consistent and close to your clinic value. The earlier readings were likely taken with the cuff too low on the arm.'],
      zh: ['这几次结果很一致，也和医院测的接近。之前读数偏高很可能是袖带位置太低。'],
    },
    resolve: { en: ['Happy that is sorted. I am closing the case; the positioning guide is in the app under Help.'], zh: ['问题解决了就好。工单将关闭，App 的“帮助”里有佩戴说明。'] },
    notes: { en: ['Measurement technique, no device fault.'], zh: ['测量方法问题，设备无故障。'] },
  },
  {
    key: 'readings_oxi',
    devices: ['pulse_oximeter'],
    priority: 'P2',
    subject: { en: 'SpO2 readings jump around', zh: '血氧读数跳动不稳定' },
    open: {
      en: ['My {model} shows 91 then 97 then 93 within a minute. My hands are often cold. Is it broken?'],
      zh: ['我的 {model} 一分钟内显示 91、97、93，来回跳。我的手经常很凉，是不是坏了？'],
    },
    reply: {
      en: ['Hi {first}, cold fingers and movement both disturb the reading. Please warm your hands, rest them on a table, remove nail polish if any, and wait 30 seconds for the value to settle. — {agent}'],
      zh: ['{first}您好，手指冰凉和移动都会影响读数。请先把手捂热，放在桌面上，如有指甲油请去掉，等 30 秒待数值稳定。——{agent}'],
    },
    followUp: { en: ['With warm hands it stays at 96-97 now.'], zh: ['手捂热以后，现在稳定在 96-97 了。'] },
    answer: { en: ['That is a normal, stable reading. The device works as expected.'], zh: ['这是正常且稳定的读数，设备工作正常。'] },
    resolve: { en: ['Closing this case. Thank you for your patience!'], zh: ['工单即将关闭，感谢您的耐心！'] },
    notes: { en: ['Perfusion issue, no fault.'], zh: ['末梢循环差导致，非故障。'] },
  },
  {
    key: 'readings_watch',
    devices: ['smart_watch'],
    priority: 'P2',
    subject: { en: 'High heart rate alerts while resting', zh: '静息时频繁高心率提醒' },
    open: {
      en: ['My {model} keeps alerting "high heart rate" while I am sitting on the sofa. It says 130 but I feel fine.'],
      zh: ['我的 {model} 坐在沙发上也一直提醒“心率过高”，显示 130，但我感觉没什么不舒服。'],
    },
    reply: {
      en: ['Hi {first}, a loose strap is the most common cause. Please wear the watch one finger above the wrist bone, snug but comfortable, and tell me if the alerts continue. — {agent}'],
      zh: ['{first}您好，表带过松是最常见的原因。请把手表戴在腕骨上方一指处，松紧适中，如果仍有提醒请告诉我。——{agent}'],
    },
    followUp: { en: ['I tightened it, fewer alerts, but one last night at 3 am.'], zh: ['表带调紧了，提醒少了，但昨晚三点又提醒了一次。'] },
    answer: {
      en: ['One alert at night can be real movement or a short reading gap. If you ever feel unwell, please contact your doctor; the watch is not a diagnostic device. I also raised the alert threshold to 120 per your request.'],
      zh: ['夜间偶尔一次提醒可能是翻身或短暂信号中断。如有任何不适请及时就医，手表不是诊断设备。已按您的要求把提醒阈值调到 120。'],
    },
    resolve: { en: ['Glad the alerts are back to normal. Closing this case.'], zh: ['很高兴提醒已恢复正常，工单将关闭。'] },
    notes: { en: ['Strap fit; firmware {firmware} current.'], zh: ['表带佩戴问题；固件 {firmware} 为最新。'] },
  },
  {
    key: 'adhesive',
    devices: ['cgm', 'ecg_patch'],
    priority: 'P2',
    subject: { en: 'Skin gets red and itchy under the adhesive', zh: '胶布处皮肤发红发痒' },
    open: {
      en: ['The adhesive of the {model} leaves my skin red and itchy after a few days. It fades after I remove it. Is there a gentler option?'],
      zh: ['{model} 的胶布贴几天后皮肤会发红发痒，取下后会慢慢消退。有没有更温和的胶布？'],
    },
    reply: {
      en: ['Hi {first}, sorry to hear that. Please clean the spot with water only (no alcohol wipes right before applying), let it dry, and rotate the location each time. We can send free hypoallergenic overpatches; shall I order a pack? — {agent}'],
      zh: ['{first}您好，很抱歉给您带来不适。贴之前请只用清水清洁（不要刚用完酒精棉），晾干后再贴，每次更换位置。我们可以免费寄送低敏覆盖贴，需要帮您下单吗？——{agent}'],
    },
    followUp: { en: ['Yes please, send the overpatches. Same address as before.'], zh: ['好的，请寄覆盖贴，地址和以前一样。'] },
    answer: { en: ['Done, the pack ships tomorrow with tracking by email.'], zh: ['已下单，明天发货，物流单号会通过邮件发送。'] },
    resolve: { en: ['The overpatches were delivered. Closing this case; reply any time if the irritation comes back.'], zh: ['覆盖贴已签收。工单将关闭，如再有不适请随时回复。'] },
    notes: { en: ['Sent hypoallergenic overpatch pack (free of charge).', 'Mild irritation only, no injury reported.'], zh: ['已免费寄出低敏覆盖贴。', '仅轻微不适，无受伤情况。'] },
  },
  {
    key: 'battery',
    devices: ['ecg_patch', 'bp_cuff', 'pulse_oximeter', 'smart_watch'],
    priority: 'P2',
    subject: { en: 'Battery drains much faster than before', zh: '电池耗电比以前快很多' },
    open: {
      en: ['My {model} used to last a week, now the battery is empty after two days. Firmware {firmware}.', 'The {model} will not charge past 60 %. Is the battery failing?'],
      zh: ['我的 {model} 以前能用一周，现在两天就没电了。固件 {firmware}。', '{model} 充电到 60% 就充不上去了，是电池坏了吗？'],
    },
    reply: {
      en: ['Hi {first}, please check Settings > Sync interval in the app; "continuous" uses a lot of power. Also try another USB cable and charger. — {agent}'],
      zh: ['{first}您好，请在 App 的“设置 > 同步间隔”中查看，如果是“持续同步”会很耗电。另外请换一根数据线和充电器试试。——{agent}'],
    },
    followUp: { en: ['Sync was on continuous, I changed it. Still drains faster than it should.'], zh: ['同步是“持续”，已经改了，但还是比正常耗电快。'] },
    answer: { en: ['Thanks for testing. Since it is under warranty, we will replace it. I have started an exchange.'], zh: ['感谢您的测试。设备仍在保修期内，我们会为您更换，已发起换货。'] },
    resolve: { en: ['The replacement has arrived and works. Closing this case.'], zh: ['替换设备已到并正常使用，工单将关闭。'] },
    notes: { en: ['Battery degradation, exchange approved.', 'Checked warranty: valid.'], zh: ['电池老化，已批准换货。', '已核实保修：有效。'] },
  },
  {
    key: 'warranty_rma',
    devices: ALL,
    priority: 'P2',
    subject: { en: 'Warranty replacement (RMA) for {model}', zh: '{model} 保修换货申请' },
    open: {
      en: ['My {model} stopped turning on. It is less than a year old. How do I get a replacement? Serial {serial}.'],
      zh: ['我的 {model} 开不了机了，买了还不到一年，怎么申请更换？序列号 {serial}。'],
    },
    reply: {
      en: ['Hi {first}, I am sorry. Your device is under warranty. I have opened return authorisation RMA-{rma}; a prepaid label is on its way by email. — {agent}'],
      zh: ['{first}您好，非常抱歉。您的设备在保修期内，我已创建退货授权 RMA-{rma}，预付运单会发到您的邮箱。——{agent}'],
    },
    followUp: { en: ['I sent the device back yesterday. When will the new one arrive?'], zh: ['设备昨天已经寄回了，新的什么时候能到？'] },
    answer: { en: ['The warehouse received it this morning; the replacement ships today.'], zh: ['仓库今天上午已收到，替换设备今天发出。'] },
    resolve: { en: ['Your replacement was delivered. Closing the RMA case.'], zh: ['替换设备已送达，RMA 工单关闭。'] },
    notes: { en: ['RMA-{rma} created, prepaid label sent.', 'Waiting for warehouse receipt.'], zh: ['已创建 RMA-{rma}，预付运单已发送。', '等待仓库签收。'] },
  },
  {
    key: 'app_sync',
    devices: ALL,
    priority: 'P2',
    subject: { en: 'Data not syncing to the phone app', zh: '数据无法同步到手机 App' },
    open: {
      en: ['The app has not shown new data from my {model} since Tuesday. The device itself shows readings.', 'My doctor cannot see my data in the portal because the app stopped syncing.'],
      zh: ['从周二开始 App 就没有 {model} 的新数据了，设备本身有读数。', 'App 不同步了，医生在平台上看不到我的数据。'],
    },
    reply: {
      en: ['Hi {first}, please pull down on the Home screen of the app to refresh, and make sure background app refresh is allowed. If it still does not sync, sign out and in again; no data is lost, it stays on the device for 14 days. — {agent}'],
      zh: ['{first}您好，请在 App 首页下拉刷新，并确认已允许后台刷新。如仍不同步，请退出登录后重新登录，数据不会丢失，设备会保存 14 天。——{agent}'],
    },
    followUp: { en: ['Signing out and in helped, the data is back. But it stops again after a day.'], zh: ['重新登录以后数据回来了，可是过一天又不同步了。'] },
    answer: { en: ['Your phone\'s battery saver closes the app. Please add Vitalink to the list of apps that are never put to sleep.'], zh: ['是手机的省电模式关闭了 App，请把 Vitalink 加入“不休眠”应用名单。'] },
    resolve: { en: ['Sync has been stable for three days. Closing this case.'], zh: ['已连续三天同步正常，工单将关闭。'] },
    notes: { en: ['Battery optimisation killing background sync.'], zh: ['手机省电策略导致后台同步中断。'] },
  },
  {
    key: 'sensor_early',
    devices: ['cgm'],
    priority: 'P2',
    subject: { en: 'Sensor ended before 14 days', zh: '传感器未满 14 天提前失效' },
    open: {
      en: ['My sensor stopped on day 9 with "Replace sensor". That is the second one this month.'],
      zh: ['传感器第 9 天就提示“请更换传感器”，这个月已经是第二个了。'],
    },
    reply: {
      en: ['Hi {first}, sorry about that. Please send me the sensor serial from the app (Devices > Sensor info) and we will send a free replacement. — {agent}'],
      zh: ['{first}您好，很抱歉。请在 App“设备 > 传感器信息”中找到传感器序列号发给我，我们会免费补发。——{agent}'],
    },
    followUp: { en: ['The serial is {serial}. Thank you.'], zh: ['序列号是 {serial}，谢谢。'] },
    answer: { en: ['A replacement sensor is on its way. Tip: avoid applying it on the waistband line where clothes rub.'], zh: ['补发的传感器已寄出。小提示：不要贴在裤腰等容易摩擦的位置。'] },
    resolve: { en: ['Replacement delivered. Closing this case.'], zh: ['补发传感器已签收，工单关闭。'] },
    notes: { en: ['Free replacement sensor sent.'], zh: ['已免费补发传感器。'] },
  },
  {
    key: 'firmware',
    devices: ['smart_watch', 'bp_cuff', 'ecg_patch'],
    priority: 'P2',
    subject: { en: 'Firmware update failed', zh: '固件升级失败' },
    open: {
      en: ['The firmware update of my {model} stops at 43 % and then says "update failed". It is on {firmware}.'],
      zh: ['{model} 固件升级到 43% 就停了，提示“升级失败”，现在是 {firmware} 版本。'],
    },
    reply: {
      en: ['Hi {first}, please charge the device above 50 % and keep the phone next to it with the app open during the update; the update pauses when the app goes to the background. — {agent}'],
      zh: ['{first}您好，请先把设备充电到 50% 以上，升级过程中让手机放在旁边并保持 App 在前台，App 进入后台时升级会暂停。——{agent}'],
    },
    followUp: { en: ['Tried again with the app open, now it worked.'], zh: ['保持 App 打开又试了一次，成功了。'] },
    answer: { en: ['Great. The new firmware also improves battery life.'], zh: ['太好了，新固件还优化了续航。'] },
    resolve: { en: ['Closing this case. Enjoy the update!'], zh: ['工单将关闭，祝使用愉快！'] },
    notes: { en: ['OTA stalls when app backgrounded (known).'], zh: ['App 进入后台导致升级中断（已知问题）。'] },
  },
  {
    key: 'billing',
    devices: ALL,
    priority: 'P3',
    subject: { en: 'Invoice copy and shipping address change', zh: '补开发票及修改收货地址' },
    open: {
      en: ['Could you send me a copy of the invoice for my {model}? Also, I moved, please update my shipping address for the sensor subscription.'],
      zh: ['能否补发 {model} 的发票？另外我搬家了，请帮我修改传感器订阅的收货地址。'],
    },
    reply: {
      en: ['Hi {first}, the invoice copy is attached to this reply. Please send the new address and I will update the subscription. — {agent}'],
      zh: ['{first}您好，发票已附在本邮件中。请把新地址发给我，我来更新订阅信息。——{agent}'],
    },
    followUp: { en: ['Thanks! The new address is in my profile now, I updated it in the app.'], zh: ['谢谢！我已在 App 里更新了地址。'] },
    answer: { en: ['I see it, the next shipment will go to the new address.'], zh: ['已看到，下一次发货会寄到新地址。'] },
    resolve: { en: ['All done. Closing this request.'], zh: ['已全部处理完毕，工单关闭。'] },
    notes: { en: ['Non-core request; billing team informed.'], zh: ['非核心诉求，已告知财务。'] },
  },
  {
    key: 'ecg_report',
    devices: ['ecg_patch'],
    priority: 'P2',
    subject: { en: 'Exporting the full ECG report for a patient', zh: '导出患者完整心电报告' },
    open: {
      en: ['I am a cardiologist; my patient wore a {model} for 7 days. The PDF export only shows 24 hours. How do I get the full report?'],
      zh: ['我是心内科医生，患者佩戴 {model} 7 天，导出的 PDF 只有 24 小时，怎样导出完整报告？'],
    },
    reply: {
      en: ['Hello Dr. {last}, in the clinician portal choose Reports > Holter summary and set the range to the full wear period; the app export is limited to 24 hours. — {agent}'],
      zh: ['{last}医生您好，请在医生平台选择“报告 > Holter 汇总”，把时间范围设为完整佩戴期；App 导出仅限 24 小时。——{agent}'],
    },
    followUp: { en: ['Found it, thanks. Can the report include the event markers the patient pressed?'], zh: ['找到了，谢谢。报告能包含患者按下的事件标记吗？'] },
    answer: { en: ['Yes, tick "Patient-triggered events" in the report options.'], zh: ['可以，在报告选项中勾选“患者触发事件”即可。'] },
    resolve: { en: ['Closing this case. Our clinical team is available for any further questions.'], zh: ['工单将关闭，如有其他问题，我们的临床团队随时支持。'] },
    notes: { en: ['Clinician account; pointed to portal report.'], zh: ['医生账号；已指引使用平台报告。'] },
  },
];

export const THANKS: Bi = {
  en: ['Thank you so much, it works now!', 'Thanks for the quick help.', 'Perfect, thank you.', 'Thanks, all good now.'],
  zh: ['太感谢了，现在好了！', '谢谢你们这么快帮忙。', '好的，谢谢。', '谢谢，现在都正常了。'],
};

export const STILL_BROKEN: Bi = {
  en: ['I tried that, but the problem is still there.', 'Sorry, it happened again this morning.', 'Any update on this? I have not heard back.'],
  zh: ['我试过了，问题还在。', '不好意思，今天早上又出现了。', '请问有进展吗？一直没收到回复。'],
};

export const CALL_NOTES: Bi = {
  en: [
    'Call: went through the steps with the customer on the phone; customer will try again and reply.',
    'Call: customer prefers phone; explained slowly and sent a written summary.',
    'Call: confirmed device serial and warranty; next step agreed.',
  ],
  zh: ['电话：已在电话中带客户逐步操作，客户稍后再试并回复。', '电话：客户更喜欢电话沟通，已放慢语速解释并发送文字总结。', '电话：已核实设备序列号和保修，约定了下一步。'],
};

export const PHONE_FOLLOW_UP: Bi = {
  en: ['Hi {first}, as discussed on the phone, here is a written summary of the steps. Reply here any time. — {agent}'],
  zh: ['{first}您好，按电话里沟通的，这里是操作步骤的文字总结，有问题随时回复。——{agent}'],
};
