import { readPlanFile, formatProblems } from "../src/modules/plan/read-plan-file.ts";
const r = await readPlanFile(process.argv[2]!);
if (!r.ok) { console.error(formatProblems(r.problems)); process.exit(1); }
console.log("valid:", r.plan.initiatives.length, "initiatives,", r.plan.initiatives.reduce((a,i)=>a+i.kpis.length,0), "kpis,", r.plan.glossary.length, "terms");
