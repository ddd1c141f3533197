/**
 * The plan document (計画書) as the HTML that Chromium prints: cover,
 * contents with page numbers, goal and period, each policy, a page per
 * initiative, the glossary.
 */
import { periodLabel } from "../../../core/format/fiscal-year.ts";
import type { HeadingPages } from "../../../core/pdf/print.ts";
import { dateLabel } from "../../cycle/domain/deadlines.ts";
import type { PlanDocument } from "../domain/content.ts";
import { Contents, Cover, PrintDocument } from "./document-shell.tsx";
import { Appendix } from "./parts.tsx";
import { GoalSection, planHeadings, planIds, PlanInitiativeSection, PlanPolicySection } from "./plan-document-sections.tsx";
import { printCss } from "./print-css.ts";

export { planHeadings };

export function renderPlanDocumentHtml(doc: PlanDocument, options: { builtOn: string; pages: HeadingPages | undefined }): string {
  const period = periodLabel(doc.plan.period.startFiscalYear, doc.plan.period.endFiscalYear);
  const html = (
    <PrintDocument title={doc.plan.title} css={printCss({ header: `${doc.plan.title}　${period}`, draft: false })} draft={false}>
      <Cover
        municipality={doc.municipality.name}
        title={doc.plan.title}
        lines={[...(doc.plan.subtitle ? [doc.plan.subtitle] : []), period]}
        date={`${dateLabel(options.builtOn)}作成（計画データから作成）`}
        draft={false}
      />
      <Contents headings={planHeadings(doc)} pages={options.pages} />
      <GoalSection doc={doc} pageClass="page" />
      {doc.policies.map((policy) => (
        <>
          <PlanPolicySection policy={policy} pageClass="page" />
          {policy.initiatives.map((initiative) => (
            <PlanInitiativeSection doc={doc} initiative={initiative} pageClass="page" />
          ))}
        </>
      ))}
      <Appendix frame={doc} annual={false} headingIds={{ method: "", glossary: planIds.glossary }} pageClass="page" />
    </PrintDocument>
  );
  return html.toString();
}
