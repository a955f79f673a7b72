/**
 * A tiny HTML builder: a tagged template that escapes every interpolated value unless it is already
 * {@link SafeHtml}, and the printable page every form uses (national heading, agency, form number).
 */
import type { FormKind } from './form-sets.js';
import type { FormHeader } from './model.js';
import { columnPercents, lineWidthMm, pageLayoutOf, type PageLayout } from './page-layout.js';
import { agencyHeadingLines, placeDateLine } from './vn-text.js';
import { escapeHtml } from '../html.js';

/** HTML that is already safe (built by {@link html}); anything else interpolated is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlPart = string | number | null | undefined | false | SafeHtml | readonly HtmlPart[];

function partToHtml(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return (part as readonly HtmlPart[]).map(partToHtml).join('');
  return escapeHtml(String(part));
}

/** `html\`<td>${value}</td>\``: values are escaped, nested `html` fragments and arrays are kept. */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += partToHtml(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** The style sheet of a form printed on `page` (its `@page` rule follows the form set's paper). */
function styleOf(page: PageLayout): string {
  const [top, right, bottom, left] = page.marginMm;
  const t = page.type;
  return `
@page { size: ${page.format} ${page.orientation}; margin: ${top}mm ${right}mm ${bottom}mm ${left}mm; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0; color: #000; font-family: "Times New Roman", Times, "Liberation Serif", serif;
  font-size: ${t.body}pt; line-height: 1.4; }
.sheet { max-width: ${lineWidthMm(page)}mm; margin: 0 auto; }
@media screen { body { padding: 12mm; } }
.form-no { text-align: right; margin: 0 0 4mm; font-size: ${t.note}pt; }
.form-no b { font-size: ${t.heading}pt; }
table.heading { width: 100%; border-collapse: collapse; margin-bottom: 5mm; }
table.heading td { border: 0; vertical-align: top; text-align: center; padding: 0; }
table.heading td.agency { width: 42%; font-size: ${t.heading}pt; }
table.heading td.nation { font-size: ${t.heading}pt; }
.underline { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1px; }
.date-line { margin-top: 3mm; font-style: italic; text-align: center; }
h1 { text-align: center; font-size: ${t.title}pt; margin: 4mm 0 1mm; text-transform: uppercase; }
.subtitle { text-align: center; margin: 0 0 4mm; }
p { margin: 1.5mm 0; text-align: justify; }
table.grid { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: ${t.table}pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 1.2mm 1.5mm; vertical-align: top; }
table.grid th { text-align: center; font-weight: bold; }
table.grid thead { display: table-header-group; }
table.grid tr { page-break-inside: avoid; break-inside: avoid; }
table.grid td.c { text-align: center; }
table.small { font-size: ${t.smallTable}pt; }
table.fixed { table-layout: fixed; }
table.fixed td { overflow-wrap: anywhere; }
table.signatures { width: 100%; border-collapse: collapse; margin-top: 6mm; page-break-inside: avoid; }
table.signatures td { border: 0; text-align: center; vertical-align: top; width: 50%; }
.sign-space { height: ${page.signSpaceMm}mm; }
.hint { font-style: italic; font-size: ${t.note}pt; }
.recipients { font-size: ${t.note}pt; text-align: left; }
`;
}

/** `<colgroup>` of a table whose columns have the relative widths `weights` (page-size independent). */
export const colgroup = (weights: readonly number[]): SafeHtml =>
  html`<colgroup>
    ${columnPercents(weights).map((w) => html`<col style="width:${w}%" />`)}
  </colgroup>`;

/**
 * The whole printable document of a form: the page rule of its paper, form number, national heading,
 * title, body.
 */
export function formDocument(
  header: FormHeader & { readonly kind: FormKind },
  body: SafeHtml,
  options: { dateIso?: string; subtitle?: string | null } = {},
): string {
  const page = pageLayoutOf(header);
  const agency = agencyHeadingLines(header.agency);
  const dateLine = options.dateIso ? placeDateLine(header.place, options.dateIso) : null;
  const doc = html`<!DOCTYPE html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${header.label} – ${header.title}</title>
        <style>
          ${new SafeHtml(styleOf(page))}
        </style>
      </head>
      <body>
        <main class="sheet">
          <p class="form-no"><b>${header.label}</b><br /><i>(${header.basis})</i></p>
          <table class="heading">
            <tr>
              <td class="agency">
                ${agency.parent ? html`${agency.parent}<br />` : ''}<b>${agency.name}</b><br /><b
                  class="underline"
                  >${agency.desk}</b
                >
              </td>
              <td class="nation">
                <b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br /><b class="underline"
                  >Độc lập - Tự do - Hạnh phúc</b
                >${dateLine ? html`<div class="date-line">${dateLine}</div>` : ''}
              </td>
            </tr>
          </table>
          <h1>${header.title}</h1>
          ${options.subtitle ? html`<p class="subtitle">${options.subtitle}</p>` : ''} ${body}
        </main>
      </body>
    </html> `;
  return doc.value;
}

/** Two signature columns (left, right), each a title, a hint and a name under the signing space. */
export function signatures(
  left: { title: string; hint?: string; name?: string | null } | null,
  right: { title: string | readonly string[]; hint?: string; name?: string | null },
  leftExtra?: SafeHtml,
): SafeHtml {
  const block = (b: { title: string | readonly string[]; hint?: string; name?: string | null }) =>
    html`${(typeof b.title === 'string' ? [b.title] : b.title).map((t, i) => html`${i > 0 ? html`<br />` : ''}<b>${t}</b>`)}${b.hint ? html`<br /><span class="hint">(${b.hint})</span>` : ''}
      <div class="sign-space"></div>
      <b>${b.name ?? ''}</b>`;
  return html`<table class="signatures">
    <tr>
      <td>${left ? block(left) : (leftExtra ?? '')}</td>
      <td>${block(right)}</td>
    </tr>
  </table>`;
}
