/**
 * The mail outbox for the secretariat: what the cycle has sent or will send,
 * to whom and when (decision 009). In outbox mode nothing leaves the server
 * and this page is the only place the mail can be read.
 */
import { TableWrap } from "../../../core/views/layout.tsx";
import type { OutboxRow } from "../../../core/mail/outbox-queries.ts";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import { japanDateTimeLabel } from "../domain/deadlines.ts";
import { cyclesCrumb } from "./paths.ts";

const KIND_LABELS: Record<string, string> = {
  cycle_opened: "評価の開始",
  deadline_reminder: "提出期限のお知らせ",
  report_returned: "差戻し",
  report_approved: "課長承認",
  report_finalised: "評価の確定",
};

const status = (m: OutboxRow) =>
  m.sent_at ? `送信済み（${japanDateTimeLabel(new Date(m.sent_at))}）` : m.last_error ? `送信失敗（${m.attempts}回、再試行します）: ${m.last_error}` : "送信待ち";

export function OutboxPage(props: { municipality: Municipality; staff: { user: StaffUser; csrfToken: string }; mails: OutboxRow[]; limit: number }) {
  const m = props.municipality;
  return (
    <StaffPage municipality={m} title="送信メール" signedIn={{ ...props.staff, ready: true }} section="cycles" trail={cyclesCrumb(m)}>
      <h1>送信メール</h1>
      <p>
        自己評価の開始、提出期限のお知らせ、差戻し、承認、評価の確定のメールです（新しい順に最大{props.limit}件）。メールの送信が設定されていない場合は送信されず、ここに記録だけが残ります。
      </p>
      {props.mails.length === 0 ? (
        <p>メールはまだありません。</p>
      ) : (
        <TableWrap label="送信メールの一覧">
          <table>
            <caption>送信メールの一覧</caption>
            <thead>
              <tr>
                <th scope="col">作成日時</th>
                <th scope="col">種類</th>
                <th scope="col">宛先</th>
                <th scope="col">件名と本文</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {props.mails.map((mail) => (
                <tr>
                  <td>{japanDateTimeLabel(new Date(mail.created_at))}</td>
                  <td>{KIND_LABELS[mail.kind] ?? mail.kind}</td>
                  <td>{mail.to_address}</td>
                  <th scope="row">
                    <details>
                      <summary>{mail.subject}</summary>
                      <pre>{mail.body}</pre>
                    </details>
                  </th>
                  <td>{status(mail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffPage>
  );
}
