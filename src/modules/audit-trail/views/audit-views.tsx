/** Small parts shared by the audit log and the initiative history pages. */
import type { ChangedValue } from "../domain/changed-values.ts";
import { japanDateTime, japanIso } from "../domain/japan-time.ts";

/** An instant in Japan time, machine-readable too. */
export function JapanTime(props: { at: Date }) {
  return <time datetime={japanIso(props.at)}>{japanDateTime(props.at)}</time>;
}

/** A value, or a plain statement that the record has none on this side. */
export function Value(props: { text: string | null }) {
  if (props.text === null) return <>（記録なし）</>;
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

/** "before → after", with the arrow read as words. */
export function BeforeAfter(props: { before: string | null; after: string | null }) {
  if (props.before === null) return <Value text={props.after} />;
  return (
    <>
      <Value text={props.before} />
      <span aria-hidden="true"> → </span>
      <span class="visually-hidden">から</span>
      <Value text={props.after} />
      {props.after === null ? null : <span class="visually-hidden">に</span>}
    </>
  );
}

/** The changed keys of an audit record, one per line. */
export function ChangedValues(props: { changes: ChangedValue[] }) {
  if (props.changes.length === 0) return <>—</>;
  return (
    <ul>
      {props.changes.map((c) => (
        <li>
          {c.key === "" ? null : <>{c.key}：</>}
          <BeforeAfter before={c.before} after={c.after} />
        </li>
      ))}
    </ul>
  );
}
