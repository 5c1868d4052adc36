/**
 * Held-out set 9: 95 hand-labeled texts plus 30 hard negatives, written blind (without looking at the detector or at
 * the other evaluation sets; only markup.ts and heldout7.ts's header / export were read). Its emphasis is LONGER
 * documents (most between 800 and 3,000 characters) as support teams paste them into an LLM: forwarded e-mail
 * chains in Outlook and Gmail styles (From / Sent / To / Cc / Subject headers, quoted replies, long signatures with
 * titles, phones and addresses, legal disclaimers, "Sent from my iPhone"), meeting and call notes with attendee lists
 * and action items, incident postmortems and on-call handovers with log excerpts (e-mails, IPs, tokens, keys), CRM
 * account notes and case histories spanning months, filled-in intake and claim forms (insurance, medical, legal,
 * immigration / visa, rental, KYC, warranty, school enrolment), letters with letterheads (complaint, demand,
 * reference, HR, invitation, referral), and support transcripts in Indian, Nigerian, Kenyan, South African,
 * Filipino, Singaporean, Jamaican, Trinidadian, Ghanaian, Pakistani and Latin American English, code-mixed
 * (Hinglish, Pidgin, Sheng, Taglish, Singlish, Patois, Spanglish) where natural; plus long texts in ES (ES, MX), PT
 * (PT, BR), FR (FR, BE, Québec), DE (DE, CH), IT, PL, NL, TR, ID and VI. People of many cultures in their usual
 * written forms (family-first, patronymics, multiple surnames, particles, initials, nicknames, s/o, binte), mentioned
 * several times in different forms, and their family members; phones and addresses in the national formats of
 * about 20 countries. The hard negatives are long too: release notes, runbooks, policies, catalogs, manifests, pick
 * lists, invoices, logs and configs with private IPs, API references, legal boilerplate, marketing copy with brand
 * and product names that look like given names, and meeting notes that mention only teams and products.
 * Conventions: titles (Mr., Dr., Ms, Herr, Frau) and "'s" are outside PERSON spans; a full name is one PERSON span
 * (also "SURNAME/GIVEN"), a first name or surname alone is a PERSON span; pet names are not persons; phone
 * extensions are outside PHONE; a street address span runs from the house number / flat (or the street name where it
 * comes first, or the postcode where the national format starts with it) to the postcode and city (and state /
 * province abbreviation) written right after it; city / region / country names outside an address span are
 * LOCATION; a URL carrying personal values or credentials is one URL span (nothing labeled inside it); for
 * `password: value` only the value is SECRET; a full private-key block is one SECRET span; DATE_OF_BIRTH only where
 * the context says it is a birth date; partial numbers ("card ending 6140") are not labeled; organizations (also
 * when named after people), role mailboxes, the support bot "Sol", private / loopback / documentation IPs and plain
 * public URLs are not labeled. Cards are Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by
 * SSA rules, labeled IPs public.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // US furniture refund, Outlook-style forwarded chain with signatures and disclaimer
  `From: [[PERSON:Danielle Whitaker-Moss]] <[[EMAIL:dwhitakermoss@outlook.com]]>
Sent: Tuesday, March 11, 2025 4:52 PM
To: Customer Care <care@hearthline-home.com>
Cc: [[PERSON:Marcus Moss]] <[[EMAIL:marcus.moss82@gmail.com]]>
Subject: FW: RE: Order HL-448210 - damaged sectional, still no refund

Hello again,

Forwarding the whole thread because I get a different agent every time I write. Short version: the sectional arrived with a split frame on Feb 3, your driver (I think his name was [[PERSON:Luis]]) photographed it, and I was promised a refund in 7-10 business days. It has now been five weeks.

Please refund the Visa I paid with, [[CREDIT_CARD:4539 3633 0946 6872]] (exp 08/27). My husband [[PERSON:Marcus]] is cc'd because the delivery was booked under his cell, [[PHONE:(312) 748-2291]].

[[PERSON:Danielle]]

Sent from my iPhone

________________________________
From: [[PERSON:Kevin Tran]] <[[EMAIL:kevin.tran@hearthline-home.com]]>
Sent: Friday, February 21, 2025 10:18 AM
To: [[PERSON:Danielle Whitaker-Moss]] <[[EMAIL:dwhitakermoss@outlook.com]]>
Subject: RE: Order HL-448210 - damaged sectional

Hi [[PERSON:Danielle]],

Thank you for your patience. I have escalated this to our returns lead, [[PERSON:Shonda Ellis]], who will confirm a pickup window at [[STREET_ADDRESS:2207 N Kedzie Blvd, Apt 3R, Chicago, IL 60647]]. Once the carrier scans the return, the refund posts automatically to the original payment method.

Best regards,
[[PERSON:Kevin Tran]]
Customer Experience Specialist II | Hearthline Home
Direct: [[PHONE:(773) 904-6120]] ext. 214
Hearthline Home, Inc. - "Made to be lived on."

CONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the sole use of the intended recipient(s) and may contain confidential and privileged information. Any unauthorized review, use, disclosure or distribution is prohibited. If you are not the intended recipient, please contact the sender by reply e-mail and destroy all copies of the original message.

________________________________
From: [[PERSON:Danielle Whitaker-Moss]] <[[EMAIL:dwhitakermoss@outlook.com]]>
Sent: Monday, February 3, 2025 7:40 PM
To: Customer Care <care@hearthline-home.com>
Subject: Order HL-448210 - damaged sectional

To whom it may concern,

The Ashby 3-piece sectional was delivered today and the left chaise frame is split along the seam. The driver, [[PERSON:Luis]], took photos and told me to e-mail you. Order number HL-448210, delivered to [[STREET_ADDRESS:2207 N Kedzie Blvd, Apt 3R, Chicago, IL 60647]]. Please advise.

Thanks,
[[PERSON:Danielle Whitaker-Moss]]
[[PHONE:(312) 748-0937]]`,

  // UK tenancy deposit dispute, Gmail-style quoted replies
  `---------- Forwarded message ---------
From: [[PERSON:Siobhan Gallagher]] <[[EMAIL:siobhan.gallagher91@gmail.com]]>
Date: Thu, 6 Feb 2025 at 21:14
Subject: Re: Deposit return - [[STREET_ADDRESS:Flat 2, 41 Wellington Road]]
To: Lettings Team <lettings@brightmoor-estates.co.uk>
Cc: [[PERSON:Conor Gallagher]] <[[EMAIL:conor.g@protonmail.com]]>

Hi both,

Forwarding for the record before I raise it with the deposit scheme. I moved out on 31 January and handed the keys to [[PERSON:Priyanka]] at your [[LOCATION:Headingley]] office. The check-out report lists "carpet staining" that is clearly in the check-in photos from 2022.

Please send the undisputed part of the deposit (£1,150) to my account: [[IBAN:GB64 NWBK 7857 3007 1225 92]], name [[PERSON:S M Gallagher]].

My new address for correspondence is [[STREET_ADDRESS:Flat 7, 18 Kirkstall Lane, Leeds LS5 3BE]]. Mobile is [[PHONE:07911 482 306]].

Thanks,
[[PERSON:Siobhan]]

On Tue, 4 Feb 2025 at 11:02, [[PERSON:Priyanka Desai]] <[[EMAIL:p.desai@brightmoor-estates.co.uk]]> wrote:
> Dear Ms [[PERSON:Gallagher]],
>
> Following the check-out inspection at [[STREET_ADDRESS:Flat 2, 41 Wellington Road, Leeds LS6 2AZ]] we propose a deduction of £340 for professional carpet cleaning and £85 for a replacement oven shelf. The landlord, Mr [[PERSON:Hartley]], has approved these figures.
>
> Kind regards,
> [[PERSON:Priyanka Desai]]
> Senior Property Manager
> Brightmoor Estates Ltd
> T: [[PHONE:0113 496 2274]] | M: [[PHONE:07700 318 552]]
> Company No. 08812740. Brightmoor Estates is a member of a government-approved client money protection scheme.
>
> On Sat, 1 Feb 2025 at 09:37, [[PERSON:Siobhan Gallagher]] <[[EMAIL:siobhan.gallagher91@gmail.com]]> wrote:
>> Morning, just confirming I left the keys with [[PERSON:Priyanka]] yesterday. My brother [[PERSON:Conor]] helped me move and can confirm the flat was cleaned top to bottom.
>> [[PERSON:Siobhan]]`,

  // Indian B2B onboarding chain, Outlook style, several contacts and signatures
  `From: [[PERSON:Venkataraman Subramanian]] <[[EMAIL:v.subramanian@tarangsoft.in]]>
Sent: 14 January 2025 18:06
To: [[PERSON:Rhea Kapoor]] <[[EMAIL:rhea.kapoor@ledgerbloom.io]]>
Cc: [[PERSON:K. R. Srinivasan]] <[[EMAIL:krs@tarangsoft.in]]>; [[PERSON:Ayesha Siddiqui]] <[[EMAIL:ayesha.siddiqui@tarangsoft.in]]>
Subject: RE: RE: SSO rollout + billing contact change

Dear [[PERSON:Rhea]],

Thanks for the quick call today. Summarising so that everyone is on the same page:

1. Billing contact changes from [[PERSON:Srinivasan]] sir to [[PERSON:Ayesha]] w.e.f. 1 Feb. Please update invoices to her name and send them to accounts-payable@tarangsoft.in, with a copy to her.
2. SSO: our IdP team will whitelist your callback. [[PERSON:Ayesha]] will share the metadata XML by Friday.
3. Our registered office moved. New address for GST invoices: [[STREET_ADDRESS:4th Floor, Prestige Meridian II, 30 MG Road, Bengaluru 560001]].

Regards,
[[PERSON:Venkat]]

--
[[PERSON:Venkataraman Subramanian]] | Head - IT Infrastructure
Tarang Software Solutions Pvt. Ltd.
Mob: [[PHONE:+91 98450 21736]]
"Please consider the environment before printing this e-mail."

-----Original Message-----
From: [[PERSON:Rhea Kapoor]] <[[EMAIL:rhea.kapoor@ledgerbloom.io]]>
Sent: 13 January 2025 20:41
To: [[PERSON:Venkataraman Subramanian]] <[[EMAIL:v.subramanian@tarangsoft.in]]>
Subject: RE: SSO rollout + billing contact change

Hi [[PERSON:Venkat]], happy to jump on a call tomorrow 3 pm IST. Could you also confirm who should receive the renewal quote? I currently have Mr. [[PERSON:Srinivasan]] at [[PHONE:+91 80 4719 2280]].

Best,
[[PERSON:Rhea Kapoor]]
Customer Success Manager, APAC
LedgerBloom | [[PHONE:+65 8123 4471]]

-----Original Message-----
From: [[PERSON:K. R. Srinivasan]] <[[EMAIL:krs@tarangsoft.in]]>
Sent: 10 January 2025 09:15
To: support@ledgerbloom.io
Subject: SSO rollout + billing contact change

Hello team, I am retiring at the end of this month. Kindly note [[PERSON:Ayesha Siddiqui]] ([[PHONE:+91 99001 58342]]) will handle billing going forward. For anything technical please continue with [[PERSON:Venkataraman]].

Thanks & regards,
[[PERSON:K R Srinivasan]]
GM Finance, [[LOCATION:Bengaluru]]`,

  // Nigerian customer chain about double debit, Gmail style
  `Hello Support,

Please see the thread below. This is the third time I am writing. Kindly treat as urgent.

[[PERSON:Oluwaseun]]

---------- Forwarded message ---------
From: [[PERSON:Oluwaseun Adebayo-Williams]] <[[EMAIL:seun.adebayowilliams@yahoo.com]]>
Date: Mon, 17 Mar 2025, 08:12
Subject: Re: Double debit on my card - ticket #NG-55120
To: <help@paystream.ng>

Good morning,

I was debited twice for the same subscription on 3rd March (₦14,500 each). My card is the Verve/Mastercard ending 8355 but for the avoidance of doubt the full number on the statement is [[CREDIT_CARD:5425 8101 8665 8355]]. My wife, [[PERSON:Folake]], also got an SMS alert on her line [[PHONE:0803 412 7765]] because the card is linked to our joint account.

My address is [[STREET_ADDRESS:Plot 14, Admiralty Way, Lekki Phase 1, Lagos]]. I can come to your [[LOCATION:Victoria Island]] office if needed.

Thank you.
[[PERSON:Seun]]

On Fri, 7 Mar 2025, 16:45 [[PERSON:Chinedu Okafor]] <[[EMAIL:chinedu.okafor@paystream.ng]]> wrote:
> Dear Mr. [[PERSON:Adebayo-Williams]],
>
> We apologise for the inconvenience. Your complaint has been logged and forwarded to our settlement team. Reversal typically takes 5-7 working days.
>
> Warm regards,
> [[PERSON:Chinedu Okafor]]
> Customer Experience Officer
> PayStream Nigeria Limited
> Tel: [[PHONE:+234 909 551 2086]]
>
> DISCLAIMER: This message is intended for the addressee only. PayStream Nigeria Limited will not be liable for any loss arising from the use of this e-mail. E-mails are not guaranteed to be secure or error-free.
>
> On Tue, 4 Mar 2025, 10:03 [[PERSON:Oluwaseun Adebayo-Williams]] <[[EMAIL:seun.adebayowilliams@yahoo.com]]> wrote:
>> Hello, I have been debited twice. Please help me check. You can reach me on [[PHONE:+234 803 219 4470]].
>>
>> Sent from Yahoo Mail for Android`,

  // German cancellation chain with IBAN, quoted Outlook replies
  `Von: [[PERSON:Friederike von Allmen]] <[[EMAIL:f.vonallmen@web.de]]>
Gesendet: Mittwoch, 19. Februar 2025 22:31
An: kundenservice@fitwerk-studios.de
Cc: [[PERSON:Jonas Brandt]] <[[EMAIL:jonas.brandt@gmx.de]]>
Betreff: AW: AW: Kündigung Mitgliedschaft Nr. 7720-3318

Sehr geehrte Damen und Herren,

leider haben Sie meine Kündigung vom 2. Januar immer noch nicht bestätigt und im Februar erneut 49,90 € abgebucht. Ich widerrufe hiermit das SEPA-Lastschriftmandat für mein Konto [[IBAN:DE78 6175 7344 9397 3263 78]] und bitte um Rückerstattung auf dasselbe Konto.

Mein Lebensgefährte, Herr [[PERSON:Brandt]], ist in Kopie, da er am 2. Januar bei der Abgabe des Kündigungsschreibens im Studio dabei war.

Meine aktuelle Anschrift lautet [[STREET_ADDRESS:Schillerstraße 27, 70173 Stuttgart]]. Telefonisch erreichen Sie mich unter [[PHONE:0711 2938 4410]] oder mobil [[PHONE:+49 151 2734 8861]].

Mit freundlichen Grüßen
[[PERSON:Friederike von Allmen]]

Von meinem iPhone gesendet

-----Ursprüngliche Nachricht-----
Von: [[PERSON:Sabine Kowalczyk]] <[[EMAIL:s.kowalczyk@fitwerk-studios.de]]>
Gesendet: Freitag, 10. Januar 2025 09:12
An: [[PERSON:Friederike von Allmen]] <[[EMAIL:f.vonallmen@web.de]]>
Betreff: AW: Kündigung Mitgliedschaft Nr. 7720-3318

Liebe Frau [[PERSON:von Allmen]],

vielen Dank für Ihre Nachricht. Ihre Kündigung liegt uns vor; wir prüfen die Mindestlaufzeit und melden uns.

Sportliche Grüße
[[PERSON:Sabine Kowalczyk]]
Teamleitung Mitgliederservice
FitWerk Studios GmbH · Sitz der Gesellschaft: [[LOCATION:Stuttgart]] · HRB 761204
Geschäftsführer: Dr. [[PERSON:Matthias Ebner]]

Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte sofort den Absender und vernichten Sie diese E-Mail.`,

  // French complaint chain about a deposit, with IBAN and signatures
  `De : [[PERSON:Amélie Rousseau-Benali]] <[[EMAIL:amelie.rousseau.benali@orange.fr]]>
Envoyé : lundi 24 février 2025 08:47
À : service.client@voyages-azur.fr
Cc : [[PERSON:Karim Benali]] <[[EMAIL:karim.benali@free.fr]]>
Objet : TR: RE: Annulation séjour dossier AZ-88231

Bonjour,

Je vous transfère l'historique complet. Votre conseillère, Mme [[PERSON:Lefèvre]], m'avait confirmé par écrit le remboursement intégral de l'acompte (640 €) suite à l'annulation du vol par la compagnie. Rien n'a été versé à ce jour.

Merci d'effectuer le virement sur le compte joint : [[IBAN:FR69 3788 0423 2435 1973 9618 502]] (titulaires : [[PERSON:Amélie Rousseau-Benali]] et [[PERSON:Karim Benali]]).

Adresse postale : [[STREET_ADDRESS:12 rue des Capucins, 69001 Lyon]]
Portable : [[PHONE:06 71 24 88 30]]

Cordialement,
[[PERSON:Amélie]]

-------- Message d'origine --------
De : [[PERSON:Claire Lefèvre]] <[[EMAIL:c.lefevre@voyages-azur.fr]]>
Date : 29/01/2025 15:20
À : [[PERSON:Amélie Rousseau-Benali]] <[[EMAIL:amelie.rousseau.benali@orange.fr]]>
Objet : RE: Annulation séjour dossier AZ-88231

Chère Madame [[PERSON:Rousseau-Benali]],

Je vous confirme que l'acompte de 640 € vous sera remboursé sous 30 jours, le vol [[LOCATION:Lyon]]–[[LOCATION:Marrakech]] ayant été annulé par le transporteur.

Bien à vous,
[[PERSON:Claire Lefèvre]]
Conseillère voyages
Tél. direct : [[PHONE:+33 4 72 61 90 17]]

Ce message et ses pièces jointes sont confidentiels et établis à l'attention exclusive de leurs destinataires. Toute utilisation ou diffusion non autorisée est interdite.`,

  // Singapore condo management chain about renovation deposit
  `From: [[PERSON:Lim Bee Hoon]] <[[EMAIL:beehoon.lim@singnet.com.sg]]>
Sent: Wednesday, 8 January 2025 11:20 PM
To: mcst4412@parkview-mgmt.sg
Cc: [[PERSON:Tan Wei Jie]] <[[EMAIL:weijie.tan88@gmail.com]]>
Subject: Re: Renovation deposit refund - #12-07

Dear Managing Agent,

Following up again. Renovation at our unit completed on 2 December and the contractor (Mr [[PERSON:Rajendran]], [[PHONE:9734 2185]]) has cleared all debris. The $3,000 deposit has not been returned.

Please PayNow to my mobile [[PHONE:+65 9128 6604]] or send a cheque to [[STREET_ADDRESS:Blk 456 Ang Mo Kio Avenue 10, #12-07, Singapore 560456]].

My son [[PERSON:Wei Jie]] is copied as he will be handling this while I am overseas in [[LOCATION:Perth]] from 15 Jan.

Regards,
Mdm [[PERSON:Lim]]

On Mon, 16 Dec 2024 at 10:05, [[PERSON:Nurul Huda binte Ismail]] <[[EMAIL:nurul.huda@parkview-mgmt.sg]]> wrote:
> Dear Mdm [[PERSON:Lim Bee Hoon]],
> Noted with thanks. Our technician, Encik [[PERSON:Faizal]], will inspect the common corridor on 18 Dec. Once cleared, the refund will be processed within 14 working days.
> Regards,
> [[PERSON:Nurul Huda]]
> Assistant Property Officer
> DID: [[PHONE:6589 4417]]
>
> On Fri, 13 Dec 2024 at 4:47 PM, [[PERSON:Tan Wei Jie]] <[[EMAIL:weijie.tan88@gmail.com]]> wrote:
>> Hi, writing on behalf of my mother [[PERSON:Lim Bee Hoon]] (owner of #12-07). Reno done already, can check when deposit will be refunded? Thanks. Sent from my iPhone`,

  // Kenyan merchant chain about M-Pesa settlement
  `From: [[PERSON:Wanjiru Kamau]] <[[EMAIL:wanjiru.kamau@mamambogagrocers.co.ke]]>
To: merchant-support@lipaflow.co.ke
Cc: [[PERSON:Otieno Odhiambo]] <[[EMAIL:otieno.odhiambo@gmail.com]]>
Date: 12 March 2025, 14:55 EAT
Subject: FW: Settlement delay Till 5521874 - 3 days

Hello team,

Forwarding the thread below. Our settlement for 8th-10th March (KES 186,400) has still not hit the account. This is affecting payment to our suppliers in [[LOCATION:Githurai]].

Please call me on [[PHONE:0722 418 903]] or my accountant [[PERSON:Otieno]] on [[PHONE:+254 733 651 208]]. Our shop is at [[STREET_ADDRESS:Shop B12, Kahawa Sukari Plaza, Thika Road, Nairobi]].

Asante,
[[PERSON:Wanjiru]]
Director, Mama Mboga Grocers Ltd

--- Forwarded message ---
From: [[PERSON:Brian Kiprono]] <[[EMAIL:brian.kiprono@lipaflow.co.ke]]>
Date: 11 March 2025, 09:12
Subject: RE: Settlement delay Till 5521874

Dear [[PERSON:Wanjiru]],

Apologies for the delay. Our reconciliation team noticed a mismatch between the till and the paybill. Kindly share the M-Pesa statement for the affected days and the ID of the authorised signatory.

Regards,
[[PERSON:Brian Kiprono]] | Merchant Success, [[LOCATION:Nairobi]]
M: [[PHONE:+254 711 902 347]]
This email and any attachments are confidential. If received in error please delete and notify the sender.

--- Original message ---
From: [[PERSON:Otieno Odhiambo]] <[[EMAIL:otieno.odhiambo@gmail.com]]>
Date: 10 March 2025, 19:30
Subject: Settlement delay Till 5521874

Hi, I am the accountant for Mama Mboga Grocers. Settlement hasn't come since Saturday. Mrs. [[PERSON:Kamau]] is the director and signatory. Please advise. Sent from my Samsung Galaxy smartphone.`,

  // South African insurance claim chain, vehicle accident
  `From: [[PERSON:Thandiwe Nkosi]] <[[EMAIL:thandi.nkosi@icloud.com]]>
Sent: Thursday, 20 February 2025 17:42
To: claims@veldsure.co.za
Cc: [[PERSON:Pieter du Plessis]] <[[EMAIL:pieter@duplessis-panelbeaters.co.za]]>
Subject: RE: Claim VS-CL-2291847 - rear-end collision, [[LOCATION:Menlyn]]

Good day,

Please find attached the quote from [[PERSON:Pieter du Plessis]] at the panelbeater (R 38,420.00 incl. VAT). The other driver, [[PERSON:Johannes "Hannes" van Wyk]], has admitted liability in writing; his cell is [[PHONE:082 617 3349]] and he is insured with another company.

For the excess refund please use my card on file, not EFT. The SAPS case number is CAS 233/02/2025.

I'm staying at my sister [[PERSON:Lindiwe]]'s place while the car is being fixed: [[STREET_ADDRESS:14 Jacaranda Street, Menlo Park, Pretoria, 0081]].

Kind regards
[[PERSON:Thandi]]
[[PHONE:+27 72 418 5536]]

From: [[PERSON:Lerato Mokoena]] <[[EMAIL:lerato.mokoena@veldsure.co.za]]>
Sent: Monday, 17 February 2025 09:03
To: [[PERSON:Thandiwe Nkosi]] <[[EMAIL:thandi.nkosi@icloud.com]]>
Subject: Claim VS-CL-2291847 - rear-end collision, [[LOCATION:Menlyn]]

Dear Ms [[PERSON:Nkosi]],

Thank you for reporting your claim. Please send us two quotes, the third party's details and the SAPS case number. Your assessor will be Mr [[PERSON:van Wyk]]—no relation to the third party, I checked!

Regards,
[[PERSON:Lerato Mokoena]]
Claims Handler | Motor
Direct: [[PHONE:012 940 3381]]
Veldsure is an authorised financial services provider (FSP 40771). This e-mail is subject to the disclaimer at our website.`,

  // Filipino BPO escalation chain, Taglish, team lead and agent
  `From: [[PERSON:Maria Clarissa "Issa" Dela Cruz]] <[[EMAIL:issa.delacruz@brightdesk.ph]]>
Sent: Saturday, March 1, 2025 2:14 AM
To: [[PERSON:Jerome Villanueva]] <[[EMAIL:jerome.villanueva@brightdesk.ph]]>
Subject: FW: Escalation - customer threatening chargeback (Acct 99120447)

Hi TL [[PERSON:Jerome]],

Pa-check po nito before endorsement sa client. Customer is [[PERSON:Ramon Bautista Jr.]], he called 3x tonight. Sabi nya double charged siya sa annual plan. I verified his identity (DOB [[DATE_OF_BIRTH:07/22/1979]], billing ZIP) pero hindi ko ma-process yung refund kasi above my threshold. His callback number is [[PHONE:+1 (209) 366-4128]], he's in [[LOCATION:Stockton]], PST so best to call him after 9am his time.

Also FYI nag-leave si [[PERSON:Kat]] kaya ako muna sa queue nya.

Thanks po,
[[PERSON:Issa]]
Customer Care Associate, Night Shift
BrightDesk Solutions - [[LOCATION:Ortigas]]

-----Original Message-----
From: [[PERSON:Ramon Bautista Jr.]] <[[EMAIL:rbautistajr@sbcglobal.net]]>
Sent: Friday, February 28, 2025 9:48 AM
To: support@streamora.com
Subject: Double charged

I was charged $119.99 twice on 2/27. Card is [[CREDIT_CARD:4716 3796 8196 3224]]. I want one of them refunded today or I am calling my bank. My wife [[PERSON:Marisol]] says she got the confirmation e-mail twice too at [[EMAIL:marisol.bautista@sbcglobal.net]].

[[PERSON:Ray Bautista]]
[[STREET_ADDRESS:1418 W Hammer Ln, Stockton, CA 95209]]`,

  // HR relocation and visa chain, UK to Canada, long signatures
  `From: [[PERSON:Mhairi MacLeod]] <[[EMAIL:mhairi.macleod@quarrytech.com]]>
Sent: 03 March 2025 15:02
To: [[PERSON:Arjun Mehta]] <[[EMAIL:arjun.mehta.dev@gmail.com]]>
Cc: [[PERSON:Gabriela Souza]] <[[EMAIL:gabriela.souza@quarrytech.com]]>; Global Mobility <mobility@quarrytech.com>
Subject: RE: Relocation to [[LOCATION:Toronto]] - work permit documents

Hi [[PERSON:Arjun]],

Great news - the LMIA exemption was confirmed, so [[PERSON:Gabriela]] from Global Mobility will now prepare your work permit application. To complete the forms we need:

- passport bio page for you and for your wife [[PERSON:Nisha]] and son [[PERSON:Kabir]];
- your date of birth exactly as it appears on your passport (HR has [[DATE_OF_BIRTH:17 August 1990]] - please confirm);
- a current address history (we have [[STREET_ADDRESS:Flat 12, Meridian House, 9 Harbour Way, London E14 9YT]] since 2021).

Your start date in [[LOCATION:Toronto]] remains 2 June 2025, and your temporary housing is booked at [[STREET_ADDRESS:88 Blue Jays Way, Suite 2104, Toronto, ON M5V 0L7]] for the first 30 days.

Best wishes,
[[PERSON:Mhairi]]

[[PERSON:Mhairi MacLeod]] (she/her)
Senior People Partner, EMEA
QuarryTech Ltd
M: [[PHONE:+44 7824 519 036]]
Working pattern: Mon-Thu. Responses may be delayed on Fridays.

This message is intended only for the named recipient and may contain confidential information. QuarryTech Ltd, company number SC612093.

-----Original Message-----
From: [[PERSON:Arjun Mehta]] <[[EMAIL:arjun.mehta.dev@gmail.com]]>
Sent: 28 February 2025 19:44
To: [[PERSON:Mhairi MacLeod]] <[[EMAIL:mhairi.macleod@quarrytech.com]]>
Subject: Relocation to [[LOCATION:Toronto]] - work permit documents

Hi [[PERSON:Mhairi]], any update on the LMIA? [[PERSON:Nisha]] needs to give notice at her job in [[LOCATION:Canary Wharf]]. You can reach me on [[PHONE:07458 220 914]] any time after 6. Thanks, [[PERSON:Arjun]]`,

  // Security incident chain: leaked API key in a support ticket, CTO and customer
  `From: [[PERSON:Aoife Brennan]] <[[EMAIL:aoife.brennan@shipkite.io]]>
Sent: Monday, January 27, 2025 8:20 AM
To: [[PERSON:Dmitri Volkov]] <[[EMAIL:dmitri.volkov@orbitalcargo.com]]>
Cc: [[PERSON:Hannah Okonjo]] <[[EMAIL:hannah.okonjo@orbitalcargo.com]]>; security@shipkite.io
Subject: RE: URGENT: production key posted in ticket #48812

Hi [[PERSON:Dmitri]],

The message body has been redacted and the attachment deleted. The access log export for ticket #48812 will follow from our security team today. Three agents opened the ticket; none copied the content.

[[PERSON:Aoife]]
Support Operations Lead, Shipkite

From: [[PERSON:Dmitri Volkov]] <[[EMAIL:dmitri.volkov@orbitalcargo.com]]>
Sent: Sunday, January 26, 2025 11:58 PM
To: security@shipkite.io
Cc: [[PERSON:Hannah Okonjo]] <[[EMAIL:hannah.okonjo@orbitalcargo.com]]>
Subject: URGENT: production key posted in ticket #48812

Hi,

One of our developers pasted our live credentials into ticket #48812 on Friday. The ticket is visible to your whole support org. Please purge the message body. The values were:

SHIPKITE_SECRET_KEY=[[SECRET:sk_live_GHKZloHITSLlOCgvbHL8mSGm]]
AWS_ACCESS_KEY_ID=[[SECRET:AKIAE3GMWSPUFFAEBVSQ]]
AWS_SECRET_ACCESS_KEY=[[SECRET:vjTyn6rn68p42LwZ1R/TFPbWG36X2Lw8eq1Wneq0]]

We have rotated both, but I want written confirmation of the purge and your access logs for the ticket. [[PERSON:Hannah]] (our DPO) is cc'd.

[[PERSON:Dmitri Volkov]]
CTO, Orbital Cargo
[[PHONE:+1 646 802 3317]]

On Fri, Jan 24, 2025 at 4:12 PM [[PERSON:Ji-hoon Park]] <[[EMAIL:jihoon.park@orbitalcargo.com]]> wrote:
> Hey support, label creation is failing with 401 since this morning. Here's our config from .env so you can reproduce:
> SHIPKITE_SECRET_KEY=[[SECRET:sk_live_GHKZloHITSLlOCgvbHL8mSGm]]
> AWS_ACCESS_KEY_ID=[[SECRET:AKIAE3GMWSPUFFAEBVSQ]]
> AWS_SECRET_ACCESS_KEY=[[SECRET: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]]
> Request came from our NAT gateway [[IP_ADDRESS:54.183.22.97]].
> Thanks, [[PERSON:Park Ji-hoon]] (backend)`,

  // Spanish insurance claim chain (Spain), water damage, with IBAN
  `De: [[PERSON:María José García-Herrera López]] <[[EMAIL:mjgarciaherrera@hotmail.es]]>
Enviado: martes, 11 de marzo de 2025 13:27
Para: siniestros@segurhogar.es
CC: [[PERSON:Álvaro Ruiz de la Fuente]] <[[EMAIL:alvaro.ruizdelafuente@gmail.com]]>
Asunto: RV: RE: Siniestro 2025-HG-004471 - daños por agua

Buenos días:

Les reenvío la conversación. El perito, D. [[PERSON:Tomás Aguirre]], visitó la vivienda el 4 de marzo y confirmó que la fuga procede del piso de arriba (3º B, propietario D. [[PERSON:Álvaro Ruiz de la Fuente]], en copia).

Les ruego que la indemnización se abone en la cuenta [[IBAN:ES63 1516 9978 2194 5909 0667]], de la que soy titular.

Domicilio del siniestro: [[STREET_ADDRESS:Calle de Alcalá 214, 2º B, 28028 Madrid]]
Teléfono: [[PHONE:+34 612 48 93 07]]

Atentamente,
[[PERSON:María José García-Herrera]]

-----Mensaje original-----
De: [[PERSON:Lucía Fernández Ortega]] <[[EMAIL:lucia.fernandez@segurhogar.es]]>
Enviado: viernes, 28 de febrero de 2025 10:05
Para: [[PERSON:María José García-Herrera López]]
Asunto: RE: Siniestro 2025-HG-004471 - daños por agua

Estimada Sra. [[PERSON:García-Herrera]]:

Hemos asignado su expediente al perito [[PERSON:Tomás Aguirre]], que le llamará desde el [[PHONE:910 47 36 82]] para concertar la visita.

Un cordial saludo,
[[PERSON:Lucía Fernández]]
Tramitación de Siniestros Hogar

AVISO LEGAL: Este mensaje y sus anexos son confidenciales y se dirigen exclusivamente a su destinatario. Si ha recibido este mensaje por error, le rogamos que lo comunique al remitente y lo elimine.

Enviado desde mi iPhone`,

  // Brazilian Portuguese e-commerce dispute chain
  `De: [[PERSON:João Pedro dos Santos Oliveira]] <[[EMAIL:jp.santosoliveira@uol.com.br]]>
Enviada em: quinta-feira, 13 de fevereiro de 2025 21:08
Para: atendimento@casaviva.com.br
Cc: [[PERSON:Ana Beatriz Oliveira]] <[[EMAIL:anabia.oliveira@gmail.com]]>
Assunto: ENC: RE: Pedido 7712093 - geladeira com defeito

Boa noite,

Encaminho o histórico. A geladeira chegou com a porta amassada e o técnico, Sr. [[PERSON:Claudinei Ferreira]], confirmou o defeito no laudo.

Peço o estorno no cartão [[CREDIT_CARD:5168 7340 7322 4173]] (Mastercard, titular [[PERSON:João P. S. Oliveira]]) ou a troca do produto.

Endereço de entrega: [[STREET_ADDRESS:Rua Augusta, 1508, apto 72 - Consolação, São Paulo - SP, 01304-001]]
Celular/WhatsApp: [[PHONE:(11) 98765-4102]]

Minha esposa [[PERSON:Ana Beatriz]] está em cópia e pode receber o técnico se eu estiver viajando para [[LOCATION:Curitiba]].

Att.,
[[PERSON:João Pedro]]

Em seg., 10 de fev. de 2025 às 14:32, [[PERSON:Patrícia Nogueira]] <[[EMAIL:patricia.nogueira@casaviva.com.br]]> escreveu:
> Olá, [[PERSON:João Pedro]]! Sentimos muito pelo ocorrido. Agendamos a visita técnica para 12/02 entre 8h e 12h. Qualquer dúvida, estou à disposição.
> Abraços,
> [[PERSON:Patrícia Nogueira]] | Central de Relacionamento
> Enviado do meu iPhone`,

  // Weekly escalation sync notes with attendees, customer contacts, action items
  `Weekly Customer Escalations Sync — Thu 6 Mar 2025, 10:00–10:45 (Zoom)

Attendees: [[PERSON:Grace Adeyemi]] (Support Ops, chair), [[PERSON:Tomasz Wiśniewski]] (Tier 3), [[PERSON:Hina Qureshi]] (Billing), [[PERSON:Luca Bianchi]] (Account Management), [[PERSON:Sam O'Neill]] (Engineering on-call)
Apologies: [[PERSON:Deepa Raghunathan]]
Notes: [[PERSON:Hina]]

1. Kestrel Dental Group (enterprise, renewal in May)
- Their practice manager, [[PERSON:Jolene Whitfield]], called twice about appointment reminders going to the wrong patients. [[PERSON:Tomasz]] traced it to a duplicate contact merge on 27 Feb.
- [[PERSON:Jolene]] wants a written RCA. She asked that we call her mobile ([[PHONE:0412 883 106]]) rather than the front desk.
- ACTION: [[PERSON:Tomasz]] to send RCA draft to [[PERSON:Luca]] by Tue 11 Mar.
- ACTION: [[PERSON:Luca]] to book a call with [[PERSON:Jolene]] and their owner Dr. [[PERSON:Anand Pillai]].

2. Billing dispute — Mr. and Mrs. [[PERSON:Castellanos]]
- [[PERSON:Hector Castellanos]] was charged for two seats after cancelling one; his wife [[PERSON:Rosa]] uses the second seat. Refund of $38 approved by [[PERSON:Hina]].
- He also asked us to update the billing address to [[STREET_ADDRESS:5521 Alameda Ave, El Paso, TX 79905]].
- ACTION: [[PERSON:Hina]] to process refund + address change; confirm by e-mail to [[EMAIL:hcastellanos.ep@gmail.com]].

3. Suspicious logins on the Ridgeway Credit Union account
- [[PERSON:Sam]] saw 41 failed logins for the admin user [[EMAIL:m.oyelaran@ridgewaycu.org]] from [[IP_ADDRESS:185.220.101.47]] and [[IP_ADDRESS:45.141.215.19]] overnight. Lockout worked as designed.
- [[PERSON:Grace]] to notify their IT contact, [[PERSON:Michael Oyelaran]], and recommend enforcing MFA.
- ACTION: [[PERSON:Sam]] to add both IPs to the edge blocklist (done during the meeting).

4. AOB
- [[PERSON:Deepa]] is out until 17 Mar; [[PERSON:Tomasz]] covers Tier 3 rota.
- Next sync: Thu 13 Mar, same time. [[PERSON:Luca]] to chair.

Action item summary
| Owner   | Action                                   | Due     |
| [[PERSON:Tomasz]]  | RCA draft for Kestrel Dental              | 11 Mar  |
| [[PERSON:Luca]]    | Call with [[PERSON:Jolene]] + Dr [[PERSON:Pillai]]             | 14 Mar  |
| [[PERSON:Hina]]    | Refund + address update for [[PERSON:Castellanos]] | 7 Mar   |
| [[PERSON:Grace]]   | Notify Ridgeway IT re: brute force        | 6 Mar   |`,

  // QBR call notes with an Australian customer, both sides' attendees and follow-ups
  `QBR – Harbourline Logistics × Trellis Analytics
Date: 19 Feb 2025 · Location: Teams (their side in [[LOCATION:Parramatta]], ours remote)

Harbourline: [[PERSON:Bronwyn Keane]] (Head of Ops), [[PERSON:Tane Whaanga]] (Data Lead), [[PERSON:Minh Nguyen]] (Finance)
Trellis: [[PERSON:Oscar Lindqvist]] (AM), [[PERSON:Yuki Nakamura]] (Solutions), [[PERSON:Farah Haddad]] (CSM, notes)

Summary
[[PERSON:Bronwyn]] opened by saying the dashboards are "finally trusted by the depot managers". Usage is up 34% QoQ. Main pain point is the late-arriving telematics feed from the [[LOCATION:Wollongong]] depot, which [[PERSON:Tane]] says is caused by a flaky 4G router on site.

[[PERSON:Minh]] raised that invoices still go to [[PERSON:Craig]], who left in December. New AP contact is [[PERSON:Minh Nguyen]] himself, [[EMAIL:minh.nguyen@harbourline.com.au]], [[PHONE:+61 2 9687 4410]].

Renewal: [[PERSON:Oscar]] presented the 3-year option. [[PERSON:Bronwyn]] needs sign-off from their CFO ([[PERSON:Deborah Strachan]]) before 31 Mar. [[PERSON:Bronwyn]]'s mobile for anything urgent: [[PHONE:0438 227 915]].

Risks
- Champion risk: [[PERSON:Tane]] is on parental leave from April; his backup is [[PERSON:Priya Lal]] ([[EMAIL:priya.lal@harbourline.com.au]]).
- Data residency question: they want confirmation that backups stay in [[LOCATION:Australia]].

Actions
- [[PERSON:Farah]]: update billing contact to [[PERSON:Minh]]; send recap by 21 Feb.
- [[PERSON:Yuki]]: workshop with [[PERSON:Priya]] on the telematics delay alert, week of 3 Mar.
- [[PERSON:Oscar]]: send renewal paperwork to [[PERSON:Deborah Strachan]], cc [[PERSON:Bronwyn]].
- [[PERSON:Tane]]: share router logs from the depot.`,

  // Sales discovery call notes, Mexican prospect, Spanglish
  `Discovery call – Grupo Alvarado Distribuciones (prospect)
When: martes 4 de marzo 2025, 5pm CST
Who: [[PERSON:Ximena Alvarado Treviño]] (Directora de Operaciones), [[PERSON:Rodrigo "Rigo" Salinas]] (IT), and from our side [[PERSON:Dana Whitfield]] (AE) + [[PERSON:Carlos Medina]] (SE)

Notes ([[PERSON:Carlos]]):
- [[PERSON:Ximena]] runs 3 almacenes (bodegas) — [[LOCATION:Monterrey]], [[LOCATION:Saltillo]] and a new one in [[LOCATION:Apodaca]] opening in June. Todo se maneja en Excel y WhatsApp right now, "es un caos" in her words.
- [[PERSON:Rigo]] wants SSO with Google Workspace and an API for their ERP (Aspel). He asked if we have a data center en [[LOCATION:México]]; told him we'd confirm.
- Pricing: they have budget approval hasta 40k USD/año. Decision maker is her dad, Don [[PERSON:Ernesto]] (full name [[PERSON:Ernesto Alvarado]], CEO). He only does calls en español.
- Follow-up: [[PERSON:Ximena]] prefers WhatsApp, [[PHONE:+52 81 1734 5029]]. [[PERSON:Rigo]]'s e-mail is [[EMAIL:rsalinas@grupoalvarado.mx]], cel [[PHONE:81 2290 4417]].
- Ship the demo hardware (2 scanners) to [[STREET_ADDRESS:Av. Constitución 1450 Pte., Col. Centro, 64000 Monterrey, N.L.]], atención [[PERSON:Rigo Salinas]].

Next steps:
1. [[PERSON:Dana]] sends proposal en español by Friday.
2. [[PERSON:Carlos]] sets up sandbox; invite [[PERSON:Rigo]].
3. Onsite visit to [[LOCATION:Monterrey]] tentatively 25 de marzo, [[PERSON:Dana]] + [[PERSON:Carlos]].`,

  // Collections call notes, US, SSN verification and payment plan
  `CALL NOTES — Account 40017729 — Agent: [[PERSON:Brianna Hollis]] — 03/05/2025 2:17 PM ET

Outbound call to [[PHONE:(615) 284-9053]]. Spoke with [[PERSON:Terrence Boyd]]. Verified identity with last name, DOB [[DATE_OF_BIRTH:11/02/1968]] and full SSN [[US_SSN:533-17-5131]] (customer insisted on reading the whole number although I only asked for last four).

Customer states he was laid off from the plant in January and fell behind. Balance $2,184.16, 94 days past due. He asked whether his wife, [[PERSON:Latoya Boyd]], is liable; explained she is not on the account. He said [[PERSON:Latoya]] handles the mail and will call back if anything arrives.

Offered hardship plan: 12 x $182.01, first payment 03/15/2025. Customer accepted. Payment by debit card [[CREDIT_CARD:4024 8010 9952 0434]], exp 11/26. Customer authorized recurring payment on the 15th.

Customer requested that all letters go to his mother's address while he relocates: [[STREET_ADDRESS:2318 Jefferson St, Nashville, TN 37208]] (c/o [[PERSON:Gloria Boyd]]). Updated mailing address; kept [[STREET_ADDRESS:417 Cedar Hollow Dr, Antioch, TN 37013]] as residence.

Customer also disputes a $39 late fee from 12/2024. Escalated to supervisor Mr. [[PERSON:Dwayne Pruitt]] for review.

Next review date: 04/15/2025. Call recording ID REC-88213-04.`,

  // UK bereavement call notes, executor, deceased's DOB, probate
  `Bereavement Team – call notes
Date of call: 12/02/2025 · Handler: [[PERSON:Joanne Pickering]] · Case ref: BRV-2025-00318

Caller: Rev. [[PERSON:Alistair Fenwick]] (son, executor) — [[PHONE:07831 554 210]]
Account holder: [[PERSON:Margaret Ann Fenwick]] (deceased 28/01/2025)
Date of birth on file: [[DATE_OF_BIRTH:03/06/1937]]

[[PERSON:Alistair]] called to notify us of his mother's death. Verified: full name, DOB, and address on file — [[STREET_ADDRESS:The Old Rectory, Church Lane, Little Bardfield, Braintree CM7 4TS]]. He has the death certificate and will send a copy. Probate not yet granted; estate value under the small-estate threshold according to his solicitor, Ms [[PERSON:Harriet Coombes]].

Mrs [[PERSON:Fenwick]]'s current account has £4,312.77 and a monthly DD to the water company. [[PERSON:Alistair]] asked us to stop the DD and the pension credit. Explained pension credit must be stopped by the DWP; gave him the Tell Us Once info.

He mentioned his sister, [[PERSON:Fiona Marsh]] (née [[PERSON:Fenwick]]), lives in [[LOCATION:Aberdeen]] and is joint executor; we need her ID as well. Her number: [[PHONE:+44 1224 816 302]].

Correspondence to: Rev. [[PERSON:A. J. Fenwick]], [[STREET_ADDRESS:14 Vicarage Gardens, Saffron Walden CB11 3AL]]

Follow-up: send bereavement pack + request [[PERSON:Fiona]]'s ID. Callback booked for 19/02/2025 (note: not a birth date — this is the callback).`,

  // Support standup notes with engineers and customer escalations, IPs and user ids
  `Support standup — Mon 10 Feb

Present: [[PERSON:Kwame Mensah]], [[PERSON:Lena Hoffmann]], [[PERSON:Raúl Domínguez]], [[PERSON:Aigerim Nurlanovna Seitkali]] (new, shadowing), [[PERSON:Ben]] from SRE dropped in

Weekend recap ([[PERSON:Kwame]] was on call):
- 14 tickets, 2 P2s. P2 #1: a user at a school district (user_id 8812047, [[EMAIL:jmartinez@cvusd-example.org]]) couldn't log in — SSO assertion clock skew. Fixed by their IT.
- P2 #2: webhook retries hammering a customer endpoint. Their firewall logged our egress from [[IP_ADDRESS:34.102.77.214]]; customer contact [[PERSON:Olga Petrenko]] asked for our full egress list. [[PERSON:Lena]] sent the public doc.
- A customer pasted a staging DB URL in chat: [[URL:postgres://app_rw:Wint3r!Harbor@db-staging.mapleroute.net:5432/routes]]. [[PERSON:Kwame]] redacted the transcript and told them to rotate.

Today
- [[PERSON:Raúl]]: refund queue (31 open), incl. the one from Ms. [[PERSON:Adaeze Okafor]] who has written 4 times.
- [[PERSON:Lena]]: pair with [[PERSON:Aigerim]] on SSO tickets.
- [[PERSON:Aigerim]] asked to be called "[[PERSON:Aika]]" in Slack, so: [[PERSON:Aika]] shadows [[PERSON:Lena]] all week.
- [[PERSON:Ben]]: investigating why internal health checks from 10.20.4.11 show up in customer audit logs.

Blockers: none. [[PERSON:Kwame]] out Wed (dentist).`,

  // Tenant association meeting minutes with residents, addresses and phone tree
  `Eastgate Court Tenants' Association — Minutes of the General Meeting
Held 22 January 2025, 7:00 pm, Community Room

Present: [[PERSON:Delroy Campbell]] (Chair), [[PERSON:Agnieszka Nowak]] (Secretary), Mr. [[PERSON:Tariq Mahmood]] (Treasurer), [[PERSON:Bernadette O'Connor]], [[PERSON:Kofi Asante]], [[PERSON:Yasmin Hussain]], Mrs. [[PERSON:Edna Phillips]] and 14 other residents.

1. Heating failures
[[PERSON:Delroy]] reported that flats 4, 9 and 17 were without heating for six days over Christmas. [[PERSON:Bernadette]] (flat 9) said her husband [[PERSON:Declan]] is on oxygen and the landlord's contractor did not come until 30 December. Residents agreed to file a joint complaint with the council.

2. Treasurer's report
[[PERSON:Tariq]] reported a balance of £612.40. Subs remain £2/month.

3. Phone tree for emergencies
Agreed that the following volunteers will relay messages:
- Block A: [[PERSON:Kofi Asante]], [[PHONE:07956 210 448]]
- Block B: [[PERSON:Yasmin Hussain]], [[PHONE:07421 663 019]]
- Block C: [[PERSON:Agnieszka Nowak]], [[PHONE:07380 915 226]]

4. Correspondence
Letters to the landlord to be sent from the Secretary's address: [[STREET_ADDRESS:Flat 12, Eastgate Court, 80 Roman Road, London E2 0QN]].
Mrs [[PERSON:Phillips]] asked that her grandson [[PERSON:Jordan]] be allowed to attend on her behalf in future; agreed.

Next meeting: 26 February 2025. Minutes taken by [[PERSON:A. Nowak]].`,

  // HR interview debrief notes, candidate and references
  `Interview debrief — Senior Support Engineer (req #SSE-114)
Candidate: [[PERSON:Nkechi Eze-Obi]]
Panel: [[PERSON:Harrison Blake]] (hiring manager), [[PERSON:Mei Ling Chua]], [[PERSON:Rafael Acosta]]
Date: 27 Feb 2025

Scores: [[PERSON:Harrison]] 4/5, [[PERSON:Mei Ling]] 4/5, [[PERSON:Rafael]] 3/5 → Hire, pending references.

[[PERSON:Harrison]]: strongest systems-debugging answer we've seen this cycle. [[PERSON:Nkechi]] walked through a real incident from her current job in [[LOCATION:Abuja]] where she found a DNS TTL issue.
[[PERSON:Mei Ling]]: great customer empathy in the role-play; slightly long-winded.
[[PERSON:Rafael]]: concerned about on-call availability — she mentioned her daughter [[PERSON:Chiamaka]] starts school in September.

Logistics
- She is relocating to [[LOCATION:Dublin]]; current address for the offer pack: [[STREET_ADDRESS:House 23, Road 5, Gwarinpa Estate, Abuja]].
- Personal e-mail [[EMAIL:nkechi.eze.obi@gmail.com]], phone [[PHONE:+234 812 660 3194]].
- Visa: Critical Skills Employment Permit; [[PERSON:Harrison]] to check with legal.

References (call this week)
1. Mr. [[PERSON:Babatunde Lawal]], her manager, [[PHONE:+234 803 557 2210]]
2. Dr. [[PERSON:Ifeoma Nwosu]], former lead, [[EMAIL:ifeoma.nwosu@outlook.com]]

Decision owner: [[PERSON:Harrison Blake]].`,

  // Legal hold meeting notes naming custodians
  `PRIVILEGED & CONFIDENTIAL — ATTORNEY WORK PRODUCT
Litigation hold kickoff: [[PERSON:Delgado]] v. Northstar Freight (wage claim)
Date: 14 Jan 2025 · Attendees: [[PERSON:Rebecca Stein]] (outside counsel), [[PERSON:Omar Farouk]] (GC), [[PERSON:Lisa Tran-Whitmore]] (HR Director), [[PERSON:Greg Kowalski]] (IT)

Background
Plaintiff [[PERSON:Marisela Delgado]], a former dispatcher at the [[LOCATION:Fresno]] yard, alleges unpaid overtime 2021–2023. Her counsel sent a preservation letter on 6 Jan.

Custodians (hold notices to go out by 16 Jan)
1. [[PERSON:Marisela Delgado]] — former employee; mailbox archived, [[EMAIL:mdelgado@northstarfreight.com]]
2. [[PERSON:Dale Hutchins]] — her supervisor; still employed
3. [[PERSON:Yesenia Ruiz]] — payroll specialist; [[EMAIL:yruiz@northstarfreight.com]]
4. [[PERSON:Trevor Mance]] — former ops manager, now at a competitor; personal e-mail on file [[EMAIL:trevmance77@gmail.com]]

Discussion
- [[PERSON:Greg]] confirmed the timekeeping system retains punches for 7 years. Exports to be pulled by [[PERSON:Greg]] personally, not delegated.
- [[PERSON:Lisa]] noted that Ms. [[PERSON:Delgado]]'s personnel file includes her SSN ([[US_SSN:546-27-3193]]) and DOB ([[DATE_OF_BIRTH:1984-09-30]]); [[PERSON:Rebecca]] asked that any production redact both.
- [[PERSON:Omar]] to check whether [[PERSON:Hutchins]]'s texts on his personal phone ([[PHONE:559-301-7742]]) are in scope; [[PERSON:Rebecca]] thinks yes.

Next check-in: 28 Jan.`,

  // Clinic patient-experience huddle notes mentioning patients
  `Patient Experience Huddle — Riverside Family Clinic — 05 Mar 2025
Facilitator: Nurse Manager [[PERSON:Coleen Baptiste]]
Present: front desk ([[PERSON:Imani]], [[PERSON:Jess]]), Dr. [[PERSON:Sunil Varghese]], Dr. [[PERSON:Hannah Leibowitz]], billing ([[PERSON:Marco]])

1. Complaints this week
- Mrs. [[PERSON:Dorothy Kowalczyk]] (DOB [[DATE_OF_BIRTH:4/18/1941]], MRN 00482917) waited 70 min on Monday; her daughter [[PERSON:Karen]] called to complain. [[PERSON:Coleen]] to call [[PERSON:Karen]] back at [[PHONE:(540) 312-8847]].
- A patient, Mr. [[PERSON:Abdi Warsame]], received a bill for a visit covered under his Medicaid plan. [[PERSON:Marco]] found the claim went out under an old policy number. Rebilling.

2. Portal issues
- [[PERSON:Jess]] reports several older patients cannot reset passwords. One example: [[PERSON:Harold Jenkins]], [[EMAIL:hjenkins1949@aol.com]] — his grandson set a temporary password ([[SECRET:Riverside2025!]]) and wrote it on the intake sheet. [[PERSON:Jess]] shredded the sheet; portal password was reset.

3. Scheduling
- Dr. [[PERSON:Varghese]] is out 10–14 Mar. Dr. [[PERSON:Leibowitz]] covers his diabetes follow-ups.

Actions: [[PERSON:Coleen]] — call [[PERSON:Karen]]; [[PERSON:Marco]] — rebill [[PERSON:Warsame]] claim; [[PERSON:Imani]] — post new portal reset instructions at front desk.`,

  // Postmortem: password reset e-mails sent to the wrong users, with log excerpt
  `# Postmortem: INC-2291 — password-reset links delivered to wrong recipients

Status: Final · Severity: SEV-1 (privacy) · Author: [[PERSON:Nadia Rahman]] · Reviewers: [[PERSON:Tobias Krüger]], [[PERSON:Efua Boateng]]
Incident window: 2025-02-18 14:02 UTC – 2025-02-18 15:37 UTC

## Summary
A cache-key collision in the notification service caused 212 password-reset e-mails to be delivered to the wrong address. Each misdirected e-mail contained a valid reset link for another user's account. Two accounts were taken over before the links were revoked.

## Impact
- 212 users received another user's reset link.
- 2 accounts accessed by a third party: [[EMAIL:c.ferreira.alves@gmail.com]] and [[EMAIL:t.oduya@yahoo.co.uk]].
- Customer [[PERSON:Cátia Ferreira Alves]] reported the issue first via chat at 14:31; her ticket was escalated by [[PERSON:Efua]].

## Timeline (UTC)
- 14:02 deploy of notifier v4.18.0 (change by [[PERSON:Tobias]])
- 14:31 first customer report ([[PERSON:Cátia]])
- 14:44 on-call ([[PERSON:Nadia]]) paged; rollback started 14:52
- 15:37 all outstanding reset tokens revoked

## Log excerpt
\`\`\`
2025-02-18T14:27:51Z notifier INFO send template=pw_reset to=[[EMAIL:t.oduya@yahoo.co.uk]] account=acc_77120 link=[[URL:https://id.paloma-app.com/reset?token=Qm9yZWFsLTc3MTIwLXNlY3JldA&email=c.ferreira.alves%40gmail.com]]
2025-02-18T14:28:03Z auth   INFO login account=acc_55219 ip=[[IP_ADDRESS:102.89.34.156]] ua="Mozilla/5.0 (Linux; Android 14)"
2025-02-18T14:28:04Z auth   WARN new_device account=acc_55219 country=NG prev_ip=[[IP_ADDRESS:188.81.203.40]]
2025-02-18T14:29:40Z gateway INFO upstream=10.12.8.44:8443 request_id=7f3e91c2-5b1a-4d0e-9a61-22c0d9e1b7aa status=200
\`\`\`

## Root cause
The template cache was keyed by template id only. Under load, the rendered body for one recipient was reused for the next recipient.

## Follow-ups
- [[PERSON:Tobias]]: key cache by (template, recipient hash) — done.
- [[PERSON:Efua]]: personal outreach to Mr. [[PERSON:Tunde Oduya]] and Ms. [[PERSON:Ferreira Alves]], plus credits — done 2025-02-20.
- [[PERSON:Nadia]]: add an integration test that renders two recipients concurrently — in progress.
- Legal ([[PERSON:Sophie Marchetti]]) assessed notification duty under GDPR; ICO notified on 2025-02-19.`,

  // On-call handover with open incidents, customers and engineers, logs
  `ON-CALL HANDOVER — week 9 → week 10
From: [[PERSON:Arvind Krishnamurthy]] → To: [[PERSON:Chloé Dubois]]
Secondary this week: [[PERSON:Mateus Carvalho]]

Open items
1. Acme-like customer "Bellhaven Foods" — intermittent 502s on their order webhook. Their engineer, [[PERSON:Sipho Dlamini]] ([[EMAIL:sipho.dlamini@bellhavenfoods.co.za]], [[PHONE:+27 83 402 1167]]), is very responsive on WhatsApp. He says their WAF only allowlists our old egress [[IP_ADDRESS:35.198.114.61]]; new egress [[IP_ADDRESS:34.89.220.7]] is getting blocked. Sent him the change notice; waiting on their change window (Thu 22:00 SAST).

2. Noisy alert \`disk_usage_high\` on worker-17 — safe to silence until the volume resize on Tue. [[PERSON:Mateus]] owns the resize.

3. VIP: the CFO of Lumen Clinics, Dr. [[PERSON:Rashida Osei-Bonsu]], cannot export invoices. Repro:
\`\`\`
GET /v2/exports/inv_88120?format=pdf  user=[[EMAIL:rashida.oseibonsu@lumenclinics.com]]  ip=[[IP_ADDRESS:41.66.197.23]]  status=500
  at PdfRenderer.render (renderer.ts:211)
  request_id=req_01HQ4Z7X8B2M
  authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdXNfSzg4MTIiLCJyb2xlIjoiY3VzdG9tZXIiLCJpYXQiOjE3MzAxMDAwMDB9.vy_dx7nHcywWPGKaOCQ3o2vpCtID1nw9L7LOMdn86oY]]
\`\`\`
(Yes, the header was in the customer's HAR file. Token is expired, but please don't paste it further.) Her EA, [[PERSON:Kojo]], is the best contact: [[PHONE:+233 24 418 9902]].

4. Internal: [[PERSON:Ingrid Solberg]] from Finance asked for the list of customers affected by the 3 Mar billing job failure. Query is in the runbook; do not e-mail the CSV, share via the drive.

Quiet week otherwise. Pager volume: 23 pages, 4 after midnight. Thanks [[PERSON:Chloé]] — good luck! — [[PERSON:Arvind]]`,

  // Postmortem: DDoS-like traffic from a customer's misconfigured script
  `Incident review — INC-3107 — API rate limiter saturation
Date: 2025-03-02 · Facilitator: [[PERSON:Jonas Eriksson]] · Scribe: [[PERSON:Ama Owusu]]

What happened
At 09:14 UTC the API gateway started returning 429s to all tenants. A single API key belonging to the customer Quill & Ledger Accounting generated 48k requests/minute. Their developer, [[PERSON:Rohan Deshpande]], had deployed a retry loop without backoff.

Evidence
\`\`\`
09:14:02 rl WARN key=qla_prod_2 tenant=t_4471 src=[[IP_ADDRESS:13.234.117.90]] rpm=48211
09:14:02 rl WARN key=qla_prod_2 tenant=t_4471 src=[[IP_ADDRESS:13.234.117.91]] rpm=47980
09:14:05 gw INFO internal probe src=172.16.30.5 path=/healthz status=200
09:15:40 rl ERROR global bucket exhausted shard=3
\`\`\`
We reached [[PERSON:Rohan]] at 09:31 on [[PHONE:+91 90040 71852]] (number from the account's technical contact field). He was travelling from [[LOCATION:Pune]] to [[LOCATION:Mumbai]] and asked his colleague [[PERSON:Sneha Kulkarni]] to disable the job. [[PERSON:Sneha]] confirmed at 09:48.

During the call [[PERSON:Rohan]] read out their key so we could confirm which one it was: [[SECRET: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]]. We have since rotated it for them.

What went well: per-tenant limits held once [[PERSON:Jonas]] flipped the shard flag.
What went badly: global bucket shared across tenants; took 17 min to identify the tenant.

Action items
- [[PERSON:Jonas]]: per-tenant isolation for the global bucket (P1)
- [[PERSON:Ama]]: customer comms template for abusive-traffic suspensions
- [[PERSON:Wei Zhang]]: dashboard linking tenant → top source IPs`,

  // Postmortem in long form: data export e-mailed to wrong customer, with customer names
  `INCIDENT REPORT — Misdirected data export (PRIV-0412)
Prepared by: [[PERSON:Hélène Marchand]], Privacy Officer · Date: 21 January 2025

1. Description
On 16 January 2025 at approximately 16:20 CET, support agent [[PERSON:Dario Ferrante]] exported the contact list for the account "Villa Serena B&B" (owner: [[PERSON:Giulia Romano]]) and attached it to a reply addressed to a different customer, Mr. [[PERSON:Pieter-Jan De Smet]] of [[LOCATION:Ghent]], whose ticket was open in the adjacent tab.

2. Data involved
The CSV contained 1,184 rows of Villa Serena's guests: names, e-mail addresses, phone numbers and stay dates. Sample (three rows, for the record):
\`\`\`
"[[PERSON:Kowalski, Marta]]","[[EMAIL:marta.kowalski@o2.pl]]","[[PHONE:+48 601 224 918]]","2024-08-11"
"[[PERSON:Bauer, Lukas]]","[[EMAIL:lukas.bauer84@gmx.at]]","[[PHONE:+43 664 318 2207]]","2024-08-14"
"[[PERSON:Haddad, Rania]]","[[EMAIL:rania.haddad@hotmail.fr]]","[[PHONE:+33 6 45 90 12 77]]","2024-09-02"
\`\`\`
3. Containment
Mr. [[PERSON:De Smet]] replied within the hour ("I think you sent me something meant for someone else") and confirmed deletion in writing on 17 January. [[PERSON:Dario]] notified his team lead, [[PERSON:Sara Lindgren]], at 17:05.

4. Notifications
[[PERSON:Giulia Romano]] was informed by phone ([[PHONE:+39 338 712 4409]]) on 17 January by [[PERSON:Hélène]]. Signora [[PERSON:Romano]] asked whether her guests must be informed; we advised that, given prompt deletion by a single trusted recipient, the risk is low.

5. Lessons
Exports should never be attached from the agent console. [[PERSON:Dario]] has completed refresher training.`,

  // On-call notes from a Filipino support engineer, Taglish, with logs
  `OC notes – Sat night shift ([[PERSON:Paolo Reyes]])

22:10 – alert: payment-callback errors spiking. Checked dashboard, mga 30% ng callbacks from the PH gateway failing with signature mismatch.
22:18 – nag-message si Ma'am [[PERSON:Cristina]] (merchant, Aling Nena's Bakeshop sa [[LOCATION:Marikina]]) via FB page, sabi hindi pumapasok yung GCash payments nila since 9pm. Her number [[PHONE:0917 842 3361]], e-mail [[EMAIL:cristina.manalo.bakeshop@gmail.com]]. Told her we're on it.
22:25 – log sample:
\`\`\`
2025-03-08 22:24:59 +08:00 callback ERR sig_mismatch merchant=mrc_0092 payer_mobile=[[PHONE:09175528104]] src=[[IP_ADDRESS:112.198.74.31]]
2025-03-08 22:25:01 +08:00 callback ERR sig_mismatch merchant=mrc_0092 payer_mobile=[[PHONE:09983317420]] src=[[IP_ADDRESS:112.198.74.31]]
2025-03-08 22:25:03 +08:00 callback OK   merchant=mrc_1410 src=192.168.40.12 (internal replay)
\`\`\`
22:40 – found it: gateway rotated their webhook signing secret. New secret was in the vendor portal. Updated config, old one was whsec_… (hindi ko na ilalagay dito).
22:52 – callbacks recovering. Replayed 418 failed ones.
23:05 – tinawagan ko ulit si Ma'am [[PERSON:Cristina Manalo]], okay na daw, pumasok na yung mga bayad. Thanked us, may libreng ensaymada daw pag dumaan kami haha.
23:30 – handed over to [[PERSON:Jasmine]] ([[LOCATION:Cebu]] team). Sir [[PERSON:Rommel]] (manager) cc'd sa summary.`,

  // Security incident timeline with attacker IPs, victim accounts and leaked private key
  `SECURITY INCIDENT SEC-2025-007 — Compromised deploy key
Incident commander: [[PERSON:Marta Sokolová]] · Comms: [[PERSON:Kenji Watanabe]] · Status: contained

Summary: an SSH deploy key for the build server was committed to a public gist by a contractor, [[PERSON:Aleksandar Petrović]], on 2025-01-30. The gist was found by an automated scanner and used from two addresses within 40 minutes.

The key as published (now revoked, included here for the forensic record only):
[[SECRET:-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIJIU0pk+E1sUPO4tefGfZskYZoJip2Ma+tERBHLJ2WR/oAoGCCqGSM49
AwEHoUQDQgAEvHhQTq6R/34z2UUd2nC2FxbkNJq/tfz85s4z1Xt/2bbzzPZzQ19g
6WV8vxZ4YOXusqMY1Yn+AiZ/ZP3DakmTtQ==
-----END EC PRIVATE KEY-----]]

Access log:
\`\`\`
Jan 30 18:41:07 build-01 sshd[22871]: Accepted publickey for deploy from [[IP_ADDRESS:194.87.218.13]] port 51522
Jan 30 18:43:55 build-01 sshd[22904]: Accepted publickey for deploy from [[IP_ADDRESS:2a03:6f00:4:1::5c2e:9d1]] port 40118
Jan 30 18:44:10 build-01 sudo: deploy : TTY=pts/1 ; PWD=/srv ; COMMAND=/usr/bin/cat /srv/app/.env
Jan 30 18:50:02 build-01 sshd[23011]: Accepted publickey for deploy from 10.0.3.17 port 60211 (jump host, legitimate)
\`\`\`
The .env read at 18:44 contained the SendGrid key [[SECRET: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]], rotated at 19:20.

People involved: [[PERSON:Aleksandar]] (contractor, cooperative, access removed), [[PERSON:Marta]] (IC), [[PERSON:Kenji]] (customer comms). No customer data was accessed; the app database credentials were in a separate vault.`,

  // Postmortem: duplicate SMS charges, customers listed with phones, Kenyan telecom
  `Post-incident review: duplicate bundle charges (INC-KE-0219)
Owner: [[PERSON:Faith Wambui]] · Date: 20 Feb 2025

Between 06:00 and 07:45 EAT on 19 Feb, the bundle-renewal job ran twice and debited 3,912 subscribers twice for daily data bundles. Customer care received 740 calls. Sample of escalated complaints:

| Subscriber | MSISDN | Note |
| [[PERSON:Kevin Otieno]] | [[PHONE:+254 712 330 481]] | KES 99 x2, demands refund to M-Pesa |
| [[PERSON:Mercy Chebet]] | [[PHONE:0728 905 113]] | tweeted at us, 12k followers |
| [[PERSON:Abdullahi Hassan Ali]] | [[PHONE:+254 701 448 277]] | business line, lost service during refund |
| [[PERSON:Njeri Mwangi]] | [[PHONE:0733 216 540]] | called 5 times, asked for manager |

Root cause: the scheduler in the [[LOCATION:Mombasa]] DC failed over to the [[LOCATION:Nairobi]] DC at 05:58 but the lock was not released, so both ran.

Resolution: refunds issued automatically by 12:00. [[PERSON:Mercy]] was called personally by [[PERSON:Faith]] and later posted a thank-you. Mr. [[PERSON:Hassan Ali]] was credited an extra 5 GB.

Actions:
1. Distributed lock with fencing tokens — [[PERSON:Dennis Kiprop]]
2. Idempotency key per subscriber per day — [[PERSON:Dennis]]
3. Proactive SMS template for billing incidents — [[PERSON:Faith]]`,

  // Postmortem in German with log excerpt and customer contact
  `Post-Mortem INC-1844: Fehlgeschlagene SEPA-Lastschriften am 3. März 2025
Autorin: [[PERSON:Katharina Weiß]] · Review: [[PERSON:Jan-Hendrik Becker]], [[PERSON:Ömer Yıldırım]]

Zusammenfassung
Durch eine fehlerhafte Mandatsreferenz wurden 1.204 Lastschriften von der Bank zurückgegeben. Betroffene Kundinnen und Kunden erhielten Mahnungen, obwohl sie nichts falsch gemacht hatten.

Kundenkontakt
Frau [[PERSON:Ursula Brenner]] aus [[LOCATION:Regensburg]] rief am 4. März an und war zu Recht verärgert: Ihr Konto [[IBAN:DE53 1998 1080 0221 0354 12]] wurde mit 3 € Rücklastschriftgebühr belastet. [[PERSON:Ömer]] hat ihr die Gebühr erstattet und sie unter [[PHONE:0941 563 2870]] zurückgerufen.

Logauszug
\`\`\`
2025-03-03 06:00:14 sepa-batch INFO mandate=MND-00019234 iban=[[IBAN:DE53199810800221035412]] amount=29.90 status=RETURNED reason=MD01
2025-03-03 06:00:14 sepa-batch INFO mandate=MND-00019235 iban=[[IBAN:AT981400669520852559]] amount=29.90 status=RETURNED reason=MD01
2025-03-03 06:00:15 worker INFO host=10.8.1.23 retries=0
\`\`\`
Ursache: Ein Migrationsskript von [[PERSON:Jan-Hendrik]] hat das Präfix der Mandatsreferenz entfernt.

Maßnahmen
- [[PERSON:Jan-Hendrik]]: Validierung der Mandatsreferenz vor dem Export (erledigt)
- [[PERSON:Katharina]]: Entschuldigungs-E-Mail an alle Betroffenen, Erstattung der Gebühren
- [[PERSON:Ömer]]: Rückruf-Liste für Beschwerden abarbeiten (noch 37 offen)`,

  // On-call handover, Singapore team, Singlish asides, customer IPs and JWT
  `Handover SG → LDN, Tue 11 Mar

Hi [[PERSON:Callum]], from [[PERSON:Jun Hao]] here.

1) Customer Raffles Pet Clinic still cannot log in to admin. Their IT guy Mr [[PERSON:Tan Kok Leong]] very kan cheong, called 4 times already lah. His HP [[PHONE:+65 9745 2310]]. From our side the login looks OK, but their requests come from [[IP_ADDRESS:116.87.152.203]] which is flagged by the geo-rule as "anomalous". I whitelisted for 24h only. Pls decide tomorrow whether to make permanent.

2) The JWT he sent us (from his browser dev tools, sigh):
[[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1aWQiOiI0NDE5MDIiLCJuYW1lIjoiUmhlYSBLYXBvb3IiLCJpYXQiOjE3NDEwMDAwMDAsImV4cCI6MTc0MTA4NjQwMH0.cXB5bpESsKfIYT13ak4l3E_rfS3FUQYGbkQg9XiQhOU]]
Decoded, the uid is 441902 — actually belongs to another admin of theirs, [[PERSON:Rhea]], not [[PERSON:Kok Leong]]. So they share one login. I told him cannot, must create separate user. He say "can lah, later".

3) Billing: Ms [[PERSON:Siti Nurhaliza binte Rahmat]] from Orchid Learning Centre asked for the invoice to be re-issued with their new address, [[STREET_ADDRESS:10 Anson Road, #22-14 International Plaza, Singapore 079903]]. Done, sent to [[EMAIL:siti.rahmat@orchidlearning.sg]].

4) Nothing burning. Pager quiet after 2am. Makan break I took at 3, sorry if slow reply then.

Cheers, [[PERSON:JH]]`,

  // Postmortem with customer-reported phishing: URL with victim e-mail and IPs
  `Postmortem — Phishing campaign impersonating our login page (SEC-PH-031)
Author: [[PERSON:Beatriz Costa]] · Date: 2025-02-12

Trigger: customer [[PERSON:Ravi Shankar Iyer]] forwarded a suspicious e-mail to us on 2025-02-10. The "Verify your account" button pointed to:
[[URL:https://secure-login-ledgerly.com.verify-session.info/auth?user=ravi.iyer%40outlook.com&ref=inv88213]]
The lure pre-filled his address, so the attacker had a list of our customers' e-mails. [[PERSON:Ravi]] did not enter his password.

Two other customers did: [[PERSON:Svetlana Morozova]] ([[EMAIL:s.morozova@mail.ru]]) and [[PERSON:Pedro Henrique Lima]] ([[EMAIL:pedrohlima@gmail.com]]). Their accounts saw logins from:
\`\`\`
2025-02-10T19:02:11Z login OK user=[[EMAIL:s.morozova@mail.ru]] ip=[[IP_ADDRESS:91.215.85.142]] asn=AS44477
2025-02-10T19:05:47Z login OK user=[[EMAIL:pedrohlima@gmail.com]] ip=[[IP_ADDRESS:91.215.85.142]] asn=AS44477
2025-02-10T19:06:02Z export OK user=[[EMAIL:pedrohlima@gmail.com]] ip=[[IP_ADDRESS:91.215.85.142]] rows=213
\`\`\`
[[PERSON:Pedro]] lost his client list (213 rows). We forced password resets and enabled MFA. [[PERSON:Svetlana]] confirmed her new password is not reused elsewhere.

Source of the list: still unknown. [[PERSON:Beatriz]] suspects the breach at a third-party newsletter vendor.

Actions: takedown request for the domain (done by [[PERSON:Luis Ortega]]), DMARC p=reject (done), customer notice (draft by [[PERSON:Beatriz]]).`,

  // CRM account notes spanning months, US dental group, several contacts
  `ACCOUNT: Bright Smiles Dental Partners — Tier: Growth — Owner: [[PERSON:Kayla Brooks]]
Primary contact: Dr. [[PERSON:Neil Kapadia]] (owner) — [[EMAIL:neil.kapadia@brightsmilesdp.com]] — [[PHONE:(480) 722-5103]]
Office manager: [[PERSON:Stephanie "Steph" Alvarez]] — [[EMAIL:steph.alvarez@brightsmilesdp.com]] — [[PHONE:(480) 722-5100]] ext. 3
Billing: [[PERSON:Gordon Pike]] (outsourced bookkeeper) — [[EMAIL:gordon@pikebookkeeping.net]]

--- Activity log (newest first) ---

03/04/2025 — [[PERSON:Kayla]]: Call with [[PERSON:Steph]]. They are opening a second location at [[STREET_ADDRESS:1870 E Warner Rd, Suite 110, Tempe, AZ 85284]] in May. Wants 6 more seats and a separate billing entity. Sent quote Q-2291.

02/11/2025 — [[PERSON:Marcus Lee]] (Support): Dr. [[PERSON:Kapadia]] called in frustrated — patient reminders went out in Spanish to English-speaking patients. Cause: locale default on new template. Fixed same day. He asked that future outages be communicated to [[PERSON:Steph]] first, not to him.

01/20/2025 — [[PERSON:Kayla]]: [[PERSON:Gordon]] asked for W-9 and to switch from card to ACH. Card on file to be removed after first ACH clears ([[CREDIT_CARD:3714 414344 67558]], Amex, in Dr. [[PERSON:Kapadia]]'s name).

12/02/2024 — [[PERSON:Kayla]]: QBR. Attendees [[PERSON:Neil]], [[PERSON:Steph]], and their associate dentist Dr. [[PERSON:Yolanda Ortiz-Greene]]. NPS 9. Dr. [[PERSON:Ortiz-Greene]] may leave to start her own practice in [[LOCATION:Flagstaff]] — potential new logo.

10/15/2024 — [[PERSON:Priscilla Wong]] (Onboarding): Go-live complete. Trained [[PERSON:Steph]] and two front-desk staff ([[PERSON:Marisol]], [[PERSON:Trey]]).

08/29/2024 — [[PERSON:Kayla]]: Closed-won. Signed by [[PERSON:Neil Kapadia]], DDS.`,

  // CRM case history, UK utility customer, vulnerable customer flag, months of contacts
  `CASE 00771834 — Customer: Mr [[PERSON:Eamon Gallagher]] — Account 5520193-01 — Vulnerability flag: YES (hearing impaired, prefers text)
Supply address: [[STREET_ADDRESS:23 Kelvin Drive, Glasgow G20 8QG]]
Contact: SMS [[PHONE:07712 904 318]]; daughter [[PERSON:Róisín Gallagher]] is authorised third party, [[PHONE:07984 226 051]], [[EMAIL:roisin.gallagher@hotmail.co.uk]]

14 Mar 2025 — [[PERSON:Kirsty]] (Billing): Estimated bill of £612 sent in error; smart meter not communicating. Cancelled and reissued at £148. Texted Mr [[PERSON:Gallagher]].
26 Feb 2025 — [[PERSON:Aled]] (Field Ops): Engineer visit. Replaced comms hub. Customer's daughter present.
11 Feb 2025 — [[PERSON:Kirsty]] (Billing): [[PERSON:Róisín]] called on her dad's behalf. Says he is getting letters he cannot deal with and is anxious. Agreed to pause collections for 60 days.
30 Jan 2025 — Complaint logged by [[PERSON:Róisín]]: third estimated bill in a row. Level 1 complaint, owner [[PERSON:Gurpreet Sandhu]].
08 Dec 2024 — Note by [[PERSON:Gurpreet Sandhu]]: customer moved onto Priority Services Register. Date of birth confirmed as [[DATE_OF_BIRTH:19/04/1943]] (over 75 → eligible for free gas safety check).
02 Dec 2024 — Inbound webchat from [[EMAIL:eamon.gallagher43@btinternet.com]]: "I cant hear the phone calls please stop ringing me". Set contact preference to SMS only.

Next action: [[PERSON:Gurpreet]] to send final response letter by 28 Mar 2025; cc [[PERSON:Róisín]].`,

  // CRM notes, Nigerian SME account with several contacts and changes of bank details
  `Account: Kings & Queens Events Ltd ([[LOCATION:Lagos]]) — Plan: Business Pro — CSM: [[PERSON:Temitope Adeyemi]]
Contacts
• [[PERSON:Chukwuemeka "Chuks" Obi]] — MD — [[PHONE:+234 802 331 9047]] — [[EMAIL:chuks.obi@kingsandqueensevents.ng]]
• [[PERSON:Blessing Etim]] — Finance — [[PHONE:0816 440 2271]]
• [[PERSON:Aisha Bello]] — Ops — [[EMAIL:aisha.bello@kingsandqueensevents.ng]]

History
[Jan 6] [[PERSON:Temitope]]: Kick-off with [[PERSON:Chuks]] and [[PERSON:Aisha]]. They run weddings mostly in [[LOCATION:Lagos]] and [[LOCATION:Abuja]], some in [[LOCATION:Accra]]. Need multi-currency invoicing (NGN, GHS).
[Jan 22] [[PERSON:Temitope]]: [[PERSON:Blessing]] asked to change payout account. Per policy, required confirmation from MD. [[PERSON:Chuks]] confirmed by call on [[PHONE:+234 802 331 9047]] from his registered number.
[Feb 9] Fraud team ([[PERSON:Ngozi Uche]]): Received e-mail "from [[PERSON:Chuks]]" asking to change payout account again, from [[EMAIL:chuks.obi.kqevents@gmail.com]] (not the registered address). Request came from IP [[IP_ADDRESS:197.210.84.112]]. Flagged as likely BEC; did NOT action. Called Mr. [[PERSON:Obi]], who confirmed he did not send it.
[Feb 10] [[PERSON:Temitope]]: Walked [[PERSON:Aisha]] through enabling 2FA for all users. [[PERSON:Blessing]] to be the only finance approver.
[Mar 3] [[PERSON:Temitope]]: Renewal discussion. [[PERSON:Chuks]] wants a discount because of the fraud scare; offered 10%. Office moved to [[STREET_ADDRESS:17B Adeola Odeku Street, Victoria Island, Lagos]].`,

  // CRM account timeline for an Indian D2C brand, Hinglish notes by the KAM
  `Account: Chai Chakra Beverages Pvt Ltd — KAM: [[PERSON:Nikhil Bhardwaj]] — Region: North

Stakeholders:
- [[PERSON:Anushka Malhotra]], Co-founder — [[PHONE:+91 98110 47263]]
- [[PERSON:Gurpreet Singh Chahal]], Head of Supply Chain — [[PHONE:98721 30558]], [[EMAIL:gurpreet.chahal@chaichakra.in]]
- [[PERSON:Pooja Iyer]], Finance Manager — [[EMAIL:pooja.iyer@chaichakra.in]]

Notes:
12-Nov-2024 [[PERSON:Nikhil]]: Intro call. [[PERSON:Anushka]] ji bahut clear hain — they want same-day delivery in [[LOCATION:Delhi NCR]] and [[LOCATION:Chandigarh]]. Warehouse in [[LOCATION:Kundli]].
03-Dec-2024 [[PERSON:Nikhil]]: Site visit at [[STREET_ADDRESS:Plot No. 118, Sector 56, HSIIDC Industrial Estate, Kundli, Sonipat, Haryana 131028]]. [[PERSON:Gurpreet]] paaji gave the tour, unka main issue hai RTO (return to origin) rate 22% in tier-2 cities.
18-Dec-2024 [[PERSON:Nikhil]]: Pilot started. [[PERSON:Pooja]] ne bola ki invoices mein GSTIN galat aa raha hai. Raised ticket FIN-4471.
09-Jan-2025 Support ([[PERSON:Shreya Das]]): [[PERSON:Pooja]] escalated — payout delayed 9 days. Root cause: bank account name mismatch ("Chai Chakra Bev. P Ltd"). Fixed.
27-Jan-2025 [[PERSON:Nikhil]]: [[PERSON:Anushka]] ki shaadi hai next month, she'll be out 15 Feb–5 Mar. Decisions in the meantime go to [[PERSON:Gurpreet]]. Sent a gift hamper to her home at [[STREET_ADDRESS:C-42, Greater Kailash Part 1, New Delhi 110048]] — approved by [[PERSON:Ritu]] (my manager).
20-Feb-2025 [[PERSON:Nikhil]]: Pilot review with [[PERSON:Gurpreet]]: RTO down to 14%. Expansion to [[LOCATION:Jaipur]] and [[LOCATION:Lucknow]] discussed.`,

  // CRM case history with a German B2B customer, contacts change over time
  `Kunde: Brandt & Söhne Metallbau GmbH — Kundennummer 100-44871 — Betreuer: [[PERSON:Felix Wagner]]

Ansprechpartner
- Herr [[PERSON:Klaus-Dieter Brandt]], Geschäftsführer, [[PHONE:+49 2761 94418-0]]
- Frau [[PERSON:Martina Schulte-Ebbinghaus]], Einkauf, [[EMAIL:m.schulte-ebbinghaus@brandt-metallbau.de]], Durchwahl [[PHONE:02761 94418-23]]
- Herr [[PERSON:Yusuf Demir]], IT (extern), [[PHONE:0171 6629043]]

Verlauf
07.10.2024 [[PERSON:Felix]]: Erstgespräch mit Herrn [[PERSON:Brandt]] und Frau [[PERSON:Schulte-Ebbinghaus]]. Interesse an Lizenz für 25 Arbeitsplätze.
21.10.2024 [[PERSON:Felix]]: Angebot verschickt. Lieferanschrift für Hardware: [[STREET_ADDRESS:Industriestraße 14, 57439 Attendorn]].
15.11.2024 Support ([[PERSON:Lea Zimmermann]]): Herr [[PERSON:Demir]] meldet, dass die Installation am Terminalserver fehlschlägt. Zugangsdaten für den Fernzugriff hat er uns im Ticket geschickt (Benutzer: brandt-admin, Passwort: [[SECRET:Attendorn#2024!]]). Bitte künftig nicht per Ticket!
02.12.2024 [[PERSON:Felix]]: Frau [[PERSON:Schulte-Ebbinghaus]] geht in Elternzeit; Vertretung ist ihr Kollege [[PERSON:Tobias Arnold]], [[EMAIL:t.arnold@brandt-metallbau.de]].
13.01.2025 [[PERSON:Felix]]: Rechnung 2025-0117 offen. Herr [[PERSON:Arnold]] bittet um Lastschrift von [[IBAN:DE79 6209 6654 2870 7229 71]].
03.03.2025 [[PERSON:Felix]]: Herr [[PERSON:Klaus-Dieter Brandt]] übergibt die Geschäftsführung an seine Tochter, Frau Dr. [[PERSON:Sabine Brandt]]. Neue Vertragspartnerin ab 1. April.`,

  // CRM notes for a South African retailer account, multiple contacts, Afrikaans names
  `Account: Kleinbos Outdoor (Pty) Ltd — AM: [[PERSON:Zanele Khumalo]]

Contacts:
* [[PERSON:Gerhardus "Gert" Oosthuizen]] — Owner — [[PHONE:083 554 2190]] — [[EMAIL:gert@kleinbos.co.za]]
* [[PERSON:Annelie Oosthuizen]] — Finance ([[PERSON:Gert]]'s wife) — [[EMAIL:annelie@kleinbos.co.za]]
* [[PERSON:Mpho Sithole]] — Store manager, [[LOCATION:Stellenbosch]] — [[PHONE:+27 21 883 4102]]

Notes:
2024-09-02 [[PERSON:Zanele]]: Onboarded 3 stores ([[LOCATION:Stellenbosch]], [[LOCATION:Paarl]], [[LOCATION:George]]). [[PERSON:Gert]] is old-school, wants everything on paper. Posted contract to [[STREET_ADDRESS:42 Dorp Street, Stellenbosch, 7600]].
2024-11-18 [[PERSON:Zanele]]: Load-shedding causing POS sync gaps in [[LOCATION:Paarl]]. [[PERSON:Mpho]] suggested offline mode; logged as feature request.
2025-01-07 [[PERSON:Zanele]]: [[PERSON:Annelie]] queried January debit order. Double charge confirmed. Refund to card [[CREDIT_CARD:5301 0591 7794 4437]] approved by [[PERSON:Rynhardt]] in finance.
2025-02-14 [[PERSON:Zanele]]: Mr. [[PERSON:Oosthuizen]] called, angry about the price increase. Calmed him down; offered 6-month lock. He mentioned his son [[PERSON:Ruan]] will take over the [[LOCATION:George]] store.
2025-03-10 [[PERSON:Zanele]]: Met [[PERSON:Ruan Oosthuizen]] on Teams. Much more tech-savvy. Added him as admin: [[EMAIL:ruan.oosthuizen@gmail.com]], [[PHONE:072 881 3307]].`,

  // Case history: insurance policyholder in Jamaica, months of follow-ups
  `Case file JM-LIFE-0048812 — Policyholder: Mrs. [[PERSON:Claudette Brown-Henry]]
Policy: Whole Life, issued 2009. Beneficiary: [[PERSON:Andre Henry]] (son)
DOB (policyholder): [[DATE_OF_BIRTH:21 Oct 1958]]  ·  Address: [[STREET_ADDRESS:12 Hope Road, Kingston 6]]
Phone: [[PHONE:(876) 927-4418]] (home), [[PHONE:876-381-2260]] (cell)

Sep 3, 2024 — [[PERSON:Shanique]] (CSR): Mrs [[PERSON:Brown-Henry]] requested a policy loan of JMD 500,000 for her granddaughter [[PERSON:Kimani]]'s university fees at UWI. Sent loan forms.
Sep 19, 2024 — [[PERSON:Shanique]]: Forms received but beneficiary signature missing. Called [[PERSON:Andre]] (lives in [[LOCATION:Fort Lauderdale]], [[PHONE:+1 954 608 3391]]); he will sign via DocuSign.
Oct 2, 2024 — Underwriting ([[PERSON:O. Reid]]): Loan approved. Disbursement to her account at NCB.
Jan 15, 2025 — [[PERSON:Shanique]]: Customer called to say her husband [[PERSON:Winston Henry]] passed away in December. Not on this policy. Offered condolences; updated marital status.
Feb 27, 2025 — [[PERSON:Delano]] (Retention): She asked about surrendering the policy. Explained surrender value. She will discuss with [[PERSON:Andre]] when he visits [[LOCATION:Kingston]] at Easter.`,

  // Case history: immigration law firm matter notes, Filipino and Vietnamese clients
  `Matter 2025-IMM-0193 — Clients: [[PERSON:Jose Antonio Mercado]] and [[PERSON:Nguyen Thi Thu Ha]] (spouses) — Attorney: Atty. [[PERSON:Renata Kowalski]] — Paralegal: [[PERSON:Darnell Hughes]]

Client data
- [[PERSON:Jose Antonio Mercado]], born [[DATE_OF_BIRTH:May 9, 1986]] in [[LOCATION:Iloilo City]], [[LOCATION:Philippines]]. A-Number pending.
- [[PERSON:Nguyen Thi Thu Ha]] (goes by "[[PERSON:Ha]]"), born [[DATE_OF_BIRTH:12/03/1990]] in [[LOCATION:Da Nang]], [[LOCATION:Vietnam]]. Note: Vietnamese documents show DOB as [[DATE_OF_BIRTH:12/03/1990]] = [[DATE_OF_BIRTH:12 March 1990]] (DD/MM); USCIS forms must say [[DATE_OF_BIRTH:03/12/1990]].
- Residence: [[STREET_ADDRESS:7742 Linden Ave N, Apt 5, Seattle, WA 98103]]
- Phones: [[PERSON:Jose]] [[PHONE:(206) 518-3390]], [[PERSON:Ha]] [[PHONE:(206) 518-7712]]

Timeline
01/08/2025 — Consult with Atty. [[PERSON:Kowalski]]. Marriage-based AOS. Mr. [[PERSON:Mercado]] entered on an H-1B in 2019.
01/22/2025 — [[PERSON:Darnell]] collected birth certificates. [[PERSON:Ha]]'s needs certified translation; sent to translator [[PERSON:Bao Tran]].
02/14/2025 — I-130/I-485 package filed. Receipt notices expected in 3–4 weeks.
03/07/2025 — Biometrics scheduled 03/28/2025 at the ASC in [[LOCATION:Tukwila]]. (03/28/2025 is the appointment date, not a DOB.)
03/10/2025 — [[PERSON:Jose]] asked whether he can travel to [[LOCATION:Manila]] for his father's 70th birthday; advised to wait for advance parole.`,

  // US rental application form filled in, with SSN, employer, references
  `RESIDENTIAL RENTAL APPLICATION — Maple Terrace Apartments, Unit 4C
(Complete one application per adult occupant. Incomplete applications will not be processed.)

APPLICANT
Full legal name: [[PERSON:Jasmine Renee Whitfield]]
Other names used: [[PERSON:Jasmine R. Coleman]] (maiden)
Date of birth: [[DATE_OF_BIRTH:02/14/1992]]        Social Security No.: [[US_SSN:450-01-1268]]
Driver's license: OH T8841729 (not required)
Phone (cell): [[PHONE:(614) 555-2093]]    E-mail: [[EMAIL:jaz.whitfield92@gmail.com]]

RESIDENCE HISTORY
Current address: [[STREET_ADDRESS:3381 Sullivant Ave, Apt 2, Columbus, OH 43204]]    From: 06/2021  To: present
Monthly rent: $1,050    Landlord/agent: [[PERSON:Gary Pruett]]    Landlord phone: [[PHONE:(614) 276-8812]]
Reason for leaving: need a second bedroom (baby due in August)

Previous address: [[STREET_ADDRESS:1207 Oak St, Unit B, Dayton, OH 45410]]    From: 08/2018  To: 05/2021

EMPLOYMENT
Employer: Nationwide Children's Hospital    Position: Patient Access Rep    Since: 09/2019
Supervisor: [[PERSON:Monique Tate]]    Work phone: [[PHONE:(614) 722-4410]]
Gross monthly income: $3,640

OTHER OCCUPANTS
[[PERSON:Darius Whitfield]] (spouse), DOB [[DATE_OF_BIRTH:07/30/1990]] — separate application attached
[[PERSON:Nia Whitfield]] (daughter), age 4

PETS: 1 cat (Biscuit), spayed

EMERGENCY CONTACT: [[PERSON:Loretta Coleman]] (mother), [[PHONE:(937) 410-6628]]

Have you ever been evicted? No.   Bankruptcy? No.

In your own words, why should we rent to you?
We have rented from Mr. [[PERSON:Pruett]] for almost four years and never paid late. [[PERSON:Darius]] just got promoted at the warehouse and we want to stay in the [[LOCATION:Hilltop]] area near my mom. Please call [[PERSON:Gary]] for a reference.

Signature: [[PERSON:Jasmine R. Whitfield]]    Date: 03/09/2025
Application fee paid by card: [[CREDIT_CARD:4929 1320 4746 0382]]`,

  // Auto insurance first notice of loss form, Canada, with free-text description
  `FIRST NOTICE OF LOSS — AUTOMOBILE
Claim no.: ON-AU-25-0088142     Policy no.: PA-7721094-03

Insured: [[PERSON:Simran Kaur Dhillon]]
Date of birth: [[DATE_OF_BIRTH:1987-11-05]]
Address: [[STREET_ADDRESS:58 Sandalwood Pkwy E, Brampton, ON L6Z 4N8]]
Phone: [[PHONE:905-846-2217]] (home) / [[PHONE:647-391-5504]] (cell)
E-mail: [[EMAIL:simran.dhillon87@hotmail.com]]
Driver at time of loss: [[PERSON:Harjit Singh Dhillon]] (spouse), licence D4412-33019-71104, DOB [[DATE_OF_BIRTH:1984-02-19]]

Date/time of loss: 2025-02-27, approx. 17:40    Location: Hwy 410 southbound, [[LOCATION:Brampton]]
Police attended: Yes — occurrence #25-071188, officer Cst. [[PERSON:M. Rutherford]] #2284

Other party
Name: [[PERSON:Kyle Brennan]]    Phone: [[PHONE:289-404-7731]]
Vehicle: 2016 Ford F-150, plate CBRK 442    Insurer: Northbridge (policy unknown)

Description of loss (in the insured's words):
My husband [[PERSON:Harjit]] was driving me and our son [[PERSON:Arjan]] home from his swim practice. Traffic stopped suddenly and the pickup behind us didn't stop in time. He hit our rear bumper and pushed us into the car in front (a grey Civic, driver was an older lady, Mrs. [[PERSON:Ferreira]], she gave her number [[PHONE:416-780-3342]]). [[PERSON:Arjan]] hit his head on the window and we took him to the ER to be safe — he is fine. The other driver Mr. [[PERSON:Brennan]] said he was sorry and it was his fault.

Injuries: [[PERSON:Arjan Dhillon]] (age 9), minor bump, ER visit.
Preferred repair shop: Sandalwood Collision, [[STREET_ADDRESS:10 Bramsteele Rd, Brampton, ON L6W 3K6]]`,

  // Medical new-patient intake form with history and insurance, free text
  `NEW PATIENT INTAKE — Lakeside Internal Medicine

Patient name: [[PERSON:Oyelaran, Michael Adewale]]        Preferred name: [[PERSON:Mike]]
DOB: [[DATE_OF_BIRTH:Sept. 3, 1975]]      Sex: M
Address: [[STREET_ADDRESS:906 Brookline Ct, Decatur, GA 30030]]
Mobile: [[PHONE:(404) 318-7720]]       Email: [[EMAIL:mike.oyelaran@gmail.com]]
Primary insurance: BlueCross PPO, member ID XJG882190441, group 40021
Subscriber: self     Secondary: none
Emergency contact: [[PERSON:Funmilayo Oyelaran]] (wife) [[PHONE:(404) 318-7721]]

Referring physician: Dr. [[PERSON:Anita Deshmukh]]
Pharmacy: CVS #4410

Reason for visit (in your own words):
Establishing care after moving from [[LOCATION:Houston]]. I have high blood pressure (dx 2018) and was told my A1c is borderline. My previous doctor, Dr. [[PERSON:Lawrence Kim]], retired, so records are with his old practice. I also want to discuss my father's history — he ([[PERSON:Adewale Oyelaran Sr.]]) had a stroke at 61.

Medications: lisinopril 20 mg daily; atorvastatin 10 mg.
Allergies: penicillin (rash).
Family history: father — stroke, HTN; mother ([[PERSON:Comfort]]) — type 2 diabetes; brother [[PERSON:Tayo]] — none known.

Social: married, two children ([[PERSON:Dami]], 14; [[PERSON:Ife]], 11). Non-smoker. Alcohol: 2–3 drinks/week. Works in IT, mostly remote.

Portal account: username moyelaran75, temporary password: [[SECRET:Lakeside!Temp204]]
(Please change at first login.)

Signature: [[PERSON:M. A. Oyelaran]]    Date: 03/12/2025`,

  // Legal intake questionnaire, employment discrimination, free text narrative
  `CLIENT INTAKE QUESTIONNAIRE — Employment Matters
Intake attorney: [[PERSON:Sarah Goldberg-Nuñez]], Esq.    Intake date: February 24, 2025

1. Your full name: [[PERSON:Kiana Malia Kahananui]]
2. Date of birth: [[DATE_OF_BIRTH:June 1, 1995]]
3. Home address: [[STREET_ADDRESS:94-1032 Anania Dr, Apt 18, Mililani, HI 96789]]
4. Best phone: [[PHONE:(808) 623-4419]]   OK to leave voicemail? Yes
5. E-mail: [[EMAIL:kiana.kahananui@icloud.com]]
6. Employer: Pacific Vista Resorts (front office)
7. Dates of employment: 03/2021 – 01/2025 (terminated)
8. Supervisor's name: [[PERSON:Bradley Tenney]]
9. HR contact: [[PERSON:Lori Nakashima]]

10. Describe what happened, in your own words:
In June 2024 I told my supervisor [[PERSON:Brad]] that I was pregnant. After that, he started cutting my shifts from 40 to about 24 hours a week and gave the morning shifts to a new hire, [[PERSON:Tyler]]. When I complained to [[PERSON:Lori]] in HR in September, she said scheduling was "business need." My daughter [[PERSON:Leilani]] arrived in the fall and I started my leave on November 8, 2024, taking 8 weeks. When I came back on January 6 I was told my position had been eliminated. Two weeks later [[PERSON:Tyler]] was promoted to front office lead.

My coworker [[PERSON:Keoni Alapai]] heard [[PERSON:Brad]] say "she won't be reliable with a newborn." [[PERSON:Keoni]] is willing to talk to you; his number is [[PHONE:(808) 295-3307]].

11. Have you filed with the EEOC or HCRC? Not yet.
12. How did you hear about us? My cousin [[PERSON:Makana]].

Signature: [[PERSON:Kiana M. Kahananui]]`,

  // Immigration: UK visa application form excerpt with sponsor details
  `VISITOR VISA APPLICATION — SUPPORTING INFORMATION FORM (completed by applicant)

Section 1 — Applicant
Family name: [[PERSON:OKONKWO]]     Given names: [[PERSON:CHIDIMMA GRACE]]
Date of birth: [[DATE_OF_BIRTH:23/07/1961]]     Place of birth: [[LOCATION:Enugu]], [[LOCATION:Nigeria]]
Passport no.: A11928374 (issued 14/02/2022, expires 13/02/2032)
Home address: [[STREET_ADDRESS:8 Ogui Road, Enugu 400102]]
Telephone: [[PHONE:+234 806 447 2019]]
E-mail: [[EMAIL:chidimma.okonkwo61@yahoo.com]]

Section 2 — Purpose of visit
To attend the graduation of my daughter, [[PERSON:Adaeze Okonkwo]], from her university on 16/07/2025 and to visit my grandson. Intended arrival 10/07/2025, departure 07/08/2025. (Note: none of these dates are birth dates.)

Section 3 — Sponsor / host in the [[LOCATION:UK]]
Name: Dr. [[PERSON:Emeka Okonkwo]] (son)
Relationship: son
Address: [[STREET_ADDRESS:47 Grosvenor Road, Leeds LS6 2DZ]]
Phone: [[PHONE:07452 391 884]]
Immigration status: British citizen (naturalised 2019)
Date of birth of sponsor: [[DATE_OF_BIRTH:05/11/1985]]

Section 4 — Additional information
My late husband, Chief [[PERSON:Nnamdi Okonkwo]], passed away in 2020. I am a retired headmistress and receive a pension. I own my house in [[LOCATION:Enugu]] and have three other grandchildren there whom I care for. My son [[PERSON:Emeka]] will pay for my flight and I will stay at his home. I have visited the [[LOCATION:UK]] twice before (2016, 2018) and returned on time both times.

Declaration: I confirm the information is true. — [[PERSON:C. G. Okonkwo]]`,

  // Health insurance claim form, Philippines, with Taglish remarks field
  `HMO REIMBURSEMENT CLAIM FORM
Member name: [[PERSON:DELA ROSA, MARIA TERESA B.]]
Member ID: 0088-2291-0047    Company: Maharlika Textiles Corp.
Birthdate: [[DATE_OF_BIRTH:March 17, 1983]]
Address: [[STREET_ADDRESS:Unit 1204 Avida Towers, 2251 Chino Roces Ave, Makati City 1231]]
Mobile: [[PHONE:0917 305 4482]]    Landline: [[PHONE:(02) 8812 4409]]
E-mail: [[EMAIL:maite.delarosa@yahoo.com.ph]]

Patient (if dependent): [[PERSON:DELA ROSA, JOAQUIN MIGUEL]] — son — Birthdate: [[DATE_OF_BIRTH:08/02/2015]]

Date of consultation/confinement: 02/24/2025 – 02/26/2025
Hospital: St. Luke's Medical Center
Attending physician: Dr. [[PERSON:Ramon Villareal]]
Diagnosis: Dengue fever without warning signs
Total amount claimed: PHP 48,715.50

Remarks:
Na-confine po ang anak ko for 2 days kasi mababa ang platelets. Hindi po accredited yung doctor sa inyong network kaya out-of-pocket ang bayad namin. Attached po ang official receipts at medical certificate. Please deposit to my account or I can pick up the cheque sa [[LOCATION:Ortigas]] office. Pwede rin pong i-text ako or ang asawa ko, [[PERSON:Paolo dela Rosa]], [[PHONE:+63 918 776 2204]].

Member's signature: [[PERSON:M.T.B. dela Rosa]]    Date: 03/03/2025`,

  // Workers' compensation claim form, US, with SSN and narrative
  `EMPLOYEE'S CLAIM FOR WORKERS' COMPENSATION BENEFITS

Employee name: [[PERSON:Luis Alberto Figueroa Reyes]]
SSN: [[US_SSN:382-96-7358]]       Date of birth: [[DATE_OF_BIRTH:12-22-1979]]
Home address: [[STREET_ADDRESS:2719 W Cermak Rd, Chicago, IL 60623]]
Phone: [[PHONE:773-847-1190]]    Language preferred: Spanish

Employer: Midwest Cold Storage LLC    Supervisor: [[PERSON:Dennis Walczak]]
Date of injury: 01/17/2025    Time: 5:45 AM
Where did it happen: loading dock 3, freezer side

How did the injury happen? (describe fully)
I was unloading pallets from a trailer and the pallet jack slipped on ice on the dock plate. I fell back and my left shoulder hit the edge of the trailer. My coworker [[PERSON:Juan Carlos "JC" Medina]] helped me get up and called the supervisor. [[PERSON:Dennis]] told me to finish the shift. The next day the pain was worse and my wife [[PERSON:Graciela]] drove me to the clinic. The doctor (Dr. [[PERSON:Patel]] at the occupational clinic) said it is a torn rotator cuff and I need an MRI.

Witnesses: [[PERSON:Juan Carlos Medina]], [[PHONE:(708) 312-4498]]; [[PERSON:Ahmed Yusuf]] (forklift), phone unknown

Lost time from work? Yes, since 01/20/2025.

Interpreter used for this form: [[PERSON:Graciela Figueroa]] (spouse).
Signature: [[PERSON:Luis A. Figueroa]]    Date: 02/03/2025`,

  // Bank account opening form (KYC), Kenya, with next of kin
  `PERSONAL ACCOUNT OPENING FORM — KYC

1. Title: Mr    Surname: [[PERSON:Kiprotich]]    Other names: [[PERSON:Emmanuel Kipchumba]]
2. Date of birth: [[DATE_OF_BIRTH:14/09/1996]]    National ID No.: 33817204
3. KRA PIN: A012839471Z
4. Mobile: [[PHONE:0712 884 301]]    Alternative: [[PHONE:+254 20 271 9944]]
5. Email: [[EMAIL:e.kiprotich96@gmail.com]]
6. Physical address: [[STREET_ADDRESS:House No. 14, Kileleshwa Gardens, Othaya Road, Nairobi]]
7. Occupation: Software developer    Employer: self-employed (freelance)
8. Source of funds: freelance income (USD via Payoneer)

NEXT OF KIN
Name: [[PERSON:Jane Chepkoech Kiprotich]]    Relationship: mother
Phone: [[PHONE:0723 115 906]]    Town: [[LOCATION:Eldoret]]

Purpose of account (free text):
Nataka account ya dollar for my freelance payments. Clients wangu wako [[LOCATION:Germany]] na [[LOCATION:Canada]]. I also want M-Pesa integration so that I can send pesa to mum upcountry.

Introduced by: [[PERSON:Peter Kamau]] (existing customer)
Officer: [[PERSON:Lilian Atieno]]    Branch: [[LOCATION:Westlands]]`,

  // Travel insurance claim, Singapore, flight delay and lost baggage
  `TRAVEL INSURANCE CLAIM FORM
Policy No.: TRV-SG-0093318    Plan: Family Annual

Claimant: [[PERSON:Rajesh s/o Murugan]]
NRIC/FIN: (withheld — please call)
Date of birth: [[DATE_OF_BIRTH:29-Jan-1981]]
Address: [[STREET_ADDRESS:Blk 221 Tampines Street 23, #09-155, Singapore 520221]]
Mobile: [[PHONE:+65 8224 6619]]
Email: [[EMAIL:rajesh.murugan81@gmail.com]]

Insured persons travelling: [[PERSON:Rajesh s/o Murugan]], [[PERSON:Kavitha d/o Subramaniam]] (spouse), [[PERSON:Aravind]] (son, 10), [[PERSON:Meena]] (daughter, 7)
Destination: [[LOCATION:Osaka]], [[LOCATION:Japan]]    Travel dates: 14/12/2024 – 22/12/2024

Claim type: [x] Flight delay  [x] Baggage delay  [ ] Medical

Details:
Our flight from [[LOCATION:Singapore]] was delayed 9 hours due to technical issues. On arrival in [[LOCATION:Osaka]], one bag (my wife's) did not arrive and was delivered to the hotel only after 52 hours. We had to buy winter clothes for [[PERSON:Kavitha]] and the kids (receipts attached, JPY 38,420). The airline property irregularity report number is KIXSQ11842.

Payment: please credit to my Visa [[CREDIT_CARD:4485 9329 2200 5343]].
Declaration signed: [[PERSON:Rajesh Murugan]], 05/01/2025`,

  // Warranty claim form, Latin American customer in Argentina, Spanglish remarks
  `WARRANTY CLAIM / RECLAMO DE GARANTÍA

Nombre / Name: [[PERSON:Valentina Sofía Iriarte Paz]]
Email: [[EMAIL:vale.iriarte@gmail.com]]
Teléfono / Phone: [[PHONE:+54 9 11 5823-4410]]
Dirección / Address: [[STREET_ADDRESS:Av. Corrientes 4287, Piso 6 Depto B, C1195AAC CABA]]
Product: AirPure X3 purifier    Serial: AP3-2291-88413-AR
Purchase date: 12/10/2024    Store: online

Problem description:
El filtro hace un ruido horrible since week two, like a rattling noise cuando el fan está en speed 3. Ya probé resetear el device como dice el manual y nada. My husband [[PERSON:Martín]] opened the back cover (sorry!) y vio que una de las aspas está rota. Necesito que me manden un reemplazo, no un refund, porque en [[LOCATION:Buenos Aires]] es imposible conseguir este modelo.

Si necesitan hablar con alguien durante el día, llamen a mi suegra [[PERSON:Norma Etchegaray]] al [[PHONE:(011) 4782-3391]], ella está en casa.

Firma: [[PERSON:V. S. Iriarte]]`,

  // School enrolment form, Ireland, with parents and medical notes
  `ENROLMENT APPLICATION — Scoil Naomh Bríd National School — 2025/26

Child's name: [[PERSON:Saoirse Ní Bhriain]]
Date of birth: [[DATE_OF_BIRTH:11th February 2021]]
PPSN: (to be supplied)
Home address: [[STREET_ADDRESS:Apartment 9, Block C, The Paddocks, Naas Road, Dublin 12, D12 X7F2]]

Parent/Guardian 1: [[PERSON:Pádraig Ó Briain]]    Mobile: [[PHONE:087 412 9936]]    E-mail: [[EMAIL:padraig.obriain@eircom.net]]
Parent/Guardian 2: [[PERSON:Oksana Ó Briain]] (née [[PERSON:Kovalenko]])    Mobile: [[PHONE:+353 86 229 4418]]

Siblings in the school: [[PERSON:Cian]] (2nd class)

Languages spoken at home: English, Irish, Ukrainian
Medical information: [[PERSON:Saoirse]] has a peanut allergy and carries an adrenaline pen. GP: Dr. [[PERSON:Fionnuala Hegarty]], [[LOCATION:Crumlin]].

Anything else you would like us to know?
[[PERSON:Saoirse]]'s granny ([[PERSON:Halyna Kovalenko]]) usually collects both children on Tuesdays and Thursdays. She has limited English, so please ring me ([[PERSON:Oksana]]) if there is a problem. We moved from [[LOCATION:Lviv]] in 2022 and [[PERSON:Cian]] settled in very well here.

Signed: [[PERSON:P. Ó Briain]] / [[PERSON:O. Ó Briain]]    Date: 28/01/2025`,

  // Complaint letter with letterhead addresses, UK, to a bank
  `Mrs [[PERSON:Eleanor Whitcombe]]
[[STREET_ADDRESS:27 Hollybank Close
Harrogate
HG2 8QR]]
Tel: [[PHONE:01423 871 264]]
Email: [[EMAIL:eleanor.whitcombe@btinternet.com]]

Customer Relations Manager
Northfield Building Society
PO Box 4410

10 March 2025

Your ref: CMP/2291/EW
Account: Easy Saver, sort code 40-12-76, account ending 8841

Dear Sir or Madam,

Formal complaint: failure to act on a Power of Attorney

I am writing, for the third time, about my late mother's savings account. My mother, Mrs [[PERSON:Joan Patricia Holroyd]], was born on [[DATE_OF_BIRTH:2 September 1934]] and died on 14 December 2024. Before her death, my brother [[PERSON:Geoffrey Holroyd]] and I held a registered Lasting Power of Attorney, which we sent to your branch on 3 October 2024.

Despite this, your staff refused to let us pay her care home fees from the account in November, and the care home ([[LOCATION:Knaresborough]]) has since added late-payment charges of £320. When I telephoned on 19 November, the adviser, who gave her name as [[PERSON:Kerry]], told me the LPA "hadn't been scanned yet."

I also enclose a copy of a letter sent to my mother's old address, [[STREET_ADDRESS:5 Station Parade, Knaresborough HG5 0BS]], after you had been notified of her death. Receiving it was very distressing for [[PERSON:Geoffrey]].

I would like:
1. a refund of the £320 in late-payment charges, which I will pass to the care home;
2. a written apology;
3. confirmation that the account will be closed and the balance paid to the executors' account, [[IBAN:GB36 BARC 4284 0300 6569 62]] (in the name of [[PERSON:E. Whitcombe]] & [[PERSON:G. Holroyd]]).

If I do not receive a final response within eight weeks, I will refer the matter to the Financial Ombudsman Service.

Yours faithfully,

[[PERSON:Eleanor Whitcombe]] (Mrs)`,

  // Demand letter from an attorney on behalf of a tenant, US
  `[[PERSON:MARISOL T. ECHEVARRÍA]], ATTORNEY AT LAW
[[STREET_ADDRESS:1450 Broadway, Suite 902, New York, NY 10018]]
Tel. [[PHONE:(212) 594-3381]] · [[EMAIL:mecheverria@echevarrialaw.com]]

February 28, 2025

VIA CERTIFIED MAIL AND E-MAIL ([[EMAIL:b.kessler@kesslerproperties.net]])

Mr. [[PERSON:Bernard Kessler]]
Kessler Properties LLC
[[STREET_ADDRESS:88-14 Queens Blvd, 2nd Floor, Elmhurst, NY 11373]]

Re: Demand for return of security deposit — [[PERSON:Adaeze Nwachukwu]] and [[PERSON:Kwabena Ofori]], former tenants of [[STREET_ADDRESS:41-22 Judge St, Apt 3F, Elmhurst, NY 11373]]

Dear Mr. [[PERSON:Kessler]]:

This office represents Ms. [[PERSON:Nwachukwu]] and Mr. [[PERSON:Ofori]] in connection with their tenancy at the above premises from July 1, 2022 to November 30, 2024. My clients paid a security deposit of $3,400. Under General Obligations Law § 7-108, you were required to return the deposit, or provide an itemized statement of deductions, within fourteen days after they vacated. You have done neither.

My clients surrendered the keys to your superintendent, Mr. [[PERSON:Ramón Peña]], on November 30, 2024, and he signed a move-out checklist noting "apartment in good condition." A copy is enclosed.

DEMAND IS HEREBY MADE that you pay $3,400 within ten (10) days of the date of this letter, by check payable to "[[PERSON:Adaeze Nwachukwu]]" delivered to this office, or by wire to my clients' designated account. If payment is not received, my clients will commence an action and seek twice the amount of the deposit as permitted by statute, plus interest and costs.

Please direct all communications regarding this matter to me, not to my clients. Ms. [[PERSON:Nwachukwu]]'s new mobile number ([[PHONE:(917) 662-0418]]) was given to your office in error and should not be used.

Very truly yours,

[[PERSON:Marisol T. Echevarría]], Esq.

cc: [[PERSON:Adaeze Nwachukwu]]; [[PERSON:Kwabena Ofori]]`,

  // Reference letter for a former employee, Indian company, letterhead
  `Sahyadri Engineering Consultants Pvt. Ltd.

14 January 2025

TO WHOMSOEVER IT MAY CONCERN

This is to certify that Mr. [[PERSON:Aniruddha Vasant Kulkarni]] (Employee Code SEC-0419), son of Shri [[PERSON:Vasant Kulkarni]], residing at [[STREET_ADDRESS:Flat 11, Shree Ganesh Apartments, Karve Nagar, Pune 411052]], was employed with our organisation as a Senior Structural Engineer from 2 June 2017 to 31 December 2024.

During his tenure, [[PERSON:Aniruddha]] led the design of several bridges across [[LOCATION:Maharashtra]] and [[LOCATION:Goa]], including a major river crossing near [[LOCATION:Solapur]]. He was consistently rated "Outstanding" and mentored more than fifteen junior engineers. His integrity and technical judgement are of the highest order.

Mr. [[PERSON:Kulkarni]] is leaving us to pursue a master's degree in [[LOCATION:Canada]]. We wish him every success. His date of birth as per our records is [[DATE_OF_BIRTH:18-04-1990]].

For any verification, please contact the undersigned at [[PHONE:+91 20 2543 8812]] or [[EMAIL:m.deshpande@sahyadriengg.com]].

For Sahyadri Engineering Consultants Pvt. Ltd.

[[PERSON:Madhavi Deshpande]]
Director – Human Resources`,

  // HR termination letter with employee address and final pay details, Australia
  `PRIVATE & CONFIDENTIAL

Mr [[PERSON:Callum Fitzgerald]]
[[STREET_ADDRESS:Unit 7, 19 Beach Road, Bondi NSW 2026]]

21 February 2025

Dear [[PERSON:Callum]],

Termination of employment — redundancy

Further to our meeting on 18 February 2025, attended by you, your support person Ms [[PERSON:Tegan Walsh]] and me, I confirm that your position of Regional Sales Coordinator has been made redundant and your employment will end on 7 March 2025.

Your final pay will include:
- 4 weeks' notice paid in lieu;
- redundancy pay of 10 weeks under the National Employment Standards;
- accrued but untaken annual leave (14.6 days).

Payment will be made to your nominated bank account (BSB 062-118, account ending 4471) on your last day. Your PAYG summary will be available in the portal.

You are entitled to access our Employee Assistance Program, which is free and confidential. We have also arranged outplacement support with [[PERSON:Danielle Morgan]] at a career-transition firm; she will contact you on [[PHONE:0412 557 902]].

Please return your laptop and access card to [[PERSON:Priyanka Shah]] in the [[LOCATION:Sydney]] office before 7 March.

If you have any questions, please contact me on [[PHONE:+61 2 8243 1177]] or [[EMAIL:hannah.lowe@meridiangroup.com.au]].

Yours sincerely,

[[PERSON:Hannah Lowe]]
People & Culture Manager

Acknowledged: ______________________ ([[PERSON:Callum Fitzgerald]])  Date: ____________`,

  // Letter of invitation for a Schengen visa, German host, family details
  `Dr. [[PERSON:Tobias Wendt]] & [[PERSON:Aylin Wendt]]
[[STREET_ADDRESS:Kaiserstraße 112, 60329 Frankfurt am Main]]
Tel.: [[PHONE:+49 69 4297 3318]] · E-Mail: [[EMAIL:aylin.wendt@t-online.de]]

An die zuständige Auslandsvertretung
Visastelle

[[LOCATION:Frankfurt am Main]], 3. März 2025

Einladungsschreiben / Letter of invitation

Sehr geehrte Damen und Herren,

hiermit laden wir die Mutter meiner Frau, Frau [[PERSON:Fatma Korkmaz]], geboren am [[DATE_OF_BIRTH:12.06.1956]] in [[LOCATION:Trabzon]], wohnhaft in [[STREET_ADDRESS:Atatürk Caddesi No: 45 Daire 7, 61030 Ortahisar/Trabzon]], Reisepassnummer U28814902, für einen Besuch vom 1. Mai bis 15. Juni 2025 zu uns nach [[LOCATION:Frankfurt]] ein.

Anlass des Besuchs ist die bevorstehende Geburt unseres zweiten Kindes im Mai 2025. Frau [[PERSON:Korkmaz]] wird meine Frau [[PERSON:Aylin]] und unseren Sohn [[PERSON:Emir]] in dieser Zeit unterstützen.

Wir übernehmen sämtliche Kosten für Unterkunft, Verpflegung und Krankenversicherung. Eine Verpflichtungserklärung der Ausländerbehörde liegt bei. Frau [[PERSON:Korkmaz]] ist Witwe und lebt mit ihrem Sohn [[PERSON:Murat Korkmaz]] ([[PHONE:+90 532 418 22 71]]) zusammen; sie wird nach dem Besuch in die [[LOCATION:Türkei]] zurückkehren.

Für Rückfragen stehen wir Ihnen jederzeit zur Verfügung.

Mit freundlichen Grüßen

[[PERSON:Tobias Wendt]]                [[PERSON:Aylin Wendt]] geb. [[PERSON:Korkmaz]]`,

  // HR employment verification letter for a mortgage, Canada
  `March 4, 2025

To: Mortgage Underwriting
Re: Employment verification — [[PERSON:Nguyễn Văn Minh]] (known as "[[PERSON:Kevin Nguyen]]")

To whom it may concern,

This letter confirms that [[PERSON:Nguyễn Văn Minh]], who goes by [[PERSON:Kevin]] at work, has been employed full-time with our company since September 12, 2016, currently as Warehouse Operations Supervisor at our [[LOCATION:Mississauga]] distribution centre. His annual base salary is CAD 78,500, and he received a performance bonus of CAD 6,200 in 2024. He is not on probation and there are no plans to terminate his employment.

Our records show his date of birth as [[DATE_OF_BIRTH:October 8, 1988]] and his home address as [[STREET_ADDRESS:2215 Hurontario St, Unit 1408, Mississauga, ON L5A 2G2]].

The co-applicant on the mortgage, his wife [[PERSON:Trần Thị Lan]], is not employed by our company; we cannot verify her income.

Should you require further information, please contact me directly at [[PHONE:905-277-4410]] ext. 228 or [[EMAIL:d.osullivan@kestrelsupply.ca]]. I am authorized to provide this verification with Mr. [[PERSON:Nguyễn]]'s written consent, which is attached.

Sincerely,

[[PERSON:Deirdre O'Sullivan]]
HR Business Partner`,

  // Medical referral letter with patient details and family history
  `Riverbend Medical Practice
Dr [[PERSON:Aminata Diallo]] MBBS MRCGP

18 February 2025

Dr [[PERSON:Christopher Lam]]
Consultant Cardiologist
Department of Cardiology

Dear Dr [[PERSON:Lam]],

Re: Mr [[PERSON:Gareth Llewellyn-Jones]], DOB [[DATE_OF_BIRTH:09/10/1966]], NHS No. 702 418 9935
[[STREET_ADDRESS:Ty Newydd, 4 Heol y Bryn, Llandeilo SA19 6AB]]
Tel: [[PHONE:07866 310 492]]

Thank you for seeing this 58-year-old farmer who presents with exertional chest tightness over the last six weeks, worse when walking uphill on the farm. ECG in surgery showed T-wave inversion in V4–V6. Troponin negative.

Past history: type 2 diabetes (diet-controlled), hypercholesterolaemia. Non-smoker since 2010.
Family history: his father, [[PERSON:Dafydd Llewellyn-Jones]], died of a myocardial infarction aged 59; his older brother [[PERSON:Rhys]] had a CABG last year.
Medication: atorvastatin 40 mg, aspirin 75 mg started today.

[[PERSON:Gareth]] is anxious given his father's history, and his wife, Mrs [[PERSON:Sian Llewellyn-Jones]], asked that correspondence be copied to her as he does not check post regularly. She can be reached on [[PHONE:01558 824 117]].

I would be grateful for your assessment and consideration of angiography.

Yours sincerely,

Dr [[PERSON:A. Diallo]]`,

  // Letter from a tenant to a landlord in South Africa, repairs and deposit
  `[[STREET_ADDRESS:Flat 304, Sunset Mansions
56 Beach Road
Sea Point
Cape Town
8005]]

7 March 2025

Mr. [[PERSON:Riaan Botha]]
c/o Botha Rentals
[[EMAIL:riaan@botharentals.co.za]]

Dear [[PERSON:Riaan]],

RE: OUTSTANDING REPAIRS AND NOTICE OF INTENTION TO VACATE

I refer to my WhatsApp messages of 3 January, 20 January and 14 February 2025 and to our telephone conversation on 21 February, during which you undertook to send a plumber "by the end of the week". To date:

1. the geyser is still leaking into the ceiling of the flat below (occupied by Mrs. [[PERSON:Abrahams]], who has complained to the body corporate);
2. the bedroom window latch is broken, which is a security risk on the ground-facing side; and
3. the damp in the bathroom has caused mould, which has aggravated my son [[PERSON:Liam]]'s asthma.

In terms of the Rental Housing Act, I hereby give you 20 business days to complete these repairs. Should they not be completed, I will vacate at the end of April and claim my full deposit of R14,500 plus interest. Please pay it into my account held in the name [[PERSON:N. J. Petersen]].

You can reach me on [[PHONE:+27 82 660 1943]] or my partner, [[PERSON:Yusuf Jacobs]], on [[PHONE:061 477 2085]].

Yours faithfully,

[[PERSON:Nadine Petersen]]`,

  // Reference letter for a domestic helper, Singapore/Philippines
  `[[STREET_ADDRESS:38 Jalan Kembangan, Singapore 419112]]

15 January 2025

To Whom It May Concern,

Letter of Reference — Ms [[PERSON:Marilou Catacutan Pagulayan]]

I am pleased to recommend [[PERSON:Marilou]] ("[[PERSON:Malou]]"), who worked for our family as a domestic helper from March 2018 until January 2025. Her work permit details are available on request.

During these seven years [[PERSON:Malou]] took care of our two children, [[PERSON:Ethan]] (now 11) and [[PERSON:Chloe]] (now 8), and later also of my elderly father, Mr. [[PERSON:Goh Swee Heng]], after his stroke in 2022. She was patient, honest and hardworking, and she learned to cook Peranakan dishes from my late mother.

[[PERSON:Malou]] is leaving only because she wishes to return to her family in [[LOCATION:Cagayan]], [[LOCATION:Philippines]], and be closer to her daughter [[PERSON:Angel]]. Her date of birth is [[DATE_OF_BIRTH:30 April 1979]]; her passport is P4417720B.

I have no hesitation in recommending her. Please feel free to contact me on [[PHONE:+65 9661 2047]] or [[EMAIL:goh.meiling@gmail.com]].

Yours sincerely,

[[PERSON:Goh Mei Ling]] (Mrs. [[PERSON:Tan]])`,

  // HR letter: disciplinary outcome, Ireland, with witnesses
  `STRICTLY PRIVATE AND CONFIDENTIAL — BY HAND

Ms [[PERSON:Aisling Byrne]]
[[STREET_ADDRESS:17 Seafield Crescent, Booterstown, Co. Dublin, A94 K2P8]]

6 March 2025

Dear [[PERSON:Aisling]],

Outcome of disciplinary hearing held on 3 March 2025

The hearing was chaired by me, with [[PERSON:Conor Whelan]] (HR) taking notes. You were accompanied by your colleague [[PERSON:Niamh Kavanagh]]. The allegation was that on 12 February 2025 you shared a customer's account details, including the customer's date of birth and the last four digits of the customer's card, with an unauthorised third party by text message.

Having considered your explanation — that the recipient, Mr [[PERSON:Declan Byrne]], is your brother and was helping you resolve an IT issue — and the statement of the customer, Mrs [[PERSON:Rosemary Tully]], I find that the allegation is upheld. I accept that there was no malicious intent.

The sanction is a written warning, which will remain on your file for twelve months. You are required to complete data-protection training by 31 March 2025.

You have the right to appeal this decision within seven days by writing to [[PERSON:Fergal Quinn]], Head of Operations, at [[EMAIL:fergal.quinn@lirratelecom.ie]].

Yours sincerely,

[[PERSON:Maeve Costigan]]
Contact Centre Manager`,

  // Indian English / Hinglish chat transcript, e-commerce refund, with UPI and address
  `Chat transcript — ticket #IN-5520817 — 08 Mar 2025

[19:02] Bot: Welcome to ShopKart support! Please share your registered mobile number.
[19:02] Customer: [[PHONE:9820 471 336]]
[19:03] Bot: Thanks! Connecting you to an agent.
[19:04] [[PERSON:Pratik]] (Agent): Hello, I am [[PERSON:Pratik]]. Am I speaking with Mrs. [[PERSON:Sunita Agarwal]]?
[19:04] Customer: haan ji, [[PERSON:Sunita]] this side. Actually order mere bete ke liye tha, [[PERSON:Rohan]], par account mera hai.
[19:05] [[PERSON:Pratik]] (Agent): Sure ma'am. How may I help you?
[19:06] Customer: Bhaiya, the shoes came in size 9 instead of 7. Return pickup 3 baar cancel ho gaya. Delivery boy bola address galat hai. Address bilkul sahi hai: [[STREET_ADDRESS:B-704, Lodha Splendora, Ghodbunder Road, Thane West 400615]]. Kya problem hai aap logon ka?
[19:07] [[PERSON:Pratik]] (Agent): I understand your frustration ma'am. I can see the pickup partner marked "customer not available" on 5th and 6th March.
[19:08] Customer: Kaise not available? Main ghar pe thi. My husband [[PERSON:Ramesh]] ji was also at home. You can check with our watchman.
[19:09] [[PERSON:Pratik]] (Agent): I am really sorry ma'am. I am raising a priority pickup and also an instant refund since this is the third failure. Refund will be to original source — UPI. Can you confirm the UPI ID?
[19:10] Customer: Same UPI as always, the one linked to my SBI account. Wait, I have two... the SBI one only.
[19:10] [[PERSON:Pratik]] (Agent): No problem ma'am, I can see the payment came from the SBI UPI handle. Refund of ₹2,499 will reflect in 24 hours.
[19:11] Customer: Theek hai. And please note my alternate number [[PHONE:+91 22 2589 4410]] for the pickup guy, landline hai.
[19:12] [[PERSON:Pratik]] (Agent): Noted ma'am. Anything else?
[19:12] Customer: Nahi bas. Thank you beta. [[PERSON:Rohan]] ko bolungi size dhang se select kare next time 😄
[19:13] [[PERSON:Pratik]] (Agent): 😊 Thank you for your patience, Mrs. [[PERSON:Agarwal]]. Have a good evening!`,

  // Nigerian English chat, airtime/bank transfer issue, some Pidgin
  `WhatsApp support export — QuickPay NG

[3/11/25, 10:41] Customer: Good morning. Please I need help urgently
[3/11/25, 10:41] QuickPay Support: Good morning! My name is [[PERSON:Ifeanyi]]. How may I help you today?
[3/11/25, 10:43] Customer: I sent 85k to my brother since yesterday evening and it has not entered. Money don comot for my account but e never reach am. His name is [[PERSON:Emeka Nwosu]], account with the bank wey dey end with 2209
[3/11/25, 10:44] QuickPay Support: I am sorry about this. Please can I have your full name and the phone number on your profile?
[3/11/25, 10:45] Customer: [[PERSON:Chiamaka Adaeze Nwosu]]. [[PHONE:08134427719]]
[3/11/25, 10:47] QuickPay Support: Thank you [[PERSON:Chiamaka]]. I can see the transfer of ₦85,000 on 10 March at 18:22. It is showing pending at the receiving bank. This sometimes happens with NIP delays.
[3/11/25, 10:48] Customer: Pending since yesterday?? Abeg o. He needs to pay hospital bill for our mama in [[LOCATION:Onitsha]] today. She was admitted since Saturday
[3/11/25, 10:49] QuickPay Support: I completely understand. I have escalated it as urgent. If the receiving bank does not credit within 2 hours, it will auto-reverse to you.
[3/11/25, 10:50] Customer: Okay. Please you can also call my brother directly, his number is [[PHONE:+234 706 118 2250]]. Tell am say na una dey delay am, no be me 😩
[3/11/25, 10:51] QuickPay Support: 😅 Noted ma. I will call Mr. [[PERSON:Emeka]] once it is resolved.
[3/11/25, 12:03] QuickPay Support: Good news [[PERSON:Chiamaka]], the receiving bank has confirmed the credit at 11:58. Your brother should see it now.
[3/11/25, 12:05] Customer: He don see am! Thank you [[PERSON:Ifeanyi]], God bless you. I go rate una 5 star
[3/11/25, 12:06] QuickPay Support: You're welcome! Wishing your mum quick recovery.`,

  // Kenyan support chat with Sheng, matatu SACCO app, M-Pesa and ID
  `Live chat — SafiriPay support — 14/03/2025

Agent [[PERSON:Wairimu]]: Sasa! Karibu SafiriPay. How can I help leo?
Client: Niaje. Nimelipa fare mara mbili kwa matatu ya [[LOCATION:Rongai]], 150 bob mara mbili. Nataka refund
Agent [[PERSON:Wairimu]]: Pole sana. Please share the M-Pesa number you used.
Client: [[PHONE:0745 228 190]]
Agent [[PERSON:Wairimu]]: Asante. And the name on the account?
Client: [[PERSON:Brian Ochieng Otieno]]. Lakini watu huniita [[PERSON:Bazu]] 😂
Agent [[PERSON:Wairimu]]: Haha sawa [[PERSON:Bazu]]. I can see two payments of KES 150 at 07:12 and 07:13 to SACCO till 884210. The conductor should have seen the duplicate.
Client: Manze the conductor alisema hajaona kitu. Alisema nipige simu ofisi. Anyway I was late for work in [[LOCATION:Upper Hill]] so sikuwa na time.
Agent [[PERSON:Wairimu]]: No problem. I've raised a reversal for the second payment. It takes up to 24 hours. Is this the same number registered with your ID number?
Client: Ndio. ID ni 31884207. Alafu, can you also update my email? The old one ni [[EMAIL:bazu.otieno@yahoo.com]], the new one ni [[EMAIL:brian.otieno@gmail.com]]
Agent [[PERSON:Wairimu]]: Done ✅. You will get a confirmation on the new email.
Client: Poa sana. Also, my mum [[PERSON:Grace Akinyi]] wants to register. Anaishi [[LOCATION:Kisumu]] na hana smartphone. Can she use USSD?
Agent [[PERSON:Wairimu]]: Yes, she can dial *483*88# from any phone. She will need her ID and a Safaricom line.
Client: Fiti. Her line ni [[PHONE:+254 722 910 446]], nitamwambia. Thanks [[PERSON:Wairimu]], uko sawa
Agent [[PERSON:Wairimu]]: Karibu tena [[PERSON:Bazu]]! 🙌`,

  // South African English support call transcript, municipal account and ID, braai small talk
  `Call transcript (auto-generated, lightly edited) — Bluecrane Insurance — 2025-02-19 14:32

AGENT ([[PERSON:Lindiwe]]): Good afternoon, you're speaking to [[PERSON:Lindiwe]] at Bluecrane, how can I help?
CALLER: Hi [[PERSON:Lindiwe]], it's [[PERSON:Johan Venter]] here. Ja, I've got a bit of a problem with my household policy, hey.
AGENT: No problem, Mr [[PERSON:Venter]]. For security, can you confirm your date of birth?
CALLER: [[DATE_OF_BIRTH:Sixth of December, seventy-eight]]. So [[DATE_OF_BIRTH:1978-12-06]].
AGENT: Thank you. And the address we have on the policy?
CALLER: [[STREET_ADDRESS:22 Protea Avenue, Durbanville, 7550]]. But that's the thing, we moved in January to [[STREET_ADDRESS:9 Wildeals Street, Langebaan, 7357]] and nobody updated it even though my wife [[PERSON:Marlize]] phoned.
AGENT: Eish, I'm sorry about that. I can see a note from the 8th of January but the change wasn't processed. I'll do it now.
CALLER: Lekker, thanks. Then the other thing, the debit order went off twice this month, R1,284 twice. I need that back now now, it's month end.
AGENT: I see it. The second debit was a retry after a failed run. I'll log a refund to your account, it'll take 3 to 5 working days.
CALLER: Ag, fine. Can you SMS me the reference? My cell is [[PHONE:083 771 4092]].
AGENT: Will do. Anything else?
CALLER: Ja, my son [[PERSON:Dewald]] is moving to [[LOCATION:Joburg]] for varsity, can he be on my policy for his laptop?
AGENT: He can be added under portable possessions if he lives with you for part of the year. Otherwise he needs his own policy. I can send him info if you give me his number.
CALLER: [[PHONE:+27 66 204 8817]]. Thanks hey, [[PERSON:Lindiwe]], you've been a star.
AGENT: Pleasure, Mr [[PERSON:Venter]]. Enjoy the braai this weekend!`,

  // Filipino Taglish chat, telco postpaid bill dispute
  `Chat with Sol (virtual agent) → [[PERSON:Mark Anthony]] (live agent)

Sol: Hi! I'm Sol, your virtual assistant. Ano pong maitutulong ko?
Customer: hi po, bakit po ang laki ng bill ko this month?? 4,900 po, usually 1,799 lang
Sol: Let me connect you to a live agent.
[[PERSON:Mark Anthony]]: Hello po! This is [[PERSON:Mark Anthony]]. May I have your account number and full name po?
Customer: 7729-1044-6618, [[PERSON:Kristine Joy Santos Mendoza]]
[[PERSON:Mark Anthony]]: Thank you Ma'am [[PERSON:Kristine]]. For verification po, ano po ang birthday ninyo?
Customer: [[DATE_OF_BIRTH:June 12, 1994]] po
[[PERSON:Mark Anthony]]: Thank you po. Nakita ko po na may roaming charges kayo from Feb 10 to Feb 16 sa [[LOCATION:Hong Kong]].
Customer: ahh opo nag-HK kami ng asawa ko, pero nag-avail po ako ng roam surf! Hindi po ba dapat covered?
[[PERSON:Mark Anthony]]: Na-activate po yung roam surf nung Feb 11 lang po, so yung Feb 10 usage (mga 2.1 GB) ay regular roaming rates.
Customer: Hay naku. Pero nung Feb 10 nag-text ako sa hotline para i-activate, may screenshot ako. Sinend ko na sa email ko kahapon, from [[EMAIL:kjsmendoza94@gmail.com]]
[[PERSON:Mark Anthony]]: Okay po, nakita ko na po. May error nga po sa activation on our side. I'll file a bill adjustment of ₱3,101 po. Reflect po ito in your next billing cycle.
Customer: Salamat po! Also pakipalitan na rin po yung billing address, lumipat na kami. [[STREET_ADDRESS:Blk 12 Lot 8 Phase 2, Camella Homes, Brgy. Molino III, Bacoor, Cavite 4102]]
[[PERSON:Mark Anthony]]: Noted po. Updated na po. Anything else, Ma'am?
Customer: Wala na po. Ay wait, yung asawa ko rin si [[PERSON:Jomar Mendoza]] may concern sa line niya [[PHONE:0998 521 7703]], pero siya na lang po tatawag.
[[PERSON:Mark Anthony]]: Sige po, Ma'am [[PERSON:Kristine]]. Thank you for choosing us! Ingat po kayo!`,

  // Singaporean English (Singlish) chat, food delivery refund with card
  `Support chat — 11 Mar 2025, 20:14 SGT

Agent [[PERSON:Nurul]]: Hi, thanks for waiting! I'm [[PERSON:Nurul]]. How can I help?
Customer: Hello. My order came super late, 1 hour 40 min, the laksa all cold already. Then the chicken rice also missing. Can refund or not?
Agent [[PERSON:Nurul]]: So sorry about that! May I have the order number and the name on the account?
Customer: Order FD-88212047. Name is [[PERSON:Chua Kah Seng]] but the account under my wife, [[PERSON:Ong Siew Ling]]
Agent [[PERSON:Nurul]]: Thank you Mr [[PERSON:Chua]]. I see the rider reported a road closure near [[LOCATION:Tiong Bahru]]. That's why late. Very sorry.
Customer: Ya but then why never inform? My wife keep calling the rider also don't pick up. Sian.
Agent [[PERSON:Nurul]]: I understand. I'll refund the chicken rice ($6.80) plus delivery fee, and give a $5 voucher for the laksa.
Customer: Ok can lah. Refund to which card ah? We changed card last week.
Agent [[PERSON:Nurul]]: The payment was made with the card ending 0288. If it's cancelled, the bank will redirect.
Customer: Aiyah, that one cancelled already. The new one is [[CREDIT_CARD:3530 3865 9807 0288]]... wait same ending meh? Ok lor, same number they reissue.
Agent [[PERSON:Nurul]]: Haha yes, sometimes the bank keeps it. Please don't send full card numbers in chat next time ya, for your safety.
Customer: Ok sorry. Also the address, please change to [[STREET_ADDRESS:Blk 55 Tiong Bahru Road, #04-28, Singapore 160055]], the old one at my mother-in-law place.
Agent [[PERSON:Nurul]]: Updated! Anything else, Mr [[PERSON:Chua]]?
Customer: No more. Thanks [[PERSON:Nurul]], steady.`,

  // Jamaican English / Patois chat, remittance pickup problem
  `Chat — CaribRemit support — 2025-03-06

[[PERSON:Shauna-Kay]] (agent): Good afternoon, thank you for contacting CaribRemit. Mi name is [[PERSON:Shauna-Kay]]. How can I help?
Customer: Afternoon. Mi sister send money from [[LOCATION:Brooklyn]] fi mi since Monday an mi cyaan collect it. Di agent in [[LOCATION:Half Way Tree]] seh di name nuh match.
[[PERSON:Shauna-Kay]] (agent): Sorry to hear that. What is the sender's name and the receiver's name exactly as on your ID?
Customer: Sender a [[PERSON:Tamara Campbell-Reid]]. Receiver a mi, [[PERSON:Kerry-Ann Campbell]]. But she put "[[PERSON:Kerryann Cambell]]" pon it, no hyphen an she spell [[PERSON:Campbell]] wrong 🙄
[[PERSON:Shauna-Kay]] (agent): Ahh, that explains it. I can correct the receiver name with her permission. Is your sister available?
Customer: Yes, call har pon [[PHONE:+1 (347) 618-2093]]. She at work till 5 but she wi pick up.
[[PERSON:Shauna-Kay]] (agent): Thank you. Can you give me your phone number and the address on your TRN registration?
Customer: [[PHONE:876-457-3318]]. Address a [[STREET_ADDRESS:Lot 47, Cumberland Meadows, Portmore, St. Catherine]]
[[PERSON:Shauna-Kay]] (agent): Got it. I've called Ms. [[PERSON:Campbell-Reid]] and she confirmed. The name is updated to [[PERSON:Kerry-Ann Campbell]]. You can collect at any agent now with your ID.
Customer: Yes! Tank yuh bad. Mi madda Miss [[PERSON:Hyacinth]] a go glad, is fi har medication.
[[PERSON:Shauna-Kay]] (agent): You're welcome, Ms. [[PERSON:Campbell]]. Blessings to your mom!`,

  // Trinidadian English chat, internet outage and technician visit
  `Live chat — IslandNet — Thu 27 Feb 2025

Agent [[PERSON:Ravi]]: Good evening, you're chatting with [[PERSON:Ravi]]. What's happening?
Customer: Evening. Internet down since Tuesday, whole street by we. Allyuh doh see it on allyuh end? Is three days now.
Agent [[PERSON:Ravi]]: Sorry about that. Can I get the account holder's name and service address?
Customer: [[PERSON:Anil Ramdass]]. [[STREET_ADDRESS:14 Mohammed Street, Chaguanas]]. Near the roti shop.
Agent [[PERSON:Ravi]]: Thanks Mr. [[PERSON:Ramdass]]. I see an outage ticket for the node serving [[LOCATION:Chaguanas]] central. A cable was cut during roadworks.
Customer: Oh gosh. My daughter [[PERSON:Priya]] doing CSEC exams and she need the internet for the research. When it go fix?
Agent [[PERSON:Ravi]]: Crew estimate is Saturday. I can add a credit for the days down. Also, if you want, I can schedule a technician to check your modem after restore.
Customer: Yes please. Call my wife, [[PERSON:Savitri]], she home in the day. [[PHONE:(868) 671-4482]]. Or me on [[PHONE:868-389-2216]].
Agent [[PERSON:Ravi]]: Done. Technician booked for Monday 3 Mar, 8 am–12 pm.
Customer: Alright. And allyuh could email the credit note to [[EMAIL:anil.ramdass@tstt.net.tt]]?
Agent [[PERSON:Ravi]]: Will do. Anything else?
Customer: Nah, that's it. Thanks boss.`,

  // Spanglish chat from a US Latino customer, phone plan and family lines
  `Chat transcript — MovilUno US — 03/02/2025

Agent [[PERSON:Daniela]]: Hi! Thanks for contacting MovilUno. My name is [[PERSON:Daniela]], ¿en qué le puedo ayudar? / how can I help?
Customer: hola [[PERSON:Daniela]], quiero agregar una línea para mi hija pero the app keeps saying error
Agent [[PERSON:Daniela]]: ¡Claro! Let me check. ¿Me puede dar el nombre del titular de la cuenta?
Customer: [[PERSON:Guadalupe Hernández Ríos]], pero todos me dicen [[PERSON:Lupita]]
Agent [[PERSON:Daniela]]: Gracias [[PERSON:Lupita]]. For verification, ¿su fecha de nacimiento?
Customer: [[DATE_OF_BIRTH:4 de noviembre de 1977]]
Agent [[PERSON:Daniela]]: Perfecto. I see the error: la cuenta tiene un balance de $42.18 from last month. Once that's paid, you can add the line.
Customer: ay no, I paid that already con la tarjeta de mi esposo. [[PERSON:Rigoberto]] pagó on the 25th.
Agent [[PERSON:Daniela]]: I see a payment attempt on 02/25 that was declined. ¿Quiere pagar ahora con otra tarjeta?
Customer: ok, use this one: [[CREDIT_CARD:6011 2682 2697 5404]] exp 09/28
Agent [[PERSON:Daniela]]: Payment successful ✅. Now, the new line — ¿para quién es?
Customer: para mi hija [[PERSON:Yesenia]], she's turning 16. Ella vive conmigo en [[STREET_ADDRESS:3518 W Pico Blvd, Los Angeles, CA 90019]]
Agent [[PERSON:Daniela]]: Great. Do you want to port her number or get a new one?
Customer: nuevo, but can it be area code 213 like mine? mine is [[PHONE:(213) 484-7710]]
Agent [[PERSON:Daniela]]: Yes! Her new number is [[PHONE:(213) 398-0461]]. The SIM ships today.
Customer: gracias mija, you're the best`,

  // Ghanaian English call notes transcribed, mobile money reversal
  `Call log transcription — MoMo Care — 2025-01-29

Agent: Good day, you are through to MoMo Care, my name is [[PERSON:Akosua]]. Who am I speaking with?
Caller: Good day madam, my name is [[PERSON:Kwabena Agyemang-Duah]]. I sent money to a wrong number yesterday.
Agent: Sorry about that, Mr. [[PERSON:Agyemang-Duah]]. Please what number did you send from?
Caller: [[PHONE:024 418 2207]].
Agent: And the wrong number you sent to?
Caller: I wanted to send to my nephew [[PERSON:Yaw]], his number is [[PHONE:024 418 2270]], but I typed [[PHONE:024 418 2207]]... no sorry, I typed [[PHONE:024 481 2270]]. Two digits swapped.
Agent: I see a transfer of GHS 1,200 to [[PHONE:024 481 2270]] registered to [[PERSON:Abena Serwaa]]. Did you know her?
Caller: No, I don't know her at all.
Agent: OK. We will contact Madam [[PERSON:Serwaa]] and request a reversal. If she agrees, the money will come back within 48 hours. If she refuses, we will need a police extract.
Caller: Please try. The money is for [[PERSON:Yaw]]'s school fees in [[LOCATION:Kumasi]]. His mother [[PERSON:Efua]] is already worried.
Agent: I understand. Can you confirm your national ID card number for the report?
Caller: GHA-721884392-7.
Agent: Thank you. Your case number is MC-2025-0129-4471. We will call you on this number.
Caller: Thank you, madam [[PERSON:Akosua]]. God bless.`,

  // Pakistani English / Urdu-mixed email to a courier, long with family and address
  `Subject: Parcel stuck in customs — AWB 7781 2290 4415 — urgent please

Assalam-o-Alaikum / Dear Team,

I hope you are well. I am writing regarding a parcel sent by my brother, [[PERSON:Usman Tariq]], from [[LOCATION:Manchester]] on 12 February. It contains my mother's medicines (insulin pens, cold-chained) and some clothes for my daughter [[PERSON:Zainab]]'s wedding. Tracking shows "held at customs — documents required" since 19 February in [[LOCATION:Karachi]].

Ammi's sugar is not under control without these medicines, so please treat this as urgent. Yesterday I visited your office and a gentleman named Mr. [[PERSON:Asif]] told me to e-mail you the CNIC and the prescription. Please find attached:
1. My CNIC copy (name: [[PERSON:Ayesha Tariq Khan]]);
2. Prescription from Dr. [[PERSON:Farhana Siddiqui]] for Mrs. [[PERSON:Nasreen Tariq]] (my mother, DOB [[DATE_OF_BIRTH:01-01-1952]] — yes, like many of her generation her documents say 1st January);
3. Invoice from the pharmacy in [[LOCATION:Manchester]].

Delivery address: [[STREET_ADDRESS:House 42, Street 7, Block 13-D, Gulshan-e-Iqbal, Karachi 75300]]
My mobile / WhatsApp: [[PHONE:+92 300 2418 773]]. My husband [[PERSON:Faisal Khan]] can also be reached on [[PHONE:0321 8840 219]] if I do not pick up.

My brother's contact in the [[LOCATION:UK]]: [[PHONE:+44 7403 882 516]], [[EMAIL:usman.tariq84@gmail.com]].

JazakAllah for your help.

Regards,
[[PERSON:Ayesha Khan]]`,

  // Colombian customer in Spanish-English chat, flight rebooking
  `Chat — AeroVista customer care — 2025-03-09

Agent [[PERSON:Camila]]: Hola, soy [[PERSON:Camila]]. Hi! How can I help you today?
Customer: hola [[PERSON:camila]], my flight to [[LOCATION:Medellín]] got cancelled y necesito reprogramar para mi y mi mamá
Agent [[PERSON:Camila]]: Lo siento mucho. ¿Me comparte el código de reserva y los nombres de los pasajeros?
Customer: reserva K7Q2XM. Pasajeros: [[PERSON:Andrés Felipe Restrepo Gómez]] y [[PERSON:Luz Marina Gómez de Restrepo]]
Agent [[PERSON:Camila]]: Gracias [[PERSON:Andrés]]. For the rebooking I need to verify the lead passenger's date of birth.
Customer: mine is [[DATE_OF_BIRTH:03/27/1989]]. mi mamá es [[DATE_OF_BIRTH:15 de agosto de 1958]]
Agent [[PERSON:Camila]]: Perfecto. I can offer tomorrow 10:40 from [[LOCATION:Miami]], arriving 13:55. ¿Le sirve?
Customer: si perfecto. mi mamá uses a wheelchair, please add assistance
Agent [[PERSON:Camila]]: Added ✅. ¿A qué correo mando la confirmación?
Customer: a [[EMAIL:andresf.restrepo@gmail.com]] y copia a mi hermana [[PERSON:Natalia]], [[EMAIL:natalia.restrepo.g@hotmail.com]]
Agent [[PERSON:Camila]]: Listo. And the hotel voucher for tonight is at the airport hotel. Shuttle picks up at door 7.
Customer: gracias [[PERSON:camila]], you saved my day
Agent [[PERSON:Camila]]: ¡Con mucho gusto, [[PERSON:Andrés]]! Buen viaje a ustedes dos.`,

  // Italian insurance claim form and narrative, with IBAN and codice fiscale withheld
  `DENUNCIA DI SINISTRO — POLIZZA CASA n. 30-2291774

Contraente: [[PERSON:Giuseppe Esposito]]
Nato a [[LOCATION:Napoli]] il [[DATE_OF_BIRTH:14/05/1969]]
Residente in [[STREET_ADDRESS:Via Toledo 256, 80134 Napoli NA]]
Cellulare: [[PHONE:+39 347 882 1940]]    Telefono fisso: [[PHONE:081 552 3307]]
E-mail: [[EMAIL:g.esposito69@libero.it]]

Data del sinistro: 22/02/2025    Tipo: danni da acqua / infiltrazioni

Descrizione dell'accaduto:
Nella notte tra il 21 e il 22 febbraio si è rotto il tubo dello scarico della lavatrice dell'appartamento al piano di sopra, di proprietà della signora [[PERSON:Carmela De Luca]]. L'acqua è filtrata nel soffitto della nostra cucina e del bagno, danneggiando il controsoffitto, l'impianto elettrico e due mobili. Mia moglie, [[PERSON:Anna Russo]], si è accorta del problema alle 6 del mattino e ha chiamato subito l'amministratore di condominio, il rag. [[PERSON:Salvatore Iovine]] ([[PHONE:338 401 7726]]).

La signora [[PERSON:De Luca]] ha 84 anni e vive sola; suo figlio [[PERSON:Vincenzo]] (che abita a [[LOCATION:Caserta]]) è venuto nel pomeriggio e ha chiuso l'acqua. Ha detto che la loro assicurazione è con un'altra compagnia e ci ha lasciato il numero della polizza.

Il tecnico, [[PERSON:Gennaro Capasso]], ha stimato i lavori in 4.850 euro (preventivo allegato).

Chiedo che l'indennizzo sia accreditato sul conto corrente intestato a me e a mia moglie: [[IBAN:IT85 X882 4624 1339 1163 1562 935]].

Per il sopralluogo del perito preferisco essere contattato il pomeriggio. Se non rispondo, potete chiamare mia figlia [[PERSON:Martina]] al [[PHONE:+39 333 790 2218]].

[[LOCATION:Napoli]], 24/02/2025
Firma: [[PERSON:Giuseppe Esposito]]`,

  // Polish e-mail chain with a courier about a damaged parcel, with IBAN and phones
  `Od: [[PERSON:Małgorzata Wiśniewska-Kaczmarek]] <[[EMAIL:m.wisniewska.kaczmarek@wp.pl]]>
Wysłano: poniedziałek, 3 marca 2025 19:22
Do: reklamacje@szybkapaczka.pl
DW: [[PERSON:Grzegorz Kaczmarek]] <[[EMAIL:grzegorz.kaczmarek@gmail.com]]>
Temat: Odp: Reklamacja przesyłki 6820 4471 9920 1183 — uszkodzony telewizor

Dzień dobry,

przesyłam ponownie całą korespondencję. Telewizor dotarł 24 lutego z pękniętą matrycą; kurier, pan [[PERSON:Krzysztof]], sporządził protokół szkody w mojej obecności i w obecności mojego męża, [[PERSON:Grzegorza]].

Proszę o zwrot kwoty 2 899 zł na rachunek: [[IBAN:PL20 4399 3420 9798 7827 7657 7038]] (właściciel: [[PERSON:Małgorzata Wiśniewska-Kaczmarek]]).

Adres do korespondencji: [[STREET_ADDRESS:ul. Długa 15 m. 4, 00-238 Warszawa]]
Telefon: [[PHONE:+48 601 884 220]]

Z poważaniem
[[PERSON:Małgorzata Wiśniewska-Kaczmarek]]

-----Wiadomość oryginalna-----
Od: [[PERSON:Paweł Zieliński]] <[[EMAIL:p.zielinski@szybkapaczka.pl]]>
Wysłano: piątek, 28 lutego 2025 11:05
Do: [[PERSON:Małgorzata Wiśniewska-Kaczmarek]]
Temat: RE: Reklamacja przesyłki 6820 4471 9920 1183

Szanowna Pani [[PERSON:Małgorzato]],

dziękujemy za zgłoszenie. Aby rozpatrzyć reklamację, potrzebujemy zdjęć opakowania oraz numeru rachunku do zwrotu. Nadawca, sklep z [[LOCATION:Poznania]], został poinformowany.

Z wyrazami szacunku
[[PERSON:Paweł Zieliński]]
Dział Reklamacji
tel. [[PHONE:22 417 30 98]]

Wiadomość ta może zawierać informacje poufne. Jeżeli nie jest Pan/Pani zamierzonym adresatem, prosimy o jej usunięcie i powiadomienie nadawcy.`,

  // Dutch meeting notes from a housing association with tenants and addresses
  `Notulen bewonersoverleg — Complex De Maashof, blok B
Datum: dinsdag 18 februari 2025, 19.30 uur

Aanwezig: [[PERSON:Ingrid van der Meer]] (voorzitter bewonerscommissie), [[PERSON:Pieter de Vries]] (woonconsulent), [[PERSON:Fatima El Amrani]], [[PERSON:Henk Jansen]], mevrouw [[PERSON:Wilhelmina "Mien" Bakker]], [[PERSON:Sanne Visser]] (notulen)
Afwezig met bericht: [[PERSON:Joost van den Broek]]

1. Opening
[[PERSON:Ingrid]] opent de vergadering en heet [[PERSON:Pieter]] welkom, die sinds januari de nieuwe woonconsulent is.

2. Schimmel in de badkamers
[[PERSON:Fatima]] ([[STREET_ADDRESS:Maasstraat 41-2, 1078 HK Amsterdam]]) meldt dat de schimmel na de reparatie in december is teruggekomen. Haar zoontje [[PERSON:Youssef]] heeft astma. [[PERSON:Pieter]] belooft dat de aannemer binnen twee weken langskomt en noteert haar telefoonnummer: [[PHONE:06 41 88 20 37]].

3. Lift
De lift staat al drie weken regelmatig stil. [[PERSON:Mien Bakker]] (87) woont op de vierde verdieping en komt daardoor haar huis niet uit. Haar dochter [[PERSON:Marja]] belt elke dag. Afgesproken: [[PERSON:Pieter]] escaleert naar de liftonderhoudsfirma; [[PERSON:Henk]] kijkt of buren boodschappen kunnen doen.

4. Huurverhoging
[[PERSON:Henk]] vraagt of bezwaar mogelijk is. [[PERSON:Pieter]] legt de procedure uit. Bezwaren kunnen per e-mail naar [[EMAIL:p.devries@woonstichting-amstel.nl]].

5. Rondvraag
[[PERSON:Sanne]] meldt dat [[PERSON:Joost]] verhuist naar [[LOCATION:Utrecht]]; er is een nieuwe penningmeester nodig.

Actiepunten:
- [[PERSON:Pieter]]: aannemer schimmel bij [[PERSON:Fatima]] — vóór 4 maart
- [[PERSON:Pieter]]: lift escaleren — direct
- [[PERSON:Henk]]: boodschappenrooster voor mevrouw [[PERSON:Bakker]]`,

  // Turkish support chat transcript about an e-commerce return, IBAN and address
  `Canlı destek kaydı — 05.03.2025

Temsilci [[PERSON:Elif]]: Merhaba, ben [[PERSON:Elif]]. Size nasıl yardımcı olabilirim?
Müşteri: Merhaba, iade ettiğim ayakkabının parası hâlâ yatmadı. Sipariş no: TY-88213047.
Temsilci [[PERSON:Elif]]: Kontrol ediyorum. Ad soyadınızı alabilir miyim?
Müşteri: [[PERSON:Ayşe Nur Yılmaz]]
Temsilci [[PERSON:Elif]]: Teşekkürler [[PERSON:Ayşe]] Hanım. İade ürün depoya 26 Şubat'ta ulaşmış ama kartınız kapatıldığı için ödeme iade edilememiş.
Müşteri: Evet, kartım çalındı, iptal ettirdim. Parayı hesabıma yatırabilir misiniz? IBAN: [[IBAN:TR90 2582 2075 9847 0877 6503 69]]
Temsilci [[PERSON:Elif]]: Hesap sahibi siz misiniz?
Müşteri: Hayır, eşimin hesabı, [[PERSON:Mehmet Yılmaz]]. Olur mu?
Temsilci [[PERSON:Elif]]: Maalesef iade yalnızca sipariş sahibinin adına olan hesaba yapılabilir.
Müşteri: Tamam, o zaman benim hesabım: [[IBAN:TR75 2050 4025 7462 0014 2497 06]]
Temsilci [[PERSON:Elif]]: Teşekkürler. İade 3 iş günü içinde hesabınıza geçecek. Başka bir konu var mı?
Müşteri: Adresimi de güncelleyebilir misiniz? Yeni adres: [[STREET_ADDRESS:Caferağa Mah. Moda Cad. No: 84 D: 5, 34710 Kadıköy/İstanbul]]. Telefon: [[PHONE:0532 418 77 09]]
Temsilci [[PERSON:Elif]]: Güncellendi. Doğum tarihinizi de doğrulamam gerekiyor.
Müşteri: [[DATE_OF_BIRTH:15.08.1991]]
Temsilci [[PERSON:Elif]]: Teşekkür ederim, [[PERSON:Ayşe]] Hanım. İyi günler dilerim!`,

  // Indonesian CRM notes for a catering business, several contacts
  `Catatan akun — Dapur Bu Ratna Catering — PIC: [[PERSON:Dimas Prasetyo]]

Kontak:
- Ibu [[PERSON:Ratna Sari Dewi]] — pemilik — [[PHONE:0812-8841-3390]] — [[EMAIL:ratnasari.catering@gmail.com]]
- [[PERSON:Bagus Hermawan]] — anak Ibu [[PERSON:Ratna]], urusan keuangan — [[PHONE:+62 857 2290 4418]]
- [[PERSON:Sutrisno]] — kepala dapur

Riwayat:
06/01/2025 — [[PERSON:Dimas]]: Kunjungan ke dapur di [[STREET_ADDRESS:Jl. Kemang Raya No. 18, RT 004/RW 002, Bangka, Mampang Prapatan, Jakarta Selatan 12730]]. Ibu [[PERSON:Ratna]] ingin sistem pemesanan online untuk katering kantor.
20/01/2025 — [[PERSON:Dimas]]: Demo ke [[PERSON:Bagus]]. Dia minta integrasi QRIS dan laporan harian. Pak [[PERSON:Sutrisno]] ikut sebentar, khawatir soal cetak pesanan di dapur.
03/02/2025 — Support ([[PERSON:Nadia Putri]]): [[PERSON:Bagus]] kirim password admin lewat WhatsApp ke support: "password: [[SECRET:dapurratna2025]]". Sudah diminta ganti.
17/02/2025 — [[PERSON:Dimas]]: Ekspansi ke cabang [[LOCATION:Bekasi]] dibahas. Ibu [[PERSON:Ratna]] akan ke [[LOCATION:Surabaya]] bulan depan untuk pernikahan keponakannya, jadi keputusan menunggu [[PERSON:Bagus]].
04/03/2025 — [[PERSON:Dimas]]: Tagihan bulan Maret dibayar dengan kartu [[CREDIT_CARD:5244 9310 4262 0592]] atas nama [[PERSON:Bagus Hermawan]]. Tanggal lahir [[PERSON:Bagus]] (untuk verifikasi kartu): [[DATE_OF_BIRTH:17 Agustus 1994]].`,

  // Vietnamese complaint letter to an electricity company, with address and ID
  `[[LOCATION:Hà Nội]], ngày 10 tháng 3 năm 2025

ĐƠN KHIẾU NẠI
(V/v: hóa đơn tiền điện tháng 2/2025 tăng bất thường)

Kính gửi: Công ty Điện lực

Tôi tên là: [[PERSON:Nguyễn Thị Thu Hà]]
Ngày sinh: [[DATE_OF_BIRTH:12/09/1985]]
Địa chỉ: [[STREET_ADDRESS:Số 25, ngõ 40 phố Tạ Quang Bửu, phường Bách Khoa, quận Hai Bà Trưng, Hà Nội]]
Số điện thoại: [[PHONE:0912 487 336]]
Email: [[EMAIL:thuha.nguyen85@gmail.com]]
Mã khách hàng: PD0200118824

Tôi xin trình bày sự việc như sau:
Hóa đơn tiền điện tháng 2/2025 của gia đình tôi là 2.846.000 đồng, cao gấp ba lần so với các tháng trước (trung bình khoảng 900.000 đồng), trong khi gia đình tôi đi vắng về quê ở [[LOCATION:Nam Định]] gần hết tháng Tết. Chồng tôi, anh [[PERSON:Trần Văn Hùng]], đã kiểm tra công tơ và thấy chỉ số không khớp với hóa đơn.

Ngày 3/3/2025, nhân viên ghi chỉ số là anh [[PERSON:Lê Minh Tuấn]] có đến kiểm tra nhưng chưa có kết luận.

Tôi đề nghị Công ty:
1. Kiểm tra lại công tơ và chỉ số tháng 2/2025;
2. Điều chỉnh hóa đơn và hoàn lại số tiền thu thừa.

Nếu cần liên hệ, xin gọi cho tôi hoặc chồng tôi theo số [[PHONE:+84 98 331 2047]].

Xin trân trọng cảm ơn.

Người làm đơn
[[PERSON:Nguyễn Thị Thu Hà]]`,

  // Mexican Spanish legal intake notes, family law, with CURP withheld
  `Despacho — Hoja de primera consulta
Fecha: 27 de febrero de 2025    Abogada: Lic. [[PERSON:Verónica Saldaña Ibarra]]

Cliente: [[PERSON:María Guadalupe Ortiz Medina]]
Fecha de nacimiento: [[DATE_OF_BIRTH:9 de diciembre de 1988]]
Domicilio: [[STREET_ADDRESS:Calle Hidalgo 214, Col. Centro, C.P. 76000, Santiago de Querétaro, Qro.]]
Teléfono: [[PHONE:442 218 3390]]    Correo: [[EMAIL:lupita.ortiz88@hotmail.com]]

Asunto: pensión alimenticia y guarda y custodia

Relato de la clienta:
Estuvo casada con el Sr. [[PERSON:Jorge Luis Navarrete Solís]] de 2012 a 2023. Tienen dos hijos: [[PERSON:Emiliano]] (nacido el [[DATE_OF_BIRTH:3 de mayo de 2014]]) y [[PERSON:Renata]] (nacida el [[DATE_OF_BIRTH:21 de octubre de 2017]]). Desde septiembre de 2024, el Sr. [[PERSON:Navarrete]] dejó de depositar la pensión de 8,000 pesos mensuales acordada ante el juzgado. Él vive ahora en [[LOCATION:Monterrey]] con su nueva pareja y, según la clienta, gana más que antes. Su teléfono es [[PHONE:+52 81 2204 7719]].

La mamá de la clienta, Doña [[PERSON:Refugio Medina]], cuida a los niños por las tardes. [[PERSON:Lupita]] trabaja como enfermera en un hospital privado con turnos rotativos.

Documentos que debe traer: acta de matrimonio, actas de nacimiento de [[PERSON:Emiliano]] y [[PERSON:Renata]], sentencia de divorcio, estados de cuenta.

Siguiente cita: 13 de marzo de 2025, 17:00 h.`,

  // Portuguese (Portugal) rental application e-mail with NIF withheld and IBAN
  `Assunto: Candidatura ao arrendamento — apartamento T2

Exma. Senhora D. [[PERSON:Isabel Carvalho]],

Venho por este meio manifestar o meu interesse no apartamento T2 anunciado na [[STREET_ADDRESS:Rua de Cedofeita 412, 3.º Esq., 4050-174 Porto]].

Chamo-me [[PERSON:Rui Miguel Ferreira da Costa]], tenho 34 anos (nasci a [[DATE_OF_BIRTH:2 de julho de 1990]]) e sou engenheiro informático numa empresa de software no [[LOCATION:Porto]] desde 2019, com contrato sem termo. A minha companheira, [[PERSON:Inês Sampaio]], é enfermeira no Hospital de São João. Não temos animais e não fumamos.

Atualmente residimos na [[STREET_ADDRESS:Avenida da Boavista 1820, 5.º Dto., 4100-119 Porto]], mas o senhorio, o Sr. [[PERSON:Manuel Pinto]], vai vender o imóvel. Ele pode dar referências: [[PHONE:+351 912 447 308]].

Posso enviar os três últimos recibos de vencimento e a declaração de IRS. Para a caução, o pagamento seria feito a partir da conta [[IBAN:PT50 9375 4188 2002 0872 3355 2]]... peço desculpa, o IBAN correto é [[IBAN:PT97 6135 9197 1158 0697 4239 6]].

Fico a aguardar o seu contacto. O meu telemóvel é [[PHONE:936 118 402]] e o e-mail [[EMAIL:ruimfcosta@sapo.pt]].

Com os melhores cumprimentos,
[[PERSON:Rui Costa]]`,

  // French (Québec) call notes, hydro billing, with family and address
  `Notes d'appel — Service à la clientèle — 2025-03-04 10 h 12
Conseillère : [[PERSON:Geneviève Tremblay]]

Appelant : M. [[PERSON:Jean-François Gagnon]] (titulaire du compte 2990 4417 8821)
Téléphone : [[PHONE:514 382-9047]]
Adresse de service : [[STREET_ADDRESS:4520, rue Saint-Denis, app. 3, Montréal (Québec) H2J 2L3]]

Résumé :
Le client appelle au sujet d'une facture de 612,44 $ pour la période du 5 décembre au 4 février, soit le double de l'an passé. Il explique que sa conjointe, [[PERSON:Marie-Ève Bouchard]], a accouché en janvier et qu'ils ont utilisé des radiateurs d'appoint dans la chambre du bébé, [[PERSON:Léa]]. Je lui ai expliqué le mode de versements égaux.

Il demande aussi de mettre sa mère, Mme [[PERSON:Louise Gagnon]], comme personne-ressource en cas de panne, car elle habite à [[LOCATION:Laval]] et a une clé. Numéro de Mme [[PERSON:Gagnon]] : [[PHONE:450 688-2174]].

Vérification d'identité faite : date de naissance [[DATE_OF_BIRTH:1987-04-23]], trois derniers chiffres du NAS (non notés).

Actions :
- Entente de paiement en 3 versements (204,15 $) — acceptée.
- Adhésion au mode de versements égaux à partir d'avril.
- Courriel de confirmation envoyé à [[EMAIL:jf.gagnon87@videotron.ca]].`,

  // Swiss German HR letter (Arbeitszeugnis excerpt) with employee details
  `Herrn
[[PERSON:Lukas Meier-Schönenberger]]
[[STREET_ADDRESS:Seestrasse 118, 8703 Erlenbach ZH]]

[[LOCATION:Zürich]], 28. Februar 2025

Zwischenzeugnis

Herr [[PERSON:Lukas Meier-Schönenberger]], geboren am [[DATE_OF_BIRTH:7. November 1985]], von [[LOCATION:Winterthur]], ist seit dem 1. April 2018 in unserem Unternehmen als Leiter Kundendienst tätig.

Herr [[PERSON:Meier]] führt ein Team von zwölf Mitarbeitenden an den Standorten [[LOCATION:Zürich]] und [[LOCATION:Basel]]. Zu seinen Hauptaufgaben gehören die Weiterentwicklung der Serviceprozesse, die Betreuung von Schlüsselkunden sowie die Budgetverantwortung für den Kundendienst.

Er hat die Einführung unseres neuen Ticketsystems im Jahr 2022 massgeblich geprägt und die Erstlösungsquote um 18 Prozentpunkte gesteigert. Von Vorgesetzten, Kolleginnen und Kollegen sowie Kunden wird er gleichermassen geschätzt.

Dieses Zwischenzeugnis wird auf Wunsch von Herrn [[PERSON:Meier-Schönenberger]] ausgestellt, da sein Vorgesetzter, Herr Dr. [[PERSON:Andreas Keller]], per Ende März 2025 das Unternehmen verlässt.

Für Rückfragen steht Ihnen unsere HR-Leiterin, Frau [[PERSON:Claudia Brunner]], unter [[PHONE:+41 44 218 30 55]] zur Verfügung.

Freundliche Grüsse

[[PERSON:Claudia Brunner]]
Leiterin Human Resources`,

  // UAE/Saudi wire-transfer chain, Arabic names, IBANs, Outlook style
  `From: [[PERSON:Khalid Saeed Al Mazrouei]] <[[EMAIL:k.almazrouei@gmail.com]]>
Sent: Sunday, 2 March 2025 10:14
To: treasury-ops@gulfbridgepay.ae
Cc: [[PERSON:Fatima Al-Zahra Haddad]] <[[EMAIL:fatima.haddad@almazrouei-family.ae]]>
Subject: FW: Transfer AED 185,000 not received - ref GBP-TT-0094471

Dear Team,

Forwarding the whole chain. The transfer to my brother-in-law in [[LOCATION:Riyadh]] has been "in process" for 9 days. Please escalate.

Beneficiary: [[PERSON:Abdulrahman bin Faisal Al-Qahtani]]
Beneficiary IBAN: [[IBAN:SA50 5897 0366 1992 1337 2253]]
Debit account IBAN: [[IBAN:AE14 4563 2984 5688 9478 825]]

My residence for your records: [[STREET_ADDRESS:Villa 14, Street 22B, Al Barsha 2, Dubai]]
Mobile: [[PHONE:+971 50 418 2276]]

Regards,
[[PERSON:Khalid]]

Sent from my iPhone

From: [[PERSON:Rizwan Ahmed]] <[[EMAIL:rizwan.ahmed@gulfbridgepay.ae]]>
Sent: Thursday, 27 February 2025 15:40
To: [[PERSON:Khalid Saeed Al Mazrouei]]
Subject: RE: Transfer AED 185,000 not received

Dear Mr. [[PERSON:Al Mazrouei]],

Our correspondent bank has raised a compliance query on the purpose of payment. Could you please confirm the relationship to the beneficiary and provide a copy of the beneficiary's national ID? Alternatively, Mr. [[PERSON:Al-Qahtani]] may contact the receiving bank directly.

Best regards,
[[PERSON:Rizwan Ahmed]]
Senior Officer, Treasury Operations
T: [[PHONE:+971 4 388 2104]]
DISCLAIMER: The information in this e-mail is confidential and intended solely for the addressee. Gulf Bridge Pay LLC is regulated by the Central Bank.

From: [[PERSON:Fatima Al-Zahra Haddad]] <[[EMAIL:fatima.haddad@almazrouei-family.ae]]>
Sent: Tuesday, 25 February 2025 09:02
Subject: Transfer AED 185,000 not received

Good morning, I am the family office assistant to Mr. [[PERSON:Khalid Al Mazrouei]]. The funds are for the wedding of his sister, [[PERSON:Noura]], to [[PERSON:Abdulrahman]]. Please call me on [[PHONE:+971 56 902 3318]] for any documents. — [[PERSON:Fatima]]`,

  // Japanese and Korean names in an English hotel-complaint chain, family-first forms
  `From: [[PERSON:TANAKA Haruki]] <[[EMAIL:haruki.tanaka@docomo.ne.jp]]>
Sent: Monday, January 13, 2025 9:02 PM
To: guestrelations@harborviewhotel.com
Cc: [[PERSON:Kim Min-seo]] <[[EMAIL:minseo.kim@naver.com]]>
Subject: Complaint: overcharge and lost item, stay Dec 28 - Jan 2

Dear Guest Relations,

My name is [[PERSON:Haruki Tanaka]] (family name [[PERSON:Tanaka]]). I stayed at your hotel in [[LOCATION:Vancouver]] with my fiancée, Ms. [[PERSON:Kim Min-seo]], from December 28 to January 2 (reservation HV-77120).

1. We were charged twice for the New Year's Eve dinner (CAD 412.00 each). Please refund one charge to my card [[CREDIT_CARD:3787 571349 01965]].
2. [[PERSON:Min-seo]] left a grey cashmere scarf in room 1812. Housekeeping (Ms. [[PERSON:Delgado]], I believe) told us it would be kept at the front desk, but when her friend [[PERSON:Park Soo-jin]] went to pick it up on January 5 nobody could find it.

Please reply in English. If it is easier, you can call me on [[PHONE:+81 90-4418-2071]] ([[LOCATION:Japan]] time) or [[PERSON:Min-seo]] on [[PHONE:+82 10-2290-4471]].

Our home address for a refund cheque, if necessary: [[STREET_ADDRESS:3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001]]

Sincerely,
[[PERSON:田中 春樹]] ([[PERSON:Haruki Tanaka]])

On Wed, Jan 8, 2025 at 10:20 AM [[PERSON:Kim Min-seo]] <[[EMAIL:minseo.kim@naver.com]]> wrote:
> Hi, I'm writing about a scarf I left in room 1812. My friend [[PERSON:Soo-jin]] tried to pick it up. Her number is [[PHONE:+1 604-771-2039]] if you find it. Thank you! — [[PERSON:Minseo]]`,

  // Developer support ticket with a pasted .env containing many secrets and a webhook URL
  `Ticket #DEV-22914 — "Deploy fails after upgrading SDK to 5.2" — Priority: High
Requester: [[PERSON:Yekaterina Sergeyevna Volkova]] <[[EMAIL:e.volkova@northlight.dev]]>

Hi, after upgrading your SDK the deploy step fails with "invalid credentials" even though nothing changed. I'm pasting our staging .env (I know, I know — we'll rotate after):

\`\`\`
APP_ENV=staging
DATABASE_URL=[[URL:postgresql://northlight:Kx9!vQ2@pg-staging.northlight.dev:5432/app]]
REDIS_URL=redis://10.4.2.19:6379/0
OPENAI_API_KEY=[[SECRET: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]]
GITHUB_TOKEN=[[SECRET:ghp_dcfxE0ZY2hV4XyzIud6MhLzM6WOwt802ZvyZ]]
SLACK_BOT_TOKEN=[[SECRET:xoxb-029325750381-5872863490790-P28XTP7Or0hmMrY6McfwVPpJ]]
SLACK_ALERTS_WEBHOOK=[[URL:https://hooks.slack.com/services/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]]
GOOGLE_MAPS_KEY=[[SECRET:AIza5wDqzXymvUDhIxq9vMxMqfJhr29g-CWkz_z]]
TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000
TWILIO_AUTH_TOKEN=[[SECRET:77259fed913465bdb8610bda615c2b35]]
ADMIN_EMAIL=[[EMAIL:katya.volkova@gmail.com]]
ADMIN_PASSWORD=[[SECRET:Severnoye$iyanie88]]
FEATURE_FLAGS=new_checkout,fast_export
\`\`\`

The deploy runs from our CI runner at [[IP_ADDRESS:18.156.203.44]]. My colleague [[PERSON:Guðrún Jónsdóttir]] ([[EMAIL:gudrun@northlight.dev]]) can also answer questions — she set up the pipeline. I'm on [[PHONE:+7 916 482-33-19]] (Telegram) if you need a call; I'm in [[LOCATION:Tbilisi]] this month, GMT+4.

Thanks,
[[PERSON:Katya]]

---
Agent note ([[PERSON:Owen Griffiths]]): Root cause is the SDK's new env var name (TWILIO_AUTH_TOKEN → TWILIO_API_SECRET). Replied to [[PERSON:Yekaterina]] with the migration guide and asked her to rotate every value above. Flagged the ticket for redaction. The Twilio SID above is the all-zero placeholder from our docs, not hers.`,

  // Ethiopian patient portal message thread with clinic, Amharic names, long
  `Patient portal — message thread — [[PERSON:Tigist Haile Gebremariam]] (MRN 7720418)

Message 1 — 02/10/2025 8:14 PM — from patient
Hello, I am writing for my father, [[PERSON:Haile Gebremariam Woldemichael]] (DOB [[DATE_OF_BIRTH:1949-03-15]]), who is also your patient. He visited Dr. [[PERSON:Okafor]] last week and they changed his blood pressure medicine. Since then he is very dizzy in the mornings. He does not speak English well, so I handle his appointments. Can someone call me? My number is [[PHONE:(301) 587-4410]]. Thank you, [[PERSON:Tigist]].

Message 2 — 02/11/2025 9:02 AM — from [[PERSON:Rebecca Ansah]], RN
Hi [[PERSON:Tigist]], thank you for letting us know. We do have a signed release allowing us to discuss your father's care with you. I spoke with Dr. [[PERSON:Chidi Okafor]]; he recommends holding the amlodipine until we see Mr. [[PERSON:Gebremariam]] again. Can you bring him in Thursday 2/13 at 10:30? Please also bring his home BP readings.

Message 3 — 02/11/2025 12:40 PM — from patient
Yes, Thursday is fine. My brother [[PERSON:Dawit]] will bring him because I work. [[PERSON:Dawit]]'s number is [[PHONE:(240) 318-2207]]. Also, Dad moved in with me, so please update the address to [[STREET_ADDRESS:8810 Flower Ave, Apt 204, Silver Spring, MD 20901]]. His old address was in [[LOCATION:Takoma Park]].

Message 4 — 02/13/2025 4:15 PM — from Dr. [[PERSON:Chidi Okafor]]
Hi [[PERSON:Tigist]], I saw your father today with [[PERSON:Dawit]]. BP was 118/70 sitting and 96/60 standing, which explains the dizziness. We will stop amlodipine and recheck in two weeks. Your father mentioned that your mother, [[PERSON:Almaz]], checks his readings every morning — please ask her to write them down. Address updated.

Message 5 — 02/13/2025 6:02 PM — from patient
Thank you Doctor. Mom says thank you too. — [[PERSON:T. Haile]]`,

  // Belgian French/Dutch letter to an energy supplier, with BE IBAN and national formats
  `[[PERSON:Sophie Vandenberghe]]
[[STREET_ADDRESS:Rue des Carmélites 47, bte 3
1180 Uccle]]
GSM : [[PHONE:+32 475 61 28 90]]
[[EMAIL:sophie.vandenberghe@skynet.be]]

À l'attention du service clientèle
Concerne : contrat n° 5200-8812-44 — décompte annuel et remboursement

[[LOCATION:Uccle]], le 6 mars 2025

Madame, Monsieur,

Suite à mon déménagement le 31 janvier 2025, j'ai reçu le décompte final de mon ancien logement, [[STREET_ADDRESS:Kerkstraat 112, 9000 Gent]], qui fait apparaître un solde en ma faveur de 486,20 €. Votre collaborateur, M. [[PERSON:Wouter Claes]], m'avait confirmé par téléphone que le remboursement serait effectué sous quinze jours. Ce n'est toujours pas le cas.

Je vous prie de verser ce montant sur mon compte [[IBAN:BE09 1079 7772 8557]].

Par ailleurs, le nouveau locataire de [[LOCATION:Gent]], M. [[PERSON:Jeroen Van Damme]], m'a signalé recevoir encore des courriers à mon nom. Merci de mettre à jour vos fichiers.

Pour info, mijn partner [[PERSON:Bart Peeters]] kan ook gebeld worden op [[PHONE:0498 12 77 31]] als ik niet bereikbaar ben.

Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.

[[PERSON:Sophie Vandenberghe]]`,

  // Jupyter traceback pasted into a support chat with HF and Anthropic keys, researcher names
  `Chat — ML platform support — 2025-02-21

Dr. [[PERSON:Priya Venkatesh]]: hi, my fine-tuning notebook crashes when pushing to the hub. full output below
\`\`\`
---------------------------------------------------------------------------
HTTPError                                 Traceback (most recent call last)
Cell In[14], line 7
      5 os.environ["HF_TOKEN"] = "[[SECRET:hf_OnEVjo0xNL2bWqfcVm8SdUjfT0Ri8FtKHf]]"
      6 os.environ["ANTHROPIC_API_KEY"] = "[[SECRET:sk-ant-api03-MHw_o1pLi_XHqdljZF8GlHICLTsqDfv9T8yn7cUxO_hcYNk4aZB5lwKKlWy-Mm1_UsmRWXlJS7jEHlOaxmlKK-RfYliHiAA]]"
----> 7 trainer.push_to_hub("pvenkatesh/clinical-notes-ner")
File /home/pvenkatesh/.venv/lib/python3.11/site-packages/huggingface_hub/utils/_http.py:409, in hf_raise_for_status(response)
HTTPError: 403 Client Error: Forbidden for url: https://huggingface.co/api/repos/create
\`\`\`
Agent [[PERSON:Tomás]]: Hi [[PERSON:Priya]]! First, please revoke both keys you pasted — they're visible to our support staff now. The 403 means your token is read-only; you need a write token.
Dr. [[PERSON:Priya Venkatesh]]: ugh, ok revoking. my student [[PERSON:Aditya Rao]] generated that token for me. can you add him to our org? [[EMAIL:aditya.rao@iisc-example.ac.in]]
Agent [[PERSON:Tomás]]: Sure, invite sent. Also, the dataset name suggests clinical notes — please make sure it contains no patient identifiers before pushing, even to a private repo.
Dr. [[PERSON:Priya Venkatesh]]: yes, de-identified by [[PERSON:Meera]] last month. we're at [[LOCATION:Bengaluru]] so our IRB approved it under the local rules
Agent [[PERSON:Tomás]]: 👍 Try again with a write token and let me know.`,

  // Caribbean (Barbados/Guyana) Gmail chain about a shipping barrel, customs and family
  `---------- Forwarded message ---------
From: [[PERSON:Cheryl-Ann Persaud]] <[[EMAIL:cherylann.persaud@gmail.com]]>
Date: Mon, Mar 3, 2025 at 6:47 PM
Subject: Re: Barrel #BR-44710 held at wharf
To: <bookings@islandbarrelfreight.com>
Cc: [[PERSON:Devon Persaud]] <[[EMAIL:devonpersaud.gy@yahoo.com]]>

Good evening,

I am forwarding the thread again because nobody answered. The barrel I shipped from [[LOCATION:Queens]] on 2 February for my mother, Mrs. [[PERSON:Indira Persaud]], is still held at the wharf in [[LOCATION:Georgetown]]. Customs want an itemised list, which I sent on 20 February.

Consignee: [[PERSON:Indira Persaud]], [[STREET_ADDRESS:Lot 23 Section B, Non Pareil, East Coast Demerara]], tel [[PHONE:+592 220 4471]]
Shipper: [[PERSON:Cheryl-Ann Persaud]], [[STREET_ADDRESS:104-18 Liberty Ave, Richmond Hill, NY 11419]], cell [[PHONE:(718) 441-2093]]

My brother [[PERSON:Devon]] is cc'd, he lives in [[LOCATION:Guyana]] and can go to the wharf with Mummy.

Thanks,
[[PERSON:Cheryl]]

On Thu, Feb 20, 2025 at 11:15 AM [[PERSON:Marcia Greaves]] <[[EMAIL:marcia.greaves@islandbarrelfreight.com]]> wrote:
> Hi Ms. [[PERSON:Persaud]],
> Your barrel transited [[LOCATION:Bridgetown]] and arrived in [[LOCATION:Georgetown]] on 17 Feb. Customs has requested an itemised packing list with values. Once received, clearance takes 3-5 business days.
> Regards,
> [[PERSON:Marcia Greaves]]
> Operations Coordinator
> [[PHONE:(246) 428-3317]]`,

  // US payroll helpdesk chain: direct-deposit fraud attempt, benefits enrollment with SSNs, portal URL
  `From: Payroll Helpdesk <payroll@cascadiahealth.org>
Sent: Wednesday, March 12, 2025 3:41 PM
To: [[PERSON:Renee Holloway]] <[[EMAIL:renee.holloway@cascadiahealth.org]]>
Cc: [[PERSON:Marcus Albright]] <[[EMAIL:marcus.albright@cascadiahealth.org]]>; Information Security <security@cascadiahealth.org>
Subject: RE: RE: Direct deposit change + open enrollment question [Case PAY-118204]

Hi [[PERSON:Renee]],

Thanks for calling us back so quickly. To summarize for the record and for [[PERSON:Marcus]] in InfoSec:

1. The request we received on Monday to change your direct deposit to a new bank did NOT come from you. It was sent from [[EMAIL:renee.holloway.rn@gmail.com]], which you confirmed is not your address, and it was submitted from [[IP_ADDRESS:146.70.117.82]], a VPN exit node. We have blocked the change, and your March 14 paycheck will go to your usual account.

2. Because the sender knew your employee ID and your date of birth ([[DATE_OF_BIRTH:04/09/1983]]), InfoSec will reset your SSO password and re-enroll your MFA device. Please do not reuse the old password. [[PERSON:Marcus]] will call you on [[PHONE:(503) 418-2290]] before 5 pm.

3. Open enrollment: to add your husband and your son to the dental plan, we need their SSNs and dates of birth. You sent them below — thank you, they're now in the enrollment record, and I've deleted the attachment from the ticket:
   - [[PERSON:Derek Holloway]] (spouse), DOB [[DATE_OF_BIRTH:11/23/1981]], SSN [[US_SSN:277-51-5511]]
   - [[PERSON:Caleb Holloway]] (son), DOB [[DATE_OF_BIRTH:06/02/2012]], SSN [[US_SSN:304-59-6465]]

4. You can confirm the elections here (the link is personal to you, please don't forward it): [[URL:https://benefits.cascadiahealth.org/enroll/confirm?emp=E048812&email=renee.holloway%40cascadiahealth.org&token=7f1c9a2e44b0]]

Best,
[[PERSON:Tamika Reyes]]
Payroll & Benefits Specialist | People Services
[[PHONE:(503) 418-7701]] | Pronouns: she/her
This message may contain confidential information, including protected health information. If you received it in error, please notify the sender and delete it. Cascadia Health complies with applicable federal civil rights laws.

From: [[PERSON:Renee Holloway]] <[[EMAIL:renee.holloway@cascadiahealth.org]]>
Sent: Wednesday, March 12, 2025 1:05 PM
To: Payroll Helpdesk <payroll@cascadiahealth.org>
Subject: RE: Direct deposit change + open enrollment question [Case PAY-118204]

Hi [[PERSON:Tamika]], I did NOT ask to change my bank!! Please stop it. I'm on shift in the ICU until 7 but you can text me. Also here are the details for [[PERSON:Derek]] and [[PERSON:Caleb]] for the dental plan:
[[PERSON:Derek Allen Holloway]] [[US_SSN:277-51-5511]] DOB [[DATE_OF_BIRTH:11/23/1981]]
[[PERSON:Caleb J Holloway]] [[US_SSN:304-59-6465]] DOB [[DATE_OF_BIRTH:06/02/2012]]
My own SSN ends in 4410 if you need to verify me.
[[PERSON:Renee]]
Sent from my iPhone

From: Payroll Helpdesk <payroll@cascadiahealth.org>
Sent: Monday, March 10, 2025 9:12 AM
To: [[PERSON:Renee Holloway]] <[[EMAIL:renee.holloway@cascadiahealth.org]]>
Subject: Direct deposit change + open enrollment question [Case PAY-118204]

Hello [[PERSON:Renee]], we received a request to change your direct deposit to a new account at an online bank. Before we process it, please confirm by replying to this e-mail or calling us. For your security we never accept banking changes by e-mail alone. — Payroll Helpdesk ([[PERSON:T. Reyes]])`,

  // US real-estate closing CRM notes, wire-fraud warning, SSN for title, personal URLs
  `Transaction file: [[STREET_ADDRESS:6127 Ravenna Ave NE, Seattle, WA 98115]] — Purchase — Escrow #ES-25-0413
Escrow officer: [[PERSON:Colleen Matsuda]] · Loan officer: [[PERSON:Brandon Nakamura-Ellis]] · Buyer's agent: [[PERSON:Jenna Whitlock]]

Parties
- Buyers: [[PERSON:Arturo Villalobos]] and [[PERSON:Hannah Villalobos]] (née [[PERSON:Lindqvist]])
- Sellers: Estate of [[PERSON:Dorothy Mae Pruitt]]; personal representative [[PERSON:Gregory Pruitt]] ([[PHONE:+1 971-330-4418]], lives in [[LOCATION:Portland]])

Notes
02/18 [[PERSON:Colleen]]: Opened escrow. Buyers' current address [[STREET_ADDRESS:2210 E Aloha St, Apt 304, Seattle, WA 98112]]. Sent wire-fraud advisory to both buyers.
02/20 [[PERSON:Colleen]]: Title needs SSNs for the statement of information. [[PERSON:Arturo]] provided his by phone ([[US_SSN:702-98-6088]]); [[PERSON:Hannah]] will upload hers through the secure portal rather than e-mail. Reminded [[PERSON:Arturo]] not to send numbers by text.
02/27 [[PERSON:Jenna]]: Inspection done. Seller to repair the furnace flue. [[PERSON:Gregory]] agreed by e-mail.
03/03 [[PERSON:Brandon]]: Loan approved. Closing disclosure sent; buyers signed via the e-sign link [[URL:https://sign.evergreenescrow.com/s/ES-25-0413?signer=hannah.villalobos%40gmail.com&role=buyer2]].
03/06 [[PERSON:Colleen]]: ALERT — [[PERSON:Hannah]] forwarded an e-mail "from [[PERSON:Colleen]]" with new wiring instructions. Sender was [[EMAIL:colleen.matsuda.escrow@outlook.com]] (not ours). Header shows origin [[IP_ADDRESS:41.190.12.77]]. Told buyers to ignore and call me on the number from our website. Reported to IC3.
03/07 [[PERSON:Colleen]]: Verified the real wire by phone with [[PERSON:Arturo]] at [[PHONE:(206) 550-7193]] (number from the file, not from the e-mail). Funds received 03/07 2:14 pm.
03/10 [[PERSON:Jenna]]: Buyers asked to add [[PERSON:Hannah]]'s father, [[PERSON:Lars Lindqvist]], as a gift-funds donor. Gift letter received. His contact: [[EMAIL:lars.lindqvist@telia.com]].
03/12 [[PERSON:Colleen]]: Closed and recorded. Keys handed over by [[PERSON:Jenna]]. Her listing page for the next buyers is [[URL:https://www.linkedin.com/in/jenna-whitlock-realtor-8b1a44]] (she asked us to share it in the thank-you note).`,

  // Gmail chain: NGO volunteer onboarding in Kenya and Uganda, several countries' phones and a WhatsApp link
  `---------- Forwarded message ---------
From: [[PERSON:Achieng Owino]] <[[EMAIL:achieng.owino@mwangaza-ngo.org]]>
Date: Fri, 14 Feb 2025 at 17:26
Subject: Fwd: Volunteer placement — [[LOCATION:Kisumu]] and [[LOCATION:Jinja]] — paperwork
To: Volunteer Desk <volunteers@mwangaza-ngo.org>

Hi team, please add these two to the March cohort. Their details are below. [[PERSON:Hamid]] still needs to send his police clearance.

1) [[PERSON:Hamid Rahimi]], DOB [[DATE_OF_BIRTH:19 March 1999]], from [[LOCATION:Kabul]], now studying in [[LOCATION:Leipzig]]. Mobile [[PHONE:+49 176 4418 2290]]. Placement: [[LOCATION:Jinja]] (water project).
2) [[PERSON:Sofía Paredes Quispe]], DOB [[DATE_OF_BIRTH:2 August 2001]], from [[LOCATION:Cusco]]. Mobile [[PHONE:+51 984 227 310]]. Placement: [[LOCATION:Kisumu]] (girls' school programme).

Host families:
- [[LOCATION:Kisumu]]: Mama [[PERSON:Rose Adhiambo]], [[STREET_ADDRESS:Plot 44, Milimani Estate, Kisumu]], [[PHONE:+254 720 338 114]]
- [[LOCATION:Jinja]]: Mr. and Mrs. [[PERSON:Waiswa]] ([[PERSON:Moses]] and [[PERSON:Harriet]]), [[STREET_ADDRESS:Plot 9, Nile Crescent, Jinja]], [[PHONE:+256 772 410 668]]

Group chat for the cohort: [[URL:https://wa.me/254720338114?text=Hello%20Mama%20Rose%2C%20this%20is%20Sofia]] (opens a chat with Mama [[PERSON:Rose]] directly — please don't post it publicly).

Asante,
[[PERSON:Achieng]]

On Thu, 13 Feb 2025 at 09:48, [[PERSON:Hamid Rahimi]] <[[EMAIL:hamid.rahimi99@web.de]]> wrote:
> Dear [[PERSON:Achieng]], thank you for accepting me! My police certificate from [[LOCATION:Germany]] should arrive next week. My emergency contact is my brother [[PERSON:Farid Rahimi]] in [[LOCATION:Hamburg]], [[PHONE:+49 40 3291 7784]].
> Best, [[PERSON:Hamid]]
>
> On Wed, 12 Feb 2025 at 20:15, [[PERSON:Sofía Paredes]] <[[EMAIL:sofi.paredes.q@gmail.com]]> wrote:
>> Hola [[PERSON:Achieng]]! Attached is my passport scan. My mum [[PERSON:Rosa Quispe]] asks if she can call the host family before I travel. Her number is [[PHONE:+51 84 231 447]]. Gracias!! [[PERSON:Sofi]]`,
];

const NEGATIVES: readonly string[] = [
  // release notes for a SaaS product with versions, dates and placeholder keys
  `Release notes — Ledgerly 4.12.0 (released 2025-03-04)

Highlights
- Bulk reconciliation: match up to 5,000 bank lines at once. Matching rules now support tolerance ranges (±0.50 in account currency) and date windows of up to 10 days.
- New export formats: CAMT.053 and MT940 exports are now generally available. The legacy CSV export remains available until 2025-09-30.
- Audit log filters: filter by actor type (user, API key, integration) and by event category.

API changes
- POST /v2/reconciliations now returns 202 Accepted with a job id (e.g. "job_01HR8Z4K2Q7") instead of blocking until completion. Poll GET /v2/jobs/{id}.
- The field \`counterparty_name\` is deprecated in favour of \`counterparty.display_name\`; both are returned until 5.0.
- API keys created after this release use the prefix \`ldg_live_\` followed by 40 characters. Keys shown in the documentation, such as \`ldg_live_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\`, are placeholders and will be rejected.

Fixes
- Fixed a rounding error in multi-currency invoices where totals could differ by 0.01 from the sum of lines (LED-8812).
- Fixed an issue where the "Last synced" timestamp showed UTC instead of the workspace time zone (LED-8790).
- Fixed slow loading of the Payments page for workspaces with more than 200,000 transactions (LED-8731).

Known issues
- Scheduled exports created before 4.10 may run twice on the day the clocks change. Workaround: recreate the schedule.

Upgrade notes
Self-hosted customers must run migration 2025_03_01_0007 before restarting the workers. Expected downtime is under five minutes for databases below 50 GB.`,

  // mobile app changelog with build numbers and device models
  `What's new in version 7.3 (build 7301)

• Dark mode now follows your system setting by default. You can still force light or dark in Settings → Appearance.
• Faster start-up: cold start time is down about 35% on older devices such as the Pixel 4a and iPhone SE (2nd generation).
• Offline drafts: messages you write without a connection are saved and sent automatically when you're back online.
• Accessibility: all buttons in the checkout flow now have labels for screen readers, and Dynamic Type is supported up to XXXL.
• Widgets: the new "Order status" widget comes in small and medium sizes.

Bug fixes
• Fixed a crash when rotating the device during video playback (affected Android 14 on some Galaxy models).
• Fixed push notifications arriving twice after reinstalling the app.
• Fixed the keyboard covering the promo-code field on small screens.
• Fixed an issue where the cart badge showed 0 after adding items from search.

Version 7.2.4 (build 7248)
• Security update for the embedded web view (CVE-2024-XXXXX placeholder; details withheld until all platforms are patched).
• Minor copy changes.

Requires iOS 16 or later, or Android 9 or later. Tablets are supported in portrait and landscape. If you run into problems, tap Profile → Help → Report a problem; your report includes the app version and device model but no message content.`,

  // internal runbook for database failover with private IPs and hostnames
  `RUNBOOK: Primary database failover (PostgreSQL, cluster pg-core)
Owner: Platform team · Last reviewed: 2025-02-11 · Severity when used: SEV-2 or higher

When to use
Use this runbook when the primary (pg-core-a) is unreachable for more than 2 minutes, or when replication lag on both replicas exceeds 30 seconds and the primary cannot be recovered.

Topology
- pg-core-a (primary): 10.40.1.11
- pg-core-b (sync replica): 10.40.2.11
- pg-core-c (async replica, other zone): 10.40.3.11
- pgbouncer VIP: 10.40.0.5:6432
- Monitoring: prometheus at 10.40.9.20:9090, alertmanager at 10.40.9.21:9093

Steps
1. Declare the incident in the incident channel and page the database on-call.
2. Confirm the primary is really down: \`pg_isready -h 10.40.1.11 -p 5432\`. Do not rely on a single failed health check.
3. Freeze deploys: set \`deploy.freeze=true\` in the feature-flag service.
4. Promote the sync replica: \`patronictl -c /etc/patroni.yml failover --candidate pg-core-b --force\`.
5. Verify the VIP now points at 10.40.2.11 and that write traffic resumes (check the \`pg_stat_activity\` count and the error rate panel).
6. Rebuild pg-core-a as a replica once it is reachable: \`patronictl reinit pg-core pg-core-a\`.
7. Unfreeze deploys only after the incident commander agrees.

Rollback
There is no automated rollback. If the promoted node misbehaves, fail over to pg-core-c and accept up to 1 second of data loss (async).

Notes
- Never run failover from a laptop on the guest Wi-Fi; use the bastion at 172.20.0.10.
- Loopback checks (127.0.0.1:8008) on the nodes expose the Patroni REST API; they are not reachable from outside the cluster.`,

  // runbook for rotating API keys, placeholder key formats only
  `How to rotate a leaked or expiring API key

Scope: production API keys for the payments, messaging and storage providers.

1. Identify the key. Keys are referenced by their vault path, never by value. Example paths: \`kv/prod/payments/secret_key\`, \`kv/prod/messaging/auth_token\`, \`kv/prod/storage/access_key\`.
2. Create the new key in the provider console. Naming convention: \`<service>-<env>-<yyyymm>\`, e.g. \`checkout-prod-202503\`.
3. Write the new value to the vault with \`vault kv put kv/prod/payments secret_key=@newkey.txt\`. Never paste the key on the command line; it ends up in shell history.
4. Trigger a rolling restart: \`kubectl -n payments rollout restart deploy/checkout-api\`.
5. Watch the error rate for 15 minutes. Authentication errors above 0.5% mean a pod is still using the old value.
6. Revoke the old key in the provider console.
7. Record the rotation in the change log with the vault version number (not the key).

Formats you will see (placeholders, not real keys):
- Payments: \`sk_live_\` followed by 24 characters, e.g. \`sk_live_XXXXXXXXXXXXXXXXXXXXXXXX\`
- Storage: 20-character access key id starting with \`AKIA\`, shown here as \`AKIA****************\`
- Messaging: 32 hexadecimal characters, shown in the console as \`••••••••••••••••••••••••••••abcd\`

If a key was exposed in a ticket, chat or repository, treat it as compromised even if the exposure lasted only minutes. Rotation is mandatory; deletion of the message is not enough.`,

  // data retention policy excerpt
  `Data Retention Policy — Version 3.2 — Effective 1 January 2025

1. Purpose
This policy sets out how long the Company keeps different categories of records and how they are disposed of at the end of their retention period. It applies to all employees, contractors and systems that store Company or customer data.

2. Principles
2.1 Records are kept only as long as necessary for the purpose for which they were collected, or as required by law.
2.2 Where a legal hold is in place, disposal is suspended for the affected records until Legal releases the hold.
2.3 Disposal must be secure: electronic records are deleted using approved tools; paper records are cross-cut shredded or placed in locked confidential-waste bins.

3. Retention schedule (summary)
| Category                             | Retention                         |
| Customer support tickets             | 3 years after closure             |
| Call recordings                      | 90 days, or 1 year if disputed    |
| Payment records                      | 7 years after the transaction     |
| Application logs                     | 30 days (hot), 1 year (archive)   |
| Security logs                        | 1 year                            |
| Job applicant files (unsuccessful)   | 6 months after the decision       |
| Employee files                       | 6 years after employment ends     |

4. Responsibilities
Data owners review their systems annually to confirm that automated deletion is working. The Privacy team reports exceptions to the Risk Committee each quarter.

5. Exceptions
Exceptions must be approved in writing by the Data Protection Officer and reviewed every 12 months.`,

  // remote work and acceptable use policy excerpt
  `Remote Work & Acceptable Use — Employee Handbook, Section 7

7.1 Eligibility. Employees whose role does not require on-site presence may work remotely up to five days a week with their manager's agreement. Roles in the warehouse, facilities and the lab are excluded.

7.2 Equipment. The Company provides a laptop, a monitor and a headset. Company devices must run the endpoint protection agent and full-disk encryption at all times. Personal devices may be used only for the approved e-mail and chat apps, and only with a screen lock.

7.3 Networks. Do not connect Company devices to public Wi-Fi without the VPN. Home routers should use WPA2 or WPA3 and a non-default administrator password.

7.4 Confidential information. Customer data must not be copied to personal storage, printed at home, or pasted into external tools (including AI assistants) unless the tool is on the approved list and the data is redacted.

7.5 Working hours. Core collaboration hours are 10:00–15:00 in the employee's contracted time zone. Employees should record leave in the HR system and set an out-of-office message.

7.6 Expenses. Internet costs are reimbursed up to a monthly cap defined in the Expenses Policy. Furniture purchases require pre-approval.

7.7 Breaches. Breaches of this section may lead to withdrawal of remote-work eligibility and, where appropriate, disciplinary action under Section 12.`,

  // furniture catalog excerpt with product names that look like first names
  `SPRING COLLECTION — LIVING ROOM

HARPER 3-Seater Sofa
SKU HRP-3S-OAT · W 214 × D 96 × H 82 cm · Seat height 45 cm
Solid beech frame, pocket-sprung seat cushions, feather-wrapped back. Removable, washable covers in Oat, Moss and Slate bouclé. 10-year frame guarantee.
Price: 1,299.00 · Delivery in 4–6 weeks

MILO Side Table
SKU MLO-ST-WAL · Ø 45 × H 52 cm
Walnut veneer top on a powder-coated steel base. Fits neatly beside the Harper or the Eliza armchair.
Price: 189.00 · In stock

ELIZA Armchair
SKU ELZ-AC-RST · W 78 × D 84 × H 90 cm
Wingback silhouette with tapered oak legs. Upholstered in rust velvet or natural linen.
Price: 649.00 · Delivery in 3–5 weeks

OSCAR Media Unit
SKU OSC-MU-180 · W 180 × D 42 × H 55 cm
Two push-to-open doors, cable management at the back, adjustable shelf. Takes screens up to 75".
Price: 549.00

MABEL Rug
SKU MBL-RG-200 · 200 × 300 cm · Hand-tufted wool blend
Available in Ivory/Charcoal and Sage/Cream.
Price: 429.00

Care: vacuum weekly without the beater bar; blot spills immediately. Fabric swatches are free — order up to six at checkout. All prices include VAT.`,

  // shipping manifest with SKUs, tracking numbers, pallet ids and weights
  `OUTBOUND MANIFEST — Load LD-2025-03-07-014
Origin: DC-04 (cross-dock) · Destination: DC-11 · Carrier service: LTL, 2-day
Trailer: TRL-53-8812 · Seal: 00447291 · Dock door: 22
Scheduled departure: 2025-03-07 18:30 · Driver check-in: 17:55

| Pallet ID      | SKU            | Description                 | Qty | Weight (kg) | Tracking              |
| PLT-0088121    | HRP-3S-OAT     | Harper sofa, boxed (2 ctn)  | 4   | 212.0       | 1Z4E897A0344172290     |
| PLT-0088122    | MLO-ST-WAL     | Milo side table             | 24  | 168.5       | 1Z4E897A0344172307     |
| PLT-0088123    | ELZ-AC-RST     | Eliza armchair              | 6   | 198.0       | 1Z4E897A0344172316     |
| PLT-0088124    | MBL-RG-200     | Mabel rug, rolled           | 18  | 243.0       | 1Z4E897A0344172325     |
| PLT-0088125    | SPR-CUSH-45    | Cushion insert 45×45 (bulk) | 400 | 96.0        | 1Z4E897A0344172334     |

Totals: 5 pallets · 452 units · 917.5 kg · 11.2 m³

Hazmat: none. Temperature control: not required.
Exceptions: PLT-0088123 short 1 unit (picked 6 of 7; backorder BO-55120 raised).
Container for onward sea leg: MSKU 884120-7 (booking 77120943), HS codes 9401.61, 9403.60, 5703.20.

Loader signature: ______  Carrier signature: ______`,

  // B2B invoice without personal data, line items and totals
  `INVOICE INV-2025-000418
Issue date: 2025-03-01 · Due date: 2025-03-31 · Terms: Net 30
Customer account: ACC-00912 · Purchase order: PO-7781-22

Description                                          Qty     Unit price     Amount
Platform subscription — Business tier (Mar 2025)     1       2,400.00       2,400.00
Additional seats (billed monthly)                    35      18.00          630.00
API overage — 1.2M requests above plan               1.2     150.00         180.00
Premium support add-on                               1       350.00         350.00
Credit note CN-2025-0031 (service credit, Feb SLA)   1       -120.00        -120.00

Subtotal                                                                    3,440.00
Tax (20%)                                                                   688.00
Total due                                                                   4,128.00

Payment methods: pay by card in the billing portal, or by bank transfer to the account shown on your portal's Billing → Remittance page. Please quote the invoice number INV-2025-000418 as the payment reference.

Questions about this invoice? Contact billing@ledgerly-example.com. Late payments may incur interest at the statutory rate. Thank you for your business.`,

  // application log excerpt with private IPs, request ids and UUIDs
  `2025-03-06T09:12:44.118Z INFO  api-gateway  request_id=req_7Hq2LmX9 method=GET path=/v1/orders?limit=50 status=200 latency_ms=41 upstream=10.12.3.44:8080 client=10.12.0.7
2025-03-06T09:12:44.203Z INFO  orders-svc   request_id=req_7Hq2LmX9 tenant=t_00418 db_time_ms=12 rows=50
2025-03-06T09:12:45.771Z WARN  api-gateway  request_id=req_7Hq2Ln02 method=POST path=/v1/payments status=429 latency_ms=3 client=10.12.0.9 reason=rate_limited
2025-03-06T09:12:46.009Z ERROR payments-svc request_id=req_7Hq2Ln1K error="upstream timeout" upstream=172.18.4.21:9443 retry=1/3 trace_id=4bf92f3577b34da6a3ce929d0e0e4736
2025-03-06T09:12:46.512Z INFO  payments-svc request_id=req_7Hq2Ln1K retry=2/3 status=201 payment_id=pay_3f9c1a77-2b8e-4c51-9d02-6a1e44b7c0de
2025-03-06T09:12:47.020Z DEBUG health       probe=readiness target=127.0.0.1:8081 ok=true
2025-03-06T09:12:47.021Z DEBUG health       probe=liveness target=[::1]:8081 ok=true
2025-03-06T09:12:48.330Z INFO  worker       job=invoice-render id=5f0e2d1c-8a44-4b7b-9f1e-0c2a6d3b9e11 duration_ms=812 pages=3
2025-03-06T09:12:49.901Z WARN  cache        node=192.168.50.12:6379 evictions=1024 memory_used=96%
2025-03-06T09:12:50.114Z INFO  api-gateway  request_id=req_7Hq2LnR8 method=GET path=/v1/health status=200 latency_ms=1 client=10.12.0.2`,

  // Kubernetes config and events with private CIDRs and redacted secrets
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: checkout-config
  namespace: payments
data:
  LOG_LEVEL: "info"
  UPSTREAM_ORDERS: "http://orders.payments.svc.cluster.local:8080"
  ALLOWED_CIDRS: "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"
  FEATURE_NEW_CHECKOUT: "true"
---
apiVersion: v1
kind: Secret
metadata:
  name: checkout-secrets
  namespace: payments
type: Opaque
stringData:
  PAYMENTS_SECRET_KEY: "<redacted — managed by external-secrets>"
  DB_PASSWORD: "<redacted>"
---
Events:
  Type     Reason     Age   From               Message
  ----     ------     ----  ----               -------
  Normal   Scheduled  3m    default-scheduler  Successfully assigned payments/checkout-api-7d9f8b6c4-x2kqp to node-pool-b-41
  Normal   Pulled     3m    kubelet            Container image "registry.internal/checkout-api:4.12.0" already present on machine
  Warning  Unhealthy  2m    kubelet            Readiness probe failed: Get "http://10.244.3.17:8081/ready": dial tcp 10.244.3.17:8081: connect: connection refused
  Normal   Started    2m    kubelet            Started container checkout-api
  Normal   Killing    40s   kubelet            Stopping container checkout-api-old (rollout)`,

  // terms of service limitation of liability boilerplate
  `12. LIMITATION OF LIABILITY

12.1 TO THE MAXIMUM EXTENT PERMITTED BY APPLICABLE LAW, IN NO EVENT SHALL THE COMPANY, ITS AFFILIATES, OR THEIR RESPECTIVE OFFICERS, DIRECTORS, EMPLOYEES, AGENTS, SUPPLIERS OR LICENSORS BE LIABLE FOR ANY INDIRECT, INCIDENTAL, SPECIAL, CONSEQUENTIAL, EXEMPLARY OR PUNITIVE DAMAGES, INCLUDING WITHOUT LIMITATION LOSS OF PROFITS, DATA, USE, GOODWILL, OR OTHER INTANGIBLE LOSSES, ARISING OUT OF OR RELATING TO YOUR USE OF, OR INABILITY TO USE, THE SERVICE.

12.2 THE COMPANY'S AGGREGATE LIABILITY FOR ALL CLAIMS RELATING TO THE SERVICE SHALL NOT EXCEED THE GREATER OF (A) THE AMOUNTS PAID BY YOU TO THE COMPANY FOR THE SERVICE IN THE TWELVE (12) MONTHS PRECEDING THE EVENT GIVING RISE TO THE CLAIM, OR (B) ONE HUNDRED DOLLARS (US$100).

12.3 The limitations in this Section apply to any theory of liability, whether based on warranty, contract, statute, tort (including negligence) or otherwise, and whether or not the Company has been informed of the possibility of such damage, and even if a remedy set forth herein is found to have failed of its essential purpose.

12.4 Some jurisdictions do not allow the exclusion or limitation of certain damages, so some of the above limitations may not apply to you. In such cases, the Company's liability will be limited to the fullest extent permitted by applicable law.

13. GOVERNING LAW AND DISPUTES
These Terms are governed by the laws of the jurisdiction in which the contracting Company entity is incorporated, without regard to conflict-of-laws principles. Any dispute shall first be submitted to good-faith negotiation for thirty (30) days before either party commences proceedings.`,

  // data processing addendum definitions
  `DATA PROCESSING ADDENDUM — Schedule 1: Definitions

"Controller" means the entity which, alone or jointly with others, determines the purposes and means of the Processing of Personal Data.

"Processor" means the entity which Processes Personal Data on behalf of the Controller.

"Sub-processor" means any Processor engaged by the Processor to Process Personal Data on behalf of the Controller. The current list of Sub-processors is published on the Processor's trust page and is updated at least thirty (30) days before a new Sub-processor begins Processing.

"Personal Data" means any information relating to an identified or identifiable natural person ("Data Subject"), such as a name, an identification number, location data, an online identifier, or one or more factors specific to the physical, physiological, genetic, mental, economic, cultural or social identity of that person.

"Personal Data Breach" means a breach of security leading to the accidental or unlawful destruction, loss, alteration, unauthorised disclosure of, or access to, Personal Data transmitted, stored or otherwise Processed.

"Security Measures" means the technical and organisational measures described in Schedule 3, including encryption of Personal Data in transit (TLS 1.2 or higher) and at rest (AES-256), role-based access control, logging of administrative access, and annual penetration testing by an independent third party.

"Standard Contractual Clauses" means the clauses approved by the competent supervisory authority for transfers of Personal Data to third countries, as amended from time to time.`,

  // marketing copy for a bakery chain and candle brand with name-like brands
  `THIS SEASON AT HAZEL & FINN

Spring has arrived at every Hazel & Finn bakery, and so have our hot cross buns — slow-proved for 18 hours, studded with sour cherries and finished with an orange glaze. Pair one with a Marlowe flat white (our house espresso, roasted in small batches) and you have the best ten minutes of your morning.

New this month: the Otis loaf. Named after the very first sourdough starter we ever kept alive, the Otis is a dark rye with toasted sunflower seeds and a crust you can hear from across the room.

Bringing the outside in
We've teamed up with Juniper & Rose to create a limited-edition candle that smells like our kitchens at 5 a.m.: browned butter, cardamom and a hint of smoke. Each candle burns for about 45 hours and comes in a reusable amber jar. Available in-store and online while stocks last.

Rewards
Members of the Crumb Club earn one stamp per drink and get their tenth drink free. This month only, every Otis loaf earns double stamps.

Hazel & Finn: baked this morning, gone by lunch.`,

  // product launch e-mail with an AI assistant persona named like a person
  `Subject: Meet Ava — the assistant that actually reads your inbox for you

Hi there,

Today we're launching Ava, a new assistant built into every Brightpath workspace.

Ava reads incoming requests, drafts replies in your team's tone, and hands anything sensitive to a human. In our beta, teams using Ava closed 38% more tickets per agent and cut first-response time from 4 hours to 22 minutes.

What Ava can do
• Summarise long threads into three bullet points
• Suggest the right macro and fill in the details
• Detect the customer's language and reply in it
• Tag and route tickets to the right queue

What Ava won't do
• Send anything without your approval (unless you turn on Autopilot)
• Train on your data — ever

Ava is included in Business and Enterprise plans at no extra cost until 30 June 2025. After that, it's 9 per seat per month, billed annually.

Ready to try it? Open Brightpath, click the sparkle icon in any ticket, and say hello to Ava.

— The Brightpath team

You're receiving this because you're an admin of a Brightpath workspace. Manage your e-mail preferences in Settings → Notifications.`,

  // meeting notes mentioning only teams and products
  `Product & Platform sync — Wednesday, week 10

Present: Payments squad, Checkout squad, Platform team, Support Operations, Data team (async notes)

1. Checkout 4.12 rollout
Checkout squad reports the new address autocomplete is live for 25% of traffic. Conversion is flat, but form errors are down 18%. Support Operations has seen fewer "address not accepted" tickets since Monday. Decision: go to 50% on Thursday, 100% the following Tuesday if the error budget holds.

2. Payments retries
Payments squad wants to move retries from the API layer to the queue. Platform team is concerned about visibility of stuck jobs. Agreed to add a dead-letter dashboard first. Owner: Payments squad, target end of sprint 11.

3. Support tooling
Support Operations asked for the order timeline to show carrier scan events inline. Data team confirms the events are already in the warehouse; the gap is the API. Logged as PLAT-2291.

4. Incidents
One SEV-3 this week (export jobs delayed 40 minutes). Postmortem owner: Platform team. No customer-facing data issues.

5. Hiring and capacity
Checkout squad is one engineer short until the new starter joins in April. Platform team will lend on-call cover for two weeks.

Actions
- Checkout squad: ramp to 50% (Thu), 100% (Tue)
- Payments squad: dead-letter dashboard
- Platform team: postmortem for export delay
- Data team: sample query for carrier events`,

  // sprint retrospective notes, teams only
  `Sprint 11 retrospective — Mobile team

What went well
+ We shipped offline drafts a week early; crash-free sessions stayed above 99.8%.
+ Pairing between iOS and Android on the shared state machine cut duplicate bugs in half.
+ The new release checklist caught a missing translation string before submission.
+ QA automation now covers the full checkout flow on three device profiles.

What didn't go well
– Two days lost to flaky UI tests on the CI runners; the emulator image was updated without notice.
– Design hand-off for the widgets came late, so the medium widget slipped to 7.4.
– Too many meetings on Tuesday and Wednesday; focus time was fragmented.
– App review rejected the first build because of a missing privacy label for crash logs.

What we'll try
→ Pin the emulator image version and update it deliberately once a sprint.
→ Design and engineering to agree on a "ready for build" definition for every ticket.
→ No-meeting Wednesday mornings for the whole team.
→ Add a privacy-label check to the release checklist.

Shout-outs
To the backend team for turning around the drafts API in two days, and to Support Operations for the excellent bug reports with screen recordings.

Next retro: end of sprint 12.`,

  // support macro templates with placeholders
  `Macro library — Refunds & Returns (v2025.03)

[REF-01] Refund approved
Hi {{customer.first_name}},

Thanks for your patience. I've approved a refund of {{refund.amount}} for order {{order.id}}. It will go back to your original payment method ({{payment.brand}} ending {{payment.last4}}) within {{refund.eta_days}} business days. You'll get a confirmation e-mail at {{customer.email}} when it's processed.

Best,
{{agent.first_name}}

[REF-02] Return label sent
Hi {{customer.first_name}},

I've e-mailed a prepaid return label for order {{order.id}}. Please drop the parcel off within 14 days. Once the warehouse scans it, your refund starts automatically.

{{agent.first_name}}

[REF-03] Outside return window
Hi {{customer.first_name}},

I'm sorry — order {{order.id}} was delivered on {{order.delivered_at}}, which is outside our 30-day return window. As a one-time courtesy I can offer store credit of {{credit.amount}}. Would that work for you?

{{agent.first_name}}

Agent notes
- Never paste full card numbers, passwords or one-time codes into a macro or ticket.
- Always verify identity with the order number plus the postcode on the order before discussing refunds.
- Use the placeholders exactly as written; unknown placeholders render as blank.`,

  // returns FAQ page
  `Returns & Refunds — Frequently asked questions

How long do I have to return something?
You can return most items within 30 days of delivery. Large furniture has a 14-day window because of collection scheduling. Personalised items, opened mattresses and gift cards can't be returned unless they arrive faulty.

How do I start a return?
Go to Orders, choose the item and tap "Return". You'll get a prepaid label by e-mail. For large items, choose a collection slot instead — our two-person team will pick them up.

When will I get my money back?
We refund as soon as the warehouse receives your item, usually within 3 business days of drop-off. Your bank may take another 3–5 business days to show it.

Can I exchange instead?
Yes. Choose "Exchange" and pick a new size or colour. If the new item costs more, we'll charge the difference; if it costs less, we'll refund it.

What if my item arrived damaged?
Take photos of the item and the packaging and send them within 48 hours using the form in your order. We'll arrange a replacement or a full refund, including delivery costs.

Do you charge for returns?
Returns are free for members. For everyone else, a flat fee of 4.95 is deducted from the refund. Faulty items are always free to return.

Still stuck? Our support team is available every day from 8 am to 8 pm via chat, or write to support@homewares-example.com.`,

  // incident postmortem without personal data, teams and private IPs only
  `Postmortem: delayed export jobs (SEV-3)
Date of incident: 2025-03-05 · Duration: 41 minutes · Author: Platform team

Summary
Scheduled CSV exports were delayed by up to 41 minutes because the export workers could not acquire locks in the job database. No data was lost or exposed; all exports completed.

Timeline (UTC)
- 06:00 Daily export burst starts (about 3,800 jobs).
- 06:04 Lock wait time on jobs-db (10.30.1.5) rises above 10 s.
- 06:11 Alert "export_queue_age > 10m" fires; on-call acknowledges.
- 06:19 Root cause identified: a long-running analytics query from 10.30.7.22 holds a table lock.
- 06:23 Query cancelled; workers resume.
- 06:41 Backlog cleared.

Root cause
An analytics job was pointed at the primary instead of the read replica after a configuration change in the data pipeline. Its query took an ACCESS EXCLUSIVE lock during a schema check.

What went well
Alerting fired within 7 minutes. The queue drained quickly once the lock was released.

What went wrong
The configuration change was not reviewed by the Platform team. The analytics role had permissions it did not need.

Action items
1. Revoke DDL permissions from the analytics role (Platform team) — done.
2. Point the pipeline at the replica endpoint and add a config test (Data team) — in progress.
3. Alert on lock wait time, not only queue age (Platform team).`,

  // SQL schema migration with personal-data column names but no values
  `-- Migration 2025_03_01_0007: split customer contact details into their own table
BEGIN;

CREATE TABLE customer_contacts (
    id              BIGSERIAL PRIMARY KEY,
    customer_id     BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    first_name      TEXT,
    last_name       TEXT,
    email           CITEXT,
    phone_e164      TEXT CHECK (phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'),
    date_of_birth   DATE,
    ssn_last4       CHAR(4),
    address_line1   TEXT,
    address_line2   TEXT,
    postal_code     TEXT,
    city            TEXT,
    country_code    CHAR(2),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX customer_contacts_email_idx ON customer_contacts (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX customer_contacts_customer_idx ON customer_contacts (customer_id);

INSERT INTO customer_contacts (customer_id, first_name, last_name, email, phone_e164, postal_code, city, country_code)
SELECT id, first_name, last_name, email, phone, postal_code, city, country_code FROM customers;

ALTER TABLE customers DROP COLUMN first_name, DROP COLUMN last_name, DROP COLUMN email, DROP COLUMN phone;

-- Column-level encryption for date_of_birth and ssn_last4 is applied by the application layer (see ADR-0042).
COMMIT;`,

  // router spec sheet with default private IP and serial formats
  `AX3000 Dual-Band Wi-Fi 6 Router — Quick Specifications (model RT-AX30, hardware rev. C2)

Wireless: 802.11ax, 2.4 GHz (574 Mbps) + 5 GHz (2402 Mbps), 4×4 MU-MIMO, OFDMA, WPA3-Personal
Ports: 1× 2.5 GbE WAN, 4× 1 GbE LAN, 1× USB 3.0
Processor: quad-core 1.7 GHz · Memory: 512 MB RAM, 256 MB flash
Power: 12 V ⎓ 2 A · Dimensions: 260 × 150 × 48 mm · Weight: 610 g

Default settings
- Web interface: http://192.168.1.1 (or http://router.local)
- Default LAN subnet: 192.168.1.0/24, DHCP range 192.168.1.100–192.168.1.199
- Guest network subnet: 192.168.10.0/24 (isolated)
- Default SSID and Wi-Fi key: printed on the label on the underside of the unit
- Administrator password: you will be asked to set one on first login; there is no default password

Label formats
- Serial number: 12 characters, e.g. RTAX30C2XXXXXX
- MAC address: printed as six pairs of hexadecimal digits
- Firmware: v1.4.2 (build 20250214)

Reset
Press and hold the reset button for 10 seconds until the status light flashes amber. All settings, including the administrator password, return to factory defaults.

Warranty: 2 years limited. Register the product in the companion app to receive firmware notifications.`,

  // pricing plan comparison table
  `Plans & pricing (billed annually; monthly billing costs 20% more)

                      Starter        Team            Business         Enterprise
Price per seat/mo     0              12              29               Contact sales
Seats included        up to 3        up to 50        unlimited        unlimited
Projects              5              unlimited       unlimited        unlimited
Storage               2 GB           100 GB          1 TB             custom
API requests/month    10,000         250,000         2,000,000        custom
SSO (SAML/OIDC)       —              —               ✓                ✓
Audit log retention   —              30 days         1 year           7 years
Data residency        —              —               choice of 3      custom
Support               community      e-mail, 1 day   24/7 chat, 1 h   dedicated TAM
Uptime SLA            —              99.5%           99.9%            99.95%

Add-ons
• Extra storage: 5 per 100 GB per month
• Advanced analytics: 6 per seat per month (Business and above)
• Premium support for Team plans: 150 per month

Discounts
Non-profits and schools get 50% off Team and Business. Startups under two years old get the first year of Team free.

All prices exclude tax. You can switch plans at any time; changes are prorated to the day.`,

  // parental leave policy, no names
  `Parental Leave Policy (global minimum standard)

1. Who is covered
All permanent employees who become a parent through birth, adoption or surrogacy, regardless of gender, after completing three months of service.

2. Paid leave
2.1 Primary caregivers receive 20 weeks of leave at full pay.
2.2 Secondary caregivers receive 8 weeks of leave at full pay, which can be taken in up to three blocks within 12 months of the child's arrival.
2.3 Where local law provides more generous entitlements, local law applies.

3. Notice
Employees should tell their manager and People team at least 8 weeks before the expected start of leave, or as soon as practicable for adoptions and surrogacy arrangements.

4. Return to work
4.1 Employees return to the same role, or a role of equal seniority and pay.
4.2 A phased return of up to four weeks at 60% hours on full pay is available.
4.3 Nursing rooms are available at every office; remote employees may claim a one-off home-office allowance.

5. Pregnancy loss
Employees who experience a pregnancy loss, and their partners, are entitled to 10 days of paid leave, with no documentation required.

6. Questions
Contact the People team through the HR portal. This policy is reviewed annually.`,

  // security advisory with CVE placeholders and version ranges
  `Security Advisory SA-2025-004 — Path traversal in file preview service

Severity: High (CVSS 3.1 base score 8.1)
Affected versions: 3.8.0 through 3.8.6, and 4.0.0 through 4.0.2
Fixed versions: 3.8.7, 4.0.3
Published: 2025-02-26

Description
The file preview service did not correctly normalise relative paths in the "page" parameter. An authenticated user with access to at least one shared file could request files outside the preview cache directory, including other tenants' cached previews.

Impact
Confidentiality of cached document previews. No write access was possible. The service runs in an isolated container without access to the primary database or credentials.

Exploitation
We have no evidence of exploitation in hosted environments. Request logs for the last 180 days were reviewed for traversal sequences (../ and encoded forms). All matches came from our own scanner at 10.66.0.14.

Remediation
Hosted customers: no action needed; the fix was deployed on 2025-02-24.
Self-hosted customers: upgrade to 3.8.7 or 4.0.3. As a temporary mitigation, set PREVIEW_CACHE_ISOLATION=strict and restart the preview workers.

Credit
Reported through our bug bounty programme. Thank you to the researcher for the coordinated disclosure.`,

  // quarterly support metrics report without personal data
  `Support Operations — Q4 2024 review

Volume
Total contacts: 184,220 (+9% QoQ). Chat 61%, e-mail 27%, phone 9%, social 3%. Peak day was the Monday after the holiday sale with 4,912 contacts.

Speed
Median first response: chat 48 s, e-mail 3 h 12 min, phone 2 min 05 s. Ninety percent of e-mails were answered within 9 hours, up from 14 hours in Q3, mainly thanks to the new triage rules.

Quality
CSAT 91.4% (target 90%). Top positive themes: "quick refund", "friendly", "solved in one go". Top negative themes: delivery delays (38% of negative comments), damaged items (17%), promo code errors (11%).

Self-service
The assistant resolved 31% of chats without an agent (Q3: 24%). Deflection was highest for order tracking (58%) and lowest for billing disputes (6%).

Staffing
Average headcount 212 FTE. Attrition 4.1% for the quarter. Occupancy 78%. Training hours per agent: 11.

Costs
Cost per contact fell from 3.84 to 3.41. The biggest driver was automation of return labels, which removed about 19,000 manual contacts.

Priorities for Q1
1. Reduce delivery-delay contacts with proactive notifications.
2. Launch the billing-dispute workflow in the agent console.
3. Pilot AI-drafted replies for e-mail with mandatory human review.`,

  // warehouse pick list with bin locations and SKUs
  `PICK LIST — Wave W-0307-04 · Zone B (ambient) · Picker device HHD-17
Created 2025-03-07 13:42 · Priority: same-day · Orders in wave: 38

Seq  Bin          SKU            Description                       Qty  Picked
01   B-14-03-A    MLO-ST-WAL     Milo side table, walnut            2    [ ]
02   B-14-05-C    SPR-CUSH-45    Cushion insert 45×45               12   [ ]
03   B-15-01-B    LMP-ARC-BLK    Arc floor lamp, black              1    [ ]
04   B-15-02-D    BLB-E27-8W     LED bulb E27 8 W (4-pack)          6    [ ]
05   B-16-04-A    FRM-A3-OAK     Picture frame A3, oak              9    [ ]
06   B-16-06-B    VSE-TALL-SND   Tall vase, sand glaze              3    [ ]
07   B-17-01-C    THR-WOOL-GRY   Wool throw, grey                   4    [ ]
08   B-17-03-A    CND-JR-45H     Juniper & Rose candle, 45 h        10   [ ]
09   B-18-02-B    MBL-RG-120     Mabel rug 120 × 170                1    [ ]
10   B-18-05-D    HKS-BRS-3      Brass wall hooks (set of 3)        7    [ ]

Short picks: report in the device with reason code SP1 (empty bin), SP2 (damaged), SP3 (wrong item in bin).
Consolidation lane: CL-04. Pack station: PS-09.
Cut-off for carrier collection: 16:30. Waves not completed by 16:00 are escalated to the shift lead.`,

  // payments glossary explaining card and IBAN formats with placeholders only
  `Payments glossary for support agents

Card number (PAN): 13 to 19 digits. The first six to eight digits identify the issuer (BIN/IIN); the last digit is a check digit calculated with the Luhn algorithm. In our tools a card is always shown masked, e.g. •••• •••• •••• 1234. If a customer types a full card number into chat, the message is redacted automatically; never copy it into notes.

Expiry and CVC: never ask for the CVC. We only ever need the brand and the last four digits to locate a payment.

IBAN: an international bank account number made of a two-letter country code, two check digits and the domestic account identifier, up to 34 characters. In documentation it is written as a pattern such as CCkk BBBB BBBB AAAA AAAA AA. The check digits are verified with a mod-97 calculation, so a single mistyped character is almost always detected.

SWIFT/BIC: 8 or 11 characters identifying a bank, e.g. the pattern AAAABBCCDDD.

Chargeback: a reversal initiated by the cardholder's bank. Reason codes vary by scheme; the most common for us are "goods not received" and "fraud — card absent".

3-D Secure: an extra authentication step (app approval or one-time code) required for many online card payments. A failed 3-D Secure check is not a decline by us.

Refund vs. reversal: a refund is a new credit transaction; a reversal cancels an authorisation before it settles, so the customer never sees the charge.`,

  // API reference example with placeholder values
  `GET /v2/customers/{customer_id}

Returns a single customer. Requires the \`customers:read\` scope.

Path parameters
- customer_id (string, required) — the customer's id, e.g. \`cus_XXXXXXXXXXXX\`.

Query parameters
- expand (string, optional) — comma-separated list of related objects to include: \`addresses\`, \`payment_methods\`, \`subscriptions\`.

Example request
curl https://api.ledgerly-example.com/v2/customers/cus_XXXXXXXXXXXX?expand=addresses \\
  -H "Authorization: Bearer $LEDGERLY_API_KEY"

Example response (values are illustrative)
{
  "id": "cus_XXXXXXXXXXXX",
  "object": "customer",
  "display_name": "<customer display name>",
  "email": "<customer e-mail>",
  "phone": null,
  "created_at": "2025-01-01T00:00:00Z",
  "addresses": [
    { "type": "billing", "line1": "<line 1>", "postal_code": "<postcode>", "country": "<ISO country code>" }
  ],
  "metadata": { "crm_id": "<your CRM id>" }
}

Errors
- 401 \`invalid_api_key\` — the key is missing, revoked or from another environment.
- 403 \`insufficient_scope\` — the key lacks \`customers:read\`.
- 404 \`resource_missing\` — no customer with that id in this workspace.
- 429 \`rate_limited\` — retry after the number of seconds in the Retry-After header.`,

  // e-mail footer disclaimers and cookie notice boilerplate
  `CONFIDENTIALITY NOTICE: This e-mail and any files transmitted with it are confidential and intended solely for the use of the individual or entity to whom they are addressed. If you have received this e-mail in error, please notify the sender immediately and delete it from your system. Any unauthorised copying, disclosure or distribution of the material in this e-mail is strictly forbidden. The views expressed in this message are those of the author and do not necessarily represent those of the Company. The Company accepts no liability for any damage caused by any virus transmitted by this e-mail. Please consider the environment before printing.

---

Cookie notice
We use cookies and similar technologies to keep the site working, to remember your preferences, to measure how the site is used and, if you agree, to show you relevant content.

Strictly necessary cookies: required for sign-in, security and your shopping basket. They can't be switched off.
Preference cookies: remember choices such as language and region display settings.
Analytics cookies: help us understand which pages are useful. Data is aggregated and IP addresses are truncated before storage.
Marketing cookies: used by advertising partners to build a profile of your interests. Off by default.

You can change your choices at any time by selecting "Cookie settings" in the footer. Withdrawing consent does not affect the lawfulness of processing before withdrawal. For more details see our Privacy Notice, section 6.`,
];

export function heldout9(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h9-p${i + 1}`, 'heldout9', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h9-n${i + 1}`, 'heldout9-negative', src, true)),
  ];
}
