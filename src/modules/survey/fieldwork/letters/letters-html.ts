/**
 * The letters to sampled residents as one print-ready HTML document (A4, one
 * letter a page): the request, the answer code in large grouped type, a QR
 * code of the answering address with the code filled in, the address typed
 * out for those without a camera, and how to answer on paper instead. The QR
 * code is SVG drawn on the server (qrcode), so the PDF stays vector and sharp.
 * Each letter carries its place in the list (No. 0001 …) — not the register
 * identifier — so that letters can be matched to address labels printed in
 * the same order (decision 029).
 */
import QRCode from "qrcode";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { warekiDateLabel } from "../../../../core/format/wareki-date.ts";
import { formatCode } from "../domain/answer-code.ts";

export type LetterContext = {
  municipalityName: string;
  surveyTitle: string;
  /** The day to answer by ("YYYY-MM-DD"), printed in 和暦; null prints no date. */
  deadline: string | null;
  /** お問い合わせ先 as the secretariat typed it; line breaks are kept. */
  contact: string | null;
  answerUrl: (code: string) => string;
  /** The answering page without a code, printed for typing in. */
  answerPage: string;
};

const CSS = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", sans-serif; font-size: 11pt; line-height: 1.7; color: #1a1a1a; margin: 0; }
.letter { page-break-after: always; break-after: page; }
.letter:last-child { page-break-after: auto; break-after: auto; }
.no { text-align: right; font-size: 9pt; margin: 0; }
h1 { font-size: 15pt; margin: 4mm 0 6mm; }
.answer { display: flex; gap: 8mm; align-items: center; border: 0.6mm solid #1a1a1a; padding: 5mm; margin: 6mm 0; }
.answer svg { width: 36mm; height: 36mm; flex: none; }
.code { font-family: "Noto Sans Mono CJK JP", monospace; font-size: 20pt; letter-spacing: 0.08em; font-weight: bold; margin: 1mm 0 3mm; }
.url { font-size: 10pt; word-break: break-all; margin: 0; }
.deadline { font-weight: bold; }
.contact { white-space: pre-line; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
p { margin: 0 0 3mm; }
`;

const WEEKDAYS = "日月火水木金土";

/** 令和9年7月14日（水） */
function deadlineText(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${warekiDateLabel(day)}（${WEEKDAYS[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()]}）`;
}

export async function lettersHtml(context: LetterContext, codes: readonly string[]): Promise<string> {
  const until = context.deadline ? deadlineText(context.deadline) : null;
  const letters: HtmlEscapedString[] = [];
  for (const [i, code] of codes.entries()) {
    const url = context.answerUrl(code);
    const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
    letters.push(
      (await html`<section class="letter">
  <p class="no">No. ${String(i + 1).padStart(4, "0")}</p>
  <h1>「${context.surveyTitle}」ご協力のお願い</h1>
  <p>${context.municipalityName}では、市民の皆さまのご意見を今後の取組に生かすため、アンケート調査を行っています。住民基本台帳から無作為に選ばせていただいた方にお送りしています。</p>
  <p>回答は統計として集計し、個人が特定される形で公表することはありません。</p>
  ${until ? html`<p class="deadline">回答期限: ${until}までにご回答ください。</p>` : ""}
  <h2>インターネットで回答する</h2>
  <div class="answer">
    ${raw(svg.replace("<svg ", '<svg role="img" aria-label="回答ページのQRコード" '))}
    <div>
      <p>回答用コード</p>
      <p class="code">${formatCode(code)}</p>
      <p class="url">QRコードを読み取るか、次のアドレスを開いてコードを入力してください。<br />${context.answerPage}</p>
    </div>
  </div>
  <h2>紙の調査票で回答する</h2>
  <p>同封の調査票に記入し、返信用封筒でお送りください。インターネットと紙の両方で回答する必要はありません。</p>
  ${context.contact ? html`<h2>お問い合わせ</h2><p class="contact">${context.contact}</p>` : ""}
</section>`) as HtmlEscapedString,
    );
  }
  return (await html`<!doctype html><html lang="ja"><head><meta charset="utf-8" /><title>${context.surveyTitle} 依頼状</title><style>${raw(CSS)}</style></head><body>${letters}</body></html>`).toString();
}
