/** Small parts shared by the audit log and the initiative history pages. */
import type { DescribedChange } from "../domain/describe-record.ts";
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

/** The changed values of an audit record, one per line, each under its Japanese name. */
export function ChangedValues(props: { changes: DescribedChange[] }) {
  if (props.changes.length === 0) return <>—</>;
  return (
    <ul>
      {props.changes.map((c) => (
        <li>
          {c.label}：
          <BeforeAfter before={c.before} after={c.after} />
        </li>
      ))}
    </ul>
  );
}
