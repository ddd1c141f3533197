/**
 * The annual report's sections — summary, a section per policy, a page per
 * initiative — used both by the printed document (annual-report-document.tsx)
 * and by its web page (annual-report-page.tsx). Headings carry plain text
 * only: the PDF's bookmarks (and so the contents' page numbers) are their text.
 */
import { TableWrap } from "../../../core/views/layout.tsx";
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { GRADES } from "../../plan/plan.ts";
import { NO_COMMITTEE_COMMENT } from "../domain/annual-report.ts";
import type { AnnualReport, GradeColumn, Heading, InitiativeResult } from "../domain/content.ts";
import { GradeChart, GradeTable, KpiTable, Prose } from "./parts.tsx";

export const annualIds = {
  summary: "summary",
  policy: (n: number) => `policy-${n}`,
  initiative: (n: number) => `initiative-${n}`,
  method: "appendix-method",
  glossary: "appendix-glossary",
};

export const policyHeading = (p: { number: number; title: string }) => `取組方針${p.number} ${p.title}`;
export const initiativeHeading = (i: { number: number; title: string }) => `取組項目${i.number} ${i.title}`;

/** The headings the contents lists, in order. */
export function annualHeadings(report: AnnualReport): Heading[] {
  return [
    { id: annualIds.summary, text: "概要", level: 2 },
    ...report.policies.flatMap((p): Heading[] => [
      { id: annualIds.policy(p.number), text: policyHeading(p), level: 2 },
      ...p.initiatives.map((i): Heading => ({ id: annualIds.initiative(i.number), text: initiativeHeading(i), level: 3 })),
    ]),
    { id: annualIds.method, text: "付録1 評価と達成状況の求め方", level: 2 },
    { id: annualIds.glossary, text: "付録2 用語説明", level: 2 },
  ];
}

const gradeText = (r: InitiativeResult) => {
  if (!r.reported) return "報告なし";
  if (!r.finalGrade) return "未評価";
  return r.cioChange ? `${r.finalGrade}（CIOが自己評価 ${r.cioChange.selfGrade ?? "未記入"} から変更）` : r.finalGrade;
};

function Comparison(props: { previous: GradeColumn | undefined; current: GradeColumn }) {
  const { previous, current } = props;
  if (!previous) return <p>比較できる前年度の評価はありません。</p>;
  const count = (c: GradeColumn, g: string) => c.counts.find((x) => x.grade === g)?.count ?? 0;
  const share = (c: GradeColumn, g: string) => (c.shares ? `${c.shares.find((x) => x.grade === g)?.percent ?? 0}%` : "－");
  return (
    <>
      <p>
        {warekiFiscalYear(previous.fiscalYear)}
        {previous.source === "previous_plan" ? "（前計画）" : ""}から{warekiFiscalYear(current.fiscalYear)}への変化:
      </p>
      <ul>
        {GRADES.map((g) => (
          <li>
            {g}: {count(previous, g)}項目（{share(previous, g)}）→ {count(current, g)}項目（{share(current, g)}）
          </li>
        ))}
      </ul>
    </>
  );
}

export function SummarySection(props: { report: AnnualReport; pageClass?: string }) {
  const { report } = props;
  const { summary } = report;
  const columns = [...summary.previous, summary.current];
  const withMissing = report.policies.flatMap((p) => p.initiatives).filter((i) => i.missing.length > 0);
  return (
    <section class={props.pageClass}>
      <h2 id={annualIds.summary}>概要</h2>
      <h3>計画の目標</h3>
      <Prose text={report.plan.goal} none="（計画に目標の記載がありません）" />
      <h3>{warekiFiscalYear(report.fiscalYear)}の評価の集計</h3>
      <p>
        {fiscalYearLabel(report.fiscalYear)}の取組実績について、{report.policies.reduce((n, p) => n + p.initiatives.length, 0)}
        項目のうち{summary.current.total}項目の評価が{report.draft ? "記入されています（案）" : "確定し、公表されています"}。
        {summary.ungraded > 0 ? `評価のない取組項目が${summary.ungraded}項目あります（集計に含めていません）。` : ""}
      </p>
      <GradeTable caption="自己評価の集計（図表10の形式。項目数と割合）" columns={columns} />
      <p class="note">
        {report.gradeDefinitions.map((g) => `${g.grade}: ${g.definition}`).join("　")}
      </p>
      <GradeChart columns={columns} id="grade-chart" />
      <h3>前年度との比較</h3>
      <Comparison previous={summary.previous.at(-1)} current={summary.current} />
      <h3>記載のない項目</h3>
      {withMissing.length === 0 ? (
        <p>すべての取組項目について、実績、評価と委員会のコメントがそろっています。</p>
      ) : (
        <TableWrap label={`記載のない項目がある取組項目（${withMissing.length}項目）`}>
          <table>
            <caption>記載のない項目がある取組項目（{withMissing.length}項目）</caption>
            <thead>
              <tr>
                <th scope="col">取組項目</th>
                <th scope="col">記載のない項目</th>
              </tr>
            </thead>
            <tbody>
              {withMissing.map((i) => (
                <tr>
                  <th scope="row">{initiativeHeading(i)}</th>
                  <td>{i.missing.join("。")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export function PolicySection(props: { policy: AnnualReport["policies"][number]; pageClass?: string }) {
  const { policy } = props;
  return (
    <section class={props.pageClass}>
      <h2 id={annualIds.policy(policy.number)}>{policyHeading(policy)}</h2>
      {policy.outcomes.length > 0 ? (
        <>
          <p>目指す姿:</p>
          <ul>
            {policy.outcomes.map((o) => (
              <li>{o}</li>
            ))}
          </ul>
        </>
      ) : null}
      <TableWrap label={`取組方針${policy.number}の取組項目と評価`}>
        <table>
          <caption>取組方針{policy.number}の取組項目と評価</caption>
          <thead>
            <tr>
              <th scope="col">取組項目</th>
              <th scope="col">評価</th>
            </tr>
          </thead>
          <tbody>
            {policy.initiatives.map((i) => (
              <tr>
                <th scope="row">{initiativeHeading(i)}</th>
                <td>{gradeText(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

export function InitiativeSection(props: { report: AnnualReport; initiative: InitiativeResult; pageClass?: string }) {
  const { report, initiative: i } = props;
  const definitions = new Map(report.gradeDefinitions.map((g) => [g.grade, g.definition]));
  const year = warekiFiscalYear(report.fiscalYear);
  const committee = i.comments.some((c) => c.committee);
  return (
    <section class={props.pageClass}>
      <h3 id={annualIds.initiative(i.number)}>{initiativeHeading(i)}</h3>
      <TableWrap label={`取組項目${i.number}の概要`}>
        <table class="meta">
          <caption>取組項目{i.number}の概要</caption>
          <tbody>
            <tr>
              <th scope="row">担当課</th>
              <td>{i.divisions.join("、")}</td>
            </tr>
            {i.isNew ? (
              <tr>
                <th scope="row">区分</th>
                <td>新規</td>
              </tr>
            ) : null}
            {i.stateLabel ? (
              <tr>
                <th scope="row">報告の状態</th>
                <td>{i.stateLabel}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">評価</th>
              <td>
                <span class="grade">{gradeText(i)}</span>
                {i.finalGrade ? `　${definitions.get(i.finalGrade) ?? ""}` : ""}
              </td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <h4>取組内容</h4>
      <ul>
        {i.content.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h4>{year}の取組計画</h4>
      {i.schedule.length === 0 ? (
        <p class="none">取組計画の記載はありません。</p>
      ) : (
        <TableWrap label={`取組項目${i.number}：計画に定めた${year}の段階`}>
          <table class="schedule">
            <caption>取組項目{i.number}：計画に定めた{year}の段階</caption>
            <thead>
              <tr>
                <th scope="col">取組</th>
                <th scope="col">{year}の段階</th>
              </tr>
            </thead>
            <tbody>
              {i.schedule.map((row) => (
                <tr>
                  <th scope="row">
                    {row.label}
                    {row.note ? <span class="note">（{row.note}）</span> : null}
                  </th>
                  <td class="phase-cell">{row.phase ?? "この年度の予定なし"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {!i.reported ? (
        <p class="missing">{i.missing.join("。")}。</p>
      ) : (
        <>
          <h4>数値目標の実績</h4>
          <KpiTable kpis={i.kpis} fiscalYear={report.fiscalYear} caption={`取組項目${i.number}の${year}の数値目標と実績`} />
          <h4>自己評価と評価の理由</h4>
          <p>
            自己評価: <strong>{i.selfGrade ?? "未記入"}</strong>
            {i.selfGrade ? `（${definitions.get(i.selfGrade) ?? ""}）` : ""}
          </p>
          <Prose text={i.gradeReasons} none="評価の理由は記入されていません。" />
          {i.cioChange ? (
            <>
              <h4>最終的な評価（CIOによる変更）</h4>
              <p>
                CIOが評価を {i.cioChange.selfGrade ?? "未記入"} から <strong>{i.cioChange.cioGrade}</strong> に変更しました。変更の理由:
              </p>
              <Prose text={i.cioChange.reason} none="変更の理由は記入されていません。" />
            </>
          ) : null}
          <h4>課題</h4>
          <Prose text={i.issues} none="記載なし" />
          <h4>改善策</h4>
          <Prose text={i.improvementMeasures} none="記載なし" />
          <h4>委員会等のコメント</h4>
          {i.comments.length > 0 ? (
            <ul>
              {i.comments.map((c) => (
                <li>
                  {c.role}（{c.date}）: {c.text}
                </li>
              ))}
            </ul>
          ) : null}
          {committee ? null : <p class="none">{NO_COMMITTEE_COMMENT}。</p>}
          {i.missing.length > 0 ? (
            <div class="missing">
              <h4>記載のない項目</h4>
              <ul>
                {i.missing.map((m) => (
                  <li>{m}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
