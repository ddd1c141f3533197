/**
 * Dashboards and the secretariat's registry pages: "my tasks" (every role), the evaluation summary (roles that read every report), the
 * mail outbox and the members of collectives (secretariat).
 */
import { Hono } from "hono";
import { allValues, readForm } from "../../core/http/form.ts";
import { HttpError, notFound } from "../../core/http/http-error.ts";
import { listOutbox } from "../../core/mail/outbox-queries.ts";
import { requireUser, staffState, type StaffEnv } from "../accounts/staff-area.ts";
import { setCollectiveMembers } from "./commands/organise-divisions.ts";
import { japanDate } from "./domain/deadlines.ts";
import { resolvableCollectives, type ResolvableCollective } from "./domain/responsibility.ts";
import { loadEvaluationData } from "./dashboard-data.ts";
import { loadWork } from "./task-data.ts";
import { checkedIds } from "./forms.ts";
import { READER_ROLES } from "./policy.ts";
import { commandContext, positiveInt, type CycleDeps } from "./route-support.ts";
import { listCollectiveMembers, listMunicipalityDivisions } from "./repository/cycle-queries.ts";
import { CollectiveFormPage, CollectivesPage } from "./views/collective-pages.tsx";
import { EvaluationPage } from "./views/evaluation-page.tsx";
import { OutboxPage } from "./views/outbox-page.tsx";
import { collectivesPath } from "./views/paths.ts";
import { MyTasksPage } from "./views/task-page.tsx";

const STAFF = "/:lgCode{[0-9]{6}}/staff";
const OUTBOX_LIMIT = 200;

export function dashboardRoutes(deps: CycleDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const { db } = deps;
  const currentPlan = async (lgCode: string) => {
    const plan = (await deps.plans.current(lgCode))?.plan;
    if (!plan) throw notFound("この自治体には公開中の計画がありません。");
    return plan;
  };

  r.get(`${STAFF}/my-tasks`, async (c) => {
    // Every signed-in role: each sees what waits for it (the committee its review queue), or that nothing does.
    const signedIn = requireUser(c);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const work = await loadWork(deps, municipality, signedIn.user);
    return c.html(<MyTasksPage municipality={municipality} staff={signedIn} work={work} today={japanDate(new Date())} />);
  });

  r.get(`${STAFF}/evaluation`, async (c) => {
    const signedIn = requireUser(c, { roles: READER_ROLES });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const year = c.req.query("year");
    if (year !== undefined && !/^\d{4}$/.test(year)) throw new HttpError(400, "年度の指定に誤りがあります", "年度は 2023 のように西暦4桁で指定してください。");
    const data = await loadEvaluationData(deps, municipality, await currentPlan(municipality.lgCode), year === undefined ? undefined : Number(year));
    return c.html(<EvaluationPage municipality={municipality} staff={signedIn} data={data} />);
  });

  r.get(`${STAFF}/outbox`, async (c) => {
    const signedIn = requireUser(c, { roles: ["secretariat"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const mails = await listOutbox(db, municipality.id, OUTBOX_LIMIT);
    return c.html(<OutboxPage municipality={municipality} staff={signedIn} mails={mails} limit={OUTBOX_LIMIT} />);
  });

  r.get(`${STAFF}/collectives`, async (c) => {
    const signedIn = requireUser(c, { roles: ["secretariat"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const plan = await currentPlan(municipality.lgCode);
    const [members, divisions] = await Promise.all([listCollectiveMembers(db, plan.id), listMunicipalityDivisions(db, municipality.id)]);
    const initiatives = plan.initiatives
      .filter((i) => resolvableCollectives(i).length > 0)
      .map((initiative) => ({ initiative, members: members.get(initiative.id) ?? new Map() }));
    return c.html(<CollectivesPage municipality={municipality} staff={signedIn} initiatives={initiatives} divisions={divisions} />);
  });

  const COLLECTIVE = `${STAFF}/collectives/:number{[0-9]{1,6}}`;
  const loadCollective = async (lgCode: string, municipalityId: number, number: string | undefined) => {
    const plan = await currentPlan(lgCode);
    const initiative = plan.initiatives.find((i) => i.number === positiveInt(number));
    if (!initiative || resolvableCollectives(initiative).length === 0) throw notFound("この取組項目には「関係各課」「各システム担当課」の担当がありません。");
    const [members, divisions] = await Promise.all([listCollectiveMembers(db, plan.id), listMunicipalityDivisions(db, municipalityId)]);
    return { plan, initiative, members: members.get(initiative.id) ?? new Map(), divisions };
  };

  r.get(COLLECTIVE, async (c) => {
    const signedIn = requireUser(c, { roles: ["secretariat"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const loaded = await loadCollective(municipality.lgCode, municipality.id, c.req.param("number"));
    const notice = c.req.query("notice") === "saved" ? "構成課を保存しました。" : undefined;
    return c.html(<CollectiveFormPage municipality={municipality} staff={signedIn} {...loaded} notice={notice} />);
  });

  r.post(COLLECTIVE, async (c) => {
    const signedIn = requireUser(c, { roles: ["secretariat"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const loaded = await loadCollective(municipality.lgCode, municipality.id, c.req.param("number"));
    const form = await readForm(c);
    const known = new Set(loaded.divisions.map((d) => d.id));
    const members = new Map<ResolvableCollective, number[]>();
    for (const kind of resolvableCollectives(loaded.initiative)) {
      const ids = checkedIds(form, kind);
      if (ids.some((id) => !known.has(id)) || allValues(form, kind).length !== ids.length) {
        return c.html(
          <CollectiveFormPage municipality={municipality} staff={signedIn} {...loaded} errors={[{ field: `${kind}-0`, message: "課を一覧から選んでください" }]} />,
          400,
        );
      }
      members.set(kind, ids);
    }
    await setCollectiveMembers(db, commandContext(c, deps, signedIn), { planId: loaded.plan.id, initiativeId: loaded.initiative.id, members });
    return c.redirect(`${collectivesPath(municipality)}/${loaded.initiative.number}?notice=saved`, 303);
  });

  return r;
}
