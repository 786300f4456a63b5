import { check } from '../../src/core/check';
import type { Cell, Grid } from '../../src/core/types';
function show(name: string, sheets: Grid[]) {
  const r = check({ name, sheets });
  console.log('=====', name, r.unit, r.year, JSON.stringify(r.extraction.tables));
  for (const o of r.observations) console.log(' ', o.sheet, o.cell, JSON.stringify(o.raw), o.indicator, o.kind, o.value, o.period, o.entity ?? '', o.markers.join(''), o.note ?? '');
  for (const u of r.extraction.unknown) console.log('  unknown', u.cell, u.label);
  for (const f of r.findings) if (f.rule !== 'missing-required') console.log('  F', f.rule, f.severity, f.cell, f.message.slice(0, 120));
}
show('前营乡2023.xlsx', [{ name: '对比', rows: [
  ['指标名称', '单位', '2023年', '上年同期', '增减%'],
  ['受理信访案件', '件', 12, 15, -20],
  ['化解信访案件', '件', 12, 14, -14.3],
  ['信访案件化解率', null, 1, 0.933, null],
  ['普法宣传活动', '场次', '12（其中线上4场）', 10, 20],
  ['受理信访\n案件', '件', 12, null, null],
] as Cell[][] }]);
show('周营镇2023.xlsx', [{ name: '指标', rows: [
  ['指标名称', '数量（件）'],
  ['受理矛盾纠纷', 37],
  ['调解成功', 35],
  ['调解成功率', 0.946],
  ['受理信访案件', 9],
  ['化解信访案件', 9],
  ['信访化解率', 1],
] as Cell[][] }]);
