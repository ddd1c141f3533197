/**
 * "My tasks": what is waiting for a digital officer or a division head, in
 * the order of the deadlines. Each row names what this user can do now (the
 * same abilities that decide the report page's buttons).
 */
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { Initiative, Municipality } from "../../plan/plan.ts";
import type { Cycle, IsoDate, Report } from "../cycle.ts";
import { dateLabel, isOverdue } from "../domain/deadlines.ts";
import { STATE_LABELS } from "../domain/report-workflow.ts";
import type { Abilities } from "../policy.ts";
import { cyclesCrumb, reportBase } from "./paths.ts";

export type Task = { cycle: Cycle; initiative: Initiative; report: Report; abilities: Abilities; isLead: boolean };

/** What the user can do now, in words; empty when nothing waits for them. */
export function taskLabels(t: Pick<Task, "abilities" | "isLead">): string[] {
  const a = t.abilities;
  const labels: string[] = [];
  if (a.canRevise) labels.push("差戻し: 修正を始める");
  if (a.canEdit) labels.push("報告の入力");
  if (a.canApprove) labels.push("課長承認");
  if (a.canSubmit) labels.push("事務局へ提出");
  if (a.canContribute) labels.push("関係課としての入力（任意）");
  return labels;
}

export function MyTasksPage(props: { municipality: Municipality; staff: { user: StaffUser; csrfToken: string }; tasks: Task[]; today: IsoDate }) {
  const m = props.municipality;
  const division = props.staff.user.division;
  return (
    <StaffPage municipality={m} title="自分の作業" signedIn={{ ...props.staff, ready: true }} section="cycles" trail={cyclesCrumb(m)}>
      <h1>自分の作業</h1>
      {division ? (
        <p>{division.name}が担当する取組項目の報告のうち、あなたが対応できるものを提出期限の順に示します。</p>
      ) : (
        <p>所属が設定されていないため、担当する報告はありません。所属の設定はシステム管理者に依頼してください。</p>
      )}
      {props.tasks.length === 0 ? (
        <p>いま対応が必要な報告はありません。</p>
      ) : (
        <TableWrap label="対応が必要な報告">
          <table class="stacked">
            <caption>対応が必要な報告（{props.tasks.length}件、期限の早い順）</caption>
            <thead>
              <tr>
                <th scope="col">提出期限</th>
                <th scope="col">取組項目</th>
                <th scope="col">担当</th>
                <th scope="col">状態</th>
                <th scope="col">できること</th>
              </tr>
            </thead>
            <tbody>
              {props.tasks.map((t) => (
                <tr>
                  <td data-label="提出期限">
                    {dateLabel(t.cycle.deadlines.reportDue)}
                    {isOverdue(t.report.state, t.cycle.deadlines, props.today) ? <strong>（期限超過）</strong> : null}
                  </td>
                  <th scope="row">
                    <a href={reportBase(m, t.cycle.id, t.initiative.number)}>
                      {t.initiative.number} {t.initiative.title}
                    </a>
                    <span class="note">（{warekiFiscalYear(t.cycle.fiscalYear)}）</span>
                  </th>
                  <td data-label="担当">{t.isLead ? "主担当" : "関係課"}</td>
                  <td data-label="状態">{STATE_LABELS[t.report.state]}</td>
                  <td data-label="できること">{taskLabels(t).join("、")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffPage>
  );
}
