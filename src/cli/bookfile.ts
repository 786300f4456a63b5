/**
 * A new workbook written to a file as its rows are made (src/file/newbook.ts): `merge`'s county workbook of 1,000
 * townships goes to disk a deflated chunk at a time, never held whole — as a plan, a sheet or its notes. Each chunk
 * is deflated by Node's zlib, which frees its buffers as soon as a chunk is done.
 */
import * as fs from 'fs';
import * as zlib from 'zlib';
import type { BookSource } from '../core/types';
import { writeNewBook, type PieceDeflate } from '../file/newbook';

/** A chunk of a part as raw DEFLATE: ended by a sync flush, so the next chunk's output follows it; the last closes it. */
export const zlibPiece: PieceDeflate = (piece, last) =>
  zlib.deflateRawSync(piece, { level: 6, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });

export async function writeBookToFile(target: string, book: BookSource): Promise<void> {
  const fd = fs.openSync(target, 'w');
  try {
    writeNewBook(
      book,
      (chunk) => {
        for (let done = 0; done < chunk.length; ) done += fs.writeSync(fd, chunk, done);
      },
      { deflate: zlibPiece },
    );
  } finally {
    fs.closeSync(fd);
  }
}
