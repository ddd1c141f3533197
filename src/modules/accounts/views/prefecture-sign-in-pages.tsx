/**
 * A prefecture administrator's sign-in, second factor, its enrolment and the
 * password change (decision 037). The forms, field ids and messages are the
 * municipal staff's (sign-in-pages.tsx, account-pages.tsx); only the frame
 * and the addresses differ.
 */
import { errorFor, type FieldError } from "../../../core/http/form.ts";
import { CsrfField, ErrorSummary, TextField } from "../../../core/views/forms.tsx";
import type { Prefecture } from "../../tenancy/prefectures.ts";
import { PASSWORD_FIELDS } from "../commands/change-password.ts";
import type { Enrolment } from "../commands/two-factor.ts";
import { MIN_PASSWORD_LENGTH } from "../domain/password-policy.ts";
import { groupSecret } from "../domain/totp.ts";
import { prefectureStaffBase } from "../prefecture-area.ts";
import type { PrefectureAdmin } from "../user.ts";
import { PrefectureStaffPage } from "./prefecture-staff-page.tsx";
import { QrCode } from "./qr-code.tsx";
import { CODE_FIELD, ENROL_PASSWORD_FIELD, SIGN_IN_FIELDS } from "./sign-in-pages.tsx";

type Signed = { prefecture: Prefecture; admin: PrefectureAdmin; csrfToken: string; errors?: FieldError[] };

const SIGN_IN_NOTICES = {
  signed_out: "サインアウトしました。",
  expired: "一定時間が経過したため、サインアウトしました。もう一度サインインしてください。",
  ended: "確認コードの誤りが続いたため、サインインを中止しました。",
  locked: "現在のパスワードの誤りが続いたため、このアカウントをロックし、サインアウトしました。このシステムの運用者にロックの解除を依頼してください。",
} as const;
export type PrefectureSignInNotice = keyof typeof SIGN_IN_NOTICES;
export const PREFECTURE_SIGN_IN_NOTICES = Object.keys(SIGN_IN_NOTICES) as PrefectureSignInNotice[];

export function PrefectureSignInPage(props: { prefecture: Prefecture; loginId?: string; errors?: FieldError[]; notice?: PrefectureSignInNotice }) {
  const errors = props.errors ?? [];
  const credentialsError = errorFor(errors, SIGN_IN_FIELDS.loginId);
  return (
    <PrefectureStaffPage prefecture={props.prefecture} title="都道府県管理者のサインイン" errors={errors}>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {SIGN_IN_NOTICES[props.notice]}
        </p>
      ) : null}
      <h1>都道府県管理者のサインイン</h1>
      <p>{props.prefecture.name}の市町村を登録・設定する管理者のページです。市町村の職員の方は、各市町村の職員用ページからサインインしてください。</p>
      <form method="post" action={`${prefectureStaffBase(props.prefecture)}/sign-in`} novalidate>
        <TextField id={SIGN_IN_FIELDS.loginId} name="loginId" label="ログインID" value={props.loginId} error={credentialsError} autocomplete="username" spellcheck={false} maxlength={200} />
        <TextField
          id={SIGN_IN_FIELDS.password}
          name="password"
          label="パスワード"
          type="password"
          error={errorFor(errors, SIGN_IN_FIELDS.password)}
          describedByError={credentialsError ? `${SIGN_IN_FIELDS.loginId}-error` : undefined}
          autocomplete="current-password"
        />
        <button type="submit" class="button">
          サインイン
        </button>
      </form>
      <p class="note">パスワードを続けて誤るとアカウントがロックされます。ロックの解除は、このシステムの運用者に依頼してください。</p>
    </PrefectureStaffPage>
  );
}

export function PrefectureTwoFactorPage(props: Signed) {
  const errors = props.errors ?? [];
  return (
    <PrefectureStaffPage prefecture={props.prefecture} title="確認コードの入力" errors={errors} signedIn={{ ...props, ready: false }}>
      <ErrorSummary errors={errors} />
      <h1>確認コードの入力</h1>
      <p>認証アプリに表示されている6桁の確認コードを入力してください。</p>
      <form method="post" action={`${prefectureStaffBase(props.prefecture)}/two-factor`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField id={CODE_FIELD} name="code" label="確認コード（6桁の数字）" error={errors[0]?.message} autocomplete="one-time-code" inputmode="numeric" spellcheck={false} maxlength={10} />
        <button type="submit" class="button">
          確認
        </button>
      </form>
    </PrefectureStaffPage>
  );
}

export function PrefectureTwoFactorSetupPage(props: Signed & { enrolment: Enrolment; uri: string; qrSvg: string; ready: boolean }) {
  const errors = props.errors ?? [];
  const { secret, replacing, asksPassword } = props.enrolment;
  const title = replacing ? "認証アプリの変更" : "二要素認証の設定";
  return (
    <PrefectureStaffPage prefecture={props.prefecture} title={title} errors={errors} signedIn={{ ...props, ready: props.ready }} section="account">
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {props.ready ? null : <p class="notice">都道府県管理者には二要素認証が必須です。設定が終わるまで、ほかのページは利用できません。</p>}
      <ol class="steps">
        <li>スマートフォンなどの認証アプリを開き、アカウントを追加します。</li>
        <li>
          QRコードを読み取ります。読み取れない場合は設定キーを手動で入力します（種類は「時間ベース」）。
          <div class="enrolment-key">
            <QrCode svg={props.qrSvg} />
            <div>
              <p>設定キー（4文字ずつ区切って表示）</p>
              <p class="secret">
                <code>{groupSecret(secret)}</code>
              </p>
            </div>
          </div>
        </li>
        <li>認証アプリに表示された6桁の確認コードと、本人の確認のため現在のパスワードを入力します。</li>
      </ol>
      <form method="post" action={`${prefectureStaffBase(props.prefecture)}/two-factor/setup`} novalidate>
        <CsrfField token={props.csrfToken} />
        {replacing ? <input type="hidden" name="secret" value={secret} /> : null}
        {asksPassword ? (
          <TextField id={ENROL_PASSWORD_FIELD} name="currentPassword" label="現在のパスワード" type="password" error={errorFor(errors, ENROL_PASSWORD_FIELD)} autocomplete="current-password" />
        ) : null}
        <TextField id={CODE_FIELD} name="code" label="確認コード（6桁の数字）" error={errorFor(errors, CODE_FIELD)} autocomplete="one-time-code" inputmode="numeric" spellcheck={false} maxlength={10} />
        <button type="submit" class="button">
          設定を完了する
        </button>
      </form>
    </PrefectureStaffPage>
  );
}

export function PrefecturePasswordPage(props: Signed & { ready: boolean }) {
  const errors = props.errors ?? [];
  const temporary = props.admin.mustChangePassword;
  return (
    <PrefectureStaffPage prefecture={props.prefecture} title="パスワードの変更" errors={errors} signedIn={{ ...props, ready: props.ready }} section="account">
      <ErrorSummary errors={errors} />
      <h1>パスワードの変更</h1>
      {temporary ? <p class="notice">仮パスワードでサインインしました。続けて利用するには、ご自身のパスワードを設定してください。</p> : null}
      <form method="post" action={`${prefectureStaffBase(props.prefecture)}/password`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField id={PASSWORD_FIELDS.current} name="currentPassword" label={temporary ? "仮パスワード" : "現在のパスワード"} type="password" error={errorFor(errors, PASSWORD_FIELDS.current)} autocomplete="current-password" />
        <TextField
          id={PASSWORD_FIELDS.new}
          name="newPassword"
          label="新しいパスワード"
          type="password"
          hint={`${MIN_PASSWORD_LENGTH}文字以上。よく使われるパスワードやログインIDを含むものは使えません。`}
          error={errorFor(errors, PASSWORD_FIELDS.new)}
          autocomplete="new-password"
        />
        <TextField id={PASSWORD_FIELDS.confirmation} name="confirmation" label="新しいパスワード（確認）" type="password" error={errorFor(errors, PASSWORD_FIELDS.confirmation)} autocomplete="new-password" />
        <button type="submit" class="button">
          変更する
        </button>
      </form>
    </PrefectureStaffPage>
  );
}
