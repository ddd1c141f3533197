/**
 * The staff area's entrance: sign-in, the second factor, sign-out, the
 * staff home and the password change. Mounts the staff-area middleware
 * (session, CSRF, no-store) for every /:lgCode/staff path, whichever module
 * serves it. Handlers: authenticate → validate → command → render/redirect.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Config } from "../../config.ts";
import type { Database } from "../../core/db/database.ts";
import { clientIp } from "../../core/http/client-ip.ts";
import { csrfProtection } from "../../core/http/csrf.ts";
import { fieldErrors, oneValue, readForm } from "../../core/http/form.ts";
import { changePassword, PASSWORD_FIELDS } from "./commands/change-password.ts";
import { signIn } from "./commands/sign-in.ts";
import { signOut, signOutEverywhere } from "./commands/sign-out.ts";
import { confirmTotpEnrolment, startTotpEnrolment, verifySecondFactor, type Enrolment } from "./commands/two-factor.ts";
import { safeNextPath } from "./domain/sign-in-policy.ts";
import { sessionIdOf, type SessionStage } from "./domain/session-policy.ts";
import { otpauthUri } from "./domain/totp.ts";
import { oidcPath } from "./domain/oidc-policy.ts";
import { codeForm, enrolmentForm, passwordForm, shownSecret, signInForm } from "./forms.ts";
import { IdentityProviders } from "./identity-provider.ts";
import { oidcRoutes } from "./oidc-routes.tsx";
import { clearSessionCookie, readSessionToken, setSessionCookie } from "./session-cookie.ts";
import { requireUser, STAFF_PATH, staffArea, staffBase, staffState, type SignedIn, type StaffEnv } from "./staff-area.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import type { StaffUser } from "./user.ts";
import { userRoutes } from "./user-routes.tsx";
import { qrCodeSvg } from "./views/qr-code.tsx";
import { PasswordPage, StaffHomePage, type HomeNotice } from "./views/account-pages.tsx";
import {
  CODE_FIELD,
  ENROL_PASSWORD_FIELD,
  SIGN_IN_FIELDS,
  SignInPage,
  TwoFactorPage,
  TwoFactorSetupPage,
  type SignInNotice,
} from "./views/sign-in-pages.tsx";

export type AccountDeps = {
  db: Database;
  /**
   * trustProxy: believe X-Forwarded-For (only behind a reverse proxy that sets it).
   * oidcProviders: municipalities whose staff may sign in through their OpenID Connect provider.
   */
  config: Pick<Config, "siteUrl"> & { trustProxy?: boolean; oidcProviders?: Config["oidcProviders"] };
  /** 職員ホーム's work panel (what waits for this user), drawn by the cycle module; app.ts wires it. */
  homeWork?: (municipality: Municipality, user: StaffUser) => Promise<Child>;
};

const STAFF = "/:lgCode{[0-9]{6}}/staff";
const isSignInPath = (path: string) => /^\/[0-9]{6}\/staff\/sign-in$/.test(path);
const ANY_STAGE: readonly SessionStage[] = ["two_factor", "two_factor_setup", "password_change", "ready"];

/** Sign-in's per-address limit, met while proving the current password again. */
const PASSWORD_THROTTLED =
  "パスワードの誤りが多いため、この接続元からの確認を一時的に停止しています。15分ほど待ってから、もう一度お試しください。";

/** The account was locked by wrong current passwords: its sessions have ended; the sign-in page says why. */
function lockedOut(c: Context) {
  clearSessionCookie(c);
  return c.redirect(`${staffBase(staffState(c).municipality)}/sign-in?reason=locked`, 303);
}

export function accountRoutes(deps: AccountDeps): Hono<StaffEnv> {
  const { db } = deps;
  const r = new Hono<StaffEnv>();
  const client = (c: Context) => ({
    ip: clientIp(c, deps.config.trustProxy),
    userAgent: c.req.header("User-Agent")?.slice(0, 500) ?? null,
  });
  const csrf = csrfProtection({
    // The sign-in form is exempt from the session's token (the same-origin check still applies):
    // it replaces whatever session the browser holds, and a sign-in page left open in another
    // tab would otherwise be refused once the person has signed in elsewhere.
    expectedToken: (c) => (isSignInPath(c.req.path) ? undefined : staffState(c).session?.csrfToken),
    trustedOrigins: deps.config.siteUrl ? [deps.config.siteUrl] : [],
  });
  r.use(STAFF_PATH, staffArea(db), csrf);

  const providers = new IdentityProviders(deps.config.oidcProviders ?? []);
  // The sign-in page offers the provider only where one is configured; next is carried through it.
  const oidcSignIn = (municipality: { lgCode: string }, next: string | undefined) =>
    providers.for(municipality.lgCode)
      ? `${oidcPath(municipality.lgCode)}${next ? `?${new URLSearchParams({ next })}` : ""}`
      : undefined;

  r.get(`${STAFF}/sign-in`, (c) => {
    const { municipality, session } = staffState(c);
    const next = safeNextPath(c.req.query("next"), municipality.lgCode);
    if (session?.stage === "ready") return c.redirect(next ?? staffBase(municipality), 303);
    const reason = c.req.query("reason");
    const known: SignInNotice[] = ["expired", "signed_out", "ended", "locked"];
    const notice = known.find((n) => n === reason);
    return c.html(<SignInPage municipality={municipality} next={next} notice={notice} oidcHref={oidcSignIn(municipality, next)} />);
  });

  r.post(`${STAFF}/sign-in`, async (c) => {
    const { municipality } = staffState(c);
    const form = await readForm(c);
    const next = safeNextPath(oneValue(form, "next"), municipality.lgCode);
    const page = (errors: { field: string; message: string }[]) => (
      <SignInPage
        municipality={municipality}
        loginId={oneValue(form, "loginId")}
        next={next}
        errors={errors}
        oidcHref={oidcSignIn(municipality, next)}
      />
    );
    const parsed = signInForm.safeParse(form);
    if (!parsed.success) return c.html(page(fieldErrors(parsed.error, SIGN_IN_FIELDS)), 400);
    const presented = readSessionToken(c);
    const result = await signIn(db, {
      municipalityId: municipality.id,
      loginId: parsed.data.loginId,
      password: parsed.data.password,
      ...client(c),
      previousSessionId: presented ? sessionIdOf(presented) : undefined,
    });
    if (!result.ok && result.reason === "throttled") {
      c.header("Retry-After", "900");
      const message = "サインインの失敗が多いため、この接続元からのサインインを一時的に停止しています。15分ほど待ってから、もう一度お試しください。";
      return c.html(page([{ field: SIGN_IN_FIELDS.loginId, message }]), 429);
    }
    if (!result.ok) {
      // One message for an unknown id, a wrong password and a locked account: none of them is revealed.
      return c.html(page([{ field: SIGN_IN_FIELDS.loginId, message: "ログインIDまたはパスワードが正しくありません" }]), 400);
    }
    setSessionCookie(c, result.token);
    return c.redirect(next ?? staffBase(municipality), 303);
  });

  r.post(`${STAFF}/sign-out`, async (c) => {
    const signedIn = requireUser(c, { stages: ANY_STAGE });
    if (signedIn instanceof Response) return signedIn;
    await signOut(db, { user: signedIn.user, sessionId: signedIn.sessionId, ip: client(c).ip });
    clearSessionCookie(c);
    return c.redirect(`${staffBase(staffState(c).municipality)}/sign-in?reason=signed_out`, 303);
  });

  r.post(`${STAFF}/sign-out-everywhere`, async (c) => {
    const signedIn = requireUser(c);
    if (signedIn instanceof Response) return signedIn;
    await signOutEverywhere(db, { user: signedIn.user, ip: client(c).ip });
    clearSessionCookie(c);
    return c.redirect(`${staffBase(staffState(c).municipality)}/sign-in?reason=signed_out`, 303);
  });

  r.get(`${STAFF}/two-factor`, (c) => {
    const signedIn = requireUser(c, { stages: ["two_factor"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const next = safeNextPath(c.req.query("next"), municipality.lgCode);
    return c.html(<TwoFactorPage municipality={municipality} user={signedIn.user} csrfToken={signedIn.csrfToken} next={next} />);
  });

  r.post(`${STAFF}/two-factor`, async (c) => {
    const signedIn = requireUser(c, { stages: ["two_factor"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const form = await readForm(c);
    const next = safeNextPath(oneValue(form, "next"), municipality.lgCode);
    const retry = (message: string) =>
      c.html(
        <TwoFactorPage
          municipality={municipality}
          user={signedIn.user}
          csrfToken={signedIn.csrfToken}
          next={next}
          errors={[{ field: CODE_FIELD, message }]}
        />,
        400,
      );
    const parsed = codeForm.safeParse(form);
    if (!parsed.success) return retry(parsed.error.issues[0]!.message);
    const result = await verifySecondFactor(db, {
      municipalityId: municipality.id,
      userId: signedIn.user.id,
      sessionId: signedIn.sessionId,
      code: parsed.data.code,
      client: client(c),
    });
    if (!result.ok && result.reason === "ended") {
      clearSessionCookie(c);
      return c.redirect(`${staffBase(municipality)}/sign-in?reason=ended`, 303);
    }
    if (!result.ok) return retry("確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください");
    setSessionCookie(c, result.token);
    return c.redirect(next ?? staffBase(municipality), 303);
  });

  const setupPage = async (c: Context, signedIn: SignedIn, enrolment: Enrolment, errors: { field: string; message: string }[] = []) => {
    const { municipality } = staffState(c);
    const uri = otpauthUri(enrolment.secret, `${municipality.name}DX推進計画`, signedIn.user.loginId);
    const qrSvg = await qrCodeSvg(uri, `認証アプリで読み取るQRコード（${municipality.name}DX推進計画、${signedIn.user.loginId}）`);
    return (
      <TwoFactorSetupPage
        qrSvg={qrSvg}
        municipality={municipality}
        user={signedIn.user}
        csrfToken={signedIn.csrfToken}
        ready={signedIn.stage === "ready"}
        enrolment={enrolment}
        uri={uri}
        errors={errors}
      />
    );
  };

  r.get(`${STAFF}/two-factor/setup`, async (c) => {
    const signedIn = requireUser(c, { stages: ["two_factor_setup", "ready"] });
    if (signedIn instanceof Response) return signedIn;
    const enrolment = await startTotpEnrolment(db, signedIn.user.id);
    // An account without a password cannot prove itself again here: an administrator resets its app.
    if (!enrolment) return c.redirect(staffBase(staffState(c).municipality), 303);
    return c.html(await setupPage(c, signedIn, enrolment));
  });

  r.post(`${STAFF}/two-factor/setup`, async (c) => {
    const signedIn = requireUser(c, { stages: ["two_factor_setup", "ready"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const { user } = signedIn;
    const form = await readForm(c);
    const parsed = enrolmentForm(user.hasPassword).safeParse(form);
    // The page again with the secret it showed, so the app the person just added still matches.
    const again = async (errors: { field: string; message: string }[], status: 400 | 429 = 400) => {
      const shown = shownSecret.safeParse(oneValue(form, "secret")).data;
      const enrolment = user.totpEnabled && shown ? { secret: shown, replacing: true, asksPassword: true } : await startTotpEnrolment(db, user.id);
      if (!enrolment) return c.redirect(staffBase(municipality), 303);
      return c.html(await setupPage(c, signedIn, enrolment, errors), status);
    };
    if (!parsed.success) {
      return again(fieldErrors(parsed.error, { code: CODE_FIELD, currentPassword: ENROL_PASSWORD_FIELD, secret: CODE_FIELD }));
    }
    const result = await confirmTotpEnrolment(db, {
      municipalityId: municipality.id,
      user,
      sessionId: signedIn.sessionId,
      code: parsed.data.code,
      password: parsed.data.currentPassword,
      secret: parsed.data.secret,
      client: client(c),
    });
    if (result.ok) {
      setSessionCookie(c, result.token);
      return c.redirect(`${staffBase(municipality)}?notice=two_factor_enabled`, 303);
    }
    switch (result.reason) {
      case "stale":
        return c.redirect(`${staffBase(municipality)}/two-factor/setup`, 303);
      case "locked":
        return lockedOut(c);
      case "throttled":
        c.header("Retry-After", "900");
        return again([{ field: ENROL_PASSWORD_FIELD, message: PASSWORD_THROTTLED }], 429);
      case "wrong_password":
        return again([{ field: ENROL_PASSWORD_FIELD, message: "現在のパスワードが正しくありません" }]);
      case "wrong_code":
        return again([
          { field: CODE_FIELD, message: "確認コードが正しくありません。設定キーを入力し直し、認証アプリに表示されている最新のコードを入力してください" },
        ]);
    }
  });

  r.get(STAFF, async (c) => {
    const signedIn = requireUser(c);
    if (signedIn instanceof Response) return signedIn;
    const notice = c.req.query("notice");
    const known: HomeNotice[] = ["password_changed", "two_factor_enabled", "signed_in"];
    const { municipality } = staffState(c);
    return c.html(
      <StaffHomePage
        municipality={municipality}
        user={signedIn.user}
        csrfToken={signedIn.csrfToken}
        notice={known.find((n) => n === notice)}
        work={await deps.homeWork?.(municipality, signedIn.user)}
      />,
    );
  });

  r.get(`${STAFF}/password`, (c) => {
    const signedIn = requireUser(c, { stages: ["password_change", "ready"] });
    if (signedIn instanceof Response) return signedIn;
    return c.html(
      <PasswordPage
        municipality={staffState(c).municipality}
        user={signedIn.user}
        csrfToken={signedIn.csrfToken}
        ready={signedIn.stage === "ready"}
      />,
    );
  });

  r.post(`${STAFF}/password`, async (c) => {
    const signedIn = requireUser(c, { stages: ["password_change", "ready"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const retry = (errors: { field: string; message: string }[], status: 400 | 429 = 400) =>
      c.html(
        <PasswordPage
          municipality={municipality}
          user={signedIn.user}
          csrfToken={signedIn.csrfToken}
          ready={signedIn.stage === "ready"}
          errors={errors}
        />,
        status,
      );
    const parsed = passwordForm.safeParse(await readForm(c));
    if (!parsed.success) {
      return retry(fieldErrors(parsed.error, { currentPassword: PASSWORD_FIELDS.current, newPassword: PASSWORD_FIELDS.new, confirmation: PASSWORD_FIELDS.confirmation }));
    }
    const result = await changePassword(db, {
      user: signedIn.user,
      sessionId: signedIn.sessionId,
      mfaVerified: signedIn.mfaVerified,
      ...parsed.data,
      client: client(c),
    });
    if (!result.ok && result.reason === "invalid") return retry(result.errors);
    if (!result.ok && result.reason === "locked") return lockedOut(c);
    if (!result.ok) {
      c.header("Retry-After", "900");
      return retry([{ field: PASSWORD_FIELDS.current, message: PASSWORD_THROTTLED }], 429);
    }
    setSessionCookie(c, result.token);
    return c.redirect(`${staffBase(municipality)}?notice=password_changed`, 303);
  });

  r.route("/", oidcRoutes({ db, providers, trustProxy: deps.config.trustProxy }));
  r.route("/", userRoutes(deps));
  return r;
}
