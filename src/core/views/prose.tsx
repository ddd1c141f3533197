/**
 * Multi-line text as written by staff: blank lines separate paragraphs, single
 * line breaks stay breaks. Nothing written is said in words (`none`), never
 * shown as an empty space.
 */
export function Prose(props: { text: string | null; none?: string; noneClass?: string }) {
  if (!props.text) return <p class={props.noneClass ?? "note"}>{props.none ?? "（未入力）"}</p>;
  return (
    <>
      {props.text.split(/\n{2,}/).map((para) => (
        <p>
          {para.split("\n").map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}
