/**
 * The history of one initiative for staff, /:lgCode/staff/initiatives/:number/history:
 * every entry of every source (plan revisions, audit records; later the
 * PDCA reports) newest first, each with who, when, why and the values
 * before and after.
 */
import { TableWrap } from "../../../core/views/layout.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import { HISTORY_KIND_LABELS, type HistoryEntry } from "../domain/history.ts";
import { JapanTime, Value } from "./audit-views.tsx";

export type InitiativeHistoryPageProps = {
  municipality: Municipality;
  staff: { user: StaffUser; csrfToken: string };
  initiative: { number: number; title: string };
  entries: HistoryEntry[];
};

export function InitiativeHistoryPage(props: InitiativeHistoryPageProps) {
  const { initiative, entries } = props;
  const name = `取組項目${initiative.number} ${initiative.title}`;
  return (
    <StaffPage
      municipality={props.municipality}
      title={`${name}の履歴`}
      signedIn={{ ...props.staff, ready: true }}
      trail={[]}
    >
      <h1>{name}の履歴</h1>
      <p>
        この取組項目を変えた計画の改訂と、この取組項目・数値目標についての操作の記録を、新しい順に表示します。日時は日本時間です。
      </p>
      <ul class="download-links">
        <li>
          <a href={`/${props.municipality.lgCode}/initiatives/${initiative.number}`}>公開ページでこの取組項目を見る</a>
        </li>
      </ul>
      {entries.length === 0 ? <p>記録はありません。</p> : null}
      {entries.map((entry, i) => (
        <section aria-labelledby={`history-${i}`}>
          <h2 id={`history-${i}`}>
            <JapanTime at={entry.at} /> {entry.summary}
          </h2>
          <dl class="summary-list">
            <div>
              <dt>種類</dt>
              <dd>{HISTORY_KIND_LABELS[entry.kind]}</dd>
            </div>
            <div>
              <dt>実施者</dt>
              <dd>{entry.who}</dd>
            </div>
            {entry.detail.reason ? (
              <div>
                <dt>理由</dt>
                <dd>{entry.detail.reason}</dd>
              </div>
            ) : null}
          </dl>
          {entry.detail.changes.length > 0 ? (
            <TableWrap label={`${entry.summary}の内容`}>
              <table>
                <caption>
                  {entry.summary}の内容（{entry.detail.changes.length}件）
                </caption>
                <thead>
                  <tr>
                    <th scope="col">対象</th>
                    <th scope="col">項目</th>
                    <th scope="col">変更前</th>
                    <th scope="col">変更後</th>
                  </tr>
                </thead>
                <tbody>
                  {entry.detail.changes.map((c) => (
                    <tr>
                      <th scope="row">{c.subject}</th>
                      <td>{c.field ?? (c.before === null ? "全体を追加" : "全体を削除")}</td>
                      <td>
                        <Side text={c.before} />
                      </td>
                      <td>
                        <Side text={c.after} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </section>
      ))}
    </StaffPage>
  );
}

/** One side of a change in its own column: the text, or 「なし」 where the subject did not exist. */
function Side(props: { text: string | null }) {
  return props.text === null ? <>なし</> : <Value text={props.text} />;
}
