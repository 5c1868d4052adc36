/**
 * Capitalised words common in support text that are never a person's name on their own. compromise's
 * lexicon covers function words and many nouns; this list adds the everyday vocabulary it lacks.
 */
export const COMMON_WORDS = `
account accounts admin agent alert api app application attachment attachments billing browser bug build business
cancel cancellation card cart case change checkout client cloud code company confirmation console contact cookie copy
customer dashboard data database date delivery device dns docs document download email error escalation export feature
file firmware form gateway guide hardware header help hosting inbox info invoice issue item key laptop license link
login logs mail manager meeting message mobile modem monitor network note notice order outage package page password
payment plan platform portal premium price pricing priority product profile refund release renewal report request
reset return router sales security server service session settings setup shipping signup site sku software status
storage subscription summary support system team tech ticket token tracking trial troubleshooting update upgrade upload
user username version warranty website wifi workspace please thanks thank hello hi hey dear regards cheers best kind
sincerely hope yes no ok okay sure sorry unfortunately also however regarding subject sent from to cc bcc re fwd fw
attn note ps today tomorrow yesterday monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december morning afternoon evening night week month year
hour minute pro plus max mini ultra lite basic standard enterprise starter team edition home office global
north south east west new old first last next previous general main central total free paid online offline
customer-service helpdesk assistant bot virtual chat live agent representative specialist engineer administrator
quick question urgent important update follow-up followup reminder welcome congratulations great good nice awesome
perfect hmm lol omg btw fyi asap tbh imo np thx pls plz ty yep yup nope nah hiya
tue tues thu thur thurs health payroll relations procurement operations ops accounts receivable payable logistics dispatch
warehouse housekeeping reception concierge facilities maintenance apartments apartment residency residences tower towers
admissions registrar bursar enrollment enrolment
policyholder cardholder holder claimant insured guarantor beneficiary applicant tenant landlord passenger driver courier
caller technician comms desk ma'am madam sir
`;

/**
 * The same for support text in other European languages: greetings, sign-offs, pronouns, articles and the
 * support vocabulary that starts a sentence or, in German, every noun ("Ihre Bestellung", "Atención al Cliente").
 * Words that are also common names are left out ("das", "ben", "ma", "su", "vos", "pan", "julio", "mei", "domingo").
 */
export const COMMON_WORDS_EUROPEAN = `
hallo guten tag morgen abend liebe lieber sehr geehrte geehrter damen herren danke vielen dank bitte grüße gruß
freundlichen beste viele mit und oder aber ich sie wir ihr ihre ihren ihrem ihnen unser unsere mein meine dein
der die den dem des ein eine einen einem kein keine nicht noch schon leider gerne hier dort heute gestern
bestellung lieferung rechnung zahlung rückerstattung erstattung kundenservice kundendienst kunde kundin kundennummer
konto adresse nummer paket sendung termin vertrag kündigung anfrage antwort frage problem fehler mitarbeiter
conductor pasajero titular beneficiario solicitante asegurado inquilino arrendatario fiador motorista passageiro
segurado locatário fahrer versicherte mieter vermieter chauffeur passager locataire assuré autista passeggero inquilino
здравствуйте добрый день утро вечер спасибо пожалуйста уважаемый уважаемая клиент клиентка заказ номер адрес телефон
оператор менеджер поддержка служба доставка оплата возврат счёт счет вопрос привет добрий дякую будь ласка замовлення
πελάτης πελάτη παραγγελία ευχαριστώ παρακαλώ καλημέρα καλησπέρα αγαπητέ αγαπητή διεύθυνση τηλέφωνο λογαριασμός
assunto oggetto asunto objet onderwerp ämne emne aihe temat konu předmět tárgy
anhang betreff grüßen rückruf rücksendung ware artikel auftrag bestellnummer versand vorname nachname geburtsdatum
hola buenos buenas días tardes noches gracias saludos atentamente estimado estimada señor señora cliente clientes
atención servicio pedido factura pago envío entrega cuenta número dirección reembolso consulta soy estoy somos
el la los las un una unos unas y o pero para por con sin mi mis sus nuestro nuestra usted ustedes
bonjour bonsoir merci cordialement madame monsieur mesdames messieurs salutations bien je suis nous vous votre
mon mes les un une des et ou mais pour avec sans commande livraison facture paiement remboursement compte
numéro adresse colis service clientèle
buongiorno buonasera grazie cordiali saluti gentile gentili egregio signor signora sono siamo il lo gli una
ordine consegna fattura pagamento rimborso conto numero indirizzo servizio clienti
olá obrigado obrigada atenciosamente prezado prezada senhor senhora sou somos meu minha nosso nossa você pedido
entrega fatura pagamento reembolso conta endereço atendimento
goedemorgen goedemiddag bedankt dank groeten vriendelijke groet geachte beste mevrouw meneer ik wij jij jullie
mijn uw onze het een en maar bestelling levering factuur betaling terugbetaling rekening klantenservice klant
dzień dobry dziękuję pozdrawiam szanowni szanowny szanowna pani jestem zamówienie dostawa faktura płatność
merhaba teşekkürler saygılarımla sayın hanım bey sipariş teslimat fatura ödeme adım benim
bună buna ziua mulțumesc doamna domnul
hej tack hälsningar vänliga med vänlig hilsen mvh
montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz juni juli oktober dezember
lunes martes miércoles jueves viernes sábado enero febrero marzo mayo junio septiembre octubre noviembre diciembre
lundi mardi mercredi jeudi vendredi samedi dimanche janvier février avril juin juillet août septembre octobre novembre décembre
lunedì martedì mercoledì giovedì venerdì sabato gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
segunda terça quarta quinta sexta janeiro fevereiro março maio julho setembro outubro dezembro
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart
poniedziałek wtorek środa czwartek piątek sobota niedziela styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień
październik listopad grudzień pazartesi salı çarşamba perşembe cuma cumartesi pazar ocak şubat mart nisan mayıs haziran
temmuz ağustos eylül ekim kasım aralık
kontoinhaber kontoinhaberin inhaber inhaberin empfänger absender ansprechpartner antragsteller versicherungsnehmer titular
titulaire destinataire expéditeur intestatario destinatario mittente remitente beneficiario
kennzeichen fahrzeug anschrift wohnung stadt firma abteilung zulassung versicherung schaden reparatur werkstatt gerät
geräte kosten angebot frist woche wochen monat jahr jahre tage stunden minuten zeit datum nachricht brief formular
unterlagen dokumente bescheinigung ausweis führerschein halter halterin eigentümer überweisung lastschrift gebühr
gebühren beitrag tarif zähler strom heizung miete kaution nebenkosten abrechnung vertragsnummer zugang passwort
benutzer benutzername anmeldung registrierung bestätigung hinweis informationen hilfe leitung zentrale filiale
bezirk wechsel teil teile anfang grund fall sache seite daten datenschutz einwilligung zustimmung widerruf beschwerde
reklamation garantie gewährleistung umtausch ersatz austausch lieferant hersteller händler geschäft kasse quittung
beleg zahlungseingang mahnung kredit darlehen zinsen karte kreditkarte girokonto sparkonto erstattungsbetrag
farmacia farmácia pharmacie ministerio ministério ministero ministère energía energia eléctrica elétrica électrique
banco banca banque clínica clinica clinique ospedale hôpital universidad universidade università université colegio
escuela escola scuola école empresa compañía companhia compagnia société seguros assicurazioni assurances restaurante
ristorante supermercado supermercato tienda loja negozio instituto istituto institut fundación fundação fondazione
fondation asociación associação associazione cooperativa coopérative gobierno governo gouvernement ayuntamiento
prefeitura comune mairie secretaría agencia agência agenzia agence servicios serviços servizi telecomunicaciones
transportes trasporti logística logistica inmobiliaria imobiliária immobiliare immobilier constructora laboratorio
laboratório laboratoire óptica ottica optique atelier taller oficina ufficio despacho notaría notaio abogados advogados
avvocati mutua mutuelle caja caixa cassa centro centre maison nacional nazionale internacional municipal
`;

/** Words that are given names but also ordinary English words: a name only with a cue. */
export const AMBIGUOUS_NAMES = `
will may mark bill grace hope faith joy chase rose june april august summer sky dawn art frank max ray guy pat sue
rob jack jay don dean gene lane miles page reed wade cliff drew hunter carter mason ivy lily daisy iris ruby pearl
amber jade crystal penny sandy rich king bishop price cook baker young white black brown green gray grey long short
little rice hall wood stone bell hill lee case sage river storm rain autumn winter spring star angel sunny honey
cherry destiny harmony melody holly heather ginger olive violet poppy amber crystal misty brook brooke clay cole
dale glen heath mercy patience prudence charity constance unity trinity justice major royal prince duke earl baron
sterling chance lucky rusty buddy gale grant herb ward forest pierce rocky sonny tucker gage hardy jewel jolly
norm dash kit bud fern flora fawn lark robin wren jay finch hawk drake fox wolf bear buck colt
ace bo al ed
alexa siri cortana bixby blessing precious favour godswill goodness jan
`;

export function wordSet(list: string): Set<string> {
  const set = new Set<string>();
  for (const w of list.split(/\s+/)) if (w.length > 0) set.add(w);
  return set;
}
