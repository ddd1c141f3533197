/**
 * 組織管理 (issue #3 §2), /:lgCode/staff/organisation: bureaus and divisions
 * of the municipality and who belongs where. For the secretariat and
 * administrators. Handlers: authenticate → validate (Zod) → load within the
 * URL's municipality → command → redirect with a notice, or the page again
 * with status 400 and the message at its field.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { Config } from "../../config.ts";
import type { Database } from "../../core/db/database.ts";
import { clientIp } from "../../core/http/client-ip.ts";
import { oneValue, readForm, type FieldError } from "../../core/http/form.ts";
import { notFound } from "../../core/http/http-error.ts";
import { userActor } from "../accounts/commands/actor.ts";
import type { CommandContext } from "../accounts/commands/manage-users.ts";
import type { Role } from "../tenancy/roles.ts";
import { listUsers } from "../accounts/repository/user-queries.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../accounts/staff-area.ts";
import { createBureau, deleteBureau, renameBureau } from "./commands/bureaus.ts";
import { createDivision, deleteDivision, renameDivision, setDivisionBureau } from "./commands/divisions.ts";
import { assignUserDivision } from "./commands/membership.ts";
import { bureauForm, divisionBureauForm, divisionForm, memberForm, ORGANISATION_FIELDS as F, renameDivisionForm } from "./forms.ts";
import { chartOf } from "./organisation.ts";
import {
  divisionReferences,
  findBureau,
  findDivisionEntry,
  listBureaus,
  listDivisionEntries,
  listMembers,
} from "./repository/organisation-queries.ts";
import { BureauPage, type BureauNotice } from "./views/bureau-page.tsx";
import { DivisionPage, type DivisionNotice } from "./views/division-page.tsx";
import { OrganisationPage, type ChartNotice } from "./views/organisation-page.tsx";
import { profileRoutes } from "./profile/routes.tsx";
import { organisationBase } from "./views/organisation-views.tsx";

export type OrganisationDeps = {
  db: Database;
  config: Partial<Pick<Config, "siteUrl">> & { trustProxy?: boolean };
  /** The portal's plan cache: a renamed division is shown on the public pages at once. */
  plans?: { invalidate(lgCode?: string): void };
};

const ORG = "/:lgCode{[0-9]{6}}/staff/organisation";
const ID = ":id{[0-9]{1,9}}";
export const ORGANISATION_ROLES: readonly Role[] = ["secretariat", "administrator"];

const noticeOf = <T extends string>(c: Context, known: readonly T[]): T | undefined => known.find((n) => n === c.req.query("notice"));

export function organisationRoutes({ db, config, plans }: OrganisationDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  r.route("/", profileRoutes({ db, config, plans })); // 自治体の情報 (the public footer's contact)
  const context = (c: Context, s: SignedIn): CommandContext => ({
    municipalityId: s.user.municipalityId,
    actor: userActor(s.user),
    ip: clientIp(c, config.trustProxy),
  });
  const staff = (s: SignedIn) => ({ user: s.user, csrfToken: s.csrfToken });
  const idParam = (c: Context) => Number(c.req.param("id"));
  const loadBureau = async (c: Context) => {
    const bureau = await findBureau(db, staffState(c).municipality.id, idParam(c));
    if (!bureau) throw notFound("この部局は登録されていません。");
    return bureau;
  };
  const loadDivision = async (c: Context) => {
    const division = await findDivisionEntry(db, staffState(c).municipality.id, idParam(c));
    if (!division) throw notFound("この課は登録されていません。");
    return division;
  };

  const chartPage = async (c: Context, s: SignedIn, extra: { errors?: FieldError[]; values?: Record<string, string>; notice?: ChartNotice } = {}) => {
    const { municipality } = staffState(c);
    const chart = chartOf(await listBureaus(db, municipality.id), await listDivisionEntries(db, municipality.id));
    return <OrganisationPage municipality={municipality} staff={staff(s)} chart={chart} {...extra} />;
  };

  const bureauPage = async (c: Context, s: SignedIn, extra: { errors?: FieldError[]; typedName?: string; notice?: BureauNotice } = {}) => {
    const { municipality } = staffState(c);
    const bureau = await loadBureau(c);
    const divisions = (await listDivisionEntries(db, municipality.id)).filter((d) => d.bureau?.id === bureau.id);
    return <BureauPage municipality={municipality} staff={staff(s)} bureau={bureau} divisions={divisions} {...extra} />;
  };

  const divisionPage = async (c: Context, s: SignedIn, extra: { errors?: FieldError[]; typedName?: string; notice?: DivisionNotice } = {}) => {
    const { municipality } = staffState(c);
    const division = await loadDivision(c);
    const [bureaus, members, users, references] = await Promise.all([
      listBureaus(db, municipality.id),
      listMembers(db, municipality.id, division.id),
      listUsers(db, municipality.id),
      divisionReferences(db, municipality.id, division),
    ]);
    const candidates = users.filter((u) => u.division?.id !== division.id && u.disabledAt === null);
    return (
      <DivisionPage
        municipality={municipality}
        staff={staff(s)}
        division={division}
        bureaus={bureaus}
        members={members}
        candidates={candidates}
        references={references}
        {...extra}
      />
    );
  };

  /** Authenticates for every organisation page: the secretariat or an administrator of this municipality. */
  const signedInAs = (c: Context) => requireUser(c, { roles: ORGANISATION_ROLES });

  r.get(ORG, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    return c.html(await chartPage(c, s, { notice: noticeOf(c, ["bureau_created", "bureau_deleted", "division_deleted"] as const) }));
  });

  r.post(`${ORG}/bureaus`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const form = await readForm(c);
    const parsed = bureauForm.safeParse(form);
    const values = { bureauName: oneValue(form, "name") ?? "" };
    const refuse = async (message: string) => c.html(await chartPage(c, s, { errors: [{ field: F.bureauName, message }], values }), 400);
    if (!parsed.success) return refuse(parsed.error.issues[0]!.message);
    const result = await createBureau(db, context(c, s), parsed.data.name);
    if (!result.ok) return refuse(result.message);
    return c.redirect(`${organisationBase(staffState(c).municipality)}?notice=bureau_created`, 303);
  });

  r.post(`${ORG}/divisions`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const form = await readForm(c);
    const values = { divisionName: oneValue(form, "name") ?? "", divisionBureau: oneValue(form, "bureauId") ?? "" };
    const refuse = async (errors: FieldError[]) => c.html(await chartPage(c, s, { errors, values }), 400);
    const parsed = divisionForm.safeParse(form);
    if (!parsed.success) {
      return refuse(parsed.error.issues.map((i) => ({ field: i.path[0] === "bureauId" ? F.divisionBureau : F.divisionName, message: i.message })));
    }
    const result = await createDivision(db, context(c, s), parsed.data);
    if (!result.ok) return refuse([{ field: result.about === "bureau" ? F.divisionBureau : F.divisionName, message: result.message }]);
    return c.redirect(`${organisationBase(staffState(c).municipality)}/divisions/${result.id}?notice=created`, 303);
  });

  r.get(`${ORG}/bureaus/${ID}`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    return c.html(await bureauPage(c, s, { notice: noticeOf(c, ["renamed"] as const) }));
  });

  r.post(`${ORG}/bureaus/${ID}/rename`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const bureau = await loadBureau(c);
    const form = await readForm(c);
    const refuse = async (message: string) => c.html(await bureauPage(c, s, { errors: [{ field: F.rename, message }], typedName: oneValue(form, "name") ?? "" }), 400);
    const parsed = bureauForm.safeParse(form);
    if (!parsed.success) return refuse(parsed.error.issues[0]!.message);
    const result = await renameBureau(db, context(c, s), bureau.id, parsed.data.name);
    if (!result.ok) return refuse(result.message);
    return c.redirect(`${organisationBase(staffState(c).municipality)}/bureaus/${bureau.id}?notice=renamed`, 303);
  });

  r.post(`${ORG}/bureaus/${ID}/delete`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const bureau = await loadBureau(c);
    const result = await deleteBureau(db, context(c, s), bureau.id);
    if (!result.ok) return c.html(await bureauPage(c, s, { errors: [{ field: F.delete, message: result.message }] }), 400);
    return c.redirect(`${organisationBase(staffState(c).municipality)}?notice=bureau_deleted`, 303);
  });

  r.get(`${ORG}/divisions/${ID}`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const known = ["created", "renamed", "bureau_changed", "member_added", "member_removed"] as const;
    return c.html(await divisionPage(c, s, { notice: noticeOf(c, known) }));
  });

  r.post(`${ORG}/divisions/${ID}/rename`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const division = await loadDivision(c);
    const form = await readForm(c);
    const refuse = async (message: string) =>
      c.html(await divisionPage(c, s, { errors: [{ field: F.rename, message }], typedName: oneValue(form, "name") ?? "" }), 400);
    const parsed = renameDivisionForm.safeParse(form);
    if (!parsed.success) return refuse(parsed.error.issues[0]!.message);
    const result = await renameDivision(db, context(c, s), division.id, parsed.data.name);
    if (!result.ok) return refuse(result.message);
    plans?.invalidate(staffState(c).municipality.lgCode);
    return c.redirect(`${organisationBase(staffState(c).municipality)}/divisions/${division.id}?notice=renamed`, 303);
  });

  r.post(`${ORG}/divisions/${ID}/bureau`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const division = await loadDivision(c);
    const refuse = async (message: string) => c.html(await divisionPage(c, s, { errors: [{ field: F.bureau, message }] }), 400);
    const parsed = divisionBureauForm.safeParse(await readForm(c));
    if (!parsed.success) return refuse(parsed.error.issues[0]!.message);
    const result = await setDivisionBureau(db, context(c, s), division.id, parsed.data.bureauId);
    if (!result.ok) return refuse(result.message);
    return c.redirect(`${organisationBase(staffState(c).municipality)}/divisions/${division.id}?notice=bureau_changed`, 303);
  });

  r.post(`${ORG}/divisions/${ID}/members`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const division = await loadDivision(c);
    const refuse = async (message: string) => c.html(await divisionPage(c, s, { errors: [{ field: F.member, message }] }), 400);
    const parsed = memberForm.safeParse(await readForm(c));
    if (!parsed.success) return refuse(parsed.error.issues[0]!.message);
    const result = await assignUserDivision(db, context(c, s), parsed.data.userId, division.id);
    if (!result.ok) return refuse(result.message);
    return c.redirect(`${organisationBase(staffState(c).municipality)}/divisions/${division.id}?notice=member_added`, 303);
  });

  r.post(`${ORG}/divisions/${ID}/members/:userId{[0-9]{1,9}}/remove`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const division = await loadDivision(c);
    const { municipality } = staffState(c);
    const member = (await listMembers(db, municipality.id, division.id)).find((m) => m.id === Number(c.req.param("userId")));
    if (!member) throw notFound("この職員はこの課に所属していません。");
    const result = await assignUserDivision(db, context(c, s), member.id, null);
    if (!result.ok) return c.html(await divisionPage(c, s, { errors: [{ field: F.member, message: result.message }] }), 400);
    return c.redirect(`${organisationBase(municipality)}/divisions/${division.id}?notice=member_removed`, 303);
  });

  r.post(`${ORG}/divisions/${ID}/delete`, async (c) => {
    const s = signedInAs(c);
    if (s instanceof Response) return s;
    const division = await loadDivision(c);
    const result = await deleteDivision(db, context(c, s), division.id);
    if (!result.ok) return c.html(await divisionPage(c, s, { errors: [{ field: F.delete, message: result.message }] }), 400);
    return c.redirect(`${organisationBase(staffState(c).municipality)}?notice=division_deleted`, 303);
  });

  return r;
}
