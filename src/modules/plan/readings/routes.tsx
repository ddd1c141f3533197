/**
 * /:lgCode/staff/readings: the secretariat confirms the transcription
 * readings of the current plan (readings.ts). authenticate → load the
 * municipality's current plan → validate the keys against its readings →
 * command → redirect with a notice.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { Database } from "../../../core/db/database.ts";
import { clientIp } from "../../../core/http/client-ip.ts";
import { allValues, oneValue, readForm } from "../../../core/http/form.ts";
import { badRequest, notFound } from "../../../core/http/http-error.ts";
import { userActor } from "../../accounts/commands/actor.ts";
import type { Role } from "../../tenancy/roles.ts";
import { requireUser, staffState, type StaffEnv } from "../../accounts/staff-area.ts";
import { findCurrentPlan, loadPlan } from "../repository/plan-queries.ts";
import { confirmReadings } from "./commands/confirm-readings.ts";
import { isConfirmed, readingsOf } from "./readings.ts";
import { listConfirmationDetails } from "./repository/reading-queries.ts";
import { readingsPath, ReadingsPage } from "./views/readings-page.tsx";

const READINGS = "/:lgCode{[0-9]{6}}/staff/readings";
const SECRETARIAT: readonly Role[] = ["secretariat"];

export type ReadingDeps = { db: Database; config: { trustProxy?: boolean }; plans?: { invalidate(lgCode?: string): void } };

const dayLabel = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric" });

export function readingRoutes({ db, config, plans }: ReadingDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();

  /** The current plan as stored (not the public view, in which confirmed readings are no longer marked). */
  const currentPlan = async (c: Context) => {
    const { municipality } = staffState(c);
    const version = await findCurrentPlan(db, municipality.id);
    const plan = version && (await loadPlan(db, version.id));
    if (!plan) throw notFound("この自治体には公開中の計画がありません。");
    return plan;
  };

  r.get(READINGS, async (c) => {
    const signedIn = requireUser(c, { roles: SECRETARIAT });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const plan = await currentPlan(c);
    const details = await listConfirmationDetails(db, plan.id);
    const confirmations = new Map([...details].map(([k, v]) => [k, v.note]));
    const rows = readingsOf(plan).map((reading) => {
      const d = details.get(reading.key);
      return { ...reading, confirmed: d && isConfirmed(reading, confirmations) ? { at: dayLabel.format(d.at), by: d.by } : null };
    });
    const confirmed = Number(c.req.query("confirmed") ?? "");
    const notice = Number.isInteger(confirmed) && confirmed > 0 ? `${confirmed}件の読み取りを確認済みにしました。市民向けページの「確認中」の表示は消えています。` : undefined;
    return c.html(<ReadingsPage municipality={municipality} staff={{ user: signedIn.user, csrfToken: signedIn.csrfToken }} plan={plan} rows={rows} notice={notice} />);
  });

  r.post(`${READINGS}/confirm`, async (c) => {
    const signedIn = requireUser(c, { roles: SECRETARIAT });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const form = await readForm(c);
    const keys = new Set(allValues(form, "key"));
    const anchor = oneValue(form, "anchor") ?? "";
    if (keys.size === 0) throw badRequest("確認する読み取りが選ばれていません。一覧から「確認した」を押してください。");
    const plan = await currentPlan(c);
    const readings = readingsOf(plan).filter((reading) => keys.has(reading.key));
    if (readings.length !== keys.size) {
      throw badRequest("確認しようとした読み取りが、現在の計画に見つかりません。計画が改訂された可能性があります。一覧を開き直してください。");
    }
    await confirmReadings(db, { municipalityId: municipality.id, actor: userActor(signedIn.user), ip: clientIp(c, config.trustProxy) }, { planId: plan.id, readings });
    plans?.invalidate(municipality.lgCode);
    const safeAnchor = /^[A-Za-z0-9%_.:-]{1,200}$/.test(anchor) ? `#${anchor}` : "";
    return c.redirect(`${readingsPath(municipality)}?confirmed=${readings.length}${safeAnchor}`, 303);
  });

  return r;
}
