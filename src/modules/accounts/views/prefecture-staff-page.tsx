/**
 * The frame of a prefecture administrator's pages (decision 037): the
 * prefecture's site name, the navigation once signed in, and who is signed
 * in with a sign-out button. The prefecture module's pages use it too.
 */
import type { Child } from "hono/jsx";
import type { FieldError } from "../../../core/http/form.ts";
import { CsrfField, titleWithErrors } from "../../../core/views/forms.tsx";
import { Layout, type Crumb } from "../../../core/views/layout.tsx";
import type { Prefecture } from "../../tenancy/prefectures.ts";
import { prefectureStaffBase } from "../prefecture-area.ts";
import type { PrefectureAdmin } from "../user.ts";

export function PrefectureStaffPage(props: {
  prefecture: Prefecture;
  title: string;
  errors?: readonly FieldError[];
  signedIn?: { admin: PrefectureAdmin; csrfToken: string; ready: boolean };
  section?: "home" | "new" | "account";
  trail?: Crumb[];
  children: Child;
}) {
  const base = prefectureStaffBase(props.prefecture);
  const { signedIn } = props;
  const nav = signedIn?.ready
    ? [
        { href: base, label: "市町村の一覧", current: props.section === "home" },
        { href: `${base}/municipalities/new`, label: "市町村の登録", current: props.section === "new" },
        { href: `${base}/password`, label: "パスワードの変更", current: props.section === "account" },
      ]
    : undefined;
  return (
    <Layout
      title={titleWithErrors(props.title, props.errors ?? [])}
      siteName={`${props.prefecture.name} DX推進計画 都道府県管理`}
      siteHref={base}
      nav={nav}
      crumbs={props.trail ? [{ href: base, label: "市町村の一覧" }, ...props.trail, { label: props.title }] : undefined}
    >
      {signedIn ? (
        <div class="staff-account">
          <p>サインイン中: {signedIn.admin.displayName}（都道府県管理者）</p>
          <form method="post" action={`${base}/sign-out`}>
            <CsrfField token={signedIn.csrfToken} />
            <button type="submit" class="button button-secondary button-small">
              サインアウト
            </button>
          </form>
        </div>
      ) : null}
      {props.children}
    </Layout>
  );
}
