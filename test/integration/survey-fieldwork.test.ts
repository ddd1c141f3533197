/**
 * Running a survey (issue #8 §2) over HTTP on both databases: the
 * questionnaire saved as versions and frozen by fieldwork, copied from a
 * previous survey; the sample frame imported (UTF-8 and Shift_JIS; bad files
 * refused with line and column, nothing applied; the same file twice changes
 * nothing); residents answering by code (wrong code, required answers, save,
 * resume, submit once, guessing throttled); paper double entry with a
 * disagreement resolved; a code answered online and on paper shown and
 * resolved (the other response kept, excluded); 回収率
 * by stratum; the identity link destroyed, answers kept.
 */
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { crosstabCounts } from "../../src/modules/survey/analysis/repository/analysis-queries.ts";
import { formatCode } from "../../src/modules/survey/fieldwork/domain/answer-code.ts";
import { testApp } from "../support/app.ts";
import { createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { TestBrowser } from "../support/session.ts";

const LG = "362018";
const BASE = `/${LG}/staff/surveys`;

const DEFINITION_YAML = `
sections:
  - code: you
    title: あなたご自身について
    questions:
      - { kind: single, code: age, number: "1", text: 年齢, attribute: age_band, required: true, options: [{ code: "1", label: 18〜39歳 }, { code: "2", label: 40〜64歳 }, { code: "3", label: 65歳以上 }] }
      - { kind: single, code: sex, number: "2", text: 性別, attribute: sex, options: [{ code: "1", label: 男性 }, { code: "2", label: 女性 }, { code: "3", label: 回答しない }] }
      - { kind: single, code: area, number: "3", text: 地区, attribute: area, options: [{ code: "N", label: 北部 }, { code: "S", label: 南部 }] }
  - code: net
    title: インターネットの利用
    questions:
      - { kind: single, code: Q1, number: "4", text: インターネットを利用していますか, required: true, options: [{ code: "1", label: 利用している }, { code: "2", label: 利用していない }] }
      - { kind: multiple, code: Q2, number: "5", text: 使っている機器, maxChoices: 2, options: [{ code: "1", label: スマートフォン }, { code: "2", label: パソコン }, { code: "9", label: その他, allowsText: true }] }
      - { kind: numeric, code: Q3, number: "6", text: 1日の利用時間, unit: 時間, min: 0, max: 24 }
      - { kind: text, code: Q4, number: "7", text: ご意見 }
`;

const utf8 = (text: string) => new TextEncoder().encode(text);
const FRAME = "識別番号,年齢区分,性別,地区\r\nA001,1,1,N\r\nA002,2,2,N\r\nA003,3,1,S\r\nA004,1,2,S\r\nA005,3,2,N\r\n";

describeEachDatabase("survey fieldwork", (ctx) => {
  let db: Database;
  let secretariat: TestStaff;
  let second: TestStaff;
  let a: TestBrowser;
  let b: TestBrowser;
  const resident = (ip = "198.51.100.7") => new TestBrowser(testApp(db), ip);

  const upload = async (browser: TestBrowser, path: string, bytes: Uint8Array, name = "frame.csv") => {
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    const form = new FormData();
    form.set("_csrf", browser.csrfToken()!);
    form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "text/csv" }));
    return browser.request(path, { method: "POST", body: form });
  };
  const surveyId = async (code: string) => (await db.query<{ id: number }>("select id from survey where code = $1", [code]))[0]!.id;
  const versions = async (code: string) =>
    (await db.query<{ version: number }>("select version from survey_definition where survey_id = $1 order by version", [await surveyId(code)])).map((r) => r.version);
  const members = async (code: string) => Number((await db.query<{ n: string }>("select count(*) as n from survey_sample_member where survey_id = $1", [await surveyId(code)]))[0]!.n);
  const codeOf = async (frameId: string) =>
    (await db.query<{ code: string }>("select m.code from survey_sample_member m join survey_sample_identity i on i.sample_member_id = m.id where i.frame_id = $1", [frameId]))[0]!.code;

  beforeAll(async () => {
    db = ctx.db;
    await createMunicipality(db, LG, "徳島市");
    await createMunicipality(db, "362026", "鳴門市");
    secretariat = await createStaff(db, { lgCode: LG, roles: ["secretariat"], totp: true, name: "入力 一郎" });
    second = await createStaff(db, { lgCode: LG, roles: ["secretariat"], totp: true, name: "入力 二郎" });
    a = new TestBrowser(testApp(db));
    b = new TestBrowser(testApp(db), "192.0.2.11");
    await signInAs(db, a, secretariat);
    await signInAs(db, b, second);
  });

  describe("definition", () => {
    it("creates a survey and saves its questionnaire as versions (YAML, then one question by the structured form)", async () => {
      await a.get(BASE);
      expect((await a.post(BASE, { kind: "create", title: "令和9年度 市民アンケート", code: "citizen-2027" })).status).toBe(303);
      expect((await a.post(BASE, { kind: "create", title: "同じコード", code: "citizen-2027" })).status).toBe(400);
      expect(a.lastHtml).toContain("既に使われています");

      await a.get(`${BASE}/citizen-2027/definition`);
      expect((await a.post(`${BASE}/citizen-2027/definition/text`, { basedOn: "", text: DEFINITION_YAML })).status).toBe(303);
      expect(await versions("citizen-2027")).toEqual([1]);

      await a.get(`${BASE}/citizen-2027/definition`);
      const added = await a.post(`${BASE}/citizen-2027/definition/question`, {
        basedOn: "1", section: "net", code: "Q5", number: "8", text: "行政手続をオンラインでしたことがありますか", kind: "single", attribute: "", options: "1: ある\n2: ない",
      });
      expect(added.status).toBe(303);
      expect(await versions("citizen-2027")).toEqual([1, 2]);
      await a.get(`${BASE}/citizen-2027/codebook`);
      expect(a.lastHtml).toContain("Q5");
      expect(a.lastHtml).toContain("INVALID: 無効回答");
    });

    it("refuses a bad questionnaire with messages in Japanese naming the place, and keeps the version", async () => {
      await a.get(`${BASE}/citizen-2027/definition`);
      const duplicate = DEFINITION_YAML.replace("code: Q4", "code: Q1");
      const res = await a.post(`${BASE}/citizen-2027/definition/text`, { basedOn: "2", text: duplicate });
      expect(res.status).toBe(400);
      expect(a.lastHtml).toContain("設問コード「Q1」が重複しています");
      expect(a.lastHtml).toContain("第2部 設問4");
      const stale = await a.post(`${BASE}/citizen-2027/definition/question`, { basedOn: "1", section: "net", code: "Q6", number: "9", text: "古い版から", kind: "text" });
      expect(stale.status).toBe(400);
      expect(a.lastHtml).toContain("他の人が更新しました");
      const noOptions = await a.post(`${BASE}/citizen-2027/definition/question`, { basedOn: "2", section: "net", code: "Q6", number: "9", text: "選択肢なし", kind: "single", options: "はい" });
      expect(noOptions.status).toBe(400);
      expect(a.lastHtml).toContain("「コード: 表示」の形");
      expect(await versions("citizen-2027")).toEqual([1, 2]);
    });

    it("copies a survey: new code and title, the latest questionnaire as version 1", async () => {
      await a.get(BASE);
      expect((await a.post(BASE, { kind: "copy", from: "citizen-2027", title: "令和12年度 市民アンケート", code: "citizen-2030" })).status).toBe(303);
      expect(await versions("citizen-2030")).toEqual([1]);
      const [copied] = await db.query<{ definition: unknown; copied: number }>(
        "select d.definition, s.copied_from_survey_id as copied from survey_definition d join survey s on s.id = d.survey_id where s.code = 'citizen-2030'",
      );
      const [source] = await db.query<{ definition: unknown }>("select definition from survey_definition where survey_id = $1 and version = 2", [await surveyId("citizen-2027")]);
      expect(copied!.definition).toEqual(source!.definition);
      expect(copied!.copied).toBe(await surveyId("citizen-2027"));
    });
  });

  describe("sample", () => {
    it("imports a UTF-8 frame with a code per resident; the same file again changes nothing", async () => {
      const res = await upload(a, `${BASE}/citizen-2027/sample`, utf8(FRAME));
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toContain("added=5&unchanged=0");
      const codes = await db.query<{ code: string }>("select code from survey_sample_member");
      expect(codes).toHaveLength(5);
      for (const { code } of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Y]{12}$/);
      const again = await upload(a, `${BASE}/citizen-2027/sample`, utf8(FRAME));
      expect(again.headers.get("location")).toContain("added=0&unchanged=5");
      expect((await db.query<{ code: string }>("select code from survey_sample_member order by code")).map((r) => r.code)).toEqual(codes.map((r) => r.code).sort());
    });

    it("imports a Shift_JIS frame written with the options' labels", async () => {
      const sjis = iconv.encode("識別番号,年齢区分,性別,地区\r\nB001,65歳以上,男性,南部\r\n", "Shift_JIS");
      const res = await upload(a, `${BASE}/citizen-2027/sample`, new Uint8Array(sjis));
      expect(res.headers.get("location")).toContain("added=1");
      const [row] = await db.query<{ age_band: string; sex: string; area: string }>(
        "select age_band, sex, area from survey_sample_member m join survey_sample_identity i on i.sample_member_id = m.id where i.frame_id = 'B001'",
      );
      expect(row).toEqual({ age_band: "3", sex: "1", area: "S" });
    });

    it("refuses bad files with every problem's line and column, and applies nothing", async () => {
      const before = await members("citizen-2027");
      const bad = await upload(a, `${BASE}/citizen-2027/sample`, utf8("識別番号,年齢区分,性別,地区\r\nC001,9,1,N\r\nC002,1,1,N\r\nC002,1,2,S\r\nC003,1,1,東部\r\n"));
      expect(bad.status).toBe(400);
      expect(a.lastHtml).toContain("2行目2列目: 年齢区分「9」は調査票の選択肢にありません");
      expect(a.lastHtml).toContain("4行目1列目: 識別番号「C002」は3行目と重複しています");
      expect(a.lastHtml).toContain("5行目4列目: 地区「東部」は調査票の選択肢にありません");
      const named = await upload(a, `${BASE}/citizen-2027/sample`, utf8("識別番号,氏名,年齢区分\r\nC001,徳島 太郎,1\r\n"));
      expect(named.status).toBe(400);
      expect(a.lastHtml).toContain("1行目2列目の「氏名」は使えない列です");
      expect(a.lastHtml).toContain("氏名・住所・生年月日などの個人情報は取り込みません");
      const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from("識別番号\r\nC001\r\n", "utf16le"))]);
      expect((await upload(a, `${BASE}/citizen-2027/sample`, utf16)).status).toBe(400);
      expect(a.lastHtml).toContain("UTF-16");
      const changed = await upload(a, `${BASE}/citizen-2027/sample`, utf8("識別番号,年齢区分,性別,地区\r\nC009,1,1,N\r\nA001,2,1,N\r\n"));
      expect(changed.status).toBe(400);
      expect(a.lastHtml).toContain("3行目: 識別番号「A001」は取り込み済みで、年齢区分が違います");
      expect(await members("citizen-2027")).toBe(before);
    });

    it("gives the mailing contractor identifier, code and address only", async () => {
      const res = await a.get(`${BASE}/citizen-2027/mailing.csv`);
      expect(res.status).toBe(200);
      const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
      expect(lines[0]).toBe('"識別番号","回答用コード","回答ページ"');
      expect(lines).toHaveLength(7);
      const code = await codeOf("A001");
      expect(lines).toContain(`"A001","${formatCode(code)}","http://localhost/${LG}/answer?code=${formatCode(code)}"`);
      const [audit] = await db.query<{ n: string }>("select count(*) as n from audit_log where action = 'survey.sample_export'");
      expect(Number(audit!.n)).toBe(1);
    });
  });

  describe("answering", () => {
    beforeAll(async () => {
      await a.get(`${BASE}/citizen-2027`);
      expect((await a.post(`${BASE}/citizen-2027/advance`)).status).toBe(303);
    });

    it("freezes the questionnaire once fieldwork starts", async () => {
      await a.get(`${BASE}/citizen-2027/definition`);
      expect(a.lastHtml).not.toContain("設問を追加する");
      const res = await a.post(`${BASE}/citizen-2027/definition/text`, { _csrf: a.csrfToken() ?? null, basedOn: "2", text: DEFINITION_YAML });
      expect(res.status).toBe(400);
      expect(await versions("citizen-2027")).toEqual([1, 2]);
    });

    it("opens one response by code: wrong code, required answer, save, resume, submit once", async () => {
      const r = resident();
      await r.get(`/${LG}/answer`);
      expect(r.lastHtml).toContain("個人情報の取扱い");
      expect((await r.post(`/${LG}/answer`, { code: "0000-0000-0000" })).status).toBe(400);
      expect(r.lastHtml).toContain("この回答用コードは見つかりません");
      const code = await codeOf("A001");
      const typo = code.slice(0, 11) + (code[11] === "0" ? "1" : "0");
      expect((await r.post(`/${LG}/answer`, { code: typo })).status).toBe(400);
      expect(r.lastHtml).toContain("入力の誤りがあります");
      // Another municipality's address does not know this code.
      expect((await r.post(`/362026/answer`, { code })).status).toBe(400);

      expect((await r.post(`/${LG}/answer`, { code: formatCode(code).toLowerCase() })).status).toBe(200);
      expect(r.lastHtml).toContain("<legend>問4 インターネットを利用していますか<span class=\"required\">必須</span></legend>");
      const missing = await r.post(`/${LG}/answer/form`, { code, action: "submit", "q.age": "1", "q.Q3": "30" });
      expect(missing.status).toBe(400);
      expect(r.lastHtml).toContain('<a href="#q-Q1-0">問4に回答してください（必須）</a>');
      expect(r.lastHtml).toContain('<a href="#q-Q3">問6は0〜24時間の範囲で入力してください</a>');
      const saved = await r.post(`/${LG}/answer/form`, { code, action: "save", "q.age": "1", "q.Q2": ["1", "9"], "q.Q2.other.9": "タブレット", "q.Q3": "3.5" });
      expect(saved.status).toBe(200);
      expect(r.lastHtml).toContain("一時保存しました");

      const again = resident();
      await again.post(`/${LG}/answer`, { code });
      expect(again.lastHtml).toContain("保存した回答を読み込みました");
      expect(again.lastHtml).toContain('value="タブレット"');
      expect(again.lastHtml).toMatch(/id="q-Q3" name="q.Q3" value="3.5"/);
      const sent = await again.post(`/${LG}/answer/form`, { code, action: "submit", "q.age": "1", "q.Q1": "1", "q.Q2": ["1", "9"], "q.Q2.other.9": "タブレット", "q.Q3": "3.5" });
      expect(sent.status).toBe(303);
      const rows = await db.query<{ question_code: string; option_code: string; numeric_value: string | null; text_value: string | null }>(
        `select a.question_code, a.option_code, a.numeric_value, a.text_value from survey_answer a
           join survey_member_response mr on mr.response_id = a.response_id join survey_sample_member m on m.id = mr.sample_member_id
          where m.code = $1 order by a.question_code, a.option_code`,
        [code],
      );
      expect(rows).toContainEqual({ question_code: "Q2", option_code: "9", numeric_value: null, text_value: "タブレット" });
      expect(rows).toContainEqual({ question_code: "Q3", option_code: "", numeric_value: "3.5", text_value: null });
      // Left blank = 無回答, recorded explicitly.
      expect(rows).toContainEqual({ question_code: "Q4", option_code: "NA", numeric_value: null, text_value: null });

      expect((await again.post(`/${LG}/answer/form`, { code, action: "submit", "q.age": "2", "q.Q1": "2" })).status).toBe(409);
      expect((await resident().post(`/${LG}/answer`, { code })).status).toBe(409);
      const [state] = await db.query<{ n: string }>("select count(*) as n from survey_response where channel = 'online' and state = 'submitted'");
      expect(Number(state!.n)).toBe(1);
    });

    it("throttles guessing per address like sign-in", async () => {
      const guesser = resident("203.0.113.99");
      for (let i = 0; i < 10; i++) await guesser.post(`/${LG}/answer`, { code: `ZZZZ-ZZZZ-ZZZ${i}` });
      const res = await guesser.post(`/${LG}/answer`, { code: await codeOf("A002") });
      expect(res.status).toBe(429);
      expect(guesser.lastHtml).toContain("一時的に停止しています");
    });
  });

  describe("paper", () => {
    it("keys a paper twice by two people; a disagreement is listed and resolved against the paper", async () => {
      await a.get(`${BASE}/citizen-2027/paper`);
      await a.post(`${BASE}/citizen-2027/paper/double-entry`, { on: "on" });
      const code = await codeOf("A003");
      await a.get(`${BASE}/citizen-2027/paper`);
      const opened = await a.post(`${BASE}/citizen-2027/paper`, { code: formatCode(code) });
      expect(opened.headers.get("location")).toBe(`${BASE}/citizen-2027/paper/${code}`);
      await a.get(`${BASE}/citizen-2027/paper/${code}`);
      const entry = { "p.age": "3", "p.sex": "1", "p.area": "2", "p.Q1": "1", "p.Q2": "1 3", "p.Q2.other": "ラジオ", "p.Q3": "2", "p.Q4": "", "p.Q5": "n" };
      const outOfRange = await a.post(`${BASE}/citizen-2027/paper/${code}`, { ...entry, "p.Q3": "25", "p.Q1": "" });
      expect(outOfRange.status).toBe(400);
      expect(a.lastHtml).toContain("問4を入力してください（無回答は n、無効は x）");
      expect(a.lastHtml).toContain("問6は0〜24時間の範囲で入力してください（範囲外の記入は x）");
      expect((await a.post(`${BASE}/citizen-2027/paper/${code}`, entry)).headers.get("location")).toContain("done=first_entry");
      // The same person cannot key the second entry.
      await a.get(`${BASE}/citizen-2027/paper/${code}`);
      expect((await a.post(`${BASE}/citizen-2027/paper/${code}`, entry)).status).toBe(400);
      expect(a.lastHtml).toContain("1回目と別の人が");

      await b.get(`${BASE}/citizen-2027/paper/${code}`);
      expect(b.lastHtml).toContain("（2回目）");
      const disagree = await b.post(`${BASE}/citizen-2027/paper/${code}`, { ...entry, "p.Q3": "3" });
      expect(disagree.headers.get("location")).toBe(`${BASE}/citizen-2027/paper/${code}/resolve`);
      await b.get(`${BASE}/citizen-2027/paper/${code}/resolve`);
      expect(b.lastHtml).toContain("食い違いの一覧（1問）");
      expect(b.lastHtml).toMatch(/問6<\/th><td>2時間<\/td><td>3時間<\/td>/);
      expect((await b.post(`${BASE}/citizen-2027/paper/${code}/resolve`, { "p.Q3": "2" })).headers.get("location")).toContain("done=resolved");
      const rows = await db.query<{ question_code: string; option_code: string; numeric_value: string | null; text_value: string | null }>(
        `select a.question_code, a.option_code, a.numeric_value, a.text_value from survey_answer a
           join survey_member_response mr on mr.response_id = a.response_id join survey_sample_member m on m.id = mr.sample_member_id
          where m.code = $1 and mr.channel = 'paper' order by a.question_code, a.option_code`,
        [code],
      );
      expect(rows).toContainEqual({ question_code: "Q3", option_code: "", numeric_value: "2", text_value: null });
      expect(rows).toContainEqual({ question_code: "Q2", option_code: "9", numeric_value: null, text_value: "ラジオ" });
      expect(rows).toContainEqual({ question_code: "Q4", option_code: "NA", numeric_value: null, text_value: null });
      expect(rows).toContainEqual({ question_code: "Q5", option_code: "NA", numeric_value: null, text_value: null });
    });

    it("shows a code answered both online and on paper", async () => {
      await a.get(`${BASE}/citizen-2027/paper`);
      await a.post(`${BASE}/citizen-2027/paper/double-entry`, { on: "off" });
      const code = await codeOf("A001");
      await a.get(`${BASE}/citizen-2027/paper/${code}`);
      expect(a.lastHtml).toContain("インターネットでも回答済みです");
      const entry = { "p.age": "1", "p.sex": "1", "p.area": "1", "p.Q1": "1", "p.Q2": "x", "p.Q3": "n", "p.Q4": "", "p.Q5": "1" };
      expect((await a.post(`${BASE}/citizen-2027/paper/${code}`, entry)).headers.get("location")).toContain("done=recorded");
      await a.get(`${BASE}/citizen-2027`);
      expect(a.lastHtml).toContain("インターネットと紙の両方で回答されたコード");
      expect(a.lastHtml).toContain(`<strong>${formatCode(code)}</strong>　未解決: 両方の回答が集計に入っています。`);
      expect(a.lastHtml).toContain("<dt>有効回答（集計に使う回答）</dt><dd>3件</dd>");
    });

    it("lets the secretariat choose which of a duplicate's responses counts; the other is kept, excluded from analysis, audited", async () => {
      const code = await codeOf("A001");
      const states = async () =>
        Object.fromEntries(
          (
            await db.query<{ channel: string; state: string; answers: string }>(
              `select mr.channel, r.state, (select count(*) from survey_answer a where a.response_id = r.id)::text as answers
                 from survey_member_response mr join survey_response r on r.id = mr.response_id join survey_sample_member m on m.id = mr.sample_member_id
                where m.code = $1`,
              [code],
            )
          ).map((r) => [r.channel, `${r.state}:${Number(r.answers) > 0 ? "answers kept" : "no answers"}`]),
        );
      await a.get(`${BASE}/citizen-2027`);
      // No choice made: refused, nothing changes.
      expect((await a.post(`${BASE}/citizen-2027/duplicates/${code}`, {})).status).toBe(400);
      expect(a.lastHtml).toContain(`${formatCode(code)}: 集計に使う回答（インターネットか紙か）を選んでください`);
      expect(await states()).toEqual({ online: "submitted:answers kept", paper: "submitted:answers kept" });
      // A code that is not a duplicate is not found.
      expect((await a.post(`${BASE}/citizen-2027/duplicates/${await codeOf("A002")}`, { keep: "paper" })).status).toBe(404);
      await a.get(`${BASE}/citizen-2027`);

      expect((await a.post(`${BASE}/citizen-2027/duplicates/${code}`, { keep: "paper" })).headers.get("location")).toBe(`${BASE}/citizen-2027?done=duplicate`);
      expect(await states()).toEqual({ online: "excluded:answers kept", paper: "submitted:answers kept" });
      await a.get(`${BASE}/citizen-2027`);
      expect(a.lastHtml).toContain(`<strong>${formatCode(code)}</strong>　集計に使う回答: 紙の調査票の回答（もう一方は保存したまま集計から外しています）`);
      expect(a.lastHtml).toContain("<dt>有効回答（集計に使う回答）</dt><dd>2件（重複のため集計から外した回答 1件は別）</dd>");
      // The resident still counts once in 回収率 (6 sampled, 2 answered), and the excluded online answer cannot be reopened.
      expect(a.lastHtml).toMatch(/<th scope="row">全体<\/th><td class="number">6<\/td><td class="number">2<\/td>/);
      expect((await resident("198.51.100.9").post(`/${LG}/answer`, { code })).status).toBe(409);

      // While raking weights are set, the choice is refused: the response brought back would have no weight.
      await db.query("update survey_response set weight = 1 where state = 'submitted'");
      await a.get(`${BASE}/citizen-2027`);
      expect((await a.post(`${BASE}/citizen-2027/duplicates/${code}`, { keep: "online" })).status).toBe(400);
      expect(a.lastHtml).toContain("重み付け（レイキング）が設定されているため変更できません");
      expect(await states()).toEqual({ online: "excluded:answers kept", paper: "submitted:answers kept" });
      await db.query("update survey_response set weight = null");

      // Changed back after a second look at the paper: audited each time.
      await a.get(`${BASE}/citizen-2027`);
      await a.post(`${BASE}/citizen-2027/duplicates/${code}`, { keep: "online" });
      expect(await states()).toEqual({ online: "submitted:answers kept", paper: "excluded:answers kept" });
      const audit = await db.query<{ before: unknown; after: unknown }>("select before, after from audit_log where action = 'survey.duplicate_resolve' order by id");
      expect(audit.map((r) => [r.before, r.after])).toEqual([
        [{ counted: null }, { counted: "paper", excluded: "online" }],
        [{ counted: "paper" }, { counted: "online", excluded: "paper" }],
      ]);
      await a.get(`${BASE}/citizen-2027`);
      expect(a.lastHtml).toContain("集計に使う回答: インターネットの回答");
    });

    it("crosstabs the answers written online and on paper, each response once in its column's base", async () => {
      // The crosstab reads each response's choice vector (decision 033); every path that writes answers
      // (save, submit, paper entry, resolution) rebuilds it. Compare it with a count straight from the answer rows.
      const id = await surveyId("citizen-2027");
      const fromRows = await db.query<{ row_code: string; column_code: string; n: number }>(
        `select q.option_code as row_code, coalesce(g.option_code, 'NA') as column_code, count(*)::int as n
           from survey_answer q
           join survey_response r on r.id = q.response_id and r.state = 'submitted'
           left join survey_answer g on g.response_id = q.response_id and g.question_code = 'age'
          where q.survey_id = $1 and q.question_code = 'Q2'
          group by 1, 2 order by 1, 2`,
        [id],
      );
      const { cells, bases } = await crosstabCounts(db, id, "Q2", "age");
      const sorted = cells.map((c) => ({ row_code: c.rowCode, column_code: c.columnCode, n: c.count })).sort((x, y) => (x.row_code + x.column_code).localeCompare(y.row_code + y.column_code));
      expect(sorted).toEqual(fromRows);
      // The online answer as submitted (age band 1; smartphone and その他) and A001's paper one (age band 1, 無効回答).
      // A001 answered online (age band 1; smartphone and その他) and on paper (無効回答); the secretariat chose the
      // online one above, so the paper answer's INVALID is not counted. Each respondent once in its column's base.
      expect(sorted.filter((c) => c.column_code === "1")).toEqual([
        { row_code: "1", column_code: "1", n: 1 },
        { row_code: "9", column_code: "1", n: 1 },
      ]);
      expect(bases.find((b) => b.columnCode === "1")?.count).toBe(1);
    });
  });

  describe("response rate and the identity link", () => {
    it("shows 回収率 by stratum, counting a resident once", async () => {
      await a.get(`${BASE}/citizen-2027`);
      // 6 sampled; A001 (online and paper) and A003 (paper) answered.
      expect(a.lastHtml).toMatch(/<th scope="row">全体<\/th><td class="number">6<\/td><td class="number">2<\/td><td class="number">33.3%<\/td>/);
      expect(a.lastHtml).toMatch(/<th scope="row">65歳以上<\/th><td class="number">3<\/td><td class="number">1<\/td><td class="number">33.3%<\/td>/);
      expect(a.lastHtml).toMatch(/<th scope="row">40〜64歳<\/th><td class="number">1<\/td><td class="number">0<\/td><td class="number">0.0%<\/td>/);
      expect(a.lastHtml).toMatch(/<th scope="row">北部<\/th><td class="number">3<\/td><td class="number">1<\/td><td class="number">33.3%<\/td>/);
    });

    it("destroys the link only after fieldwork, confirmed, audited; answers and rates stay", async () => {
      await a.get(`${BASE}/citizen-2027`);
      expect(a.lastHtml).toContain("実査を終えた後に消去できます");
      expect((await a.post(`${BASE}/citizen-2027/destroy-link`, { confirm: "citizen-2027" })).status).toBe(400);
      await a.post(`${BASE}/citizen-2027/advance`);
      await a.get(`${BASE}/citizen-2027`);
      expect((await a.post(`${BASE}/citizen-2027/destroy-link`, { confirm: "citizen" })).status).toBe(400);
      expect(a.lastHtml).toContain("確認のため、調査のコード「citizen-2027」をそのまま入力してください");
      const answersBefore = (await db.query("select * from survey_answer")).length;
      expect((await a.post(`${BASE}/citizen-2027/destroy-link`, { confirm: "citizen-2027" })).status).toBe(303);
      expect(await db.query("select * from survey_sample_identity")).toHaveLength(0);
      expect((await db.query("select * from survey_answer")).length).toBe(answersBefore);
      const [audit] = await db.query<{ before: unknown }>("select before from audit_log where action = 'survey.identity_link_destroy'");
      expect(audit!.before).toEqual({ identities: 6 });
      await a.get(`${BASE}/citizen-2027`);
      expect(a.lastHtml).toMatch(/<th scope="row">全体<\/th><td class="number">6<\/td><td class="number">2<\/td><td class="number">33.3%<\/td>/);
      expect(a.lastHtml).not.toContain("対応表を消去する");
      expect((await a.get(`${BASE}/citizen-2027/mailing.csv`)).status).toBe(404);
    });
  });

  describe("roles", () => {
    it("lets the committee read a survey but not change it; other roles and municipalities get nothing", async () => {
      const member = await createStaff(db, { lgCode: LG, roles: ["committee_member"] });
      const officer = await createStaff(db, { lgCode: LG, roles: ["digital_officer"] });
      const naruto = await createStaff(db, { lgCode: "362026", roles: ["secretariat"], totp: true });
      const m = new TestBrowser(testApp(db), "192.0.2.20");
      await signInAs(db, m, member);
      expect((await m.get(`${BASE}/citizen-2027`)).status).toBe(200);
      expect(m.lastHtml).toContain("回収率");
      expect(m.lastHtml).not.toContain("標本の取り込み");
      expect((await m.get(`${BASE}/citizen-2027/sample`)).status).toBe(403);
      await m.get(`${BASE}/citizen-2027`);
      expect((await m.post(`${BASE}/citizen-2027/advance`)).status).toBe(403);
      const o = new TestBrowser(testApp(db), "192.0.2.21");
      await signInAs(db, o, officer);
      expect((await o.get(BASE)).status).toBe(403);
      const n = new TestBrowser(testApp(db), "192.0.2.22");
      await signInAs(db, n, naruto);
      expect((await n.get(`/362026/staff/surveys/citizen-2027`)).status).toBe(404);
      // Without the CSRF token nothing changes.
      expect((await a.post(`${BASE}/citizen-2030/advance`, { _csrf: null })).status).toBe(403);
    });
  });
});
