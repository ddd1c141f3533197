/**
 * A municipality hosted by this instance: the unit every piece of data
 * belongs to and every query is scoped by (issue #9 §7: tenancy sits under
 * every module, so the plan, accounts and portal all import it from here).
 */
export type Municipality = {
  id: number;
  lgCode: string;
  name: string;
  prefecture: string | null;
  /** Sample data was loaded (`npm start -- --demo`): every page says so. Absent = false. */
  hasDemoData?: boolean;
  /** The contact for the plan and the city's site (organisation/profile), with the adoption date; loaded with the plan. */
  profile?: MunicipalityProfile;
};

/** Shown in the footer of every public page. null = not given. */
export type MunicipalityProfile = {
  division: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  siteUrl: string | null;
  /** The adoption (策定) shown publicly: the profile's, else the plan file's ("YYYY-MM-DD" or "YYYY-MM"). */
  planAdoptedOn: string | null;
};
