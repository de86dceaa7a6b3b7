/** Column letters of A1 notation, as Sheets and Excel write them: `A`, `Z`, `AA`, `XFD`. */

/** The letters of a 0-based column index (`0` → `A`, `27` → `AB`). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The 0-based index of one to three column letters, any case; null for anything else. */
export function columnIndex(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters.trim())) return null;
  let index = 0;
  for (const letter of letters.trim().toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}
