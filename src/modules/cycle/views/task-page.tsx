/**
 * A user's work: what waits for them (to write, approve, submit, check,
 * review, finalise, publish), returned reports first, each with its deadline
 * and the days left, and the counts per stage of the reports they can see.
 * Shown on 職員ホーム and on 自分の作業, for every signed-in role.
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { warekiDateWithWestern } from "../../../core/format/wareki-date.ts";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { IsoDate } from "../cycle.ts";
import { daysLeftLabel, TASK_LABELS } from "../domain/tasks.ts";
import { REPORT_STATES, STATE_LABELS } from "../domain/report-workflow.ts";
import { cycleAbilities } from "../policy.ts";
import type { Work } from "../task-data.ts";
import { cycleBase, cyclesCrumb, reportBase } from "./paths.ts";

type Staff = { user: StaffUser; csrfToken: string };

/** The work of one user: the table of tasks and the counts per stage (headings start at `level`). */
export function WorkPanel(props: { municipality: Municipality; user: StaffUser; work: Work; today: IsoDate; level: 1 | 2 }) {
  const m = props.municipality;
  const { tasks, cycles } = props.work;
  const H = props.level === 1 ? "h2" : "h3";
  const canOverview = cycleAbilities(props.user).canOverview;
  const returned = tasks.filter((t) => t.report.state === "returned").length;
  return (
    <>
      {cycles.length === 0 ? <p>いま進行中の評価（自己評価のサイクル）はありません。</p> : null}
      <H id="my-tasks">あなたを待っている作業</H>
      {cycles.length > 0 && tasks.length === 0 ? <p>いま、あなたが対応する報告はありません。</p> : null}
      {tasks.length > 0 ? (
        <>
          <p>
            {tasks.length}件{returned > 0 ? <strong>（うち差戻し{returned}件）</strong> : null}
            。差し戻された報告を先頭に、期限の早い順に並べています。
          </p>
          <TableWrap label="あなたを待っている作業">
            <table class="stacked">
              <caption>あなたを待っている作業（{tasks.length}件）</caption>
              <thead>
                <tr>
                  <th scope="col">取組項目</th>
                  <th scope="col">あなたの作業</th>
                  <th scope="col">状態</th>
                  <th scope="col">期限</th>
                </tr>
              </thead>
              <tbody>
                {tasks.map((t) => {
                  const late = t.due !== null && t.due < props.today;
                  return (
                    <tr>
                      <th scope="row">
                        <a href={reportBase(m, t.cycle.id, t.initiative.number)}>
                          {t.initiative.number} {t.initiative.title}
                        </a>
                        <span class="note">（{warekiFiscalYear(t.cycle.fiscalYear)}の報告{t.kind === "contribute" ? "・関係課" : ""}）</span>
                      </th>
                      <td data-label="あなたの作業">{TASK_LABELS[t.kind]}</td>
                      <td data-label="状態">
                        {t.report.state === "returned" ? <strong>{STATE_LABELS.returned}</strong> : STATE_LABELS[t.report.state]}
                        {t.returnReason ? <span class="note">（理由: {t.returnReason}）</span> : null}
                      </td>
                      <td data-label="期限">
                        {t.due ? (
                          <>
                            {warekiDateWithWestern(t.due)}（{late ? <strong>{daysLeftLabel(t.due, props.today)}</strong> : daysLeftLabel(t.due, props.today)}）
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
      {cycles.map((w) => {
        const title = `${fiscalYearLabel(w.cycle.fiscalYear)}の報告（${canOverview ? "全体" : "あなたの課が担当するもの"}）`;
        return (
          <>
            <H>{title}の段階ごとの件数</H>
            <p>
              各課の提出期限 {warekiDateWithWestern(w.cycle.deadlines.reportDue)}、事務局の確認期限 {warekiDateWithWestern(w.cycle.deadlines.reviewDue)}、委員会の期限{" "}
              {warekiDateWithWestern(w.cycle.deadlines.committeeDue)}
            </p>
            {w.visible === 0 ? (
              <p>この年度の報告のうち、あなたの課が担当するものはありません。</p>
            ) : (
              <TableWrap label={`${title}の段階ごとの件数`}>
                <table>
                  <caption>{title}の段階ごとの件数（計{w.visible}件）</caption>
                  <thead>
                    <tr>
                      <th scope="col">段階</th>
                      <th scope="col" class="num">
                        件数
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {REPORT_STATES.map((s) => (
                      <tr>
                        <th scope="row">
                          {canOverview ? <a href={`${cycleBase(m, w.cycle.id)}?stage=${s}`}>{STATE_LABELS[s]}</a> : STATE_LABELS[s]}
                        </th>
                        <td class="num">{w.counts[s]}件</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </>
        );
      })}
    </>
  );
}

export function MyTasksPage(props: { municipality: Municipality; staff: Staff; work: Work; today: IsoDate }) {
  const m = props.municipality;
  const user = props.staff.user;
  const abilities = cycleAbilities(user);
  return (
    <StaffPage municipality={m} title="自分の作業" signedIn={{ ...props.staff, ready: true }} section="cycles" trail={cyclesCrumb(m)}>
      <h1>自分の作業</h1>
      {abilities.hasTasks && !user.division ? (
        <p>所属が設定されていないため、担当する報告はありません。所属の設定はシステム管理者に依頼してください。</p>
      ) : null}
      {!abilities.hasTasks && !abilities.canOverview ? (
        <p>あなたの役割（{user.roles.length > 0 ? "自己評価の役割がありません" : "役割がありません"}）には、自己評価の作業はありません。</p>
      ) : null}
      <WorkPanel municipality={m} user={user} work={props.work} today={props.today} level={1} />
    </StaffPage>
  );
}
