/**
 * The confirmation step before an administrator's change that cannot be
 * undone as it was (a password reissued, a second factor reset, an account
 * stopped), and the page that shows a reissued temporary password once.
 * A link leads here, the form here makes the change: it works without script.
 */
import { CsrfField } from "../../../core/views/forms.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import { staffBase } from "../staff-area.ts";
import type { StaffUser } from "../user.ts";
import { StaffPage } from "./staff-page.tsx";
import { TemporaryPasswordNotice, TemporaryPasswordRow } from "./temporary-password.tsx";

type Admin = { user: StaffUser; csrfToken: string };

export type LifecycleAction = "password-reissue" | "two-factor-reset" | "deactivate";

const ACTIONS: Record<LifecycleAction, { title: string; consequences: string[]; button: string }> = {
  "password-reissue": {
    title: "仮パスワードの再発行",
    consequences: [
      "今のパスワードは使えなくなります。",
      "サインイン中の端末はすべてサインアウトします。",
      "ロックされている場合は解除されます。",
      "次の画面に仮パスワードを1回だけ表示します。本人は次回のサインインで自分のパスワードを設定します。",
    ],
    button: "仮パスワードを再発行する",
  },
  "two-factor-reset": {
    title: "二要素認証の初期化",
    consequences: [
      "登録されている認証アプリは使えなくなります。",
      "サインイン中の端末はすべてサインアウトします。",
      "本人は次回のサインインで、パスワードのあとに認証アプリを登録し直します。",
    ],
    button: "二要素認証を初期化する",
  },
  deactivate: {
    title: "アカウントの停止",
    consequences: [
      "本人はサインインできなくなります。",
      "サインイン中の端末はすべて、すぐにサインアウトします。",
      "これまでの記録（報告や監査ログ）はそのまま残ります。あとで再開できます。",
    ],
    button: "アカウントを停止する",
  },
};

export function ConfirmLifecyclePage(props: { municipality: Municipality; admin: Admin; target: StaffUser; action: LifecycleAction }) {
  const { target } = props;
  const action = ACTIONS[props.action];
  const userPath = `${staffBase(props.municipality)}/users/${target.id}`;
  const who = `${target.displayName}（${target.loginId}）`;
  return (
    <StaffPage
      municipality={props.municipality}
      title={`${action.title}の確認`}
      signedIn={{ ...props.admin, ready: true }}
      section="users"
      trail={[
        { href: `${staffBase(props.municipality)}/users`, label: "利用者管理" },
        { href: userPath, label: who },
      ]}
    >
      <h1>{action.title}の確認</h1>
      <p>
        <strong>{who}</strong>
        {target.division ? `（${target.division.name}）` : ""}の{action.title}を行います。
      </p>
      <ul>
        {action.consequences.map((c) => (
          <li>{c}</li>
        ))}
      </ul>
      <form method="post" action={`${userPath}/${props.action}`} class="button-row">
        <CsrfField token={props.admin.csrfToken} />
        <button type="submit" class="button button-danger">
          {action.button}
        </button>
        <a href={userPath}>やめて戻る</a>
      </form>
    </StaffPage>
  );
}

export function PasswordReissuedPage(props: {
  municipality: Municipality;
  admin: Admin;
  target: StaffUser;
  temporaryPassword: string;
  sessionsEnded: number;
}) {
  const { target } = props;
  const userPath = `${staffBase(props.municipality)}/users/${target.id}`;
  return (
    <StaffPage
      municipality={props.municipality}
      title="仮パスワードを再発行しました"
      signedIn={{ ...props.admin, ready: true }}
      section="users"
      trail={[{ href: `${staffBase(props.municipality)}/users`, label: "利用者管理" }]}
    >
      <h1>仮パスワードを再発行しました</h1>
      <dl class="summary-list">
        <div>
          <dt>ログインID</dt>
          <dd>{target.loginId}</dd>
        </div>
        <div>
          <dt>氏名</dt>
          <dd>{target.displayName}</dd>
        </div>
        <TemporaryPasswordRow password={props.temporaryPassword} />
      </dl>
      <TemporaryPasswordNotice>
        {props.sessionsEnded > 0 ? `サインイン中だった${props.sessionsEnded}台の端末はサインアウトしました。` : ""}
      </TemporaryPasswordNotice>
      <p>
        <a href={userPath}>この利用者の詳細へ</a>
      </p>
    </StaffPage>
  );
}
