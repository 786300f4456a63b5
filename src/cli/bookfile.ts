/**
 * A new workbook written to a file as its rows are made (src/file/newbook.ts): `merge`'s county workbook of 1,000
 * townships goes to disk a deflated chunk at a time, never held whole — as a plan, a sheet or its notes.
 */
import * as fs from 'fs';
import type { BookSource } from '../core/types';
import { writeNewBook } from '../file/newbook';

export async function writeBookToFile(target: string, book: BookSource): Promise<void> {
  const fd = fs.openSync(target, 'w');
  try {
    writeNewBook(book, (chunk) => {
      for (let done = 0; done < chunk.length; ) done += fs.writeSync(fd, chunk, done);
    });
  } finally {
    fs.closeSync(fd);
  }
}
