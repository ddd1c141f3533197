/**
 * Administrators' pages: the list of accounts, one account, a new account,
 * unlocking and setting roles. Every handler starts with requireUser(…,
 * administrator); every user id is looked up within the URL's municipality.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { clientIp } from "../../core/http/client-ip.ts";
import { allValues, fieldErrors, oneValue, readForm } from "../../core/http/form.ts";
import { notFound } from "../../core/http/http-error.ts";
import { userActor } from "./commands/actor.ts";
import { createUser, NEW_USER_FIELDS, setRoles, unlockUser, type CommandContext } from "./commands/manage-users.ts";
import type { Role } from "../tenancy/roles.ts";
import { newUserForm, rolesForm } from "./forms.ts";
import { findUser, listDivisions, listUsers } from "./repository/user-queries.ts";
import type { AccountDeps } from "./routes.tsx";
import { requireUser, staffBase, staffState, type SignedIn, type StaffEnv } from "./staff-area.ts";
import { staffImportRoutes } from "./staff-import-routes.tsx";
import { userLifecycleRoutes } from "./user-lifecycle-routes.tsx";
import { DETAIL_FIELDS, NewUserPage, USER_NOTICE_KEYS, UserCreatedPage, UserDetailPage, UserListPage } from "./views/user-pages.tsx";

const USERS = "/:lgCode{[0-9]{6}}/staff/users";
const ID = ":id{[0-9]{1,9}}";
const ADMIN = { roles: ["administrator"] as Role[] };

export function userRoutes(deps: AccountDeps): Hono<StaffEnv> {
  const { db, config } = deps;
  const r = new Hono<StaffEnv>();
  const context = (c: Context, admin: SignedIn): CommandContext => ({
    municipalityId: admin.user.municipalityId,
    actor: userActor(admin.user),
    ip: clientIp(c, config.trustProxy),
  });
  const admin = (s: SignedIn) => ({ user: s.user, csrfToken: s.csrfToken });
  const loadTarget = async (c: Context) => {
    const target = await findUser(db, staffState(c).municipality.id, Number(c.req.param("id")));
    if (!target) throw notFound("この利用者は登録されていません。");
    return target;
  };

  r.get(USERS, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const users = await listUsers(db, municipality.id);
    return c.html(<UserListPage municipality={municipality} admin={admin(signedIn)} users={users} />);
  });

  r.get(`${USERS}/new`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const divisions = await listDivisions(db, municipality.id);
    return c.html(<NewUserPage municipality={municipality} admin={admin(signedIn)} divisions={divisions} />);
  });

  r.post(`${USERS}/new`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const form = await readForm(c);
    const values = {
      loginId: oneValue(form, "loginId") ?? "",
      displayName: oneValue(form, "displayName") ?? "",
      email: oneValue(form, "email") ?? "",
      divisionId: oneValue(form, "divisionId") ?? "",
      roles: allValues(form, "role"),
    };
    const retry = async (errors: { field: string; message: string }[]) =>
      c.html(
        <NewUserPage
          municipality={municipality}
          admin={admin(signedIn)}
          divisions={await listDivisions(db, municipality.id)}
          values={values}
          errors={errors}
        />,
        400,
      );
    const parsed = newUserForm.safeParse({ ...values, roles: values.roles });
    if (!parsed.success) return retry(fieldErrors(parsed.error, NEW_USER_FIELDS));
    const result = await createUser(db, context(c, signedIn), parsed.data);
    if (!result.ok) return retry(result.errors);
    return c.html(
      <UserCreatedPage
        municipality={municipality}
        admin={admin(signedIn)}
        created={{ ...parsed.data, id: result.userId }}
        temporaryPassword={result.temporaryPassword}
      />,
    );
  });

  r.get(`${USERS}/${ID}`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const target = await loadTarget(c);
    const notice = USER_NOTICE_KEYS.find((n) => n === c.req.query("notice"));
    const divisions = await listDivisions(db, municipality.id);
    return c.html(<UserDetailPage municipality={municipality} admin={admin(signedIn)} target={target} divisions={divisions} notice={notice} />);
  });

  r.post(`${USERS}/${ID}/roles`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const requested = allValues(await readForm(c), "role");
    const target = await loadTarget(c);
    const refuse = async (message: string, roles: Role[]) =>
      c.html(
        <UserDetailPage
          municipality={municipality}
          admin={admin(signedIn)}
          target={target}
          divisions={await listDivisions(db, municipality.id)}
          error={{ field: DETAIL_FIELDS.roles, message, roles }}
        />,
        400,
      );
    const parsed = rolesForm.safeParse({ roles: requested });
    if (!parsed.success) return refuse(parsed.error.issues[0]!.message, target.roles);
    const result = await setRoles(db, context(c, signedIn), target.id, parsed.data.roles);
    if (!result.ok) return refuse(result.message, parsed.data.roles);
    return c.redirect(`${staffBase(municipality)}/users/${target.id}?notice=roles_changed`, 303);
  });

  r.post(`${USERS}/${ID}/unlock`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const target = await loadTarget(c);
    await unlockUser(db, context(c, signedIn), target.id);
    return c.redirect(`${staffBase(municipality)}/users/${target.id}?notice=unlocked`, 303);
  });

  r.route("/", userLifecycleRoutes(deps));
  r.route("/", staffImportRoutes(deps));
  return r;
}
