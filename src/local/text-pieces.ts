/**
 * Writing a large text (the command's CSV) a piece at a time: texts and whole numbers are copied
 * as UTF-8 bytes into a buffer that is handed on, as those bytes, each time it holds about a
 * megabyte. Millions of short lines cost a few byte copies each, where building them as strings
 * would cost several temporary strings per line and one very large string at the end (and a
 * string per megabyte, encoded again to be written, cost a third of the writing).
 */
import { decimalOfThousandths } from '../core/values';

const PIECE_BYTES = 1 << 20;
/** The first piece is handed on after a few lines (see `room`). */
const FIRST_PIECE_BYTES = 256;
const MINUS = 45;
const ZERO = 48;
const POINT = 46;

export class TextPieces {
  private readonly bytes = Buffer.allocUnsafe(PIECE_BYTES + 64);
  private length = 0;
  /** Where the current piece ends. */
  private end = FIRST_PIECE_BYTES;

  /**
   * `out` receives each piece as UTF-8 bytes, never cut inside a character; they are its to read
   * during the call only (the buffer is then filled again).
   */
  constructor(private readonly out: (bytes: Uint8Array) => void) {}

  /** Appends a text. */
  text(text: string): void {
    this.room(text.length * 3);
    if (text.length * 3 > PIECE_BYTES) return this.out(Buffer.from(text, 'utf8'));
    const bytes = this.bytes;
    let length = this.length;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) {
        length += bytes.write(text.slice(index), length, 'utf8');
        break;
      }
      bytes[length++] = code;
    }
    this.length = length;
  }

  /** Appends one character of code below 128 (a delimiter, a line break). */
  ascii(code: number): void {
    this.room(1);
    this.bytes[this.length++] = code;
  }

  /** Appends a whole number as `String(value)` writes it (safe integers only). */
  integer(value: number): void {
    if (!Number.isSafeInteger(value)) return this.text(String(value));
    this.room(17);
    const bytes = this.bytes;
    if (value < 0) {
      bytes[this.length++] = MINUS;
      value = -value;
    }
    let digits = 1;
    for (let power = 10; power <= value; power *= 10) digits++;
    let position = this.length + digits;
    this.length = position;
    if (value <= 0x7fffffff) {
      // In 32-bit integers, which divide several times faster than doubles.
      let rest = value | 0;
      do {
        const next = (rest / 10) | 0;
        bytes[--position] = ZERO + rest - next * 10;
        rest = next;
      } while (rest > 0);
      return;
    }
    do {
      bytes[--position] = ZERO + (value % 10);
      value = Math.floor(value / 10);
    } while (value > 0);
  }

  /**
   * Appends an amount in thousandths as `decimalOfThousandths` writes it (`12.50`, `-0.125`),
   * digit by digit.
   */
  thousandths(value: number): void {
    const rounded = Math.round(value);
    if (!Number.isSafeInteger(rounded)) return this.text(decimalOfThousandths(value));
    if (rounded < 0) this.ascii(MINUS);
    const absolute = Math.abs(rounded);
    // `%` on doubles is a call into the C library: in 32-bit integers when the amount fits.
    let fraction: number;
    if (absolute <= 0x7fffffff) {
      const whole = ((absolute | 0) / 1000) | 0;
      fraction = (absolute | 0) - whole * 1000;
      this.integer(whole);
    } else {
      fraction = absolute % 1000;
      this.integer((absolute - fraction) / 1000);
    }
    this.room(4);
    const bytes = this.bytes;
    // The fraction's digits: its tenths, then its hundredths and thousandths past those.
    const tenths = (fraction / 100) | 0;
    const hundredths = (fraction / 10) | 0;
    const thousandthDigit = fraction - hundredths * 10;
    bytes[this.length++] = POINT;
    bytes[this.length++] = ZERO + tenths;
    bytes[this.length++] = ZERO + hundredths - tenths * 10;
    if (thousandthDigit !== 0) bytes[this.length++] = ZERO + thousandthDigit;
  }

  /** Hands on what is buffered. */
  flush(): void {
    if (this.length === 0) return;
    this.out(this.bytes.subarray(0, this.length));
    this.length = 0;
    this.end = PIECE_BYTES;
  }

  /**
   * Hands on what is buffered when `bytes` more would go past the piece's end. The first piece is
   * small: V8 compiles a writer's loop while it runs, from what the loop has done so far, and code
   * compiled before the first hand-on would be thrown away there, then compiled again.
   */
  private room(bytes: number): void {
    if (this.length + bytes > this.end) this.flush();
  }
}

/** The text of a piece of UTF-8 bytes, such as `TextPieces` hands on. */
export function utf8Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
