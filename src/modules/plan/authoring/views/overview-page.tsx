/**
 * 計画の編集: the municipality's plans — the current one and any next plan —
 * with their published revisions and their draft, and the buttons that start
 * a draft, continue or discard one, or start the next plan.
 */
import { CsrfField } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { periodLabel } from "../../../../core/format/fiscal-year.ts";
import { PublishedAt } from "../../revisions/views/change-views.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { RevisionHeader } from "../../revisions/revision.ts";
import { draftBase, planBase } from "../paths.ts";
import type { PlanSummary } from "../repository/authoring-queries.ts";
import { AuthoringPage, OVERVIEW_TITLE, type Staff } from "./authoring-page.tsx";

export type OverviewNotice =
  | { kind: "discarded"; planDeleted: boolean }
  | { kind: "published"; number: number; shownToCitizens: boolean }
  | { kind: "draft_closed" };

function noticeText(n: OverviewNotice): string {
  switch (n.kind) {
    case "discarded":
      return n.planDeleted ? "下書きを破棄しました。公開前だった次期計画も削除しました。" : "下書きを破棄しました。";
    case "published":
      return n.shownToCitizens
        ? `第${n.number}版を公開しました。市民向けのページと変更履歴に反映されています。`
        : `第${n.number}版を公開しました。この計画は現在の計画ではないため、市民向けのページには表示されません。`;
    case "draft_closed":
      return "その下書きは、すでに公開されたか破棄されています。";
  }
}

export function PlanOverviewPage(props: {
  municipality: Municipality;
  staff: Staff;
  plans: PlanSummary[];
  /** Published revisions of the current plan, oldest first. */
  revisions: RevisionHeader[];
  notice?: OverviewNotice;
}) {
  const base = planBase(props.municipality);
  const current = props.plans.find((p) => p.isCurrent);
  const publicBase = `/${props.municipality.lgCode}`;
  return (
    <AuthoringPage
      municipality={props.municipality}
      staff={props.staff}
      title={OVERVIEW_TITLE}
      notice={props.notice ? noticeText(props.notice) : undefined}
    >
      <h1>{OVERVIEW_TITLE}</h1>
      <p>
        計画の見直しは下書きで行います。下書きを保存しても市民向けのページは変わりません。変更内容を確認し、理由を添えて公開すると、新しい版として市民向けのページと
        <a href={`${publicBase}/changes`}>変更履歴</a>に反映されます。
      </p>
      <p>
        <a href={`/${props.municipality.lgCode}/staff/readings`}>読み取りの確認（転記の際に読み取って補った項目を計画書と照合する）</a>
      </p>
      {props.plans.length === 0 ? <p>この団体の計画はまだ登録されていません。計画ファイルを読み込んでください。</p> : null}
      {props.plans.map((plan) => (
        <section>
          <h2>
            {plan.title}
            {plan.isCurrent ? <span class="tag">現在の計画</span> : <span class="tag">次期計画（市民向けには非公開）</span>}
          </h2>
          <dl class="summary-list">
            <div>
              <dt>計画コード</dt>
              <dd>{plan.code}</dd>
            </div>
            <div>
              <dt>計画期間</dt>
              <dd>{periodLabel(plan.period.startFiscalYear, plan.period.endFiscalYear)}</dd>
            </div>
            <div>
              <dt>公開中の版</dt>
              <dd>{plan.publishedNumber === null ? "まだ公開されていません" : `第${plan.publishedNumber}版`}</dd>
            </div>
            <div>
              <dt>下書き</dt>
              <dd>
                {plan.draft
                  ? `第${plan.draft.number}版の下書きを編集中（${plan.draft.createdByLabel}が作成）`
                  : "ありません"}
              </dd>
            </div>
          </dl>
          {plan.publishedNumber !== null && props.staff.user.roles.includes("secretariat") ? (
            <p>
              <a href={`${base}/${plan.id}/workbook.xlsx`} download>
                公開中の第{plan.publishedNumber}版をブック（Excel形式 .xlsx）でダウンロード
              </a>
            </p>
          ) : null}
          {plan.draft ? (
            <p>
              <a class="button" href={draftBase(props.municipality, plan.draft.id)}>
                下書きを編集
              </a>{" "}
              <a class="button button-secondary" href={`${draftBase(props.municipality, plan.draft.id)}/discard`}>
                下書きを破棄
              </a>
            </p>
          ) : (
            <form method="post" action={`${base}/${plan.id}/drafts`}>
              <CsrfField token={props.staff.csrfToken} />
              <button type="submit" class="button">
                下書きを作成
              </button>
            </form>
          )}
        </section>
      ))}
      {current ? (
        <section>
          <h2>次期計画</h2>
          <p>
            現在の計画（{periodLabel(current.period.startFiscalYear, current.period.endFiscalYear)}
            ）を複製して、次の計画期間の計画を作ります。目標値と取組計画の段階は空欄から始まります。
          </p>
          <p>
            <a class="button button-secondary" href={`${base}/next`}>
              次期計画を作成
            </a>
          </p>
        </section>
      ) : null}
      {current && props.revisions.length > 0 ? (
        <section>
          <h2>現在の計画の公開履歴</h2>
          <TableWrap label="公開された版">
            <table>
              <caption>公開された版（{props.revisions.length}版）</caption>
              <thead>
                <tr>
                  <th scope="col">版</th>
                  <th scope="col">公開日時</th>
                  <th scope="col">公開した人</th>
                  <th scope="col">変更の理由</th>
                </tr>
              </thead>
              <tbody>
                {[...props.revisions].reverse().map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={`${publicBase}/changes/${r.number}`}>第{r.number}版</a>
                    </th>
                    <td>
                      <PublishedAt at={r.publishedAt} withTime />
                    </td>
                    <td>{r.publishedBy?.label ?? "—"}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p>
            <a href={`${publicBase}/changes`}>市民向けの変更履歴を見る</a>
          </p>
        </section>
      ) : null}
    </AuthoringPage>
  );
}
