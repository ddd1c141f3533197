/**
 * 読み取りの確認: every reading of the transcribed plan (schedule rows whose
 * arrows were lost, the 図表2/図表5 mappings), with the transcriber's note,
 * for the secretariat to check against the printed plan and confirm — one by
 * one, or every reading of an initiative at once.
 */
import { CsrfField } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import type { StaffUser } from "../../../accounts/user.ts";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { Plan } from "../../plan.ts";
import type { Reading } from "../readings.ts";

export const readingsPath = (m: Pick<Municipality, "lgCode">) => `/${m.lgCode}/staff/readings`;

export type ReadingRow = Reading & { confirmed: { at: string; by: string } | null };

type Staff = { user: StaffUser; csrfToken: string };

/** `context` names the item for screen readers, so that the many 「確認した」 buttons can be told apart. */
function ConfirmButton(props: { m: Municipality; staff: Staff; keys: string[]; label: string; anchor: string; context?: string }) {
  return (
    <form method="post" action={`${readingsPath(props.m)}/confirm`} class="inline-form">
      <CsrfField token={props.staff.csrfToken} />
      {props.keys.map((k) => (
        <input type="hidden" name="key" value={k} />
      ))}
      <input type="hidden" name="anchor" value={props.anchor} />
      <button type="submit" class="button button-secondary">
        {props.label}
        {props.context ? <span class="visually-hidden">（{props.context}）</span> : null}
      </button>
    </form>
  );
}

function ReadingTable(props: { m: Municipality; staff: Staff; rows: ReadingRow[]; caption: string; first: string }) {
  return (
    <TableWrap label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.first}</th>
            <th scope="col">転記した内容</th>
            <th scope="col">読み取りの内容（計画書と照合する点）</th>
            <th scope="col">状態</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr id={`reading-${encodeURIComponent(r.key)}`}>
              <th scope="row">{r.label}</th>
              <td>{r.reading}</td>
              <td>{r.note ?? "（記載なし）"}</td>
              <td>
                {r.confirmed ? (
                  <>
                    確認済み（{r.confirmed.at}、{r.confirmed.by}）
                  </>
                ) : (
                  <ConfirmButton m={props.m} staff={props.staff} keys={[r.key]} label="確認した" context={r.label} anchor={`reading-${encodeURIComponent(r.key)}`} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function ReadingsPage(props: { municipality: Municipality; staff: Staff; plan: Plan; rows: ReadingRow[]; notice?: string }) {
  const m = props.municipality;
  const { plan, rows } = props;
  const open = rows.filter((r) => !r.confirmed).length;
  const byInitiative = plan.initiatives.flatMap((i) => {
    const own = rows.filter((r) => r.kind === "schedule" && r.initiativeNumber === i.number);
    return own.length > 0 ? [{ initiative: i, rows: own }] : [];
  });
  const mappings = [
    { kind: "priority", title: "図表2 自治体DX推進計画の重点取組事項との対応", rows: rows.filter((r) => r.kind === "priority") },
    { kind: "data-utilization", title: "図表5 官民データ活用推進基本法の施策との対応", rows: rows.filter((r) => r.kind === "data-utilization") },
  ].filter((g) => g.rows.length > 0);
  return (
    <StaffPage municipality={m} title="読み取りの確認" signedIn={{ ...props.staff, ready: true }} section="plan" trail={[{ href: `/${m.lgCode}/staff/plan`, label: "計画の編集" }]}>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <h1>読み取りの確認</h1>
      <p>
        計画データを転記したときに、印字から読み取って補った項目です（取組計画の矢印が失われた行、計画に印字されていない国の計画・法律との対応）。計画書（PDF）と照合し、正しければ「確認した」を押してください。確認するまで、市民向けページでは「確認中」と表示されます（読み取りの内容は表示されません）。読み取りが誤っていた場合は、「計画の編集」で下書きを作って直してください。
      </p>
      <p>
        <strong>
          確認待ち {open}件、確認済み {rows.length - open}件（全{rows.length}件）
        </strong>
      </p>
      {byInitiative.length > 0 ? <h2>取組計画（年度ごとの段階）</h2> : null}
      {byInitiative.map(({ initiative, rows: own }) => {
        const pending = own.filter((r) => !r.confirmed);
        return (
          <section aria-labelledby={`readings-${initiative.number}`} id={`initiative-${initiative.number}`}>
            <h3 id={`readings-${initiative.number}`}>
              取組項目{initiative.number} {initiative.title}
            </h3>
            <ReadingTable m={m} staff={props.staff} rows={own} caption={`取組項目${initiative.number}の読み取り`} first="取組" />
            {pending.length > 1 ? (
              <ConfirmButton
                m={m}
                staff={props.staff}
                keys={pending.map((r) => r.key)}
                label={`取組項目${initiative.number}の読み取りをすべて確認した（${pending.length}件）`}
                anchor={`initiative-${initiative.number}`}
              />
            ) : null}
          </section>
        );
      })}
      {mappings.map((g) => (
        <section aria-labelledby={`readings-${g.kind}`} id={`mapping-${g.kind}`}>
          <h2 id={`readings-${g.kind}`}>{g.title}</h2>
          <ReadingTable m={m} staff={props.staff} rows={g.rows} caption={`${g.title}（読み取りの一覧）`} first="事項" />
        </section>
      ))}
    </StaffPage>
  );
}
