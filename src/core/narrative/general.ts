/**
 * The general clause: how the report states a figure whose row the catalog could not place (`聘请专家 | 人次 | 21`,
 * a county's own indicator), from its label, figure and unit, the way officials write:
 *
 *   聘请专家 | 人次 | 21                          → 聘请专家21人次            (a verb-object label reads as it stands)
 *   开展以案释法、民法典宣传等活动 | 场次 | 27余    → 开展以案释法、民法典宣传等活动27余场次
 *   处罚金 | 万元 | 1.3                            → 处罚金1.3万元             (an amount: label and figure)
 *   人民调解员 | 人 | 12                           → 共有人民调解员12人        (people, places, bodies: 共有…)
 *   法治讲座 | 场 | 5                              → 开展法治讲座5场           (events: 开展…)
 *   法律顾问人数 | 名 | 5                          → 共有法律顾问5名           (`人数`/`次数`/`数` before a unit goes)
 *   行政复议纠错率 | % | 12.5                      → 行政复议纠错率12.5%       (rates as catalog rates: one decimal)
 *   是否建立法律顾问制度 | 否                      → 未建立法律顾问制度
 *
 * The figure itself is always formatFigure's (format.ts): approximation markers and 万 as written (`3万余份`).
 */
import { formatFigure } from '../format';
import { unitInLabel } from '../match';
import { formatPercent, ratePercent } from '../rate';
import type { Observation, UnknownFigure } from '../types';

/** Verbs a label of the reports starts with when it is verb-object (`聘请专家`, `下达执法文书`, `开展…活动`). */
const VERBS = [
  '开展', '举办', '组织', '召开', '聘请', '聘任', '选聘', '下达', '下发', '印发', '发放', '发出', '发布', '发送', '悬挂', '张贴',
  '出动', '检查', '排查', '摸排', '巡查', '制作', '出具', '立案', '查处', '查办', '办理', '受理', '化解', '调解', '调处', '接待',
  '走访', '回访', '签订', '建立', '建成', '创建', '新建', '新增', '投入', '公开', '审查', '备案', '培训', '参训', '参加', '参与',
  '接受', '提供', '解答', '录入', '收到', '处理', '处置', '整改', '整治', '清理', '拆除', '关停', '取缔', '没收', '罚没', '处罚',
  '制定', '修订', '出台', '编印', '印制', '推送', '刊发', '播放', '设立', '设置', '配备', '完成', '落实', '实施', '帮扶', '救助',
  '结案', '办结', '解决', '约谈', '督办', '督查', '考核', '评选', '表彰', '申领', '换发', '颁发', '审批', '审核', '登记', '宣讲',
  '授课', '送法', '观看', '学习', '报送', '上报', '征集', '征求', '听取', '邀请', '招募', '组建', '成立', '培育', '打造', '挂牌',
  '购置', '提出', '提交', '作出', '做出', '送达', '执行', '发现', '消除', '侦破', '破获', '抓获', '打击', '帮教', '安置', '矫正',
  '管控', '稳控', '疏导', '排除', '推动', '指导', '协助', '协调', '答复', '反馈', '核查', '核实', '复核', '审理', '裁决', '调查',
];
const VERB_RE = new RegExp(`^(?:全年|共|累计|本年度|年内)?(?:${VERBS.join('|')})`);

/** Units of people, places and bodies: a noun label reads `共有人民调解员12人`. */
const HOLDING_UNITS = new Set(['人', '名', '个', '支', '家', '所', '户', '座', '间', '处', '位']);
/** Units of events: a noun label reads `开展法治讲座5场`. */
const EVENT_UNITS = new Set(['场', '场次', '次', '期', '轮', '批', '批次']);
/** Money: an amount reads as label and figure (`处罚金1.3万元`, `法治阵地投入8.5万元`). */
const MONEY_UNITS = new Set(['元', '千元', '万元', '亿元']);

/** Does the label start with a verb (`聘请专家`, `全年开展…`)? */
export function isVerbObject(label: string): boolean {
  return VERB_RE.test(label);
}

/**
 * The label as prose names the thing: a unit in brackets (`投入（万元）`) goes, and a counting suffix before a figure
 * with its own unit (`法律顾问人数` → `法律顾问`, `检查次数` → `检查`).
 */
export function proseLabel(label: string, hasUnit: boolean): string {
  let t = label.replace(/\s+/g, '').replace(/[:：]+$/, '');
  if (unitInLabel(t) !== null) t = t.replace(/[（(【[][^（()）【】[\]]{0,10}[)）】\]]$/, '');
  if (hasUnit && !/(?:指数|系数|分数|倍数|参数)$/.test(t)) {
    const cut = t.replace(/(?:的)?(?:人数|次数|件数|个数|场次数|户数|总数|数量|数)$/, '');
    if (cut.length >= 2) t = cut;
  }
  return t;
}

/** A figure as an Observation-shaped value for format.ts (no catalog indicator). */
function asObservation(f: UnknownFigure): Observation {
  return { ...f, indicator: '' };
}

/** The figure as written, with unit and approximation markers (`27余场次`, `3万余份`, `12.5%`); '' when none. */
export function unknownFigureText(f: UnknownFigure): string {
  return formatFigure(asObservation(f));
}

/** A yes/no row: `是否建立法律顾问制度` → 建立法律顾问制度 / 未建立法律顾问制度; `法律顾问制度是否健全` → 健全 / 不健全. */
function yesNoClause(label: string, yes: boolean): string {
  const t = proseLabel(label, false);
  const i = t.indexOf('是否');
  if (i >= 0) {
    const rest = t.slice(i + 2);
    const not = isVerbObject(rest) ? '未' : '不';
    return `${t.slice(0, i)}${yes ? '' : not}${rest}`;
  }
  if (isVerbObject(t)) return yes ? t : `未${t}`;
  return `${t}：${yes ? '是' : '否'}`;
}

/**
 * How a figure enters a clause: the narrative wraps it so its place in the finished paragraph is known (index.ts,
 * Paragraph.figures); anyone else takes the text as it is.
 */
export type MarkFigure = (text: string, figs: UnknownFigure[]) => string;
const asIs: MarkFigure = (text) => text;

/** A count or amount with its label, as officials write it. */
function amountClause(label: string, f: UnknownFigure, fig: string): string {
  const unit = f.unit ?? '';
  const t = proseLabel(label, unit !== '');
  if (isVerbObject(t) || MONEY_UNITS.has(unit)) return `${t}${fig}`;
  if (HOLDING_UNITS.has(unit)) return `共有${t}${fig}`;
  if (EVENT_UNITS.has(unit)) return `开展${t}${fig}`;
  return `${t}${fig}`;
}

/**
 * The rate of a 分子 | 分母 | 比率 row: recomputed from its parts when both are there (as catalog rates are), the
 * parts said after it: `扫黑除恶宣传覆盖率93.8%（45/48）`. Null when this is not such a row.
 */
function rateRowClause(label: string, figs: UnknownFigure[], mark: MarkFigure): string | null {
  const pct = figs.find((f) => f.kind === 'percent');
  const nums = figs.filter((f) => f.kind === 'number' && typeof f.value === 'number');
  if (nums.length !== 2) return null;
  const [n, d] = nums;
  const v = ratePercent(n.value as number, d.value as number);
  const shown =
    v != null && v >= 0 && v <= 100 + 1e-9
      ? mark(`${n.approx || d.approx ? '约' : ''}${formatPercent(v)}`, figs)
      : pct && unknownFigureText(pct)
        ? mark(unknownFigureText(pct), [pct])
        : '';
  const t = proseLabel(label, false);
  return `${t}${shown}（${mark(unknownFigureText(n), [n])}/${mark(unknownFigureText(d), [d])}）`;
}

/** The rate a 分子 | 分母 | 比率 row states, for the audit (null when not such a row or over 100%). */
export function rateRowFigure(figs: UnknownFigure[]): string | null {
  const nums = figs.filter((f) => f.kind === 'number' && typeof f.value === 'number');
  if (nums.length !== 2) return null;
  const v = ratePercent(nums[0].value as number, nums[1].value as number);
  return v != null && v >= 0 && v <= 100 + 1e-9 ? formatPercent(v) : null;
}

/**
 * The clause for one row's figures (its current, unit-level ones), or null when there is nothing to state (no label,
 * no figure). Several figures of one row (a rate row's parts) are said together.
 */
export function generalClause(label: string, figs: UnknownFigure[], mark: MarkFigure = asIs): string | null {
  const name = label.trim();
  const shown = figs.filter((f) => unknownFigureText(f) !== '');
  if (!name || shown.length === 0) return null;
  if (shown.length > 1) {
    const rate = rateRowClause(name, shown, mark);
    if (rate) return rate;
  }
  const parts = shown.map((f) => {
    if (f.kind === 'yesno') return yesNoClause(name, f.value === true);
    const fig = mark(unknownFigureText(f), [f]);
    if (f.kind === 'percent') return `${proseLabel(name, false)}${fig}`;
    return amountClause(name, f, fig);
  });
  if (parts.length === 1) return parts[0];
  // one label, several figures of its own (e.g. a 场次 and a 人次 column): the label once, the figures after it
  const first = parts[0];
  const rest = shown.slice(1).map((f) => (f.kind === 'yesno' ? unknownFigureText(f) : mark(unknownFigureText(f), [f])));
  return `${first}、${rest.join('、')}`;
}
