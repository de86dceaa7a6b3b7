/**
 * The cell formats of a workbook's style sheet (`xl/styles.xml`, ECMA-376 Part 1 §18.8): read as
 * CellFormats (the cells of a tab read outside exceljs keep their formats), and CellFormats added as
 * new cell styles (`xf` records appended to `cellXfs`, so every existing `s` index keeps its
 * meaning).
 */
import { NUMBER_FORMAT_PATTERNS, type CellFormat, type NumberFormat } from '../workbook/port';
import { xmlUnescape } from './sheet-xml';

/** Number formats every reader knows by id (§18.8.30), of those NUMBER_FORMAT_PATTERNS uses or dates. */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  49: '@',
};
const FIRST_CUSTOM_FORMAT = 164;

/** A number format that shows a date or a time: d, m, y, h or s outside quotes, escapes and brackets. */
export function isDateFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && /[dmyhs]/i.test(numFmt.replace(/"[^"]*"|\\.|[_*].|\[[^\]]*\]/g, ''));
}

/** The elements named `tag` inside the first `<list>…</list>` of the XML, as texts. */
function elements(xml: string, list: string, tag: string): string[] {
  const open = new RegExp(`<${list}[\\s>]`).exec(xml);
  if (!open) return [];
  const end = xml.indexOf(`</${list}>`, open.index);
  if (end < 0) return [];
  const body = xml.slice(open.index, end);
  return [...body.matchAll(new RegExp(`<${tag}(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g'))].map(
    (m) => m[0],
  );
}

function attributeOf(xml: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(xml);
  return match ? xmlUnescape(match[1]) : undefined;
}

/** `#rrggbb` of an `rgb="FFrrggbb"` colour in the element `tag` of the XML. */
function rgbOf(xml: string, tag: string): string | undefined {
  const element = new RegExp(`<${tag}\\s[^>]*>`).exec(xml)?.[0];
  const argb = element && attributeOf(element, 'rgb');
  return argb && /^[0-9a-f]{8}$/i.test(argb) ? `#${argb.slice(2).toLowerCase()}` : undefined;
}

/** Each cell style (`cellXfs` index) as a CellFormat; a date or time format reads as `date`. */
export function readCellFormats(stylesXml: string): CellFormat[] {
  const codes = new Map<number, string>(
    Object.entries(BUILT_IN_FORMATS).map(([id, code]) => [Number(id), code]),
  );
  for (const numFmt of elements(stylesXml, 'numFmts', 'numFmt')) {
    codes.set(Number(attributeOf(numFmt, 'numFmtId')), attributeOf(numFmt, 'formatCode') ?? '');
  }
  const byPattern = new Map<string, NumberFormat>();
  for (const [format, pattern] of Object.entries(NUMBER_FORMAT_PATTERNS) as [NumberFormat, string][])
    if (!byPattern.has(pattern)) byPattern.set(pattern, format);
  const fonts = elements(stylesXml, 'fonts', 'font');
  const fills = elements(stylesXml, 'fills', 'fill');
  return elements(stylesXml, 'cellXfs', 'xf').map((xf) => {
    const format: CellFormat = {};
    const code = codes.get(Number(attributeOf(xf, 'numFmtId') ?? 0));
    const numberFormat = isDateFormat(code) ? 'date' : code === undefined ? undefined : byPattern.get(code);
    if (numberFormat) format.numberFormat = numberFormat;
    const font = fonts[Number(attributeOf(xf, 'fontId') ?? 0)] ?? '';
    if (/<b\s*\/>|<b\s+val="(1|true)"/.test(font)) format.bold = true;
    if (/<i\s*\/>|<i\s+val="(1|true)"/.test(font)) format.italic = true;
    const fontColor = rgbOf(font, 'color');
    if (fontColor) format.fontColor = fontColor;
    const fill = fills[Number(attributeOf(xf, 'fillId') ?? 0)] ?? '';
    const background = /patternType="solid"/.test(fill) ? rgbOf(fill, 'fgColor') : undefined;
    if (background) format.background = background;
    const horizontal = attributeOf(/<alignment\s[^>]*>/.exec(xf)?.[0] ?? '', 'horizontal');
    if (horizontal === 'left' || horizontal === 'center' || horizontal === 'right')
      format.horizontalAlignment = horizontal;
    return format;
  });
}

/** Appends `items` (elements `item`) to the list element `list` of the XML, updating its count. */
function appendTo(xml: string, list: string, item: string, items: string[]): { xml: string; first: number } {
  const open = new RegExp(`<${list}(\\s[^>]*)?>`).exec(xml);
  if (!open) throw new Error(`styles.xml has no <${list}>.`);
  const first = elements(xml, list, item).length;
  const end = xml.indexOf(`</${list}>`, open.index);
  const tag = open[0].replace(/\scount="\d+"/, '').replace(/>$/, ` count="${first + items.length}">`);
  return {
    xml:
      xml.slice(0, open.index) +
      tag +
      xml.slice(open.index + open[0].length, end) +
      items.join('') +
      xml.slice(end),
    first,
  };
}

/**
 * Adds a cell style per format (formats[0], no format, is the default style 0) to a style sheet
 * written by exceljs; returns the new style sheet and each format's `s` index.
 */
export function addCellFormats(
  stylesXml: string,
  formats: readonly CellFormat[],
): { xml: string; styleOf: number[] } {
  const styleOf = [0];
  if (formats.length <= 1) return { xml: stylesXml, styleOf };
  let xml = stylesXml;
  const customIds = elements(xml, 'numFmts', 'numFmt').map((numFmt) =>
    Number(attributeOf(numFmt, 'numFmtId')),
  );
  let nextCustom = Math.max(FIRST_CUSTOM_FORMAT - 1, ...customIds) + 1;
  const numFmtIds = new Map<string, number>();
  const newNumFmts: string[] = [];
  const numFmtIdOf = (pattern: string): number => {
    const builtIn = Object.entries(BUILT_IN_FORMATS).find(([, code]) => code === pattern);
    if (builtIn) return Number(builtIn[0]);
    let id = numFmtIds.get(pattern);
    if (id === undefined) {
      id = nextCustom++;
      numFmtIds.set(pattern, id);
      newNumFmts.push(`<numFmt numFmtId="${id}" formatCode="${pattern.replace(/"/g, '&quot;')}"/>`);
    }
    return id;
  };
  const fonts: string[] = [];
  const fills: string[] = [];
  const xfs: string[] = [];
  const numFmtIdsOfFormats = formats.map((format) =>
    format.numberFormat ? numFmtIdOf(NUMBER_FORMAT_PATTERNS[format.numberFormat]) : 0,
  );
  if (newNumFmts.length > 0) {
    xml = /<numFmts[\s>]/.test(xml)
      ? appendTo(xml, 'numFmts', 'numFmt', newNumFmts).xml
      : xml.replace(
          /(<styleSheet[^>]*>)/,
          `$1<numFmts count="${newNumFmts.length}">${newNumFmts.join('')}</numFmts>`,
        );
  }
  const firstFont = elements(xml, 'fonts', 'font').length;
  const firstFill = elements(xml, 'fills', 'fill').length;
  formats.forEach((format, index) => {
    if (index === 0) return;
    let fontId = 0;
    if (format.bold || format.italic || format.fontColor) {
      fontId = firstFont + fonts.length;
      const color = format.fontColor
        ? `<color rgb="FF${format.fontColor.slice(1).toUpperCase()}"/>`
        : '<color theme="1"/>';
      fonts.push(
        `<font>${format.bold ? '<b/>' : ''}${format.italic ? '<i/>' : ''}<sz val="11"/>${color}<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`,
      );
    }
    let fillId = 0;
    if (format.background) {
      fillId = firstFill + fills.length;
      fills.push(
        `<fill><patternFill patternType="solid"><fgColor rgb="FF${format.background.slice(1).toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`,
      );
    }
    const numFmtId = numFmtIdsOfFormats[index];
    const alignment = format.horizontalAlignment
      ? `<alignment horizontal="${format.horizontalAlignment}"/>`
      : '';
    const applies = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${alignment ? ' applyAlignment="1"' : ''}`;
    xfs.push(
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applies}${alignment ? `>${alignment}</xf>` : '/>'}`,
    );
  });
  if (fonts.length > 0) xml = appendTo(xml, 'fonts', 'font', fonts).xml;
  if (fills.length > 0) xml = appendTo(xml, 'fills', 'fill', fills).xml;
  const appended = appendTo(xml, 'cellXfs', 'xf', xfs);
  for (let index = 1; index < formats.length; index++) styleOf.push(appended.first + index - 1);
  return { xml: appended.xml, styleOf };
}
