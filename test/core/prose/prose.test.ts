/**
 * Issue 13: the figures of a report's sentences, read and checked — on the three real reports (annotated by hand
 * in annotations.ts) and on sentences written to exercise each rule, each trap and their near misses.
 */
import { check } from '../../../src/core/check';
import { checkProse, readMentions, type Mention } from '../../../src/core/prose';
import type { TextDocument } from '../../../src/core/prose/types';
import type { Finding, Workbook } from '../../../src/core/types';
import { REPORTS } from './annotations';
import { scoreLine, scoreReports, txtDocument } from './score';

function doc(...texts: string[]): TextDocument {
  return { name: '报告.docx', paragraphs: texts.map((text, i) => ({ index: i + 1, text })) };
}

function prose(year: number, ...texts: string[]) {
  return checkProse(doc(...texts), { year });
}

function rules(fs: Finding[]): string[] {
  return fs.map((f) => f.rule);
}

function placed(ms: Mention[]): [string, string | null, number | null][] {
  return ms.map((m) => [m.text, m.indicator, m.value]);
}

function expectClean(f: Finding): void {
  expect(f.message).not.toMatch(/undefined|NaN|null|\{|\}|¶/);
  expect(f.message).toMatch(/。$/);
}

describe('the three real reports, annotated by hand', () => {
  it('reads their figures with no confident wrong indicator; prints precision and recall of the mentions', () => {
    const s = scoreReports();
    console.log(
      scoreLine(s) +
        (s.missed.length ? `\n  missed: ${s.missed.map((m) => `${m.fig} in “${m.at}” (want ${m.want}, got ${m.got})`).join('\n          ')}` : ''),
    );
    expect(s.wrong).toEqual([]);
    expect(s.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('finds no error in them: every sentence of theirs with figures is consistent with itself', () => {
    for (const r of REPORTS) {
      const res = checkProse(txtDocument(r.file), { year: r.year });
      expect(res.findings.filter((f) => f.severity === 'error')).toEqual([]);
      for (const f of res.findings) expectClean(f);
    }
  });

  it('takes the report year from the title when none is given', () => {
    const res = checkProse(txtDocument('周营镇-2023.txt'));
    expect(res.observations.every((o) => o.year === 2023)).toBe(true);
  });
});

describe('rates against their own counts, within a sentence', () => {
  it('全年受理信访案件45件，化解42件，化解率达98%: an error at “98%”, which 42/45 makes 93.3%', () => {
    const text = '全年受理信访案件45件，化解42件，化解率达98%。';
    const res = prose(2023, '一、主要举措', text);
    expect(rules(res.findings)).toEqual(['rate-mismatch']);
    const f = res.findings[0];
    expect(f).toMatchObject({ severity: 'error', source: 'text', paragraph: 2, sheet: '', cell: '', quote: text, expected: 93.3, actual: 98 });
    expect(text.slice(f.span![0], f.span![1])).toBe('98%');
    expect(f.message).toContain('第2段“全年受理信访案件45件，化解42件，化解率达98%”');
    expect(f.message).toContain('93.3%');
    expect(f.refs).toEqual([]);
    expectClean(f);
  });

  it('调解矛盾纠纷12件，成功10件，调解成功率100%: an error (10/12 = 83.3%)', () => {
    const res = prose(2023, '调解矛盾纠纷12件，成功10件，调解成功率100%。');
    expect(res.findings.map((f) => [f.rule, f.expected])).toEqual([['rate-mismatch', 83.3]]);
  });

  it('consistent sentences get nothing: 36/34/94.4%, 45/42/93.3%, 45/42/93% (±0.5 of a whole percent)', () => {
    expect(prose(2023, '全年排查矛盾纠纷36件，化解34件，化解率94.4%。').findings).toEqual([]);
    expect(prose(2023, '全年受理信访案件45件，化解42件，化解率达93.3%。').findings).toEqual([]);
    expect(prose(2023, '全年受理信访案件45件，化解42件，化解率达93%。').findings).toEqual([]);
  });

  it('the subject carries over: 36 received, 34 resolved, 94.4% their rate', () => {
    const res = prose(2023, '全年排查矛盾纠纷36件，化解34件，化解率94.4%。');
    expect(placed(res.mentions)).toEqual([
      ['36件', 'disputes_received', 36],
      ['34件', 'disputes_mediated', 34],
      ['94.4%', 'dispute_mediation_rate', 94.4],
    ]);
    expect(res.mentions.every((m) => m.period.kind === 'current' && m.period.text === '全年')).toBe(true);
  });

  it('a rate cut instead of rounded (7/9 written 77.7%) is a rate-truncated hint, not an error', () => {
    const res = prose(2023, '受理信访案件9件，化解7件，化解率77.7%。');
    expect(res.findings.map((f) => [f.rule, f.severity, f.expected])).toEqual([['rate-truncated', 'hint', 77.8]]);
    expect(res.findings[0].message).toContain('同句的“信访案件化解数”7件');
    expectClean(res.findings[0]);
  });

  it('a rate whose counts are in the sentence before is checked against them; not when the text gives two values', () => {
    const res = prose(2023, '全年受理信访案件45件。其中化解42件，化解率达98%。');
    expect(res.findings.map((f) => [f.rule, f.span, f.expected])).toEqual([['rate-mismatch', [24, 27], 93.3]]);
    expect(res.findings[0].message).toContain('第1段“全年受理信访案件45件”');
    expect(prose(2023, '全年受理信访案件45件。其中化解42件，化解率达93.3%。').findings).toEqual([]);
    // in another paragraph the subject is not carried: a bare 化解率 is no indicator
    expect(prose(2023, '全年受理信访案件45件。', '其中化解42件，化解率达98%。').mentions.map((m) => m.indicator)).toEqual(['petitions_received', null, null]);
    const two = prose(2023, '全年受理信访案件45件。', '受理信访案件50件。', '信访案件化解42件，化解率达93.3%。');
    expect(rules(two.findings)).toEqual(['conflicting-values']);
  });

  it('a part larger than its whole: 化解15件 of 12 received', () => {
    const res = prose(2023, '受理信访案件12件，化解15件。');
    expect(rules(res.findings)).toEqual(['part-exceeds-whole']);
    expect(res.findings[0].message).toContain('第1段');
  });

  it('shared values: 参考率、合格率均达100% over 50 expected, 50 taken and 48 qualified is wrong only for 合格率', () => {
    const res = prose(2023, '组织应考人数50人，参考人数50人，合格人数48人，参考率、合格率均达100%。');
    expect(res.mentions.filter((m) => m.shared).map((m) => m.indicator)).toEqual(['exam_participation_rate', 'exam_qualified_rate']);
    expect(res.findings.map((f) => [f.rule, f.indicators[0], f.expected])).toEqual([['rate-mismatch', 'exam_qualified_rate', 96]]);
  });

  it('办结率、满意率均为100% and 参考率和通过率实现“双百” name each rate', () => {
    expect(placed(prose(2023, '信访案件办结率、满意率均为100%。').mentions)).toEqual([
      ['100%', 'petition_closure_rate', 100],
      ['100%', 'petition_satisfaction_rate', 100],
    ]);
    const res = prose(2023, '学法考试参考人数40人，通过人数38人，参考率和通过率实现“双百”。');
    expect(res.mentions.filter((m) => m.coverage).map((m) => m.indicator)).toEqual(['exam_participation_rate', 'exam_pass_rate']);
    // 38 of 40 passed is not 100 %; the participation rate has no expected count here, so it is not checked
    expect(res.findings.map((f) => [f.rule, f.indicators[0]])).toEqual([['coverage-claim', 'exam_pass_rate']]);
  });

  it('全覆盖 against the counts of its sentence: 18 of 20 villages is not full coverage; 20 of 20 is', () => {
    const res = prose(2023, '全镇20个行政村，18个村配备法律顾问，实现法律顾问全覆盖。');
    expect(res.findings.map((f) => [f.rule, f.severity])).toEqual([['coverage-claim', 'verify']]);
    expect(res.findings[0].message).toContain('90.0%');
    expect(prose(2023, '全镇20个行政村，20个村配备法律顾问，实现法律顾问全覆盖。').findings).toEqual([]);
  });
});

describe('sentences in the reports’ wording, consistent and not', () => {
  const consistent = [
    '全年共调处各类矛盾纠纷68件次，调解成功65件，调解成功率95.6%。',
    '受理信访案件38件，办结38件，办结率100%。',
    '全镇行政执法人员12人，持证12人，持证率100%。',
    '全年受理12345热线工单120件，办结118件，办结率98.3%。',
    '学法考试应考人数50人，参考人数48人，参考率96%。',
    '依法调处各类社会矛盾纠纷二十余件，调解成功率100%。',
    '排查矛盾纠纷近百件，化解率95%以上。',
    '全镇20个行政村实现法律顾问全覆盖。',
  ];
  it.each(consistent)('%s — no error', (text) => {
    const res = prose(2023, text);
    expect(res.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(res.mentions.some((m) => m.indicator)).toBe(true);
  });

  const wrong: [string, string, number | null][] = [
    ['全年受理12345热线工单120件，办结118件，办结率99%。', 'rate-mismatch', 98.3],
    ['全镇行政执法人员12人，持证14人。', 'part-exceeds-whole', 12],
    ['学法考试应考人数50人，参考人数48人，参考率100%。', 'rate-mismatch', 96],
    ['全年共调处各类矛盾纠纷68件次，调解成功65件，调解成功率98%。', 'rate-mismatch', 95.6],
  ];
  it.each(wrong)('%s — %s', (text, rule, expected) => {
    const res = prose(2023, text);
    expect(res.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.expected])).toEqual([[rule, expected]]);
  });
});

describe('one indicator, two values, and periods', () => {
  it('20余起 in one part and 16起 in another: conflicting-values (待核实) at the later sentence, naming both', () => {
    const res = prose(2023, '全年共受理信访案件20余起，均已妥善处理。', '二、存在问题', '全年受理信访案件16起，化解16起。');
    const f = res.findings.filter((x) => x.rule === 'conflicting-values');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'verify', paragraph: 3 });
    expect(f[0].message).toContain('第1段“全年共受理信访案件20余起，均已妥善处理”为20余起');
    expect(f[0].message).toContain('第3段');
    expectClean(f[0]);
  });

  it('near misses: 20余起 and 23起 can both be right; a 1-6月 figure is not the year’s; 截至5月21日 neither', () => {
    expect(prose(2023, '全年共受理信访案件20余起。', '全年受理信访案件23起。').findings).toEqual([]);
    expect(prose(2023, '1-6月受理信访案件10件。', '全年受理信访案件25件。').findings).toEqual([]);
    const res = prose(2024, '截至5月21日，共受理信访案件8件。', '2024年受理信访案件25件。');
    expect(res.findings).toEqual([]);
    expect(res.mentions[0].period).toMatchObject({ kind: 'partial', text: '截至5月21日' });
  });

  it('a figure dated to another year than the report’s is year-mismatch; 2023年以来, 今年以来 and comparisons are not', () => {
    const res = prose(2023, '2022年，全镇受理信访案件16起。');
    expect(res.findings.map((f) => [f.rule, f.severity, f.actual])).toEqual([['year-mismatch', 'verify', 2022]]);
    expect(res.findings[0].message).toContain('2022年');
    expectClean(res.findings[0]);
    expect(prose(2023, '2023年以来，全镇受理信访案件16起。').findings).toEqual([]);
    expect(prose(2023, '今年以来，全镇受理信访案件16起。').findings).toEqual([]);
    expect(prose(2023, '全镇受理信访案件16起，比2022年增长12%。').findings).toEqual([]);
    expect(prose(2024, '2021年以来，累计受理信访案件60起。').findings.map((f) => f.rule)).toEqual(['year-mismatch']);
  });
});

describe('growth percentages', () => {
  it('checked against the two figures they compare, when the sentence gives both', () => {
    expect(prose(2023, '全年受理信访案件45件，比上年的40件增长12.5%。').findings).toEqual([]);
    expect(prose(2023, '受理12345热线工单36件，比上年40件下降10%。').findings).toEqual([]);
    const wrong = prose(2023, '全年调处矛盾纠纷45件，较2022年的40件增长15%。');
    expect(wrong.findings.map((f) => [f.rule, f.severity, f.expected, f.actual])).toEqual([['rate-mismatch', 'error', 12.5, 15]]);
    expect(wrong.findings[0].message).toContain('实际增长12.5%');
    expectClean(wrong.findings[0]);
    // the figure compared with is last year's, not a second value of this year's, and not a year-mismatch
    expect(wrong.mentions.slice(0, 2).map((m) => [m.text, m.indicator, m.period.kind])).toEqual([
      ['45件', 'disputes_handled', 'current'],
      ['40件', 'disputes_handled', 'previous'],
    ]);
    const direction = prose(2023, '开展普法宣传活动30场次，比上年25场次下降20%。');
    expect(direction.findings.map((f) => [f.rule, f.actual])).toEqual([['rate-mismatch', -20]]);
  });

  it('a growth without last year’s figure, or of approximate figures, is not checked', () => {
    expect(prose(2023, '发放宣传资料3000份，同比增长20%。').findings).toEqual([]);
    expect(prose(2023, '发放宣传资料3000余份，比上年2000余份增长10%。').findings).toEqual([]);
  });
});

describe('figures that are not indicator values', () => {
  it('dates, years, ordinals, document numbers, “八五”普法, 12345热线, 6.26国际禁毒日 are not figures at all', () => {
    const ms = readMentions(
      doc(
        '2023年12月13日，根据沈政〔2023〕5号文件，第一次召开会议，认真落实“八五”普法规划。',
        '12345热线运行良好，6.26国际禁毒日、“12·4”宪法宣传日开展宣传，一是加强学习。',
      ),
      { year: 2023 },
    );
    expect(ms).toEqual([]);
  });

  it('growth and share percentages, per-unit figures are mentions of no indicator', () => {
    const ms = readMentions(doc('发放宣传资料两万余份，同比增长12%，占比4.11%，每村不少于30份。'), { year: 2023 });
    expect(ms.map((m) => [m.text, m.indicator, m.none ?? null])).toEqual([
      ['两万余份', 'materials', null],
      ['12%', null, 'growth'],
      ['4.11%', null, 'share'],
      ['不少于30份', null, 'per-unit'],
    ]);
    expect(ms[0]).toMatchObject({ value: 20000, approx: true, markers: ['余'] });
  });

  it('90%以上 is a lower bound (a marker), not the value 90; 近3万余份 keeps both markers', () => {
    const ms = readMentions(doc('12345热线工单办结率90%以上，印发普法宣传材料近3万余份。'), { year: 2023 });
    expect(ms.map((m) => [m.indicator, m.value, m.markers])).toEqual([
      ['hotline_closure_rate', 90, ['以上']],
      ['materials', 30000, ['近', '余']],
    ]);
  });

  it('near misses stay unplaced: 法律援助案件 is no 立案 case, 86批次236人次 is one count in two units, not two values', () => {
    expect(readMentions(doc('办理法律援助案件15件。'), { year: 2023 }).map((m) => m.indicator)).toEqual([null]);
    const res = prose(2023, '共接待群众来访86批次236人次，办结率100%。');
    expect(res.mentions.map((m) => [m.text, m.indicator])).toEqual([
      ['86批次', 'petitions_received'],
      ['236人次', null],
      ['100%', 'petition_closure_rate'],
    ]);
    expect(res.findings).toEqual([]);
  });

  it('a rate is never paired with a count from another paragraph (another part of the report, maybe another scope)', () => {
    const res = prose(2023, '全年共排查矛盾纠纷156起。', '成功调解42起，调解成功率97.7%。');
    expect(res.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a label the model cannot place is none, never a guess: a bare 化解率 with no subject, 完成率, 活动', () => {
    const ms = readMentions(doc('化解率达到95%。完成率100%。开展各项活动300多起。'), { year: 2023 });
    expect(ms.map((m) => m.indicator)).toEqual([null, null, null]);
  });
});

describe('locations', () => {
  it('a paragraph from a text sheet keeps its sheet and cell, on observations and findings (refs name the cells)', () => {
    const d: TextDocument = { name: '纸坊镇.xlsx', paragraphs: [{ index: 4, text: '全年受理信访案件45件，化解42件，化解率达98%。', sheet: '报告正文', cell: 'A4' }] };
    const res = checkProse(d, { year: 2023 });
    expect(res.observations.map((o) => [o.sheet, o.cell, o.source, o.paragraph])).toEqual([
      ['报告正文', 'A4', 'text', 4],
      ['报告正文', 'A4', 'text', 4],
      ['报告正文', 'A4', 'text', 4],
    ]);
    expect(res.findings[0]).toMatchObject({ sheet: '报告正文', cell: 'A4', refs: ['报告正文!A4'] });
    expect(res.findings[0].message).toContain('‘报告正文’表第4段');
  });

  it('ids are stable when paragraphs are added before the sentence', () => {
    const s = '全年受理信访案件45件，化解42件，化解率达98%。';
    expect(prose(2023, s).findings[0].id).toBe(prose(2023, '前言。', '一、情况', s).findings[0].id);
  });
});

describe('the text against its workbook', () => {
  const book = (rows: (string | number)[][]): Workbook => ({
    name: '纸坊镇.xlsx',
    sheets: [{ name: '矛盾纠纷', rows: [['纸坊镇2023年法治政府建设指标'], ['指标名称', '单位', '数值'], ...rows] }],
  });

  it('a figure differing from the cell is conflicting-values naming the sentence and the cell', () => {
    const wb = check(book([['信访案件受理数', '件', 45], ['信访案件化解数', '件', 42]]), { year: 2023 });
    const res = checkProse(doc('全年受理信访案件43件。'), { workbook: wb });
    const f = res.findings.filter((x) => x.rule === 'conflicting-values');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('‘矛盾纠纷’表 C3');
    expect(f[0].message).toContain('第1段“全年受理信访案件43件”');
    expect(f[0].refs).toEqual(['矛盾纠纷!C3']);
    expect(f[0]).toMatchObject({ source: 'text', paragraph: 1 });
    // the same figure: nothing
    expect(checkProse(doc('全年受理信访案件45件。'), { workbook: wb }).findings).toEqual([]);
  });

  it('调处矛盾纠纷 in the text meets the workbook’s 调处 row, which stands for the disputes received there', () => {
    const wb = check(book([['调处矛盾纠纷', '件', 68]]), { year: 2023 });
    const res = checkProse(doc('全年共调处各类矛盾纠纷60件次，有效维护了和谐稳定。'), { workbook: wb });
    expect(res.findings.map((f) => [f.rule, f.expected, f.actual])).toEqual([['conflicting-values', 68, 60]]);
    expect(checkProse(doc('全年共调处各类矛盾纠纷68件次。'), { workbook: wb }).findings).toEqual([]);
  });

  it('全部配备 is a claim that every village has it: against a workbook giving 18 of 20, conflicting-values at “全部”', () => {
    const wb = check(book([['行政村数', '个', 20], ['配备法律顾问的村数', '个', 18]]), { year: 2023 });
    const text = '全镇20个行政村全部配备法律顾问。';
    const res = checkProse(doc(text), { workbook: wb });
    const claim = res.mentions.find((m) => m.coverage)!;
    expect(claim).toMatchObject({ text: '全部', indicator: 'villages_with_counsel', value: 20 });
    expect(text.slice(claim.span[0], claim.span[1])).toBe('全部');
    expect(res.findings.map((f) => [f.rule, f.indicators[0], f.span])).toEqual([['conflicting-values', 'villages_with_counsel', claim.span]]);
    expect(res.findings[0].message).toContain('‘矛盾纠纷’表 C4');
    // all 20 in the workbook too: nothing; 全部 of something the catalog does not count is no claim
    expect(checkProse(doc(text), { workbook: check(book([['行政村数', '个', 20], ['配备法律顾问的村数', '个', 20]]), { year: 2023 }) }).findings).toEqual([]);
    expect(readMentions(doc('我镇45村全部建立了村民议事会。'), { year: 2023 }).map((m) => [m.text, m.indicator])).toEqual([['45村', 'villages']]);
  });

  it('a rate the text states that the workbook’s counts do not give is an error; one they give is not', () => {
    const wb = check(book([['信访案件受理数', '件', 45], ['信访案件化解数', '件', 42]]), { year: 2023 });
    const res = checkProse(doc('我镇信访案件化解率达98%。'), { workbook: wb });
    expect(res.findings.map((f) => [f.rule, f.severity, f.expected])).toEqual([['rate-mismatch', 'error', 93.3]]);
    expect(res.findings[0].message).toContain('‘矛盾纠纷’表 C4');
    expect(checkProse(doc('我镇信访案件化解率达93.3%。'), { workbook: wb }).findings).toEqual([]);
  });
});

describe('any text', () => {
  /** A seeded generator of report-like text: numerals, units, markers, quotes, punctuation and filler words. */
  function gen(seed: number): string {
    let x = seed >>> 0 || 1;
    const rnd = (n: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
    const parts = ['受理信访案件', '化解', '化解率', '调解成功率', '行政村', '个', '名', '件', '%', '余', '多', '近', '以上', '全覆盖', '“双百”', '，', '。', '、', '均达', '《', '》', '“', '”', '2023年', '截至', '月', '日', '1-6月', '第', '每', '同比增长', '占比', '两万', '十', '百', '0', '1', '7', '9', '45', '98.6', '.', '1e308', '９９', '\u202e', '\ud800', ' '];
    let s = '';
    const n = 1 + rnd(40);
    for (let i = 0; i < n; i++) s += parts[rnd(parts.length)];
    return s;
  }

  it('never throws; every mention’s span is its figure, every finding is at a sentence with a clean message', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const texts = [gen(seed), gen(seed * 7919), gen(seed * 104729)];
      const res = checkProse(doc(...texts), { year: 2023 });
      for (const m of res.mentions) expect(texts[m.paragraph - 1].slice(m.span[0], m.span[1])).toBe(m.text);
      for (const f of res.findings) {
        expect(f.source).toBe('text');
        expect(typeof f.paragraph).toBe('number');
        expectClean(f);
      }
    }
  });

  it('an empty document, empty paragraphs and a paragraph without text give nothing', () => {
    expect(checkProse({ name: 'x', paragraphs: [] })).toEqual({ observations: [], findings: [], mentions: [] });
    const odd = { name: 'x', paragraphs: [{ index: 1, text: '' }, { index: 2, text: null as unknown as string }] };
    expect(checkProse(odd, { year: 2023 }).mentions).toEqual([]);
  });
});
