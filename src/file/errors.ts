/** Errors the file adapter raises for a workbook it cannot read: a code for programs, a Chinese sentence for people. */

export type FileReadErrorCode =
  | 'empty' // 0 bytes
  | 'not-xlsx' // not a zip, or a zip that is not a workbook
  | 'xls' // Excel 97-2003 binary workbook (OLE compound file)
  | 'encrypted' // password-protected (OLE container holding EncryptedPackage) or encrypted zip entries
  | 'xlsb' // Excel binary workbook
  | 'ods' // OpenDocument spreadsheet
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
      msg = `${f}是旧版 Excel 97-2003 工作簿（.xls），本工具只能读取 .xlsx。请在 Excel 或 WPS 中“另存为” .xlsx 格式后再检查。`;
      break;
    case 'encrypted':
      msg = `${f}设置了打开密码（已加密），无法读取。请在 Excel 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后保存，再检查。`;
      break;
    case 'xlsb':
      msg = `${f}是 Excel 二进制工作簿（.xlsb），本工具只能读取 .xlsx。请在 Excel 中“另存为” .xlsx 格式后再检查。`;
      break;
    case 'ods':
      msg = `${f}是 OpenDocument 表格（.ods），本工具只能读取 .xlsx。请在 WPS、LibreOffice 或 Excel 中“另存为” .xlsx 格式后再检查。`;
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
