/** Divisions, the coverage matrix and the glossary (the evaluation history is evaluation-history-page.tsx). */
import { TableWrap } from "../../../core/views/layout.tsx";
import type { CollectiveKind, Initiative, Mapping, Plan } from "../../plan/plan.ts";
import { COLLECTIVE_LABELS } from "../../plan/plan.ts";
import { basePath, PortalPage } from "../../tenancy/views/portal-page.tsx";
import { NewTag } from "./plan-text.tsx";

export type DivisionSummary = { id: number; name: string; lead: Initiative[]; co: Initiative[] };

export function summariseDivisions(plan: Plan): { divisions: DivisionSummary[]; collectives: Map<CollectiveKind, Initiative[]> } {
  const byId = new Map<number, DivisionSummary>();
  const collectives = new Map<CollectiveKind, Initiative[]>();
  for (const i of plan.initiatives) {
    for (const d of i.divisions) {
      if (d.kind === "division") {
        const s = byId.get(d.divisionId) ?? { id: d.divisionId, name: d.name, lead: [], co: [] };
        (d.role === "lead" ? s.lead : s.co).push(i);
        byId.set(d.divisionId, s);
      } else {
        collectives.set(d.kind, [...(collectives.get(d.kind) ?? []), i]);
      }
    }
  }
  const divisions = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "ja"));
  return { divisions, collectives };
}

function InitiativeLinks(props: { items: Initiative[]; base: string }) {
  return (
    <ul>
      {props.items.map((i) => (
        <li>
          <a href={`${props.base}/initiatives/${i.number}`}>
            {i.number} {i.title}
          </a>
          <NewTag isNew={i.isNew} />
        </li>
      ))}
    </ul>
  );
}

export function DivisionsPage(props: { plan: Plan }) {
  const { plan } = props;
  const base = basePath(plan.municipality);
  const { divisions, collectives } = summariseDivisions(plan);
  return (
    <PortalPage municipality={plan.municipality} section="divisions" title="担当課ごとの取組">
      <h1>担当課ごとの取組</h1>
      <p>各課が主担当（最初に記載された課）または共同で担当する取組項目です。{divisions.length}の課等が担当しています。</p>
      <TableWrap label="担当課と担当する取組項目の数">
        <table>
          <caption>担当課と担当する取組項目の数</caption>
          <thead>
            <tr>
              <th scope="col">担当課</th>
              <th scope="col" class="num">
                主担当
              </th>
              <th scope="col" class="num">
                共同担当
              </th>
            </tr>
          </thead>
          <tbody>
            {divisions.map((d) => (
              <tr>
                <th scope="row">
                  <a href={`${base}/divisions/${d.id}`}>{d.name}</a>
                </th>
                <td class="num">{d.lead.length}</td>
                <td class="num">{d.co.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>全庁的な担当</h2>
      <p>「全部局」「関係各課」「各システム担当課」と記載された取組項目です。</p>
      {[...collectives].map(([kind, items]) => (
        <section>
          <h3 id={kind}>{COLLECTIVE_LABELS[kind]}</h3>
          <InitiativeLinks items={items} base={base} />
        </section>
      ))}
    </PortalPage>
  );
}

export function DivisionPage(props: { plan: Plan; division: DivisionSummary }) {
  const { plan, division } = props;
  const base = basePath(plan.municipality);
  return (
    <PortalPage
      municipality={plan.municipality}
      section="divisions"
      title={division.name}
      trail={[{ href: `${base}/divisions`, label: "担当課ごとの取組" }]}
    >
      <h1>{division.name}が担当する取組</h1>
      <h2>主担当の取組項目（{division.lead.length}件）</h2>
      {division.lead.length > 0 ? <InitiativeLinks items={division.lead} base={base} /> : <p>ありません。</p>}
      <h2>共同で担当する取組項目（{division.co.length}件）</h2>
      {division.co.length > 0 ? <InitiativeLinks items={division.co} base={base} /> : <p>ありません。</p>}
      <p>
        <a href={`${base}/initiatives?division=${division.id}`}>取組項目の一覧で絞り込む</a>
      </p>
    </PortalPage>
  );
}

export function CoveragePage(props: { plan: Plan }) {
  const { plan } = props;
  const base = basePath(plan.municipality);
  const columns: (Mapping & { kind: string; header: string })[] = [
    ...plan.nationalPriorityItems.map((m) => ({ ...m, kind: "national", header: `国${m.code}` })),
    ...plan.dataUtilizationMeasures.map((m) => ({ ...m, kind: "data", header: `法${m.code}` })),
  ];
  const anyAssumed = columns.some((c) => c.assumed);
  return (
    <PortalPage municipality={plan.municipality} section="coverage" title="国の計画・法律との対応表">
      <h1>国の計画・法律との対応表</h1>
      <p>
        各取組項目が、国の「自治体DX推進計画」で自治体が取り組むべき事項（図表2）と、官民データ活用推進基本法が市町村に求める5つの施策（図表5）のどれに対応するかを示します。
      </p>
      <h2>自治体DX推進計画の取り組むべき事項（図表2）</h2>
      <MappingList mappings={plan.nationalPriorityItems} base={base} prefix="国" label="自治体DX推進計画の取り組むべき事項と取組項目" />
      <h2>官民データ活用推進基本法が市町村に求める施策（図表5）</h2>
      <p>本計画は、次の5つの施策を含むことにより「市町村官民データ活用推進計画」として位置付けられています。</p>
      <MappingList mappings={plan.dataUtilizationMeasures} base={base} prefix="法" label="官民データ活用推進基本法の施策と取組項目" />
      <h2>取組項目ごとの対応表</h2>
      <p class="note">列見出しの記号は上の一覧の「国」「法」の番号に対応します。「●」は対応することを表します。</p>
      <TableWrap label="取組項目と、国の計画の事項・法律の施策との対応">
        <table class="matrix">
          <caption>取組項目と、国の計画の事項・法律の施策との対応</caption>
          <thead>
            <tr>
              <th scope="col">取組項目</th>
              {columns.map((c) => (
                <th scope="col">
                  <abbr title={c.title}>{c.header}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plan.initiatives.map((i) => (
              <tr>
                <th scope="row">
                  <a href={`${base}/initiatives/${i.number}`}>
                    {i.number} {i.title}
                  </a>
                </th>
                {columns.map((c) =>
                  c.initiativeNumbers.includes(i.number) ? (
                    <td>
                      <span aria-hidden="true">●</span>
                      <span class="visually-hidden">対応</span>
                    </td>
                  ) : (
                    <td>
                      <span class="visually-hidden">対応なし</span>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {anyAssumed ? (
        <p class="note">
          「確認中」とある事項は、取組項目との対応を、事務局が計画書の原本と照合しているところです。
        </p>
      ) : null}
    </PortalPage>
  );
}

function MappingList(props: { mappings: Mapping[]; base: string; prefix: string; label: string }) {
  return (
    <TableWrap label={props.label}>
      <table>
        <thead>
          <tr>
            <th scope="col">番号</th>
            <th scope="col">事項</th>
            <th scope="col">対応する取組項目</th>
          </tr>
        </thead>
        <tbody>
          {props.mappings.map((m) => (
            <tr>
              <td>
                {props.prefix}
                {m.code}
              </td>
              <th scope="row">
                {m.group ? <span class="note">{m.group}: </span> : null}
                {m.title}
                {m.detail ? <span class="note">（本計画における取組: {m.detail}）</span> : null}
                {m.assumed ? <span class="tag tag-assumed">確認中</span> : null}
              </th>
              <td>
                {m.initiativeNumbers.length === 0
                  ? "なし"
                  : m.initiativeNumbers.map((n, idx) => (
                      <>
                        {idx > 0 ? "、" : null}
                        <a href={`${props.base}/initiatives/${n}`}>{n}</a>
                      </>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function GlossaryPage(props: { plan: Plan }) {
  const { plan } = props;
  const sections = [
    { key: "alphabet", title: "アルファベット順" },
    { key: "kana", title: "50音順" },
  ] as const;
  return (
    <PortalPage municipality={plan.municipality} section="glossary" title="用語説明">
      <h1>用語説明</h1>
      <p>計画の本文で使われている用語の説明です。本文中の用語からこのページの説明へリンクしています。</p>
      {sections.map((s) => (
        <section>
          <h2>{s.title}</h2>
          <dl class="glossary">
            {plan.glossary.map((t, index) =>
              t.section === s.key ? (
                <>
                  <dt id={`term-${index + 1}`}>{t.term}</dt>
                  <dd>{t.description}</dd>
                </>
              ) : null,
            )}
          </dl>
        </section>
      ))}
    </PortalPage>
  );
}
