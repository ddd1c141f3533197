/**
 * Building blocks of the change history pages: the table of changes of one
 * part of the plan (old and new values side by side), the counts, and dates.
 */
import { TableWrap } from "../../../../core/views/layout.tsx";
import type { Plan } from "../../plan.ts";
import {
  CHANGE_KIND_LABELS,
  groupBySection,
  type ChangeCounts,
  type PlanChange,
} from "../domain/plan-change.ts";
import { basePath } from "../../../tenancy/views/portal-page.tsx";

const DATE = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long" });
const DATE_TIME = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long", timeStyle: "short" });

/** A publication date in Japan time, machine-readable too. */
export function PublishedAt(props: { at: Date | null; withTime?: boolean }) {
  if (!props.at) return <>—</>;
  return <time datetime={props.at.toISOString()}>{(props.withTime ? DATE_TIME : DATE).format(props.at)}</time>;
}

export function countsText(counts: ChangeCounts | null): string {
  if (counts === null) return "最初の版";
  if (counts.total === 0) return "変更なし";
  return `${counts.total}件（追加 ${counts.added}・削除 ${counts.removed}・変更 ${counts.changed}）`;
}

/** Every change, one table per part of the plan, in the plan's order. */
export function ChangeTables(props: { plan: Plan; changes: PlanChange[] }) {
  if (props.changes.length === 0) return <p>内容の違いはありません。</p>;
  const base = basePath(props.plan.municipality);
  const numbers = new Set(props.plan.initiatives.map((i) => i.number));
  return (
    <>
      {groupBySection(props.changes).map(({ section, changes }) => {
        const link = section.initiativeNumber !== undefined && numbers.has(section.initiativeNumber);
        return (
          <section>
            <h2>
              {link ? <a href={`${base}/initiatives/${section.initiativeNumber}`}>{section.label}</a> : section.label}
            </h2>
            <TableWrap label={`${section.label}の変更`}>
              <ChangeRowsTable
                caption={`${section.label}の変更（${changes.length}件）`}
                changes={changes}
                rowId={(c) => `change-${shortId(c.key)}`}
              />
            </TableWrap>
          </section>
        );
      })}
    </>
  );
}

/** One part's changes as a table: what, which attribute, kind, before and after side by side. */
export function ChangeRowsTable(props: { caption: string; changes: readonly PlanChange[]; rowId?: (change: PlanChange) => string }) {
  return (
    <table class="changes">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">対象</th>
          <th scope="col">項目</th>
          <th scope="col">種類</th>
          <th scope="col">変更前</th>
          <th scope="col">変更後</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((c) => (
          <tr id={props.rowId?.(c)}>
            <th scope="row">{c.subject}</th>
            <td>{c.field ?? (c.kind === "added" ? "全体を追加" : "全体を削除")}</td>
            <td>{CHANGE_KIND_LABELS[c.kind]}</td>
            <td>
              <Value text={c.before} />
            </td>
            <td>
              <Value text={c.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A value as printed; several lines stay several lines; a missing side says so in text. */
function Value(props: { text: string | null }) {
  if (props.text === null) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">なし</span>
      </>
    );
  }
  const lines = props.text.split("\n");
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

/**
 * A short id from a change key (FNV-1a), so a row can be linked to: stable
 * for the same change, and short where the key holds long Japanese labels.
 */
function shortId(key: string): string {
  let hash = 0x811c9dc5;
  for (const ch of key) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
