/**
 * The administrator's changes to an existing account: a new division, a
 * temporary password reissued, the second factor reset, deactivation and
 * reactivation. The three that cannot be undone as they were are a link to
 * a confirmation page (GET) whose form makes the change (POST). Handlers:
 * authenticate (administrator) → validate → load the user within the URL's
 * municipality (404 otherwise) → command → redirect with a notice, or the
 * user's page again with status 400 and the reason.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { z } from "zod";
import { clientIp } from "../../core/http/client-ip.ts";
import { oneValue, readForm } from "../../core/http/form.ts";
import { notFound } from "../../core/http/http-error.ts";
import { changeDivision, deactivateUser, reactivateUser, reissueTemporaryPassword, resetTwoFactor } from "./commands/account-lifecycle.ts";
import { userActor } from "./commands/actor.ts";
import type { CommandContext } from "./commands/manage-users.ts";
import type { Role } from "../tenancy/roles.ts";
import { findUser, listDivisions } from "./repository/user-queries.ts";
import type { AccountDeps } from "./routes.tsx";
import { requireUser, staffBase, staffState, type SignedIn, type StaffEnv } from "./staff-area.ts";
import type { StaffUser } from "./user.ts";
import { ConfirmLifecyclePage, PasswordReissuedPage, type LifecycleAction } from "./views/user-lifecycle-pages.tsx";
import { DETAIL_FIELDS, UserDetailPage, type UserNotice } from "./views/user-pages.tsx";

const USER = "/:lgCode{[0-9]{6}}/staff/users/:id{[0-9]{1,9}}";
const ADMIN = { roles: ["administrator"] as Role[] };

const divisionForm = z.object({
  divisionId: z
    .string({ error: "所属を一覧から選んでください" })
    .regex(/^\d{0,9}$/, { error: "所属を一覧から選んでください" })
    .transform((v) => (v === "" ? null : Number(v))),
});

export function userLifecycleRoutes({ db, config }: AccountDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const context = (c: Context, s: SignedIn): CommandContext => ({
    municipalityId: s.user.municipalityId,
    actor: userActor(s.user),
    ip: clientIp(c, config.trustProxy),
  });
  const admin = (s: SignedIn) => ({ user: s.user, csrfToken: s.csrfToken });
  const loadTarget = async (c: Context) => {
    const target = await findUser(db, staffState(c).municipality.id, Number(c.req.param("id")));
    if (!target) throw notFound("この利用者は登録されていません。");
    return target;
  };
  const done = (c: Context, target: StaffUser, notice: UserNotice) =>
    c.redirect(`${staffBase(staffState(c).municipality)}/users/${target.id}?notice=${notice}`, 303);
  /** The user's page again, status 400, with the reason at the form it concerns. */
  const refuse = async (c: Context, s: SignedIn, target: StaffUser, error: { field: string; message: string; divisionId?: string }) => {
    const { municipality } = staffState(c);
    const divisions = await listDivisions(db, municipality.id);
    return c.html(<UserDetailPage municipality={municipality} admin={admin(s)} target={target} divisions={divisions} error={error} />, 400);
  };

  for (const action of ["password-reissue", "two-factor-reset", "deactivate"] as const satisfies readonly LifecycleAction[]) {
    r.get(`${USER}/${action}`, async (c) => {
      const signedIn = requireUser(c, ADMIN);
      if (signedIn instanceof Response) return signedIn;
      const target = await loadTarget(c);
      return c.html(<ConfirmLifecyclePage municipality={staffState(c).municipality} admin={admin(signedIn)} target={target} action={action} />);
    });
  }

  r.post(`${USER}/password-reissue`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const target = await loadTarget(c);
    const result = await reissueTemporaryPassword(db, context(c, signedIn), target.id);
    if (!result.ok) return refuse(c, signedIn, target, { field: DETAIL_FIELDS.actions, message: result.message });
    return c.html(
      <PasswordReissuedPage
        municipality={staffState(c).municipality}
        admin={admin(signedIn)}
        target={target}
        temporaryPassword={result.temporaryPassword}
        sessionsEnded={result.sessionsEnded}
      />,
    );
  });

  r.post(`${USER}/two-factor-reset`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const target = await loadTarget(c);
    const result = await resetTwoFactor(db, context(c, signedIn), target.id);
    if (!result.ok) return refuse(c, signedIn, target, { field: DETAIL_FIELDS.actions, message: result.message });
    return done(c, target, result.changed ? "two_factor_reset" : "unchanged");
  });

  r.post(`${USER}/deactivate`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const target = await loadTarget(c);
    const result = await deactivateUser(db, context(c, signedIn), target.id);
    if (!result.ok) return refuse(c, signedIn, target, { field: DETAIL_FIELDS.actions, message: result.message });
    return done(c, target, result.changed ? "deactivated" : "unchanged");
  });

  r.post(`${USER}/reactivate`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const target = await loadTarget(c);
    const result = await reactivateUser(db, context(c, signedIn), target.id);
    if (!result.ok) return refuse(c, signedIn, target, { field: DETAIL_FIELDS.actions, message: result.message });
    return done(c, target, result.changed ? "reactivated" : "unchanged");
  });

  r.post(`${USER}/division`, async (c) => {
    const signedIn = requireUser(c, ADMIN);
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const target = await loadTarget(c);
    const sent = oneValue(form, "divisionId") ?? "";
    const parsed = divisionForm.safeParse({ divisionId: sent });
    if (!parsed.success) {
      return refuse(c, signedIn, target, { field: DETAIL_FIELDS.division, message: parsed.error.issues[0]!.message, divisionId: sent });
    }
    const result = await changeDivision(db, context(c, signedIn), target.id, parsed.data.divisionId);
    if (!result.ok) return refuse(c, signedIn, target, { field: DETAIL_FIELDS.division, message: result.message, divisionId: sent });
    return done(c, target, result.changed ? "division_changed" : "unchanged");
  });

  return r;
}
