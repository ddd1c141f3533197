/**
 * The prefecture administrator's pages, /prefectures/{2桁}/staff/… (decision
 * 037): the municipalities with their progress, registering one, importing
 * its plan file and creating its first administrator. The area's middleware
 * (session, CSRF) is mounted by accounts/prefecture-sign-in-routes.tsx.
 * Handlers: authenticate → validate → load → authorise → command → render.
 * A municipality of another prefecture answers 404, as an unknown one.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { AuditActor } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { clientIp } from "../../../core/http/client-ip.ts";
import { fieldErrors, oneValue, readForm } from "../../../core/http/form.ts";
import { notFound } from "../../../core/http/http-error.ts";
import { createUser } from "../../accounts/commands/manage-users.ts";
import { prefectureStaffBase, prefectureStaffState, requirePrefectureAdmin, type PrefectureSignedIn, type PrefectureStaffEnv } from "../../accounts/prefecture-area.ts";
import { importPlan } from "../../plan/commands/import-plan.ts";
import type { PlanCache } from "../../plan/plan-cache.ts";
import { MAX_PLAN_FILE_BYTES, readPlanBytes } from "../../plan/read-plan-file.ts";
import { MUNICIPALITY_FIELDS, registerMunicipality } from "../../tenancy/commands/register-municipality.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import { ADMINISTRATOR_FIELDS, firstAdministratorForm, municipalityForm } from "./forms.ts";
import { findPrefectureMunicipality, listPrefectureMunicipalities, municipalityProgress, setUpSteps } from "./progress.ts";
import { LIST_NOTICES, MunicipalityListPage } from "./views/municipality-list-page.tsx";
import { FirstAdministratorCreatedPage, FirstAdministratorPage, NewMunicipalityPage, PlanImportPage } from "./views/set-up-pages.tsx";

export type PrefectureAdministrationDeps = { db: Database; plans: PlanCache; config: { trustProxy?: boolean } };

const STAFF = "/prefectures/:prefCode{[0-9]{2}}/staff";
const MUNICIPALITY = `${STAFF}/municipalities/:lgCode{[0-9]{6}}`;

/** The plan upload's request-body limit (app.ts BODY_LIMITS): the file plus the form around it. */
export const PLAN_UPLOAD_BODY_LIMIT = { path: /^\/prefectures\/[0-9]{2}\/staff\/municipalities\/[0-9]{6}\/plan$/, maxBytes: MAX_PLAN_FILE_BYTES + 64 * 1024 };

export function prefectureAdministrationRoutes({ db, plans, config }: PrefectureAdministrationDeps): Hono<PrefectureStaffEnv> {
  const r = new Hono<PrefectureStaffEnv>();
  /** In the municipality's audit trail the prefecture administrator is named with their prefecture and linked by id. */
  const actor = (c: Context, s: PrefectureSignedIn): AuditActor & { ip: string } => ({
    userId: s.admin.id,
    label: `${s.admin.displayName}（${s.admin.loginId}、${prefectureStaffState(c).prefecture.name}の都道府県管理者）`,
    ip: clientIp(c, config.trustProxy),
  });
  const signed = (c: Context, s: PrefectureSignedIn) => ({ prefecture: prefectureStaffState(c).prefecture, admin: s.admin, csrfToken: s.csrfToken });
  /** Load and authorise: this prefecture's municipality, else 404. */
  const loadMunicipality = async (c: Context): Promise<Municipality> => {
    const found = await findPrefectureMunicipality(db, prefectureStaffState(c).prefecture, c.req.param("lgCode")!);
    if (!found) throw notFound();
    return found;
  };
  /** A set-up step already done (a plan imported, an administrator created) is no longer the prefecture's to do. */
  const stepOpen = async (m: Municipality, step: "importPlan" | "createAdministrator") => {
    if (!setUpSteps(await municipalityProgress(db, plans, m))[step]) throw notFound("この市町村の設定は済んでいます。以後の変更は市町村が行います。");
  };

  r.get(STAFF, async (c) => {
    const signedIn = requirePrefectureAdmin(c);
    if (signedIn instanceof Response) return signedIn;
    const { prefecture } = prefectureStaffState(c);
    const rows = [];
    for (const m of await listPrefectureMunicipalities(db, prefecture)) rows.push(await municipalityProgress(db, plans, m));
    const notice = LIST_NOTICES.find((n) => n === c.req.query("notice"));
    const noticeName = rows.find((row) => row.municipality.lgCode === c.req.query("lg"))?.municipality.name;
    return c.html(<MunicipalityListPage {...signed(c, signedIn)} rows={rows} notice={notice} noticeName={notice ? noticeName : undefined} />);
  });

  r.get(`${STAFF}/municipalities/new`, (c) => {
    const signedIn = requirePrefectureAdmin(c);
    if (signedIn instanceof Response) return signedIn;
    return c.html(<NewMunicipalityPage {...signed(c, signedIn)} />);
  });

  r.post(`${STAFF}/municipalities/new`, async (c) => {
    const signedIn = requirePrefectureAdmin(c);
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const again = (errors: { field: string; message: string }[]) =>
      c.html(<NewMunicipalityPage {...signed(c, signedIn)} values={{ lgCode: oneValue(form, "lgCode"), name: oneValue(form, "name") }} errors={errors} />, 400);
    const parsed = municipalityForm.safeParse(form);
    if (!parsed.success) return again(fieldErrors(parsed.error, { lgCode: MUNICIPALITY_FIELDS.lgCode, name: MUNICIPALITY_FIELDS.name }));
    const { prefecture } = prefectureStaffState(c);
    const { ip, ...who } = actor(c, signedIn);
    const result = await registerMunicipality(db, { prefecture, actor: who, ip }, parsed.data);
    if (!result.ok) return again(result.errors);
    return c.redirect(`${prefectureStaffBase(prefecture)}?notice=registered&lg=${parsed.data.lgCode}`, 303);
  });

  r.get(`${MUNICIPALITY}/plan`, async (c) => {
    const signedIn = requirePrefectureAdmin(c);
    if (signedIn instanceof Response) return signedIn;
    const municipality = await loadMunicipality(c);
    await stepOpen(municipality, "importPlan");
    return c.html(<PlanImportPage {...signed(c, signedIn)} municipality={municipality} />);
  });

  r.post(`${MUNICIPALITY}/plan`, async (c) => {
    const signedIn = requirePrefectureAdmin(c);
    if (signedIn instanceof Response) return signedIn;
    const body = await c.req.parseBody();
    const file = body["file"];
    const municipality = await loadMunicipality(c);
    await stepOpen(municipality, "importPlan");
    const again = (problems: string[]) => c.html(<PlanImportPage {...signed(c, signedIn)} municipality={municipality} problems={problems} />, 400);
    if (!(file instanceof File) || file.size === 0) return again(["計画ファイルを選んでください"]);
    const read = readPlanBytes(new Uint8Array(await file.arrayBuffer()), file.name || "計画ファイル");
    if (!read.ok) return again(read.problems.map((p) => `${p.file}${p.path ? ` の ${p.path}` : ""}: ${p.message}`));
    const imported = await importPlan(db, { lgCode: municipality.lgCode, plan: read.plan, actor: actor(c, signedIn) });
    if (!imported.ok) return again([imported.message]);
    return c.redirect(`${prefectureStaffBase(prefectureStaffState(c).prefecture)}?notice=plan_imported&lg=${municipality.lgCode}`, 303);
  });

  r.get(`${MUNICIPALITY}/administrator`, async (c) => {
    const signedIn = requirePrefectureAdmin(c);
    if (signedIn instanceof Response) return signedIn;
    const municipality = await loadMunicipality(c);
    await stepOpen(municipality, "createAdministrator");
    return c.html(<FirstAdministratorPage {...signed(c, signedIn)} municipality={municipality} />);
  });

  r.post(`${MUNICIPALITY}/administrator`, async (c) => {
    const signedIn = requirePrefectureAdmin(c);
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const municipality = await loadMunicipality(c);
    await stepOpen(municipality, "createAdministrator");
    const values = { loginId: oneValue(form, "loginId"), displayName: oneValue(form, "displayName"), email: oneValue(form, "email") };
    const again = (errors: { field: string; message: string }[]) =>
      c.html(<FirstAdministratorPage {...signed(c, signedIn)} municipality={municipality} values={values} errors={errors} />, 400);
    const parsed = firstAdministratorForm.safeParse(form);
    if (!parsed.success) return again(fieldErrors(parsed.error, ADMINISTRATOR_FIELDS));
    const { ip, ...who } = actor(c, signedIn);
    const result = await createUser(db, { municipalityId: municipality.id, actor: who, ip }, { ...parsed.data, divisionId: null, roles: ["administrator"], onlyAsFirstAdministrator: true });
    if (!result.ok) return again(result.errors);
    return c.html(
      <FirstAdministratorCreatedPage {...signed(c, signedIn)} municipality={municipality} loginId={parsed.data.loginId} displayName={parsed.data.displayName} temporaryPassword={result.temporaryPassword} />,
    );
  });

  return r;
}
