/**
 * Deadline reminders through the outbox: on the configured days before the
 * report deadline (calendar days in Japan), one reminder per division that
 * still owes reports, to its officers and head; never twice a day.
 */
import { beforeAll, expect, it } from "vitest";
import { sendDeadlineReminders } from "../../src/modules/cycle/commands/send-reminders.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { cycleId, INITIATIVE, LEAD, LG, loadPlans, openCycleAs, OTHER, outbox, person, reportRow, type Person } from "./cycle-support.ts";

/** An instant given as a time in Japan. */
const jst = (local: string) => new Date(`${local}+09:00`);

describeEachDatabase("PDCA cycle: deadline reminders", (ctx) => {
  let officer: Person;
  let head: Person;
  let otherOfficer: Person;
  let cycle = 0;

  beforeAll(async () => {
    await loadPlans(ctx.db);
    const secretariat = await person(ctx.db, ["secretariat"]);
    officer = await person(ctx.db, ["digital_officer"], { division: LEAD });
    head = await person(ctx.db, ["division_head"], { division: LEAD });
    otherOfficer = await person(ctx.db, ["digital_officer"], { division: OTHER });
    await person(ctx.db, ["viewer"], { division: LEAD }); // in the division, but not asked to submit
    expect((await openCycleAs(secretariat, 2022, { reportDue: "2023-05-31", reviewDue: "2023-06-14", committeeDue: "2023-06-28" })).status).toBe(303);
    cycle = await cycleId(ctx.db, LG, 2022);
  });

  const sentRows = async () =>
    ctx.db.query<{ division_id: number; sent_on: string; days_before: number }>(
      "select division_id, sent_on::text as sent_on, days_before from reminder_sent order by sent_on, division_id",
    );

  it("sends nothing on a day that is not a reminder day (23:59 in Japan is still the day before)", async () => {
    expect(await sendDeadlineReminders(ctx.db, jst("2023-05-23T23:59:00"), [7, 1])).toEqual({ divisions: 0, mails: 0 });
    expect(await outbox(ctx.db, "deadline_reminder")).toEqual([]);
  });

  it("7 days before: one reminder per owing division, to its officers and head, listing the reports", async () => {
    const run = await sendDeadlineReminders(ctx.db, jst("2023-05-24T00:30:00"), [7, 1]);
    const mails = await outbox(ctx.db, "deadline_reminder");
    expect(mails.map((m) => m.to_address).sort()).toEqual([officer.email, head.email, otherOfficer.email].sort());
    expect(run.mails).toBe(3);
    const toOfficer = mails.find((m) => m.to_address === officer.email)!;
    expect(toOfficer.subject).toBe("【提出期限まであと7日】令和4年度の自己評価");
    expect(toOfficer.body).toContain("提出期限は令和5年5月31日（2023年5月31日）です。あと7日です。");
    expect(toOfficer.body).toContain(`・取組項目${INITIATIVE} 防災拠点での情報収集・伝達手段の確保（Wi-Fi環境の整備）（作成中）`);
    const rows = await sentRows();
    // Every division that leads an unsubmitted report is recorded, whether or not anyone there has an address.
    expect(rows.length).toBe(run.divisions);
    expect(new Set(rows.map((r) => r.sent_on))).toEqual(new Set(["2023-05-24"]));
  });

  it("is idempotent: again the same day (another run, or another process) sends nothing", async () => {
    expect(await sendDeadlineReminders(ctx.db, jst("2023-05-24T00:30:00"), [7, 1])).toEqual({ divisions: 0, mails: 0 });
    expect(await sendDeadlineReminders(ctx.db, jst("2023-05-24T23:00:00"), [7, 1])).toEqual({ divisions: 0, mails: 0 });
    const both = await Promise.all([
      sendDeadlineReminders(ctx.db, jst("2023-05-24T12:00:00"), [7, 1]),
      sendDeadlineReminders(ctx.db, jst("2023-05-24T12:00:00"), [7, 1]),
    ]);
    expect(both.map((r) => r.mails)).toEqual([0, 0]);
    expect((await outbox(ctx.db, "deadline_reminder")).length).toBe(3);
    expect(await sendDeadlineReminders(ctx.db, jst("2023-05-25T09:00:00"), [7, 1])).toEqual({ divisions: 0, mails: 0 });
  });

  it("the day before: only divisions whose reports are still unsubmitted; concurrent runs send once", async () => {
    const [other] = await ctx.db.query<{ id: number }>(
      `select r.id from initiative_report r join initiative i on i.id = r.initiative_id where r.cycle_id = $1 and i.number = 4`,
      [cycle],
    );
    await ctx.db.query("update initiative_report set state = 'submitted' where id = $1", [other!.id]);
    const runs = await Promise.all([
      sendDeadlineReminders(ctx.db, jst("2023-05-30T08:00:00"), [7, 1]),
      sendDeadlineReminders(ctx.db, jst("2023-05-30T08:00:00"), [7, 1]),
    ]);
    expect(runs.reduce((n, r) => n + r.mails, 0)).toBe(2);
    const mails = (await outbox(ctx.db, "deadline_reminder")).filter((m) => m.subject.includes("あと1日"));
    expect(mails.map((m) => m.to_address).sort()).toEqual([officer.email, head.email].sort());
    expect((await reportRow(ctx.db, cycle, INITIATIVE)).state).toBe("draft");
  });

  it("honours the configured days and skips closed cycles", async () => {
    expect((await sendDeadlineReminders(ctx.db, jst("2023-05-28T08:00:00"), [3])).mails).toBe(2);
    await ctx.db.query("update evaluation_cycle set status = 'closed' where id = $1", [cycle]);
    expect(await sendDeadlineReminders(ctx.db, jst("2023-05-29T08:00:00"), [2])).toEqual({ divisions: 0, mails: 0 });
    await ctx.db.query("update evaluation_cycle set status = 'open' where id = $1", [cycle]);
  });

  it("shows the sent reminders on the secretariat's overview and records them in the audit log", async () => {
    const secretariat = await person(ctx.db, ["secretariat"]);
    await secretariat.browser.get(`/${LG}/staff/cycles/${cycle}`);
    expect(secretariat.browser.lastHtml).toContain("提出期限のお知らせ");
    expect(secretariat.browser.lastHtml).toMatch(/令和5年5月24日（2023年5月24日）<\/td><th scope="row">危機管理課<\/th><td class="num">7日<\/td>/);
    const [audit] = await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'cycle.deadline_reminder'");
    expect(audit!.n).toBe((await sentRows()).length);
  });
}, { seed: "tokushima" });
