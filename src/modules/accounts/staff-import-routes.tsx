/**
 * The staff CSV for the April transfers: upload → preview → apply, each an
 * administrator's page of their own municipality. The previewed file is
 * kept server-side (staff_import) so the confirmation is one button, and
 * the plan's digest travels with it: the apply refuses when the accounts
 * changed in between, and shows the new preview instead (decision 027).
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { clientIp } from "../../core/http/client-ip.ts";
import { csvText } from "../../core/format/csv-cell.ts";
import { oneValue, readForm } from "../../core/http/form.ts";
import { notFound } from "../../core/http/http-error.ts";
import { userActor } from "./commands/actor.ts";
import { applyStaffImport, keepStaffFile, readStaffFile } from "./commands/import-staff.ts";
import type { CommandContext } from "./commands/manage-users.ts";
import type { Role } from "../tenancy/roles.ts";
import { templateRows, type ImportProblem } from "./domain/staff-import.ts";
import { findStaffImport } from "./repository/staff-import-repository.ts";
import { listDivisions } from "./repository/user-queries.ts";
import type { AccountDeps } from "./routes.tsx";
import { requireUser, staffBase, staffState, type SignedIn, type StaffEnv } from "./staff-area.ts";
import { MAX_IMPORT_BYTES, StaffImportPage, StaffImportPreviewPage, StaffImportResultPage } from "./views/staff-import-pages.tsx";

const IMPORT = "/:lgCode{[0-9]{6}}/staff/users/import";
const IMPORT_ID = ":importId{[0-9]{1,9}}";
const ADMIN = { roles: ["administrator"] as Role[] };
/** The route's own request-body limit (app.ts BODY_LIMITS): the file plus the form around it. */
export const STAFF_IMPORT_BODY_LIMIT = { path: /^\/[0-9]{6}\/staff\/users\/import$/, maxBytes: MAX_IMPORT_BYTES + 64 * 1024 };

export function staffImportRoutes({ db, config }: AccountDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const context = (c: Context, s: SignedIn): CommandContext => ({
    municipalityId: s.user.municipalityId,
    actor: userActor(s.user),
    ip: clientIp(c, config.trustProxy),
  });
  const admin = (s: SignedIn) => ({ user: s.user, csrfToken: s.csrfToken });
  const uploadPage = async (c: Context, s: SignedIn, extra: { fileMessages?: string[]; problems?: ImportProblem[]; message?: string }, status: 200 | 400 = 200) => {
    const { municipality } = staffState(c);
    const divisions = await listDivisions(db, municipality.id);
    return c.html(<StaffImportPage municipality={municipality} admin={admin(s)} divisions={divisions} {...extra} />, status);
  };

  r.get(IMPORT, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    return uploadPage(c, signedIn, {});
  });

  r.get(`${IMPORT}/template.csv`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const [first] = await listDivisions(db, staffState(c).municipality.id);
    // UTF-8 with a BOM, so that Excel on Windows shows the Japanese; CRLF line ends (RFC 4180).
    const body = "\uFEFF" + templateRows(first?.name ?? "デジタル推進課").map((row) => row.map(csvText).join(",")).join("\r\n") + "\r\n";
    return c.body(body, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": "attachment; filename=\"staff-import-template.csv\"",
    });
  });

  r.post(IMPORT, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const body = await c.req.parseBody();
    const file = body["file"];
    if (!(file instanceof File) || file.size === 0) {
      return uploadPage(c, signedIn, { fileMessages: ["CSVファイルを選んでください。"] }, 400);
    }
    if (file.size > MAX_IMPORT_BYTES) {
      return uploadPage(c, signedIn, { fileMessages: ["ファイルが大きすぎます。1MBまでのCSVファイルにしてください。"] }, 400);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const ctx = context(c, signedIn);
    const read = await readStaffFile(db, ctx, bytes);
    if (!read.ok) return uploadPage(c, signedIn, { fileMessages: read.messages }, 400);
    if (read.plan.problems.length > 0) return uploadPage(c, signedIn, { problems: read.plan.problems }, 400);
    const importId = await keepStaffFile(db, ctx, { name: file.name, bytes });
    return c.redirect(`${staffBase(staffState(c).municipality)}/users/import/${importId}`, 303);
  });

  r.get(`${IMPORT}/${IMPORT_ID}`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const stored = await findStaffImport(db, municipality.id, Number(c.req.param("importId")));
    if (!stored) throw notFound("この取り込みは見つかりません。もう一度ファイルを選んでください。");
    if (!stored.content) return uploadPage(c, signedIn, { message: "このファイルは反映済みです。" });
    const read = await readStaffFile(db, context(c, signedIn), stored.content);
    if (!read.ok) return uploadPage(c, signedIn, { fileMessages: read.messages }, 400);
    if (read.plan.problems.length > 0) return uploadPage(c, signedIn, { problems: read.plan.problems }, 400);
    return c.html(
      <StaffImportPreviewPage
        municipality={municipality}
        admin={admin(signedIn)}
        importId={stored.id}
        fileName={stored.fileName}
        fileSha256={stored.fileSha256}
        encoding={read.encoding}
        plan={read.plan}
        digest={read.digest}
      />,
    );
  });

  r.post(`${IMPORT}/${IMPORT_ID}/apply`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const digest = oneValue(await readForm(c), "digest") ?? "";
    const importId = Number(c.req.param("importId"));
    const stored = await findStaffImport(db, municipality.id, importId);
    if (!stored) throw notFound("この取り込みは見つかりません。もう一度ファイルを選んでください。");
    const result = await applyStaffImport(db, context(c, signedIn), { importId, previewedDigest: digest });
    if (result.ok) {
      return c.html(
        <StaffImportResultPage municipality={municipality} admin={admin(signedIn)} plan={result.plan} fileSha256={stored.fileSha256} newAccounts={result.newAccounts} />,
      );
    }
    switch (result.reason) {
      case "missing":
        throw notFound("この取り込みは見つかりません。もう一度ファイルを選んでください。");
      case "applied":
        return uploadPage(c, signedIn, { message: "このファイルは反映済みです。もう一度反映する必要はありません。" }, 400);
      case "problems":
        return uploadPage(c, signedIn, { problems: result.plan.problems }, 400);
      case "changed":
        return c.html(
          <StaffImportPreviewPage
            municipality={municipality}
            admin={admin(signedIn)}
            importId={stored.id}
            fileName={stored.fileName}
            fileSha256={stored.fileSha256}
            encoding={result.encoding}
            plan={result.plan}
            digest={result.digest}
            message="確認のあとで利用者の情報が変わったため、反映していません。最新の内容を確かめて、もう一度反映してください。"
          />,
          400,
        );
    }
  });

  return r;
}
