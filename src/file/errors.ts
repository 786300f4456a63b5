/** Errors the file adapter raises for a workbook it cannot read: a code for programs, a Chinese sentence for people. */

export type FileReadErrorCode =
  | 'empty' // 0 bytes
  | 'not-xlsx' // not a zip, or a zip that is not a workbook
  | 'xls' // an Excel 97-2003 binary workbook (OLE compound file / BIFF) that cannot be read: damaged, or too old
  | 'et' // a WPS .et file not stored as a compound-file workbook
  | 'csv' // a text table (CSV/TXT) that cannot be read: a field or a row far too long
  | 'html' // a web page (HTML table) saved under a workbook's name
  | 'encrypted' // password-protected (OLE container holding EncryptedPackage) or encrypted zip entries
  | 'xlsb' // Excel binary workbook
  | 'ods' // an OpenDocument spreadsheet that cannot be read (damaged)
  | 'docx' // a Word document given where a workbook was expected
  | 'truncated' // zip cut short
  | 'too-large' // declared sizes beyond the limits (zip bomb, or simply far too big)
  | 'corrupt'; // the zip is fine but ExcelJS could not parse the workbook

export class FileReadError extends Error {
  readonly code: FileReadErrorCode;
  readonly file: string;
  constructor(code: FileReadErrorCode, file: string, message: string) {
    super(message);
    this.name = 'FileReadError';
    this.code = code;
    this.file = file;
  }
}

export function isFileReadError(e: unknown): e is FileReadError {
  return e instanceof FileReadError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'FileReadError');
}

/** `“x.xlsx”`, or `所选文件` when the name is empty. */
export function quoteName(name: string): string {
  return name ? `“${name}”` : '所选';
}

/** `advice` replaces the usual last sentence of a `corrupt` message (what to do) when the usual one would not help. */
export function readError(code: FileReadErrorCode, name: string, detail?: string, advice?: string): FileReadError {
  const f = `文件${quoteName(name)}`;
  let msg: string;
  switch (code) {
    case 'empty':
      msg = `${f}是空文件（0 字节），无法读取。请确认选择了正确的工作簿。`;
      break;
    case 'not-xlsx':
      msg = `${f}不是有效的 Excel 工作簿（.xlsx），无法读取。请在 Excel 或 WPS 中打开后“另存为” .xlsx 格式再检查。`;
      break;
    case 'xls':
      msg = `${f}是旧版 Excel 97-2003 工作簿（.xls），但无法读取${detail ? `（${detail}）` : ''}。请在 Excel 或 WPS 中打开后“另存为” .xlsx 格式再检查。`;
      break;
    case 'et':
      msg = `${f}是 WPS 表格文件（.et），其存储方式本工具无法读取${detail ? `（${detail}）` : ''}。请在 WPS 表格中打开，点“文件→另存为”，文件类型选“Excel 工作簿（*.xlsx）”，保存后再检查。`;
      break;
    case 'csv':
      msg = `${f}是文本表格（CSV），但无法读取${detail ? `：${detail}` : ''}。请在 Excel 或 WPS 中打开核对后“另存为” .xlsx 格式再检查。`;
      break;
    case 'html':
      msg = `${f}实际上是网页（HTML）格式的表格，不是真正的 Excel 工作簿，无法读取。请在 Excel 或 WPS 中打开后“另存为” .xlsx 格式再检查。`;
      break;
    case 'encrypted':
      msg = `${f}设置了打开密码（已加密），无法读取。请在 Excel 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后保存，再检查。`;
      break;
    case 'xlsb':
      msg = `${f}是 Excel 二进制工作簿（.xlsb），本工具只能读取 .xlsx。请在 Excel 中“另存为” .xlsx 格式后再检查。`;
      break;
    case 'ods':
      msg = `${f}是 OpenDocument 表格（.ods），但已损坏，无法读取${detail ? `（${detail}）` : ''}。请在 WPS、LibreOffice 或 Excel 中打开后“另存为” .xlsx 格式再检查。`;
      break;
    case 'docx':
      msg = `${f}是 Word 文档，不是 Excel 工作簿（.xlsx），无法检查。请选择指标工作簿。`;
      break;
    case 'truncated':
      msg = `${f}不完整（文件末尾缺失，可能下载或复制时中断），不是有效的 Excel 工作簿（.xlsx），无法读取。请重新获取完整的文件。`;
      break;
    case 'too-large':
      msg = `${f}解压后的内容过大${detail ? `（${detail}）` : ''}，可能已损坏或是恶意构造的压缩文件，为安全起见已停止读取。`;
      return new FileReadError(code, name, msg);
    case 'corrupt':
    default:
      msg = `${f}已损坏，无法作为 Excel 工作簿（.xlsx）读取${detail ? `（${detail}）` : ''}。${advice ?? '请在 Excel 或 WPS 中打开并重新保存后再检查。'}`;
      return new FileReadError(code, name, msg);
  }
  return new FileReadError(code, name, msg);
}
