/**
 * The municipality profile (issue #6 §1): the secretariat (or an
 * administrator) edits the contact for the plan, the city's site and the
 * plan's adoption date through a validated form; every public page's footer
 * shows it at once — cached pages included.
 */
import { beforeAll, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";
import { LG, loadPlans, OTHER_LG, person, STAFF, type Person } from "./cycle-support.ts";

describeEachDatabase("municipality profile and the public footer", (ctx) => {
  let secretariat: Person;
  let admin: Person;
  let publicSite: TestBrowser;
  const PROFILE = `${STAFF}/profile`;
  const valid = {
    division: "企画政策局 デジタル推進課",
    phone: "088-621-5111",
    email: "digital@city.example.lg.jp",
    address: "〒770-8571 徳島市幸町2丁目5番地",
    siteUrl: "https://www.city.tokushima.tokushima.jp/",
    planAdoptedOn: "",
  };

  beforeAll(async () => {
    await loadPlans(ctx.db);
    secretariat = await person(ctx.db, ["secretariat"], { division: "デジタル推進課" });
    admin = await person(ctx.db, ["administrator"]);
    publicSite = new TestBrowser(testApp(ctx.db));
  });

  it("the plan file's adoption month is the default, shown in the footer before any edit", async () => {
    await publicSite.get(`/${LG}`);
    expect(visibleText(publicSite.lastHtml)).toContain("計画の策定: 令和4年3月（2022年3月）");
    expect(visibleText(publicSite.lastHtml)).not.toContain("お問い合わせ");
  });

  it("only the secretariat and administrators may edit; others are refused", async () => {
    for (const roles of [["digital_officer"], ["division_head"], ["committee_member"], ["cio"], ["viewer"]] as const) {
      const who = await person(ctx.db, [...roles], roles[0] === "digital_officer" || roles[0] === "division_head" ? { division: "危機管理課" } : {});
      expect((await who.browser.get(PROFILE)).status, roles[0]).toBe(403);
      expect((await who.browser.post(PROFILE, valid)).status, roles[0]).toBe(403);
    }
    expect((await admin.browser.get(PROFILE)).status).toBe(200);
    const foreign = await person(ctx.db, ["secretariat"], { lgCode: OTHER_LG });
    // Another municipality's staff area does not know this session: signed out there.
    expect((await foreign.browser.get(PROFILE)).status).not.toBe(200);
  });

  it("bad phone, e-mail, address and date: 400 with an error summary in Japanese; nothing saved", async () => {
    await secretariat.browser.get(PROFILE);
    const res = await secretariat.browser.post(PROFILE, { ...valid, phone: "0886215111", email: "digital@", siteUrl: "javascript:alert(1)", planAdoptedOn: "2022-02-30" });
    expect(res.status).toBe(400);
    const text = visibleText(secretariat.browser.lastHtml);
    expect(text).toContain("入力内容を確認してください");
    expect(text).toContain("電話番号は 088-621-5111 のように");
    expect(text).toContain("メールアドレスは digital@city.example.lg.jp のように");
    expect(text).toContain("ホームページのアドレスは https:// から始まる形で");
    expect(text).toContain("計画の策定日は 2022-03-31 のように");
    expect(secretariat.browser.lastHtml).toContain('value="0886215111"');
    expect((await ctx.db.query("select 1 from municipality_profile")).length).toBe(0);
  });

  it("a saved profile is audited and reaches every cached public page's footer at once", async () => {
    // Cache the pages first (the public site is another app instance, like another process).
    for (const path of [`/${LG}`, `/${LG}/initiatives/6`, `/${LG}/glossary`, `/${LG}/changes`, `/${LG}/results`]) {
      expect((await publicSite.get(path)).status, path).toBe(200);
    }
    await secretariat.browser.get(PROFILE);
    const res = await secretariat.browser.post(PROFILE, { ...valid, phone: "０８８－６２１－５１１１", planAdoptedOn: "2022年3月28日" });
    expect(res.status).toBe(303);
    const [row] = await ctx.db.query<{ phone: string; plan_adopted_on: string }>("select phone, plan_adopted_on from municipality_profile");
    expect(row).toEqual({ phone: "088-621-5111", plan_adopted_on: "2022-03-28" });
    const [audit] = await ctx.db.query<{ action: string }>("select action from audit_log where entity_type = 'municipality_profile'");
    expect(audit!.action).toBe("municipality_profile.save");
    for (const path of [`/${LG}`, `/${LG}/initiatives/6`, `/${LG}/glossary`, `/${LG}/changes`, `/${LG}/results`]) {
      await publicSite.get(path);
      const footer = /<footer[\s\S]*<\/footer>/.exec(publicSite.lastHtml)![0];
      const text = visibleText(footer);
      expect(text, path).toContain("お問い合わせ");
      expect(text).toContain("企画政策局 デジタル推進課");
      expect(footer).toContain('href="tel:088-621-5111"');
      expect(footer).toContain('href="mailto:digital@city.example.lg.jp"');
      expect(footer).toContain('href="https://www.city.tokushima.tokushima.jp/"');
      expect(text).toContain("計画の策定: 令和4年3月28日（2022年3月28日）");
    }
    // The other municipality's pages are untouched.
    await publicSite.get(`/${OTHER_LG}`);
    expect(visibleText(publicSite.lastHtml)).not.toContain("企画政策局 デジタル推進課");
  });
});
