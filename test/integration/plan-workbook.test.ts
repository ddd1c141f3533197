/**
 * The plan workbook (plan/workbook): a draft exported and uploaded unchanged
 * leaves no difference; one KPI target and one schedule phase changed in
 * the workbook are exactly the draft's differences; malformed workbooks are
 * refused with every problem (sheet, cell, message) and nothing changed;
 * a workbook re-saved by LibreOffice uploads with no difference; only the
 * secretariat may use it.
 */
import "../../src/core/spreadsheet/exceljs-utf8-fix.ts"; // before exceljs (see that file)
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { diffPlans } from "../../src/modules/plan/revisions/domain/diff-plans.ts";
import { findDraft, findLatestPublished } from "../../src/modules/plan/revisions/repository/revision-queries.ts";
import { createStaff, signInAs } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const LG = "362018";
const SOFFICE = "/usr/bin/soffice";
// Like the browser tests: without LibreOffice the re-save test is skipped with the reason, except under CI, where it fails.
const noSoffice = !existsSync(SOFFICE) && !process.env.CI;
if (noSoffice) console.warn(`\n[skip] LibreOffice で保存し直したブックのテストを省略します — ${SOFFICE} がありません（Debian の libreoffice-calc）\n`);

/**
 * The workbook as LibreOffice re-saves it. Converted once per test file: both
 * databases export the same plan with the same information sheet (only the
 * zip's file times differ), and one conversion costs many seconds.
 */
const resavedBy = new Map<string, Promise<Uint8Array>>();
function resaveWithLibreOffice(bytes: Uint8Array): Promise<Uint8Array> {
  const key = "the draft of Tokushima's plan";
  if (!resavedBy.has(key)) {
    resavedBy.set(
      key,
      (async () => {
        const dir = await mkdtemp(join(tmpdir(), "plan-workbook-"));
        try {
          const source = join(dir, "plan.xlsx");
          await writeFile(source, bytes);
          const args = [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "xlsx", "--outdir", join(dir, "out"), source];
          await promisify(execFile)(SOFFICE, args, { timeout: 120_000 });
          return new Uint8Array(await readFile(join(dir, "out", "plan.xlsx")));
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      })(),
    );
  }
  return resavedBy.get(key)!;
}

/** Uploads a file to the workbook page as a browser would (multipart, with the page's CSRF token). */
async function upload(b: TestBrowser, page: string, bytes: Uint8Array, name = "plan.xlsx"): Promise<Response> {
  await b.get(page);
  const form = new FormData();
  form.set("_csrf", b.csrfToken()!);
  form.set("workbook", new Blob([new Uint8Array(bytes)]), name);
  return b.request(page, { method: "POST", body: form });
}

/** The problems table of the last page: [sheet, cell, message] rows. */
function problemRows(html: string): string[][] {
  const body = /<caption>[^<]*の問題[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => visibleText(c[1]!)));
}

/** Edits a workbook with exceljs as a spreadsheet program would, returning the new bytes. */
async function edit(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The cell in a sheet's row whose 取組項目番号 is `initiative` (the n-th such row), under the header `header`. */
function cellOf(wb: ExcelJS.Workbook, sheet: string, initiative: number, header: string, nth = 0): ExcelJS.Cell {
  const ws = wb.getWorksheet(sheet)!;
  const headers = ws.getRow(1).values as unknown[];
  const col = headers.indexOf(header);
  const idCol = headers.indexOf("取組項目番号");
  expect(col, header).toBeGreaterThan(0);
  const rows: number[] = [];
  ws.eachRow((row, n) => {
    if (n > 1 && row.getCell(idCol).value === initiative) rows.push(n);
  });
  return ws.getCell(rows[nth]!, col);
}

describeEachDatabase(
  "the plan workbook",
  (ctx) => {
    let planId: number;
    let b: TestBrowser;
    let d = "";
    let exported: Uint8Array;

    const draft = async () => (await findDraft(ctx.db, planId))!;
    const published = async () => (await findLatestPublished(ctx.db, planId))!;

    beforeAll(async () => {
      const [plan] = await ctx.db.query<{ id: number }>("select p.id from plan p join municipality m on m.id = p.municipality_id where m.lg_code = $1", [LG]);
      planId = plan!.id;
      const secretariat = await createStaff(ctx.db, { lgCode: LG, roles: ["secretariat"], totp: true });
      b = new TestBrowser(testApp(ctx.db));
      await signInAs(ctx.db, b, secretariat);
      await b.get(`/${LG}/staff/plan`);
      d = (await b.post(`/${LG}/staff/plan/${planId}/drafts`)).headers.get("location")!.split("?")[0]!;
      await b.get(d);
      expect(b.lastHtml).toContain(`href="${d}/workbook"`);
      const res = await b.get(`${d}/workbook.xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      exported = new Uint8Array(await res.arrayBuffer());
    });

    it("uploads the exported workbook unchanged: the draft stays the published plan, and the upload is audited with the file's SHA-256", async () => {
      const before = await draft();
      const res = await upload(b, `${d}/workbook`, exported);
      expect(res.status, visibleText(b.lastHtml).slice(0, 400)).toBe(303);
      expect(res.headers.get("location")).toBe(`${d}/preview?notice=workbook&changes=0`);
      const after = await draft();
      expect(after.content).toEqual(before.content);
      expect(diffPlans((await published()).content, after.content)).toEqual([]);
      await b.get(res.headers.get("location")!);
      expect(visibleText(b.lastHtml)).toContain("ブックを取り込みました。下書きは変わりませんでした。");
      expect(visibleText(b.lastHtml)).toContain("違いはありません。");
      const [audit] = await ctx.db.query<{ after: { file: { sha256: string; bytes: number }; changes: unknown[] } }>(
        "select after from audit_log where action = 'plan_revision.upload_workbook' and entity_id = $1 order by id desc limit 1",
        [String(after.id)],
      );
      expect(audit!.after.file.sha256).toBe(createHash("sha256").update(exported).digest("hex"));
      expect(audit!.after.changes).toEqual([]);
    });

    it.skipIf(noSoffice)("uploads the workbook re-saved by LibreOffice (soffice --convert-to xlsx) with no difference", async () => {
      expect(existsSync(SOFFICE), "CI では LibreOffice（libreoffice-calc）が必要です").toBe(true);
      const resaved = await resaveWithLibreOffice(exported);
      expect(createHash("sha256").update(resaved).digest("hex")).not.toBe(createHash("sha256").update(exported).digest("hex"));
      const res = await upload(b, `${d}/workbook`, resaved);
      expect(res.status, JSON.stringify(problemRows(b.lastHtml).slice(0, 5))).toBe(303);
      expect(res.headers.get("location")).toBe(`${d}/preview?notice=workbook&changes=0`);
      expect(diffPlans((await published()).content, (await draft()).content)).toEqual([]);
      // LibreOffice takes seconds alone, far longer on a busy machine.
    }, 240_000);

    it("exports the published plan from the overview, which uploads into the draft made from it", async () => {
      await b.get(`/${LG}/staff/plan`);
      const href = `/${LG}/staff/plan/${planId}/workbook.xlsx`;
      expect(b.lastHtml).toContain(`href="${href}"`);
      const res = await b.get(href);
      expect(res.status).toBe(200);
      const uploaded = await upload(b, `${d}/workbook`, new Uint8Array(await res.arrayBuffer()));
      expect(uploaded.headers.get("location")).toBe(`${d}/preview?notice=workbook&changes=0`);
    });

    it("refuses malformed workbooks with every problem at its sheet and cell, and changes nothing", async () => {
      const before = await draft();
      const refused = async (bytes: Uint8Array, name?: string) => {
        const res = await upload(b, `${d}/workbook`, bytes, name);
        expect(res.status).toBe(400);
        return problemRows(b.lastHtml);
      };

      expect(await refused(new TextEncoder().encode("取組項目番号,指標\n6,防災\n"), "plan.csv")).toEqual([
        ["（ブック全体）", "－", expect.stringContaining("テキストファイル（CSVなど）です")],
      ]);

      const broken = await edit(exported, (wb) => {
        cellOf(wb, "数値目標", 6, "目標値 令和7年度（2025年度）").value = "七十二";
        cellOf(wb, "取組計画", 6, "令和5年度（2023年度）").value = "完了";
        cellOf(wb, "数値目標", 6, "取組項目番号").value = 999;
        cellOf(wb, "取組内容・目標", 6, "本文").value = { formula: "A1&B1" } as ExcelJS.CellFormulaValue;
        cellOf(wb, "取組項目", 7, "取組項目").value = null;
      });
      const problems = await refused(broken);
      expect(problems).toEqual(
        expect.arrayContaining([
          ["取組項目", expect.stringMatching(/^C\d+$/), "入力してください（空にはできません）"],
          ["取組内容・目標", expect.stringMatching(/^D\d+$/), "数式は取り込めません。計算結果ではなく値を入力してください（=A1&B1）"],
          ["取組計画", expect.stringMatching(/^E\d+$/), "「完了」は選べません。「検討」「実施」「拡大」のどれかを選んでください"],
          ["数値目標", expect.stringMatching(/^A\d+$/), "取組項目番号 999 は「取組項目」シートにありません"],
        ]),
      );
      expect(problems.length).toBeGreaterThanOrEqual(4);

      const badTarget = await edit(exported, (wb) => {
        cellOf(wb, "数値目標", 6, "目標値 令和7年度（2025年度）").value = "七十二";
        wb.getWorksheet("数値目標")!.getCell("E1").value = "単位名";
      });
      const targetProblems = await refused(badTarget);
      expect(targetProblems).toEqual(
        expect.arrayContaining([
          ["数値目標", "E1", expect.stringContaining("列「単位名」はこのブックの形式にありません")],
          ["数値目標", "1行目", expect.stringContaining("列「単位」がありません")],
          ["数値目標", expect.stringMatching(/^[N-Q]\d+$/), expect.stringContaining("「七十二」は数値として読めません")],
        ]),
      );

      const otherCity = await edit(exported, (wb) => {
        const info = wb.getWorksheet("ブック情報")!;
        info.eachRow((row) => {
          if (row.getCell(1).value === "全国地方公共団体コード") row.getCell(2).value = "131016";
        });
      });
      expect(await refused(otherCity)).toEqual([["ブック情報", "－", expect.stringContaining("別の自治体（全国地方公共団体コード 131016）の計画のブックです")]]);

      const res = await b.request(`${d}/workbook`, { method: "POST", body: (() => { const f = new FormData(); f.set("_csrf", b.csrfToken()!); return f; })() });
      expect(res.status).toBe(400);
      expect(visibleText(b.lastHtml)).toContain("取り込むブック（.xlsx）を選んでください");

      const after = await draft();
      expect(after.lockVersion).toBe(before.lockVersion);
      expect(after.content).toEqual(before.content);
    });

    it("takes one changed KPI target and one changed schedule phase as exactly the draft's two differences", async () => {
      let phaseBefore = "";
      const changed = await edit(exported, (wb) => {
        cellOf(wb, "数値目標", 6, "目標値 令和7年度（2025年度）").value = 80;
        const phase = cellOf(wb, "取組計画", 6, "令和5年度（2023年度）");
        phaseBefore = String(phase.value);
        phase.value = phaseBefore === "拡大" ? "実施" : "拡大";
      });
      const res = await upload(b, `${d}/workbook`, changed);
      expect(res.status, JSON.stringify(problemRows(b.lastHtml))).toBe(303);
      expect(res.headers.get("location")).toBe(`${d}/preview?notice=workbook&changes=2`);
      const changes = diffPlans((await published()).content, (await draft()).content);
      expect(changes.map((c) => ({ key: c.key, before: c.before, after: c.after }))).toEqual([
        { key: "initiative:6.schedule:防災拠点へのWi-Fi環境整備.phase:2023", before: phaseBefore, after: phaseBefore === "拡大" ? "実施" : "拡大" },
        { key: expect.stringMatching(/^initiative:6\.kpi:.+\.target:2025$/), before: expect.stringMatching(/^72/), after: expect.stringMatching(/^80/) },
      ]);
      await b.get(res.headers.get("location")!);
      expect(visibleText(b.lastHtml)).toContain("ブックを取り込みました（下書きへの変更 2件）");
    });

    it("refuses a workbook made before the draft changed, so that no edit is silently undone", async () => {
      const before = await draft();
      await upload(b, `${d}/workbook`, exported);
      expect(problemRows(b.lastHtml)).toEqual([["ブック情報", "－", expect.stringContaining("下書きの取組方針・取組項目が変更されています")]]);
      expect((await draft()).lockVersion).toBe(before.lockVersion);
    });

    it("is the secretariat's only: administrators and divisions are refused (403)", async () => {
      for (const roles of [["administrator"], ["division_head"]] as const) {
        const staff = await createStaff(ctx.db, { lgCode: LG, roles: [...roles], totp: roles[0] === "administrator" });
        const other = new TestBrowser(testApp(ctx.db));
        await signInAs(ctx.db, other, staff);
        expect((await other.get(`${d}/workbook.xlsx`)).status, roles[0]).toBe(403);
        expect((await other.get(`${d}/workbook`)).status, roles[0]).toBe(403);
        await other.get(`/${LG}/staff`);
        const form = new FormData();
        form.set("_csrf", other.csrfToken() ?? "");
        form.set("workbook", new Blob([new Uint8Array(exported)]), "plan.xlsx");
        expect((await other.request(`${d}/workbook`, { method: "POST", body: form })).status, roles[0]).toBe(403);
      }
    });
  },
  { seed: "tokushima" },
);
