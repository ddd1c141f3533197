/** Sign-in, the second factor and its enrolment. */
import type { FieldError } from "../../../core/http/form.ts";
import { CsrfField, ErrorSummary, TextField } from "../../../core/views/forms.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { Enrolment } from "../commands/two-factor.ts";
import { requiresTwoFactor } from "../../tenancy/roles.ts";
import { groupSecret } from "../domain/totp.ts";
import { staffBase } from "../staff-area.ts";
import type { StaffUser } from "../user.ts";
import { QrCode } from "./qr-code.tsx";
import { StaffPage } from "./staff-page.tsx";

export const SIGN_IN_FIELDS = { loginId: "login-id", password: "password" } as const;
/** The password asked again on the enrolment page. */
export const ENROL_PASSWORD_FIELD = "enrol-current-password";

export type SignInNotice = "signed_out" | "expired" | "ended" | "locked";

const NOTICES: Record<SignInNotice, string> = {
  signed_out: "サインアウトしました。",
  expired: "一定時間操作がなかったか、サインインから時間が経過したため、サインアウトしました。もう一度サインインしてください。",
  ended: "確認コードの誤りが続いたため、サインインを中止しました。",
  locked: "現在のパスワードの誤りが続いたため、このアカウントをロックし、サインアウトしました。システム管理者にロックの解除を依頼してください。",
};

export function SignInPage(props: {
  municipality: Municipality;
  loginId?: string;
  next?: string;
  errors?: FieldError[];
  notice?: SignInNotice;
  /** Where sign-in through the municipality's identity provider begins; absent when it has none. */
  oidcHref?: string;
}) {
  const errors = props.errors ?? [];
  const base = staffBase(props.municipality);
  // The same error for a wrong id and a wrong password: it is shown at the id and describes both fields.
  const credentialsError = errors.find((e) => e.field === SIGN_IN_FIELDS.loginId)?.message;
  return (
    <StaffPage municipality={props.municipality} title="職員サインイン" errors={errors}>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {NOTICES[props.notice]}
        </p>
      ) : null}
      <h1>職員サインイン</h1>
      <p>{props.municipality.name}の職員用ページです。システム管理者から通知されたログインIDとパスワードを入力してください。</p>
      <form method="post" action={`${base}/sign-in`} novalidate>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          id={SIGN_IN_FIELDS.loginId}
          name="loginId"
          label="ログインID"
          value={props.loginId}
          error={credentialsError}
          autocomplete="username"
          spellcheck={false}
          maxlength={200}
        />
        <TextField
          id={SIGN_IN_FIELDS.password}
          name="password"
          label="パスワード"
          type="password"
          error={errors.find((e) => e.field === SIGN_IN_FIELDS.password)?.message}
          describedByError={credentialsError ? `${SIGN_IN_FIELDS.loginId}-error` : undefined}
          autocomplete="current-password"
        />
        <button type="submit" class="button">
          サインイン
        </button>
      </form>
      {props.oidcHref ? (
        <section aria-labelledby="oidc-sign-in">
          <h2 id="oidc-sign-in">庁内の認証基盤を使う</h2>
          <p>庁内の認証基盤（シングルサインオン）のアカウントでもサインインできます。</p>
          <p>
            <a class="button button-secondary" href={props.oidcHref}>
              庁内の認証基盤でサインイン
            </a>
          </p>
        </section>
      ) : null}
      <p class="note">
        パスワードを続けて誤るとアカウントがロックされます。ロックの解除やパスワードの再発行は、システム管理者に依頼してください。
      </p>
    </StaffPage>
  );
}

export const CODE_FIELD = "code";

export function TwoFactorPage(props: {
  municipality: Municipality;
  user: StaffUser;
  csrfToken: string;
  next?: string;
  errors?: FieldError[];
}) {
  const errors = props.errors ?? [];
  const base = staffBase(props.municipality);
  return (
    <StaffPage
      municipality={props.municipality}
      title="確認コードの入力"
      errors={errors}
      signedIn={{ user: props.user, csrfToken: props.csrfToken, ready: false }}
    >
      <ErrorSummary errors={errors} />
      <h1>確認コードの入力</h1>
      <p>認証アプリに表示されている6桁の確認コードを入力してください。</p>
      <form method="post" action={`${base}/two-factor`} novalidate>
        <CsrfField token={props.csrfToken} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          id={CODE_FIELD}
          name="code"
          label="確認コード（6桁の数字）"
          error={errors[0]?.message}
          autocomplete="one-time-code"
          inputmode="numeric"
          spellcheck={false}
          maxlength={10}
        />
        <button type="submit" class="button">
          確認
        </button>
      </form>
    </StaffPage>
  );
}

export function TwoFactorSetupPage(props: {
  municipality: Municipality;
  user: StaffUser;
  csrfToken: string;
  ready: boolean;
  enrolment: Enrolment;
  uri: string;
  /** The URI as a QR code (inline SVG from qr-code.tsx). */
  qrSvg: string;
  errors?: FieldError[];
}) {
  const errors = props.errors ?? [];
  const base = staffBase(props.municipality);
  const { secret, replacing, asksPassword } = props.enrolment;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <StaffPage
      municipality={props.municipality}
      title={replacing ? "認証アプリの変更" : "二要素認証の設定"}
      errors={errors}
      signedIn={{ user: props.user, csrfToken: props.csrfToken, ready: props.ready }}
      section="account"
    >
      <ErrorSummary errors={errors} />
      <h1>{replacing ? "認証アプリの変更" : "二要素認証の設定"}</h1>
      {replacing ? (
        <p>
          新しい認証アプリ（機種変更後のスマートフォンなど）を登録します。設定が終わるまでは、今の認証アプリが引き続き使えます。設定が終わると、ほかの端末でのサインインはすべて終了します。
        </p>
      ) : null}
      {props.ready ? null : (
        <p class="notice">
          {props.user.mustEnrolTotp && !requiresTwoFactor(props.user.roles)
            ? "システム管理者が二要素認証を初期化しました。認証アプリを登録し直すまで、ほかのページは利用できません。"
            : "あなたの役割では二要素認証が必須です。設定が終わるまで、ほかのページは利用できません。"}
        </p>
      )}
      <ol class="steps">
        <li>スマートフォンなどの認証アプリ（Google Authenticator、Microsoft Authenticator など）を開きます。</li>
        <li>
          アカウントを追加し、QRコードを読み取ります。読み取れない場合は、右（狭い画面では下）の設定キーを手動で入力します（種類は「時間ベース」）。
          <div class="enrolment-key">
            <QrCode svg={props.qrSvg} />
            <div>
              <p>設定キー（4文字ずつ区切って表示）</p>
              <p class="secret">
                <code>{groupSecret(secret)}</code>
              </p>
            </div>
          </div>
          <p class="note">
            この端末に認証アプリがある場合は、<a href={props.uri}>認証アプリで開く</a>こともできます。
          </p>
          <details>
            <summary>設定用URI（otpauth）を表示</summary>
            <p class="secret-uri">
              <code>{props.uri}</code>
            </p>
          </details>
        </li>
        <li>
          認証アプリに表示された6桁の確認コードを入力します。
          {asksPassword ? "本人の確認のため、現在のパスワードも入力してください。" : null}
        </li>
      </ol>
      <form method="post" action={`${base}/two-factor/setup`} novalidate>
        <CsrfField token={props.csrfToken} />
        {replacing ? <input type="hidden" name="secret" value={secret} /> : null}
        {asksPassword ? (
          <TextField
            id={ENROL_PASSWORD_FIELD}
            name="currentPassword"
            label="現在のパスワード"
            type="password"
            error={error(ENROL_PASSWORD_FIELD)}
            autocomplete="current-password"
          />
        ) : null}
        <TextField
          id={CODE_FIELD}
          name="code"
          label="確認コード（6桁の数字）"
          error={error(CODE_FIELD)}
          autocomplete="one-time-code"
          inputmode="numeric"
          spellcheck={false}
          maxlength={10}
        />
        <button type="submit" class="button">
          設定を完了する
        </button>
      </form>
    </StaffPage>
  );
}
