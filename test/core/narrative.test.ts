import fc from 'fast-check';
import { CATALOG, extendCatalog } from '../../src/core/catalog';
import { auditFigures, buildReport, chineseOrdinal, cleanItem, enumerate, figuresIn, yearOnYear } from '../../src/core/narrative';
import type { Observation, Report } from '../../src/core/types';
import { makeResult, obs, text } from './narrative-fixtures';

const bodyText = (r: Report) => r.paragraphs.map((p) => p.text).join('\n');
const para = (r: Report, includes: string) => r.paragraphs.find((p) => p.text.includes(includes))?.text;

/** A full set of figures as a township might give them (approximations included). */
function fullObservations(): Observation[] {
  return [
    obs('leading_group', true),
    obs('special_meetings', 4),
    obs('center_group_study', 5),
    obs('pre_meeting_study', 10),
    obs('year_end_report', true),
    obs('publicity_events', 100, { markers: ['余'], unit: '次', raw: '百余次' }),
    obs('materials', 30000, { markers: ['近', '余'], wan: true, raw: '近3万余份' }),
    obs('banners', 300, { markers: ['近'], unit: '幅', raw: '近300幅' }),
    obs('boards', 12),
    obs('consultations', 260),
    obs('trainings', 12),
    obs('training_attendance', 800),
    obs('teams', 3),
    obs('team_members', 45),
    obs('exam_expected', 120),
    obs('exam_taken', 118),
    obs('exam_excellent', 90),
    obs('petitions_received', 37),
    obs('petitions_resolved', 35),
    obs('petition_resolution_rate', 94.6),
    obs('disputes_received', 20, { markers: ['余'], raw: '二十余件' }),
    obs('disputes_mediated', 18),
    obs('hotline_tickets', 240),
    obs('hotline_closed', 238),
    obs('hotline_satisfaction_rate', 98),
    obs('rehabilitation_subjects', 12),
    obs('key_persons', 6),
    obs('enforcement_officers', 9),
    obs('certified_officers', 7),
    obs('certification_rate', 100),
    obs('new_certificates', 2),
    obs('enforcement_trainings', 4),
    obs('enforcement_training_attendance', 60),
    obs('enforcement_deployments', 320),
    obs('inspections', 150),
    obs('hazards', 46),
    obs('enforcement_documents', 88),
    obs('cases_filed', 0),
    obs('fines', 1.3),
    obs('legality_reviews', 6),
    obs('normative_doc_reviews', 2),
    obs('villages', 20),
    obs('villages_with_counsel', 20),
    obs('legal_counsels', 10),
    obs('town_counsels', 1),
    obs('village_counsels', 9),
    obs('law_libraries', 20),
    obs('demo_villages_county', 3),
    obs('demo_villages_province', 1),
    obs('position_investment', 10, { markers: ['多'], wan: true, raw: '10多万元' }),
    obs('major_decisions', 8),
    obs('collective_decisions', 8),
    obs('gov_info_published', 156),
  ];
}

const TEXTS = [
  text('shortcomings', '1、部分党员干部理论学习不够深入、不够系统。', 1),
  text('shortcomings', '（二）行政执法工作人员力量不足；', 2),
  text('shortcomings', '三是农村法治宣传存在薄弱环节', 3),
  text('plans', '带头学法守法用法，提高法治素质', 1),
  text('plans', '完善法治教育机制，加大普法力度', 2),
];

describe('buildReport: structure', () => {
  const result = makeResult({ observations: fullObservations(), texts: TEXTS });
  const report = buildReport(result);

  it('opens with title, addressee and the opening sentence naming unit and year', () => {
    const [title, addressee, opening] = report.paragraphs;
    expect(title).toEqual({ role: 'title', text: '周营镇人民政府关于2023年度法治政府建设情况的报告' });
    expect(addressee).toEqual({ role: 'addressee', text: '中共沈丘县委、沈丘县人民政府：' });
    expect(opening.role).toBe('opening');
    expect(opening.text).toContain('现将我镇2023年度法治政府建设情况报告如下：');
  });

  it('puts the parts in the mandated order with consistent numbering', () => {
    const h1 = report.paragraphs.filter((p) => p.role === 'heading1').map((p) => p.text);
    expect(h1).toEqual([
      '一、2023年度推进法治政府建设的主要举措和成效',
      '二、2023年度推进法治政府建设存在的不足和原因',
      '三、党政主要负责人履行推进法治建设第一责任人职责情况',
      '四、2024年度推进法治政府建设的主要安排',
    ]);
    const h2 = report.paragraphs.filter((p) => p.role === 'heading2').map((p) => p.text);
    expect(h2).toEqual(['（一）法治宣传教育', '（二）矛盾纠纷化解与社会治理', '（三）行政执法', '（四）公共法律服务与法治阵地建设', '（五）依法决策与政务公开']);
  });

  it('ends with 特此报告, the government as signature and the workbook date', () => {
    const tail = report.paragraphs.slice(-3);
    expect(tail).toEqual([
      { role: 'closing', text: '特此报告。' },
      { role: 'signature', text: '周营镇人民政府' },
      { role: 'date', text: '2024年1月8日' },
    ]);
  });

  it('writes the petitions sentence the way the reports do, with the recomputed rate', () => {
    expect(para(report, '信访')).toContain('2023年，全镇共受理信访案件37件，化解35件，化解率94.6%');
  });

  it('keeps approximation markers and 万 as the township wrote them', () => {
    const t = bodyText(report);
    expect(t).toContain('普法宣传活动100余次');
    expect(t).toContain('近3万余份');
    expect(t).toContain('近300幅');
    expect(t).toContain('20余件');
    expect(t).toContain('10多万元');
  });

  it('turns text items into 一是……；二是……；三是……。 without their own numbering', () => {
    const idx = report.paragraphs.findIndex((p) => p.text.startsWith('二、'));
    expect(report.paragraphs[idx + 1].text).toBe(
      '一是部分党员干部理论学习不够深入、不够系统；二是行政执法工作人员力量不足；三是农村法治宣传存在薄弱环节。',
    );
  });

  it('states every figure of the workbook and no other (figure audit)', () => {
    const audit = auditFigures(report, result);
    expect(audit.missing).toEqual([]);
    expect(audit.extra).toEqual([]);
    expect(audit.ok).toBe(true);
  });

  it('records the cells each body paragraph cites', () => {
    const p = report.paragraphs.find((x) => x.text.includes('信访'))!;
    const petitions = result.observations.find((o) => o.indicator === 'petitions_received')!;
    expect(p.sources).toContain(`${petitions.sheet}!${petitions.cell}`);
  });
});

describe('buildReport: figures', () => {
  it('uses the recomputed rate where the township reported another (100% over 7 of 9 → 77.8%)', () => {
    const r = makeResult({ observations: [obs('enforcement_officers', 9), obs('certified_officers', 7), obs('certification_rate', 100)] });
    const t = bodyText(buildReport(r));
    expect(t).toContain('持证率77.8%');
    expect(t).not.toContain('100%');
  });

  it('leaves out a recomputed rate over 100% (a part larger than its whole) but keeps the counts', () => {
    const r = makeResult({ observations: [obs('enforcement_officers', 12), obs('certified_officers', 14), obs('certification_rate', 100)] });
    const rep = buildReport(r);
    expect(para(rep, '执法人员')).toBe('全镇现有行政执法人员12人，持证上岗14人。');
    expect(auditFigures(rep, r).ok).toBe(true);
  });

  it('cites, of two conflicting values, the one the rate was computed from', () => {
    const first = obs('villages', 21, { sheet: '基本情况', cell: 'B7' });
    const second = obs('villages', 20, { sheet: '公共法律服务', cell: 'D4' });
    const part = obs('villages_with_counsel', 18, { sheet: '公共法律服务', cell: 'D5' });
    const r = makeResult({ observations: [first, second, part] });
    r.rates = r.rates.map((x) => (x.indicator === 'counsel_coverage_rate' ? { ...x, denominator: second, value: 90, display: '90.0%' } : x));
    expect(para(buildReport(r), '行政村')).toBe('全镇辖行政村（社区）20个，配备法律顾问的村（社区）18个，法律顾问覆盖率90.0%。');
  });

  it('uses the reported rate when no parts exist', () => {
    const r = makeResult({ observations: [obs('hotline_satisfaction_rate', 98.5)] });
    expect(bodyText(buildReport(r))).toContain('群众满意率98.5%');
  });

  it('computes a rate the township did not report from its parts', () => {
    const r = makeResult({ observations: [obs('villages', 45), obs('villages_with_counsel', 45)] });
    expect(bodyText(buildReport(r))).toContain('法律顾问覆盖率100%');
  });

  it('leaves out a clause whose figure is blank, cleanly', () => {
    const r = makeResult({
      observations: [obs('petitions_received', 37), obs('petitions_resolved', null), obs('disputes_received', null), obs('disputes_mediated', 5)],
    });
    const t = para(buildReport(r), '信访')!;
    expect(t).toBe('2023年，全镇共受理信访案件37件。调解成功5件。');
  });

  it('never turns a blank into 0件, but keeps a true zero', () => {
    const r = makeResult({ observations: [obs('cases_filed', 0), obs('inspections', null)] });
    const t = bodyText(buildReport(r));
    expect(t).toContain('立案查处0起');
    expect(t).not.toContain('检查');
  });

  it('drops {year} cleanly when the workbook gives no year', () => {
    const r = makeResult({ year: null, observations: [obs('petitions_received', 37, { year: null })] });
    const rep = buildReport(r);
    expect(para(rep, '信访')).toBe('全镇共受理信访案件37件。');
    expect(rep.paragraphs[0].text).toBe('周营镇人民政府关于法治政府建设情况的报告');
    expect(bodyText(rep)).not.toMatch(/null|undefined|NaN/);
  });

  it('omits addressee and date when the workbook has none; an explicit date wins over the workbook’s', () => {
    const r = makeResult({ addressee: null, date: null, observations: [obs('petitions_received', 3)] });
    const rep = buildReport(r);
    expect(rep.paragraphs.some((p) => p.role === 'addressee' || p.role === 'date')).toBe(false);
    expect(rep.paragraphs[1].text).not.toContain('正确领导');
    const dated = buildReport(r, { date: '2024年2月1日' });
    expect(dated.paragraphs.at(-1)).toEqual({ role: 'date', text: '2024年2月1日' });
    const both = buildReport(makeResult({ date: '2024年1月8日' }), { date: '2024年2月1日' });
    expect(both.paragraphs.at(-1)).toEqual({ role: 'date', text: '2024年2月1日' });
  });

  it('uses 乡 for a township named 乡', () => {
    const r = makeResult({ unit: '前营乡', observations: [obs('petitions_received', 3)] });
    const rep = buildReport(r);
    expect(rep.paragraphs[2].text).toContain('现将我乡2023年度');
    expect(para(rep, '信访')).toContain('全乡共受理');
    expect(rep.paragraphs.find((p) => p.role === 'signature')!.text).toBe('前营乡人民政府');
  });

  it('says yes/no indicators in words', () => {
    const r = makeResult({ observations: [obs('leading_group', false), obs('special_meetings', 2)] });
    expect(para(buildReport(r), '领导小组')).toBe('镇党委、政府尚未成立法治建设领导小组，召开党委（政府）专题会议研究法治建设2次。');
  });
});

describe('year-over-year phrases', () => {
  const r = makeResult({
    observations: [
      obs('petitions_received', 36),
      obs('petitions_resolved', 34),
      obs('petitions_received', 32, { period: 'previous' }),
      obs('petitions_resolved', 29, { period: 'previous' }),
    ],
  });

  it('says 同比增长12.5% for a count and 个百分点 for a rate', () => {
    const t = para(buildReport(r), '信访')!;
    // 36 vs 32: +12.5 %; 94.4% (34/36) vs 90.6% (29/32): +3.8 points
    expect(t).toBe('2023年，全镇共受理信访案件36件，同比增长12.5%，化解34件，化解率94.4%，同比提高3.8个百分点。');
    expect(auditFigures(buildReport(r), r).ok).toBe(true);
  });

  it('says 同比下降 when the figure fell and has no phrase for approximate figures', () => {
    const down = makeResult({ observations: [obs('cases_filed', 8), obs('cases_filed', 10, { period: 'previous' })] });
    expect(yearOnYear(down, 'cases_filed')?.phrase).toBe('同比下降20.0%');
    const approx = makeResult({ observations: [obs('cases_filed', 8, { markers: ['余'] }), obs('cases_filed', 10, { period: 'previous' })] });
    expect(yearOnYear(approx, 'cases_filed')).toBeNull();
    expect(bodyText(buildReport(approx))).not.toContain('同比');
  });

  it('has no phrase without a previous year', () => {
    const only = makeResult({ observations: [obs('petitions_received', 36)] });
    expect(bodyText(buildReport(only))).not.toContain('同比');
  });
});

describe('summary workbooks', () => {
  it('calls a county office’s area 县', () => {
    const r = makeResult({ unit: '沈丘县委全面依法治县委员会办公室', observations: [obs('petitions_received', 37)] });
    const rep = buildReport(r);
    expect(rep.paragraphs[0].text).toBe('沈丘县委全面依法治县委员会办公室关于2023年度法治政府建设情况的报告');
    expect(para(rep, '信访')).toBe('2023年，全县共受理信访案件37件。');
  });

  it('narrates the 合计 row for the unit and ignores the township rows', () => {
    const r = makeResult({
      unit: '沈丘县',
      observations: [
        obs('petitions_received', 12, { entity: '周营镇' }),
        obs('petitions_received', 25, { entity: '前营乡' }),
        obs('petitions_received', 37, { entity: '合计', isTotal: true }),
      ],
    });
    const rep = buildReport(r);
    expect(para(rep, '信访')).toBe('2023年，全县共受理信访案件37件。');
    expect(bodyText(rep)).not.toMatch(/12件|25件/);
  });
});

describe('a county catalog', () => {
  it('states a county indicator with no template by the general clause from its name, and the audit counts it', () => {
    const catalog = extendCatalog(CATALOG, {
      indicators: [
        { id: 'anti_gang_events', name: '扫黑除恶专项宣传', synonyms: [], section: 'publicity', unit: '次', kind: 'count', integer: true, group: 'local' },
      ],
    });
    const own = { ...obs('publicity_events', 3), indicator: 'anti_gang_events', label: '扫黑除恶专项宣传', unit: '次' };
    const r = makeResult({ observations: [obs('publicity_events', 12), own] });
    const rep = buildReport(r, { catalog });
    expect(para(rep, '扫黑除恶')).toBe('2023年，全镇共开展普法宣传活动12场次。开展扫黑除恶专项宣传3次。');
    expect(auditFigures(rep, r, catalog).ok).toBe(true);
  });
});

describe('sections', () => {
  it('numbers only the parts that have content', () => {
    const r = makeResult({ texts: [text('plans', '加强学习', 1), text('other', '无其他需要报告的情况', 1)] });
    const h1 = buildReport(r).paragraphs.filter((p) => p.role === 'heading1').map((p) => p.text);
    expect(h1).toEqual(['一、2024年度推进法治政府建设的主要安排', '二、其他需要报告的情况']);
  });
});

describe('no stray text, whatever figures are present (property)', () => {
  const all = fullObservations();
  it('has no undefined/NaN/null, no dangling punctuation, and passes the figure audit', () => {
    fc.assert(
      fc.property(fc.subarray(all), fc.boolean(), (subset, withYear) => {
        const r = makeResult({ observations: subset, year: withYear ? 2023 : null, texts: TEXTS });
        const rep = buildReport(r);
        for (const p of rep.paragraphs) {
          expect(p.text).not.toMatch(/undefined|NaN|null|\{|\}/);
          expect(p.text).not.toMatch(/[，；、][，；、。]|^[，；、。]|[，；、]$|：。/);
        }
        const audit = auditFigures(rep, r);
        expect(audit.missing).toEqual([]);
        expect(audit.extra).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('figure audit', () => {
  const r = makeResult({ observations: [obs('petitions_received', 37), obs('materials', 30000, { markers: ['余'], wan: true })] });

  it('finds every Arabic-numeral figure with its 万, 余/多, %, 个百分点', () => {
    expect(figuresIn('发放3万余份，化解率94.6%，提高2.1个百分点，投入10多万元，2023年12月13日').map((f) => [f.text, f.kind])).toEqual([
      ['3万余', 'number'],
      ['94.6%', 'percent'],
      ['2.1个百分点', 'points'],
      ['10多万', 'number'],
      ['2023年', 'year'],
      ['12月', 'date'],
      ['13日', 'date'],
    ]);
  });

  it('reports a figure that is not in the workbook', () => {
    const rep = buildReport(r);
    const tampered = { ...rep, paragraphs: [...rep.paragraphs, { role: 'body' as const, text: '化解信访案件36件。' }] };
    expect(auditFigures(tampered, r).extra).toEqual([{ text: '36', paragraph: rep.paragraphs.length }]);
  });

  it('does not take 37件 inside 137件 for the figure', () => {
    const rep = buildReport(r);
    const changed = { ...rep, paragraphs: rep.paragraphs.map((p) => ({ ...p, text: p.text.replace('37件', '137件') })) };
    expect(auditFigures(changed, r).missing.map((m) => m.expected)).toEqual(['37件']);
  });

  it('reports a figure of the workbook that the text drops or changes', () => {
    const rep = buildReport(r);
    const dropped = { ...rep, paragraphs: rep.paragraphs.map((p) => ({ ...p, text: p.text.replace('3万余份', '3万份') })) };
    const audit = auditFigures(dropped, r);
    expect(audit.missing.map((m) => m.expected)).toEqual(['3万余份']);
    expect(audit.ok).toBe(false);
  });
});

describe('helpers', () => {
  it('chineseOrdinal', () => {
    expect([1, 5, 10, 11, 20, 23].map(chineseOrdinal)).toEqual(['一', '五', '十', '十一', '二十', '二十三']);
  });
  it('cleanItem strips numbering but not a leading figure', () => {
    expect(cleanItem('1.加强学习；')).toBe('加强学习');
    expect(cleanItem('（3）加强学习')).toBe('加强学习');
    expect(cleanItem('3.5万元投入不足')).toBe('3.5万元投入不足');
    expect(cleanItem('理论学习\n不够深入。')).toBe('理论学习不够深入');
  });
  it('enumerate: one item is one sentence, none is nothing', () => {
    expect(enumerate(['加强学习。'])).toBe('加强学习。');
    expect(enumerate(['  ', '。'])).toBe('');
  });
});
