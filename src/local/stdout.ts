/**
 * Writing the command's output synchronously. `process.stdout.write` queues what a pipe cannot
 * take at once, so a command that writes a large result without returning to the event loop
 * would hold all of it in memory (`segmento scores big.csv | gzip`); this waits for the reader.
 */
import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `output` (a text, or UTF-8 bytes) to a file descriptor before returning, waiting
 * while a pipe is full.
 */
export function writeAll(fd: number, output: string | Uint8Array): void {
  const bytes = typeof output === 'string' ? Buffer.from(output, 'utf8') : output;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A reader that stops early (`segmento scores … | head`) is not an error.
      if (code === 'EPIPE') process.exit(0);
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
