/**
 * Rule metadata as DATA: id → severity, Chinese title, message template(s). The ids and severities are the
 * public contract (JSON output, 审核说明, the county's acceptance practice); the rule functions only fill
 * the placeholders. Placeholders are `{name}` style; every one a template uses is filled by its rule.
 *
 * Common placeholders: `{where}` = `‘矛盾纠纷’表 D11` (with `（张庄镇）` on a summary row), `{name}` = the
 * indicator's catalog name, `{actual}` = the figure as found, `{expected}` = what the counts give.
 */
import type { RuleId, Severity } from './types';

export interface RuleMeta {
  severity: Severity;
  /** Short Chinese title, shown in result sheets and the task pane. */
  title: string;
  /** English title, where one is given (the pane in English). */
  titleEn?: string;
  /** Default message template. */
  template: string;
  /** Alternative wordings for sub-cases of the same rule, keyed by variant. */
  variants?: Record<string, string>;
  /** A sub-case of another severity than the rule's (missing-required's one `list` hint). */
  variantSeverity?: Record<string, Severity>;
}

export const RULES: Record<RuleId, RuleMeta> = {
  'unparseable-value': {
    severity: 'error',
    title: '无法识别的数值',
    template: '{where}的“{name}”填写为“{actual}”，无法识别为{kindWord}{reason}。请改为{example}后重新审核。',
    variants: {
      date: '{where}的“{name}”显示为日期“{actual}”，而这里应填写{kindWord}，多半是单元格格式被设成了日期。请把该单元格格式改为“常规”后重新填写{kindWord}。',
    },
  },
  'formula-error': {
    severity: 'error',
    title: '公式错误',
    template: '{where}的“{name}”是公式错误“{actual}”，读不出数字。请检查该单元格的公式（如除数为0、引用了已删除的单元格），或直接填写数字。',
  },
  'not-integer': {
    severity: 'error',
    title: '应为整数',
    template: '{where}的“{name}”填写为{actual}，该指标以“{unit}”计，应为整数。请核对后改为整数。',
  },
  negative: {
    severity: 'error',
    title: '出现负数',
    template: '{where}的“{name}”填写为{actual}，是负数，而该指标不能小于0。请改正。',
  },
  'out-of-range': {
    severity: 'error',
    title: '超出取值范围',
    template: '{where}的“{name}”填写为{actual}，超出了允许的范围（{range}）。请核对后改正。',
  },
  'part-exceeds-whole': {
    severity: 'error',
    title: '部分大于总数',
    template:
      '{where}的“{name}”为{actual}，大于{wholeWhere}的“{wholeName}”{expectedText}，部分不能多于总数。请核对这两个数字。',
  },
  'rate-mismatch': {
    severity: 'error',
    title: '比率与数字不符',
    template:
      '{where}的“{name}”填写为{actual}，但按{numWhere}的“{numName}”{num}和{denWhere}的“{denName}”{den}计算应为{expected}。请改为{expected}，或核对这三个数字。',
    variants: {
      growth:
        '{where}写“{name}”{said}{actual}，但按同句的本期{cur}和{prevText}{prev}计算，实际{real}。请改正增减幅度，或核对这两个数字。',
      approx:
        '{where}的“{name}”填写为{actual}，但按{numWhere}的“{numName}”{num}和{denWhere}的“{denName}”{den}计算，即使考虑约数也应在{range}之间。请核对这三个数字。',
      over: '{where}的“{name}”填写为{actual}，但{numWhere}的“{numName}”{num}大于{denWhere}的“{denName}”{den}，比率不能超过100%，这两个数字至少有一个有误。请先核对这两个数字，再据此填写比率。',
      parts:
        '{where}的“{name}”填写为{actual}，与{numWhere}的“{numName}”{num}和{denWhere}的“{denName}”{den}不符，但这两个数字本身也有问题（见{partsWhere}的审核结果）。请先改正它们，再据此核对比率。',
    },
  },
  'rate-truncated': {
    severity: 'hint',
    title: '比率舍去了尾数',
    template:
      '{where}的“{name}”填写为{actual}，按{numWhere}的“{numName}”{num}和{denWhere}的“{denName}”{den}计算为{exact}，{actual}是舍去尾数的结果，四舍五入应为{rounded}。请改为{rounded}。',
  },
  'sum-mismatch': {
    severity: 'error',
    title: '合计不符',
    template: '{where}的“{name}”为{actual}，但其组成部分{parts}相加为{expected}，两者不一致。请核对这几个数字。',
    variants: {
      total:
        '{where}合计行的“{name}”为{actual}，但上面{count}个单位的数字相加为{expected}，两者不一致。请核对合计或各单位的数字。',
      totalColumn:
        '{where}合计列的“{name}”为{actual}，但左边{count}个单位的数字相加为{expected}，两者不一致。请核对合计或各单位的数字。',
    },
  },
  'conflicting-values': {
    severity: 'verify',
    title: '同一指标数字不一致',
    template:
      '“{name}”在{firstWhere}填写为{expectedText}，在{where}又填写为{actualText}，同一指标出现了两个不同的数字。请核实哪一个正确并统一；如两处统计口径不同，请在“审核说明”表中说明。',
    variants: {
      text: '“{name}”在{firstWhere}为{expectedText}，在{where}又写作{actualText}，同一指标出现了两个不同的数字。请核实哪一个正确并统一；如两处统计口径不同，请在“审核说明”表中说明。',
    },
  },
  'coverage-claim': {
    severity: 'verify',
    title: '“全覆盖”与数字不符',
    template:
      '{where}的“{name}”填写为“{actual}”，但{numWhere}的“{numName}”为{num}，{denWhere}的“{denName}”为{den}，按此只有{expected}，与“全覆盖”的说法不符。请核实并改正相关数字；如确有原因，请在“审核说明”表中说明。',
    variants: {
      part: '{where}的“{name}”填写为“{actual}”，但{wholeWhere}的“{wholeName}”为{expectedText}，与“全部”的说法不符。请核实并改正相关数字；如确有原因，请在“审核说明”表中说明。',
    },
  },
  'year-mismatch': {
    severity: 'verify',
    title: '年份不符',
    template:
      '{where}的“{names}”只有{obsYear}年的数字，而报告年度是{year}年，本年度没有数字。请核实是否填错了年份列；如确属本年度数字，请改正表头年份。',
    variants: {
      label:
        '{where}的“{label}”提到{labelYear}年，而这个数字应是{year}年的，统计期间可能不对。请核实；如确属{year}年的数字，请在“审核说明”表中说明。',
      text: '{where}的“{name}”{actual}是{periodText}的数字，而报告年度是{year}年，统计期间可能不对。请核实；如确属{year}年的数字，请改正年份或说明口径。',
      title: '{where}的标题“{title}”写的是{titleYear}年，而{identityWhere}填写的报告年度是{year}年。请核实哪个年份正确并统一。',
    },
  },
  'large-change': {
    severity: 'verify',
    title: '与上年相比变化过大',
    template:
      '{where}的“{name}”本年为{actual}，上年为{expectedText}（{prevWhere}），{change}。请核实；如确有原因，请在“审核说明”表中说明。',
  },
  'missing-required': {
    severity: 'verify',
    title: '必填指标缺失',
    template:
      '{where}的“{name}”没有填写，而这是必填指标。请填写本年度{what}；确实没有的请填{fill}，空白不等于0。',
    variants: {
      none: '{where}：工作簿中没有找到县里规定必填的指标“{name}”（属“{section}”部分，见{source}）。请在这一部分补充这一行并填写本年度{what}；确实没有的请填{fill}。',
      list: '{where}：工作簿中没有找到目录中的{count}个常用指标：{names}。如本年度有这些工作，请在指标表中补充；没有的可不填。',
    },
    variantSeverity: { list: 'hint' },
  },
  'approximate-rate': {
    severity: 'hint',
    title: '比率由约数算出',
    template:
      '{where}的“{name}”由约数算出（{parts}），约为{computed}，只能作参考{reportedNote}。如有准确数字，建议填写准确数字。',
  },
  'unknown-indicator': {
    severity: 'hint',
    title: '未识别的指标',
    template:
      '{where}的“{label}”未能对应到指标目录，是否为“{suggestion}”？如是，请改用目录中的名称；如不是，这一行的数字不参与审核，报告文稿按原名称写入（县里的报告模板设为不写入时除外）。',
    variants: {
      none: '{where}的“{label}”未能对应到指标目录，这一行的数字不参与审核，报告文稿按原名称写入（县里的报告模板设为不写入时除外）；如需审核，请县里在指标目录中补充该指标。',
      nameless: '{where}的数字“{label}”所在的行没有名称，不参与审核，也不能写入报告文稿。请在这一行填写指标（或乡镇）的名称。',
      words:
        '{where}的“{label}”中的“{words}”未能理解，这一行没有对应到指标，其数字不参与审核。最接近的是“{suggestion}”：如就是它，请在“指标对照”中选定；如不是，请县里在指标目录中补充该指标。',
    },
  },
  'ambiguous-label': {
    severity: 'hint',
    title: '指标含义不明确',
    template:
      '{where}的“{label}”可能是{candidates}，表中的上下文不足以确定是哪一个，这一行的数字暂不参与审核。请在“指标对照”中选定（任务窗格或网页中点选即可），以后审核会记住。',
  },
  'mapping-invalid': {
    severity: 'hint',
    title: '指标对照无效',
    template: '{source}的对照“{text}”没有生效：{reason}。请改为指标目录中的指标名称，或删除这一行。',
  },
  'definition-invalid': {
    severity: 'hint',
    title: '指标定义无效',
    template: '{source}的指标定义或审核规则“{text}”没有生效：{reason}。请在县级指标定义中改正这一行，或删除它。',
  },
  'sheet-unreadable': {
    severity: 'error',
    title: '工作表读取出错',
    template: '‘{sheet}’表在读取时出错（{reason}），这张表的内容没有审核，其他表照常审核。请检查该表有无异常内容，或把数据复制到新工作表后重新审核。',
    variants: {
      identity:
        '读取工作簿{file}的填报单位和年度时出错（{reason}），单位名称和报告年度没有识别，各表的数字照常审核。请检查各表标题和“填报单位”“年度”等行有无异常内容；报告文稿中的单位和年度须手工核对。',
    },
  },
  numbering: {
    severity: 'hint',
    title: '标题编号不统一',
    template:
      '{where}的标题“{text}”用“{style}”编号，而同级的{otherWhere}“{otherText}”用“{otherStyle}”编号，编号方式不一致。请统一，一级标题用“一、二、三、”。',
  },
  'sheet-truncated': {
    severity: 'error',
    title: '表格未读完',
    template:
      '‘{sheet}’表共有{total}行，超出了可以读取的范围，只审核了前{read}行，{where}起的内容没有审核。请删除多余的空行或把表格拆分后重新审核。',
  },
  'uncalculated-formula': {
    severity: 'error',
    title: '公式没有计算结果',
    template:
      '‘{sheet}’表有{count}个公式单元格在文件中没有计算结果（第一个在 {cell}），这些单元格按空白处理，没有审核。文件可能由其他程序生成，请在 Excel 或 WPS 中打开、保存后重新审核。',
  },
  'workbook-templates': {
    severity: 'hint',
    title: '工作簿自带报告模板，未采用',
    template:
      '工作簿中有‘{sheet}’表，报告文稿没有采用它（报告句式以县里提供的模板为准）；确需采用时，命令行请加 --use-workbook-templates，任务窗格或网页请打开“采用工作簿中的报告模板”。',
  },
  custom: {
    // the severity of each finding is the county's (the rule's 级别); this is the default for a row without one
    severity: 'error',
    title: '县级审核规则',
    titleEn: 'County rule',
    template: '{where}：{explanation}（{figures}{approx}；依据{source}的审核规则“{rule}”）。{todo}',
  },
  'rule-invalid': {
    severity: 'error',
    title: '审核规则无法使用',
    titleEn: 'Invalid county rule',
    template: '{source}的审核规则“{rule}”无法使用：{problem}。请改正这条规则，其他规则照常审核。',
  },
  // ── across townships (src/core/county): {file}, {township}, {other} … are filled by the county consolidation ──
  'county-unreadable': {
    severity: 'error',
    title: '文件无法读取',
    titleEn: 'File unreadable',
    template: '文件“{file}”无法读取，没有计入汇总（{reason}）。请向报送单位索取能打开的工作簿后重新汇总。',
  },
  'county-check-failed': {
    severity: 'error',
    title: '文件检查出错',
    titleEn: 'Check failed',
    template: '{message}，没有计入汇总（技术信息：{detail}）。这不一定是文件有误：请把此文件发给县里的技术支持，其他文件的汇总不受影响。',
  },
  'county-duplicate': {
    severity: 'error',
    title: '同一乡镇重复报送',
    titleEn: 'Township reported twice',
    template:
      '“{township}”出现了两次：{second}与{first}是同一乡镇，汇总只计入了{first}。请确认哪一份是最终版本，删去另一份后重新汇总。',
  },
  'county-missing': {
    severity: 'error',
    title: '应报乡镇没有工作簿',
    titleEn: 'Expected township missing',
    template:
      '名单“{list}”第{line}行的“{township}”没有找到工作簿，汇总表中没有它的数字。请向{township}催报后重新汇总；如只是名称写法不同，请改正名单或工作簿中的单位名称。',
  },
  'county-unlisted': {
    severity: 'hint',
    title: '乡镇不在名单中',
    titleEn: 'Township not on the list',
    template: '{second}的单位“{township}”不在名单“{list}”中{near}。请核对单位名称的写法，或把它补进名单。',
  },
  'county-other-year': {
    severity: 'error',
    title: '报告年度与汇总年度不符',
    titleEn: 'Another report year',
    template:
      '“{file}”（{township}）是{year}年度的工作簿（{yearWhere}），与本次汇总的{county}年度不符，没有计入合计。请向{township}索取{county}年度的工作簿；如要汇总{year}年度，请另行汇总{year}年度（网页上在“报告年度”中选择{year}年度，命令行加 --year {year}）。',
  },
  'county-unit-mismatch': {
    severity: 'error',
    title: '计量单位不一致',
    titleEn: 'Units differ',
    template:
      '“{name}”在{first}以“{unit}”计（{actual}），在{second}以“{otherUnit}”计，两者不能直接相加，{township}的这个数字没有计入合计。请{township}改为以“{otherUnit}”填写后重新汇总。',
  },
  'county-outlier': {
    severity: 'hint',
    title: '明显偏离其他乡镇',
    titleEn: 'Far from the other townships',
    template:
      '{first}的“{name}”为{actual}，{direction}其他乡镇（{count}个乡镇的中位数为{median}，最接近的{other}为{otherValue}）。请核实是否填错单位、多写或漏写了数位。',
  },
  'county-large-change': {
    severity: 'verify',
    title: '与上年相比变化过大',
    titleEn: 'Large change from last year',
    template:
      '{first}的“{name}”本年为{actual}，上年为{expectedText}（{prev}），{change}。请向{township}核实；如确有原因，请其在“审核说明”表中说明。',
  },
};

/** The rules a county consolidation runs across townships (src/core/county), not on one workbook. */
export const COUNTY_RULE_IDS = (Object.keys(RULES) as RuleId[]).filter((id) => id.startsWith('county-'));

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export { SEVERITY_NAMES, SEVERITY_ORDER } from './severity';
