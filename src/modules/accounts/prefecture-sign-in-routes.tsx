/**
 * The prefecture administrator's entrance (decision 037): sign-in, the
 * second factor and its enrolment, the password change and sign-out at
 * /prefectures/{2桁}/staff/…, through the same commands as a municipality's
 * staff (signIn, verifySecondFactor, confirmTotpEnrolment, changePassword,
 * signOut) with the prefecture as the account's place. Mounts the
 * prefecture area's middleware (session, CSRF, no-store) for every
 * /prefectures/{2桁}/staff path, whichever module serves it.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { clientIp } from "../../core/http/client-ip.ts";
import { csrfProtection } from "../../core/http/csrf.ts";
import { fieldErrors, oneValue, readForm } from "../../core/http/form.ts";
import { changePassword, PASSWORD_FIELDS } from "./commands/change-password.ts";
import { signIn } from "./commands/sign-in.ts";
import { signOut } from "./commands/sign-out.ts";
import { confirmTotpEnrolment, startTotpEnrolment, verifySecondFactor, type Enrolment } from "./commands/two-factor.ts";
import { sessionIdOf, type SessionStage } from "./domain/session-policy.ts";
import { otpauthUri } from "./domain/totp.ts";
import { codeForm, enrolmentForm, passwordForm, shownSecret, signInForm } from "./forms.ts";
import {
  PREFECTURE_STAFF_PATH,
  prefectureStaffArea,
  prefectureStaffBase,
  prefectureStaffState,
  requirePrefectureAdmin,
  type PrefectureSignedIn,
  type PrefectureStaffEnv,
} from "./prefecture-area.ts";
import type { AccountDeps } from "./routes.tsx";
import { clearSessionCookie, PREFECTURE_SESSION_COOKIE, readSessionToken, setSessionCookie } from "./session-cookie.ts";
import { qrCodeSvg } from "./views/qr-code.tsx";
import {
  PREFECTURE_SIGN_IN_NOTICES,
  PrefecturePasswordPage,
  PrefectureSignInPage,
  PrefectureTwoFactorPage,
  PrefectureTwoFactorSetupPage,
} from "./views/prefecture-sign-in-pages.tsx";
import { CODE_FIELD, ENROL_PASSWORD_FIELD, SIGN_IN_FIELDS } from "./views/sign-in-pages.tsx";

const STAFF = "/prefectures/:prefCode{[0-9]{2}}/staff";
const isSignInPath = (path: string) => /^\/prefectures\/[0-9]{2}\/staff\/sign-in$/.test(path);
const ANY_STAGE: readonly SessionStage[] = ["two_factor", "two_factor_setup", "password_change", "ready"];
const THROTTLED = "失敗が多いため、この接続元からの確認を一時的に停止しています。15分ほど待ってから、もう一度お試しください。";
const COOKIE = PREFECTURE_SESSION_COOKIE;

export function prefectureAccountRoutes(deps: Pick<AccountDeps, "db" | "config">): Hono<PrefectureStaffEnv> {
  const { db } = deps;
  const r = new Hono<PrefectureStaffEnv>();
  const client = (c: Context) => ({ ip: clientIp(c, deps.config.trustProxy), userAgent: c.req.header("User-Agent")?.slice(0, 500) ?? null });
  const csrf = csrfProtection({
    expectedToken: (c) => (isSignInPath(c.req.path) ? undefined : prefectureStaffState(c).session?.csrfToken),
    trustedOrigins: deps.config.siteUrl ? [deps.config.siteUrl] : [],
  });
  r.use(PREFECTURE_STAFF_PATH, prefectureStaffArea(db), csrf);
  const place = (c: Context) => ({ municipalityId: null, prefectureCode: prefectureStaffState(c).prefecture.code });
  const base = (c: Context) => prefectureStaffBase(prefectureStaffState(c).prefecture);
  const signedProps = (c: Context, s: PrefectureSignedIn) => ({ prefecture: prefectureStaffState(c).prefecture, admin: s.admin, csrfToken: s.csrfToken });
  /** The session has ended: the account was locked by wrong codes ("ended") or wrong current passwords ("locked"). */
  const endedBy = (c: Context, reason: "ended" | "locked") => {
    clearSessionCookie(c, COOKIE);
    return c.redirect(`${base(c)}/sign-in?reason=${reason}`, 303);
  };

  r.get(`${STAFF}/sign-in`, (c) => {
    const { prefecture, session } = prefectureStaffState(c);
    if (session?.stage === "ready") return c.redirect(base(c), 303);
    const notice = PREFECTURE_SIGN_IN_NOTICES.find((n) => n === c.req.query("reason"));
    return c.html(<PrefectureSignInPage prefecture={prefecture} notice={notice} />);
  });

  r.post(`${STAFF}/sign-in`, async (c) => {
    const { prefecture } = prefectureStaffState(c);
    const form = await readForm(c);
    const page = (errors: { field: string; message: string }[], status: 400 | 429) =>
      c.html(<PrefectureSignInPage prefecture={prefecture} loginId={oneValue(form, "loginId")} errors={errors} />, status);
    const parsed = signInForm.safeParse(form);
    if (!parsed.success) return page(fieldErrors(parsed.error, SIGN_IN_FIELDS), 400);
    const presented = readSessionToken(c, COOKIE);
    const result = await signIn(db, {
      ...place(c),
      loginId: parsed.data.loginId,
      password: parsed.data.password,
      ...client(c),
      previousSessionId: presented ? sessionIdOf(presented) : undefined,
    });
    if (!result.ok && result.reason === "throttled") {
      c.header("Retry-After", "900");
      return page([{ field: SIGN_IN_FIELDS.loginId, message: `サインインの${THROTTLED}` }], 429);
    }
    if (!result.ok) return page([{ field: SIGN_IN_FIELDS.loginId, message: "ログインIDまたはパスワードが正しくありません" }], 400);
    setSessionCookie(c, result.token, COOKIE);
    return c.redirect(base(c), 303);
  });

  r.post(`${STAFF}/sign-out`, async (c) => {
    const signedIn = requirePrefectureAdmin(c, { stages: ANY_STAGE });
    if (signedIn instanceof Response) return signedIn;
    await signOut(db, { user: signedIn.admin, sessionId: signedIn.sessionId, ip: client(c).ip });
    clearSessionCookie(c, COOKIE);
    return c.redirect(`${base(c)}/sign-in?reason=signed_out`, 303);
  });

  r.get(`${STAFF}/two-factor`, (c) => {
    const signedIn = requirePrefectureAdmin(c, { stages: ["two_factor"] });
    if (signedIn instanceof Response) return signedIn;
    return c.html(<PrefectureTwoFactorPage {...signedProps(c, signedIn)} />);
  });

  r.post(`${STAFF}/two-factor`, async (c) => {
    const signedIn = requirePrefectureAdmin(c, { stages: ["two_factor"] });
    if (signedIn instanceof Response) return signedIn;
    const retry = (message: string) => c.html(<PrefectureTwoFactorPage {...signedProps(c, signedIn)} errors={[{ field: CODE_FIELD, message }]} />, 400);
    const parsed = codeForm.safeParse(await readForm(c));
    if (!parsed.success) return retry(parsed.error.issues[0]!.message);
    const result = await verifySecondFactor(db, { ...place(c), userId: signedIn.admin.id, sessionId: signedIn.sessionId, code: parsed.data.code, client: client(c) });
    if (!result.ok && result.reason === "ended") return endedBy(c, "ended");
    if (!result.ok) return retry("確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください");
    setSessionCookie(c, result.token, COOKIE);
    return c.redirect(base(c), 303);
  });

  const setupPage = async (c: Context, signedIn: PrefectureSignedIn, enrolment: Enrolment, errors: { field: string; message: string }[] = []) => {
    const { prefecture } = prefectureStaffState(c);
    const uri = otpauthUri(enrolment.secret, `${prefecture.name}DX推進計画（都道府県管理）`, signedIn.admin.loginId);
    const qrSvg = await qrCodeSvg(uri, `認証アプリで読み取るQRコード（${prefecture.name}、${signedIn.admin.loginId}）`);
    return <PrefectureTwoFactorSetupPage {...signedProps(c, signedIn)} enrolment={enrolment} uri={uri} qrSvg={qrSvg} ready={signedIn.stage === "ready"} errors={errors} />;
  };

  r.get(`${STAFF}/two-factor/setup`, async (c) => {
    const signedIn = requirePrefectureAdmin(c, { stages: ["two_factor_setup", "ready"] });
    if (signedIn instanceof Response) return signedIn;
    const enrolment = await startTotpEnrolment(db, signedIn.admin.id);
    if (!enrolment) return c.redirect(base(c), 303);
    return c.html(await setupPage(c, signedIn, enrolment));
  });

  r.post(`${STAFF}/two-factor/setup`, async (c) => {
    const signedIn = requirePrefectureAdmin(c, { stages: ["two_factor_setup", "ready"] });
    if (signedIn instanceof Response) return signedIn;
    const { admin } = signedIn;
    const form = await readForm(c);
    const again = async (errors: { field: string; message: string }[], status: 400 | 429 = 400) => {
      const shown = shownSecret.safeParse(oneValue(form, "secret")).data;
      const enrolment = admin.totpEnabled && shown ? { secret: shown, replacing: true, asksPassword: true } : await startTotpEnrolment(db, admin.id);
      if (!enrolment) return c.redirect(base(c), 303);
      return c.html(await setupPage(c, signedIn, enrolment, errors), status);
    };
    const parsed = enrolmentForm(admin.hasPassword).safeParse(form);
    if (!parsed.success) return again(fieldErrors(parsed.error, { code: CODE_FIELD, currentPassword: ENROL_PASSWORD_FIELD, secret: CODE_FIELD }));
    const result = await confirmTotpEnrolment(db, {
      ...place(c),
      user: admin,
      sessionId: signedIn.sessionId,
      code: parsed.data.code,
      password: parsed.data.currentPassword,
      secret: parsed.data.secret,
      client: client(c),
    });
    if (result.ok) {
      setSessionCookie(c, result.token, COOKIE);
      return c.redirect(base(c), 303);
    }
    switch (result.reason) {
      case "stale":
        return c.redirect(`${base(c)}/two-factor/setup`, 303);
      case "locked":
        return endedBy(c, "locked");
      case "throttled":
        c.header("Retry-After", "900");
        return again([{ field: ENROL_PASSWORD_FIELD, message: `パスワードの${THROTTLED}` }], 429);
      case "wrong_password":
        return again([{ field: ENROL_PASSWORD_FIELD, message: "現在のパスワードが正しくありません" }]);
      case "wrong_code":
        return again([{ field: CODE_FIELD, message: "確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください" }]);
    }
  });

  r.get(`${STAFF}/password`, (c) => {
    const signedIn = requirePrefectureAdmin(c, { stages: ["password_change", "ready"] });
    if (signedIn instanceof Response) return signedIn;
    return c.html(<PrefecturePasswordPage {...signedProps(c, signedIn)} ready={signedIn.stage === "ready"} />);
  });

  r.post(`${STAFF}/password`, async (c) => {
    const signedIn = requirePrefectureAdmin(c, { stages: ["password_change", "ready"] });
    if (signedIn instanceof Response) return signedIn;
    const retry = (errors: { field: string; message: string }[], status: 400 | 429 = 400) =>
      c.html(<PrefecturePasswordPage {...signedProps(c, signedIn)} ready={signedIn.stage === "ready"} errors={errors} />, status);
    const parsed = passwordForm.safeParse(await readForm(c));
    if (!parsed.success) {
      return retry(fieldErrors(parsed.error, { currentPassword: PASSWORD_FIELDS.current, newPassword: PASSWORD_FIELDS.new, confirmation: PASSWORD_FIELDS.confirmation }));
    }
    const result = await changePassword(db, { user: signedIn.admin, sessionId: signedIn.sessionId, mfaVerified: signedIn.mfaVerified, ...parsed.data, client: client(c) });
    if (!result.ok && result.reason === "invalid") return retry(result.errors);
    if (!result.ok && result.reason === "locked") return endedBy(c, "locked");
    if (!result.ok) {
      c.header("Retry-After", "900");
      return retry([{ field: PASSWORD_FIELDS.current, message: `パスワードの${THROTTLED}` }], 429);
    }
    setSessionCookie(c, result.token, COOKIE);
    return c.redirect(base(c), 303);
  });

  return r;
}
