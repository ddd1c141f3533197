/**
 * Phones and paper (issue #6 §4): at 390 px every table stays readable (no
 * cell narrower than 4 em, nothing set one character per line, the page not
 * much taller than on a desktop), the global navigation folds into one
 * line that opens by keyboard without JavaScript, and an initiative prints on at
 * most two A4 pages with its schedule's phases still told apart.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createStaff, currentCode } from "../support/accounts.ts";
import { describeInBrowser } from "../support/browser.ts";
import { loadTokushima } from "../support/fixtures.ts";

const PHONE = { viewport: { width: 390, height: 844 } };
const DESKTOP = { viewport: { width: 1366, height: 900 } };

/** The public pages whose tables were squeezed to one character per line. */
const TABLE_PAGES = [
  "/362018/initiatives/12",
  "/362018/initiatives",
  "/362018/coverage",
  "/362018/evaluation-history",
  "/362018/divisions",
  "/362018/glossary",
];

type NarrowCell = { em: number; text: string };

/** The page's height, whether it scrolls sideways, and its narrowest visible table cell in em. */
function measure(page: Page): Promise<{ height: number; overflowsSideways: boolean; cells: number; narrowest: NarrowCell }> {
  return page.evaluate(() => {
    let narrowest = { em: Infinity, text: "" };
    let cells = 0;
    for (const cell of document.querySelectorAll<HTMLElement>("table th, table td")) {
      const box = cell.getBoundingClientRect();
      // Visually hidden cells (clipped to 1 px for screen readers only) are not read on screen.
      if (box.width <= 1 || box.height <= 1) continue;
      cells++;
      const em = box.width / parseFloat(getComputedStyle(cell).fontSize);
      if (em < narrowest.em) narrowest = { em, text: (cell.textContent ?? "").trim().slice(0, 30) };
    }
    const root = document.scrollingElement!;
    return { height: root.scrollHeight, overflowsSideways: root.scrollWidth > root.clientWidth, cells, narrowest };
  });
}

/** The roles Chromium gives the nodes of a table, as a screen reader receives them. */
async function tableRoles(page: Page, caption: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
    nodes: { nodeId: string; parentId?: string; ignored: boolean; role?: { value: string }; name?: { value: string } }[];
  };
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const table = nodes.find((n) => n.role?.value === "table" && n.name?.value === caption);
  expect(table, `table 「${caption}」 in the accessibility tree`).toBeDefined();
  const inTable = (n: (typeof nodes)[number]): boolean => {
    for (let p = n.parentId; p; p = byId.get(p)?.parentId) if (p === table!.nodeId) return true;
    return false;
  };
  return nodes.filter((n) => !n.ignored && inTable(n)).map((n) => n.role?.value ?? "");
}

const count = (roles: string[], role: string) => roles.filter((r) => r === role).length;

describeInBrowser(
  "phones and paper",
  (ctx) => {
    let phone: Page;
    let desktop: Page;

    beforeAll(async () => {
      phone = await ctx.newPage(PHONE);
      desktop = await ctx.newPage(DESKTOP);
    });

    it("keeps initiative 12 within three times its desktop height on a phone", async () => {
      await desktop.goto(`${ctx.url}/362018/initiatives/12`);
      await phone.goto(`${ctx.url}/362018/initiatives/12`);
      const wide = await measure(desktop);
      const narrow = await measure(phone);
      expect(narrow.height, `390 px: ${narrow.height} px, 1366 px: ${wide.height} px`).toBeLessThanOrEqual(3 * wide.height);
    });

    it("sets no table cell narrower than 4 em on a phone, and no page scrolls sideways", async () => {
      for (const path of TABLE_PAGES) {
        await phone.goto(`${ctx.url}${path}`);
        const m = await measure(phone);
        if (path !== "/362018/glossary") expect(m.cells, `${path} has tables`).toBeGreaterThan(0);
        expect(m.narrowest.em, `${path}: narrowest cell 「${m.narrowest.text}」`).toBeGreaterThanOrEqual(3.99);
        expect(m.overflowsSideways, `${path} scrolls sideways as a whole`).toBe(false);
      }
    });

    it("shows the secretariat's audit log as readable cards on a phone", async () => {
      const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
      const page = await ctx.newPage(PHONE);
      await page.goto(`${ctx.url}/362018/staff/audit`);
      await page.getByLabel("ログインID").fill(staff.loginId);
      await page.getByLabel("パスワード").fill(staff.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret!));
      await page.getByRole("button", { name: "確認" }).click();
      await page.waitForURL(/\/staff\/audit$/);
      const m = await measure(page);
      expect(m.cells).toBeGreaterThan(0);
      expect(m.narrowest.em, `narrowest cell 「${m.narrowest.text}」`).toBeGreaterThanOrEqual(3.99);
      expect(m.overflowsSideways).toBe(false);
      await page.context().close();
    });

    it("keeps the table semantics of the reflowed tables for screen readers", async () => {
      await phone.goto(`${ctx.url}/362018/initiatives`);
      const list = await tableRoles(phone, "取組項目（37件）");
      expect(count(list, "rowheader")).toBe(37);
      expect(count(list, "columnheader")).toBe(5);
      expect(count(list, "row")).toBe(38);

      await phone.goto(`${ctx.url}/362018/initiatives/12`);
      const schedule = await tableRoles(phone, "取組項目12の年度別の取組計画");
      expect(count(schedule, "columnheader")).toBe(5); // 取組 and the four fiscal years
      expect(count(schedule, "rowheader")).toBeGreaterThan(0);
      expect(count(schedule, "cell")).toBe(4 * count(schedule, "rowheader"));
    });

    it("folds the navigation into one line on a phone that opens by keyboard without JavaScript", async () => {
      const page = await ctx.newPage({ ...PHONE, javaScriptEnabled: false });
      await page.goto(`${ctx.url}/362018/initiatives/12`);
      const nav = page.getByRole("navigation", { name: "サイト内" });
      expect((await nav.boundingBox())!.height).toBeLessThanOrEqual(56);
      expect(await nav.getByRole("link").count()).toBe(0); // folded away

      // Tab from the top: skip link, site name, then the menu; Enter opens it
      // and the links follow in the tab order.
      const menu = nav.getByText("メニュー");
      for (let i = 0; i < 5 && !(await menu.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      const labels = await nav.getByRole("link").allInnerTexts();
      expect(labels.length).toBeGreaterThanOrEqual(8);
      const reached: string[] = [];
      for (const _ of labels) {
        await page.keyboard.press("Tab");
        reached.push(await page.evaluate(() => (document.activeElement as HTMLElement).innerText.trim()));
      }
      expect(reached).toEqual(labels);
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname !== "/362018/initiatives/12");
      await page.context().close();

      // On a desktop the same links are a bar, open from the start.
      const wide = await ctx.newPage({ ...DESKTOP, javaScriptEnabled: false });
      await wide.goto(`${ctx.url}/362018/initiatives/12`);
      const bar = wide.getByRole("navigation", { name: "サイト内" });
      expect(await bar.getByRole("link").allInnerTexts()).toEqual(labels);
      expect(await bar.getByText("メニュー").isHidden()).toBe(true);
      expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(64);
      await wide.context().close();
    });

    it("prints initiative 12 on at most two A4 pages, without navigation, phases told apart by text and border", async () => {
      const page = await ctx.newPage();
      await page.emulateMedia({ media: "print" });
      await page.goto(`${ctx.url}/362018/initiatives/12`);
      expect(await page.getByRole("navigation", { name: "サイト内" }).isHidden()).toBe(true);
      expect(await page.getByRole("navigation", { name: "現在位置" }).isHidden()).toBe(true);

      // Background graphics are off when printing by default: each phase must
      // still be dark text with a border of its own kind.
      const phases = await page.locator(".schedule .phase").evaluateAll((spans) =>
        spans.map((s) => ({ text: s.textContent, colour: getComputedStyle(s).color, border: getComputedStyle(s).borderTopStyle, kind: s.className })),
      );
      expect(phases.length).toBeGreaterThan(0);
      for (const p of phases) {
        expect(p.text).toMatch(/^(検討|実施|拡大)$/);
        expect(p.colour).toBe("rgb(0, 0, 0)");
        expect(p.border).not.toBe("none");
      }
      const borderOf = new Map(phases.map((p) => [p.kind, p.border]));
      expect(new Set(borderOf.values()).size).toBe(borderOf.size); // 検討 and 実施 differ

      const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
      const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2);
      await page.context().close();
    });
  },
  { setup: loadTokushima },
);
