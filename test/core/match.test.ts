import fc from 'fast-check';
import { CATALOG, extendCatalog } from '../../src/core/catalog';
import { headingLevel, matchLabel, normalizeLabel, sectionOfHeading, unitInLabel } from '../../src/core/match';

function idOf(label: string, ctx?: Parameters<typeof matchLabel>[2]): string | null {
  return matchLabel(label, CATALOG, ctx).id;
}

describe('normalizeLabel', () => {
  test.each([
    ['一、行政村数（个）', '行政村数'],
    ['（一）信访案件受理数', '信访案件受理数'],
    ['(二)信访案件受理数', '信访案件受理数'],
    ['1、持证人数', '持证人数'],
    ['1.持证人数', '持证人数'],
    ['（1）持证人数', '持证人数'],
    ['①持证人数', '持证人数'],
    ['第一、持证人数', '持证人数'],
    ['罚没款(万元)', '罚没款'],
    ['【普法】“宣传资料”', '宣传资料'],
    ['“宣传资料”《发放》', '宣传资料发放'],
    ['信访案件化解率达到', '信访案件化解率'],
    ['全年共受理信访案件', '受理信访案件'],
    ['累计排查隐患数量', '排查隐患数'],
    ['１２３４５热线 工单', '12345热线工单'],
    ['党委会/常务会会前学法', '党委会常务会会前学法'],
    ['其中：化解数', '化解数'],
    ['2023年信访案件受理数', '信访案件受理数'],
    ['2022年以来开展法治培训', '开展法治培训'],
    ['化解率为', '化解率'],
    ['规范执法行为', '规范执法行为'],
    ['年终述法', '年终述法'],
  ])('%s → %s', (a, b) => {
    expect(normalizeLabel(a)).toBe(b);
  });

  test('第一责任人 is not numbering', () => {
    expect(normalizeLabel('第一责任人职责')).toBe('第一责任人职责');
  });
});

describe('matchLabel', () => {
  test.each([
    ['受理信访事项', 'petitions_received'],
    // 调处 is the handled count (调处率 = 调处/排查 in provincial forms); extraction reads it as 受理 when no 受理 stands beside it
    ['调处各类矛盾纠纷', 'disputes_handled'],
    ['信访案件化解率达到', 'petition_resolution_rate'],
    ['矛盾纠纷调解成功数', 'disputes_mediated'],
    ['行政村数（个）', 'villages'],
    ['中心组学习法治思想内容', 'center_group_study'],
    ['党委会学法', 'pre_meeting_study'],
    ['张贴普法条幅', 'banners'],
    ['印发各类普法宣传材料', 'materials'],
    ['群众性普法宣传活动', 'publicity_events'],
    ['配备法律顾问的村（社区）数', 'villages_with_counsel'],
    ['持证人数', 'certified_officers'],
    ['罚没款（万元）', 'fines'],
    ['三、持证率（%）', 'certification_rate'],
    ['全年共调处各类矛盾纠纷', 'disputes_handled'],
    ['悬挂宣传横幅（条）', 'banners'],
    ['法治培训参加人次', 'training_attendance'],
    ['信访案件化解数（件）', 'petitions_resolved'],
  ])('%s → %s', (label, id) => {
    expect(idOf(label)).toBe(id);
  });

  test.each(['开展扫黑除恶专项斗争', '民主生活会', '备注', '序号', '合计', '单位名称'])('%s is not an indicator', (label) => {
    expect(idOf(label)).toBeNull();
  });

  test('the longest contained wording wins, not the first', () => {
    expect(idOf('全镇信访案件化解率达到')).toBe('petition_resolution_rate');
    expect(idOf('矛盾纠纷调解成功数（件）')).toBe('disputes_mediated');
    expect(idOf('2023年矛盾纠纷调解成功率')).toBe('dispute_mediation_rate');
  });

  test('every catalog name and synonym places itself', () => {
    const wrong: string[] = [];
    for (const d of CATALOG.indicators) {
      for (const w of [d.name, ...d.synonyms]) {
        const m = matchLabel(w);
        if (m.id !== d.id) wrong.push(`${w} → ${m.id} (want ${d.id})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('a generic sub-label resolves under its parent row or sub-table', () => {
    expect(idOf('受理数', { parent: '信访案件' })).toBe('petitions_received');
    expect(idOf('化解数', { parent: '信访案件' })).toBe('petitions_resolved');
    expect(idOf('化解率', { parent: '信访案件' })).toBe('petition_resolution_rate');
    expect(idOf('受理数', { parent: '矛盾纠纷' })).toBe('disputes_received');
    expect(idOf('化解数', { parent: '（二）矛盾纠纷化解' })).toBe('disputes_mediated');
    expect(idOf('化解率', { parent: '矛盾纠纷' })).toBe('dispute_mediation_rate');
    expect(idOf('办结率', { parent: '12345热线工单' })).toBe('hotline_closure_rate');
    expect(idOf('其中：化解数', { parent: '信访案件受理数' })).toBe('petitions_resolved');
    expect(idOf('其中：化解数', { parent: '矛盾纠纷受理数（件）' })).toBe('disputes_mediated');
    expect(idOf('化解率', { parent: 'disputes_received' })).toBe('dispute_mediation_rate');
    expect(idOf('其中：调解成功数', { parent: '矛盾纠纷受理数' })).toBe('disputes_mediated');
    // the parent does not override a label that is specific on its own
    expect(idOf('信访案件受理数', { parent: '矛盾纠纷' })).toBe('petitions_received');
  });

  test('a count label with no word of a rate is never a rate (其中：化解 / 持证 / 法律顾问)', () => {
    // field test: `其中：化解` under `信访案件` was read as 信访案件化解率, `其中：持证` as 持证率
    expect(idOf('其中：化解', { parent: '信访案件' })).toBe('petitions_resolved');
    // a stage word alone says too little to place; it is never the rate
    expect(idOf('持证')).not.toBe('certification_rate');
    expect(idOf('持证人数')).toBe('certified_officers');
    expect(idOf('化解')).not.toBe('petition_resolution_rate');
    expect(idOf('法律顾问')).toBe('legal_counsels');
    // rate words still find rates
    expect(idOf('化解率', { parent: '信访案件' })).toBe('petition_resolution_rate');
    expect(idOf('法律顾问覆盖')).toBe('counsel_coverage_rate');
  });

  test('under a group header, the sub-label must share words with the indicator (`行政执法人员` over `持证`)', () => {
    // field test: a two-level header `行政执法人员` over `总数 | 持证 | 持证率` read 持证 as 行政执法人员 again
    expect(idOf('持证', { parent: '行政执法人员' })).toBe('certified_officers');
    expect(idOf('持证率（%）', { parent: '行政执法人员' })).toBe('certification_rate');
    expect(idOf('受理', { parent: '信访工作' })).toBe('petitions_received');
    expect(idOf('化解', { parent: '信访工作' })).toBe('petitions_resolved');
    expect(idOf('调解成功', { parent: '矛盾纠纷' })).toBe('disputes_mediated');
  });

  test('the section breaks ties between indicators sharing a wording', () => {
    const cat = extendCatalog(CATALOG, { synonyms: { trainings: ['培训场次'], enforcement_trainings: ['培训场次'] } });
    expect(matchLabel('培训场次', cat, { section: 'enforcement' }).id).toBe('enforcement_trainings');
    expect(matchLabel('培训场次', cat, { section: 'publicity' }).id).toBe('trainings');
  });

  test('near wordings are read by their words; a vague one is ambiguous until its context settles it', () => {
    const near = matchLabel('法律顾问覆盖村数量');
    expect(near.id).toBe('villages_with_counsel');
    // people at lectures are attendance, never the count of lectures
    expect(matchLabel('法治讲座参加人数').id).not.toBe('trainings');
    // a bare 参训人次 may be 法治培训 or 执法培训: ambiguous, both offered
    const vague = matchLabel('参训人次');
    expect(vague.id).toBeNull();
    if (vague.id === null) expect(vague.candidates).toEqual(['training_attendance', 'enforcement_training_attendance']);
    expect(matchLabel('参训人次', CATALOG, { section: '（四）行政执法' }).id).toBe('enforcement_training_attendance');
    const none = matchLabel('扫黑除恶');
    expect(none.id === null && none.suggestion === null).toBe(true);
  });

  test('never throws and is fast on hostile input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.option(fc.string({ maxLength: 30 }), { nil: null }), (s, parent) => {
        const m = matchLabel(s, CATALOG, { parent });
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
    expect(matchLabel('信访'.repeat(16000)).id).not.toBe(undefined);
    expect(normalizeLabel('(('.repeat(16000))).toBe('');
  });
});

describe('unitInLabel', () => {
  test.each([
    ['行政村数（个）', '个'],
    ['罚没款(万元)', '万元'],
    ['发放资料（份）', '份'],
    ['化解率（%）', '%'],
    ['化解率（％）', '%'],
    ['行政村（社区）数（个）', '个'],
    ['金额（单位：万元）', '万元'],
    ['行政村数', null],
    ['村（社区）数', null],
  ])('%s → %p', (label, unit) => {
    expect(unitInLabel(label)).toBe(unit);
  });
});

describe('sectionOfHeading', () => {
  test.each([
    ['（二）法治宣传教育', 'publicity'],
    ['普法', 'publicity'],
    ['矛盾纠纷', 'disputes'],
    ['信访', 'disputes'],
    ['三、社会治理', 'disputes'],
    ['行政执法', 'enforcement'],
    ['公共法律服务', 'legal-services'],
    ['法治阵地', 'legal-services'],
    ['法律顾问', 'legal-services'],
    ['依法决策', 'decisions'],
    ['政务公开', 'decisions'],
    ['一、党政主要负责人履行推进法治建设第一责任人职责情况', 'leadership'],
    ['领导', 'leadership'],
    ['学法', 'leadership'],
    ['二、上一年度推进法治政府建设存在的不足和原因', 'shortcomings'],
    ['存在问题', 'shortcomings'],
    ['问题', 'shortcomings'],
    ['四、下一年度推进法治政府建设的主要安排', 'plans'],
    ['下步安排', 'plans'],
    ['下一步', 'plans'],
    ['工作计划', 'plans'],
    ['五、其他需要报告的情况', 'other'],
    ['其他', 'other'],
    ['基本情况', null],
    ['1、 党政第一责任人推进法治政府建设工作情况', 'leadership'],
    ['2、 推荐法治政府建设工作主要举措和成效', null],
    ['三、存在的不足、原因和问题整改情况', 'shortcomings'],
    ['四、下一步工作的主要思路', 'plans'],
    ['四、2022年度推进法治政府建设的主要安排', 'plans'],
    ['三、2021年度党政主要负责人履行推进法治建设第一责任人职责', 'leadership'],
    ['（五）健全矛盾纠纷排查化解机制，解决群众问题', 'disputes'],
    ['(四))依法有效化解社会矛盾纠纷', 'disputes'],
    ['（七）健全行政执法工作机制', 'enforcement'],
    ['(六)进一步完善公共法律服务体系法治阵地建设', 'legal-services'],
    ['（一）加强理论学习', 'leadership'],
    ['审核结果', null],
    ['四、公共法律服务与行政执法', 'legal-services'],
    ['一、依法执政', 'leadership'],
    ['（一）组织领导和带头学法', 'leadership'],
    ['四、2022年度推进普法工作的主要安排', 'plans'],
    ['（二）成立普法领导小组', 'publicity'],
    ['上一年度推进法治政府建设的主要举措和成效', null],
  ])('%s → %p', (text, id) => {
    expect(sectionOfHeading(text)).toBe(id);
  });
});

describe('headingLevel', () => {
  test.each([
    ['一、党政主要负责人', '一、', 1],
    ['四、下一年度', '一、', 4],
    ['（一）加强理论学习', '（一）', 1],
    ['(三)法治宣传', '（一）', 3],
    ['1、完善制度', '1、', 1],
    ['2.完善依法行政', '1.', 2],
    ['（1）普法', '（1）', 1],
    ['(12)普法', '（1）', 12],
    ['十二、其他', '一、', 12],
    ['(四))依法有效化解社会矛盾纠纷', '（一）', 4],
    ['1、 党政第一责任人', '1、', 1],
  ])('%s', (text, style, n) => {
    expect(headingLevel(text)).toEqual({ style, number: n });
  });

  test.each(['党委会学法', '1.3万元', '2023年度', '一是加强学习', ''])('%s is not numbered', (text) => {
    expect(headingLevel(text)).toEqual({ style: null, number: null });
  });
});

describe('the labels of the sample workbooks', () => {
  test.each([
    ['中心组学习法治思想', 'center_group_study'],
    ['2022年以来开展法治培训', 'trainings'],
    ['党政联席会议研究法治建设', 'special_meetings'],
    ['镇村两级投资', 'position_investment'],
    ['执法人员持证率', 'certification_rate'],
    ['受理信访案件（件）', 'petitions_received'],
    ['调解成功（件）', 'disputes_mediated'],
    ['法律顾问（名）', 'legal_counsels'],
    ['法治培训参训人次', 'training_attendance'],
    ['普法宣讲团', 'teams'],
    ['检查商户', 'inspections'],
  ])('%s → %s', (label, id) => {
    expect(idOf(label)).toBe(id);
  });

  test.each(['开展扫黑除恶专项宣传', '乡镇', '单位名称', '报告年度', '落款日期', '项目', '内容', '分子', '分母', '比率'])('%s is no indicator and suggests none', (label) => {
    expect(matchLabel(label)).toMatchObject({ id: null, suggestion: null });
  });
});
