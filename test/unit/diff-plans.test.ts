import { describe, expect, it } from "vitest";
import { diffPlans } from "../../src/modules/plan/revisions/domain/diff-plans.ts";
import { countChanges, groupBySection } from "../../src/modules/plan/revisions/domain/plan-change.ts";
import { tokushimaPlan } from "../support/fixtures.ts";

describe("diffPlans", () => {
  it("finds nothing between a plan and itself", () => {
    expect(diffPlans(tokushimaPlan(), tokushimaPlan())).toEqual([]);
  });

  it("shows a target changed mid-plan with its old and new value", () => {
    const after = tokushimaPlan();
    after.initiatives[0]!.kpis[0]!.targets["2025"] = "210";
    const changes = diffPlans(tokushimaPlan(), after);
    expect(changes).toEqual([
      {
        key: "initiative:1.kpi:公開データセット数.target:2025",
        kind: "changed",
        section: { key: "initiative:1", label: "取組項目1 オープンデータの推進", initiativeNumber: 1 },
        subject: "数値目標「公開データセット数」",
        field: "令和7年度（2025年度）の目標値",
        before: "205データセット",
        after: "210データセット",
      },
    ]);
  });

  it("shows no target as 「—（目標なし）」, distinct from a value", () => {
    const before = tokushimaPlan();
    const after = tokushimaPlan();
    const sensors = after.initiatives.find((i) => i.number === 5)!.kpis[0]!;
    expect(before.initiatives.find((i) => i.number === 5)!.kpis[0]!.targets["2022"]).toBeNull();
    sensors.targets["2022"] = "0";
    sensors.targets["2024"] = null;
    const changes = diffPlans(before, after);
    expect(changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ["令和4年度（2022年度）の目標値", "—（目標なし）", "0基"],
      ["令和6年度（2024年度）の目標値", "5基", "—（目標なし）"],
    ]);
  });

  it("lists an added and a removed initiative", () => {
    const before = tokushimaPlan();
    const after = tokushimaPlan();
    const removed = after.initiatives.pop()!;
    after.nationalPriorityItems.forEach((m) => (m.initiatives = m.initiatives.filter((n) => n !== removed.number)));
    after.dataUtilizationMeasures.forEach((m) => (m.initiatives = m.initiatives.filter((n) => n !== removed.number)));
    after.initiatives.push({ ...structuredClone(before.initiatives[0]!), number: 38, title: "生成AIの活用", isNew: true });
    const changes = diffPlans(before, after);
    const initiatives = changes.filter((c) => c.section.key.startsWith("initiative:"));
    expect(initiatives).toEqual([
      expect.objectContaining({ key: "initiative:37", kind: "removed", before: removed.title, after: null }),
      expect.objectContaining({ key: "initiative:38", kind: "added", before: null, after: "生成AIの活用" }),
    ]);
    // Initiatives come in number order, each in its own section.
    expect(groupBySection(initiatives).map((g) => g.section.label)).toEqual([`取組項目37 ${removed.title}`, "取組項目38 生成AIの活用"]);
  });

  it("shows a schedule phase change per year", () => {
    const after = tokushimaPlan();
    const row = after.initiatives.find((i) => i.number === 14)!.schedule[1]!;
    row.phases["2024"] = "expand";
    row.phases["2025"] = null;
    const changes = diffPlans(tokushimaPlan(), after).filter((c) => c.key.includes(".phase:"));
    expect(changes.map((c) => [c.subject, c.field, c.before, c.after])).toEqual([
      [`取組計画「${row.label}」`, "令和6年度（2024年度）の段階", "実施", "拡大"],
      [`取組計画「${row.label}」`, "令和7年度（2025年度）の段階", "実施", "なし"],
    ]);
  });

  it("names plan fields, policy titles, divisions, glossary terms and mappings", () => {
    const after = tokushimaPlan();
    after.title = "徳島市DX推進計画（改定版）";
    after.policies[0]!.title = "地域課題の解決";
    after.initiatives[1]!.divisions.push({ kind: "division", name: "都市政策課" });
    after.glossary.shift();
    after.glossary.push({ term: "生成AI", section: "kana", description: "文章や画像を生成するAI。", aliases: [] });
    after.nationalPriorityItems[0]!.initiatives.push(37);
    const changes = diffPlans(tokushimaPlan(), after);
    const find = (key: string) => changes.find((c) => c.key === key);
    expect(find("plan.title")).toMatchObject({ field: "計画の名称", after: "徳島市DX推進計画（改定版）" });
    expect(find("policy:1.title")).toMatchObject({ before: "地域課題の解決と新たな価値の創造", after: "地域課題の解決" });
    expect(find("initiative:2.divisions")).toMatchObject({ field: "担当課", after: expect.stringContaining("都市政策課") });
    expect(find("glossary:AI")).toMatchObject({ kind: "removed" });
    expect(find("glossary:生成AI")).toMatchObject({ kind: "added", after: "文章や画像を生成するAI。" });
    expect(find(`national-priority:${after.nationalPriorityItems[0]!.code}.initiatives`)?.after).toContain("37");
    expect(countChanges(changes)).toEqual({ added: 1, removed: 1, changed: 4, total: 6 });
  });

  it("keeps a KPI whose code stays while its label changes, and reports the label", () => {
    const after = tokushimaPlan();
    const kpi = after.initiatives.find((i) => i.number === 14)!.kpis[0]!;
    const oldLabel = kpi.label;
    kpi.label = "キャッシュレス納付の比率";
    const changes = diffPlans(tokushimaPlan(), after);
    expect(changes).toEqual([
      expect.objectContaining({ kind: "changed", field: "指標名", before: oldLabel, after: "キャッシュレス納付の比率" }),
    ]);
  });
});
