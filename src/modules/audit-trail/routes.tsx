/**
 * The audit trail for staff (issue #3 §7): the municipality's audit log with
 * its CSV export, for the secretariat and administrators, and the history of
 * one initiative, for every staff role. Handlers: authenticate → validate
 * the query (Zod) → load within the URL's municipality → render.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { Config } from "../../config.ts";
import type { AuditRow } from "../../core/audit/audit-repository.ts";
import type { Database } from "../../core/db/database.ts";
import { clientIp } from "../../core/http/client-ip.ts";
import { negotiateEncoding } from "../../core/http/compression.ts";
import { fieldErrors, type FieldError } from "../../core/http/form.ts";
import { notFound } from "../../core/http/http-error.ts";
import { userActor } from "../accounts/commands/actor.ts";
import { ROLES, type Role } from "../tenancy/roles.ts";
import { listUsers } from "../accounts/repository/user-queries.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../accounts/staff-area.ts";
import { ChangeHistory } from "../plan/revisions/change-history.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import { encodeCsv } from "../../core/tables/csv.ts";
import { AUDIT_CODEBOOK_COLUMNS, auditCodebookRows } from "./audit-codebook.ts";
import { auditCsvStream, MAX_EXPORT_ROWS } from "./audit-csv.ts";
import type { AuditNames } from "./domain/describe-values.ts";
import { loadAuditNames } from "./repository/audit-names.ts";
import { recordAuditExport } from "./commands/record-export.ts";
import { mergeHistory } from "./domain/history.ts";
import { japanDayEnd, japanDayStart, japanStamp } from "./domain/japan-time.ts";
import { actionMatch } from "./domain/labels.ts";
import { auditQuerySchema, FILTER_FIELDS, type AuditPageQuery } from "./filters.ts";
import { auditEntries, revisionEntries } from "./initiative-history.ts";
import { reportEntries, reportReadability } from "./report-history.ts";
import { countAudit, findInitiativeRef, searchAudit, type AuditSearch } from "./repository/audit-queries.ts";
import { AuditCodebookPage } from "./views/audit-codebook-page.tsx";
import { AuditLogPage } from "./views/audit-log-page.tsx";
import { InitiativeHistoryPage } from "./views/initiative-history-page.tsx";

export type AuditTrailDeps = {
  db: Database;
  config: Partial<Pick<Config, "trustProxy">>;
  /** The current plan's aggregate: an initiative's responsible divisions decide who reads its reports. */
  plans: PlanCache;
};

const STAFF = "/:lgCode{[0-9]{6}}/staff";
export const AUDIT_ROLES: readonly Role[] = ["secretariat", "administrator"];
const PAGE_SIZE = 50;

export function auditTrailRoutes({ db, config, plans }: AuditTrailDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  // Published revisions never change, so their contents and differences are kept across requests.
  const changeHistory = new ChangeHistory(db);
  const staff = (s: SignedIn) => ({ user: s.user, csrfToken: s.csrfToken });

  /** The query validated, and the actor checked against this municipality's users. */
  const readQuery = async (c: Context, s: SignedIn) => {
    const { municipality } = staffState(c);
    const values = formValues(c);
    const users = await listUsers(db, municipality.id);
    const actors = users.map((u) => ({ value: String(u.id), label: `${u.displayName}（${u.loginId}）` }));
    const parsed = auditQuerySchema.safeParse(values);
    const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error, FILTER_FIELDS);
    const query = parsed.success ? parsed.data : undefined;
    if (typeof query?.actor === "number" && !users.some((u) => u.id === query.actor)) {
      errors.push({ field: FILTER_FIELDS.actor, message: "実施者を一覧から選んでください" });
    }
    const page = (extra: { rows?: AuditRow[]; names?: AuditNames; nextBefore?: number; errors?: FieldError[] }) => (
      <AuditLogPage
        municipality={municipality}
        staff={staff(s)}
        values={values}
        query={errors.length === 0 ? query : undefined}
        actors={actors}
        {...extra}
        errors={[...errors, ...(extra.errors ?? [])]}
      />
    );
    return { municipality, query: errors.length === 0 ? query : undefined, page };
  };

  r.get(`${STAFF}/audit`, async (c) => {
    const s = requireUser(c, { roles: AUDIT_ROLES });
    if (s instanceof Response) return s;
    const { municipality, query, page } = await readQuery(c, s);
    if (!query) return c.html(page({}), 400);
    // One more than a page tells whether older records follow.
    const rows = await searchAudit(db, toSearch(municipality.id, query), PAGE_SIZE + 1);
    const shown = rows.slice(0, PAGE_SIZE);
    const nextBefore = rows.length > PAGE_SIZE ? shown.at(-1)!.id : undefined;
    const names = await loadAuditNames(db, municipality.id, shown);
    return c.html(page({ rows: shown, names, nextBefore }));
  });

  r.get(`${STAFF}/audit/codebook`, (c) => {
    const s = requireUser(c, { roles: AUDIT_ROLES });
    if (s instanceof Response) return s;
    return c.html(<AuditCodebookPage municipality={staffState(c).municipality} staff={staff(s)} />);
  });

  r.get(`${STAFF}/audit/codebook.csv`, (c) => {
    const s = requireUser(c, { roles: AUDIT_ROLES });
    if (s instanceof Response) return s;
    const { municipality } = staffState(c);
    return c.body(encodeCsv(AUDIT_CODEBOOK_COLUMNS, auditCodebookRows(municipality.lgCode)), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${municipality.lgCode}_audit-log-codebook.csv"`,
    });
  });

  r.get(`${STAFF}/audit.csv`, async (c) => {
    const s = requireUser(c, { roles: AUDIT_ROLES });
    if (s instanceof Response) return s;
    const { municipality, query, page } = await readQuery(c, s);
    if (!query) return c.html(page({}), 400);
    const filter = { ...query, before: undefined };
    const search = toSearch(municipality.id, filter);
    const { count, maxId } = await countAudit(db, search, MAX_EXPORT_ROWS + 1);
    if (count > MAX_EXPORT_ROWS) {
      const message = `条件に合う記録が${MAX_EXPORT_ROWS.toLocaleString("ja-JP")}件を超えるため、CSVを作成できません。期間を短くするなどして、条件を絞り込んでください`;
      return c.html(page({ errors: [{ field: FILTER_FIELDS.from, message }] }), 400);
    }
    await recordAuditExport(
      db,
      { municipalityId: municipality.id, actor: userActor(s.user), ip: clientIp(c, config.trustProxy) },
      { filter: withoutPage(filter), rows: count, upToId: maxId },
    );
    // Nothing matched: an upper bound of 0 keeps the file to its header.
    const csv = auditCsvStream(db, municipality.lgCode, { ...search, upTo: maxId ?? 0 });
    const fileName = `${municipality.lgCode}_audit-log_${japanStamp(new Date())}.csv`;
    const headers: Record<string, string> = {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      Vary: "Accept-Encoding",
    };
    // Compressed here, as it streams: the app's compression middleware would
    // first collect the whole file (it skips responses already encoded).
    if (!acceptsGzip(c.req.header("Accept-Encoding"))) return c.body(csv, 200, headers);
    // @types/node types the compressor's input as BufferSource, which our Uint8Array chunks are.
    const gzip = new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>;
    return c.body(csv.pipeThrough(gzip), 200, { ...headers, "Content-Encoding": "gzip" });
  });

  r.get(`${STAFF}/initiatives/:number{[0-9]{1,6}}/history`, async (c) => {
    const s = requireUser(c, { roles: ROLES });
    if (s instanceof Response) return s;
    const { municipality } = staffState(c);
    const number = Number(c.req.param("number"));
    const plan = (await plans.current(municipality.lgCode))?.plan;
    const initiative = plan?.initiatives.find((i) => i.number === number);
    const ref = plan && initiative && (await findInitiativeRef(db, plan.id, number));
    if (!plan || !initiative || !ref) throw notFound("この取組項目は現在の計画にありません。");
    // Each year's report by the report page's rule: its comments and reasons are not for every division.
    const mayRead = await reportReadability(db, s.user, municipality.id, plan.id, initiative);
    const entries = mergeHistory(
      await revisionEntries(changeHistory, plan.id, ref.number),
      await auditEntries(db, municipality.id, ref),
      await reportEntries(db, ref.id, mayRead),
    );
    return c.html(<InitiativeHistoryPage municipality={municipality} staff={staff(s)} initiative={ref} entries={entries} />);
  });

  return r;
}

/** The query's fields as sent (first value of each), for the form and the schema. */
function formValues(c: Context): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of ["from", "to", "action", "entity", "actor", "before"]) {
    const value = c.req.query(name);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

function toSearch(municipalityId: number, query: AuditPageQuery): AuditSearch {
  return {
    municipalityId,
    since: query.from ? japanDayStart(query.from) : undefined,
    until: query.to ? japanDayEnd(query.to) : undefined,
    action: query.action ? actionMatch(query.action) : undefined,
    entityType: query.entityType,
    actor: query.actor,
    before: query.before,
  };
}

/** gzip is acceptable (br, which the middleware prefers, has no streaming Web API in Node). */
function acceptsGzip(acceptEncoding: string | undefined): boolean {
  const withoutBr = acceptEncoding
    ?.split(",")
    .filter((part) => part.split(";")[0]!.trim().toLowerCase() !== "br")
    .join(",");
  return negotiateEncoding(withoutBr) === "gzip";
}

const withoutPage = ({ before: _before, ...filter }: AuditPageQuery) => filter;
