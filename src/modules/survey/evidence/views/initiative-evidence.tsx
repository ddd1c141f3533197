/**
 * The initiative page's section on the survey behind it: the finding(s) the
 * initiative answers and the figures stated for them, computed from the
 * stored tables, with a link to the survey page.
 */
import { groupDigits } from "../../../../core/format/number.ts";
import type { Initiative, Plan } from "../../../plan/plan.ts";
import { findingLabel, findingsFor, headlinesOf, type SurveyEvidence } from "../domain/survey-evidence.ts";
import { findingAnchor, periodLabel, surveyPath } from "./survey-pages.tsx";

export function InitiativeSurveyEvidence(props: { plan: Plan; initiative: Initiative; surveys: SurveyEvidence[] }) {
  const { plan, initiative } = props;
  const items = props.surveys.flatMap((survey) => findingsFor(survey, plan.id, initiative.number).map((finding) => ({ survey, finding })));
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="survey-evidence" class="survey-evidence">
      <h2 id="survey-evidence">市民アンケートから見えた課題</h2>
      {items.map(({ survey, finding }) => {
        const link = finding.initiatives.find((l) => l.planId === plan.id && l.number === initiative.number)!;
        const figures = headlinesOf(survey).filter((h) => finding.tableKeys.includes(h.tableKey));
        const period = periodLabel(survey);
        return (
          <>
            <h3>
              {findingLabel(finding.number)} {finding.title}
              {link.assumed ? <span class="tag tag-assumed">確認中</span> : null}
            </h3>
            <p>
              この取組項目は、「{survey.title}」{period ? `（${period}）` : ""}で明らかになった{findingLabel(finding.number)}に対応しています。
            </p>
            {figures.length > 0 ? (
              <ul>
                {figures.map((h) => (
                  <li>
                    {h.label}：{groupDigits(String(h.base))}人中{groupDigits(String(h.count))}人、約{h.percent}%
                  </li>
                ))}
              </ul>
            ) : null}
            <p>
              <a href={`${surveyPath(plan, survey.code)}#${findingAnchor(finding)}`}>{`${findingLabel(finding.number)}と調査結果の詳細（${survey.title}）`}</a>
            </p>
          </>
        );
      })}
      {items.some(({ finding }) => finding.initiatives.some((l) => l.planId === plan.id && l.number === initiative.number && l.assumed)) ? (
        <p class="note">「確認中」の対応は、計画書に明記されていないため、事務局が確認しているところです。</p>
      ) : null}
    </section>
  );
}
