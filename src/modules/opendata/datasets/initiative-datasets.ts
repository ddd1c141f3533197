/** Datasets of the plan's structure: policies, their outcomes, initiatives and what each initiative holds. */
import { filterInitiatives } from "../../plan/domain/initiative-filter.ts";
import type { Phase } from "../../plan/plan.ts";
import { COLLECTIVE_LABELS, fiscalYearsOf } from "../../plan/plan.ts";
import { BOOLEAN_DEFINITION, byInitiative, type Dataset, fiscalYearCells, fiscalYearColumns, INITIATIVE_NUMBER, LG_CODE } from "../dataset.ts";
import { type Column } from "../../../core/tables/table.ts";

const POLICY_NUMBER: Column = {
  name: "policy_number",
  label: "取組方針番号",
  definition: "計画に印字された取組方針の番号（1〜）。",
  type: "integer",
};

export const policies: Dataset = {
  id: "policies",
  title: "取組方針",
  description: "計画の取組方針の一覧（1行に1つの取組方針）。",
  columns: [
    LG_CODE,
    POLICY_NUMBER,
    { name: "policy_title", label: "取組方針名", definition: "取組方針の名称。", type: "string" },
    { name: "outcome_count", label: "目指す姿の数", definition: "この取組方針で目指す姿の数。", type: "integer", unit: "件" },
    { name: "initiative_count", label: "取組項目数", definition: "この取組方針に属する取組項目の数。", type: "integer", unit: "件" },
  ],
  rows: (plan) =>
    plan.policies.map((p) => ({
      lg_code: plan.municipality.lgCode,
      policy_number: p.number,
      policy_title: p.title,
      outcome_count: p.outcomes.length,
      initiative_count: plan.initiatives.filter((i) => i.policyNumber === p.number).length,
    })),
};

export const policyOutcomes: Dataset = {
  id: "policy-outcomes",
  title: "取組方針ごとの目指す姿",
  description: "各取組方針の「取組によって目指す姿」と、その説明（1行に1つの目指す姿）。",
  columns: [
    LG_CODE,
    POLICY_NUMBER,
    { name: "outcome_number", label: "目指す姿の順番", definition: "取組方針の中で計画に記載された順番（1〜）。", type: "integer" },
    { name: "statement", label: "目指す姿", definition: "取組によって目指す姿。", type: "string" },
    { name: "description", label: "説明", definition: "目指す姿に向けた取組の説明。", type: "string" },
  ],
  rows: (plan) =>
    plan.policies.flatMap((p) =>
      p.outcomes.map((o, index) => ({
        lg_code: plan.municipality.lgCode,
        policy_number: p.number,
        outcome_number: index + 1,
        statement: o.statement,
        description: o.description,
      })),
    ),
};

export const initiatives: Dataset = {
  id: "initiatives",
  title: "取組項目",
  description:
    "取組項目の一覧（1行に1つの取組項目）。取組項目の一覧ページと同じ条件（policy, division, new, kpi, q）で絞り込めます。",
  filter: "initiative-list",
  columns: [
    LG_CODE,
    INITIATIVE_NUMBER,
    POLICY_NUMBER,
    { name: "policy_title", label: "取組方針名", definition: "この取組項目が属する取組方針の名称。", type: "string" },
    { name: "title", label: "取組項目名", definition: "取組項目の名称。", type: "string" },
    { name: "is_new", label: "新規", definition: `この計画で新たに設けた取組項目か。${BOOLEAN_DEFINITION}`, type: "boolean", codes: "boolean" },
    { name: "lead_kind", label: "主担当の種別", definition: "主担当（最初に記載された担当）の種別。", type: "string", codes: "division_kind" },
    { name: "lead_division_id", label: "主担当課ID", definition: "主担当の課等のID（担当課データセットの division_id）。全庁的な担当のときは空欄。", type: "integer", nullable: true },
    { name: "lead_name", label: "主担当", definition: "主担当の課等の名称、または「全部局」等の全庁的な担当。", type: "string" },
    { name: "responsible_count", label: "担当の数", definition: "主担当と共同担当の合計数（内訳は取組項目の担当データセット）。", type: "integer", unit: "件" },
    { name: "kpi_count", label: "数値目標の数", definition: "この取組項目の数値目標の数。", type: "integer", unit: "件" },
    { name: "schedule_row_count", label: "取組計画の行数", definition: "この取組項目の取組計画（年度別の段階）の行数。", type: "integer", unit: "行" },
  ],
  rows: (plan, params) =>
    filterInitiatives(plan.initiatives, params.initiativeFilter ?? {}).map((i) => {
      const lead = i.divisions[0];
      return {
        lg_code: plan.municipality.lgCode,
        initiative_number: i.number,
        policy_number: i.policyNumber,
        policy_title: plan.policies.find((p) => p.number === i.policyNumber)?.title ?? null,
        title: i.title,
        is_new: i.isNew,
        lead_kind: lead?.kind ?? null,
        lead_division_id: lead?.kind === "division" ? lead.divisionId : null,
        lead_name: lead ? (lead.kind === "division" ? lead.name : COLLECTIVE_LABELS[lead.kind]) : null,
        responsible_count: i.divisions.length,
        kpi_count: i.kpis.length,
        schedule_row_count: i.schedule.length,
      };
    }),
};

export const initiativeDivisions: Dataset = {
  id: "initiative-divisions",
  title: "取組項目の担当",
  description: "取組項目ごとの担当課（縦持ち: 1行に取組項目×担当1つ）。主担当・共同担当の別と担当の種別を含みます。",
  filter: "initiative",
  columns: [
    LG_CODE,
    INITIATIVE_NUMBER,
    { name: "position", label: "記載順", definition: "取組項目の中で担当が記載された順番（1〜）。1番目が主担当。", type: "integer" },
    { name: "role", label: "担当の区分", definition: "主担当か共同担当か。", type: "string", codes: "division_role" },
    { name: "kind", label: "担当の種別", definition: "課等か、全庁的な担当か。", type: "string", codes: "division_kind" },
    { name: "division_id", label: "担当課ID", definition: "課等のID（担当課データセットの division_id）。全庁的な担当のときは空欄。", type: "integer", nullable: true },
    { name: "responsible_name", label: "担当", definition: "課等の名称、または「全部局」「関係各課」「各システム担当課」。", type: "string" },
    { name: "division_unit", label: "課内の室等", definition: "課等の名称に併記された室等。記載がないときは空欄。", type: "string", nullable: true },
  ],
  rows: (plan, params) =>
    byInitiative(plan.initiatives, params).flatMap((i) =>
      i.divisions.map((d, index) => ({
        lg_code: plan.municipality.lgCode,
        initiative_number: i.number,
        position: index + 1,
        role: d.role,
        kind: d.kind,
        division_id: d.kind === "division" ? d.divisionId : null,
        responsible_name: d.kind === "division" ? d.name : COLLECTIVE_LABELS[d.kind],
        division_unit: d.kind === "division" ? d.unit : null,
      })),
    ),
};

export const initiativeTexts: Dataset = {
  id: "initiative-texts",
  title: "取組項目の取組内容・目標",
  description: "取組項目の「取組内容」と「目標」の本文（縦持ち: 1行に印字の1項目）。",
  filter: "initiative",
  columns: [
    LG_CODE,
    INITIATIVE_NUMBER,
    { name: "text_kind", label: "本文の種別", definition: "取組内容か目標か。", type: "string", codes: "text_kind" },
    { name: "line_number", label: "項目の順番", definition: "取組項目・本文の種別ごとの記載順（1〜）。", type: "integer" },
    { name: "text", label: "本文", definition: "印字の1項目（先頭の「・」は除き、「(1) 」などの番号は残す）。", type: "string" },
  ],
  rows: (plan, params) =>
    byInitiative(plan.initiatives, params).flatMap((i) => {
      const lines = (kind: "content" | "goal", texts: string[]) =>
        texts.map((text, index) => ({
          lg_code: plan.municipality.lgCode,
          initiative_number: i.number,
          text_kind: kind,
          line_number: index + 1,
          text,
        }));
      return [...lines("content", i.content), ...lines("goal", i.goals)];
    }),
};

const DEFAULT_PHASE_LABELS: Record<Phase, string> = { study: "検討", implement: "実施", expand: "拡大" };

/**
 * One row per schedule row × every fiscal year of the plan period. A year
 * without a phase is kept as a row with a blank phase rather than omitted:
 * the table is then complete (rows × years), and "no phase that year" is an
 * explicit value a reader can count, not a gap to guess about.
 */
export const schedule: Dataset = {
  id: "schedule",
  title: "取組計画（年度別の段階）",
  description:
    "取組項目ごとの年度別の取組計画（縦持ち: 1行に取組計画の行×年度）。計画期間のすべての年度を含み、段階がない年度は phase が空欄です。",
  filter: "initiative",
  columns: [
    LG_CODE,
    INITIATIVE_NUMBER,
    { name: "schedule_row_number", label: "取組計画の行番号", definition: "取組項目の中での取組計画の行の順番（1〜）。", type: "integer" },
    { name: "schedule_row_label", label: "取組", definition: "取組計画の行の名称。", type: "string" },
    ...fiscalYearColumns("fiscal_year", "年度", "段階の対象年度。"),
    { name: "phase", label: "段階コード", definition: "その年度の段階。段階がない年度は空欄。", type: "string", codes: "phase", nullable: true },
    { name: "phase_label", label: "段階", definition: "段階の日本語表記（検討・実施・拡大）。段階がない年度は空欄。", type: "string", nullable: true },
    { name: "assumed", label: "確認中", definition: `事務局が原本（印刷された計画）と照合中の内容を含むか。照合が済むと false になります。${BOOLEAN_DEFINITION}`, type: "boolean", codes: "boolean" },
  ],
  rows: (plan, params) => {
    const years = fiscalYearsOf(plan);
    const labels = new Map<Phase, string>(plan.phaseLegend.map((l) => [l.phase, l.label]));
    return byInitiative(plan.initiatives, params).flatMap((i) =>
      i.schedule.flatMap((row, index) =>
        years.map((year) => {
          const phase = row.phases.get(year) ?? null;
          return {
            lg_code: plan.municipality.lgCode,
            initiative_number: i.number,
            schedule_row_number: index + 1,
            schedule_row_label: row.label,
            ...fiscalYearCells("fiscal_year", year),
            phase,
            phase_label: phase === null ? null : (labels.get(phase) ?? DEFAULT_PHASE_LABELS[phase]),
            assumed: row.assumed,
          };
        }),
      ),
    );
  },
};

export const initiativeDatasets: Dataset[] = [policies, policyOutcomes, initiatives, initiativeDivisions, initiativeTexts, schedule];
