/**
 * The indicator catalog: data, not code. Ids are part of the public contract (JSON output, templates,
 * explanations); names and synonyms are what label matching compares against. A county may extend it
 * (`extendCatalog`), never fork it.
 */
import type { Catalog, IndicatorDef, IndicatorKind, IndicatorMeaning, Relation, SectionId } from './types';

type Def = [
  id: string,
  name: string,
  synonyms: string[],
  unit: string | null,
  kind: IndicatorKind,
  group: string,
  extra?: Partial<IndicatorDef>,
];

const RATE: Partial<IndicatorDef> = { min: 0, max: 100, integer: false };

type M = IndicatorMeaning;
/** Meaning shorthand: object, stages (`''` = none), measure, and the rest. */
function m(object: string, stage: string | null, measure: M['measure'], more: Partial<M> = {}): { meaning: M } {
  const meaning: M = { object, measure, ...more };
  if (stage !== null) meaning.stage = stage.split('|');
  return { meaning };
}
const rate = (object: string, stage: string | null, more: Partial<M> = {}) => ({ ...RATE, ...m(object, stage, 'rate', more) });
const DEF = { isDefault: true };

const SECTIONS: Record<SectionId, Def[]> = {
  leadership: [
    ['leading_group', '法治建设领导小组', ['成立法治建设领导小组', '法治政府建设领导小组', '依法治镇领导小组', '依法治乡领导小组'], null, 'yesno', 'leadership', { required: true, ...m('leadgroup', null, 'yesno', DEF) }],
    ['special_meetings', '党委（政府）专题研究法治建设会议', ['专题研究法治建设', '专题会议研究法治建设', '研究法治建设工作会议', '专题研究法治政府建设会议', '党政联席会议研究法治建设'], '次', 'count', 'leadership', { required: true, ...m('meeting', null, 'count', { ...DEF, mods: ['body'] }) }],
    ['center_group_study', '党委理论学习中心组学法', ['中心组学法', '中心组学习法治', '党委中心组学习', '理论学习中心组学习法治思想', '中心组集中学法'], '次', 'count', 'leadership', { required: true, ...m('centergroup', null, 'count', DEF) }],
    ['pre_meeting_study', '党委会/常务会会前学法', ['会前学法', '党委会学法', '常务会学法', '政府常务会议会前学法'], '次', 'count', 'leadership', m('prestudy', null, 'count', { ...DEF, mods: ['body', 'meeting'] })],
    ['year_end_report', '年终述法', ['述法', '党政主要负责人年终述法', '年度述法'], null, 'yesno', 'leadership', m('yearend', null, 'yesno', DEF)],
  ],
  publicity: [
    ['publicity_events', '普法宣传活动', ['开展普法宣传活动', '法治宣传活动', '群众性普法宣传活动', '普法活动', '法治宣传教育活动'], '场次', 'count', 'publicity', { unitAliases: ['场', '次'], required: true, ...m('publicity', null, 'count', DEF) }],
    ['materials', '发放法治宣传资料', ['发放宣传资料', '印发普法宣传材料', '发放普法资料', '法治宣传资料', '宣传材料', '宣传册'], '份', 'count', 'publicity', { unitAliases: ['册', '本', '张'], ...m('material', null, 'count', { ...DEF, mods: ['publicity'] }) }],
    ['banners', '悬挂横幅标语', ['横幅标语', '张贴普法条幅', '宣传横幅', '宣传标语', '悬挂横幅', '条幅'], '条', 'count', 'publicity', { unitAliases: ['幅'], ...m('banner', null, 'count', { ...DEF, mods: ['publicity'] }) }],
    ['boards', '黑板报/宣传栏', ['黑板报', '宣传栏', '板报', '宣传专栏', '橱窗'], '期', 'count', 'publicity', m('board', null, 'count', { ...DEF, mods: ['publicity'] })],
    ['consultations', '法律咨询', ['接受法律咨询', '提供法律咨询', '解答法律咨询', '法律咨询服务'], '人次', 'count', 'publicity', m('consultation', null, 'times', DEF)],
    ['trainings', '法治培训场次', ['法治培训', '法治讲座', '举办法治培训', '法律知识培训', '普法培训'], '场', 'count', 'training', { unitAliases: ['场次', '次', '期'], ...m('training', null, 'count', { ...DEF, mods: ['publicity'] }) }],
    ['training_attendance', '法治培训人次', ['法治培训参加人次', '法治培训人次数'], '人次', 'count', 'training', { unitAliases: ['人'], ...m('training', null, 'times', { mods: ['publicity'] }) }],
    ['teams', '法治宣传队伍', ['普法宣讲团', '普法宣传队', '法治宣传队', '宣讲队伍', '普法志愿者队伍'], '支', 'count', 'teams', { unitAliases: ['个'], ...m('team', null, 'count', DEF) }],
    ['team_members', '法治宣传队伍人数', ['宣讲团成员', '普法志愿者人数', '宣讲员人数', '法治宣传队伍人员'], '人', 'count', 'teams', { unitAliases: ['名'], ...m('team', null, 'people') }],
    ['exam_expected', '学法考试应考人数', ['应考人数', '应参考人数', '学法考试应参考人数'], '人', 'count', 'exam', { unitAliases: ['名'], ...m('exam', 'expected', 'people') }],
    ['exam_taken', '学法考试参考人数', ['参考人数', '实际参考人数', '参加考试人数', '实考人数'], '人', 'count', 'exam', { unitAliases: ['名'], ...m('exam', 'taken', 'people') }],
    ['exam_not_taken', '学法考试未参考人数', ['未参考人数', '缺考人数', '学法考试缺考人数'], '人', 'count', 'exam', { unitAliases: ['名'], ...m('exam', 'taken', 'people', { neg: true }) }],
    ['exam_excellent', '学法考试优秀人数', ['优秀人数', '考试优秀人数'], '人', 'count', 'exam', { unitAliases: ['名'], ...m('exam', 'excellent', 'people') }],
    ['exam_qualified', '学法考试合格人数', ['合格人数', '考试合格人数', '及格人数'], '人', 'count', 'exam', { unitAliases: ['名'], ...m('exam', 'qualified', 'people') }],
    ['exam_passed', '学法考试通过人数', ['通过人数', '考试通过人数'], '人', 'count', 'exam', { unitAliases: ['名'], ...m('exam', 'passed', 'people') }],
    ['exam_participation_rate', '学法考试参考率', ['参考率', '参学率'], '%', 'rate', 'exam', rate('exam', 'taken')],
    ['exam_excellence_rate', '学法考试优秀率', ['优秀率'], '%', 'rate', 'exam', rate('exam', 'excellent')],
    ['exam_qualified_rate', '学法考试合格率', ['合格率', '考试合格率', '及格率'], '%', 'rate', 'exam', rate('exam', 'qualified')],
    ['exam_pass_rate', '学法考试通过率', ['通过率', '考试通过率'], '%', 'rate', 'exam', rate('exam', 'passed')],
  ],
  disputes: [
    ['petitions_received', '信访案件受理数', ['受理信访案件', '受理信访事项', '信访案件', '信访件', '排查信访案件', '信访受理数', '接待信访'], '件', 'count', 'petitions', { unitAliases: ['起', '批次', '个', '批', '人次'], required: true, ...m('petition', 'received', 'count', DEF) }],
    ['petitions_resolved', '信访案件化解数', ['化解信访案件', '信访化解数', '化解信访事项'], '件', 'count', 'petitions', { unitAliases: ['起', '批次', '个', '批', '人次'], ...m('petition', 'resolved', 'count') }],
    ['petitions_closed', '信访案件办结数', ['办结信访案件', '信访办结数', '信访事项办结数', '信访案件结案数'], '件', 'count', 'petitions', { unitAliases: ['起', '批次', '个', '批'], ...m('petition', 'closed', 'count') }],
    ['petition_resolution_rate', '信访案件化解率', ['信访化解率', '信访案件化解率达到', '信访事项化解率'], '%', 'rate', 'petitions', rate('petition', 'resolved')],
    ['petition_closure_rate', '信访案件办结率', ['信访办结率', '信访事项办结率', '信访案件结案率', '信访结案率'], '%', 'rate', 'petitions', rate('petition', 'closed')],
    ['petition_satisfaction_rate', '信访事项满意率', ['信访满意率', '信访案件满意率', '信访事项办理满意率'], '%', 'rate', 'petitions', rate('petition', 'satisfied')],
    ['disputes_received', '矛盾纠纷受理数', ['受理矛盾纠纷', '排查矛盾纠纷', '矛盾纠纷', '排查化解矛盾纠纷', '矛盾纠纷排查数', '受理调解案件'], '件', 'count', 'disputes', { unitAliases: ['起', '件次', '宗', '条'], required: true, ...m('dispute', 'received', 'count', DEF) }],
    ['disputes_handled', '矛盾纠纷调处数', ['调处矛盾纠纷', '调处各类矛盾纠纷', '矛盾纠纷调处数', '调解矛盾纠纷'], '件', 'count', 'disputes', { unitAliases: ['起', '件次', '宗', '条'], standsFor: 'disputes_received', ...m('dispute', 'handled', 'count') }],
    ['disputes_mediated', '矛盾纠纷调解成功数', ['调解成功', '调解成功数', '成功调解', '化解矛盾纠纷', '矛盾纠纷化解数'], '件', 'count', 'disputes', { unitAliases: ['起', '件次', '宗', '条'], ...m('dispute', 'resolved', 'count') }],
    ['dispute_mediation_rate', '矛盾纠纷调解成功率', ['调解成功率', '矛盾纠纷化解率', '调处成功率'], '%', 'rate', 'disputes', rate('dispute', 'resolved')],
    ['dispute_handling_rate', '矛盾纠纷调处率', ['矛盾纠纷调处率', '矛盾纠纷调解率'], '%', 'rate', 'disputes', rate('dispute', 'handled')],
    ['hotline_tickets', '热线/电子工单', ['12345热线工单', '热线工单', '电子工单', '受理工单', '热线诉求'], '个', 'count', 'hotline', { unitAliases: ['件', '条'], ...m('hotline', 'received', 'count', DEF) }],
    ['hotline_closed', '工单办结数', ['办结工单', '工单办结', '热线办结'], '个', 'count', 'hotline', { unitAliases: ['件', '条'], ...m('hotline', 'closed', 'count') }],
    ['hotline_closed_on_time', '工单按期办结数', ['按期办结工单', '工单按时办结数', '按时办结工单'], '个', 'count', 'hotline', { unitAliases: ['件', '条'], ...m('hotline', 'closed', 'count', { timely: true }) }],
    ['hotline_closure_rate', '工单办结率', ['热线办结率', '工单办结率'], '%', 'rate', 'hotline', rate('hotline', 'closed')],
    ['hotline_on_time_rate', '工单按期办结率', ['工单按时办结率', '热线按期办结率'], '%', 'rate', 'hotline', rate('hotline', 'closed', { timely: true })],
    ['hotline_satisfaction_rate', '工单满意率', ['热线满意率', '工单满意度', '热线满意度'], '%', 'rate', 'hotline', rate('hotline', 'satisfied')],
    ['hotline_dissatisfaction_rate', '工单不满意率', ['热线不满意率', '工单不满意度'], '%', 'rate', 'hotline', rate('hotline', 'satisfied', { neg: true })],
    ['rehabilitation_subjects', '安置帮教对象', ['安置帮教', '刑满释放人员安置帮教', '帮教对象'], '人', 'count', 'governance', { unitAliases: ['名'], ...m('rehab', null, 'people', DEF) }],
    ['key_persons', '重点管控人员', ['重点人员', '重点管控对象', '重点人员管控'], '人', 'count', 'governance', { unitAliases: ['名'], ...m('keyperson', null, 'people', DEF) }],
  ],
  enforcement: [
    ['enforcement_officers', '行政执法人员', ['执法人员', '执法人员总数', '行政执法人员数', '在编执法人员'], '人', 'count', 'officers', { unitAliases: ['名'], required: true, ...m('officer', null, 'people', { ...DEF, mods: ['enforcement'] }) }],
    ['certified_officers', '持证人数', ['持证执法人员', '持有执法证人数', '持行政执法证人数', '持证上岗人数'], '人', 'count', 'officers', { unitAliases: ['名'], ...m('officer', 'certified', 'people', { mods: ['certificate', 'enforcement'] }) }],
    ['certification_rate', '持证率', ['执法人员持证率', '持证上岗率'], '%', 'rate', 'officers', rate('officer', 'certified', { mods: ['certificate', 'enforcement'] })],
    ['new_certificates', '新申领执法证', ['新申领行政执法证', '新领执法证', '新考取执法证', '考取行政执法证'], '人', 'count', 'officers', { unitAliases: ['名', '个'], ...m('officer', 'certified', 'people', { fresh: true, mods: ['certificate', 'enforcement'] }) }],
    ['enforcement_trainings', '执法业务培训场次', ['执法业务培训', '执法培训', '行政执法培训'], '场', 'count', 'enforcement-training', { unitAliases: ['场次', '次', '期'], ...m('training', null, 'count', { ...DEF, mods: ['enforcement', 'officer'], needMod: ['enforcement', 'officer'] }) }],
    ['enforcement_training_attendance', '执法业务培训人次', ['执法培训人次', '执法业务培训参训人次'], '人次', 'count', 'enforcement-training', { unitAliases: ['人'], ...m('training', null, 'times', { mods: ['enforcement', 'officer'], needMod: ['enforcement', 'officer'] }) }],
    ['enforcement_deployments', '出动执法人员', ['出动执法人员人次', '出动执法力量', '出动人员'], '人次', 'count', 'enforcement', { unitAliases: ['人'], ...m('officer', 'deployed', 'times', { mods: ['enforcement'] }) }],
    ['inspections', '检查', ['开展检查', '检查企业', '执法检查', '检查商户', '安全检查'], '家次', 'count', 'enforcement', { unitAliases: ['家', '次', '户次'], ...m('inspection', null, 'count', { ...DEF, mods: ['enforcement'] }) }],
    ['hazards', '排查隐患', ['排查整改隐患', '发现隐患', '整改隐患', '隐患'], '项', 'count', 'enforcement', { unitAliases: ['处', '个', '条'], ...m('hazard', '|received|rectified', 'count', DEF) }],
    ['enforcement_documents', '执法文书', ['制作执法文书', '下达执法文书', '下发整改通知书'], '份', 'count', 'enforcement', m('document', null, 'count', { ...DEF, mods: ['enforcement'] })],
    ['cases_filed', '立案', ['立案查处', '行政处罚立案', '立案数', '查处案件'], '起', 'count', 'enforcement', { unitAliases: ['件'], ...m('case', null, 'count', { ...DEF, mods: ['enforcement'] }) }],
    ['fines', '罚没款', ['罚没金额', '罚款', '罚没款金额'], '万元', 'amount', 'enforcement', { integer: false, ...m('fine', null, 'amount', { ...DEF, mods: ['enforcement'] }) }],
    ['legality_reviews', '重大行政决策合法性审查', ['重大决策合法性审查', '重大行政决策合法性审核'], '件', 'count', 'reviews', { unitAliases: ['项'], ...m('review', null, 'count', { mods: ['decision'], needMod: ['decision'] }) }],
    ['contract_reviews', '合同合法性审查', ['合同审查', '合同合法性审核', '合同审核'], '件', 'count', 'reviews', { unitAliases: ['份', '项'], ...m('review', null, 'count', { mods: ['contract'], needMod: ['contract'] }) }],
    ['normative_doc_reviews', '规范性文件备案审查', ['规范性文件备案', '行政规范性文件备案审查', '规范性文件审查'], '件', 'count', 'reviews', { unitAliases: ['份'], ...m('review', null, 'count', { mods: ['normative'], needMod: ['normative'] }) }],
  ],
  'legal-services': [
    ['villages', '行政村（社区）数', ['行政村数', '行政村', '村（社区）数', '村居数', '辖行政村'], '个', 'count', 'counsel', { required: true, ...m('village', null, 'count', { ...DEF, scope: ['village', 'both'] }) }],
    ['villages_with_counsel', '配备法律顾问的村数', ['配备法律顾问村数', '法律顾问覆盖村数', '聘请法律顾问的村', '村居法律顾问覆盖村数'], '个', 'count', 'counsel', m('village', '|covered|served', 'count', { mods: ['counsel'], needMod: ['counsel'], scope: ['village', 'both'] })],
    ['counsel_coverage_rate', '法律顾问覆盖率', ['村居法律顾问覆盖率', '一村一法律顾问覆盖率', '法律顾问覆盖'], '%', 'rate', 'counsel', rate('counsel', '|covered|served', { mods: ['village'] })],
    ['legal_counsels', '法律顾问人数', ['法律顾问', '聘请法律顾问', '法律顾问数'], '名', 'count', 'counsel', { unitAliases: ['人', '位'], ...m('counsel', null, 'people', DEF) }],
    ['town_counsels', '镇（乡）政府法律顾问', ['政府法律顾问', '镇政府法律顾问', '乡政府法律顾问'], '名', 'count', 'counsel', { unitAliases: ['人', '位'], ...m('counsel', null, 'people', { mods: ['government'], needMod: ['government'] }) }],
    ['village_counsels', '村（社区）法律顾问', ['村法律顾问', '村居法律顾问人数'], '名', 'count', 'counsel', { unitAliases: ['人', '位'], ...m('counsel', null, 'people', { mods: ['village'], needMod: ['village'] }) }],
    ['law_libraries', '法治图书室', ['法律图书角', '法治书屋', '法治图书角'], '个', 'count', 'positions', { unitAliases: ['间', '处'], ...m('library', null, 'count', { ...DEF, mods: ['village'] }) }],
    ['demo_villages_county', '县级民主法治示范村', ['县级民主法治示范村（社区）', '区级民主法治示范村'], '个', 'count', 'positions', m('demo', null, 'count', { level: 'county', scope: ['village', 'both'] })],
    ['demo_villages_city', '市级民主法治示范村', ['市级民主法治示范村（社区）'], '个', 'count', 'positions', m('demo', null, 'count', { level: 'city', scope: ['village', 'both'] })],
    ['demo_villages_province', '省级民主法治示范村', ['省级民主法治示范村（社区）'], '个', 'count', 'positions', m('demo', null, 'count', { level: 'province', scope: ['village', 'both'] })],
    ['demo_villages_national', '国家级民主法治示范村', ['全国民主法治示范村', '国家级民主法治示范村（社区）', '全国民主法治示范村（社区）'], '个', 'count', 'positions', m('demo', null, 'count', { level: 'national', scope: ['village', 'both'] })],
    ['demo_communities_county', '县级民主法治示范社区', ['区级民主法治示范社区'], '个', 'count', 'positions', m('demo', null, 'count', { level: 'county', scope: ['community'] })],
    ['demo_communities_city', '市级民主法治示范社区', [], '个', 'count', 'positions', m('demo', null, 'count', { level: 'city', scope: ['community'] })],
    ['demo_communities_province', '省级民主法治示范社区', [], '个', 'count', 'positions', m('demo', null, 'count', { level: 'province', scope: ['community'] })],
    ['demo_communities_national', '国家级民主法治示范社区', ['全国民主法治示范社区'], '个', 'count', 'positions', m('demo', null, 'count', { level: 'national', scope: ['community'] })],
    ['position_investment', '法治阵地建设投入', ['法治阵地投入', '法治阵地建设投资', '镇村两级投资', '阵地建设投入'], '万元', 'amount', 'positions', { integer: false, ...m('position', null, 'amount', DEF) }],
  ],
  decisions: [
    ['major_decisions', '重大行政决策', ['重大行政决策事项', '重大决策', '重大事项决策'], '项', 'count', 'decisions', { unitAliases: ['件'], ...m('decision', null, 'count', DEF) }],
    ['collective_decisions', '集体讨论决定', ['集体讨论决定事项', '经集体讨论决定', '集体研究决定'], '项', 'count', 'decisions', { unitAliases: ['件'], ...m('decision', 'collective', 'count') }],
    ['gov_info_published', '政务公开信息', ['公开政务信息', '政务公开', '公开信息', '政府信息公开'], '条', 'count', 'decisions', { unitAliases: ['件'], ...m('govinfo', null, 'count', DEF) }],
  ],
  shortcomings: [],
  plans: [],
  other: [],
};

const RELATIONS: Relation[] = [
  // 普法: 学法考试
  { kind: 'part-of', part: 'exam_taken', whole: 'exam_expected' },
  { kind: 'part-of', part: 'exam_not_taken', whole: 'exam_expected' },
  { kind: 'part-of', part: 'exam_excellent', whole: 'exam_taken' },
  { kind: 'part-of', part: 'exam_qualified', whole: 'exam_taken' },
  { kind: 'part-of', part: 'exam_passed', whole: 'exam_taken' },
  { kind: 'rate', rate: 'exam_participation_rate', numerator: 'exam_taken', denominator: 'exam_expected' },
  { kind: 'rate', rate: 'exam_excellence_rate', numerator: 'exam_excellent', denominator: 'exam_taken' },
  { kind: 'rate', rate: 'exam_qualified_rate', numerator: 'exam_qualified', denominator: 'exam_taken' },
  { kind: 'rate', rate: 'exam_pass_rate', numerator: 'exam_passed', denominator: 'exam_taken' },
  // 矛盾纠纷
  { kind: 'part-of', part: 'petitions_resolved', whole: 'petitions_received' },
  { kind: 'part-of', part: 'petitions_closed', whole: 'petitions_received' },
  { kind: 'rate', rate: 'petition_resolution_rate', numerator: 'petitions_resolved', denominator: 'petitions_received' },
  { kind: 'rate', rate: 'petition_closure_rate', numerator: 'petitions_closed', denominator: 'petitions_received' },
  { kind: 'part-of', part: 'disputes_mediated', whole: 'disputes_received' },
  { kind: 'part-of', part: 'disputes_handled', whole: 'disputes_received' },
  { kind: 'part-of', part: 'disputes_mediated', whole: 'disputes_handled' },
  { kind: 'rate', rate: 'dispute_mediation_rate', numerator: 'disputes_mediated', denominator: 'disputes_received' },
  { kind: 'rate', rate: 'dispute_handling_rate', numerator: 'disputes_handled', denominator: 'disputes_received' },
  { kind: 'part-of', part: 'hotline_closed', whole: 'hotline_tickets' },
  { kind: 'part-of', part: 'hotline_closed_on_time', whole: 'hotline_tickets' },
  { kind: 'rate', rate: 'hotline_closure_rate', numerator: 'hotline_closed', denominator: 'hotline_tickets' },
  { kind: 'rate', rate: 'hotline_on_time_rate', numerator: 'hotline_closed_on_time', denominator: 'hotline_tickets' },
  // 行政执法
  { kind: 'part-of', part: 'certified_officers', whole: 'enforcement_officers' },
  { kind: 'rate', rate: 'certification_rate', numerator: 'certified_officers', denominator: 'enforcement_officers' },
  { kind: 'part-of', part: 'new_certificates', whole: 'certified_officers' },
  // 公共法律服务
  { kind: 'part-of', part: 'villages_with_counsel', whole: 'villages' },
  { kind: 'rate', rate: 'counsel_coverage_rate', numerator: 'villages_with_counsel', denominator: 'villages' },
  { kind: 'sum', total: 'legal_counsels', parts: ['town_counsels', 'village_counsels'] },
  { kind: 'part-of', part: 'law_libraries', whole: 'villages' },
  { kind: 'part-of', part: 'demo_villages_county', whole: 'villages' },
  { kind: 'part-of', part: 'demo_villages_city', whole: 'villages' },
  { kind: 'part-of', part: 'demo_villages_province', whole: 'villages' },
  { kind: 'part-of', part: 'demo_villages_national', whole: 'villages' },
  { kind: 'part-of', part: 'demo_communities_county', whole: 'villages' },
  { kind: 'part-of', part: 'demo_communities_city', whole: 'villages' },
  { kind: 'part-of', part: 'demo_communities_province', whole: 'villages' },
  { kind: 'part-of', part: 'demo_communities_national', whole: 'villages' },
  // 依法决策
  { kind: 'part-of', part: 'collective_decisions', whole: 'major_decisions' },
];

function build(): Catalog {
  const indicators: IndicatorDef[] = [];
  for (const [section, defs] of Object.entries(SECTIONS) as [SectionId, Def[]][]) {
    for (const [id, name, synonyms, unit, kind, group, extra] of defs) {
      indicators.push({
        id,
        name,
        synonyms,
        section,
        unit,
        kind,
        group,
        integer: kind === 'count',
        min: kind === 'yesno' || kind === 'text' ? undefined : 0,
        ...extra,
      });
    }
  }
  const catalog = { version: '2026.2', indicators, relations: RELATIONS };
  const problems = validateCatalog(catalog);
  if (problems.length) throw new Error(`内置指标目录有误：${problems.join('；')}`);
  return catalog;
}

const KINDS = new Set<IndicatorKind>(['count', 'amount', 'rate', 'yesno', 'text']);
const SECTION_IDS = new Set<string>(['leadership', 'publicity', 'disputes', 'enforcement', 'legal-services', 'decisions', 'shortcomings', 'plans', 'other']);
const MEASURES = new Set(['count', 'people', 'times', 'amount', 'rate', 'yesno']);
const LEVELS = new Set(['county', 'city', 'province', 'national']);
const SCOPES = new Set(['village', 'community', 'both']);

/**
 * The catalog's schema, checked: every problem as one Chinese sentence naming the indicator or relation (empty when
 * the catalog is sound). The built-in catalog is checked on load; a county's additions through extendCatalog.
 */
export function validateCatalog(catalog: Catalog): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  for (const d of catalog.indicators) {
    const who = `指标“${d.name || d.id}”`;
    if (!d.id || !/^[a-z][a-z0-9_]*$/.test(d.id)) out.push(`${who}的编号“${d.id}”应由小写字母、数字和下划线组成`);
    if (ids.has(d.id)) out.push(`指标编号 ${d.id} 重复`);
    ids.add(d.id);
    if (!d.name?.trim()) out.push(`指标 ${d.id} 没有名称`);
    if (!KINDS.has(d.kind)) out.push(`${who}的类型“${d.kind}”不是 数量/金额/比率/是否/文字 之一`);
    if (!SECTION_IDS.has(d.section)) out.push(`${who}的章节“${d.section}”不存在`);
    if (d.min !== undefined && d.max !== undefined && d.min > d.max) out.push(`${who}的下限大于上限`);
    const mn = d.meaning;
    if (mn) {
      if (!mn.object) out.push(`${who}的含义缺少对象`);
      if (!MEASURES.has(mn.measure)) out.push(`${who}的度量“${mn.measure}”无效`);
      if ((mn.measure === 'rate') !== (d.kind === 'rate')) out.push(`${who}的度量与类型不一致`);
      if (mn.level && !LEVELS.has(mn.level)) out.push(`${who}的级别“${mn.level}”无效`);
      for (const sc of mn.scope ?? []) if (!SCOPES.has(sc)) out.push(`${who}的范围“${sc}”无效`);
    }
    if (d.standsFor && !catalog.indicators.some((x) => x.id === d.standsFor)) out.push(`${who}代替的指标 ${d.standsFor} 不存在`);
  }
  const has = (id: string) => ids.has(id);
  for (const r of catalog.relations) {
    const refs = r.kind === 'part-of' ? [r.part, r.whole] : r.kind === 'rate' ? [r.rate, r.numerator, r.denominator] : [r.total, ...r.parts];
    for (const id of refs) if (!has(id)) out.push(`关系（${r.kind}）引用的指标 ${id} 不存在`);
    if (r.kind === 'rate') {
      const d = catalog.indicators.find((x) => x.id === r.rate);
      if (d && d.kind !== 'rate') out.push(`比率关系中的“${d.name}”不是比率指标`);
    }
  }
  return out;
}

/** The default catalog, from the domain brief. */
export const CATALOG: Catalog = build();

/** Index by id. */
export function indicatorById(catalog: Catalog = CATALOG): Map<string, IndicatorDef> {
  return new Map(catalog.indicators.map((d) => [d.id, d]));
}

/** The rate relation that defines `rateId`, if any. */
export function rateRelation(rateId: string, catalog: Catalog = CATALOG): Extract<Relation, { kind: 'rate' }> | undefined {
  return catalog.relations.find((r): r is Extract<Relation, { kind: 'rate' }> => r.kind === 'rate' && r.rate === rateId);
}

/** A county's additions: new indicators and relations, or synonyms appended to existing ones. */
export function extendCatalog(
  base: Catalog,
  add: { indicators?: IndicatorDef[]; relations?: Relation[]; synonyms?: Record<string, string[]> },
): Catalog {
  const known = new Set(base.indicators.map((d) => d.id));
  const indicators = base.indicators.map((d) =>
    add.synonyms?.[d.id] ? { ...d, synonyms: [...d.synonyms, ...add.synonyms[d.id]] } : d,
  );
  for (const d of add.indicators ?? []) {
    if (known.has(d.id)) throw new Error(`指标编号 ${d.id} 已存在，不能重复定义`);
    indicators.push(d);
  }
  const out = { version: `${base.version}+local`, indicators, relations: [...base.relations, ...(add.relations ?? [])] };
  const problems = validateCatalog(out);
  if (problems.length) throw new Error(`指标目录有误：${problems.join('；')}`);
  return out;
}

/** Report section order within part 一 (主要举措和成效). */
export const MEASURE_SECTIONS: SectionId[] = ['publicity', 'disputes', 'enforcement', 'legal-services', 'decisions'];

export const SECTION_NAMES: Record<SectionId, string> = {
  leadership: '党政主要负责人履行推进法治建设第一责任人职责情况',
  publicity: '法治宣传教育',
  disputes: '矛盾纠纷化解与社会治理',
  enforcement: '行政执法',
  'legal-services': '公共法律服务与法治阵地建设',
  decisions: '依法决策与政务公开',
  shortcomings: '存在的不足和原因',
  plans: '下一年度主要安排',
  other: '其他需要报告的情况',
};

/** Names of the sheets the tool itself writes; extraction skips them, re-runs replace them. */
export const RESULT_SHEETS = {
  findings: '审核结果',
  rates: '计算结果',
  report: '报告文稿',
  explanations: '审核说明',
  marks: '审核标记',
  /** The user's own placements of labels (原标签 | 指标 | 工作表): kept like 审核说明, never removed with the results. */
  mapping: '指标对照',
  /** 整改通知: the county's notice to the township (core/notice.ts), laid out like 报告文稿. */
  notice: '整改通知',
  /** 审核明细: the county workbook's one row per finding per township, what the next round is compared with (county/rounds.ts). */
  countyDetail: '审核明细',
  /** The county's sheets (汇总各乡镇, `merge`; core/county/plan.ts): the checklist, the summary, the county narrative. */
  countyStatus: '审核情况',
  countySummary: '汇总表',
  countyReport: '汇总报告文稿',
} as const;
