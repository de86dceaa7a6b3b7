/**
 * 100,000-character adversarial texts for the text rules' linear-time tests: long runs of what a
 * backtracking pattern would try again from every position.
 */
export const LONG = 100_000;
/** Bytes 0–255 of a fixed pseudo-random sequence, as a binary file read as text would give. */
const binaryJunk = (length: number) => {
  let seed = 12345;
  return Array.from({ length }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(seed >>> 24);
  }).join('');
};
export const ADVERSARIAL: Record<string, string> = {
  capitals: 'A'.repeat(LONG),
  'capitals then a lower-case letter': `${'A'.repeat(LONG)}a`,
  'capital-digit pairs': 'A1'.repeat(LONG / 2),
  'digits and a newline': `${'1'.repeat(LONG)}\nx`,
  'spaces and a letter': `${' '.repeat(LONG)}x`,
  'date-like then junk': `17 oct 2025${' 1'.repeat(LONG / 2)}\n`,
  'commas and dots': '1,'.repeat(LONG / 2),
  'binary junk': binaryJunk(LONG),
  'decimal points': '1.'.repeat(LONG / 2),
  'grouped digits': '1 234,'.repeat(LONG / 6),
  'currency codes': 'EUR '.repeat(LONG / 4),
  parentheses: '('.repeat(LONG),
  'tabs then an equals sign': `${'\t'.repeat(LONG)}=`,
  quotes: '"'.repeat(LONG),
};
