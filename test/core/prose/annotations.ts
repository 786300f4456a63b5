/**
 * Every figure mention of the three real township reports (test/core/prose/reports/, copied unchanged from
 * ../shared/domain/reports/), annotated by hand before the reader was run on them: the indicator a county
 * statistician would enter it under (`none` when it is no catalog indicator's value: a per-unit figure, a
 * slogan, an indicator the catalog does not have), its value in the catalog unit, whether it is approximate, and
 * its period. `at` is a phrase of the text that holds the figure once; `fig` is the figure as written inside it.
 * Dates, years, ordinals (`第一次`, `一是`), section numbers and `“6·26”`-style days are not figures and are not
 * listed: the reader must not state them at all.
 */
export interface Annotated {
  at: string;
  fig: string;
  id: string; // catalog id or 'none'
  value: number;
  approx: boolean;
  period: 'current' | 'previous' | 'other' | 'partial';
}

export interface AnnotatedReport {
  file: string;
  year: number;
  mentions: Annotated[];
}

const cur = 'current' as const;

export const REPORTS: AnnotatedReport[] = [
  {
    file: '前营乡-2023.txt',
    year: 2023,
    mentions: [
      { at: '中心组学习法治思想内容5次', fig: '5次', id: 'center_group_study', value: 5, approx: false, period: cur },
      { at: '党委会学法10次', fig: '10次', id: 'pre_meeting_study', value: 10, approx: false, period: cur },
      { at: '依法调处各类社会矛盾纠纷二十余件', fig: '二十余件', id: 'disputes_handled', value: 20, approx: true, period: cur },
      { at: '规范全乡25个行政村', fig: '25个', id: 'villages', value: 25, approx: false, period: cur },
    ],
  },
  {
    file: '周营镇-2023.txt',
    year: 2023,
    mentions: [
      { at: '全镇20个行政村实现', fig: '20个', id: 'villages', value: 20, approx: false, period: cur },
      { at: '实现法律顾问全覆盖', fig: '全覆盖', id: 'counsel_coverage_rate', value: 100, approx: false, period: cur },
      { at: '群众性普法宣传活动达百余次', fig: '百余次', id: 'publicity_events', value: 100, approx: true, period: cur },
      { at: '印发各类普法宣传材料近3万余份', fig: '近3万余份', id: 'materials', value: 30000, approx: true, period: cur },
      { at: '张贴普法条幅近300余幅', fig: '近300余幅', id: 'banners', value: 300, approx: true, period: cur },
      { at: '全镇信访案件化解率达到100%', fig: '100%', id: 'petition_resolution_rate', value: 100, approx: false, period: cur },
      // 三个一: what a study kit holds, not a count of anything done
      { at: '有一份学习计划', fig: '一份', id: 'none', value: 1, approx: false, period: cur },
      { at: '有一套学习资料', fig: '一套', id: 'none', value: 1, approx: false, period: cur },
      { at: '有一本学法笔记本', fig: '一本', id: 'none', value: 1, approx: false, period: cur },
    ],
  },
  {
    file: '大钟庄镇-2021.txt',
    year: 2021,
    mentions: [
      { at: '开展党委中心组学习4次', fig: '4次', id: 'center_group_study', value: 4, approx: false, period: cur },
      { at: '会前学法12次', fig: '12次', id: 'pre_meeting_study', value: 12, approx: false, period: cur },
      { at: '开展民主生活会1次', fig: '1次', id: 'none', value: 1, approx: false, period: cur },
      { at: '民主评议会1次', fig: '1次', id: 'none', value: 1, approx: false, period: cur },
      { at: '悬挂党风廉政建设宣传标语45幅', fig: '45幅', id: 'banners', value: 45, approx: false, period: cur },
      { at: '应知应会知识》2万余份', fig: '2万余份', id: 'materials', value: 20000, approx: true, period: cur },
      { at: '制作宣传横幅1500多条', fig: '1500多条', id: 'banners', value: 1500, approx: true, period: cur },
      // per-unit figures: what each village / each road must have
      { at: '横幅悬挂不少于30条', fig: '不少于30条', id: 'none', value: 30, approx: true, period: cur },
      { at: '各主干道悬挂不少于50条', fig: '不少于50条', id: 'none', value: 50, approx: true, period: cur },
      { at: '每年不少于三次', fig: '不少于三次', id: 'none', value: 3, approx: true, period: cur },
      { at: '每月不少于两次排查', fig: '不少于两次', id: 'none', value: 2, approx: true, period: cur },
      { at: '每月不少于2次', fig: '不少于2次', id: 'none', value: 2, approx: true, period: cur },
      // a principle (100% screened, 100% resolved), not a reported rate
      { at: '矛盾纠纷100%排查', fig: '100%', id: 'none', value: 100, approx: false, period: cur },
      { at: '100%化解的指导思想', fig: '100%', id: 'none', value: 100, approx: false, period: cur },
      { at: '全年共调处各类矛盾纠纷68件次', fig: '68件次', id: 'disputes_handled', value: 68, approx: false, period: cur },
      { at: '我镇45村全部建立', fig: '45村', id: 'villages', value: 45, approx: false, period: cur },
      { at: '每年年初聘请一名法律顾问', fig: '一名', id: 'none', value: 1, approx: false, period: cur },
      { at: '聘用10名法律顾问', fig: '10名', id: 'legal_counsels', value: 10, approx: false, period: cur },
      { at: '其中镇政府1名', fig: '1名', id: 'town_counsels', value: 1, approx: false, period: cur },
      { at: '45个行政村9名', fig: '45个', id: 'villages', value: 45, approx: false, period: cur },
      { at: '45个行政村9名', fig: '9名', id: 'village_counsels', value: 9, approx: false, period: cur },
      { at: '每名负责5各村', fig: '5各', id: 'none', value: 5, approx: false, period: cur },
      { at: '每月至少一次', fig: '至少一次', id: 'none', value: 1, approx: true, period: cur },
      // missed in the first pass of annotation, added when the reader found it: a coverage claim like 周营镇's
      { at: '达到镇村法律顾问全覆盖', fig: '全覆盖', id: 'counsel_coverage_rate', value: 100, approx: false, period: cur },
      { at: '镇村两级投资10多万元', fig: '10多万元', id: 'position_investment', value: 10, approx: true, period: cur },
      { at: '完善了45村法治阵地建设', fig: '45村', id: 'villages', value: 45, approx: false, period: cur },
      { at: '完成率100%', fig: '100%', id: 'none', value: 100, approx: false, period: cur },
      { at: '各项活动300多起', fig: '300多起', id: 'none', value: 300, approx: true, period: cur },
    ],
  },
];
