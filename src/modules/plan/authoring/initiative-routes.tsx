/**
 * The initiatives (取組項目) of a draft: the list, one initiative's form (or a
 * new one's), and removing one. Same shape as registerDraftPart, plus what an
 * initiative needs: the organisation registry for its divisions, a number
 * for a new one, and the mappings that lose a removed one.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { readForm, type FormValues } from "../../../core/http/form.ts";
import { notFound } from "../../../core/http/http-error.ts";
import { staffState, type SignedIn, type StaffEnv } from "../../accounts/staff-area.ts";
import { listDivisionNames } from "../repository/plan-queries.ts";
import { phaseLabels } from "../revisions/domain/change-values.ts";
import type { Revision } from "../revisions/revision.ts";
import { actorOf, draftClosed, loadRevision, requireAuthor, staffOf, type AuthoringDeps } from "./authoring-access.ts";
import { SAVED_NOTICE } from "./draft-part.tsx";
import { submitDraftPart } from "./draft-submission.ts";
import { putInitiative, referencesTo, removeInitiative } from "./forms/draft-edits.ts";
import { integerOf, lockVersionOf, periodYears } from "./forms/form-input.ts";
import {
  applyInitiativeAction,
  blankInitiativeForm,
  initiativeFieldIds,
  initiativeFromForm,
  initiativeToForm,
  newNumberErrors,
  readInitiativeForm,
  unregisteredDivisions,
  type InitiativeForm,
} from "./forms/initiative-form.ts";
import { parseRowAction } from "./forms/row-actions.ts";
import { DRAFT_PATH, draftBase } from "./paths.ts";
import type { EditState } from "./views/authoring-page.tsx";
import { InitiativeListPage, RemoveInitiativePage } from "./views/initiative-list-page.tsx";
import { InitiativeEditPage } from "./views/initiative-page.tsx";

const LIST = `${DRAFT_PATH}/initiatives`;
const ONE = `${LIST}/:number{[0-9]{1,6}}`;

export function initiativeRoutes(deps: AuthoringDeps): Hono<StaffEnv> {
  const { db } = deps;
  const r = new Hono<StaffEnv>();
  const listUrl = (c: Context, draft: Revision) => `${draftBase(staffState(c).municipality, draft.id)}/initiatives`;
  const numberOf = (c: Context) => Number(c.req.param("number"));
  const openDraft = async (c: Context) => {
    const draft = await loadRevision(db, c);
    return draft.status === "draft" ? draft : undefined;
  };
  const registry = async (c: Context) => {
    const divisions = await listDivisionNames(db, staffState(c).municipality.id);
    return {
      names: new Set(divisions.map((d) => d.name)),
      options: divisions.map((d) => ({ value: d.name, label: d.bureau ? `${d.name}（${d.bureau}）` : d.name })),
    };
  };

  /** The initiative form page; `number` undefined for a new initiative. */
  const page = async (c: Context, s: SignedIn, draft: Revision, form: InitiativeForm, state: EditState, number?: number) => (
    <InitiativeEditPage
      municipality={staffState(c).municipality}
      staff={staffOf(s)}
      draft={draft}
      form={form}
      state={state}
      number={number}
      years={periodYears(draft.content.period)}
      phaseLabels={phaseLabels(draft.content)}
      divisionOptions={(await registry(c)).options}
    />
  );

  /** POST of the form: a row button, or validate the whole plan and save. */
  const submit = async (c: Context, s: SignedIn, values: FormValues, draft: Revision, number?: number) => {
    const years = periodYears(draft.content.period);
    const form = readInitiativeForm(values, years);
    if (number !== undefined) form.number = String(number);
    const lockVersion = lockVersionOf(values);
    const action = parseRowAction(values);
    const changed = action && applyInitiativeAction(form, action, years);
    if (changed) return c.html(await page(c, s, draft, changed, { lockVersion, errors: [] }, number));

    const typed = integerOf(form.number);
    const key = typeof typed === "number" ? typed : Number.MAX_SAFE_INTEGER;
    const { content, index } = putInitiative(draft.content, key, initiativeFromForm(form, years));
    const formErrors = [
      ...(number === undefined ? newNumberErrors(form, new Set(draft.content.initiatives.map((i) => i.number))) : []),
      ...unregisteredDivisions(form, (await registry(c)).names),
    ];
    const outcome = await submitDraftPart(db, actorOf(c, s, deps.config.trustProxy), {
      draft,
      lockVersion,
      candidate: content,
      scope: ["initiatives", index],
      fieldIds: initiativeFieldIds(form, years),
      formErrors,
    });
    if (outcome.ok) return c.redirect(`${listUrl(c, draft)}/${key}?notice=${number === undefined ? "added" : "saved"}`, 303);
    return c.html(await page(c, s, draft, form, outcome.state, number), outcome.status);
  };

  r.get(LIST, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const draft = await openDraft(c);
    if (!draft) return draftClosed(c);
    const removed = Number(c.req.query("removed"));
    const notice = Number.isInteger(removed) && removed > 0 ? `取組項目${removed}を下書きから削除しました。` : undefined;
    return c.html(<InitiativeListPage municipality={staffState(c).municipality} staff={staffOf(s)} draft={draft} notice={notice} />);
  });

  r.get(`${LIST}/new`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const draft = await openDraft(c);
    if (!draft) return draftClosed(c);
    const next = Math.max(0, ...draft.content.initiatives.map((i) => i.number)) + 1;
    const form = blankInitiativeForm(next, draft.content.policies[0]!.number);
    return c.html(await page(c, s, draft, form, { lockVersion: draft.lockVersion, errors: [] }));
  });

  r.post(`${LIST}/new`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const values = await readForm(c);
    return submit(c, s, values, await loadRevision(db, c));
  });

  r.get(ONE, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const draft = await openDraft(c);
    if (!draft) return draftClosed(c);
    const item = draft.content.initiatives.find((i) => i.number === numberOf(c));
    if (!item) throw notFound(`取組項目 ${numberOf(c)} はこの下書きにありません。`);
    const notice = { saved: SAVED_NOTICE, added: "取組項目を追加しました。" }[c.req.query("notice") ?? ""];
    return c.html(await page(c, s, draft, initiativeToForm(item), { lockVersion: draft.lockVersion, errors: [], notice }, item.number));
  });

  r.post(ONE, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const values = await readForm(c);
    return submit(c, s, values, await loadRevision(db, c), numberOf(c));
  });

  const removePage = (c: Context, s: SignedIn, draft: Revision, message?: string, status: 200 | 400 | 409 = 200) => {
    const number = numberOf(c);
    if (!draft.content.initiatives.some((i) => i.number === number)) throw notFound(`取組項目 ${number} はこの下書きにありません。`);
    return c.html(
      <RemoveInitiativePage
        municipality={staffState(c).municipality}
        staff={staffOf(s)}
        draft={draft}
        number={number}
        references={referencesTo(draft.content, number)}
        message={message}
      />,
      status,
    );
  };

  r.get(`${ONE}/remove`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const draft = await openDraft(c);
    if (!draft) return draftClosed(c);
    return removePage(c, s, draft);
  });

  r.post(`${ONE}/remove`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const values = await readForm(c);
    const draft = await openDraft(c);
    if (!draft) return draftClosed(c);
    const number = numberOf(c);
    if (!draft.content.initiatives.some((i) => i.number === number)) throw notFound(`取組項目 ${number} はこの下書きにありません。`);
    const outcome = await submitDraftPart(db, actorOf(c, s, deps.config.trustProxy), {
      draft,
      lockVersion: lockVersionOf(values),
      candidate: removeInitiative(draft.content, number),
      scope: [],
      fieldIds: new Set(),
    });
    if (outcome.ok) return c.redirect(`${listUrl(c, draft)}?removed=${number}`, 303);
    if (outcome.state.closed) return draftClosed(c);
    // Shown again with the draft as it now is: the person confirms the removal against the latest content.
    const latest = (await openDraft(c)) ?? draft;
    const message = outcome.state.conflict
      ? "確認画面を表示した後に、ほかの人がこの下書きを保存しました。最新の内容で確認し、もう一度「削除する」を押してください。"
      : outcome.state.errors.map((e) => e.message).join("／");
    return removePage(c, s, latest, message, outcome.status);
  });

  return r;
}
