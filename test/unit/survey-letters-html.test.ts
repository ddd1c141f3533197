/**
 * The letters' HTML (the survey_letters job prints it; the browser story
 * reads the PDF back): the answer deadline in 和暦 with its weekday, the
 * contact as typed (escaped, line breaks kept), and one labelled QR code per
 * letter carrying that letter's code.
 */
import { describe, expect, it } from "vitest";
import { lettersHtml, type LetterContext } from "../../src/modules/survey/fieldwork/letters/letters-html.ts";

const context: LetterContext = {
  municipalityName: "徳島市",
  surveyTitle: "市民アンケート",
  deadline: "2027-07-10",
  contact: "デジタル推進課 <窓口>\n電話 088-621-5000",
  answerUrl: (code) => `https://example.jp/362018/answer?code=${code}`,
  answerPage: "https://example.jp/362018/answer",
};

describe("lettersHtml", () => {
  it("prints the deadline in 和暦 with the weekday, and the contact escaped with its line breaks", async () => {
    const html = await lettersHtml(context, ["7KQ3M9VDR2XF"]);
    expect(html).toContain('<p class="deadline">回答期限: 令和9年7月10日（土）までにご回答ください。</p>');
    expect(html).toContain('<p class="contact">デジタル推進課 &lt;窓口&gt;\n電話 088-621-5000</p>');
    expect(html).toContain(".contact { white-space: pre-line; }");
  });

  it("prints no deadline and no contact section when they are not set", async () => {
    const html = await lettersHtml({ ...context, deadline: null, contact: null }, ["7KQ3M9VDR2XF"]);
    expect(html).not.toContain("回答期限");
    expect(html).not.toContain("お問い合わせ");
  });

  it("gives each letter its own code, number and labelled QR code", async () => {
    const html = await lettersHtml(context, ["7KQ3M9VDR2XF", "ABCDEFGHJKMN"]);
    expect(html.match(/<section class="letter">/g)).toHaveLength(2);
    expect(html.match(/<svg role="img" aria-label="回答ページのQRコード" /g)).toHaveLength(2);
    expect(html).toContain("No. 0002");
    expect(html).toContain('<p class="code">ABCD-EFGH-JKMN</p>');
  });
});
