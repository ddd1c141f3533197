/** The initiative list with its GET filters, and the page of one initiative. */
import type { InitiativeFilter } from "../../plan/domain/initiative-filter.ts";
import { filterToQuery } from "../../plan/domain/initiative-filter.ts";
import { GlossaryLinker } from "../../plan/domain/glossary-linker.ts";
import type { DivisionOption } from "../../plan/domain/division-options.ts";
import type { Initiative, Plan } from "../../plan/plan.ts";
import { COLLECTIVE_LABELS, divisionNames } from "../../plan/plan.ts";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { PublishedResult } from "../../cycle/published-results.ts";
import { PublishedResultsSection } from "../../cycle/views/public-results.tsx";
import type { SurveyEvidence } from "../../survey/evidence/domain/survey-evidence.ts";
import { InitiativeSurveyEvidence } from "../../survey/evidence/views/initiative-evidence.tsx";
import { basePath, PortalPage } from "../../tenancy/views/portal-page.tsx";
import { KpiChart, KpiTable } from "./kpi-views.tsx";
import { Divisions, NewTag, TextList } from "./plan-text.tsx";
import { ScheduleTable } from "./schedule-table.tsx";


export function InitiativeListPage(props: {
  plan: Plan;
  filter: InitiativeFilter;
  results: Initiative[];
  divisions: DivisionOption[];
}) {
  const { plan, filter, results } = props;
  const base = basePath(plan.municipality);
  const query = filterToQuery(filter);
  const filtered = query !== "";
  return (
    <PortalPage municipality={plan.municipality} section="initiatives" title="取組項目の一覧">
      <h1>取組項目の一覧</h1>
      <form class="filters" method="get" action={`${base}/initiatives`} role="search" aria-label="取組項目の絞り込み">
        <div>
          <label for="filter-q">キーワード</label>
          <input id="filter-q" type="search" name="q" value={filter.q ?? ""} maxlength={100} />
        </div>
        <div>
          <label for="filter-policy">取組方針</label>
          <select id="filter-policy" name="policy">
            <option value="">すべて</option>
            {plan.policies.map((p) => (
              <option value={String(p.number)} selected={filter.policy === p.number}>
                {p.number} {p.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="filter-division">担当課</label>
          <select id="filter-division" name="division">
            <option value="">すべて</option>
            {props.divisions.map((d) => (
              <option value={d.value} selected={String(filter.division ?? "") === d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>条件</legend>
          <div class="checkbox">
            <input id="filter-new" type="checkbox" name="new" value="1" checked={filter.isNew === true} />
            <label for="filter-new">新規の取組のみ</label>
          </div>
          <div class="checkbox">
            <input id="filter-kpi" type="checkbox" name="kpi" value="1" checked={filter.hasKpi === true} />
            <label for="filter-kpi">数値目標がある取組のみ</label>
          </div>
        </fieldset>
        <div>
          <button class="button" type="submit">
            絞り込む
          </button>{" "}
          {filtered ? (
            <a class="button button-secondary" href={`${base}/initiatives`}>
              条件をクリア
            </a>
          ) : null}
        </div>
      </form>
      <h2 id="results">
        {filtered ? "絞り込み結果" : "すべての取組項目"}: {results.length}件
      </h2>
      {results.length === 0 ? (
        <p>条件に合う取組項目はありません。条件を変えてお試しください。</p>
      ) : (
        <TableWrap label={`取組項目（${results.length}件）`}>
          <table class="stacked">
            <caption class="visually-hidden">取組項目（{results.length}件）</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  番号
                </th>
                <th scope="col">取組項目</th>
                <th scope="col">取組方針</th>
                <th scope="col">担当</th>
                <th scope="col" class="num">
                  数値目標
                </th>
              </tr>
            </thead>
            <tbody>
              {results.map((i) => (
                <tr>
                  <td class="num" data-label="番号">
                    {i.number}
                  </td>
                  <th scope="row">
                    <a href={`${base}/initiatives/${i.number}`}>{i.title}</a>
                    <NewTag isNew={i.isNew} />
                  </th>
                  <td data-label="取組方針">{i.policyNumber}</td>
                  <td data-label="担当">{divisionNames(i).join("、")}</td>
                  <td class="num" data-label="数値目標">
                    {i.kpis.length}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>この一覧のデータ</h2>
      <ul class="download-links">
        <li>
          <a href={`${base}/open-data/initiatives.csv${query}`}>CSV形式でダウンロード</a>
        </li>
        <li>
          <a href={`${base}/open-data/initiatives.json${query}`}>JSON形式でダウンロード</a>
        </li>
      </ul>
    </PortalPage>
  );
}

export function InitiativePage(props: { plan: Plan; initiative: Initiative; results?: PublishedResult[]; surveys?: SurveyEvidence[] }) {
  const { plan, initiative: item } = props;
  const base = basePath(plan.municipality);
  const linker = new GlossaryLinker(plan.glossary);
  const glossaryHref = `${base}/glossary`;
  const policy = plan.policies.find((p) => p.number === item.policyNumber)!;
  const priorityItems = plan.nationalPriorityItems.filter((m) => m.initiativeNumbers.includes(item.number));
  const measures = plan.dataUtilizationMeasures.filter((m) => m.initiativeNumbers.includes(item.number));
  const title = `${item.number} ${item.title}`;
  return (
    <PortalPage
      municipality={plan.municipality}
      section="initiatives"
      title={title}
      trail={[{ href: `${base}/initiatives`, label: "取組項目の一覧" }]}
    >
      <h1>
        <span class="initiative-number">取組項目{item.number}</span> {item.title}
        <NewTag isNew={item.isNew} />
      </h1>
      <p>
        取組方針: <a href={`${base}/policies/${policy.number}`}>{`取組方針${policy.number} ${policy.title}`}</a>
      </p>
      <h2>担当</h2>
      <Divisions initiative={item} base={base} />
      <h2>取組内容</h2>
      <TextList lines={item.content} linker={linker} glossaryHref={glossaryHref} />
      <h2>目標</h2>
      <TextList lines={item.goals} linker={linker} glossaryHref={glossaryHref} />
      <h2>取組計画</h2>
      {item.schedule.length > 0 ? (
        <ScheduleTable plan={plan} rows={item.schedule} caption={`取組項目${item.number}の年度別の取組計画`} />
      ) : (
        <p>取組計画の記載はありません。</p>
      )}
      <h2>数値目標</h2>
      {item.kpis.length > 0 ? (
        <>
          <KpiTable plan={plan} kpis={item.kpis} caption={`取組項目${item.number}の数値目標`} />
          {item.kpis.map((k) => (
            <KpiChart plan={plan} kpi={k} />
          ))}
          <ul class="download-links">
            <li>
              <a href={`${base}/open-data/kpi-targets.csv?initiative=${item.number}`}>数値目標をCSV形式でダウンロード</a>
            </li>
            <li>
              <a href={`${base}/open-data/kpi-targets.json?initiative=${item.number}`}>数値目標をJSON形式でダウンロード</a>
            </li>
          </ul>
        </>
      ) : (
        <p>この取組項目には数値目標が設定されていません。</p>
      )}
      {props.results ? <PublishedResultsSection plan={plan} initiative={item} results={props.results} /> : null}
      {props.surveys ? <InitiativeSurveyEvidence plan={plan} initiative={item} surveys={props.surveys} /> : null}
      {priorityItems.length + measures.length > 0 ? (
        <>
          <h2>国の計画・法律との対応</h2>
          <ul>
            {priorityItems.map((m) => (
              <li>
                自治体DX推進計画 {m.group} {m.code.replace(/^\d+-/, "")} {m.title}
                {m.assumed ? <span class="tag tag-assumed">確認中</span> : null}
              </li>
            ))}
            {measures.map((m) => (
              <li>
                官民データ活用推進基本法の施策 {m.code} {m.title}
              </li>
            ))}
          </ul>
          <p>
            <a href={`${base}/coverage`}>対応表の全体を見る</a>
          </p>
        </>
      ) : null}
    </PortalPage>
  );
}

