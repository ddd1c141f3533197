/** Administrators' pages: the list of accounts, one account (roles, unlock), a new account. */
import type { FieldError } from "../../../core/http/form.ts";
import { CheckboxGroup, CsrfField, ErrorSummary, FieldMessage, SelectField, TextField } from "../../../core/views/forms.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import { NEW_USER_FIELDS, type NewUserInput } from "../commands/manage-users.ts";
import { ROLE_LABELS, ROLES, twoFactorRoleNames, type Role } from "../../tenancy/roles.ts";
import { staffBase } from "../staff-area.ts";
import type { Division, StaffUser } from "../user.ts";
import { StaffPage } from "./staff-page.tsx";
import { TemporaryPasswordNotice, TemporaryPasswordRow } from "./temporary-password.tsx";

type Admin = { user: StaffUser; csrfToken: string };

const usersCrumb = (m: Municipality) => [{ href: `${staffBase(m)}/users`, label: "利用者管理" }];

export function accountStatus(user: StaffUser): string {
  if (user.disabledAt) return "停止中";
  if (user.lockedAt) return "ロック中";
  return "有効";
}

const roleList = (roles: readonly Role[]) => (roles.length > 0 ? roles.map((r) => ROLE_LABELS[r]).join("、") : "（なし）");

export function UserListPage(props: { municipality: Municipality; admin: Admin; users: StaffUser[] }) {
  const base = staffBase(props.municipality);
  return (
    <StaffPage
      municipality={props.municipality}
      title="利用者管理"
      signedIn={{ ...props.admin, ready: true }}
      section="users"
      trail={[]}
    >
      <h1>利用者管理</h1>
      <p class="button-row">
        <a class="button" href={`${base}/users/new`}>
          利用者を追加
        </a>
        <a class="button button-secondary" href={`${base}/users/import`}>
          職員の一括登録（CSV）
        </a>
      </p>
      <TableWrap label="利用者の一覧">
        <table>
          <caption>利用者の一覧（{props.users.length}人）</caption>
          <thead>
            <tr>
              <th scope="col">ログインID</th>
              <th scope="col">氏名</th>
              <th scope="col">所属</th>
              <th scope="col">役割</th>
              <th scope="col">二要素認証</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((u) => (
              <tr>
                <th scope="row">
                  <a href={`${base}/users/${u.id}`}>{u.loginId}</a>
                </th>
                <td>{u.displayName}</td>
                <td>{u.division?.name ?? "—"}</td>
                <td>{roleList(u.roles)}</td>
                <td>{u.totpEnabled ? "設定済み" : "未設定"}</td>
                <td>{accountStatus(u)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </StaffPage>
  );
}

export type UserNotice =
  | "created"
  | "roles_changed"
  | "unlocked"
  | "division_changed"
  | "two_factor_reset"
  | "deactivated"
  | "reactivated"
  | "unchanged";

export const USER_NOTICE_KEYS: readonly UserNotice[] = [
  "created",
  "roles_changed",
  "unlocked",
  "division_changed",
  "two_factor_reset",
  "deactivated",
  "reactivated",
  "unchanged",
];

const USER_NOTICES: Record<UserNotice, string> = {
  created: "利用者を追加しました。",
  roles_changed: "役割を変更しました。",
  unlocked: "ロックを解除しました。",
  division_changed: "所属を変更しました。",
  two_factor_reset: "二要素認証を初期化しました。本人は次回のサインインで認証アプリを登録し直します。サインイン中の端末はすべてサインアウトしました。",
  deactivated: "アカウントを停止しました。サインイン中の端末はすべてサインアウトしました。",
  reactivated: "アカウントを再開しました。",
  unchanged: "変更はありませんでした。",
};

/** Field ids of the detail page's forms, so that a refusal points at its form. */
export const DETAIL_FIELDS = { roles: "roles-0", division: "division", actions: "account-actions" } as const;

export function UserDetailPage(props: {
  municipality: Municipality;
  admin: Admin;
  target: StaffUser;
  divisions: Division[];
  notice?: UserNotice;
  /** A refused change: the message, at the field of its form; for roles, the roles that were asked for. */
  error?: { field: string; message: string; roles?: Role[]; divisionId?: string };
}) {
  const { target } = props;
  const base = `${staffBase(props.municipality)}/users/${target.id}`;
  const errors = props.error ? [{ field: props.error.field, message: props.error.message }] : [];
  const errorAt = (field: string) => (props.error?.field === field ? props.error.message : undefined);
  const checked = props.error?.roles ?? target.roles;
  const self = target.id === props.admin.user.id;
  return (
    <StaffPage
      municipality={props.municipality}
      title={`${target.displayName}（${target.loginId}）`}
      errors={errors}
      signedIn={{ ...props.admin, ready: true }}
      section="users"
      trail={usersCrumb(props.municipality)}
    >
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {USER_NOTICES[props.notice]}
        </p>
      ) : null}
      <h1>
        {target.displayName}（{target.loginId}）
      </h1>
      <dl class="summary-list">
        <div>
          <dt>所属</dt>
          <dd>{target.division?.name ?? "（未設定）"}</dd>
        </div>
        <div>
          <dt>メールアドレス</dt>
          <dd>{target.email ?? "（未設定）"}</dd>
        </div>
        <div>
          <dt>状態</dt>
          <dd>
            {accountStatus(target)}
            {target.failedSignIns > 0 ? `（連続失敗 ${target.failedSignIns}回）` : ""}
          </dd>
        </div>
        <div>
          <dt>二要素認証</dt>
          <dd>{target.totpEnabled ? "設定済み" : target.mustEnrolTotp ? "未設定（次回のサインインで登録）" : "未設定"}</dd>
        </div>
        <div>
          <dt>パスワード</dt>
          <dd>{!target.hasPassword ? "なし（外部認証のみ）" : target.mustChangePassword ? "仮パスワード（未変更）" : "設定済み"}</dd>
        </div>
      </dl>
      {target.lockedAt ? (
        <>
          <h2>ロックの解除</h2>
          <p>サインインの失敗が続いたため、このアカウントはロックされています。本人に確認してから解除してください。</p>
          <form method="post" action={`${base}/unlock`}>
            <CsrfField token={props.admin.csrfToken} />
            <button type="submit" class="button">
              ロックを解除する
            </button>
          </form>
        </>
      ) : null}
      <h2>所属</h2>
      <form method="post" action={`${base}/division`}>
        <CsrfField token={props.admin.csrfToken} />
        <SelectField
          id={DETAIL_FIELDS.division}
          name="divisionId"
          label="所属"
          hint="人事異動で所属が変わったときに変更します。多数の異動は「職員の一括登録（CSV）」が便利です。"
          value={props.error?.divisionId ?? (target.division ? String(target.division.id) : "")}
          error={errorAt(DETAIL_FIELDS.division)}
          options={[{ value: "", label: "（未設定）" }, ...props.divisions.map((d) => ({ value: String(d.id), label: d.name }))]}
        />
        <button type="submit" class="button">
          所属を保存する
        </button>
      </form>
      <h2>役割</h2>
      <form method="post" action={`${base}/roles`}>
        <CsrfField token={props.admin.csrfToken} />
        <CheckboxGroup
          idPrefix="roles"
          name="role"
          legend="割り当てる役割"
          hint={`${twoFactorRoleNames()}には二要素認証が必須です。`}
          error={errorAt(DETAIL_FIELDS.roles)}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], checked: checked.includes(r) }))}
        />
        <button type="submit" class="button">
          役割を保存する
        </button>
      </form>
      <h2 id={DETAIL_FIELDS.actions} tabindex={-1}>
        アカウントの操作
      </h2>
      <FieldMessage id={`${DETAIL_FIELDS.actions}-error`} message={errorAt(DETAIL_FIELDS.actions)} />
      {self ? (
        <p>ご自身のアカウントの停止、パスワードの再発行、二要素認証の初期化はできません。必要な場合は別のシステム管理者に依頼してください。</p>
      ) : (
        <ul class="account-actions">
          {target.hasPassword ? (
            <li>
              <a href={`${base}/password-reissue`}>仮パスワードを再発行する</a>
              <span class="hint">パスワードを忘れた、またはロックされた場合。今のパスワードは使えなくなります。</span>
            </li>
          ) : null}
          {target.totpEnabled ? (
            <li>
              <a href={`${base}/two-factor-reset`}>二要素認証を初期化する</a>
              <span class="hint">認証アプリの入ったスマートフォンを紛失・機種変更した場合。</span>
            </li>
          ) : null}
          {target.disabledAt ? null : (
            <li>
              <a href={`${base}/deactivate`}>アカウントを停止する</a>
              <span class="hint">退職や長期の休職の場合。記録は残り、あとで再開できます。</span>
            </li>
          )}
        </ul>
      )}
      {target.disabledAt ? (
        <form method="post" action={`${base}/reactivate`}>
          <CsrfField token={props.admin.csrfToken} />
          <p>このアカウントは停止中です。再開すると、本人は今のパスワードでサインインできるようになります。</p>
          <button type="submit" class="button">
            アカウントを再開する
          </button>
        </form>
      ) : null}
    </StaffPage>
  );
}

export type NewUserValues = { loginId: string; displayName: string; email: string; divisionId: string; roles: string[] };

export function NewUserPage(props: {
  municipality: Municipality;
  admin: Admin;
  divisions: Division[];
  values?: NewUserValues;
  errors?: FieldError[];
}) {
  const errors = props.errors ?? [];
  const values = props.values ?? { loginId: "", displayName: "", email: "", divisionId: "", roles: [] };
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <StaffPage
      municipality={props.municipality}
      title="利用者の追加"
      errors={errors}
      signedIn={{ ...props.admin, ready: true }}
      section="users"
      trail={usersCrumb(props.municipality)}
    >
      <ErrorSummary errors={errors} />
      <h1>利用者の追加</h1>
      <p>追加すると仮パスワードを1回だけ表示します。本人に直接伝えてください。初回のサインインで本人がパスワードを設定します。</p>
      <form method="post" action={`${staffBase(props.municipality)}/users/new`} novalidate>
        <CsrfField token={props.admin.csrfToken} />
        <TextField
          id={NEW_USER_FIELDS.loginId}
          name="loginId"
          label="ログインID"
          hint="半角英数字と . _ - で3〜64文字。先頭は英数字。大文字と小文字は区別しません。"
          value={values.loginId}
          error={error(NEW_USER_FIELDS.loginId)}
          autocomplete="off"
          spellcheck={false}
          required
        />
        <TextField
          id={NEW_USER_FIELDS.displayName}
          name="displayName"
          label="氏名"
          value={values.displayName}
          error={error(NEW_USER_FIELDS.displayName)}
          autocomplete="off"
          required
        />
        <TextField
          id={NEW_USER_FIELDS.email}
          name="email"
          label="メールアドレス（任意）"
          type="email"
          value={values.email}
          error={error(NEW_USER_FIELDS.email)}
          autocomplete="off"
          spellcheck={false}
        />
        <SelectField
          id={NEW_USER_FIELDS.divisionId}
          name="divisionId"
          label="所属（任意）"
          value={values.divisionId}
          error={error(NEW_USER_FIELDS.divisionId)}
          options={[{ value: "", label: "（未設定）" }, ...props.divisions.map((d) => ({ value: String(d.id), label: d.name }))]}
        />
        <CheckboxGroup
          idPrefix="roles"
          name="role"
          legend="役割"
          hint={`${twoFactorRoleNames()}には二要素認証が必須です。`}
          error={error(NEW_USER_FIELDS.roles)}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], checked: values.roles.includes(r) }))}
        />
        <button type="submit" class="button">
          追加する
        </button>
      </form>
    </StaffPage>
  );
}

export function UserCreatedPage(props: {
  municipality: Municipality;
  admin: Admin;
  created: NewUserInput & { id: number };
  temporaryPassword: string;
}) {
  const base = staffBase(props.municipality);
  return (
    <StaffPage
      municipality={props.municipality}
      title="利用者を追加しました"
      signedIn={{ ...props.admin, ready: true }}
      section="users"
      trail={usersCrumb(props.municipality)}
    >
      <h1>利用者を追加しました</h1>
      <dl class="summary-list">
        <div>
          <dt>ログインID</dt>
          <dd>{props.created.loginId}</dd>
        </div>
        <div>
          <dt>氏名</dt>
          <dd>{props.created.displayName}</dd>
        </div>
        <div>
          <dt>役割</dt>
          <dd>{roleList(props.created.roles)}</dd>
        </div>
        <TemporaryPasswordRow password={props.temporaryPassword} />
      </dl>
      <TemporaryPasswordNotice />
      <p>
        <a href={`${base}/users/${props.created.id}`}>この利用者の詳細へ</a>　<a href={`${base}/users`}>利用者の一覧へ</a>
      </p>
    </StaffPage>
  );
}
