/**
 * The staff home and the user's own account: password change. The home
 * starts with the user's work (what waits for them, drawn by the cycle
 * module) and keeps the account's facts and menu below it.
 */
import type { Child } from "hono/jsx";
import type { FieldError } from "../../../core/http/form.ts";
import { CsrfField, ErrorSummary, TextField } from "../../../core/views/forms.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import { PASSWORD_FIELDS } from "../commands/change-password.ts";
import { MIN_PASSWORD_LENGTH } from "../domain/password-policy.ts";
import { ROLE_LABELS } from "../../tenancy/roles.ts";
import { staffBase } from "../staff-area.ts";
import { hasRole, type StaffUser } from "../user.ts";
import { StaffPage } from "./staff-page.tsx";

export type HomeNotice = "password_changed" | "two_factor_enabled" | "signed_in";

const HOME_NOTICES: Record<HomeNotice, string> = {
  password_changed: "パスワードを変更しました。ほかの端末のサインインは終了しました。",
  two_factor_enabled: "二要素認証を設定しました。次回から、サインインの際に確認コードが必要です。",
  signed_in: "サインインしました。",
};

export function StaffHomePage(props: { municipality: Municipality; user: StaffUser; csrfToken: string; notice?: HomeNotice; work?: Child }) {
  const { user } = props;
  const base = staffBase(props.municipality);
  return (
    <StaffPage
      municipality={props.municipality}
      title="職員ホーム"
      signedIn={{ user, csrfToken: props.csrfToken, ready: true }}
      section="home"
    >
      {props.notice ? (
        <p class="notice" role="status">
          {HOME_NOTICES[props.notice]}
        </p>
      ) : null}
      <h1>職員ホーム</h1>
      {props.work ?? null}
      <h2 id="account">あなたのアカウント</h2>
      <dl class="summary-list">
        <div>
          <dt>氏名</dt>
          <dd>{user.displayName}</dd>
        </div>
        <div>
          <dt>所属</dt>
          <dd>{user.division?.name ?? "（未設定）"}</dd>
        </div>
        <div>
          <dt>役割</dt>
          <dd>{user.roles.length > 0 ? user.roles.map((r) => ROLE_LABELS[r]).join("、") : "（なし）"}</dd>
        </div>
        <div>
          <dt>二要素認証</dt>
          <dd>{user.totpEnabled ? "設定済み" : "未設定"}</dd>
        </div>
      </dl>
      <h2>メニュー</h2>
      <ul>
        {hasRole(user, "administrator") ? (
          <li>
            <a href={`${base}/users`}>利用者管理</a>
          </li>
        ) : null}
        <li>
          <a href={`${base}/password`}>パスワードの変更</a>
        </li>
        {!user.totpEnabled ? (
          <li>
            <a href={`${base}/two-factor/setup`}>二要素認証の設定</a>
          </li>
        ) : user.hasPassword ? (
          <li>
            <a href={`${base}/two-factor/setup`}>認証アプリの変更</a>
          </li>
        ) : null}
        <li>
          <a href={`/${props.municipality.lgCode}`}>公開ページ（市民向け）</a>
        </li>
      </ul>
      <h2>すべての端末からサインアウト</h2>
      <p>ほかのパソコンやスマートフォンでサインインしたままになっている場合は、すべてのサインインを終了できます。</p>
      <form method="post" action={`${base}/sign-out-everywhere`}>
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="button button-secondary">
          すべての端末からサインアウト
        </button>
      </form>
    </StaffPage>
  );
}

export function PasswordPage(props: {
  municipality: Municipality;
  user: StaffUser;
  csrfToken: string;
  ready: boolean;
  errors?: FieldError[];
}) {
  const errors = props.errors ?? [];
  const base = staffBase(props.municipality);
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <StaffPage
      municipality={props.municipality}
      title="パスワードの変更"
      errors={errors}
      signedIn={{ user: props.user, csrfToken: props.csrfToken, ready: props.ready }}
      section="account"
    >
      <ErrorSummary errors={errors} />
      <h1>パスワードの変更</h1>
      {props.user.mustChangePassword ? (
        <p class="notice">仮パスワードでサインインしました。続けて利用するには、ご自身のパスワードを設定してください。</p>
      ) : null}
      <form method="post" action={`${base}/password`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          id={PASSWORD_FIELDS.current}
          name="currentPassword"
          label={props.user.mustChangePassword ? "仮パスワード" : "現在のパスワード"}
          type="password"
          error={error(PASSWORD_FIELDS.current)}
          autocomplete="current-password"
        />
        <TextField
          id={PASSWORD_FIELDS.new}
          name="newPassword"
          label="新しいパスワード"
          type="password"
          hint={`${MIN_PASSWORD_LENGTH}文字以上。よく使われるパスワードやログインIDを含むものは使えません。長い文（パスフレーズ）がおすすめです。`}
          error={error(PASSWORD_FIELDS.new)}
          autocomplete="new-password"
        />
        <TextField
          id={PASSWORD_FIELDS.confirmation}
          name="confirmation"
          label="新しいパスワード（確認）"
          type="password"
          error={error(PASSWORD_FIELDS.confirmation)}
          autocomplete="new-password"
        />
        <button type="submit" class="button">
          変更する
        </button>
      </form>
    </StaffPage>
  );
}
