/**
 * The frame of every staff page: the municipality's staff site name, the
 * staff navigation (only the links this user may use) and, when signed in,
 * who is signed in with a sign-out button. Other modules' staff pages use it too.
 */
import type { Child } from "hono/jsx";
import type { FieldError } from "../../../core/http/form.ts";
import { CsrfField, titleWithErrors } from "../../../core/views/forms.tsx";
import { Layout, type Crumb } from "../../../core/views/layout.tsx";
import { demoNoticeOf } from "../../tenancy/demo-notice.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import { staffBase } from "../staff-area.ts";
import { hasRole, type StaffUser } from "../user.ts";

export type StaffSection = "home" | "users" | "plan" | "organisation" | "cycles" | "reports" | "audit" | "account" | "surveys";

export type StaffPageProps = {
  municipality: Municipality;
  title: string;
  /** Errors shown on the page: the document title then starts with 「エラー: 」. */
  errors?: readonly FieldError[];
  /** Absent on pages shown before sign-in is complete. */
  signedIn?: { user: StaffUser; csrfToken: string; ready: boolean };
  section?: StaffSection;
  trail?: Crumb[];
  children: Child;
};

export function StaffPage(props: StaffPageProps) {
  const base = staffBase(props.municipality);
  const signedIn = props.signedIn;
  const nav =
    signedIn?.ready === true
      ? [
          { href: base, label: "職員ホーム", current: props.section === "home" },
          ...(hasRole(signedIn.user, "administrator")
            ? [{ href: `${base}/users`, label: "利用者管理", current: props.section === "users" }]
            : []),
          // Plan authoring and the organisation registry: the secretariat's work (plan/authoring, organisation).
          ...(hasRole(signedIn.user, "secretariat") || hasRole(signedIn.user, "administrator")
            ? [
                { href: `${base}/plan`, label: "計画の編集", current: props.section === "plan" },
                { href: `${base}/organisation`, label: "組織管理", current: props.section === "organisation" },
                { href: `${base}/audit`, label: "監査ログ", current: props.section === "audit" },
              ]
            : []),
          // The yearly self-evaluation (cycle module): every workflow role; its hub page shows each role its own links.
          ...(signedIn.user.roles.some((r) => r !== "administrator")
            ? [{ href: `${base}/cycles`, label: "自己評価（PDCA）", current: props.section === "cycles" }]
            : []),
          // The annual report and the plan document (reports module): built by the secretariat, read in draft by the committee and the CIO.
          ...((["secretariat", "committee_member", "cio"] as const).some((role) => hasRole(signedIn.user, role))
            ? [{ href: `${base}/reports`, label: "報告書（PDF）", current: props.section === "reports" }]
            : []),
          // Citizen surveys (survey/fieldwork): run by the secretariat, read by the committee and the CIO.
          ...((["secretariat", "committee_member", "cio"] as const).some((role) => hasRole(signedIn.user, role))
            ? [{ href: `${base}/surveys`, label: "市民アンケート", current: props.section === "surveys" }]
            : []),
          { href: `${base}/password`, label: "パスワードの変更", current: props.section === "account" },
        ]
      : undefined;
  return (
    <Layout
      title={titleWithErrors(props.title, props.errors ?? [])}
      siteName={`${props.municipality.name}DX推進計画 職員用`}
      siteHref={base}
      nav={nav}
      notice={demoNoticeOf(props.municipality)}
      crumbs={props.trail ? [{ href: base, label: "職員ホーム" }, ...props.trail, { label: props.title }] : undefined}
    >
      {signedIn ? (
        <div class="staff-account">
          <p>
            サインイン中: {signedIn.user.displayName}
            {signedIn.user.division ? `（${signedIn.user.division.name}）` : ""}
          </p>
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
