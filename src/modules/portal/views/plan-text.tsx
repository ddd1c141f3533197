/** Plan text with glossary terms linked to their definitions, and the division list. */
import type { GlossaryLinker } from "../../plan/domain/glossary-linker.ts";
import type { Initiative } from "../../plan/plan.ts";
import { COLLECTIVE_LABELS } from "../../plan/plan.ts";

export function PlanText(props: { text: string; linker: GlossaryLinker; glossaryHref: string }) {
  return (
    <>
      {props.linker.split(props.text).map((part) =>
        typeof part === "string" ? (
          part
        ) : (
          <a class="glossary-term" href={`${props.glossaryHref}#term-${part.termIndex + 1}`}>
            {part.text}
          </a>
        ),
      )}
    </>
  );
}

export function TextList(props: { lines: string[]; linker: GlossaryLinker; glossaryHref: string }) {
  if (props.lines.length === 1) {
    return (
      <p>
        <PlanText text={props.lines[0]!} linker={props.linker} glossaryHref={props.glossaryHref} />
      </p>
    );
  }
  return (
    <ul>
      {props.lines.map((line) => (
        <li>
          <PlanText text={line} linker={props.linker} glossaryHref={props.glossaryHref} />
        </li>
      ))}
    </ul>
  );
}

export function Divisions(props: { initiative: Initiative; base: string }) {
  return (
    <ul class="division-list">
      {props.initiative.divisions.map((d) => (
        <li>
          {d.kind === "division" ? (
            <a href={`${props.base}/divisions/${d.divisionId}`}>{d.name}</a>
          ) : (
            <a href={`${props.base}/divisions#${d.kind}`}>{COLLECTIVE_LABELS[d.kind]}</a>
          )}
          {d.kind === "division" && d.unit ? `（${d.unit}）` : null}
          {d.role === "lead" ? <span class="tag">主担当</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function NewTag(props: { isNew: boolean }) {
  return props.isNew ? <span class="tag">新規</span> : null;
}
