/**
 * The plan document's sections (計画書): the goal, each policy with its
 * outcomes, a page per initiative with its schedule table across the
 * plan's years and its KPIs with baseline and yearly targets. Shared by the
 * printed document and its web page.
 */
import { TableWrap } from "../../../core/views/layout.tsx";
import { periodLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import type { Heading, PlanDocument } from "../domain/content.ts";
import { Prose, value } from "./parts.tsx";

type PlanInitiative = PlanDocument["policies"][number]["initiatives"][number];

export const planIds = {
  goal: "goal",
  policy: (n: number) => `policy-${n}`,
  initiative: (n: number) => `initiative-${n}`,
  glossary: "glossary",
};

export const planPolicyHeading = (p: { number: number; title: string }) => `取組方針${p.number} ${p.title}`;
export const planInitiativeHeading = (i: { number: number; title: string }) => `取組項目${i.number} ${i.title}`;

export function planHeadings(doc: PlanDocument): Heading[] {
  return [
    { id: planIds.goal, text: "計画の目標と期間", level: 2 },
    ...doc.policies.flatMap((p): Heading[] => [
      { id: planIds.policy(p.number), text: planPolicyHeading(p), level: 2 },
      ...p.initiatives.map((i): Heading => ({ id: planIds.initiative(i.number), text: planInitiativeHeading(i), level: 3 })),
    ]),
    { id: planIds.glossary, text: "用語説明", level: 2 },
  ];
}

export function GoalSection(props: { doc: PlanDocument; pageClass?: string }) {
  const { doc } = props;
  return (
    <section class={props.pageClass}>
      <h2 id={planIds.goal}>計画の目標と期間</h2>
      <h3>目標</h3>
      <Prose text={doc.plan.goal} none="（目標の記載がありません）" />
      <h3>計画期間</h3>
      <p>{periodLabel(doc.plan.period.startFiscalYear, doc.plan.period.endFiscalYear)}</p>
      <h3>取組方針</h3>
      <ol>
        {doc.policies.map((p) => (
          <li>
            {p.title}（取組項目 {p.initiatives.length}件）
          </li>
        ))}
      </ol>
      <h3>取組計画の段階</h3>
      <dl class="definitions">
        {doc.phaseLegend.map((p) => (
          <>
            <dt>{p.label}</dt>
            <dd>{p.description}</dd>
          </>
        ))}
      </dl>
      <p class="note">
        出典: {doc.source.title}
        {doc.source.note ? `（${doc.source.note}）` : ""}
      </p>
    </section>
  );
}

export function PlanPolicySection(props: { policy: PlanDocument["policies"][number]; pageClass?: string }) {
  const { policy } = props;
  return (
    <section class={props.pageClass}>
      <h2 id={planIds.policy(policy.number)}>{planPolicyHeading(policy)}</h2>
      {policy.outcomes.map((o) => (
        <>
          <h3>{o.statement}</h3>
          <Prose text={o.description} none="" />
        </>
      ))}
      <p>取組項目:</p>
      <ul>
        {policy.initiatives.map((i) => (
          <li>{planInitiativeHeading(i)}</li>
        ))}
      </ul>
    </section>
  );
}

export function PlanInitiativeSection(props: { doc: PlanDocument; initiative: PlanInitiative; pageClass?: string }) {
  const { doc, initiative: i } = props;
  const years = doc.fiscalYears;
  return (
    <section class={props.pageClass}>
      <h3 id={planIds.initiative(i.number)}>{planInitiativeHeading(i)}</h3>
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
          </tbody>
        </table>
      </TableWrap>
      <h4>取組内容</h4>
      <ul>
        {i.content.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h4>目標</h4>
      <ul>
        {i.goals.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h4>取組計画</h4>
      {i.schedule.length === 0 ? (
        <p class="none">取組計画の記載はありません。</p>
      ) : (
        <TableWrap label={`取組項目${i.number}の年度ごとの取組計画`}>
          <table class="schedule">
            <caption>取組項目{i.number}の年度ごとの取組計画</caption>
            <thead>
              <tr>
                <th scope="col">取組</th>
                {years.map((y) => (
                  <th scope="col">{warekiFiscalYear(y)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {i.schedule.map((row) => (
                <tr>
                  <th scope="row">
                    {row.label}
                    {row.note ? <span class="note">（{row.note}）</span> : null}
                  </th>
                  {row.phases.map((p) => (
                    <td class="phase-cell">{p ?? "－"}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h4>数値目標</h4>
      {i.kpis.length === 0 ? (
        <p class="none">この取組項目には数値目標がありません。</p>
      ) : (
        <TableWrap label={`取組項目${i.number}の数値目標（基準値と年度ごとの目標値）`}>
          <table>
            <caption>取組項目{i.number}の数値目標（基準値と年度ごとの目標値）</caption>
            <thead>
              <tr>
                <th scope="col">数値目標</th>
                <th scope="col" class="num">
                  基準値
                </th>
                {years.map((y) => (
                  <th scope="col" class="num">
                    {warekiFiscalYear(y)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {i.kpis.map((k) => (
                <tr>
                  <th scope="row">
                    {k.code ? `${k.code} ` : ""}
                    {k.label}
                    <span class="note">
                      （単位: {k.unit}、{k.direction}
                      {k.cumulative ? "、累計" : ""}）
                    </span>
                  </th>
                  <td class="num">{k.baseline ? `${value(k.baseline.value, k.unit, "－")}（${warekiFiscalYear(k.baseline.fiscalYear)}）` : "－"}</td>
                  {k.targets.map((t) => (
                    <td class="num">{value(t, k.unit, "－")}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
