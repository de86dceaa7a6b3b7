/**
 * Writing a large text (the command's CSV) a piece at a time: texts and whole numbers are copied
 * as UTF-8 bytes into a buffer that is handed on as a string each time it holds about a
 * megabyte. Millions of short lines cost a few byte copies each, where building them as strings
 * would cost several temporary strings per line and one very large string at the end.
 */
const PIECE_BYTES = 1 << 20;
const MINUS = 45;
const ZERO = 48;

export class TextPieces {
  private readonly bytes = Buffer.allocUnsafe(PIECE_BYTES + 64);
  private length = 0;

  constructor(private readonly out: (text: string) => void) {}

  /** Appends a text. */
  text(text: string): void {
    if (this.length + text.length * 3 > PIECE_BYTES) {
      this.flush();
      if (text.length * 3 > PIECE_BYTES) return this.out(text);
    }
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
    if (this.length >= PIECE_BYTES) this.flush();
    this.bytes[this.length++] = code;
  }

  /** Appends a whole number as `String(value)` writes it (safe integers only). */
  integer(value: number): void {
    if (!Number.isSafeInteger(value)) return this.text(String(value));
    if (this.length + 17 > PIECE_BYTES) this.flush();
    const bytes = this.bytes;
    if (value < 0) {
      bytes[this.length++] = MINUS;
      value = -value;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let position = this.length + digits;
    this.length = position;
    do {
      bytes[--position] = ZERO + (value % 10);
      value = Math.floor(value / 10);
    } while (value > 0);
  }

  /** Hands on what is buffered. */
  flush(): void {
    if (this.length === 0) return;
    this.out(this.bytes.toString('utf8', 0, this.length));
    this.length = 0;
  }
}
