/**
 * /:lgCode/staff/profile: the municipality profile (the contact for the plan,
 * the city's site, the plan's adoption date) for the secretariat and
 * administrators. authenticate → validate → load → command → redirect with a
 * notice, or the page again with status 400 and an error summary.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { clientIp } from "../../../core/http/client-ip.ts";
import { fieldErrors, oneValue, readForm } from "../../../core/http/form.ts";
import { userActor } from "../../accounts/commands/actor.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../../accounts/staff-area.ts";
import { ORGANISATION_ROLES, type OrganisationDeps } from "../routes.tsx";
import { saveProfile } from "./commands/save-profile.ts";
import { PROFILE_FIELD_IDS, profileForm, type ProfileValues } from "./profile-form.ts";
import { findPlanAdoption, findProfile } from "./repository/profile-queries.ts";
import { ProfilePage, profilePath } from "./views/profile-page.tsx";

const PROFILE = "/:lgCode{[0-9]{6}}/staff/profile";

export function profileRoutes({ db, config, plans }: OrganisationDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const staff = (s: SignedIn) => ({ user: s.user, csrfToken: s.csrfToken });

  const render = async (c: Context, signedIn: SignedIn, values: ProfileValues | undefined, status: 200 | 400, errors = [] as ReturnType<typeof fieldErrors>) => {
    const { municipality } = staffState(c);
    const [stored, planFileAdoption] = await Promise.all([findProfile(db, municipality.id), findPlanAdoption(db, municipality.id)]);
    const shown: ProfileValues = values ?? {
      division: stored?.division ?? "",
      phone: stored?.phone ?? "",
      email: stored?.email ?? "",
      address: stored?.address ?? "",
      siteUrl: stored?.siteUrl ?? "",
      planAdoptedOn: stored?.planAdoptedOn ?? "",
    };
    const notice = c.req.query("notice") === "saved" ? "保存しました。市民向けページのフッターに反映されています。" : undefined;
    return c.html(
      <ProfilePage municipality={municipality} staff={staff(signedIn)} values={shown} planFileAdoption={planFileAdoption} errors={errors} notice={notice} />,
      status,
    );
  };

  r.get(PROFILE, async (c) => {
    const signedIn = requireUser(c, { roles: ORGANISATION_ROLES });
    if (signedIn instanceof Response) return signedIn;
    return render(c, signedIn, undefined, 200);
  });

  r.post(PROFILE, async (c) => {
    const signedIn = requireUser(c, { roles: ORGANISATION_ROLES });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const form = await readForm(c);
    const values = Object.fromEntries(Object.keys(PROFILE_FIELD_IDS).map((k) => [k, oneValue(form, k) ?? ""])) as ProfileValues;
    const parsed = profileForm.safeParse(values);
    if (!parsed.success) return render(c, signedIn, values, 400, fieldErrors(parsed.error, PROFILE_FIELD_IDS));
    await saveProfile(db, { municipalityId: municipality.id, actor: userActor(signedIn.user), ip: clientIp(c, config.trustProxy) }, parsed.data);
    plans?.invalidate(municipality.lgCode); // this process shows the new footer at once
    return c.redirect(`${profilePath(municipality)}?notice=saved`, 303);
  });

  return r;
}
