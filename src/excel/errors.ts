/**
 * What Excel threw, as one Chinese sentence a township clerk can act on.
 *
 * office-js rejects with an `OfficeExtension.Error` whose `code` is a stable, unlocalised string
 * (`OfficeExtension.ErrorCodes` / `Excel.ErrorCodes`) and whose `message` is a summary in the UI language that
 * Microsoft says is "not intended for end users": the add-in should pick its own message from the code
 * (learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling). So the known codes get
 * a sentence that says what happened and what to do; an unknown code keeps Excel's own message (already Chinese
 * in a Chinese Office) and the code, for whoever supports the user.
 */
import { isChineseMessage } from '../core/language';

/** What the pane was doing when Excel refused. */
export type ExcelAction = 'read' | 'write' | 'select';

const ACTION: Record<ExcelAction, string> = {
  read: '读取工作簿失败',
  write: '写入工作簿失败',
  select: '无法定位到单元格',
};

/** Excel's reason, per error code, followed by what the user can do. */
const REASONS: Record<string, string> = {
  InvalidOperationInCellEditMode: 'Excel 正在编辑某个单元格。请先按 Enter 或 Esc 结束编辑，再重试',
  RequestPayloadSizeLimitExceeded: '数据量超过了 Excel 单次请求的大小上限（网页版 Excel 为 5 MB）。请在桌面版 Excel 中重试，或删去与指标无关的工作表后重试',
  ResponsePayloadSizeLimitExceeded: '数据量超过了 Excel 单次请求的大小上限（网页版 Excel 为 5 MB）。请在桌面版 Excel 中重试，或删去与指标无关的工作表后重试',
  InvalidOperation: '工作簿当前不允许此操作，常见原因是工作表或工作簿结构受保护。请在“审阅”选项卡中撤销保护后重试',
  AccessDenied: 'Excel 拒绝了此操作，工作簿可能以只读方式打开或受权限保护。请以可编辑方式打开后重试',
  ItemNotFound: '要操作的工作表或单元格已不存在，可能刚被重命名或删除。请重新检查后重试',
  ItemAlreadyExists: '工作簿中已有同名的工作表。请重新检查后重试',
  Conflict: '工作簿正被同时修改（例如他人在共同编辑）。请稍后重试',
  InsertDeleteConflict: '工作簿正被同时修改（例如他人在共同编辑）。请稍后重试',
  ActivityLimitReached: 'Excel 正忙，暂时无法处理请求。请稍后重试',
  RequestAborted: '请求被 Excel 中止。请重试',
  MemoryLimitReached: 'Excel 内存不足，无法处理这么大的工作簿。请删去与指标无关的工作表后重试',
  InactiveWorkbook: '工作簿已不是当前窗口（可能已关闭）。请切换回该工作簿后重试',
  ApiNotFound: '此版本的 Excel 不支持本加载项所需的接口。请更新 Office、使用网页版 Excel，或改用本工具的网页版处理文件',
  ApiNotAvailable: '此版本的 Excel 不支持本加载项所需的接口。请更新 Office、使用网页版 Excel，或改用本工具的网页版处理文件',
  NotImplemented: '此版本的 Excel 不支持本加载项所需的接口。请更新 Office、使用网页版 Excel，或改用本工具的网页版处理文件',
  UnsupportedFeature: '此版本的 Excel 不支持本加载项所需的接口。请更新 Office、使用网页版 Excel，或改用本工具的网页版处理文件',
};

/** Where the same code means something else while only reading (a protected sheet can still be read). */
const READ_REASONS: Record<string, string> = {
  InvalidOperation: 'Excel 当前不允许读取，可能有对话框打开或某个单元格正在编辑。请关闭对话框、结束编辑后重试',
};

function field(e: unknown, name: 'code' | 'message'): string {
  const v = e !== null && typeof e === 'object' ? (e as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v.trim() : '';
}

/** The error is Excel refusing a request or a response as too large (Excel on the web: 5 MB). */
export function isPayloadError(e: unknown): boolean {
  return /PayloadSizeLimitExceeded/i.test(field(e, 'code')) || /payload size/i.test(field(e, 'message'));
}

/**
 * One sentence (ending in `。`) for what Excel threw while doing `action`. A message this add-in wrote itself
 * (Chinese, no Office error code) is returned as it is.
 */
export function excelErrorMessage(e: unknown, action: ExcelAction): string {
  const code = field(e, 'code');
  const message = (typeof e === 'string' ? e.trim() : field(e, 'message')).replace(/[.。\s]+$/, '');
  if (!code && message && isChineseMessage(message)) return `${message}。`;
  const reason =
    (action === 'read' ? READ_REASONS[code] : undefined) ??
    REASONS[code] ??
    (isPayloadError(e) ? REASONS.RequestPayloadSizeLimitExceeded : '');
  if (reason) return `${ACTION[action]}：${reason}。（Excel 错误代码 ${code || 'PayloadSizeLimitExceeded'}）`;
  const detail = message && !/^(undefined|null|NaN)$/i.test(message) ? message : 'Excel 未说明原因';
  return `${ACTION[action]}：${detail}${code ? `（Excel 错误代码 ${code}）` : ''}。请重试；如果问题依旧，请关闭并重新打开此窗格。`;
}
