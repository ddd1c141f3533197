/**
 * The footer block of every public page: 「お問い合わせ」 with the contact
 * for the plan, the city's own site, and the plan's adoption date — from the
 * municipality profile (organisation/profile), loaded with the plan. Lines not
 * given are left out; with nothing given, nothing is shown.
 */
import { warekiDateWithWestern } from "../../../core/format/wareki-date.ts";
import type { Municipality } from "../municipality.ts";

export function ContactFooter(props: { municipality: Municipality }) {
  const p = props.municipality.profile;
  if (!p) return null;
  const hasContact = p.division || p.phone || p.email || p.address || p.siteUrl;
  if (!hasContact && !p.planAdoptedOn) return null;
  return (
    <div class="footer-contact">
      {hasContact ? (
        <section aria-labelledby="footer-contact-heading">
          <h2 id="footer-contact-heading">お問い合わせ</h2>
          <address>
            {p.division ? <p>{p.division}</p> : null}
            {p.address ? <p>{p.address}</p> : null}
            {p.phone ? (
              <p>
                電話: <a href={`tel:${p.phone}`}>{p.phone}</a>
              </p>
            ) : null}
            {p.email ? (
              <p>
                メール: <a href={`mailto:${p.email}`}>{p.email}</a>
              </p>
            ) : null}
            {p.siteUrl ? (
              <p>
                <a href={p.siteUrl}>{props.municipality.name}のホームページ</a>
              </p>
            ) : null}
          </address>
        </section>
      ) : null}
      {p.planAdoptedOn ? <p>計画の策定: {warekiDateWithWestern(p.planAdoptedOn)}</p> : null}
    </div>
  );
}
