/**
 * The staff CSV for the April transfers (人事異動): what each row asks for,
 * checked against the accounts as they are, into a plan of additions, moves
 * and deactivations, with every problem found at once (line and column).
 * Pure: the caller reads the file (core/csv/read-csv-upload.ts) and the
 * accounts; applying the plan is commands/import-staff.ts.
 *
 * Each row names what to do with one login id (処理): 追加 (a new account),
 * 異動 (a new division, and roles when 役割 is given), 停止 (deactivate).
 * A row whose account is already as it asks is "unchanged", so the same
 * file applied twice changes nothing. A file lists only the people who
 * change; nobody is deactivated for being absent from it.
 */
import { createHash } from "node:crypto";
import type { CsvRecord } from "../../../core/csv/read-csv-upload.ts";
import type { Division, StaffUser } from "../user.ts";
import { ROLE_LABELS, ROLES, type Role } from "../../tenancy/roles.ts";
import { LOGIN_ID_PATTERN } from "./sign-in-policy.ts";

/** The header, in the template's order. Names are the codebook's (machine-readability L1-05, L2-03). */
export const STAFF_COLUMNS = {
  action: "処理",
  loginId: "ログインID",
  displayName: "氏名",
  division: "所属",
  role: "役割",
  email: "メールアドレス",
} as const;

export const STAFF_CSV_RULES = {
  required: [STAFF_COLUMNS.action, STAFF_COLUMNS.loginId, STAFF_COLUMNS.displayName, STAFF_COLUMNS.division, STAFF_COLUMNS.role],
  optional: [STAFF_COLUMNS.email],
  // A city's whole staff roster is well under this; a transfer list far under.
  maxRecords: 3000,
} as const;

export const IMPORT_ACTIONS = { 追加: "add", 異動: "move", 停止: "deactivate" } as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[keyof typeof IMPORT_ACTIONS];

export type ImportProblem = { line: number; column: string | null; message: string };

export type PlannedAdd = { line: number; loginId: string; displayName: string; divisionId: number | null; division: string | null; role: Role; email: string | null };
export type PlannedMove = {
  line: number;
  user: StaffUser;
  division: { before: Division | null; after: Division | null } | null;
  roles: { before: Role[]; after: Role[] } | null;
  email: { before: string | null; after: string } | null;
};
export type PlannedDeactivation = { line: number; user: StaffUser };
export type Unchanged = { line: number; loginId: string; displayName: string; action: ImportAction };

export type ImportPlan = {
  adds: PlannedAdd[];
  moves: PlannedMove[];
  deactivations: PlannedDeactivation[];
  unchanged: Unchanged[];
  problems: ImportProblem[];
};

/** Full-width letters and spaces as typed on a Japanese keyboard compare equal to their ASCII forms. */
const normal = (s: string) => s.normalize("NFKC").replace(/\s+/g, " ").trim();
const sameRoles = (a: readonly Role[], b: readonly Role[]) => [...a].sort().join() === [...b].sort().join();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A role by its label (as in the template) or its code, ignoring full/half-width differences. */
export function roleFromCell(cell: string): Role | undefined {
  const v = normal(cell);
  return ROLES.find((r) => r === v || normal(ROLE_LABELS[r]) === v);
}

export function planStaffImport(
  records: readonly CsvRecord[],
  current: { users: readonly StaffUser[]; divisions: readonly Division[]; actorUserId: number | null },
): ImportPlan {
  const plan: ImportPlan = { adds: [], moves: [], deactivations: [], unchanged: [], problems: [] };
  const byLogin = new Map(current.users.map((u) => [u.loginId.toLowerCase(), u]));
  const divisionByName = new Map(current.divisions.map((d) => [normal(d.name), d]));
  const firstLine = new Map<string, number>();

  for (const { line, values } of records) {
    const problems: ImportProblem[] = [];
    const problem = (column: string | null, message: string) => problems.push({ line, column, message });
    const cell = (column: string) => values[column] ?? "";

    const actionCell = normal(cell(STAFF_COLUMNS.action));
    const action = IMPORT_ACTIONS[actionCell as keyof typeof IMPORT_ACTIONS] as ImportAction | undefined;
    if (!action) problem(STAFF_COLUMNS.action, `「${actionCell}」は使えません。「追加」「異動」「停止」のどれかを書いてください`);

    const loginId = normal(cell(STAFF_COLUMNS.loginId));
    if (loginId === "") problem(STAFF_COLUMNS.loginId, "ログインIDが空です");
    else if (!LOGIN_ID_PATTERN.test(loginId)) problem(STAFF_COLUMNS.loginId, `「${loginId}」はログインIDにできません。半角英数字と . _ - で3〜64文字（先頭は英数字）にしてください`);
    const key = loginId.toLowerCase();
    const earlier = firstLine.get(key);
    if (loginId !== "" && earlier !== undefined) problem(STAFF_COLUMNS.loginId, `ログインID「${loginId}」は${earlier}行目にもあります。1人につき1行にしてください`);
    else if (loginId !== "") firstLine.set(key, line);

    const displayName = normal(cell(STAFF_COLUMNS.displayName));
    if (displayName.length > 100) problem(STAFF_COLUMNS.displayName, "氏名は100文字以内にしてください");

    const divisionCell = normal(cell(STAFF_COLUMNS.division));
    const division = divisionCell === "" ? null : divisionByName.get(divisionCell);
    if (divisionCell !== "" && !division) {
      problem(STAFF_COLUMNS.division, `「${divisionCell}」という所属は登録されていません。組織の一覧にある名前のとおりに書いてください`);
    }
    const roleCell = normal(cell(STAFF_COLUMNS.role));
    const role = roleCell === "" ? undefined : roleFromCell(roleCell);
    if (roleCell !== "" && !role) {
      problem(STAFF_COLUMNS.role, `「${roleCell}」という役割はありません。使える役割: ${ROLES.map((r) => ROLE_LABELS[r]).join("、")}`);
    }
    const emailCell = normal(cell(STAFF_COLUMNS.email));
    if (emailCell !== "" && (emailCell.length > 254 || !EMAIL.test(emailCell))) {
      problem(STAFF_COLUMNS.email, `「${emailCell}」はメールアドレスの形式ではありません（例: taro@example.lg.jp）`);
    }

    const existing = loginId === "" ? undefined : byLogin.get(key);
    const self = existing !== undefined && existing.id === current.actorUserId;
    // The name, when given for an existing account, must be that account's: a mistyped login id must not move or stop someone else.
    if (existing && action !== "add" && displayName !== "" && normal(existing.displayName) !== displayName) {
      problem(STAFF_COLUMNS.displayName, `ログインID「${existing.loginId}」の氏名は「${existing.displayName}」です。ログインIDと氏名を確かめてください`);
    }
    if (action === "add") {
      if (displayName === "") problem(STAFF_COLUMNS.displayName, "追加する職員の氏名を書いてください");
      if (roleCell === "") problem(STAFF_COLUMNS.role, "追加する職員の役割を書いてください");
    }
    if ((action === "move" || action === "deactivate") && loginId !== "" && !existing) {
      problem(STAFF_COLUMNS.loginId, `ログインID「${loginId}」の利用者は登録されていません。新しい職員は処理を「追加」にしてください`);
    }
    if (action === "move" && divisionCell === "") problem(STAFF_COLUMNS.division, "異動先の所属を書いてください");
    if (action === "move" && existing?.disabledAt) problem(STAFF_COLUMNS.action, `ログインID「${existing.loginId}」は停止中です。先に利用者管理で再開してください`);
    if (action === "deactivate" && self) problem(STAFF_COLUMNS.action, "ご自身のアカウントは停止できません");
    if (action === "move" && self && role !== undefined && existing!.roles.includes("administrator") && role !== "administrator") {
      problem(STAFF_COLUMNS.role, "ご自身からシステム管理者の役割を外すことはできません");
    }

    if (problems.length > 0 || !action) {
      plan.problems.push(...problems);
      continue;
    }
    const email = emailCell === "" ? null : emailCell;
    if (action === "add") {
      if (!existing) {
        plan.adds.push({ line, loginId, displayName, divisionId: division?.id ?? null, division: division?.name ?? null, role: role!, email });
      } else if (
        !existing.disabledAt &&
        normal(existing.displayName) === displayName &&
        (existing.division?.id ?? null) === (division?.id ?? null) &&
        sameRoles(existing.roles, [role!]) &&
        (email === null || existing.email === email)
      ) {
        plan.unchanged.push({ line, loginId: existing.loginId, displayName: existing.displayName, action });
      } else {
        plan.problems.push({
          line,
          column: STAFF_COLUMNS.loginId,
          message: `ログインID「${existing.loginId}」は既に登録されています（${existing.displayName}${existing.disabledAt ? "、停止中" : ""}）。所属の変更は処理を「異動」にしてください`,
        });
      }
    } else if (action === "move") {
      const user = existing!;
      const move: PlannedMove = {
        line,
        user,
        division: (user.division?.id ?? null) === division!.id ? null : { before: user.division, after: division! },
        roles: role === undefined || sameRoles(user.roles, [role]) ? null : { before: user.roles, after: [role] },
        email: email === null || user.email === email ? null : { before: user.email, after: email },
      };
      if (move.division || move.roles || move.email) plan.moves.push(move);
      else plan.unchanged.push({ line, loginId: user.loginId, displayName: user.displayName, action });
    } else {
      const user = existing!;
      if (user.disabledAt) plan.unchanged.push({ line, loginId: user.loginId, displayName: user.displayName, action });
      else plan.deactivations.push({ line, user });
    }
  }
  // In the order a person reads the file: by line, then by column as the template lists them.
  const order: readonly (string | null)[] = Object.values(STAFF_COLUMNS);
  plan.problems.sort((a, b) => a.line - b.line || order.indexOf(a.column) - order.indexOf(b.column));
  return plan;
}

export const changeCount = (plan: ImportPlan) => plan.adds.length + plan.moves.length + plan.deactivations.length;

/**
 * What the plan would change, as a digest: the preview carries it, and the
 * apply refuses when the accounts have changed since, so what is applied is
 * what the administrator saw.
 */
export function planDigest(plan: ImportPlan): string {
  const summary = {
    adds: plan.adds.map((a) => [a.loginId.toLowerCase(), a.displayName, a.divisionId, a.role, a.email]),
    moves: plan.moves.map((m) => [m.user.id, m.division?.after?.id ?? null, m.roles?.after ?? null, m.email?.after ?? null]),
    deactivations: plan.deactivations.map((d) => d.user.id),
  };
  return createHash("sha256").update(JSON.stringify(summary)).digest("hex");
}

/** The template: header and one example row (machine-readability: header on line 1, one value per cell). */
export function templateRows(exampleDivision: string): string[][] {
  return [
    Object.values(STAFF_COLUMNS),
    ["追加", "awa.taro", "阿波 太郎", exampleDivision, ROLE_LABELS.digital_officer, "awa.taro@example.lg.jp"],
  ];
}
