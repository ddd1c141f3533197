import { describe, expect, it } from "vitest";
import { GlossaryLinker } from "../../src/modules/plan/domain/glossary-linker.ts";

const term = (t: string, aliases: string[] = []) => ({ term: t, section: "alphabet" as const, description: "…", aliases });

describe("GlossaryLinker", () => {
  it("prefers the longest term and links each term once per page", () => {
    const linker = new GlossaryLinker([term("QRコード"), term("QRコード決済")]);
    expect(linker.split("QRコード決済とQRコード")).toEqual([{ text: "QRコード決済", termIndex: 1 }, "と", { text: "QRコード", termIndex: 0 }]);
    expect(linker.split("QRコードをもう一度")).toEqual(["QRコードをもう一度"]);
  });

  it("does not match inside a longer Latin word", () => {
    const linker = new GlossaryLinker([term("AI"), term("RPA")]);
    expect(linker.split("EMAILとRPAS")).toEqual(["EMAILとRPAS"]);
    expect(linker.split("AIの活用")).toEqual([{ text: "AI", termIndex: 0 }, "の活用"]);
  });

  it("links aliases to their term", () => {
    const linker = new GlossaryLinker([term("デジタル・トランスフォーメーション", ["DX"])]);
    expect(linker.split("DX推進")).toEqual([{ text: "DX", termIndex: 0 }, "推進"]);
  });
});
