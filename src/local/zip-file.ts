/**
 * The zip container of an .xlsx file (ECMA-376 Part 2, Open Packaging Conventions, over the zip
 * format of PKWARE's APPNOTE.TXT): reading its entries, and writing them compressed with Node's
 * native zlib. Stored (0) and deflated (8) entries; no zip64, which an .xlsx written by Excel,
 * LibreOffice or exceljs under 4 GiB never uses.
 *
 * A large entry is written a piece at a time: each piece is deflated on its own and ended by a
 * sync flush (a non-final block ending on a byte boundary), so the pieces follow one another as one
 * deflate stream, closed by an empty final block; its CRC-32 is carried from piece to piece.
 */
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync, inflateRaw, inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** General purpose flag bit 11: the entry's name is UTF-8. */
const UTF8_NAME = 0x0800;
/** 1980-01-01 00:00 in MS-DOS date and time, the earliest a zip can say: entries carry no date. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** An empty final deflate block, closing a stream of sync-flushed pieces. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
/** Pieces being deflated at once, at most. */
const IN_FLIGHT = 8;
const deflatePiece = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

export class ZipFormatError extends Error {}

/** An entry of a zip file: its uncompressed size, and its content, read on demand. */
export interface ZipEntry {
  size: number;
  read(): Buffer;
  /** The same, inflated in libuv's thread pool: several entries at once use the other cores. */
  readAsync(): Promise<Buffer>;
}

/** The entries of a zip file by name, in the order of its central directory. */
export function readZip(bytes: Uint8Array): Map<string, ZipEntry> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = data.lastIndexOf(uint32(END_OF_CENTRAL_DIRECTORY));
  if (end < 0 || end + 22 > data.length) throw new ZipFormatError('No end of central directory.');
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let index = 0; index < count; index++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_HEADER)
      throw new ZipFormatError('Broken central directory.');
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const localAt = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (method !== STORED && method !== DEFLATED)
      throw new ZipFormatError(`Entry ${name}: compression ${method}.`);
    const stored = () => {
      if (data.readUInt32LE(localAt) !== LOCAL_HEADER) throw new ZipFormatError(`Entry ${name}: no header.`);
      const start = localAt + 30 + data.readUInt16LE(localAt + 26) + data.readUInt16LE(localAt + 28);
      return data.subarray(start, start + compressedSize);
    };
    // Into one buffer of the size the directory gives: no 16 KiB pieces to join afterwards.
    const options = { chunkSize: Math.max(size, constants.Z_MIN_CHUNK) };
    entries.set(name, {
      size,
      read: () => (method === STORED ? stored() : inflateRawSync(stored(), options)),
      readAsync: async () => (method === STORED ? stored() : inflate(stored(), options)),
    });
  }
  return entries;
}

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** A zip file built in memory, entry after entry; `bytes()` gives the whole file. */
export class ZipWriter {
  private readonly chunks: Buffer[] = [];
  private readonly written: Written[] = [];
  private length = 0;

  constructor(private readonly level: number = constants.Z_BEST_SPEED) {}

  /** Adds an entry whose content is given whole. */
  add(name: string, content: Buffer | string): void {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const compressed = deflateRawSync(bytes, { level: this.level });
    this.entry(name, [compressed], crc32(bytes), compressed.length, bytes.length);
  }

  /**
   * Adds an entry whose content comes a piece at a time. Pieces are deflated in libuv's thread pool
   * while the next ones are made, at most `IN_FLIGHT` at once.
   */
  async addPieces(name: string, pieces: Iterable<Uint8Array>): Promise<void> {
    const compressed: Promise<Buffer>[] = [];
    let crc = 0;
    let size = 0;
    let waited = 0;
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      crc = crc32(piece, crc);
      size += piece.length;
      compressed.push(deflatePiece(piece, { level: this.level, finishFlush: constants.Z_SYNC_FLUSH }));
      if (compressed.length - waited > IN_FLIGHT) await compressed[waited++];
    }
    const data = [...(await Promise.all(compressed)), FINAL_BLOCK];
    this.entry(
      name,
      data,
      crc,
      data.reduce((sum, part) => sum + part.length, 0),
      size,
    );
  }

  /** The zip file: its entries, then the central directory. */
  bytes(): Buffer {
    const directory = this.written.map((entry) => {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_HEADER, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(UTF8_NAME, 8);
      header.writeUInt16LE(entry.method, 10);
      header.writeUInt16LE(0, 12);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(entry.compressedSize, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.name.length, 28);
      header.writeUInt32LE(entry.offset, 42);
      return Buffer.concat([header, entry.name]);
    });
    const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(this.length, 16);
    return Buffer.concat([...this.chunks, ...directory, end]);
  }

  private entry(name: string, data: Buffer[], crc: number, compressedSize: number, size: number): void {
    if (this.length + compressedSize > 0xffffffff || size > 0xffffffff)
      throw new ZipFormatError(`Entry ${name}: over 4 GiB.`);
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(UTF8_NAME, 6);
    header.writeUInt16LE(DEFLATED, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(compressedSize, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    this.written.push({
      name: nameBytes,
      method: DEFLATED,
      crc: crc >>> 0,
      compressedSize,
      size,
      offset: this.length,
    });
    this.chunks.push(header, nameBytes, ...data);
    this.length += header.length + nameBytes.length + compressedSize;
  }
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value, 0);
  return bytes;
}
