/** The top page, a policy's page and the list of municipalities. */
import { periodLabel } from "../../../core/format/fiscal-year.ts";
import { Layout } from "../../../core/views/layout.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { Plan } from "../../plan/plan.ts";
import { kpiCount } from "../../plan/plan.ts";
import { GlossaryLinker } from "../../plan/domain/glossary-linker.ts";
import type { PublishedYear } from "../../cycle/domain/published-summary.ts";
import type { PolicyYear } from "../../cycle/published-results.ts";
import { LatestResults, PolicyResults } from "../../cycle/views/results-overview.tsx";
import { basePath, PortalPage } from "../../tenancy/views/portal-page.tsx";
import { NewTag, PlanText } from "./plan-text.tsx";
import { prefectureOf, type Prefecture } from "../../tenancy/prefectures.ts";

export function MunicipalitiesPage(props: { municipalities: Municipality[] }) {
  return (
    <Layout title="自治体DX推進計画ポータル" siteName="自治体DX推進計画ポータル" siteHref="/">
      <h1>自治体DX推進計画ポータル</h1>
      <p>各地方公共団体のDX推進計画と、その取組・数値目標・評価結果を公開しています。</p>
      {props.municipalities.length === 0 ? (
        <p>公開中の計画はまだありません。</p>
      ) : (
        <ul class="cards">
          {props.municipalities.map((m) => (
            <li>
              <a href={basePath(m)}>{m.name}</a>（全国地方公共団体コード {m.lgCode}）
            </li>
          ))}
        </ul>
      )}
      <PrefectureLinks municipalities={props.municipalities} />
    </Layout>
  );
}

/** Links to each prefecture's comparison page (modules/prefecture), for the prefectures with hosted municipalities. */
function PrefectureLinks(props: { municipalities: Municipality[] }) {
  const counts = new Map<string, { prefecture: Prefecture; count: number }>();
  for (const m of props.municipalities) {
    const prefecture = prefectureOf(m.lgCode);
    if (!prefecture) continue;
    const entry = counts.get(prefecture.code) ?? { prefecture, count: 0 };
    entry.count += 1;
    counts.set(prefecture.code, entry);
  }
  if (counts.size === 0) return null;
  return (
    <section aria-labelledby="by-prefecture">
      <h2 id="by-prefecture">都道府県ごとの比較</h2>
      <ul>
        {[...counts.values()]
          .sort((a, b) => a.prefecture.code.localeCompare(b.prefecture.code))
          .map(({ prefecture, count }) => (
            <li>
              <a href={`/prefectures/${prefecture.code}`}>{prefecture.name}</a>（{count}団体の計画を比較）
            </li>
          ))}
      </ul>
    </section>
  );
}

export function NoPlanPage(props: { municipality: Municipality }) {
  return (
    <PortalPage municipality={props.municipality} section="top" title={`${props.municipality.name}のDX推進計画`}>
      <h1>{props.municipality.name}のDX推進計画</h1>
      <p>公開中の計画はまだありません。</p>
    </PortalPage>
  );
}

export function TopPage(props: { plan: Plan; results: PublishedYear[] }) {
  const { plan } = props;
  const base = basePath(plan.municipality);
  const linker = new GlossaryLinker(plan.glossary);
  const glossaryHref = `${base}/glossary`;
  return (
    <PortalPage municipality={plan.municipality} section="top" title={plan.title} description={plan.goal}>
      <h1>{plan.title}</h1>
      <p class="lead">
        計画期間: <span class="period">{periodLabel(plan.period.startFiscalYear, plan.period.endFiscalYear)}</span>
      </p>
      <h2>計画の目標</h2>
      <p class="goal">{plan.goal}</p>
      <dl class="stats">
        <div>
          <dt>取組方針</dt>
          <dd>{plan.policies.length}</dd>
        </div>
        <div>
          <dt>取組項目</dt>
          <dd>{plan.initiatives.length}</dd>
        </div>
        <div>
          <dt>うち新規</dt>
          <dd>{plan.initiatives.filter((i) => i.isNew).length}</dd>
        </div>
        <div>
          <dt>数値目標</dt>
          <dd>{kpiCount(plan)}</dd>
        </div>
      </dl>
      <h2>4つの取組方針</h2>
      <ul class="cards cards-2">
        {plan.policies.map((p) => {
          const items = plan.initiatives.filter((i) => i.policyNumber === p.number);
          return (
            <li>
              <h3>
                <a href={`${base}/policies/${p.number}`}>
                  取組方針{p.number} {p.title}
                </a>
              </h3>
              <ul>
                {p.outcomes.map((o) => (
                  <li>
                    <PlanText text={o.statement} linker={linker} glossaryHref={glossaryHref} />
                  </li>
                ))}
              </ul>
              <p>
                <a href={`${base}/initiatives?policy=${p.number}`}>取組項目 {items.length}件を見る</a>
              </p>
            </li>
          );
        })}
      </ul>
      <LatestResults plan={plan} years={props.results} />
      <h2>計画について</h2>
      <p>
        出典: {plan.source.title}
      </p>
      <p>
        この計画のデータは<a href={`${base}/open-data`}>オープンデータ</a>
        としてCSV・JSON形式で自由にご利用いただけます。
      </p>
    </PortalPage>
  );
}

export function PolicyPage(props: { plan: Plan; policyNumber: number; results: PolicyYear[] }) {
  const { plan } = props;
  const policy = plan.policies.find((p) => p.number === props.policyNumber)!;
  const base = basePath(plan.municipality);
  const linker = new GlossaryLinker(plan.glossary);
  const glossaryHref = `${base}/glossary`;
  const items = plan.initiatives.filter((i) => i.policyNumber === policy.number);
  const title = `取組方針${policy.number} ${policy.title}`;
  return (
    <PortalPage municipality={plan.municipality} section="top" title={title}>
      <h1>{title}</h1>
      <h2>取組によって目指す姿</h2>
      {policy.outcomes.map((o) => (
        <section class="outcome">
          <h3>
            <PlanText text={o.statement} linker={linker} glossaryHref={glossaryHref} />
          </h3>
          <p>
            <PlanText text={o.description} linker={linker} glossaryHref={glossaryHref} />
          </p>
        </section>
      ))}
      <h2>取組項目（{items.length}件）</h2>
      <ul class="cards">
        {items.map((i) => (
          <li>
            <a href={`${base}/initiatives/${i.number}`}>
              {i.number} {i.title}
            </a>
            <NewTag isNew={i.isNew} />
            {i.kpis.length > 0 ? <span class="note">（数値目標 {i.kpis.length}件）</span> : null}
          </li>
        ))}
      </ul>
      <PolicyResults plan={plan} policyNumber={policy.number} years={props.results} />
    </PortalPage>
  );
}
