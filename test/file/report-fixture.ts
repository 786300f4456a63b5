import type { Report } from '../../src/core/types';

/** A hand-built report in the shape the narrative produces (roles, figures as in a real township report). */
export const REPORT: Report = {
  unit: '周营镇',
  year: 2023,
  paragraphs: [
    { role: 'title', text: '周营镇人民政府关于2023年度法治政府建设情况的报告' },
    { role: 'addressee', text: '中共沈丘县委、沈丘县人民政府：' },
    { role: 'opening', text: '2023年，周营镇坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，现将我镇2023年度法治政府建设工作开展情况报告如下：' },
    { role: 'heading1', text: '一、上一年度推进法治政府建设的主要举措和成效' },
    { role: 'heading2', text: '（一）法治宣传教育' },
    { role: 'body', text: '全年开展普法宣传活动26场次，发放法治宣传资料3000余份，悬挂横幅标语近300幅，接受群众法律咨询1200余人次。' },
    { role: 'heading2', text: '（二）矛盾纠纷化解与社会治理' },
    { role: 'heading3', text: '1.信访工作' },
    { role: 'body', text: '全镇共受理信访案件37件，化解35件，化解率94.6%。' },
    { role: 'heading4', text: '（1）矛盾纠纷排查' },
    { role: 'body', text: '排查化解矛盾纠纷48件，调解成功45件，调解成功率93.8%。' },
    { role: 'heading1', text: '二、上一年度推进法治政府建设存在的不足和原因' },
    { role: 'body', text: '一是法治宣传形式较为单一；二是执法人员专业能力有待提升；三是村级法律顾问作用发挥不够充分。' },
    { role: 'closing', text: '特此报告。' },
    { role: 'signature', text: '周营镇人民政府' },
    { role: 'date', text: '2024年1月8日' },
  ],
};
