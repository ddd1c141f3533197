/**
 * The prefecture administrator's home: every municipality of the prefecture
 * with where it stands — plan, administrator, the latest cycle's reports
 * counted by state, published years — and the set-up steps still open.
 * One section per municipality (a list, not a wide table: it reads at 390 px).
 */
import { fiscalYearLabel, periodLabel } from "../../../../core/format/fiscal-year.ts";
import type { PrefectureAdmin } from "../../../accounts/user.ts";
import { PrefectureStaffPage } from "../../../accounts/views/prefecture-staff-page.tsx";
import { prefectureStaffBase } from "../../../accounts/prefecture-area.ts";
import { REPORT_STATES, STATE_LABELS } from "../../../cycle/domain/report-workflow.ts";
import type { Prefecture } from "../../../tenancy/prefectures.ts";
import { setUpSteps, type MunicipalityProgress } from "../progress.ts";

export type ListNotice = "registered" | "plan_imported";
const NOTICES: Record<ListNotice, string> = {
  registered: "市町村を登録しました。続けて計画ファイルを読み込み、最初のシステム管理者を作成してください。",
  plan_imported: "計画ファイルを読み込みました。計画は公開ページに表示されます。",
};
export const LIST_NOTICES = Object.keys(NOTICES) as ListNotice[];

export function MunicipalityListPage(props: {
  prefecture: Prefecture;
  admin: PrefectureAdmin;
  csrfToken: string;
  rows: MunicipalityProgress[];
  notice?: ListNotice;
  noticeName?: string;
}) {
  const base = prefectureStaffBase(props.prefecture);
  return (
    <PrefectureStaffPage prefecture={props.prefecture} title="市町村の一覧" signedIn={{ admin: props.admin, csrfToken: props.csrfToken, ready: true }} section="home">
      {props.notice ? (
        <p class="notice" role="status">
          {props.noticeName ? `${props.noticeName}: ` : ""}
          {NOTICES[props.notice]}
        </p>
      ) : null}
      <h1>{props.prefecture.name}の市町村</h1>
      <p>
        このシステムに登録されている{props.prefecture.name}の市町村と、自己評価（PDCA）の進み具合です。報告の内容は各市町村のものであり、ここでは件数だけを表示します。
      </p>
      <p>
        <a class="button" href={`${base}/municipalities/new`}>
          市町村を登録する
        </a>
      </p>
      {props.rows.length === 0 ? <p>まだ市町村が登録されていません。</p> : null}
      {props.rows.map((row) => {
        const m = row.municipality;
        const steps = setUpSteps(row);
        const cycle = row.latestCycle;
        return (
          <section class="municipality-progress" aria-labelledby={`m-${m.lgCode}`}>
            <h2 id={`m-${m.lgCode}`}>
              {m.name}（{m.lgCode}）
            </h2>
            <dl class="summary-list">
              <div>
                <dt>計画</dt>
                <dd>{row.plan ? `${row.plan.title}（${periodLabel(row.plan.startFiscalYear, row.plan.endFiscalYear)}）` : "未登録"}</dd>
              </div>
              <div>
                <dt>システム管理者</dt>
                <dd>{row.administrators > 0 ? `${row.administrators}人` : "未作成"}</dd>
              </div>
              <div>
                <dt>最新の自己評価</dt>
                <dd>
                  {cycle ? (
                    <>
                      {fiscalYearLabel(cycle.fiscalYear)}（{cycle.status === "open" ? "実施中" : "終了"}）、報告{cycle.reports}件
                      <ul class="state-counts">
                        {REPORT_STATES.filter((s) => cycle.stateCounts.has(s)).map((s) => (
                          <li>
                            {STATE_LABELS[s]}: {cycle.stateCounts.get(s)}件
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    "まだ始まっていません"
                  )}
                </dd>
              </div>
              <div>
                <dt>公表済みの年度</dt>
                <dd>{row.publishedYears.length > 0 ? row.publishedYears.map(fiscalYearLabel).join("、") : "なし"}</dd>
              </div>
            </dl>
            {steps.importPlan || steps.createAdministrator ? (
              <ul class="action-links">
                {steps.importPlan ? (
                  <li>
                    <a href={`${base}/municipalities/${m.lgCode}/plan`}>{m.name}の計画ファイルを読み込む</a>
                  </li>
                ) : null}
                {steps.createAdministrator ? (
                  <li>
                    <a href={`${base}/municipalities/${m.lgCode}/administrator`}>{m.name}の最初のシステム管理者を作成する</a>
                  </li>
                ) : null}
              </ul>
            ) : null}
          </section>
        );
      })}
    </PrefectureStaffPage>
  );
}
