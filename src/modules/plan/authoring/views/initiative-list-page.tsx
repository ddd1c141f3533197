/** The initiatives of a draft: edit one, add one, remove one (after confirming what else goes). */
import { CsrfField } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { divisionsText } from "../../revisions/domain/change-values.ts";
import type { Revision } from "../../revisions/revision.ts";
import { draftBase } from "../paths.ts";
import { AuthoringPage, type Staff } from "./authoring-page.tsx";

const TITLE = "取組項目";

export function InitiativeListPage(props: { municipality: Municipality; staff: Staff; draft: Revision; notice?: string }) {
  const { draft } = props;
  const base = `${draftBase(props.municipality, draft.id)}/initiatives`;
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={TITLE} draft={draft} notice={props.notice}>
      <h1>{TITLE}</h1>
      <p>
        <a class="button" href={`${base}/new`}>
          取組項目を追加
        </a>
      </p>
      <TableWrap label="取組項目の一覧">
        <table>
          <caption>取組項目（{draft.content.initiatives.length}件）</caption>
          <thead>
            <tr>
              <th scope="col">番号</th>
              <th scope="col">取組項目</th>
              <th scope="col">取組方針</th>
              <th scope="col">担当課</th>
              <th scope="col" class="num">
                数値目標
              </th>
              <th scope="col">削除</th>
            </tr>
          </thead>
          <tbody>
            {draft.content.initiatives.map((item) => (
              <tr>
                <td>{item.number}</td>
                <th scope="row">
                  <a href={`${base}/${item.number}`}>{item.title}</a>
                  {item.isNew ? <span class="tag">新規</span> : null}
                </th>
                <td>{item.policy}</td>
                <td>{divisionsText(item)}</td>
                <td class="num">{item.kpis.length}件</td>
                <td>
                  <a href={`${base}/${item.number}/remove`}>
                    削除<span class="visually-hidden">（取組項目{item.number}）</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </AuthoringPage>
  );
}

export function RemoveInitiativePage(props: {
  municipality: Municipality;
  staff: Staff;
  draft: Revision;
  number: number;
  /** Mappings (図表2, 図表5) that name the initiative and lose it too. */
  references: string[];
  message?: string;
}) {
  const item = props.draft.content.initiatives.find((i) => i.number === props.number)!;
  const title = `取組項目${item.number}の削除`;
  const action = `${draftBase(props.municipality, props.draft.id)}/initiatives/${item.number}/remove`;
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={title} draft={props.draft}>
      {props.message ? (
        <p class="notice" role="alert">
          {props.message}
        </p>
      ) : null}
      <h1>{title}</h1>
      <p>
        取組項目{item.number}「{item.title}」を下書きから削除します。取組計画と数値目標（{item.kpis.length}件）も削除されます。公開するまで市民向けのページは変わりません。
      </p>
      {props.references.length > 0 ? (
        <>
          <p>次の対応表からも、この取組項目が外れます。</p>
          <ul>
            {props.references.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
      <form method="post" action={action}>
        <CsrfField token={props.staff.csrfToken} />
        <input type="hidden" name="lockVersion" value={String(props.draft.lockVersion)} />
        <button type="submit" class="button">
          削除する
        </button>{" "}
        <a href={`${draftBase(props.municipality, props.draft.id)}/initiatives`}>削除せずに戻る</a>
      </form>
    </AuthoringPage>
  );
}
