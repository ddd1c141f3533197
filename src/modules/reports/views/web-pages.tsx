/**
 * The documents as web pages for citizens: the same sections as the PDF
 * (annual-report-sections.tsx, plan-document-sections.tsx) inside the
 * portal's frame, with a link to the PDF and the contents as links.
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { resultsPath } from "../../cycle/views/paths.ts";
import type { Plan } from "../../plan/plan.ts";
import { PortalPage } from "../../tenancy/views/portal-page.tsx";
import type { AnnualReport, Heading, PlanDocument } from "../domain/content.ts";
import { annualHeadings, annualIds, InitiativeSection, PolicySection, SummarySection } from "./annual-report-sections.tsx";
import { Appendix } from "./parts.tsx";
import { GoalSection, planHeadings, planIds, PlanInitiativeSection, PlanPolicySection } from "./plan-document-sections.tsx";

export const annualReportPath = (lgCode: string, fiscalYear: number) => `/${lgCode}/results/${fiscalYear}/report`;
export const planDocumentPath = (lgCode: string) => `/${lgCode}/plan-document`;

function ContentsLinks(props: { headings: Heading[] }) {
  return (
    <nav aria-labelledby="contents">
      <h2 id="contents">目次</h2>
      <ul>
        {props.headings
          .filter((h) => h.level === 2)
          .map((h) => (
            <li>
              <a href={`#${h.id}`}>{h.text}</a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export function AnnualReportPage(props: { plan: Plan; report: AnnualReport }) {
  const { plan, report } = props;
  const m = plan.municipality;
  const title = `${warekiFiscalYear(report.fiscalYear)} 取組状況報告書`;
  return (
    <PortalPage
      municipality={m}
      section="evaluation"
      title={title}
      trail={[
        { href: resultsPath(m), label: "評価結果" },
        { href: resultsPath(m, report.fiscalYear), label: `${warekiFiscalYear(report.fiscalYear)}の評価結果` },
      ]}
    >
      <h1>{title}</h1>
      <p>
        {plan.title}の{fiscalYearLabel(report.fiscalYear)}の取組状況です。公表された評価結果から作成しています。
      </p>
      <p>
        <a href={`${annualReportPath(m.lgCode, report.fiscalYear)}.pdf`}>PDF版（A4）</a>
      </p>
      <ContentsLinks headings={annualHeadings(report)} />
      <div class="report-document">
          <SummarySection report={report} />
          {report.policies.map((policy) => (
            <>
              <PolicySection policy={policy} />
              {policy.initiatives.map((initiative) => (
                <InitiativeSection report={report} initiative={initiative} />
              ))}
            </>
          ))}
          <Appendix frame={report} annual headingIds={{ method: annualIds.method, glossary: annualIds.glossary }} />
      </div>
    </PortalPage>
  );
}

export function PlanDocumentPage(props: { plan: Plan; doc: PlanDocument }) {
  const { plan, doc } = props;
  return (
    <PortalPage municipality={plan.municipality} section="top" title="計画書" trail={[]}>
      <h1>計画書（{plan.title}）</h1>
      <p>計画のデータから作成した計画書です。内容はこのサイトの各ページと同じです。</p>
      <p>
        <a href={`/${plan.municipality.lgCode}/plan.pdf`}>PDF版（A4）</a>
      </p>
      <ContentsLinks headings={planHeadings(doc)} />
      <div class="report-document">
          <GoalSection doc={doc} />
          {doc.policies.map((policy) => (
            <>
              <PlanPolicySection policy={policy} />
              {policy.initiatives.map((initiative) => (
                <PlanInitiativeSection doc={doc} initiative={initiative} />
              ))}
            </>
          ))}
          <Appendix frame={doc} annual={false} headingIds={{ method: "", glossary: planIds.glossary }} />
      </div>
    </PortalPage>
  );
}

