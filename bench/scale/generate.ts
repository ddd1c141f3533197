/**
 * A large synthetic instance, written with a few set-based statements per
 * table (insert … select from generate_series), on a freshly migrated database.
 *
 * Per municipality: one current plan (2016–2025) with 4 policies, 40
 * initiatives, 10 divisions, 30 KPIs (initiatives 1–30, one each) with
 * targets for 2022–2025, 10 evaluation cycles (2016–2025) of 40 reports each
 * with KPI actuals and their history (report_event), 2016–2023 published,
 * 2024 published/finalised, 2025 (open) a mix of all seven states; six staff
 * users (one per role used) with one fully signed-in session each, and
 * 100 audit-log rows.
 *
 * Session tokens are known: token(userId) = base64url(SHA-256("bench-" + id)),
 * and user_session.id = hex(SHA-256(token)), as the app hashes it.
 */
import { createHash } from "node:crypto";
import type { Database } from "../../src/core/db/database.ts";

export const BENCH_ROLES = ["secretariat", "cio", "committee_member", "digital_officer", "division_head", "administrator"] as const;
export type BenchRole = (typeof BENCH_ROLES)[number];

export const sessionToken = (userId: number) => createHash("sha256").update(`bench-${userId}`).digest("base64url");

const B64URL = (expr: string) => `rtrim(translate(encode(sha256(convert_to(${expr}, 'UTF8')), 'base64'), '+/', '-_'), '=')`;

function statements(n: number): Array<[string, string]> {
  const lg = `lpad((10000 + g * 40)::text, 5, '0')`;
  return [
    [
      "municipality",
      `insert into municipality (lg_code, name, prefecture)
       select p || ((11 - ((substr(p,1,1)::int*6 + substr(p,2,1)::int*5 + substr(p,3,1)::int*4 + substr(p,4,1)::int*3 + substr(p,5,1)::int*2) % 11)) % 10)::text,
              'ベンチ市' || g, 'ベンチ県' || (g % 47 + 1)
         from generate_series(1, ${n}) g, lateral (select ${lg} as p) x`,
    ],
    [
      "plan",
      `insert into plan (municipality_id, code, title, subtitle, goal, start_fiscal_year, end_fiscal_year, source_title, is_current, content_digest)
       select m.id, 'dx-plan', m.name || 'DX推進計画', '合成データ（ベンチマーク）', '誰一人取り残さないデジタル化', 2016, 2025, m.name || 'DX推進計画（合成）', true, md5(m.lg_code)
         from municipality m`,
    ],
    [
      "phase_legend",
      `insert into phase_legend (plan_id, phase, label, description)
       select p.id, ph, lb, lb || 'の段階' from plan p,
         (values ('study','検討'),('implement','実施'),('expand','拡大')) v(ph, lb)`,
    ],
    [
      "grade_definition",
      `insert into grade_definition (plan_id, grade, definition)
       select p.id, gr, gr || '評価の定義' from plan p, unnest(array['S','A','B','C']) gr`,
    ],
    [
      "policy",
      `insert into policy (plan_id, number, title) select p.id, k, '基本方針' || k from plan p, generate_series(1, 4) k`,
    ],
    [
      "division",
      `insert into division (municipality_id, name) select m.id, '第' || k || '課' from municipality m, generate_series(1, 10) k`,
    ],
    [
      "initiative",
      `insert into initiative (plan_id, policy_id, number, title, is_new)
       select po.plan_id, po.id, (po.number - 1) * 10 + k, '取組項目' || ((po.number - 1) * 10 + k) || '：行政手続のオンライン化と業務改革', k % 4 = 0
         from policy po, generate_series(1, 10) k`,
    ],
    [
      "initiative_division",
      `insert into initiative_division (initiative_id, position, kind, division_id)
       select i.id, pos, 'division', d.id
         from initiative i join plan p on p.id = i.plan_id
         cross join generate_series(1, 2) pos
         join division d on d.municipality_id = p.municipality_id and d.name = '第' || ((i.number + pos - 2) % 10 + 1) || '課'
        where pos = 1 or i.number % 3 = 0`,
    ],
    [
      "initiative_text",
      `insert into initiative_text (initiative_id, kind, position, body)
       select i.id, kd, 1, case kd when 'content' then '申請・届出のオンライン化を進め、窓口での待ち時間を減らします。' else '市民の利便性向上と職員の負担軽減' end
         from initiative i, unnest(array['content','goal']) kd`,
    ],
    [
      "kpi",
      `insert into kpi (initiative_id, position, code, label, unit, direction, baseline_fiscal_year, baseline_value)
       select i.id, 1, 'K' || i.number, 'オンライン化率（取組' || i.number || '）', '%', 'higher', 2021, 10
         from initiative i where i.number <= 30`,
    ],
    [
      "kpi_target",
      `insert into kpi_target (kpi_id, fiscal_year, value) select k.id, y, 10 + (y - 2021) * 15 from kpi k, generate_series(2022, 2025) y`,
    ],
    [
      "app_user",
      `insert into app_user (municipality_id, login_id, display_name, email, division_id)
       select m.id, 'bench-' || r, 'ベンチ ' || r, 'bench-' || r || '@example.jp', d.id
         from municipality m cross join unnest(array['${BENCH_ROLES.join("','")}']) r
         join division d on d.municipality_id = m.id and d.name = case when r in ('digital_officer','division_head') then '第2課' else '第1課' end`,
    ],
    [
      "user_role",
      `insert into user_role (user_id, role) select u.id, substr(u.login_id, 7) from app_user u where u.login_id like 'bench-%'`,
    ],
    [
      "user_session",
      `insert into user_session (id, user_id, csrf_token, mfa_verified)
       select encode(sha256(convert_to(t, 'UTF8')), 'hex'), u.id, 'csrf-' || u.id, true
         from app_user u, lateral (select ${B64URL(`'bench-' || u.id`)} as t) x
        where u.login_id like 'bench-%'`,
    ],
    [
      "evaluation_cycle",
      `insert into evaluation_cycle (municipality_id, plan_id, fiscal_year, status, opened_by_label, report_due, review_due, committee_due)
       select p.municipality_id, p.id, y, case when y = 2025 then 'open' else 'closed' end, '事務局',
              make_date(y + 1, 5, 31), make_date(y + 1, 6, 30), make_date(y + 1, 7, 31)
         from plan p, generate_series(2016, 2025) y`,
    ],
    [
      "initiative_report",
      `insert into initiative_report (cycle_id, initiative_id, lead_division_id, state, lock_version, plan_text, targets_confirmed,
                                      self_grade, grade_reasons, issues, improvement_measures, next_year_plan, updated_by_label)
       select c.id, i.id, d.division_id, st, 5, '今年度は対象手続を拡大する。', true,
              gr, case when gr is not null then '目標に対する進捗のため。' end,
              case when gr is not null then '利用率の伸びが鈍い。' end, case when gr is not null then '広報を強化する。' end,
              '次年度も継続する。', '第' || ((i.number - 1) % 10 + 1) || '課'
         from evaluation_cycle c
         join initiative i on i.plan_id = c.plan_id
         join initiative_division d on d.initiative_id = i.id and d.position = 1,
         lateral (select case
                    when c.fiscal_year < 2024 then 'published'
                    when c.fiscal_year = 2024 then case when i.number % 5 = 0 then 'finalised' else 'published' end
                    else (array['draft','head_approved','submitted','returned','in_review','finalised','published'])[i.number % 7 + 1]
                  end as st) s,
         lateral (select case when st = 'draft' then null else (array['S','A','B','C'])[(i.number + c.fiscal_year) % 4 + 1] end as gr) g`,
    ],
    [
      "report_kpi_actual",
      `insert into report_kpi_actual (report_id, kpi_id, actual_value, as_of, source)
       select r.id, k.id, 5 + (c.fiscal_year - 2015) * 8 + (i.number % 7), make_date(c.fiscal_year + 1, 3, 31), '業務システム集計'
         from initiative_report r join evaluation_cycle c on c.id = r.cycle_id
         join initiative i on i.id = r.initiative_id join kpi k on k.initiative_id = i.id
        where r.state <> 'draft'`,
    ],
    [
      "report_event",
      `insert into report_event (report_id, action, from_state, to_state, comment, actor_label, actor_role, at)
       select r.id, e.action, e.from_state, e.to_state, e.comment, e.label, e.role, make_timestamptz(c.fiscal_year + 1, 4, 1, 9, 0, 0, 'Asia/Tokyo') + e.k * interval '9 days'
         from initiative_report r join evaluation_cycle c on c.id = r.cycle_id
         join (values (0, 'open', null, 'draft', null, '事務局', 'secretariat', 'draft'),
                      (1, 'approve', 'draft', 'head_approved', null, '課長', 'division_head', 'head_approved'),
                      (2, 'submit', 'head_approved', 'submitted', null, 'デジタル担当', 'digital_officer', 'submitted'),
                      (3, 'check', 'submitted', 'in_review', '確認しました。', '事務局', 'secretariat', 'in_review'),
                      (4, 'finalise', 'in_review', 'finalised', null, 'CIO', 'cio', 'finalised'),
                      (5, 'publish', 'finalised', 'published', null, '事務局', 'secretariat', 'published'))
              e(k, action, from_state, to_state, comment, label, role, reaches) on true
        where e.k <= array_position(array['draft','head_approved','submitted','in_review','finalised','published'], case r.state when 'returned' then 'submitted' else r.state end) - 1`,
    ],
    [
      "audit_log",
      `insert into audit_log (municipality_id, actor_user_id, actor_label, action, entity_type, entity_id, before, after, at)
       select u.municipality_id, u.id, u.display_name, 'report.save', 'initiative_report', (1000 + k)::text,
              jsonb_build_object('plan_text', '旧'), jsonb_build_object('plan_text', '新'), now() - k * interval '1 hour'
         from app_user u, generate_series(1, 100) k where u.login_id = 'bench-secretariat'`,
    ],
  ];
}

export type Generated = { seconds: number; rows: Array<[string, number]>; steps: Array<[string, number]> };

export async function generate(db: Database, n: number, log: (s: string) => void = () => undefined): Promise<Generated> {
  const started = performance.now();
  const steps: Array<[string, number]> = [];
  for (const [table, sql] of statements(n)) {
    const t = performance.now();
    await db.exec(sql);
    const s = (performance.now() - t) / 1000;
    steps.push([table, s]);
    log(`  ${table.padEnd(20)} ${s.toFixed(1)} s`);
  }
  const t = performance.now();
  await db.exec("analyze");
  steps.push(["analyze", (performance.now() - t) / 1000]);
  const seconds = (performance.now() - started) / 1000;
  const rows: Array<[string, number]> = [];
  for (const [table] of statements(n)) {
    const [r] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    rows.push([table, r!.n]);
  }
  return { seconds, rows, steps };
}
