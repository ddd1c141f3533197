/**
 * 「Excelで入力」 for a division's officers and head: the page, the download,
 * the upload (kept server-side), its preview, and the apply. Each handler:
 * authenticate (officer or head with a division) → load the cycle through
 * the URL's municipality (404) → validate the file or form → load the
 * division's reports → the per-report rights of policy.ts decide what may
 * change → one command → redirect 303, or the page again with status 400 and
 * every problem listed.
 *
 * The upload route has its own body limit (WORKBOOK_BODY_LIMIT, in app.ts's
 * list), larger than a form's; the reader has the same bound.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { oneValue, readForm, type FieldError } from "../../../core/http/form.ts";
import { HttpError, notFound } from "../../../core/http/http-error.ts";
import type { BodyLimitRule } from "../../../core/http/body-limit.ts";
import { DEFAULT_READ_LIMITS, readWorkbook, sizeLabel } from "../../../core/spreadsheet/read.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../../accounts/staff-area.ts";
import type { StaffUser } from "../../accounts/user.ts";
import type { Cycle } from "../cycle.ts";
import { commandContext, loadCycle, type CycleDeps } from "../route-support.ts";
import { applyWorkbook, storeUpload, type ConflictChoice } from "./commands/apply-workbook.ts";
import { parseDivisionWorkbook, type Problem } from "./domain/parse.ts";
import { planWorkbookChanges } from "./domain/plan-changes.ts";
import { buildDivisionWorkbook, workbookFileName } from "./export.ts";
import { loadDivisionWorkbook, type DivisionWorkbookData } from "./load.ts";
import { findUpload, type WorkbookUpload } from "./repository/upload-queries.ts";
import { choiceField, PreviewPage } from "./views/preview-page.tsx";
import { uploadPath, workbookPath } from "./views/paths.ts";
import { WorkbookPage } from "./views/workbook-page.tsx";

const WORKBOOK = "/:lgCode{[0-9]{6}}/staff/cycles/:cycleId{[0-9]{1,9}}/workbook";
const MAX_UPLOAD_BYTES = DEFAULT_READ_LIMITS.maxBytes;
/** The upload's body: the file plus the multipart framing and the CSRF field. */
export const WORKBOOK_BODY_LIMIT: BodyLimitRule = { path: /^\/[0-9]{6}\/staff\/cycles\/[0-9]{1,9}\/workbook$/, maxBytes: MAX_UPLOAD_BYTES + 64 * 1024 };

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const NOTICES: Record<string, string> = {
  applied: "ファイルの内容を反映しました。",
  nothing: "反映する変更はありませんでした。",
};

type DivisionUser = StaffUser & { division: { id: number; name: string } };
type Opened = { signedIn: SignedIn & { user: DivisionUser }; cycle: Cycle };

const noDivision = () =>
  new HttpError(403, "所属が設定されていません", "Excelでの入力は、所属する課の報告について行います。所属の設定はシステム管理者に依頼してください。");

export function workbookRoutes(deps: CycleDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const { db } = deps;

  const open = async (c: Context): Promise<Opened | Response> => {
    const signedIn = requireUser(c, { roles: ["digital_officer", "division_head"] });
    if (signedIn instanceof Response) return signedIn;
    if (!signedIn.user.division) throw noDivision();
    return { signedIn: signedIn as Opened["signedIn"], cycle: await loadCycle(c, db) };
  };
  const load = (c: Context, o: Opened) => loadDivisionWorkbook(deps, staffState(c).municipality, o.cycle, o.signedIn.user);
  const staff = (o: Opened) => ({ user: o.signedIn.user, csrfToken: o.signedIn.csrfToken });

  const page = (c: Context, o: Opened, data: DivisionWorkbookData, extra: { problems?: Problem[]; notice?: string; status?: 200 | 400 }) =>
    c.html(
      <WorkbookPage
        municipality={staffState(c).municipality}
        staff={staff(o)}
        cycle={o.cycle}
        divisionName={o.signedIn.user.division.name}
        reportCount={data.reports.length}
        maxBytesLabel={sizeLabel(MAX_UPLOAD_BYTES)}
        problems={extra.problems}
        notice={extra.notice}
      />,
      extra.status ?? 200,
    );

  /** The stored file read again and compared with the system as it is now. */
  const planOf = async (o: Opened, upload: WorkbookUpload, data: DivisionWorkbookData) => {
    const read = await readWorkbook(upload.bytes);
    if (!read.ok) return { problems: [{ sheet: "", cell: null, message: read.message }], items: [] };
    const parsed = parseDivisionWorkbook(read.sheets, {
      lgCode: data.municipality.lgCode,
      cycleId: o.cycle.id,
      divisionId: o.signedIn.user.division.id,
      divisionName: o.signedIn.user.division.name,
    });
    if (!parsed.ok) return { problems: parsed.problems, items: [] };
    const plan = planWorkbookChanges(parsed.workbook, data);
    return { items: plan.items, problems: [...parsed.problems, ...plan.problems] };
  };

  r.get(WORKBOOK, async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const notice = NOTICES[c.req.query("notice") ?? ""];
    return page(c, o, await load(c, o), { notice });
  });

  r.get(`${WORKBOOK}/download`, async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const data = await load(c, o);
    const bytes = await buildDivisionWorkbook(data, new Date());
    const name = workbookFileName(data);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="workbook.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    });
  });

  r.post(WORKBOOK, async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const file = (await c.req.parseBody())["workbook"];
    const data = await load(c, o);
    if (!(file instanceof File) || file.size === 0) {
      return page(c, o, data, { status: 400, problems: [{ sheet: "", cell: null, message: "アップロードするファイルを選んでください。" }] });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const read = await readWorkbook(bytes);
    if (!read.ok) return page(c, o, data, { status: 400, problems: [{ sheet: "", cell: null, message: read.message }] });
    const parsed = parseDivisionWorkbook(read.sheets, {
      lgCode: data.municipality.lgCode,
      cycleId: o.cycle.id,
      divisionId: o.signedIn.user.division.id,
      divisionName: o.signedIn.user.division.name,
    });
    if (!parsed.ok) return page(c, o, data, { status: 400, problems: parsed.problems });
    const plan = planWorkbookChanges(parsed.workbook, data);
    const problems = [...parsed.problems, ...plan.problems];
    if (problems.length > 0) return page(c, o, data, { status: 400, problems });
    const uploadId = await storeUpload(db, commandContext(c, deps, o.signedIn), {
      cycleId: o.cycle.id,
      divisionId: o.signedIn.user.division.id,
      userId: o.signedIn.user.id,
      fileName: fileNameOf(file.name),
      bytes,
    });
    return c.redirect(uploadPath(staffState(c).municipality, o.cycle.id, uploadId), 303);
  });

  const UPLOAD = `${WORKBOOK}/uploads/:uploadId{[0-9]{1,12}}`;
  const findOwnUpload = async (c: Context, o: Opened) => {
    const upload = await findUpload(db, {
      municipalityId: staffState(c).municipality.id,
      cycleId: o.cycle.id,
      userId: o.signedIn.user.id,
      uploadId: Number(c.req.param("uploadId")),
    });
    if (!upload || upload.divisionId !== o.signedIn.user.division.id) {
      throw notFound("このアップロードは見つかりません（アップロードから1日を過ぎると消去されます）。もう一度アップロードしてください。");
    }
    return upload;
  };

  r.get(UPLOAD, async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const upload = await findOwnUpload(c, o);
    const data = await load(c, o);
    const plan = await planOf(o, upload, data);
    if (plan.problems.length > 0) return page(c, o, data, { status: 400, problems: plan.problems });
    return c.html(<PreviewPage municipality={staffState(c).municipality} staff={staff(o)} cycle={o.cycle} upload={upload} items={plan.items} />);
  });

  r.post(`${UPLOAD}/apply`, async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const upload = await findOwnUpload(c, o);
    const form = await readForm(c);
    const data = await load(c, o);
    const plan = await planOf(o, upload, data);
    // Since the preview the system may have changed so that the file no longer fits (a report was submitted, a rule fails).
    if (plan.problems.length > 0) return page(c, o, data, { status: 400, problems: plan.problems });
    const choices = new Map<number, ConflictChoice>();
    const errors: FieldError[] = [];
    for (const item of plan.items.filter((i) => i.status === "conflict")) {
      const choice = oneValue(form, choiceField(item.number));
      if (choice === "workbook" || choice === "system") choices.set(item.number, choice);
      else errors.push({ field: `${choiceField(item.number)}-0`, message: `取組項目 ${item.number} で、システムの内容とファイルの内容のどちらを残すか選んでください` });
    }
    const preview = (status: 400 | 409, extra: { errors?: FieldError[]; message?: string }) =>
      c.html(<PreviewPage municipality={staffState(c).municipality} staff={staff(o)} cycle={o.cycle} upload={upload} items={plan.items} choices={choices} {...extra} />, status);
    if (errors.length > 0) return preview(400, { errors });
    const result = await applyWorkbook(db, commandContext(c, deps, o.signedIn), { upload, items: plan.items, reports: data.reports, choices });
    if (!result.ok) return preview(result.reason === "stale" ? 409 : 400, { message: result.message });
    return c.redirect(`${workbookPath(staffState(c).municipality, o.cycle.id)}?notice=${result.applied.length > 0 ? "applied" : "nothing"}`, 303);
  });

  return r;
}

/** The name as the browser sent it, without any path, bounded (kept for the preview and the audit record). */
function fileNameOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return (base.trim() || "workbook.xlsx").slice(0, 200);
}
