import { expect, it } from "vitest";
import { DATASETS } from "../../src/modules/opendata/datasets.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";

describeEachDatabase(
  "open data catalog and codebooks",
  (ctx) => {
    let app: ReturnType<typeof testApp> | undefined;
    const request = (path: string) => (app ??= testApp(ctx.db)).request(path);
    const page = async (path: string) => {
      const res = await request(path);
      expect(res.status, path).toBe(200);
      return res.text();
    };
    /** Visible text with table cells kept apart by a space. */
    const cellText = (html: string) => visibleText(html.replace(/<\/t[hd]>/g, " "));

    it("lists every dataset with its formats, licence, last update and record count", async () => {
      const html = await page("/362018/open-data");
      const text = visibleText(html);
      const [{ updated_at: stamp }] = (await ctx.db.query("select updated_at from plan")) as [{ updated_at: Date }];
      const updated = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long" }).format(new Date(stamp));
      expect(updated).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
      for (const d of DATASETS) {
        expect(text).toContain(d.title);
        expect(html).toContain(`href="/362018/open-data/${d.id}.csv"`);
        expect(html).toContain(`href="/362018/open-data/${d.id}.json"`);
        expect(html).toContain(`href="/362018/open-data/${d.id}"`);
        const row = html.slice(html.indexOf(`id="dataset-${d.id}"`), html.indexOf("</tr>", html.indexOf(`id="dataset-${d.id}"`)));
        const count = (await (await request(`/362018/open-data/${d.id}.json`)).json()) as { rows: unknown[] };
        expect(visibleText(row)).toContain(`${count.rows.length}件`);
        expect(visibleText(row)).toContain(updated);
        expect(visibleText(row)).toContain("公共データ利用規約（第1.0版）");
      }
      expect(visibleText(html)).toMatch(/37件/);
      expect(text).toContain("CSVファイルの文字コードはUTF-8（BOM付き）、改行コードはCRLFです");
      expect(text).toContain("出典：徳島市DX推進計画（http://localhost/362018）");
      expect(text).toContain("CC BY 4.0");
      expect(html).toMatch(/<a href="\/362018\/open-data" aria-current="page">オープンデータ<\/a>/);
    });

    it("shows each dataset's codebook: every column with label, definition, type and unit, and its code tables", async () => {
      for (const d of DATASETS) {
        const text = visibleText(await page(`/362018/open-data/${d.id}`));
        for (const c of d.columns) {
          expect(text).toContain(c.name);
          expect(text).toContain(c.label);
          if (c.unit) expect(text).toContain(c.unit);
        }
      }
      const schedule = cellText(await page("/362018/open-data/schedule"));
      for (const s of ["study 検討", "implement 実施", "expand 拡大"]) expect(schedule).toContain(s);
      const history = cellText(await page("/362018/open-data/evaluation-history"));
      expect(history).toContain("C C 目標や計画を大幅に下回る達成状況（又は未実施）");
      const kpis = cellText(await page("/362018/open-data/kpis"));
      expect(kpis).toContain("higher 高いほど良い");
      const divisions = cellText(await page("/362018/open-data/initiative-divisions"));
      expect(divisions).toContain("all_bureaus 全部局");
    });

    it("offers the code tables as a dataset of their own", async () => {
      const doc = (await (await request("/362018/open-data/code-tables.json")).json()) as { rows: Record<string, unknown>[] };
      expect(doc.rows).toContainEqual(expect.objectContaining({ code_table: "phase", code: "study", code_label: "検討" }));
      expect(doc.rows).toContainEqual(expect.objectContaining({ code_table: "grade", code: "S", definition: "目標や計画を上回る達成状況" }));
    });

    it("the portal's download links resolve", async () => {
      for (const path of [
        "/362018/open-data/initiatives.csv?policy=2&kpi=1",
        "/362018/open-data/initiatives.json?q=%E3%83%9E%E3%82%A4%E3%83%8A%E3%83%B3%E3%83%90%E3%83%BC",
        "/362018/open-data/kpi-targets.json?initiative=12",
        "/362018/open-data/evaluation-history.csv",
        "/362018/open-data/evaluation-history.json",
      ]) {
        expect((await request(path)).status, path).toBe(200);
      }
    });
  },
  { seed: "tokushima" },
);
