/**
 * Typed arrays sized by rows or customers, whose memory starts no full garbage collection.
 *
 * V8 counts the bytes of every `ArrayBuffer` as external memory and starts a full (mark-compact)
 * collection each time that memory has grown by 64 MiB since the last one. A full collection
 * marks the whole heap, the caller's values included: the custom functions and Apply get their
 * range as `Cell[][]`, 1.4 GB of objects at 5M rows, about 0.9 s to mark. With the arrays of a
 * call (some 40 bytes a row) in `ArrayBuffer`s, a call would meet one more such collection every
 * million rows or two, each longer: time growing with the square of the rows. V8 does not count
 * the bytes of a `SharedArrayBuffer` (they may belong to several isolates), so the arrays here
 * are over one where the runtime has it, else (a browser page that is not cross-origin isolated)
 * over an `ArrayBuffer`. Either is freed when its array is collected.
 */

type TypedArrayType<T> = {
  new (buffer: ArrayBufferLike): T;
  readonly BYTES_PER_ELEMENT: number;
};

const Memory: new (bytes: number) => ArrayBufferLike =
  typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;

/** A typed array of `length` zeros. */
export function largeArray<T>(type: TypedArrayType<T>, length: number): T {
  return new type(new Memory(length * type.BYTES_PER_ELEMENT));
}

/** A typed array holding `values`. */
export function largeCopy<T extends { set(values: ArrayLike<number>): void }>(
  type: TypedArrayType<T>,
  values: ArrayLike<number>,
): T {
  const copy = largeArray(type, values.length);
  copy.set(values);
  return copy;
}
