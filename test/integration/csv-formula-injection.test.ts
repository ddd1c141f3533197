/**
 * Issue #9 §4: text that a spreadsheet would run as a formula reaches no CSV
 * the product writes as a live formula (docs/decisions/015). A division
 * renamed to =HYPERLINK(…) by a staff member whose own name is a formula:
 * the public divisions CSV and the audit log CSV carry both as text with a
 * leading apostrophe, the JSON keeps the value unchanged, and numbers stay
 * bare numbers.
 */
import { beforeAll, expect, it } from "vitest";
import { recoverCsvText } from "../../src/core/format/csv-cell.ts";
import { createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { TestBrowser } from "../support/session.ts";
import { fetchCsv, records } from "./opendata-support.ts";

const FORMULA = '=HYPERLINK("http://x","y")';
const STAFF_NAME = '@SUM(1+1)*cmd|"/C calc"!A0';
const TRIGGER = /^[=+\-@\t\r]/;

describeEachDatabase("CSV formula injection", (ctx) => {
  let app: ReturnType<typeof testApp>;
  let secretariat: TestStaff;
  let browser: TestBrowser;
  let divisionId: number;

  beforeAll(async () => {
    app = testApp(ctx.db);
    secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true, name: STAFF_NAME, loginId: "formula.staff" });
    browser = new TestBrowser(app);
    await signInAs(ctx.db, browser, secretariat);
    [{ id: divisionId }] = (await ctx.db.query<{ id: number }>("select id from division where name = '人事課'")) as [{ id: number }];
    const path = `/362018/staff/organisation/divisions/${divisionId}`;
    await browser.get(path);
    const renamed = await browser.post(`${path}/rename`, { name: FORMULA });
    expect(renamed.status).toBe(303);
  });

  it("writes the renamed division into the public divisions CSV as text, not a formula; the JSON keeps the name", async () => {
    const file = await fetchCsv(app, "/362018/open-data/divisions.csv");
    const cell = file.rows.flat().find((f) => f.value.includes("HYPERLINK"))!;
    expect(cell).toEqual({ value: `'${FORMULA}`, quoted: true });
    expect(file.text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(recoverCsvText(cell.value)).toBe(FORMULA);
    for (const field of file.rows.flat()) if (field.quoted) expect(field.value).not.toMatch(TRIGGER);
    // Numbers are untouched: ids and counts stay bare digits.
    const row = records(file).find((r) => r.division_id === String(divisionId))!;
    expect(row.lead_initiative_count).toMatch(/^\d+$/);

    const doc = (await (await app.request("/362018/open-data/divisions.json")).json()) as { rows: Record<string, unknown>[] };
    expect(doc.rows.find((r) => r.division_id === divisionId)!.division_name).toBe(FORMULA);
    // The initiatives that name it carry it in the same way.
    const responsible = records(await fetchCsv(app, "/362018/open-data/initiative-divisions.csv")).filter((r) => r.division_id === String(divisionId));
    expect(responsible.length).toBeGreaterThan(0);
    for (const r of responsible) expect(r.responsible_name).toBe(`'${FORMULA}`);
  });

  it("writes the rename and the formula-named actor into the audit CSV as text, its numbers bare", async () => {
    const file = await fetchCsv(browser, "/362018/staff/audit.csv?action=division.rename");
    const [rename] = records(file);
    expect(rename).toMatchObject({ action: "division.rename", entity_id: String(divisionId), actor_user_id: String(secretariat.id) });
    expect(rename!.actor_label).toBe(`'${STAFF_NAME}（formula.staff）`);
    expect(recoverCsvText(rename!.actor_label!)).toBe(`${STAFF_NAME}（formula.staff）`);
    // The new name sits inside a JSON text, which begins with "{": nothing for a spreadsheet to run.
    expect(JSON.parse(rename!.after_json!)).toMatchObject({ name: FORMULA });
    expect(rename!.audit_id).toMatch(/^\d+$/);
    for (const field of file.rows.flat()) if (field.quoted) expect(field.value).not.toMatch(TRIGGER);
    const bare = file.rows[0]!.filter((f) => !f.quoted).map((f) => f.value);
    expect(bare).toContain(String(secretariat.id));
  });
}, { seed: "tokushima" });
