/**
 * The words of indicator labels, by what they say about an indicator's meaning (its facets). Data, not code:
 * facets.ts reads a label with it, the catalog describes each indicator in the same terms, place.ts compares.
 *
 *   object    what is counted (信访案件, 矛盾纠纷, 热线工单, 行政执法人员, 行政村 …)
 *   stage     which step of it (受理 · 化解 · 办结 · 持证 · 参考 …)
 *   measure   count, people, person-times, amount, rate, yes/no
 *   level     国家级 · 省级 · 市级 · 县级            scope   村 · 社区 · 村（社区）
 *   neg       不/未/无效 (不满意率 is not 满意率)       timely  按时/按期 (按期办结率 is not 办结率)
 *   fresh     新增/新申领                            once    一次性 (a subset with a meaning of its own)
 *
 * A word that changes meaning is never a filler. Longer words win over the shorter words inside them
 * (`调解成功` over `调解`, `行政执法证` over `执法`).
 */

export type Measure = 'count' | 'people' | 'times' | 'amount' | 'rate' | 'yesno';
export type Level = 'county' | 'city' | 'province' | 'national';
export type Scope = 'village' | 'community' | 'both';

/** What one word says. Several facets may come from one word (`民主法治示范社区`: object + scope). */
export interface WordSense {
  object?: string;
  /** The object can only qualify another one (`执法证` in `执法证持证率`), never be what is counted. */
  modOnly?: boolean;
  stage?: string;
  /** The object a stage word implies when the label names none (`调解成功` → 矛盾纠纷, `持证` → 执法人员). */
  hint?: string;
  /** An object word that does not say which of its kinds (`培训`: 法治培训 or 执法培训?; `合法性审查` of what?). */
  vague?: boolean;
  measure?: Measure;
  /** A generic measure word (`数`): fits counts, people and person-times alike. */
  generic?: boolean;
  level?: Level;
  /** A level followed by 以上/及以上: a nested count no single level indicator holds. */
  levelPlus?: boolean;
  scope?: Scope;
  neg?: boolean;
  timely?: boolean;
  overdue?: boolean;
  fresh?: boolean;
  once?: boolean;
  /** Says nothing about which indicator (verbs of doing, `全年`, `共计`). */
  filler?: boolean;
}

type Entry = [words: string, sense: WordSense];

/** Objects: what is counted. */
const OBJECTS: Entry[] = [
  // 矛盾纠纷化解与社会治理
  ['信访案件 信访事项 信访件 来访群众 群众来访 来信来访 信访问题 信访量 信访 来访 上访 访件', { object: 'petition' }],
  ['矛盾纠纷 人民调解案件 民间纠纷 调解案件 纠纷案件 社会矛盾 人民调解 纠纷 矛盾', { object: 'dispute' }],
  ['12345热线工单 12345工单 12345热线 热线工单 电子工单 转办工单 工单 群众诉求 诉求件 诉求 转办件 政务热线 服务热线 热线', { object: 'hotline' }],
  ['安置帮教对象 安置帮教人员 安置帮教 帮教对象 刑满释放人员', { object: 'rehab' }],
  ['重点管控人员 重点管控对象 重点人员 重点对象', { object: 'keyperson' }],
  // 行政执法
  ['行政执法人员 执法人员 执法队员 在编执法人员 执法力量 队员', { object: 'officer' }],
  // a certificate is held: `执法证` alone says 持证 (`新申领执法证` are newly certified officers)
  ['行政执法证件 行政执法证 执法证件 执法证', { object: 'certificate', modOnly: true, hint: 'officer', stage: 'certified' }],
  ['执法业务 行政执法 执法', { object: 'enforcement', modOnly: true }],
  ['执法检查 安全检查 检查企业 检查商户 检查 巡查', { object: 'inspection' }],
  ['安全隐患 隐患', { object: 'hazard' }],
  ['执法文书 整改通知书 法律文书 文书 通知书', { object: 'document' }],
  ['行政处罚案件 处罚案件 立案 案件', { object: 'case' }],
  ['罚没款 罚没金额 罚没 罚款', { object: 'fine', measure: 'amount' }],
  ['重大行政决策 重大决策 重大事项决策 重大事项', { object: 'decision' }],
  ['规范性文件备案审查 规范性文件备案 规范性文件审查 规范性文件审核', { object: 'review', hint: 'review' }],
  ['合法性审查 合法性审核 审查 审核', { object: 'review', vague: true }],
  ['行政规范性文件 规范性文件', { object: 'normative', modOnly: true }],
  ['合同', { object: 'contract', modOnly: true }],
  ['政务公开信息 公开政务信息 政府信息公开 政务公开 信息公开 公开信息 政务信息', { object: 'govinfo' }],
  // 公共法律服务与法治阵地
  ['法律顾问', { object: 'counsel' }],
  ['民主法治示范村 民主法治村 示范村', { object: 'demo', scope: 'village' }],
  ['民主法治示范社区 民主法治社区 示范社区', { object: 'demo', scope: 'community' }],
  ['民主法治示范', { object: 'demo' }],
  ['行政村 建制村 村居 村组 村', { object: 'village', scope: 'village' }],
  ['社区', { object: 'village', scope: 'community' }],
  ['法治图书室 法律图书角 法治图书角 法治书屋 图书室 图书角', { object: 'library' }],
  ['法治文化阵地 法治阵地 阵地', { object: 'position' }],
  ['镇乡政府 乡镇政府 镇政府 乡政府 政府', { object: 'government', modOnly: true }],
  // 法治宣传教育
  ['法治宣传资料 普法宣传资料 普法宣传材料 法治宣传材料 宣传资料 宣传材料 普法资料 宣传册 宣传单 明白纸 资料 材料', { object: 'material' }],
  ['横幅标语 宣传横幅 宣传标语 横幅 标语 条幅', { object: 'banner' }],
  ['黑板报 宣传栏 宣传专栏 板报 专栏 橱窗', { object: 'board' }],
  ['法律咨询 咨询', { object: 'consultation' }],
  ['法律知识培训 法治培训 普法培训 法治讲座 普法讲座 法治课', { object: 'training' }],
  ['培训 讲座 轮训', { object: 'training', vague: true }],
  ['参训', { hint: 'training', vague: true }],
  ['法治宣传队伍 普法宣讲团 普法宣传队 法治宣传队 宣讲队伍 宣传队伍 宣讲团 宣传队 队伍', { object: 'team' }],
  ['普法志愿者 法治志愿者 志愿者 宣讲员 宣讲团成员', { object: 'team', measure: 'people' }],
  ['普法宣传活动 法治宣传活动 法治宣传教育活动 普法宣传教育活动 宣传教育活动 普法宣讲活动 宣讲活动 普法活动 宣传活动 普法宣讲 普法宣传 法治宣传 普法', { object: 'publicity' }],
  ['学法用法考试 学法考试 法律知识考试 学法测试 考试', { object: 'exam' }],
  // 第一责任人
  ['法治建设领导小组 法治政府建设领导小组 领导小组', { object: 'leadgroup', measure: 'yesno' }],
  ['专题研究法治建设会议 专题研究法治建设 专题会议 专题研究 联席会议 会议', { object: 'meeting' }],
  ['理论学习中心组 中心组', { object: 'centergroup' }],
  ['会前学法 会前学习', { object: 'prestudy' }],
  ['党委会 常务会议 常务会 办公会', { object: 'body', modOnly: true }],
  ['年终述法 年度述法 述法', { object: 'yearend', measure: 'yesno' }],
];

/** Stages: which step of the object. */
const STAGES: Entry[] = [
  ['受理 排查 接待 发生 录入 梳理 收到 接到 接收 登记 收集 发现', { stage: 'received' }],
  ['调处成功 调解成功 成功调解 化解成功 成功化解 调结', { stage: 'resolved', hint: 'dispute' }],
  ['化解 已解决 解决 成功', { stage: 'resolved' }],
  ['办结 结案 办理完结 已办结 办毕', { stage: 'closed' }],
  ['调处 调解', { stage: 'handled', hint: 'dispute' }],
  ['处理 办理', { stage: 'handled' }],
  ['满意度', { stage: 'satisfied', measure: 'rate' }],
  ['满意', { stage: 'satisfied' }],
  ['持证上岗 持有执法证 持行政执法证 持证 持有', { stage: 'certified', hint: 'officer' }],
  ['出动', { stage: 'deployed', hint: 'officer' }],
  ['全覆盖', { stage: 'covered', measure: 'rate' }],
  ['覆盖', { stage: 'covered' }],
  // `法律顾问服务次数` counts visits, not counsels; `法律顾问服务覆盖村` is still coverage
  ['服务', { stage: 'served' }],
  ['应参加考试 应参考 应考', { stage: 'expected', hint: 'exam' }],
  ['参加考试 实际参考 实考 参考 参学 参加学法考试', { stage: 'taken', hint: 'exam' }],
  ['缺考', { stage: 'taken', neg: true, hint: 'exam' }],
  ['优秀', { stage: 'excellent', hint: 'exam' }],
  ['合格 及格', { stage: 'qualified', hint: 'exam' }],
  ['通过', { stage: 'passed', hint: 'exam' }],
  ['集体研究讨论决定 集体讨论决定 集体研究讨论 集体讨论 集体研究决定 集体研究 集体决定', { stage: 'collective', hint: 'decision' }],
  ['整改', { stage: 'rectified' }],
  ['回访', { stage: 'revisited' }],
  ['审结', { stage: 'closed' }],
];

/** Measures, levels, scope and the words that turn a meaning round. */
const QUALIFIERS: Entry[] = [
  ['率 比例 比重 占比 百分比 百分率', { measure: 'rate' }],
  ['人次 人·次 人/次', { measure: 'times' }],
  ['人数 人员数 名数 成员数 成员 人员', { measure: 'people' }],
  ['金额 资金 经费 投入 投资 万元 元', { measure: 'amount' }],
  ['是否', { measure: 'yesno' }],
  ['件数 个数 次数 场次数 场数 期数 份数 起数 宗数 条数 项数 场次 家次 户次 批次 数', { measure: 'count', generic: true }],
  ['国家级 全国', { level: 'national' }],
  ['省级 省部级', { level: 'province' }],
  ['市级 州级 地市级 地级', { level: 'city' }],
  ['县区级 县级 区级 旗级', { level: 'county' }],
  ['不满意 不满意度', { neg: true, stage: 'satisfied' }],
  ['未参考 未参加考试 未参加', { neg: true, stage: 'taken', hint: 'exam' }],
  ['无效 未 不 没有 非', { neg: true }],
  ['按时 按期 及时 限时', { timely: true }],
  ['超时 超期 逾期', { overdue: true }],
  ['新申领 新领取 新领 新考取 考取 新办 新增 新发放 新', { fresh: true }],
  ['一次性', { once: true }],
];

/** Words that say nothing about which indicator: verbs of doing, time, totals, the domain's own name. */
const FILLERS =
  '全年 全镇 全乡 全街道 全县 全区 本年度 本年 年度内 年度 今年 当年 累计 共计 共有 共 总计 总数 总量 合计 数量 情况 ' +
  '开展 组织 举办 召开 发放 印发 悬挂 张贴 制作 下达 下发 提供 接受 解答 聘请 配备 成立 建立 设立 完成 实现 达到 达 ' +
  '为 的 各类 各种 各项 其中 依法 法治政府建设 法治建设 依法治镇 依法治乡 依法治村 依法治县 工作 群众 事项 ' +
  '一村一 一村社区一 有 已 在 和 与 及 等 之 各 类 总 所 党委 政府 乡镇 镇 乡 街道 全体 参加 参与 参训 培训人 开展的 ' +
  '辖 辖区 现有 拥有 实有 数据 指标 统计 项目 内容 相关 有关 人 名 位 件 个 次 场 起 宗 批 条 份 册 本 张 幅 期 支 项 家 户 处 间 篇 万 ' +
  '达到的 达标 实际 本期 同期 以来 完成数 成绩 转办 法律 知识 便民 政务服务 大队 中队 违法 重大 镇村 聘用 经 研究 群众性 形式多样 多种形式 丰富多彩 办 学法 学习 学习法治思想 思想 集中学法 集中学习 学习法治 法治思想 习近平法治思想 查处 次数为';

const LEXICON: Entry[] = [...OBJECTS, ...STAGES, ...QUALIFIERS];

/** Every word with its sense; a word listed twice keeps its first sense. */
export const WORDS: ReadonlyMap<string, WordSense> = (() => {
  const m = new Map<string, WordSense>();
  for (const [words, sense] of LEXICON) for (const w of words.split(/\s+/)) if (w && !m.has(w)) m.set(w, sense);
  for (const w of FILLERS.split(/\s+/)) if (w && !m.has(w)) m.set(w, { filler: true });
  return m;
})();

/** The longest word of the lexicon, in characters: the scanner tries no longer match. */
export const LONGEST_WORD = Math.max(...[...WORDS.keys()].map((w) => w.length));

/** A header or label that speaks of a rate: `率`, `比例`, `百分比`, `占比`, `%`. The one test of it. */
export const RATE_WORDS = /%|％|率|比例|百分比|占比/;
export function saysRate(text: string): boolean {
  return RATE_WORDS.test(text);
}

/** Units as the measure they imply (`%` → rate, `人次` → person-times, `万元` → amount). */
export function measureOfUnit(unit: string | null | undefined): Measure | null {
  if (!unit) return null;
  const u = unit.normalize('NFKC').replace(/\s+/g, '');
  if (/^(%|‰|百分比|百分率)$/.test(u)) return 'rate';
  if (/^(人次|万人次|人·次)$/.test(u)) return 'times';
  if (/^(人|名|位|万人)$/.test(u)) return 'people';
  if (/^(元|万元|千元|亿元)$/.test(u)) return 'amount';
  if (/^(是否|是\/否|是或否)$/.test(u)) return 'yesno';
  if (/^(件|个|次|场|场次|起|宗|批|批次|条|份|万份|册|本|张|幅|期|支|项|家|家次|户|户次|处|间|篇|件次|条次|套)$/.test(u)) return 'count';
  return null;
}

/** Words a level may be written with, for messages (`县级`). */
export const LEVEL_NAMES: Record<Level, string> = { county: '县级', city: '市级', province: '省级', national: '国家级' };
export const SCOPE_NAMES: Record<Scope, string> = { village: '村', community: '社区', both: '村（社区）' };
export const MEASURE_NAMES: Record<Measure, string> = {
  count: '数量',
  people: '人数',
  times: '人次',
  amount: '金额',
  rate: '比率',
  yesno: '是否',
};
