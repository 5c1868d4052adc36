import { fieldKeyAt } from '../fields.js';
import { finding, type Recognizer } from './recognizer.js';

/** [A-Za-z0-9._%+'-] */
function isLocalCode(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 39 || c === 45;
}
const USERINFO_BEFORE = /:\/\/[^\s/@]*$/;
const DOMAIN = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/;
const OBFUSCATED =
  /(?<![\w.])([A-Za-z0-9][A-Za-z0-9._+-]{0,63})\s*(?:\[at\]|\(at\)|\{at\}| at )\s*([A-Za-z0-9-]{1,63}(?:\s*(?:\[dot\]|\(dot\)|\{dot\}| dot |\.)\s*[A-Za-z0-9-]{1,63})*\s*(?:\[dot\]|\(dot\)|\{dot\}| dot )\s*(?:com|org|net|edu|gov|io|co|de|fr|uk|es|it|nl|se|no|dk|fi|pl|ru|in|jp|cn|br|au|ca|ch|at|be|ie|info|biz|me))\b/gi;

/**
 * Local parts of the mailboxes of a function rather than of a person (English and the languages of the
 * support texts the gateway sees). Reported with a low confidence: a policy that wants them sets a lower
 * minimum for EMAIL.
 */
const ROLE_MAILBOXES = new Set(
  `support help helpdesk service services customerservice customer-service customer.service customercare customer-care care
  info information contact contactus contact-us hello enquiries inquiries enquiry feedback noreply no-reply no_reply donotreply
  do-not-reply do_not_reply notifications notification notify alerts alert mailer-daemon postmaster webmaster hostmaster abuse
  bounce bounces billing invoices invoice accounts accounting finance payments payment sales orders order shop store returns
  refunds claims privacy security legal compliance dpo gdpr admin administrator root team office reception careers jobs hr
  press media marketing newsletter news booking bookings reservations it ops devops system systems
  kundenservice kundendienst kontakt service-client serviceclient clientes cliente atencionalcliente contacto assistenza servizioclienti
  atencion atencioncliente atencion-cliente servicioalcliente soporte ventas facturacion pedidos reservas suporte atendimento vendas
  faturamento ventes commandes vendite ordini verkoop bestellingen klantenservice
  contatto klantenservice klantendienst obsluga destek iletisim suporte atendimento facturen facturas factures rechnungen
  fatture faturas kundeservice kundservice asiakaspalvelu admissions registrar dispatch servicedesk service-desk it-support
  complaints complaint reklamace reklamacje reclamaciones reclamations reclami tickets ticket requests kiaora hola bonjour hallo
  ciao reservas reservaciones reservierung reservierungen reservation prenotazioni reserveringen frontdesk front-desk concierge
  guestservices guest-services sellers vendors merchants partners suppliers purchasing procurement recruiting talent events
  membership members subscriptions renewals collections disputes chargebacks fraud kyc onboarding logistics shipping
  warehouse delivery customs payroll benefits noc soc status community partnerships investors editorial admission
  enrollment enrolment registration leasing lettings maintenance facilities rentals underwriting recepcion recepción
  rezeption accueil secretaria sekretariat segreteria siniestros sinistres schaden schadensmeldung volunteers mobility treasury
  guestrelations relations payable receivable ops operations merchant merchants client clients customer customers guest guests
  desk centre center team teams global online web mobile group partner vendor supplier member members student students
  vendas ventas ventes vendite verkauf vertrieb contato contatti kontakte comercial commercial commerciale compras achats
  acquisti einkauf pedidos commandes ordini bestellungen bestellung facturacion faturamento facturation fatturazione buchhaltung
  contabilidad contabilidade comptabilite amministrazione administracion administracao soporte assistance suporte-tecnico
  rrhh rh recursos-humanos personalabteilung empleo emploi lavoro karriere candidaturas recrutement
  info-es info-fr info-de noreply-es informacion informacao informazioni auskunft anfragen ayuda aide hilfe ajuda aiuto`.split(/\s+/),
);
/** the parts of a compound local part: "merchant-support", "accounts.payable", "treasury_ops" */
const LOCAL_PARTS = /[._-]/;
/** the stand-in local parts of documentation ("user@example.com", "your.name@example.org") */
const STAND_IN_LOCAL = new Set(['user', 'test', 'example', 'name', 'email', 'someone', 'somebody', 'yourname', 'your.name', 'you', 'me', 'foo', 'bar', 'username', 'firstname.lastname', 'first.last', 'jdoe', 'john.doe', 'jane.doe']);
/** the keys of a schema's or a form's sample values */
const SAMPLE_KEY = /^(?:examples?|placeholder|sample|default|hint|format|pattern)$/;
/** words that introduce a sample in prose: "e.g. user@example.com", "for example name@example.org" */
const SAMPLE_BEFORE = /(?:e\.g\.|eg|for example|for instance|such as|i\.e\.|format|like)[:,]?[ \t]+["'`(]?$/i;
/** reserved example domains (RFC 2606 / 6761) */
const EXAMPLE_DOMAIN = /@(?:[a-z0-9-]+\.)*(?:example\.(?:com|org|net)|[a-z0-9-]+\.(?:example|test|invalid))$/i;

/** A mailbox of a function or a cloud service account: no person's. */
function impersonal(local: string, address: string): boolean {
  if (ROLE_MAILBOXES.has(local)) return true;
  // a compound of function words only ("merchant-support", "service.client"; "support.maria" names a person)
  if (LOCAL_PARTS.test(local) && local.split(LOCAL_PARTS).every((w) => w === '' || ROLE_MAILBOXES.has(w))) return true;
  return address.endsWith('.gserviceaccount.com');
}

/** E-mail addresses: scans from each '@' outwards (cheaper than a regex over the whole text). */
export const emailRecognizer: Recognizer = {
  name: 'email',
  types: ['EMAIL'],
  applies: (s) => s.length >= 5,
  find(text, out, scan) {
    let at = text.indexOf('@');
    while (at !== -1) {
      let start = at;
      while (start > 0 && isLocalCode(text.charCodeAt(start - 1))) start--;
      while (start < at && (text[start] === '.' || text[start] === "'" || text[start] === '-')) start++;
      // "scheme://user:password@host": userinfo, not an address (the URL recognizer reports the password).
      // The regex runs only when a "://" lies in its 100-character window (searched in the window alone: an
      // unbounded lastIndexOf would walk back to the text's start at every '@', quadratic on "a@a@a@...").
      const window = text.slice(Math.max(0, start - 100), start);
      const userinfo = window.includes('://') && USERINFO_BEFORE.test(window);
      if (start < at && !userinfo) {
        DOMAIN.lastIndex = 0;
        const m = DOMAIN.exec(text.slice(at, at + 260));
        if (m) {
          let end = at + m[0].length;
          if (text[end - 1] === '.') end--;
          // a role mailbox (support@, noreply@, billing@) or a service account names no person: below the default
          // threshold; a documentation stand-in (jane.doe@example.com) is reported, lower: a caller who writes one
          // may mean it as a person's address, and a token for it costs nothing that the answer does not restore
          const local = text.slice(start, at).toLowerCase();
          const address = text.slice(start, end).toLowerCase();
          const role = impersonal(local, address);
          // (but not as the example of a schema or a form: '"example": "user@example.com"')
          const standIn = !role && STAND_IN_LOCAL.has(local) && EXAMPLE_DOMAIN.test(address);
          if (standIn && (SAMPLE_KEY.test(fieldKeyAt(text, start)) || SAMPLE_BEFORE.test(text.slice(Math.max(0, start - 16), start)))) {
            out.push(finding('EMAIL', start, end, 0.3, 'email.role'));
            at = text.indexOf('@', at + 1);
            continue;
          }
          out.push(finding('EMAIL', start, end, role ? 0.3 : standIn ? 0.6 : 0.97, role ? 'email.role' : standIn ? 'email.stand_in' : 'email'));
        }
      }
      at = text.indexOf('@', at + 1);
    }
    // every obfuscated form spells at least one "dot" before the top-level domain
    if (scan.lower.includes('dot') && (text.includes(' at ') || text.includes('[at]') || text.includes('(at)') || text.includes('{at}'))) {
      OBFUSCATED.lastIndex = 0;
      for (let m = OBFUSCATED.exec(text); m; m = OBFUSCATED.exec(text)) {
        if (/ at /i.test(m[0]) && !/ dot /i.test(m[0]) && !/[[({]dot[\])}]/i.test(m[0])) continue;
        out.push(finding('EMAIL', m.index, m.index + m[0].length, 0.85, 'email.obfuscated'));
      }
    }
  },
};
