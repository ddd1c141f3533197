// jstat 1.9.6 ships no types; only the chi-square distribution is used here.
declare module "jstat" {
  const jStat: { chisquare: { cdf(x: number, dof: number): number } };
  export default jStat;
}
