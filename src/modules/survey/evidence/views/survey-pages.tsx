/**
 * The public survey pages: the list of a municipality's published surveys
 * and one survey's page — how it was run, the question groups, the figures
 * its report states (computed from the stored tables), the tables with
 * charts, and the findings with the initiatives that answer them.
 */
import { groupDigits } from "../../../../core/format/number.ts";
import { warekiDateWithWestern } from "../../../../core/format/wareki-date.ts";
import { TableWrap } from "../../../../core/views/layout.tsx";
import type { Plan } from "../../../plan/plan.ts";
import { basePath, PortalPage } from "../../../tenancy/views/portal-page.tsx";
import { ROUNDING_RULE } from "../domain/published-table.ts";
import { findingLabel, headlinesOf, totalQuestions, type Finding, type SurveyEvidence, type SurveySummary } from "../domain/survey-evidence.ts";
import { PublishedTableSection, tableAnchor, tableHeading } from "./published-table-views.tsx";

export const surveysPath = (plan: Pick<Plan, "municipality">) => `${basePath(plan.municipality)}/surveys`;
export const surveyPath = (plan: Pick<Plan, "municipality">, code: string) => `${surveysPath(plan)}/${code}`;

export function periodLabel(s: Pick<SurveySummary, "periodStart" | "periodEnd">): string | null {
  if (!s.periodStart) return null;
  return s.periodEnd && s.periodEnd !== s.periodStart ? `${warekiDateWithWestern(s.periodStart)}〜${warekiDateWithWestern(s.periodEnd)}` : warekiDateWithWestern(s.periodStart);
}

export const responsesLabel = (s: Pick<SurveySummary, "responses" | "responseRate">) =>
  s.responses === null ? null : `${groupDigits(String(s.responses))}件${s.responseRate ? `（有効回収率 ${s.responseRate}%）` : ""}`;

export function SurveyListPage(props: { plan: Plan; surveys: SurveySummary[] }) {
  const { plan } = props;
  return (
    <PortalPage municipality={plan.municipality} section="surveys" title="市民アンケート">
      <h1>市民アンケート</h1>
      <p>計画を作るときや見直すときに行った、市民の皆さまへのアンケート調査の結果です。調査から見えた課題と、それに対応する取組項目を掲載しています。</p>
      {props.surveys.length === 0 ? (
        <p>公表している市民アンケートはまだありません。</p>
      ) : (
        <TableWrap label="市民アンケートの一覧">
          <table class="stacked">
            <caption>市民アンケートの一覧</caption>
            <thead>
              <tr>
                <th scope="col">調査名</th>
                <th scope="col">調査期間</th>
                <th scope="col">回答数</th>
              </tr>
            </thead>
            <tbody>
              {props.surveys.map((s) => (
                <tr>
                  <th scope="row">
                    <a href={surveyPath(plan, s.code)}>{s.title}</a>
                  </th>
                  <td data-label="調査期間">{periodLabel(s) ?? "－"}</td>
                  <td data-label="回答数">{responsesLabel(s) ?? "－"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </PortalPage>
  );
}

export function SurveyPage(props: { plan: Plan; survey: SurveyEvidence }) {
  const { plan, survey } = props;
  const headlines = headlinesOf(survey);
  const withFigures = survey.tables.filter((t) => t.cells.size > 0);
  return (
    <PortalPage
      municipality={plan.municipality}
      section="surveys"
      title={survey.title}
      trail={[{ href: surveysPath(plan), label: "市民アンケート" }]}
    >
      <h1>{survey.title}</h1>
      {survey.place ? <p>出典：{survey.place}</p> : null}
      {survey.purpose ? <p>{survey.purpose}に実施しました。</p> : null}
      <section aria-labelledby="survey-method" class="survey-method">
        <h2 id="survey-method">調査の方法</h2>
        <dl class="survey-facts">
          <Fact term="調査対象" value={survey.population} />
          <Fact term="標本数" value={survey.sampleSize === null ? null : `${groupDigits(String(survey.sampleSize))}人`} />
          <Fact term="調査方法" value={survey.method} />
          <Fact term="調査期間" value={periodLabel(survey)} />
          <Fact term="回答数" value={responsesLabel(survey)} />
        </dl>
      </section>
      {survey.questionGroups.length > 0 ? (
        <section aria-labelledby="survey-groups">
          <h2 id="survey-groups">調査項目</h2>
          <TableWrap label="調査項目と設問数">
            <table>
              <caption>調査項目と設問数</caption>
              <thead>
                <tr>
                  <th scope="col">調査項目</th>
                  <th scope="col" class="num">
                    設問数
                  </th>
                </tr>
              </thead>
              <tbody>
                {survey.questionGroups.map((g) => (
                  <tr>
                    <th scope="row">{g.title}</th>
                    <td class="num">{g.count}問</td>
                  </tr>
                ))}
                <tr class="survey-total">
                  <th scope="row">合計</th>
                  <td class="num">{totalQuestions(survey)}問</td>
                </tr>
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}
      {headlines.length > 0 ? (
        <section aria-labelledby="survey-headlines">
          <h2 id="survey-headlines">主な数値</h2>
          <ul class="survey-headlines">
            {headlines.map((h) => (
              <li>
                {h.label}：{groupDigits(String(h.base))}人中{groupDigits(String(h.count))}人、約<strong>{h.percent}%</strong>
              </li>
            ))}
          </ul>
          <p class="note">
            {ROUNDING_RULE}上の数値は、下の集計表（{withFigures.map((t) => `表${t.number ?? t.title}`).join("・")}）から計算しています。
          </p>
        </section>
      ) : null}
      <section aria-labelledby="survey-results">
        <h2 id="survey-results">設問ごとの結果</h2>
        {survey.tables.map((t) => (
          <PublishedTableSection table={t} />
        ))}
        <p>
          <a href={`${basePath(plan.municipality)}/open-data/survey-tables.csv`}>集計表をCSV形式でダウンロード</a>（
          <a href={`${basePath(plan.municipality)}/open-data/survey-tables`}>項目の説明</a>）
        </p>
      </section>
      {survey.findings.length > 0 ? (
        <section aria-labelledby="survey-findings">
          <h2 id="survey-findings">調査から見えた課題と取組項目</h2>
          {survey.findings.map((f) => (
            <FindingSection plan={plan} survey={survey} finding={f} />
          ))}
        </section>
      ) : null}
    </PortalPage>
  );
}

function Fact(props: { term: string; value: string | null }) {
  if (props.value === null) return null;
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.value}</dd>
    </>
  );
}

export const findingAnchor = (f: Pick<Finding, "number">) => `finding-${f.number}`;

function FindingSection(props: { plan: Plan; survey: SurveyEvidence; finding: Finding }) {
  const { plan, survey, finding } = props;
  const tables = finding.tableKeys.flatMap((key) => survey.tables.filter((t) => t.key === key));
  return (
    <section aria-labelledby={findingAnchor(finding)} class="survey-finding">
      <h3 id={findingAnchor(finding)}>
        {findingLabel(finding.number)} {finding.title}
      </h3>
      {finding.body.map((p) => (
        <p>{p}</p>
      ))}
      {finding.unconfirmedReadings > 0 ? (
        <p class="note">
          <span class="tag tag-assumed">確認中</span> この本文の文言の一部は、事務局が計画書の原本と照合しているところです。
        </p>
      ) : null}
      {tables.length > 0 ? (
        <p>
          根拠となる設問：
          {tables.map((t, i) => (
            <>
              {i > 0 ? "、" : ""}
              <a href={`#${tableAnchor(t)}`}>{tableHeading(t)}</a>
            </>
          ))}
        </p>
      ) : null}
      <InitiativeLinks plan={plan} finding={finding} />
    </section>
  );
}

function InitiativeLinks(props: { plan: Plan; finding: Finding }) {
  const { plan, finding } = props;
  const links = finding.initiatives.filter((l) => l.planId === plan.id);
  const label = `${findingLabel(finding.number)}に対応する取組項目`;
  if (links.length === 0) return <p>{label}：この計画には対応する取組項目がありません。</p>;
  return (
    <>
      <h4>{label}</h4>
      <ul>
        {links.map((l) => {
          const initiative = plan.initiatives.find((i) => i.number === l.number);
          return (
            <li>
              {initiative ? (
                <a href={`${basePath(plan.municipality)}/initiatives/${l.number}`}>{`取組項目${l.number} ${initiative.title}`}</a>
              ) : (
                `取組項目${l.number}（現在の計画にはありません）`
              )}
              {l.assumed ? <span class="tag tag-assumed">確認中</span> : null}
            </li>
          );
        })}
      </ul>
      {links.some((l) => l.assumed) ? <p class="note">「確認中」の対応は、計画書に明記されていないため、事務局が確認しているところです。</p> : null}
    </>
  );
}
