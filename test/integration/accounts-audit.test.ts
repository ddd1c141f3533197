import { expect, it } from "vitest";
import { recordAudit, withAudit } from "../../src/core/audit/audit.ts";
import { listAudit } from "../../src/core/audit/audit-repository.ts";
import { ROLES } from "../../src/modules/tenancy/roles.ts";
import { createMunicipality, createStaff } from "../support/accounts.ts";
import { describeEachDatabase } from "../support/databases.ts";

describeEachDatabase("audit log and account tables", (ctx) => {
  let municipalityId = 0;
  const actor = { userId: null, label: "テスト" };

  it("stores an audit record written inside a transaction, and lists it newest first", async () => {
    municipalityId = await createMunicipality(ctx.db, "362018", "徳島市");
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, {
        municipalityId,
        actor,
        action: "test.first",
        entityType: "thing",
        entityId: 1,
        before: { a: 1 },
        after: { a: [1, 2], note: "日本語" },
        ip: "192.0.2.1",
      });
      await recordAudit(tx, { municipalityId, actor, action: "test.second", entityType: "thing", entityId: 2 });
    });
    const rows = await listAudit(ctx.db, municipalityId, { entityType: "thing", limit: 10 });
    expect(rows.map((r) => r.action)).toEqual(["test.second", "test.first"]);
    expect(rows[1]).toMatchObject({
      actorUserId: null,
      actorLabel: "テスト",
      entityId: "1",
      before: { a: 1 },
      after: { a: [1, 2], note: "日本語" },
      ip: "192.0.2.1",
    });
    expect(rows[1]!.at).toBeInstanceOf(Date);
    expect(rows[0]!.before).toBeNull();
    expect(await listAudit(ctx.db, municipalityId, { entityType: "thing", entityId: "1", limit: 10 })).toHaveLength(1);
    const page2 = await listAudit(ctx.db, municipalityId, { entityType: "thing", limit: 1, before: rows[0]!.id });
    expect(page2.map((r) => r.action)).toEqual(["test.first"]);
  });

  it("keeps no audit record of a change that was rolled back", async () => {
    await expect(
      withAudit(ctx.db, { municipalityId, actor, ip: null }, async (_tx, audit) => {
        await audit({ action: "test.rolled_back", entityType: "thing", entityId: 3 });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await listAudit(ctx.db, municipalityId, { entityType: "thing", entityId: "3", limit: 10 })).toEqual([]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of audit_log in the database itself", async () => {
    const message = /監査ログ（audit_log）は追記のみです/;
    await expect(ctx.db.query("update audit_log set action = 'forged'")).rejects.toThrow(message);
    await expect(ctx.db.query("delete from audit_log")).rejects.toThrow(message);
    await expect(ctx.db.exec("truncate audit_log")).rejects.toThrow(message);
    await expect(ctx.db.query("truncate audit_log cascade")).rejects.toThrow(message);
    const [row] = await ctx.db.query<{ n: number }>("select count(*) as n from audit_log where action like 'test.%'");
    expect(row!.n).toBe(2);
  });

  it("accepts exactly the seven workflow roles in user_role", async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: [...ROLES] });
    const [row] = await ctx.db.query<{ roles: string[] }>(
      "select array_agg(role order by role) as roles from user_role where user_id = $1",
      [staff.id],
    );
    expect(row!.roles).toEqual([...ROLES].sort());
    await expect(ctx.db.query("insert into user_role (user_id, role) values ($1, 'superuser')", [staff.id])).rejects.toThrow();
  });

  it("treats login ids that differ only in case as the same account, per municipality", async () => {
    await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"], loginId: "Tanaka" });
    await expect(createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"], loginId: "tanaka" })).rejects.toThrow(/既に使われています/);
    await createMunicipality(ctx.db, "131016", "千代田区");
    await createStaff(ctx.db, { lgCode: "131016", roles: ["viewer"], loginId: "tanaka" });
  });

  it("links divisions to bureaus", async () => {
    const [bureau] = await ctx.db.query<{ id: number }>(
      "insert into bureau (municipality_id, name) values ($1, '企画政策部') returning id",
      [municipalityId],
    );
    const [division] = await ctx.db.query<{ bureau_id: number }>(
      "insert into division (municipality_id, name, bureau_id) values ($1, 'デジタル推進課', $2) returning bureau_id",
      [municipalityId, bureau!.id],
    );
    expect(division!.bureau_id).toBe(bureau!.id);
  });
});
