/**
 * The labelled corpus for label placement (issue 10): row labels and column headers as township clerks write them,
 * each with the context it stands in and the answer a careful county statistician would give from the wording
 * alone — an indicator id, `unknown` (not an indicator of the catalog) or `ambiguous` (an indicator, but the
 * wording and context do not say which).
 *
 * Written as an independent yardstick: from the three reports in /work/shared/domain/reports/, the families of
 * issue 10, the "Real wording" section and the layouts of the domain brief — never from an implementation, and
 * never tuned to one. `source` cites where a wording comes from; `resembles` names the indicator a near miss must
 * NOT land on (`nearMiss` marks the near misses, including labels that are no indicator at all).
 *
 * This file imports nothing from src/, so bench/ can score any placer on it with `scoreCorpus`.
 */

/** The context of a label, as the placer's `LabelContext` (src/core/meaning) takes it. */
export interface CorpusContext {
  sheet?: string;
  section?: string;
  parent?: string;
  unit?: string;
  neighbours?: string[];
  sub?: boolean;
}

export interface CorpusEntry {
  label: string;
  ctx?: CorpusContext;
  /** An indicator id, `unknown` or `ambiguous`. */
  expect: string;
  why?: string;
  source?: string;
  /** A near miss: a wording that looks like an indicator it is not (or no indicator at all). */
  nearMiss?: boolean;
  /** The indicator a near miss resembles and must not be placed on. */
  resembles?: string;
}

/** What a placer answers, reduced to what the score needs. */
export type CorpusPlacement =
  | { status: 'placed'; id: string }
  | { status: 'ambiguous' }
  | { status: 'unknown' };

const QY = '前营乡-2023.txt';
const ZY = '周营镇-2023.txt';
const DZZ = '大钟庄镇-2021.txt';
const ISSUE = 'issue 10';
const WORDING = 'domain README, Real wording';
const CATALOG = 'domain README, indicator catalog';
const LAYOUT = 'domain README, layouts (单位 column, 其中 rows, summary headers with units)';

interface Extra {
  ctx?: CorpusContext;
  why?: string;
  source?: string;
  /** true, or the id the near miss resembles */
  near?: true | string;
}
type Row = [label: string, expect: string, extra?: Extra];

function rows(defaults: Extra, list: Row[]): CorpusEntry[] {
  return list.map(([label, expect, extra = {}]) => {
    const x: Extra = { ...defaults, ...extra, ctx: extra.ctx ?? defaults.ctx };
    const e: CorpusEntry = { label, expect };
    if (x.ctx) e.ctx = x.ctx;
    if (x.why) e.why = x.why;
    if (x.source) e.source = x.source;
    if (x.near !== undefined) {
      e.nearMiss = true;
      if (typeof x.near === 'string') e.resembles = x.near;
    }
    return e;
  });
}

// ───────────────────────────── 第一责任人履职 ─────────────────────────────

const leadership = rows({}, [
  ['法治建设领导小组', 'leading_group', { source: CATALOG }],
  ['成立法治政府建设领导小组', 'leading_group', { source: CATALOG }],
  ['依法治乡领导小组', 'leading_group', { source: QY }],
  ['党委专题研究法治建设会议', 'special_meetings', { source: CATALOG }],
  ['召开专题会议研究法治建设', 'special_meetings', { source: QY, ctx: { unit: '次' }, why: '乡党委书记多次主持召开专题会议听取和研究法治建设工作' }],
  ['党政联席会议研究法治建设', 'special_meetings', { source: DZZ, ctx: { unit: '次' } }],
  ['党政联席会议', 'unknown', { source: DZZ, near: 'special_meetings', why: 'a joint meeting counted whatever its topic; only the ones on 法治建设 are the indicator' }],
  ['党委联席会', 'unknown', { source: DZZ, near: 'special_meetings', why: '研究分析辖区内的不稳定因素: not a meeting on 法治建设' }],
  ['中心组学习法治思想', 'center_group_study', { source: QY, ctx: { unit: '次' } }],
  ['党委理论学习中心组学法', 'center_group_study', { source: ZY }],
  ['中心组集中学法', 'center_group_study', { source: DZZ }],
  ['党委会学法', 'pre_meeting_study', { source: QY, ctx: { unit: '次' } }],
  ['会前学法', 'pre_meeting_study', { source: DZZ, ctx: { unit: '次' } }],
  ['政府常务会议会前学法', 'pre_meeting_study', { source: CATALOG }],
  ['年终述法', 'year_end_report', { source: CATALOG }],
  ['党政主要负责人年终述法', 'year_end_report', { source: CATALOG }],
  ['述职述廉', 'unknown', { source: DZZ, near: 'year_end_report', why: '领导干部述职述廉 is a report on duty and integrity, not 述法' }],
  ['民主生活会', 'unknown', { source: DZZ, near: true }],
  ['民主评议会', 'unknown', { source: DZZ, near: true }],
  ['廉政教育培训会', 'unknown', { source: ZY, near: 'trainings', why: 'an integrity training, not a 法治 training' }],
  ['党风廉政建设宣传标语', 'unknown', { source: DZZ, ctx: { unit: '幅' }, near: 'banners', why: '悬挂党风廉政建设宣传标语45幅: integrity slogans, not 普法 banners' }],
]);

// ───────────────────────────── 法治宣传教育 ─────────────────────────────

const publicity = rows({}, [
  ['普法宣传活动', 'publicity_events', { source: CATALOG, ctx: { unit: '场次' } }],
  ['群众性普法宣传活动', 'publicity_events', { source: ZY, ctx: { unit: '次' } }],
  ['开展形式多样的普法宣传活动', 'publicity_events', { source: ZY }],
  ['法治宣传活动（场次）', 'publicity_events', { source: LAYOUT }],
  ['法制宣传教育活动', 'publicity_events', { source: DZZ, why: 'the older 法制 spelling of 法治' }],
  ['普法宣讲活动', 'publicity_events', { source: ZY, ctx: { unit: '场' } }],
  ['“12·4”宪法宣传日活动', 'unknown', { source: QY, near: 'publicity_events', why: 'one day’s events, a part of the 普法 activities, not their number' }],
  ['“6·26”国际禁毒日宣传活动', 'unknown', { source: QY, near: 'publicity_events', why: 'a single campaign, a part of the whole' }],
  ['文艺演出', 'unknown', { source: DZZ, near: true }],
  ['印发各类普法宣传材料', 'materials', { source: ZY, ctx: { unit: '份' } }],
  ['发放宣传资料', 'materials', { source: DZZ, ctx: { unit: '份' } }],
  ['发放法治宣传资料（份）', 'materials', { source: LAYOUT }],
  ['宣传资料（册）', 'materials', { source: LAYOUT }],
  ['入户发放《疫情控制明白纸》', 'unknown', { source: DZZ, ctx: { unit: '份' }, near: 'materials', why: 'epidemic-control leaflets, not 法治 materials' }],
  ['张贴普法条幅', 'banners', { source: ZY, ctx: { unit: '幅' } }],
  ['悬挂横幅标语', 'banners', { source: CATALOG }],
  ['制作宣传横幅', 'banners', { source: DZZ, ctx: { unit: '条' } }],
  ['横幅（条）', 'banners', { source: LAYOUT }],
  ['黑板报', 'boards', { source: DZZ, ctx: { unit: '期' } }],
  ['宣传栏（期）', 'boards', { source: LAYOUT }],
  ['办板报', 'boards', { source: DZZ, ctx: { unit: '期' } }],
  ['法律咨询（人次）', 'consultations', { source: LAYOUT }],
  ['接受群众法律咨询', 'consultations', { source: CATALOG, ctx: { unit: '人次' } }],
  ['法律咨询点', 'unknown', { ctx: { unit: '个' }, near: 'consultations', why: 'places, not consultations' }],
  ['法治培训（场）', 'trainings', { source: LAYOUT }],
  ['举办法治讲座', 'trainings', { source: DZZ, ctx: { unit: '场' } }],
  ['普法知识讲座', 'trainings', { source: DZZ, ctx: { unit: '场' } }],
  ['法律知识培训', 'trainings', { source: CATALOG, ctx: { unit: '场' } }],
  ['法律轮训', 'trainings', { source: ZY, ctx: { unit: '场' }, why: '对各行政村两委班子及网格员进行法律轮训' }],
  ['法治讲座参加人数', 'training_attendance', { source: ISSUE, near: 'trainings', why: 'people attending, not the number of lectures' }],
  ['法治培训参加人次', 'training_attendance', { source: CATALOG }],
  ['法治培训人次', 'training_attendance', { source: CATALOG }],
  ['普法宣讲团', 'teams', { source: ZY, ctx: { unit: '支' } }],
  ['习近平法治思想宣讲团', 'teams', { source: QY, ctx: { unit: '个' } }],
  ['宣讲员', 'team_members', { source: ZY, ctx: { unit: '人' } }],
  ['普法志愿者队伍（支）', 'teams', { source: LAYOUT }],
  ['村巡逻队', 'unknown', { source: DZZ, ctx: { unit: '支' }, near: 'teams', why: 'patrol teams, not 普法 teams' }],
  ['巡逻队员', 'unknown', { source: DZZ, ctx: { unit: '人' }, near: 'team_members' }],
  ['法律明白人', 'unknown', { source: DZZ, ctx: { unit: '人' }, near: 'team_members' }],
]);

const exam = rows({}, [
  ['学法考试应考人数', 'exam_expected', { source: CATALOG }],
  ['应参考人数', 'exam_expected', { source: CATALOG }],
  ['应考人数', 'exam_expected', { source: CATALOG, ctx: { unit: '人' } }],
  ['学法考试参考人数', 'exam_taken', { source: CATALOG }],
  ['参加法律知识考试人数', 'exam_taken', { source: ZY, why: '组织全镇党员干部参加法律知识考试' }],
  ['实考人数', 'exam_taken', { source: CATALOG }],
  ['学法考试未参考人数', 'exam_not_taken', { source: ISSUE, near: 'exam_taken', why: '未 inverts it' }],
  ['未参考人数', 'exam_not_taken', { source: ISSUE, ctx: { unit: '人' }, near: 'exam_taken' }],
  ['学法考试缺考人数', 'exam_not_taken', { near: 'exam_taken', why: '缺考 = did not sit the exam' }],
  ['学法考试合格人数', 'exam_qualified', { source: ISSUE }],
  ['考试合格人数', 'exam_qualified', { source: ISSUE, ctx: { section: '二、法治宣传教育' } }],
  ['学法考试通过人数', 'exam_passed', { source: ISSUE }],
  ['学法考试不合格人数', 'unknown', { near: 'exam_qualified', why: '不 inverts it; no indicator counts failures' }],
  ['学法考试优秀人数', 'exam_excellent', { source: CATALOG }],
  ['考试优秀人数', 'exam_excellent', { source: CATALOG }],
  ['学法考试参考率', 'exam_participation_rate', { source: CATALOG }],
  ['参学率', 'exam_participation_rate', { source: WORDING }],
  ['学法考试合格率', 'exam_qualified_rate', { source: WORDING }],
  ['学法考试通过率', 'exam_pass_rate', { source: WORDING }],
  ['学法考试优秀率', 'exam_excellence_rate', { source: WORDING }],
  ['学法考试不合格率', 'unknown', { near: 'exam_qualified_rate', why: '不 inverts it' }],
  ['学法考试未参考率', 'unknown', { near: 'exam_participation_rate', why: '未 inverts it' }],
  ['学法考试平均分', 'unknown', { near: 'exam_excellence_rate', why: 'a score, not a count or rate of the catalog' }],
  ['参加执法资格考试人数', 'unknown', { source: DZZ, near: 'exam_taken', why: 'the enforcement qualification exam, not the 学法考试' }],
  ['执法资格考试合格率', 'unknown', { source: DZZ, near: 'exam_qualified_rate', why: 'the enforcement qualification exam, not the 学法考试' }],
]);

// ───────────────────────────── 信访 ─────────────────────────────

const petitions = rows({}, [
  ['受理信访案件', 'petitions_received', { source: CATALOG, ctx: { unit: '件' } }],
  ['信访案件受理数', 'petitions_received', { source: CATALOG }],
  ['信访案件', 'petitions_received', { source: ISSUE, ctx: { unit: '件' }, why: 'a bare object count is the number received' }],
  ['信访事项（件）', 'petitions_received', { source: WORDING }],
  ['信访件', 'petitions_received', { source: CATALOG, ctx: { unit: '件' } }],
  ['排查信访案件', 'petitions_received', { source: WORDING }],
  ['接待群众来访', 'petitions_received', { source: WORDING, ctx: { unit: '批次' } }],
  ['接待来访群众（批）', 'petitions_received', { source: WORDING }],
  ['收到信访事项', 'petitions_received', { source: WORDING }],
  ['录入信访事项', 'petitions_received', { source: WORDING, ctx: { unit: '件' } }],
  ['化解信访案件', 'petitions_resolved', { source: CATALOG, ctx: { unit: '件' } }],
  ['信访案件化解数', 'petitions_resolved', { source: CATALOG }],
  ['信访事项已解决', 'petitions_resolved', { source: WORDING, ctx: { unit: '件' } }],
  ['已化解信访事项', 'petitions_resolved', { source: WORDING }],
  ['信访案件办结数', 'petitions_closed', { source: ISSUE, near: 'hotline_closed', why: '办结 is closed, of petitions, not of hotline tickets' }],
  ['办结信访事项', 'petitions_closed', { source: WORDING, ctx: { unit: '件' }, near: 'hotline_closed' }],
  ['信访案件结案数', 'petitions_closed', { source: WORDING }],
  ['信访结案', 'petitions_closed', { source: WORDING, ctx: { unit: '件' } }],
  ['信访案件化解率', 'petition_resolution_rate', { source: ZY }],
  ['全镇信访案件化解率达到', 'petition_resolution_rate', { source: ZY, ctx: { unit: '%' } }],
  ['信访化解率', 'petition_resolution_rate', { source: CATALOG }],
  ['信访案件办结率', 'petition_closure_rate', { source: ISSUE, near: 'hotline_closure_rate' }],
  ['信访结案率', 'petition_closure_rate', { source: WORDING, near: 'hotline_closure_rate' }],
  ['信访事项满意率', 'petition_satisfaction_rate', { source: WORDING, near: 'hotline_satisfaction_rate' }],
  ['信访群众满意率', 'petition_satisfaction_rate', { source: ZY, near: 'hotline_satisfaction_rate', why: '坚持事要解决……群众满意' }],
  ['未化解信访件', 'unknown', { ctx: { unit: '件' }, near: 'petitions_resolved', why: '未 inverts it; no indicator counts the cases not resolved' }],
  ['信访事项不满意率', 'unknown', { near: 'petition_satisfaction_rate', why: '不 inverts it; no petitions dissatisfaction indicator' }],
  ['信访事项按期办结率', 'unknown', { near: 'petition_closure_rate', why: '按期 changes it; no on-time rate for petitions' }],
  ['信访事项及时受理率', 'unknown', { near: 'petitions_received' }],
  ['化解信访积案', 'unknown', { ctx: { unit: '件' }, near: 'petitions_resolved', why: 'backlog cases only, a part of the whole' }],
  ['信访积案', 'unknown', { ctx: { unit: '件' }, near: 'petitions_received' }],
  ['重复信访', 'unknown', { ctx: { unit: '件' }, near: 'petitions_received' }],
  ['越级上访', 'unknown', { ctx: { unit: '人次' }, near: 'petitions_received' }],
  ['领导接访', 'unknown', { source: ZY, ctx: { unit: '次' }, near: 'petitions_received', why: '坚持领导下访、常态接访: days of reception, not cases' }],
  ['市级信访工作先进单位', 'unknown', { source: ZY, near: 'demo_villages_city', why: '连续多年荣获市级信访工作先进单位: an honour, the level word is not about 示范村' }],
]);

// ───────────────────────────── 矛盾纠纷 ─────────────────────────────

const disputes = rows({}, [
  ['受理矛盾纠纷', 'disputes_received', { source: CATALOG, ctx: { unit: '件' } }],
  ['矛盾纠纷受理数', 'disputes_received', { source: CATALOG }],
  ['矛盾纠纷（件）', 'disputes_received', { source: ISSUE, why: 'a bare object count is the number received' }],
  ['排查矛盾纠纷', 'disputes_received', { source: DZZ, ctx: { unit: '件' } }],
  ['排查化解矛盾纠纷', 'disputes_received', { source: ISSUE, why: 'the idiom names the work, the count is what was taken in' }],
  ['矛盾纠纷排查数', 'disputes_received', { source: WORDING }],
  ['发生矛盾纠纷', 'disputes_received', { source: WORDING, ctx: { unit: '起' } }],
  ['梳理矛盾纠纷', 'disputes_received', { source: WORDING, ctx: { unit: '件' } }],
  ['人民调解案件', 'disputes_received', { source: WORDING, ctx: { unit: '件' } }],
  ['民间纠纷（宗）', 'disputes_received', { source: WORDING }],
  ['受理人民调解案件', 'disputes_received', { source: WORDING }],
  ['矛盾纠纷受理（件）', 'disputes_received', { source: ISSUE }],
  ['矛盾纠纷调解成功（件）', 'disputes_mediated', { source: ISSUE, near: 'disputes_received' }],
  ['调解成功', 'disputes_mediated', { source: CATALOG, ctx: { unit: '件' } }],
  ['调解成功数', 'disputes_mediated', { source: CATALOG }],
  ['成功调解矛盾纠纷', 'disputes_mediated', { source: WORDING }],
  ['调处成功', 'disputes_mediated', { source: WORDING, ctx: { unit: '件' } }],
  ['化解矛盾纠纷', 'disputes_mediated', { source: CATALOG, ctx: { unit: '件' } }],
  ['矛盾纠纷化解数', 'disputes_mediated', { source: CATALOG }],
  ['已化解矛盾纠纷', 'disputes_mediated', { source: WORDING }],
  ['人民调解成功案件', 'disputes_mediated', { source: WORDING, ctx: { unit: '件' } }],
  ['调处各类矛盾纠纷', 'disputes_handled', { source: DZZ, ctx: { unit: '件次' }, near: 'disputes_received', why: '全年共调处各类矛盾纠纷68件次: handled, without 成功' }],
  ['依法调处各类社会矛盾纠纷', 'disputes_handled', { source: QY, ctx: { unit: '件' }, near: 'disputes_received' }],
  ['矛盾纠纷调处数', 'disputes_handled', { source: ISSUE }],
  ['调解矛盾纠纷', 'disputes_handled', { source: ISSUE, ctx: { unit: '件' }, near: 'disputes_mediated', why: '调解 without 成功' }],
  ['矛盾纠纷调解成功率', 'dispute_mediation_rate', { source: CATALOG }],
  ['调解成功率', 'dispute_mediation_rate', { source: CATALOG }],
  ['调处成功率', 'dispute_mediation_rate', { source: WORDING }],
  ['矛盾纠纷化解率', 'dispute_mediation_rate', { source: WORDING }],
  ['纠纷化解率', 'dispute_mediation_rate', { source: WORDING }],
  ['调解成功率（%）', 'dispute_mediation_rate', { source: ISSUE }],
  ['矛盾纠纷调处率', 'dispute_handling_rate', { source: WORDING, near: 'dispute_mediation_rate', why: '调处数/排查数 in provincial forms, beside a separate 成功率' }],
  ['调处率', 'dispute_handling_rate', { source: WORDING, near: 'dispute_mediation_rate' }],
  ['调解率', 'dispute_handling_rate', { source: WORDING, near: 'dispute_mediation_rate', why: '调解率 and 调解成功率 are two figures' }],
  ['矛盾纠纷调解率', 'dispute_handling_rate', { source: WORDING, near: 'dispute_mediation_rate' }],
  ['矛盾纠纷排查率', 'unknown', { source: DZZ, near: 'dispute_handling_rate', why: '100%排查 is a claim about coverage, no indicator' }],
  ['婚姻家庭纠纷', 'unknown', { ctx: { unit: '件', sub: true, parent: '受理矛盾纠纷' }, near: 'disputes_received', why: 'one kind of dispute, a part of the whole' }],
  ['邻里纠纷', 'unknown', { ctx: { unit: '件' }, near: 'disputes_received' }],
  ['土地承包纠纷', 'unknown', { ctx: { unit: '件' }, near: 'disputes_received' }],
  ['开展矛盾纠纷排查', 'unknown', { source: DZZ, ctx: { unit: '次' }, near: 'disputes_received', why: '每月不少于两次排查: sweeps, not disputes' }],
  ['人民调解员', 'unknown', { ctx: { unit: '人' }, near: 'disputes_mediated' }],
  ['人民调解委员会', 'unknown', { ctx: { unit: '个' }, near: true }],
  ['化解行政争议', 'unknown', { source: DZZ, ctx: { unit: '件' }, near: 'disputes_mediated', why: 'administrative disputes, another object' }],
  ['群体性事件', 'unknown', { source: DZZ, ctx: { unit: '起' }, near: 'disputes_received' }],
  ['突发事件', 'unknown', { source: ZY, ctx: { unit: '起' }, near: 'disputes_received' }],
  ['应急演练', 'unknown', { source: ZY, ctx: { unit: '次' }, near: true }],
]);

// ───────────────────────────── 热线工单 ─────────────────────────────

const hotline = rows({}, [
  ['12345热线工单', 'hotline_tickets', { source: CATALOG, ctx: { unit: '个' } }],
  ['热线工单（个）', 'hotline_tickets', { source: LAYOUT }],
  ['电子工单', 'hotline_tickets', { source: CATALOG, ctx: { unit: '件' } }],
  ['群众诉求（件）', 'hotline_tickets', { source: WORDING }],
  ['转办件', 'hotline_tickets', { source: WORDING, ctx: { unit: '件' } }],
  ['接收热线工单', 'hotline_tickets', { source: WORDING }],
  ['受理群众诉求', 'hotline_tickets', { source: WORDING, ctx: { unit: '件' } }],
  ['12345政务服务便民热线工单', 'hotline_tickets', { source: WORDING }],
  ['工单办结数', 'hotline_closed', { source: CATALOG }],
  ['办结工单', 'hotline_closed', { source: CATALOG, ctx: { unit: '个' } }],
  ['热线工单办结', 'hotline_closed', { source: CATALOG, ctx: { unit: '件' } }],
  ['群众诉求办结', 'hotline_closed', { source: WORDING, ctx: { unit: '件' } }],
  ['按期办结工单', 'hotline_closed_on_time', { source: ISSUE, near: 'hotline_closed', why: '按期 changes it' }],
  ['工单按时办结数', 'hotline_closed_on_time', { source: ISSUE, near: 'hotline_closed' }],
  ['热线工单办结率', 'hotline_closure_rate', { source: CATALOG }],
  ['工单办结率', 'hotline_closure_rate', { source: CATALOG }],
  ['工单按期办结率', 'hotline_on_time_rate', { source: ISSUE, near: 'hotline_closure_rate', why: '按期办结率 is not 办结率' }],
  ['热线按时办结率', 'hotline_on_time_rate', { source: WORDING, near: 'hotline_closure_rate' }],
  ['工单满意率', 'hotline_satisfaction_rate', { source: CATALOG }],
  ['热线满意率', 'hotline_satisfaction_rate', { source: CATALOG }],
  ['12345热线群众满意度', 'hotline_satisfaction_rate', { source: WORDING, why: '满意度 reported as a percentage is the 满意率' }],
  ['工单不满意率', 'hotline_dissatisfaction_rate', { source: ISSUE, near: 'hotline_satisfaction_rate', why: '不 inverts it' }],
  ['热线工单不满意率', 'hotline_dissatisfaction_rate', { source: WORDING, near: 'hotline_satisfaction_rate' }],
  ['超期办结工单', 'unknown', { near: 'hotline_closed_on_time', why: '超期 is the opposite of 按期' }],
  ['超时工单', 'unknown', { ctx: { unit: '件' }, near: 'hotline_tickets' }],
  ['未办结工单', 'unknown', { ctx: { unit: '件' }, near: 'hotline_closed', why: '未 inverts it' }],
  ['无效工单', 'unknown', { ctx: { unit: '件' }, near: 'hotline_tickets', why: '无效 changes it' }],
  ['重复工单', 'unknown', { ctx: { unit: '件' }, near: 'hotline_tickets' }],
  ['工单回访率', 'unknown', { near: 'hotline_satisfaction_rate' }],
  ['工单响应率', 'unknown', { near: 'hotline_closure_rate' }],
]);

// ───────────────────────────── 社会治理 ─────────────────────────────

const governance = rows({}, [
  ['安置帮教对象', 'rehabilitation_subjects', { source: CATALOG, ctx: { unit: '人' } }],
  ['刑满释放人员安置帮教', 'rehabilitation_subjects', { source: CATALOG }],
  ['社区矫正对象', 'unknown', { ctx: { unit: '人' }, near: 'rehabilitation_subjects', why: 'people under community correction are not 安置帮教对象' }],
  ['重点管控人员', 'key_persons', { source: CATALOG, ctx: { unit: '人' } }],
  ['重点人员', 'key_persons', { source: CATALOG, ctx: { unit: '名' } }],
  ['吸毒人员', 'unknown', { source: DZZ, ctx: { unit: '人' }, near: 'key_persons' }],
  ['流动人口', 'unknown', { source: DZZ, ctx: { unit: '人' }, near: true }],
  ['出租房屋', 'unknown', { source: DZZ, ctx: { unit: '户' }, near: true }],
  ['网格员', 'unknown', { source: ZY, ctx: { unit: '人' }, near: true }],
  ['村规民约', 'unknown', { source: ZY, ctx: { unit: '个' }, near: true }],
  ['破案率', 'unknown', { source: DZZ, near: 'petition_resolution_rate', why: '提高盗窃案件的破案率: police, not petitions' }],
]);

// ───────────────────────────── 行政执法 ─────────────────────────────

const enforcement = rows({}, [
  ['行政执法人员', 'enforcement_officers', { source: CATALOG, ctx: { unit: '人' } }],
  ['执法人员（人）', 'enforcement_officers', { source: LAYOUT }],
  ['在编执法人员', 'enforcement_officers', { source: CATALOG }],
  ['行政执法大队队员', 'enforcement_officers', { source: ZY, ctx: { unit: '人' } }],
  ['执法队员', 'enforcement_officers', { source: ISSUE, ctx: { unit: '名' } }],
  ['持证人数', 'certified_officers', { source: CATALOG }],
  ['持有行政执法证人数', 'certified_officers', { source: CATALOG }],
  ['持证执法人员', 'certified_officers', { source: CATALOG, ctx: { unit: '人' } }],
  ['持证上岗人数', 'certified_officers', { source: DZZ, why: '全面实行了执法人员持证上岗' }],
  ['持证率', 'certification_rate', { source: CATALOG }],
  ['执法人员持证率', 'certification_rate', { source: CATALOG }],
  ['持证上岗率', 'certification_rate', { source: WORDING }],
  ['执法证持证率', 'certification_rate', { source: WORDING }],
  ['未配备法律顾问的村', 'unknown', { ctx: { unit: '个' }, near: 'villages_with_counsel', why: '未 inverts it' }],
  ['未持证执法人员', 'unknown', { ctx: { unit: '人' }, near: 'certified_officers', why: '未 inverts it' }],
  ['无证上岗人数', 'unknown', { near: 'certified_officers', why: '无 inverts it' }],
  ['新申领执法证', 'new_certificates', { source: CATALOG, ctx: { unit: '人' } }],
  ['新申领行政执法证（人）', 'new_certificates', { source: LAYOUT }],
  ['考取行政执法证', 'new_certificates', { source: ZY, ctx: { unit: '人' }, why: '要求全镇所有年轻干部及执法岗位工作人员考取行政执法证' }],
  ['新增持证人员', 'new_certificates', { source: ISSUE, ctx: { unit: '人' }, near: 'certified_officers', why: '新增 changes it' }],
  ['换发执法证', 'unknown', { source: ZY, ctx: { unit: '人' }, near: 'new_certificates', why: '证件的换发 is a renewal, not a new certificate' }],
  ['注销执法证', 'unknown', { ctx: { unit: '个' }, near: 'new_certificates' }],
  ['新增执法人员', 'unknown', { ctx: { unit: '人' }, near: 'enforcement_officers', why: '新增 changes it: no indicator counts new officers' }],
  ['执法业务培训', 'enforcement_trainings', { source: CATALOG, ctx: { unit: '场' } }],
  ['执法培训（场）', 'enforcement_trainings', { source: LAYOUT }],
  ['行政执法人员法律知识培训', 'enforcement_trainings', { source: DZZ, ctx: { unit: '场' }, near: 'trainings', why: 'the audience (执法人员) makes it the enforcement training' }],
  ['执法业务培训人次', 'enforcement_training_attendance', { source: CATALOG }],
  ['执法培训参训人次', 'enforcement_training_attendance', { source: CATALOG }],
  ['出动执法人员', 'enforcement_deployments', { source: CATALOG, ctx: { unit: '人次' } }],
  ['出动执法力量（人次）', 'enforcement_deployments', { source: CATALOG }],
  ['出动执法车辆', 'unknown', { ctx: { unit: '台次' }, near: 'enforcement_deployments', why: 'vehicles, not officers' }],
  ['联合执法行动', 'unknown', { source: DZZ, ctx: { unit: '次' }, near: 'inspections' }],
  ['检查企业（家次）', 'inspections', { source: LAYOUT }],
  ['执法检查', 'inspections', { source: CATALOG, ctx: { unit: '家次' } }],
  ['安全检查', 'inspections', { source: DZZ, ctx: { unit: '家次' } }],
  ['检查商户', 'inspections', { source: CATALOG, ctx: { unit: '户次' } }],
  ['排查隐患', 'hazards', { source: CATALOG, ctx: { unit: '项' } }],
  ['排查整改隐患（处）', 'hazards', { source: LAYOUT }],
  ['整改隐患', 'hazards', { source: CATALOG, ctx: { unit: '处' } }],
  ['执法文书', 'enforcement_documents', { source: DZZ, ctx: { unit: '份' } }],
  ['下发整改通知书', 'enforcement_documents', { source: CATALOG, ctx: { unit: '份' } }],
  ['执法记录仪', 'unknown', { source: DZZ, ctx: { unit: '台' }, near: 'enforcement_documents' }],
  ['立案', 'cases_filed', { source: CATALOG, ctx: { unit: '起' } }],
  ['立案查处', 'cases_filed', { source: CATALOG, ctx: { unit: '起' } }],
  ['行政处罚立案（起）', 'cases_filed', { source: LAYOUT }],
  ['查处违法案件', 'cases_filed', { source: DZZ, ctx: { unit: '件' } }],
  ['行政处罚案件结案', 'unknown', { ctx: { unit: '件' }, near: 'petitions_closed', why: '结案 of penalty cases: neither petitions nor hotline' }],
  ['拆除违建', 'unknown', { source: DZZ, ctx: { unit: '处' }, near: 'cases_filed' }],
  ['参与执法活动', 'unknown', { source: DZZ, ctx: { unit: '起' }, near: 'cases_filed', why: '参与拆除违建……等各项活动300多起: activities, not cases filed' }],
  ['罚没款', 'fines', { source: CATALOG, ctx: { unit: '万元' } }],
  ['罚没款（万元）', 'fines', { source: LAYOUT }],
  ['罚没金额（元）', 'fines', { source: ISSUE, why: 'amounts in 元 as well as 万元' }],
  ['罚款', 'fines', { source: CATALOG, ctx: { unit: '元' } }],
  ['处罚金', 'unknown', { source: ISSUE, near: 'fines', why: 'listed by issue 10 among labels that are no indicator' }],
  ['行政复议案件', 'unknown', { ctx: { unit: '件' }, near: true }],
  ['行政诉讼案件', 'unknown', { ctx: { unit: '件' }, near: true }],
  ['行政应诉', 'unknown', { ctx: { unit: '件' }, near: true }],
  ['行政执法案卷评查合格率', 'unknown', { near: 'exam_qualified_rate', why: 'case files, not the 学法考试' }],
  ['执法满意度', 'unknown', { source: DZZ, near: 'hotline_satisfaction_rate', why: '确保执法满意度: not the hotline' }],
  ['权责清单', 'unknown', { source: ZY, near: true }],
  ['行政许可事项', 'unknown', { source: DZZ, ctx: { unit: '项' }, near: true }],
]);

const reviews = rows({}, [
  ['重大行政决策合法性审查', 'legality_reviews', { source: CATALOG, ctx: { unit: '件' } }],
  ['重大决策合法性审查（件）', 'legality_reviews', { source: LAYOUT }],
  ['合法性审查', 'ambiguous', { ctx: { unit: '件' }, near: 'legality_reviews', why: 'decisions, contracts and 规范性文件 are all reviewed for legality' }],
  ['合同合法性审查', 'contract_reviews', { source: ISSUE, near: 'legality_reviews', why: 'a contract is not a 重大行政决策' }],
  ['合同审查', 'contract_reviews', { source: DZZ, ctx: { unit: '份' } }],
  ['审查合同（份）', 'contract_reviews', { source: DZZ }],
  ['重大合同合法性审核', 'contract_reviews', { source: DZZ, near: 'legality_reviews', why: '重大 qualifies the contract; it is still a contract' }],
  ['合同备案', 'unknown', { source: DZZ, ctx: { unit: '份' }, near: 'contract_reviews', why: '机关重大合同内部备案: filing, not review' }],
  ['规范性文件备案审查', 'normative_doc_reviews', { source: CATALOG, ctx: { unit: '件' } }],
  ['行政规范性文件备案', 'normative_doc_reviews', { source: DZZ, ctx: { unit: '件' } }],
  ['规范性文件审查', 'normative_doc_reviews', { source: DZZ, ctx: { unit: '件' } }],
  ['规范性文件清理', 'unknown', { source: DZZ, ctx: { unit: '件' }, near: 'normative_doc_reviews', why: '定期开展行政规范性文件的清理工作: clean-up, not review' }],
]);

// ───────────────────────────── 公共法律服务与法治阵地 ─────────────────────────────

const legal = rows({}, [
  ['行政村（社区）数', 'villages', { source: CATALOG }],
  ['行政村数', 'villages', { source: QY, why: '全乡25个行政村' }],
  ['辖行政村', 'villages', { source: CATALOG, ctx: { unit: '个' } }],
  ['村（社区）数', 'villages', { source: CATALOG }],
  ['行政村（个）', 'villages', { source: LAYOUT }],
  ['自然村', 'unknown', { source: ZY, ctx: { unit: '个' }, near: 'villages', why: '深入到各自然村: natural villages are not 行政村' }],
  ['村民小组', 'unknown', { ctx: { unit: '个' }, near: 'villages' }],
  ['社区数', 'unknown', { ctx: { unit: '个' }, near: 'villages', why: 'communities alone are a part of 行政村（社区）' }],
  ['配备法律顾问的村数', 'villages_with_counsel', { source: CATALOG }],
  ['法律顾问覆盖村数', 'villages_with_counsel', { source: CATALOG }],
  ['聘请法律顾问的村（社区）', 'villages_with_counsel', { source: CATALOG, ctx: { unit: '个' } }],
  ['法律顾问覆盖率', 'counsel_coverage_rate', { source: CATALOG }],
  ['一村（社区）一法律顾问覆盖率', 'counsel_coverage_rate', { source: CATALOG }],
  ['镇村法律顾问全覆盖', 'counsel_coverage_rate', { source: DZZ, why: '达到镇村法律顾问全覆盖: a coverage claim' }],
  ['法律顾问人数', 'legal_counsels', { source: CATALOG }],
  ['法律顾问（名）', 'legal_counsels', { source: LAYOUT }],
  ['聘用法律顾问', 'legal_counsels', { source: DZZ, ctx: { unit: '名' } }],
  ['政府法律顾问', 'town_counsels', { source: QY, ctx: { unit: '名' } }],
  ['镇政府法律顾问', 'town_counsels', { source: DZZ }],
  ['乡政府法律顾问', 'town_counsels', { source: QY }],
  ['村法律顾问', 'village_counsels', { source: DZZ, ctx: { unit: '名' } }],
  ['村（社区）法律顾问', 'village_counsels', { source: CATALOG }],
  ['法律顾问服务次数', 'unknown', { source: DZZ, near: 'legal_counsels', why: '每月至少一次到镇、到村进行法律服务: visits, not counsels' }],
  ['法律顾问费用', 'unknown', { ctx: { unit: '万元' }, near: 'legal_counsels' }],
  ['聘请专家', 'unknown', { source: ISSUE, near: 'legal_counsels' }],
  ['聘请律师事务所', 'unknown', { source: QY, ctx: { unit: '家' }, near: 'legal_counsels', why: '聘任碧野律师事务所: firms, not counsels' }],
  ['法治图书室', 'law_libraries', { source: CATALOG, ctx: { unit: '个' } }],
  ['法治图书角', 'law_libraries', { source: CATALOG }],
  ['农家书屋', 'unknown', { ctx: { unit: '个' }, near: 'law_libraries', why: 'a general library, not a 法治 one' }],
  ['法治文化广场', 'unknown', { ctx: { unit: '个' }, near: 'law_libraries' }],
  ['法治文化公园', 'unknown', { ctx: { unit: '个' }, near: 'law_libraries' }],
  ['法治阵地建设投入', 'position_investment', { source: CATALOG, ctx: { unit: '万元' } }],
  ['法治阵地建设投入（元）', 'position_investment', { source: ISSUE }],
  ['镇村两级投资', 'position_investment', { source: DZZ, ctx: { unit: '万元' }, why: '镇村两级投资10多万元,完善了45村法治阵地建设' }],
  ['法治阵地建设（个）', 'unknown', { source: DZZ, near: 'position_investment', why: 'a count of positions, not the money spent' }],
  ['法治阵地建设完成率', 'unknown', { source: DZZ, near: 'counsel_coverage_rate', why: '完成率100%: no such rate in the catalog' }],
  ['法律援助案件', 'unknown', { ctx: { unit: '件' }, near: true }],
  ['公共法律服务工作站', 'unknown', { ctx: { unit: '个' }, near: 'law_libraries' }],
  ['法治乡镇创建', 'unknown', { source: QY, near: true }],
  ['法治政府建设示范单位', 'unknown', { source: DZZ, near: 'demo_villages_county' }],
  ['学法用法示范户', 'unknown', { ctx: { unit: '户' }, near: 'demo_villages_county' }],
]);

const demo = rows({}, [
  ['县级民主法治示范村', 'demo_villages_county', { source: CATALOG }],
  ['县级民主法治示范村（社区）', 'demo_villages_county', { source: ISSUE, why: '村（社区） counts as 村' }],
  ['区级民主法治示范村', 'demo_villages_county', { source: WORDING }],
  ['县区级民主法治示范村', 'demo_villages_county', { source: WORDING }],
  ['县级民主法治村', 'demo_villages_county', { source: WORDING, why: '民主法治村 = 示范村' }],
  ['市级民主法治示范村', 'demo_villages_city', { source: CATALOG }],
  ['州级民主法治示范村', 'demo_villages_city', { source: WORDING }],
  ['市级民主法治示范村（社区）', 'demo_villages_city', { source: CATALOG }],
  ['省级民主法治示范村', 'demo_villages_province', { source: CATALOG }],
  ['省级民主法治示范村（社区）', 'demo_villages_province', { source: CATALOG }],
  ['省级民主法治村', 'demo_villages_province', { source: WORDING }],
  ['国家级民主法治示范村', 'demo_villages_national', { source: ISSUE, near: 'demo_villages_county' }],
  ['全国民主法治示范村', 'demo_villages_national', { source: ISSUE, near: 'demo_villages_county', why: 'today read as 县级' }],
  ['全国民主法治示范村（社区）', 'demo_villages_national', { source: WORDING, near: 'demo_villages_county' }],
  ['全国民主法治村', 'demo_villages_national', { source: WORDING, near: 'demo_villages_county' }],
  ['县级民主法治示范社区', 'demo_communities_county', { source: ISSUE, near: 'demo_villages_county', why: '社区 alone is not 村' }],
  ['区级民主法治示范社区', 'demo_communities_county', { source: WORDING, near: 'demo_villages_county' }],
  ['市级民主法治示范社区', 'demo_communities_city', { source: ISSUE, near: 'demo_villages_city' }],
  ['省级民主法治示范社区', 'demo_communities_province', { source: ISSUE, near: 'demo_villages_province' }],
  ['全国民主法治示范社区', 'demo_communities_national', { source: ISSUE, near: 'demo_villages_national' }],
  ['国家级民主法治示范社区', 'demo_communities_national', { source: ISSUE, near: 'demo_villages_national' }],
  ['民主法治示范村', 'ambiguous', { source: ISSUE, near: 'demo_villages_county', why: 'no level: today read as 县级' }],
  ['民主法治示范村（社区）', 'ambiguous', { source: ISSUE, near: 'demo_villages_county', why: 'no level' }],
  ['民主法治村', 'ambiguous', { source: WORDING, ctx: { unit: '个' }, near: 'demo_villages_county', why: 'no level' }],
  ['民主法治示范社区', 'ambiguous', { source: ISSUE, near: 'demo_villages_county', why: 'no level, and 社区 is not 村' }],
  ['民主法治示范社区（省级）', 'demo_communities_province', { near: 'demo_villages_province', why: 'the level written after the name, in a bracket' }],
  ['民主法治示范村(国家级)', 'demo_villages_national', { near: 'demo_villages_county' }],
  ['民主法治示范村（社区）（市级）', 'demo_villages_city', { near: 'demo_villages_county' }],
  ['民主法治示范村（县级及以上）', 'unknown', { near: 'demo_villages_county', why: 'a bracketed 及以上 is as nested as a written one' }],
  ['民主法治示范村（含省级）', 'ambiguous', { near: 'demo_villages_province', why: '含省级 says what the count includes, not its level' }],
  ['省级以上民主法治示范村', 'unknown', { near: 'demo_villages_province', why: 'nested levels: 省级 and 国家级 together' }],
  ['县级及以上民主法治示范社区', 'unknown', { near: 'demo_communities_county', why: 'nested levels' }],
  ['市级以上民主法治示范村', 'unknown', { source: WORDING, near: 'demo_villages_city', why: 'levels may be nested: a total over 市级, 省级 and 国家级 is none of them' }],
  ['各级民主法治示范村', 'unknown', { near: 'demo_villages_county', why: 'a total over all levels' }],
]);

// ───────────────────────────── 依法决策与政务公开 ─────────────────────────────

const decisions = rows({}, [
  ['重大行政决策', 'major_decisions', { source: CATALOG, ctx: { unit: '项' } }],
  ['重大行政决策事项', 'major_decisions', { source: DZZ }],
  ['重大决策事项', 'major_decisions', { source: DZZ, ctx: { unit: '件' } }],
  ['集体讨论决定', 'collective_decisions', { source: ZY, ctx: { unit: '项' } }],
  ['经集体讨论决定事项', 'collective_decisions', { source: DZZ }],
  ['集体研究讨论决定', 'collective_decisions', { source: DZZ, ctx: { unit: '项' } }],
  ['政务公开信息', 'gov_info_published', { source: CATALOG, ctx: { unit: '条' } }],
  ['政府信息公开（条）', 'gov_info_published', { source: DZZ }],
  ['公开政务信息', 'gov_info_published', { source: CATALOG }],
  ['党务公开', 'unknown', { source: DZZ, ctx: { unit: '条' }, near: 'gov_info_published', why: 'party affairs, not government information' }],
  ['村务公开', 'unknown', { ctx: { unit: '次' }, near: 'gov_info_published' }],
  ['依申请公开', 'unknown', { ctx: { unit: '件' }, near: 'gov_info_published', why: 'requests for disclosure, a different count' }],
  ['重大行政决策听证', 'unknown', { ctx: { unit: '次' }, near: 'major_decisions' }],
  ['重大事项报告', 'unknown', { source: DZZ, near: 'major_decisions' }],
]);

// ───────────────────────────── no indicator at all ─────────────────────────────

const notIndicators = rows({ near: true, why: 'a column or form field, not an indicator', source: LAYOUT }, [
  ['备注', 'unknown'],
  ['序号', 'unknown'],
  ['填报人', 'unknown'],
  ['联系电话', 'unknown'],
  ['合计', 'unknown'],
  ['小计', 'unknown'],
  ['总计', 'unknown'],
  ['单位名称', 'unknown'],
  ['2023年', 'unknown'],
  ['2022年', 'unknown'],
  ['本年度', 'unknown'],
  ['上年度', 'unknown'],
  ['完成情况', 'unknown'],
  ['审核人', 'unknown'],
  ['填报日期', 'unknown'],
  ['指标名称', 'unknown'],
  ['计量单位', 'unknown'],
  ['数值', 'unknown'],
  ['说明', 'unknown'],
  ['同比增减', 'unknown'],
  ['增长率', 'unknown', { why: 'a year-on-year change, no catalog rate' }],
  ['乡镇', 'unknown'],
  ['乡镇（街道）', 'unknown'],
  ['项目', 'unknown'],
  ['内容', 'unknown'],
  ['负责人', 'unknown'],
  ['数据来源', 'unknown'],
  ['目标值', 'unknown'],
  ['完成率', 'unknown', { source: DZZ, why: '完成率100%: of what, is not said' }],
  ['填报单位：前营乡人民政府（盖章）', 'unknown', { source: QY }],
  ['分子', 'unknown'],
  ['分母', 'unknown'],
  ['比率', 'unknown'],
]);

// ───────────────────────────── context decides ─────────────────────────────
// The same bare label in different places: the parent row or header group, the section, the sheet, the unit and
// the neighbouring rows must settle it — or, when they do not, the answer is ambiguous.

const PET = ['受理信访案件', '化解信访案件'];
const DIS = ['受理矛盾纠纷', '调解成功'];
const HOT = ['12345热线工单', '办结工单'];

const context = rows({ source: LAYOUT }, [
  // 化解率: petitions or disputes
  ['化解率', 'ambiguous', { source: ISSUE, near: 'petition_resolution_rate', why: 'no object: petitions and disputes both have one' }],
  ['化解率', 'ambiguous', { ctx: { unit: '%' }, near: 'petition_resolution_rate' }],
  ['化解率', 'petition_resolution_rate', { ctx: { parent: '信访案件' } }],
  ['化解率', 'dispute_mediation_rate', { ctx: { parent: '矛盾纠纷' } }],
  ['化解率', 'petition_resolution_rate', { ctx: { section: '（一）信访工作' } }],
  ['化解率', 'dispute_mediation_rate', { ctx: { section: '（二）人民调解工作' } }],
  ['化解率', 'petition_resolution_rate', { ctx: { sheet: '信访工作', unit: '%' } }],
  ['化解率', 'petition_resolution_rate', { ctx: { neighbours: PET, unit: '%' }, why: 'a rate right after a received/resolved pair of petitions' }],
  ['化解率', 'dispute_mediation_rate', { ctx: { neighbours: ['受理矛盾纠纷', '化解矛盾纠纷'], unit: '%' } }],
  ['化解率', 'ambiguous', { ctx: { section: '三、矛盾纠纷化解与社会治理', neighbours: [...PET, ...DIS] }, why: 'the block holds both pairs' }],
  // 受理数
  ['受理数', 'ambiguous', { why: 'received, of what?' }],
  ['受理数', 'petitions_received', { ctx: { parent: '信访案件' } }],
  ['受理数', 'disputes_received', { ctx: { parent: '矛盾纠纷' } }],
  ['受理数', 'hotline_tickets', { ctx: { parent: '12345热线工单' } }],
  ['受理数', 'petitions_received', { ctx: { sheet: '信访工作', unit: '件' } }],
  ['受理数', 'disputes_received', { ctx: { sheet: '人民调解', unit: '件' } }],
  ['受理数', 'ambiguous', { ctx: { section: 'disputes', unit: '件' }, why: 'the section holds petitions, disputes and hotline' }],
  ['受理数', 'petitions_received', { ctx: { neighbours: ['化解信访案件', '信访案件化解率'] } }],
  // 办结数 / 办结率 / 结案率: petitions or hotline
  ['办结数', 'ambiguous', { near: 'hotline_closed', why: 'petitions and hotline tickets are both closed' }],
  ['办结数', 'petitions_closed', { ctx: { parent: '信访事项' } }],
  ['办结数', 'hotline_closed', { ctx: { parent: '热线工单' } }],
  ['办结数', 'hotline_closed', { ctx: { sheet: '12345热线', unit: '件' } }],
  ['办结数', 'petitions_closed', { ctx: { neighbours: ['受理信访事项', '信访事项办结率'] } }],
  ['办结数', 'unknown', { ctx: { parent: '行政处罚案件' }, near: 'hotline_closed', why: 'penalty cases have no closure indicator' }],
  ['办结率', 'ambiguous', { source: ISSUE, near: 'hotline_closure_rate' }],
  ['办结率', 'petition_closure_rate', { ctx: { parent: '信访案件' }, near: 'hotline_closure_rate' }],
  ['办结率', 'hotline_closure_rate', { ctx: { parent: '热线工单' } }],
  ['办结率', 'hotline_closure_rate', { ctx: { neighbours: HOT, unit: '%' } }],
  ['办结率', 'petition_closure_rate', { ctx: { sheet: '信访', unit: '%' }, near: 'hotline_closure_rate' }],
  ['结案率', 'ambiguous', { source: WORDING, near: 'hotline_closure_rate' }],
  ['结案率', 'petition_closure_rate', { ctx: { parent: '信访案件' } }],
  ['结案率', 'hotline_closure_rate', { ctx: { parent: '热线工单' } }],
  ['结案率', 'unknown', { ctx: { parent: '行政处罚案件' }, near: 'petition_closure_rate' }],
  // 满意率 / 满意度 / 不满意率
  ['满意率', 'ambiguous', { source: ISSUE, near: 'hotline_satisfaction_rate' }],
  ['满意率', 'petition_satisfaction_rate', { ctx: { parent: '信访事项' }, near: 'hotline_satisfaction_rate' }],
  ['满意率', 'hotline_satisfaction_rate', { ctx: { parent: '12345热线' } }],
  ['满意率', 'hotline_satisfaction_rate', { ctx: { neighbours: [...HOT, '工单办结率'], unit: '%' } }],
  ['满意率', 'petition_satisfaction_rate', { ctx: { sheet: '信访', unit: '%' }, near: 'hotline_satisfaction_rate' }],
  ['满意率', 'unknown', { ctx: { section: '四、行政执法' }, near: 'hotline_satisfaction_rate', why: 'an enforcement satisfaction is no catalog rate' }],
  ['群众满意率', 'ambiguous', { near: 'hotline_satisfaction_rate', why: 'satisfied with what: petitions or hotline' }],
  ['满意度', 'hotline_satisfaction_rate', { ctx: { parent: '热线工单', unit: '%' } }],
  ['满意度', 'petition_satisfaction_rate', { ctx: { parent: '信访事项', unit: '%' }, near: 'hotline_satisfaction_rate' }],
  ['不满意率', 'ambiguous', { near: 'hotline_satisfaction_rate', why: '不 inverts it; of petitions or hotline?' }],
  ['不满意率', 'hotline_dissatisfaction_rate', { ctx: { parent: '热线工单' }, near: 'hotline_satisfaction_rate' }],
  ['不满意率', 'unknown', { ctx: { parent: '信访事项' }, near: 'petition_satisfaction_rate' }],
  // 按期
  ['按期办结率', 'ambiguous', { source: ISSUE, near: 'hotline_closure_rate', why: 'on-time closure is a petitions measure too' }],
  ['按期办结率', 'hotline_on_time_rate', { ctx: { parent: '热线工单' }, near: 'hotline_closure_rate' }],
  ['按期办结率', 'unknown', { ctx: { parent: '信访事项' }, near: 'petition_closure_rate' }],
  ['按时办结', 'hotline_closed_on_time', { ctx: { parent: '12345热线工单', unit: '件' }, near: 'hotline_closed' }],
  ['按期办结数', 'unknown', { ctx: { parent: '信访事项' }, near: 'petitions_closed' }],
  // 化解数 and 其中 sub-rows
  ['化解数', 'ambiguous', { why: 'resolved, of what?' }],
  ['化解数', 'petitions_resolved', { ctx: { parent: '信访案件' } }],
  ['化解数', 'disputes_mediated', { ctx: { parent: '矛盾纠纷' } }],
  ['其中：化解', 'petitions_resolved', { ctx: { parent: '受理信访案件', sub: true, unit: '件' } }],
  ['其中：化解', 'disputes_mediated', { ctx: { parent: '受理矛盾纠纷', sub: true, unit: '件' } }],
  ['其中：调解成功', 'disputes_mediated', { ctx: { parent: '排查矛盾纠纷', sub: true, unit: '件' } }],
  ['其中：办结', 'hotline_closed', { ctx: { parent: '热线工单', sub: true, unit: '件' } }],
  ['其中：办结', 'petitions_closed', { ctx: { parent: '信访事项', sub: true, unit: '件' }, near: 'hotline_closed' }],
  ['其中：按期办结', 'hotline_closed_on_time', { ctx: { parent: '12345热线工单', sub: true, unit: '件' }, near: 'hotline_closed' }],
  ['其中：持证', 'certified_officers', { ctx: { parent: '行政执法人员', sub: true, unit: '人' } }],
  ['其中：新申领执法证', 'new_certificates', { ctx: { parent: '持证人数', sub: true, unit: '人' } }],
  ['其中：镇政府', 'town_counsels', { source: DZZ, ctx: { parent: '法律顾问', sub: true, unit: '名' }, why: '10名法律顾问,其中镇政府1名' }],
  ['其中：村（社区）', 'village_counsels', { source: DZZ, ctx: { parent: '法律顾问', sub: true, unit: '名' } }],
  ['其中：集体讨论决定', 'collective_decisions', { ctx: { parent: '重大行政决策', sub: true, unit: '项' } }],
  // levels
  ['县级', 'unknown', { near: 'demo_villages_county', why: 'a level of what?' }],
  ['县级', 'demo_villages_county', { ctx: { parent: '民主法治示范村' } }],
  ['县级', 'demo_villages_county', { ctx: { parent: '民主法治示范村（社区）' }, why: '村（社区） counts as 村' }],
  ['县级', 'demo_communities_county', { ctx: { parent: '民主法治示范社区' }, near: 'demo_villages_county' }],
  ['县级', 'unknown', { ctx: { parent: '信访工作先进单位' }, near: 'demo_villages_county' }],
  ['市级', 'unknown', { near: 'demo_villages_city' }],
  ['市级', 'demo_villages_city', { ctx: { parent: '民主法治示范村' } }],
  ['市级', 'demo_communities_city', { ctx: { parent: '民主法治示范社区' }, near: 'demo_villages_city' }],
  ['省级', 'demo_villages_province', { ctx: { parent: '民主法治示范村' } }],
  ['省级', 'demo_communities_province', { ctx: { parent: '民主法治示范社区' }, near: 'demo_villages_province' }],
  ['国家级', 'demo_villages_national', { ctx: { parent: '民主法治示范村' }, near: 'demo_villages_county' }],
  ['国家级', 'demo_communities_national', { ctx: { parent: '民主法治示范社区' }, near: 'demo_villages_national' }],
  ['全国', 'demo_villages_national', { ctx: { parent: '民主法治示范村（个）' }, near: 'demo_villages_county' }],
  ['州级', 'demo_villages_city', { ctx: { parent: '民主法治示范村' } }],
  ['区级', 'demo_villages_county', { ctx: { parent: '民主法治示范村' } }],
  ['其中：省级', 'demo_villages_province', { ctx: { parent: '市级以上民主法治示范村', sub: true, unit: '个' }, why: 'nested levels: the part is named' }],
  ['民主法治示范村', 'ambiguous', { ctx: { section: '五、公共法律服务', unit: '个' }, near: 'demo_villages_county', why: 'a section and a unit give no level' }],
  // the 学法考试 columns under a header group
  ['应考', 'exam_expected', { ctx: { parent: '学法考试（人）' } }],
  ['参考', 'exam_taken', { ctx: { parent: '学法考试（人）' } }],
  ['未参考', 'exam_not_taken', { ctx: { parent: '学法考试（人）' }, near: 'exam_taken' }],
  ['合格', 'exam_qualified', { ctx: { parent: '学法考试（人）' } }],
  ['通过', 'exam_passed', { ctx: { parent: '学法考试（人）' } }],
  ['优秀', 'exam_excellent', { ctx: { parent: '学法考试（人）' } }],
  ['参考', 'unknown', { why: 'alone it means "reference"' }],
  ['优秀', 'unknown', { why: 'excellent what?' }],
  ['合格率', 'exam_qualified_rate', { ctx: { parent: '学法考试' } }],
  ['合格率', 'unknown', { ctx: { section: '四、行政执法', neighbours: ['评查执法案卷', '合格案卷'] }, near: 'exam_qualified_rate', why: 'case files, not the exam' }],
  ['通过率', 'exam_pass_rate', { ctx: { parent: '学法考试' } }],
  ['参考率', 'exam_participation_rate', { ctx: { neighbours: ['应考人数', '参考人数'] } }],
  // 人次 and 场次 under a header group
  ['人次', 'training_attendance', { ctx: { parent: '法治培训' } }],
  ['人次', 'enforcement_training_attendance', { ctx: { parent: '执法业务培训' }, near: 'training_attendance' }],
  ['人次', 'consultations', { ctx: { parent: '法律咨询' } }],
  ['人次', 'enforcement_deployments', { ctx: { parent: '出动执法人员' } }],
  ['人次', 'unknown', { why: 'a unit, not an indicator' }],
  ['场次', 'trainings', { ctx: { parent: '法治培训' } }],
  ['场次', 'enforcement_trainings', { ctx: { parent: '执法业务培训' }, near: 'trainings' }],
  ['场次', 'publicity_events', { ctx: { parent: '普法宣传活动' } }],
  // 培训 and 参训人次 by section and unit
  ['培训', 'ambiguous', { why: 'which training, counted how?' }],
  ['培训', 'trainings', { ctx: { section: '二、法治宣传教育', unit: '场' } }],
  ['培训', 'training_attendance', { ctx: { section: '二、法治宣传教育', unit: '人次' } }],
  ['培训', 'enforcement_trainings', { ctx: { section: '四、行政执法', unit: '场' }, near: 'trainings' }],
  ['培训', 'enforcement_training_attendance', { ctx: { section: '四、行政执法', unit: '人次' }, near: 'training_attendance' }],
  ['参训人次', 'ambiguous', { near: 'training_attendance', why: '法治培训 or 执法培训' }],
  ['参训人次', 'training_attendance', { ctx: { section: '（二）法治宣传教育' } }],
  ['参训人次', 'enforcement_training_attendance', { ctx: { section: '（四）行政执法' }, near: 'training_attendance' }],
  ['法治培训', 'trainings', { ctx: { unit: '场' } }],
  ['法治培训', 'training_attendance', { ctx: { unit: '人次' }, near: 'trainings' }],
  ['执法业务培训', 'enforcement_training_attendance', { ctx: { unit: '人次' }, near: 'enforcement_trainings' }],
  // teams: the unit decides between the teams and their members
  ['法治宣传队伍', 'teams', { ctx: { unit: '支' } }],
  ['法治宣传队伍', 'team_members', { ctx: { unit: '人' }, near: 'teams' }],
  ['普法志愿者', 'team_members', { ctx: { unit: '人' } }],
  ['普法志愿者', 'teams', { ctx: { unit: '支' }, near: 'team_members' }],
  ['普法宣讲团', 'team_members', { source: ZY, ctx: { unit: '人' }, near: 'teams' }],
  // a provincial dispute form: 排查数 | 调处数 | 调处率 | 成功数 | 成功率
  ['成功率', 'ambiguous', { why: 'success of what?' }],
  ['成功率', 'dispute_mediation_rate', { ctx: { parent: '矛盾纠纷', neighbours: ['排查数', '调处数', '调处率', '成功数'] } }],
  ['成功数', 'disputes_mediated', { ctx: { parent: '矛盾纠纷', neighbours: ['排查数', '调处数', '调处率', '成功率'] } }],
  ['调处数', 'disputes_handled', { ctx: { parent: '矛盾纠纷', neighbours: ['排查数', '调处率', '成功数', '成功率'] } }],
  ['调处率', 'dispute_handling_rate', { ctx: { parent: '矛盾纠纷', neighbours: ['排查数', '调处数', '成功数', '成功率'] }, near: 'dispute_mediation_rate' }],
  ['排查数', 'disputes_received', { ctx: { parent: '矛盾纠纷', neighbours: ['调处数', '调处率', '成功数', '成功率'] } }],
  ['排查数', 'petitions_received', { ctx: { parent: '信访案件' } }],
  ['排查数', 'hazards', { ctx: { parent: '安全隐患', unit: '处' } }],
  ['排查数', 'ambiguous', { why: 'disputes, petitions or hazards' }],
  // a county summary: 乡镇 | 矛盾纠纷（件）: 受理 | 调解成功 | 调解成功率（%）
  ['受理', 'disputes_received', { ctx: { parent: '矛盾纠纷（件）', neighbours: ['乡镇', '调解成功', '调解成功率（%）'] } }],
  ['调解成功', 'disputes_mediated', { ctx: { parent: '矛盾纠纷（件）', neighbours: ['乡镇', '受理', '调解成功率（%）'] } }],
  ['受理', 'hotline_tickets', { ctx: { parent: '12345热线工单（件）', neighbours: ['乡镇', '办结', '按期办结'] } }],
  ['办结', 'hotline_closed', { ctx: { parent: '12345热线工单（件）', neighbours: ['乡镇', '受理', '按期办结'] } }],
  ['按期办结', 'hotline_closed_on_time', { ctx: { parent: '12345热线工单（件）', neighbours: ['乡镇', '受理', '办结'] }, near: 'hotline_closed' }],
  ['受理', 'petitions_received', { ctx: { parent: '信访（件）', neighbours: ['乡镇', '化解', '化解率'] } }],
  ['化解', 'petitions_resolved', { ctx: { parent: '信访（件）', neighbours: ['乡镇', '受理', '化解率'] } }],
  // a header group over the officers
  ['人数', 'enforcement_officers', { ctx: { parent: '行政执法人员', neighbours: ['持证', '持证率'] } }],
  ['持证', 'certified_officers', { ctx: { parent: '行政执法人员', neighbours: ['人数', '持证率'] } }],
  ['持证率', 'certification_rate', { ctx: { parent: '行政执法人员', neighbours: ['人数', '持证'] } }],
  // amounts and coverage under a parent
  ['金额（元）', 'fines', { ctx: { parent: '罚没款' } }],
  ['金额（万元）', 'position_investment', { ctx: { parent: '法治阵地建设投入' } }],
  ['金额', 'unknown', { why: 'an amount of what?' }],
  ['覆盖率', 'counsel_coverage_rate', { ctx: { parent: '法律顾问' } }],
  ['覆盖率', 'ambiguous', { why: 'coverage of what?' }],
  ['数量（个）', 'law_libraries', { ctx: { parent: '法治图书室' } }],
  // bare objects with their unit
  ['信访', 'petitions_received', { ctx: { unit: '件' }, why: 'a bare object count' }],
  ['矛盾纠纷', 'disputes_received', { ctx: { unit: '件' } }],
  ['执法人员', 'enforcement_deployments', { ctx: { parent: '出动', unit: '人次' }, near: 'enforcement_officers', why: '出动 … 人次 are deployments' }],
  ['检查', 'inspections', { ctx: { section: '四、行政执法', unit: '家次' } }],
]);

// ───────────────────────────── as written: numbering, periods, fillers, spacing ─────────────────────────────

const asWritten = rows({ why: 'numbering, a period, filler words or spacing do not change what a label names' }, [
  ['（1）受理矛盾纠纷', 'disputes_received', { source: LAYOUT, ctx: { unit: '件' } }],
  ['①调解成功', 'disputes_mediated', { source: LAYOUT, ctx: { unit: '件' } }],
  ['1.受理信访案件', 'petitions_received', { source: LAYOUT, ctx: { unit: '件' } }],
  ['2、化解信访案件', 'petitions_resolved', { source: LAYOUT, ctx: { unit: '件' } }],
  ['2023年信访案件受理数', 'petitions_received', { source: ZY }],
  ['全年共调处各类矛盾纠纷', 'disputes_handled', { source: DZZ, ctx: { unit: '件次' }, near: 'disputes_received', why: '全年共 is filler; 调处 without 成功 is handled' }],
  ['今年以来开展群众性普法宣传活动', 'publicity_events', { source: ZY, ctx: { unit: '次' } }],
  ['全镇信访案件化解率', 'petition_resolution_rate', { source: ZY, ctx: { unit: '%' } }],
  ['持证 人数', 'certified_officers', { source: LAYOUT, ctx: { unit: '人' } }],
  ['行政执法人员（名）', 'enforcement_officers', { source: LAYOUT }],
  ['中心组学习法治思想内容', 'center_group_study', { source: QY, ctx: { unit: '次' } }],
  ['开展党委中心组学习', 'center_group_study', { source: DZZ, ctx: { unit: '次' } }],
  ['悬挂宣传横幅', 'banners', { source: DZZ, ctx: { unit: '条' } }],
  ['张贴普法条幅（幅）', 'banners', { source: ZY }],
  ['全乡行政村', 'villages', { source: QY, ctx: { unit: '个' } }],
  ['配备法律顾问村（社区）数', 'villages_with_counsel', { source: DZZ }],
  ['2022年以来法治培训', 'trainings', { source: ISSUE, ctx: { unit: '场' } }],
  ['累计新申领执法证', 'new_certificates', { source: CATALOG, ctx: { unit: '人' } }],
  ['其中：未参考人数', 'exam_not_taken', { source: ISSUE, why: 'a 其中 row under 应考 that says 未', ctx: { parent: '学法考试应考人数', sub: true, unit: '人' }, near: 'exam_taken' }],
  ['其中：全国民主法治示范村', 'demo_villages_national', { source: WORDING, why: 'the level is in the sub-row, not the parent', ctx: { parent: '民主法治示范村', sub: true, unit: '个' }, near: 'demo_villages_county' }],
  ['其中：按期办结工单', 'hotline_closed_on_time', { source: ISSUE, why: '按期 under 办结 is the on-time part', ctx: { parent: '办结工单', sub: true, unit: '件' }, near: 'hotline_closed' }],
  ['其中：不满意', 'unknown', { ctx: { parent: '回访工单', sub: true, unit: '件' }, near: 'hotline_dissatisfaction_rate', why: 'a count of dissatisfied callers, not a rate' }],
]);

export const CORPUS: CorpusEntry[] = [
  ...leadership,
  ...publicity,
  ...exam,
  ...petitions,
  ...disputes,
  ...hotline,
  ...governance,
  ...enforcement,
  ...reviews,
  ...legal,
  ...demo,
  ...decisions,
  ...notIndicators,
  ...asWritten,
  ...context,
];

/** The share of entries expecting an id that must be placed right (not tuned to any implementation). */
export const MIN_RECALL = 0.8;

export type Outcome = 'right' | 'unknown' | 'ambiguous' | 'wrong';

export interface ScoredEntry {
  entry: CorpusEntry;
  actual: string;
  outcome: Outcome;
  /** Placed on an id it should not have (always a failure). */
  wrong: boolean;
}

export interface CorpusScore {
  /** Counts by outcome over all entries. */
  table: Record<Outcome, number>;
  /** Over the entries that expect an id only. */
  expectingId: Record<Outcome, number>;
  recall: number;
  wrong: ScoredEntry[];
  /** unknown-vs-ambiguous mismatches and ids not found: soft. */
  soft: ScoredEntry[];
  all: ScoredEntry[];
}

const SPECIAL = new Set(['unknown', 'ambiguous']);

/** Score a placer on the corpus: the table issue 10 asks `npm run bench` to print. */
export function scoreCorpus(place: (label: string, ctx?: CorpusContext) => CorpusPlacement, corpus: CorpusEntry[] = CORPUS): CorpusScore {
  const zero = (): Record<Outcome, number> => ({ right: 0, unknown: 0, ambiguous: 0, wrong: 0 });
  const table = zero();
  const expectingId = zero();
  const all: ScoredEntry[] = [];
  for (const entry of corpus) {
    const p = place(entry.label, entry.ctx);
    const actual = p.status === 'placed' ? p.id : p.status;
    let outcome: Outcome;
    if (actual === entry.expect) outcome = 'right';
    else if (p.status === 'placed') outcome = 'wrong';
    else outcome = p.status;
    const scored: ScoredEntry = { entry, actual, outcome, wrong: outcome === 'wrong' };
    all.push(scored);
    table[outcome]++;
    if (!SPECIAL.has(entry.expect)) expectingId[outcome]++;
  }
  const idTotal = Object.values(expectingId).reduce((a, b) => a + b, 0);
  return {
    table,
    expectingId,
    recall: idTotal ? expectingId.right / idTotal : 1,
    wrong: all.filter((s) => s.wrong),
    soft: all.filter((s) => !s.wrong && s.outcome !== 'right'),
    all,
  };
}

/** The `label placement` line of the bench and the test: right / unknown / ambiguous / wrong, and the recall. */
export function corpusLine(score: CorpusScore): string {
  const t = score.table;
  const i = score.expectingId;
  const ids = i.right + i.unknown + i.ambiguous + i.wrong;
  return (
    `label placement: right ${t.right} / unknown ${t.unknown} / ambiguous ${t.ambiguous} / wrong ${t.wrong} of ${score.all.length} wordings; ` +
    `${i.right} of the ${ids} that name an indicator placed right (${(score.recall * 100).toFixed(1)}%, at least ${MIN_RECALL * 100}%)`
  );
}

/** One line per entry, for failure messages: label, context, expected, actual. */
export function describeEntry(s: ScoredEntry): string {
  const ctx = s.entry.ctx ? ` ${JSON.stringify(s.entry.ctx)}` : '';
  return `“${s.entry.label}”${ctx}: expected ${s.entry.expect}, got ${s.actual}${s.entry.why ? ` (${s.entry.why})` : ''}`;
}
