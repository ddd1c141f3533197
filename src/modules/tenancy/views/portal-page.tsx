/**
 * The frame of every page of one municipality's portal: its site name,
 * navigation and breadcrumbs, so each page view only renders its content.
 */
import type { Child } from "hono/jsx";
import { Layout, type Crumb } from "../../../core/views/layout.tsx";
import { demoNoticeOf } from "../demo-notice.ts";
import { ContactFooter } from "./contact-footer.tsx";
import type { Municipality } from "../municipality.ts";

export type Section = "top" | "initiatives" | "divisions" | "coverage" | "glossary" | "results" | "evaluation" | "changes" | "open-data" | "surveys";

const SECTIONS: { key: Section; path: string; label: string }[] = [
  { key: "top", path: "", label: "トップ" },
  { key: "initiatives", path: "/initiatives", label: "取組項目" },
  { key: "divisions", path: "/divisions", label: "担当課" },
  { key: "coverage", path: "/coverage", label: "国の計画との対応" },
  { key: "results", path: "/results", label: "評価結果" },
  { key: "evaluation", path: "/evaluation-history", label: "評価の推移" },
  { key: "surveys", path: "/surveys", label: "市民アンケート" },
  { key: "glossary", path: "/glossary", label: "用語説明" },
  { key: "changes", path: "/changes", label: "変更履歴" },
  { key: "open-data", path: "/open-data", label: "オープンデータ" },
];

export const siteNameOf = (m: Municipality) => `${m.name}DX推進計画`;
export const basePath = (m: Municipality) => `/${m.lgCode}`;

export function PortalPage(props: {
  municipality: Municipality;
  section: Section;
  title: string;
  description?: string;
  /** Crumbs between the top page and this page (the top and this page are added). */
  trail?: Crumb[];
  children: Child;
}) {
  const base = basePath(props.municipality);
  const isTop = props.section === "top" && !props.trail;
  const crumbs: Crumb[] | undefined = isTop
    ? undefined
    : [{ href: base, label: "トップ" }, ...(props.trail ?? []), { label: props.title }];
  return (
    <Layout
      title={props.title}
      siteName={siteNameOf(props.municipality)}
      siteHref={base}
      description={props.description}
      crumbs={crumbs}
      notice={demoNoticeOf(props.municipality)}
      footer={<ContactFooter municipality={props.municipality} />}
      nav={SECTIONS.map((s) => ({
        href: `${base}${s.path}`,
        label: s.label,
        current: s.key === props.section && (s.key !== "top" || isTop),
      }))}
    >
      {props.children}
    </Layout>
  );
}
