/**
 * The plan workbook under a draft (/:lgCode/staff/plan/drafts/:draftId/…):
 * workbook.xlsx downloads the draft as a workbook; workbook shows the page
 * and takes the edited workbook back. The secretariat's work only.
 *
 * Upload: authenticate → validate the file (present, bounded) → load the
 * draft within the municipality → read and check every cell
 * (checkPlanWorkbook, nothing written) → applyPlanWorkbook (one transaction,
 * audited with the file's SHA-256) → to the existing preview of the draft,
 * where the changes are shown and the draft is published.
 */
import { createHash } from "node:crypto";
import { Hono } from "hono";
import type { Context } from "hono";
import { payloadTooLarge } from "../../../core/http/http-error.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../../accounts/staff-area.ts";
import { actorOf, draftClosed, loadRevision, staffOf, type AuthoringDeps } from "../authoring/authoring-access.ts";
import { DRAFT_PATH, draftBase, PLAN_PATH } from "../authoring/paths.ts";
import { findPlanSummary } from "../authoring/repository/authoring-queries.ts";
import { notFound } from "../../../core/http/http-error.ts";
import type { PlanFile } from "../plan-file-schema.ts";
import { findLatestPublished } from "../revisions/repository/revision-queries.ts";
import type { Revision } from "../revisions/revision.ts";
import { checkPlanWorkbook, MAX_PLAN_WORKBOOK_BYTES } from "./check-plan-workbook.ts";
import { applyPlanWorkbook } from "./commands/apply-plan-workbook.ts";
import { PLAN_WORKBOOK_FORMAT } from "./layout.ts";
import { FILE_FIELD, PlanWorkbookPage } from "./views/workbook-page.tsx";
import { partsDigest } from "./workbook-info.ts";
import { writePlanWorkbook } from "./write-plan-workbook.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The brief of issue #7: drafting a revision by workbook is the secretariat's (デジタル推進課). */
const requireSecretariat = (c: Context): SignedIn | Response => requireUser(c, { roles: ["secretariat"] });

export function planWorkbookRoutes(deps: AuthoringDeps): Hono<StaffEnv> {
  const { db } = deps;
  const r = new Hono<StaffEnv>();

  const download = async (c: Context, content: PlanFile, madeFrom: string, fileName: string, title: string) => {
    const { municipality } = staffState(c);
    const bytes = await writePlanWorkbook(
      content,
      { format: PLAN_WORKBOOK_FORMAT, lgCode: municipality.lgCode, planCode: content.code, madeFrom, partsDigest: partsDigest(content) },
      municipality.name,
    );
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="${municipality.lgCode}-${fileName}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}`,
      "Cache-Control": "private, no-store",
    });
  };

  // The published plan: uploads into a draft made from it afterwards, as long as the draft's policies and initiatives are unchanged.
  r.get(`${PLAN_PATH}/:planId{[0-9]{1,9}}/workbook.xlsx`, async (c) => {
    const s = requireSecretariat(c);
    if (s instanceof Response) return s;
    const plan = await findPlanSummary(db, staffState(c).municipality.id, Number(c.req.param("planId")));
    const published = plan && (await findLatestPublished(db, plan.id));
    if (!published) throw notFound("この計画には公開された版がありません。");
    const made = `公開中の第${published.number}版`;
    return download(c, published.content, made, `${published.content.code}-${published.number}`, `${published.content.title}（${made}）`);
  });

  r.get(`${DRAFT_PATH}/workbook.xlsx`, async (c) => {
    const s = requireSecretariat(c);
    if (s instanceof Response) return s;
    const draft = await loadRevision(db, c);
    if (draft.status !== "draft") return draftClosed(c);
    const published = await findLatestPublished(db, draft.planId);
    const madeFrom = `第${draft.number}版の下書き${published ? `（公開中の第${published.number}版をもとに編集中）` : ""}`;
    return download(c, draft.content, madeFrom, `${draft.content.code}-draft${draft.number}`, `${draft.content.title}（第${draft.number}版の下書き）`);
  });

  const page = (c: Context, s: SignedIn, draft: Revision, status: 200 | 400 | 409, extra: Omit<Parameters<typeof PlanWorkbookPage>[0], "municipality" | "staff" | "draft"> = {}) =>
    c.html(<PlanWorkbookPage municipality={staffState(c).municipality} staff={staffOf(s)} draft={draft} {...extra} />, status);

  r.get(`${DRAFT_PATH}/workbook`, async (c) => {
    const s = requireSecretariat(c);
    if (s instanceof Response) return s;
    const draft = await loadRevision(db, c);
    if (draft.status !== "draft") return draftClosed(c);
    return page(c, s, draft, 200);
  });

  r.post(`${DRAFT_PATH}/workbook`, async (c) => {
    const s = requireSecretariat(c);
    if (s instanceof Response) return s;
    const body = await c.req.parseBody();
    const file = body[FILE_FIELD];
    const draft = await loadRevision(db, c);
    if (draft.status !== "draft") return draftClosed(c);
    if (!(file instanceof File) || file.size === 0) return page(c, s, draft, 400, { fileError: "取り込むブック（.xlsx）を選んでください" });
    if (file.size > MAX_PLAN_WORKBOOK_BYTES) throw payloadTooLarge(MAX_PLAN_WORKBOOK_BYTES);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const fileName = file.name.slice(0, 200);

    const checked = await checkPlanWorkbook(bytes, draft.content, staffState(c).municipality.lgCode);
    if (!checked.ok) return page(c, s, draft, 400, { problems: checked.problems, fileName });

    const result = await applyPlanWorkbook(db, {
      draftId: draft.id,
      expectedLockVersion: draft.lockVersion,
      content: checked.content,
      file: { sha256: createHash("sha256").update(bytes).digest("hex"), fileName, bytes: bytes.byteLength },
      actor: actorOf(c, s, deps.config.trustProxy),
    });
    if (!result.ok) {
      if (result.reason === "conflict") return page(c, s, draft, 409, { problems: [{ sheet: "", cell: "", message: result.message }], fileName });
      return draftClosed(c);
    }
    return c.redirect(`${draftBase(staffState(c).municipality, draft.id)}/preview?notice=workbook&changes=${result.changes.length}`, 303);
  });

  return r;
}
