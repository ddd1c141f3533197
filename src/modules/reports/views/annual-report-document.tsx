/**
 * The annual report as the HTML that Chromium prints (取組状況報告書):
 * cover (municipality, plan, fiscal year in 和暦 and 西暦, date), contents
 * with page numbers, summary, a section per policy, a page per initiative,
 * the appendix. A draft says 「案」 on every page.
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import type { HeadingPages } from "../../../core/pdf/print.ts";
import { dateLabel } from "../../cycle/domain/deadlines.ts";
import type { AnnualReport } from "../domain/content.ts";
import { annualHeadings, annualIds, InitiativeSection, PolicySection, SummarySection } from "./annual-report-sections.tsx";
import { Contents, Cover, PrintDocument } from "./document-shell.tsx";
import { Appendix } from "./parts.tsx";
import { printCss } from "./print-css.ts";

export const annualReportTitle = (r: Pick<AnnualReport, "plan" | "fiscalYear" | "draft">) =>
  `${r.plan.title} ${warekiFiscalYear(r.fiscalYear)}取組状況報告書${r.draft ? "（案）" : ""}`;

export function renderAnnualReportHtml(report: AnnualReport, options: { builtOn: string; pages: HeadingPages | undefined }): string {
  const header = `${report.plan.title}　${fiscalYearLabel(report.fiscalYear)} 取組状況報告書${report.draft ? "（案）" : ""}`;
  const doc = (
    <PrintDocument title={annualReportTitle(report)} css={printCss({ header, draft: report.draft })} draft={report.draft}>
      <Cover
        municipality={report.municipality.name}
        title={`${report.plan.title} 取組状況報告書`}
        lines={[fiscalYearLabel(report.fiscalYear), ...(report.draft ? ["デジタル化推進委員会 審査用"] : [])]}
        date={`${dateLabel(options.builtOn)}作成`}
        draft={report.draft}
      />
      <Contents headings={annualHeadings(report)} pages={options.pages} />
      <SummarySection report={report} pageClass="page" />
      {report.policies.map((policy) => (
        <>
          <PolicySection policy={policy} pageClass="page" />
          {policy.initiatives.map((initiative) => (
            <InitiativeSection report={report} initiative={initiative} pageClass="page" />
          ))}
        </>
      ))}
      <Appendix frame={report} annual headingIds={{ method: annualIds.method, glossary: annualIds.glossary }} pageClass="page" />
    </PrintDocument>
  );
  return doc.toString();
}
