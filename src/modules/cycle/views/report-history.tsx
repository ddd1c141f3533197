/**
 * The history of a report: every change of state with its comment, every
 * comment of the review, every change of grade. Append-only in the database,
 * so a returned report shows why it was returned, however often.
 */
import { TableWrap } from "../../../core/views/layout.tsx";
import { ROLE_LABELS } from "../../tenancy/roles.ts";
import type { ReportEvent } from "../cycle.ts";
import { japanDateTimeLabel } from "../domain/deadlines.ts";
import { ACTION_LABELS, STATE_LABELS, type ReportAction } from "../domain/report-workflow.ts";

const EVENT_LABELS: Record<string, string> = {
  ...ACTION_LABELS,
  open: "評価の開始",
  change_grade: "評価の変更（CIO）",
  designate_lead: "主担当課の指定",
  correct: "公表後の訂正",
};

export const eventLabel = (action: string) => EVENT_LABELS[action as ReportAction] ?? action;

export function ReportHistory(props: { events: ReportEvent[] }) {
  return (
    <section aria-labelledby="history">
      <h2 id="history">履歴</h2>
      {props.events.length === 0 ? (
        <p>履歴はまだありません。</p>
      ) : (
        <TableWrap label="報告の履歴">
          <table>
            <caption>報告の履歴（古い順）</caption>
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">操作</th>
                <th scope="col">状態</th>
                <th scope="col">実施者</th>
                <th scope="col">コメント</th>
              </tr>
            </thead>
            <tbody>
              {props.events.map((e) => (
                <tr>
                  <td>{japanDateTimeLabel(e.at)}</td>
                  <th scope="row">{eventLabel(e.action)}</th>
                  <td>
                    {e.fromState && e.toState && e.fromState !== e.toState
                      ? `${STATE_LABELS[e.fromState]} → ${STATE_LABELS[e.toState]}`
                      : e.toState
                        ? STATE_LABELS[e.toState]
                        : "—"}
                  </td>
                  <td>
                    {e.actorLabel}
                    {e.actorRole ? <span class="note">（{ROLE_LABELS[e.actorRole]}）</span> : null}
                  </td>
                  <td>{e.comment ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
