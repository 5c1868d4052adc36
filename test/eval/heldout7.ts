/**
 * Held-out set 7: ~100 hand-labeled customer-support texts plus 30 hard negatives, written blind (without looking at
 * the detector or at the other evaluation sets; only markup.ts and heldout5.ts's header / export were read). Meant to
 * look like what an English-speaking support desk sees day to day: live-chat transcripts (with and without
 * timestamps, incl. the support bot "Sol"), e-mails with quoted replies and signatures, tickets, agent notes,
 * phone-call / voicemail summaries, refund and chargeback disputes, account recovery, shipping problems, healthcare
 * and insurance billing, HR / payroll helpdesk, SaaS / API support with pasted logs, JSON, stack traces, curl, YAML
 * and .env files, forms, SMS, social-media DMs, all-lower-case and typo-ridden texts. Names from many cultures as they
 * appear in the US / UK / CA / AU / IE / IN, nicknames, initials, first-name-only mentions and family members.
 * About 30% is ES (Spain, Mexico, Argentina, US), FR (France, Québec), DE (DE, AT, CH), IT, PT (PT, BR), NL, BE,
 * PL, TR, AR (script), romanised HI, Filipino / Taglish, JA, KO and ZH in their own scripts.
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
  // US shipping chat with bot + agent, timestamps
  `[09:14:02] Sol: Hi! I'm Sol, the Parcelway virtual assistant. What can I do for you?
[09:14:31] Visitor: hey, tracking says delivered but nothing here. order PW-2291774
[09:14:40] Sol: I'm sorry about that. Could you confirm the name and address on the order?
[09:15:12] Visitor: [[PERSON:Nguyen Thi Lan]], [[STREET_ADDRESS:4127 Fremont Ave N, Apt 3B, Seattle, WA 98103]]
[09:15:20] Sol: Thanks, [[PERSON:Lan]]. I'm connecting you with an agent now.
[09:16:05] Agent ([[PERSON:Marcus]]): Hi [[PERSON:Lan]], I've filed a lost-package claim (CLM-55012). We'll text updates to the number on file ending 0148.`,

  // UK refund e-mail with quoted reply and agent signature
  `Subject: Re: Refund for duplicate charge – case #UK-77031

Hi [[PERSON:Priya]],

Thanks for getting back to me. The second charge of £64.99 still hasn't been reversed. Could someone call me on [[PHONE:07700 900461]]? I'm free after 4pm.

Best,
[[PERSON:Oluwaseun Adeyemi]]
[[STREET_ADDRESS:Flat 2, 19 Cranbrook Road, Ilford IG1 4PU]]

> On 3 Mar 2025, at 11:20, [[PERSON:Priya Raghunathan]] <support@homewarehq.co.uk> wrote:
> Hi [[PERSON:Oluwaseun]], we've asked our payments team to review the duplicate transaction.
> [[PERSON:Priya Raghunathan]] | Customer Care | Homeware HQ
> Tel: [[PHONE:020 7946 0832]] ext. 215`,

  // account recovery ticket, DOB mixed with order date
  `Ticket #48213 — Account recovery
Requester: [[PERSON:Mohammed Al-Harbi]]
Description: I lost access to my old email [[EMAIL:m.alharbi1984@hotmail.com]] and can't receive the reset link. Please change the login email to [[EMAIL:mohammed.harbi@outlook.sa]]. For verification my date of birth is [[DATE_OF_BIRTH:17 October 1984]] and my last order was placed on 2 February 2025.`,

  // phone-call summary, card dispute
  `Call summary – 14 Jan, 16:42 (agent: [[PERSON:Dana Whitfield]])
Caller [[PERSON:Robert "Bobby" Castellano]] disputes a $212.40 charge from 28 Dec. Says card [[CREDIT_CARD:4453 3314 7893 2885]] was used while he was in [[LOCATION:Phoenix]]. Advised the chargeback window is 120 days. Callback number [[PHONE:(602) 555-0183]]. Escalated to Disputes, ref CB-20931.`,

  // healthcare billing e-mail, child DOB
  `Hello,

I received a bill for $1,480 for my son's ER visit on March 9, but we have secondary coverage through my husband's plan. Patient: [[PERSON:Mateo Rivera]], date of birth [[DATE_OF_BIRTH:06/22/2016]]. Policyholder: [[PERSON:Luis Rivera]], member ID XJH448201977. Please resubmit the claim to the secondary insurer.

Thank you,
[[PERSON:Ana Rivera]]
[[PHONE:+1 915-555-0127]]`,

  // HR helpdesk, SSN correction
  `HR Helpdesk — new ticket
From: [[PERSON:Keisha Montgomery]] <[[EMAIL:keisha.montgomery@gmail.com]]>
Category: Payroll / Tax forms
My W-2 shows the wrong SSN (the last two digits are swapped). The correct one is [[US_SSN:409-49-6512]]. Can payroll correct it and reissue? Employee ID E-10442.`,

  // SaaS API support, curl with bearer token and E.164 phone
  `Hi team, getting 401 from the v2 API since this morning. Here's what I'm running:

curl -X POST https://api.relaybox.io/v2/messages -H "Authorization: Bearer [[SECRET:rbx_live_fq0fjzLczbttOofL9H2WjQ5TY4MyWuUF]]" -H "Content-Type: application/json" -d '{"to":"[[PHONE:+14155550172]]","body":"Your code is 482913"}'

Response: {"error":"invalid_token","request_id":"req_8f2c91"}
Our egress IP is [[IP_ADDRESS:73.162.44.219]] if that helps. — [[PERSON:Tomasz]]`,

  // JSON log line pasted into a ticket
  `Can you check why this user keeps getting locked out? Log line from our side:
{"ts":"2025-04-11T08:22:17.331Z","level":"warn","event":"login_failed","user":{"id":88213,"email":"[[EMAIL:zhang.wei.dev@gmail.com]]","name":"[[PERSON:Zhang Wei]]"},"ip":"[[IP_ADDRESS:101.186.77.12]]","attempts":6,"ua":"Mozilla/5.0"}`,

  // Python stack trace with e-mail in exception
  `Deploy of billing-svc 3.14.2 fails on startup:

Traceback (most recent call last):
  File "/app/billing/sync.py", line 88, in run
    customer = client.customers.retrieve(cid)
  File "/app/billing/sync.py", line 41, in retrieve
    raise LookupError(f"no customer for email={email}")
LookupError: no customer for email=[[EMAIL:fatima.zahra.benali@yahoo.fr]]

The customer is [[PERSON:Fatima Zahra Benali]], she signed up yesterday from [[LOCATION:Marseille]]. Any idea?`,

  // leaked .env
  `Our staging box got compromised, I think. Rotating everything. This is the .env that was exposed:

DATABASE_URL=[[URL:postgres://app_user:Q*L&ioDnkHIfxI@db.acme-staging.net:5432/app]]
AWS_ACCESS_KEY_ID=[[SECRET:AKIAMXG9EDN581U33XTP]]
AWS_SECRET_ACCESS_KEY=[[SECRET:xFkM+R5Kjp1vRt/1fjORS+6ilI8ihN5KXSc7Tvo+]]
SENDGRID_API_KEY=[[SECRET: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]]
LOG_LEVEL=debug
PORT=8080`,

  // Australian SMS, lower case, unit/number address
  `hi its [[PERSON:jess]] from 4b, the courier left my parcel w/ the wrong flat again. can u call me back on [[PHONE:0412 876 203]] pls. im at [[STREET_ADDRESS:4b/21 marine pde, st kilda vic 3182]]`,

  // social DM with typos, Irish mobile
  `@FreshBoxHelp hey ive been chargd twice for my box this wk!! my acount is under [[EMAIL:grace.oconnell88@gmail.com]] , name [[PERSON:grace o connell]]. pls fix asap or i'll cancel. my number is [[PHONE:087 214 5593]]`,

  // patient registration form, Irish address
  `NEW PATIENT REGISTRATION
First name: [[PERSON:Siobhán]]
Last name: [[PERSON:Ní Bhriain]]
Date of birth: [[DATE_OF_BIRTH:03/11/1979]]
Address: [[STREET_ADDRESS:14 Seafield Road, Clontarf, Dublin 3, D03 K2R8]]
Mobile: [[PHONE:+353 86 402 7719]]
Email: [[EMAIL:siobhan.nibhriain@eircom.net]]
Referring GP: Dr. [[PERSON:Cathal Moran]]
Today's date: 18/04/2025`,

  // dental plan, adding a daughter
  `Hi, I'm adding my daughter [[PERSON:Aisha]] to my dental plan starting next month. Her full name is [[PERSON:Aisha Noor Siddiqui]], born [[DATE_OF_BIRTH:February 9, 2019]]. The policy is under my name, [[PERSON:Imran Siddiqui]]. You can reach me at [[EMAIL:imran.siddiqui@protonmail.com]].`,

  // Canadian change of address
  `Bonjour/Hello — I moved last month and my statements still go to the old address. New address: [[STREET_ADDRESS:1420 Rue Sainte-Catherine O, App. 806, Montréal, QC H3G 1R3]]. The old one was in [[LOCATION:Laval]]. Account holder: [[PERSON:Émilie Tremblay]], phone [[PHONE:514-555-0139]].`,

  // Australian Medicare rebate
  `G'day, my rebate hasn't come through for the physio session on 2 April. Name [[PERSON:Liam O'Sullivan]], DOB [[DATE_OF_BIRTH:21/07/1993]], address [[STREET_ADDRESS:Unit 5, 27 Smith Street, Fitzroy VIC 3065]]. Cheers`,

  // Indian delivery complaint
  `Sir, my order OD-3318820443 was supposed to be delivered to [[STREET_ADDRESS:Flat 302, Sai Krupa Apartments, 14th Cross, Indiranagar, Bengaluru 560038]] but the delivery boy says address not found. Kindly call [[PHONE:+91 98450 27731]]. Name: [[PERSON:Venkatesh Iyer]].`,

  // bank chat without timestamps, GB IBAN
  `Customer: hello i need to update my payee details, the IBAN i gave was wrong
Agent [[PERSON:Hannah]]: No problem. What is the correct IBAN?
Customer: [[IBAN:GB21 LOYD 5733 7969 6836 13]], name on account [[PERSON:Chukwuemeka Obi]]
Agent [[PERSON:Hannah]]: Thanks [[PERSON:Chukwuemeka]], that's updated. It can take 1 working day to show.`,

  // CRM note with initials
  `Note on account 77-20418: spoke with [[PERSON:J. R. Okafor]] re: late fee waiver. Customer was hospitalised 3–17 Feb. Waived $35 as goodwill. Follow up with [[PERSON:Marcus]] in collections if payment not received by 31 March.`,

  // airline e-mail, SURNAME/GIVEN, DOB ISO
  `From: [[PERSON:José Luis Fernández-Ortega]] <[[EMAIL:jlfernandez.ortega@gmail.com]]>
To: support@viajesclaros.com
Subject: Booking VC-88412 name mismatch

Hello, my passport says [[PERSON:FERNANDEZ ORTEGA/JOSE LUIS]] but the ticket says [[PERSON:Jose Fernandez]]. Can you correct it before my flight to [[LOCATION:Lisbon]] on 12 June? My date of birth is [[DATE_OF_BIRTH:1981-05-30]] if you need it.`,

  // lower-case rent message, title outside
  `hey so my landlord mr [[PERSON:patel]] says the rent didnt go thru but my bank shows it left on the 1st. its from my account [[IBAN:GB30LOYD55638853453252]]. can u check? thx [[PERSON:kez]]`,

  // shipping address correction e-mail
  `Hi there,
UPS tracking 1Z999AA10123456784 shows "address correction required". The correct address is [[STREET_ADDRESS:88 Pleasant Street, Unit 2, Worcester, MA 01609]]. Please have it rerouted — I'm travelling to [[LOCATION:Boston]] on Friday.
Thanks, [[PERSON:Will Harrington]]`,

  // hotel chargeback threat, Amex
  `I'm filing a dispute with my card issuer if this isn't resolved by Friday. I was charged $489.00 on my Amex [[CREDIT_CARD:3747 309710 02019]] for a stay I cancelled within the free window. Reservation was in the name [[PERSON:Victoria Ashworth-Lane]]. Confirmation number HX7-44920.`,

  // onboarding checklist
  `Onboarding checklist – [[PERSON:Rahul Deshmukh]]
Start date: 05/05/2025
DOB: [[DATE_OF_BIRTH:11/23/1996]]
SSN: [[US_SSN:537-76-5867]]
Personal email: [[EMAIL:rahul.deshmukh96@gmail.com]]
Manager: [[PERSON:Summer Lindqvist]]
Laptop: MacBook Pro 14" (asset IT-30211)`,

  // webhook URL with personal query values
  `Webhook deliveries are failing with 422. Sample request from our logs:
POST [[URL:https://hooks.tinyforms.app/submit?name=Grace%20Mbeki&email=grace.mbeki%40gmail.com&phone=%2B27821234567]] -> 422 Unprocessable Entity
Origin IP: [[IP_ADDRESS:41.13.218.90]]
Docs I followed: https://docs.tinyforms.app/webhooks/retries`,

  // expired reset link
  `the reset link you sent doesnt work, it just says expired:
[[URL:https://account.streamly.tv/reset?token=e58b081006f7e3dfc967a64cb14028d512c9791e&uid=40981]]
I'm on the family plan under my mum's email [[EMAIL:helen.ashby@btinternet.com]]`,

  // voicemail transcript with extension
  `Voicemail transcript (received 08:47): "Hi, this is [[PERSON:Rosa Delgado]] from accounts at Lakeside Dental, returning a call about invoice 20419. You can reach me on [[PHONE:(512) 555-0166]] extension 3. Thanks."`,

  // insurance appeal, DOB among other dates
  `Member services – claim denial appeal
Member: [[PERSON:Deshawn Carter]]
Member DOB: [[DATE_OF_BIRTH:1988-12-04]]
Date of service: 2025-01-17
Denial letter dated: 2025-02-03
Reason given: "out-of-network provider". The ER at St. Luke's was the closest facility in [[LOCATION:Kansas City]]; I had no choice.`,

  // private key pasted in chat
  `ugh, I accidentally pasted my deploy key in the public channel yesterday, can you purge it from the message history? it was this:

[[SECRET:-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
tKsf2rcDkdfrUnW5gcF+Ha6ili8GjHEAD6/Wj9KfzjsQGMrb9h+ImB+LK777pzNk
8cL6j5IXAAjlsHUqJoUD/+Ydua+5ZMs1SWOpQaPRYpzbLGViYXjU2JgJngKtFI3O
yV2dZAkg05rK+gqv81RKMGHZEM9YpvujA/C5Q52ryFlwRlOEVHzc0X0AWIRh/JUq
-----END OPENSSH PRIVATE KEY-----]]

thanks — [[PERSON:Arjun]]`,

  // CI YAML with GitHub token
  `Our CI can't pull the private submodule since Tuesday. Opened by [[PERSON:Kwame Asante]]. Here's the job config:

jobs:
  build:
    runs-on: ubuntu-22.04
    env:
      GH_TOKEN: [[SECRET:ghp_Bd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKO]]
      NODE_VERSION: 20.11.1
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test`,

  // Slack bot token
  `[[PERSON:Meera]] here from the platform team. Our Slack integration stopped posting. Bot token is [[SECRET:xoxb-034236671276-8426846563212-joQoaF1LlqsajAIxNKu8iS2G]] (I know, I'll rotate it after). Error: not_in_channel. Workspace ID T02ABCD1234.`,

  // router password in chat
  `[14:03] Customer: I can't log in to the router admin page
[14:04] Agent [[PERSON:Femi]]: What username and password are you using?
[14:04] Customer: admin / password: [[SECRET:Tigerlily#2291]]
[14:05] Agent [[PERSON:Femi]]: Please don't share passwords here — I'll reset it for you. Can you confirm the account holder's name?
[14:05] Customer: [[PERSON:Margaret Oyelaran]]`,

  // tax transcript call notes with SSN
  `Transcript request assistance – call notes
Taxpayer: [[PERSON:Hunter Beaulieu]]
SSN verified: [[US_SSN:026-26-3426]]
Spouse: [[PERSON:Maya Beaulieu]]
Mailing address: [[STREET_ADDRESS:912 Larkspur Ln, Bozeman, MT 59715]]
Told caller transcripts arrive in 5–10 calendar days.`,

  // 2FA lockout, UK
  `Hi, I'm locked out of my account after changing phones. 2FA was on my old number [[PHONE:+44 7700 900218]]. My new one is [[PHONE:+44 7700 900735]]. Name on account: [[PERSON:Eleanor Whitcombe]], born [[DATE_OF_BIRTH:2 August 1967]]. Last login would have been from [[LOCATION:Bristol]].`,

  // B2B invoice thread, DE IBAN, phones with extension
  `Subject: Re: Invoice INV-2025-0392 overdue?

Hi [[PERSON:Tanvir]],

We paid this on 28 Feb by bank transfer from [[IBAN:DE81 1579 0072 7681 6010 62]] — remittance ref INV-2025-0392. Can you check with your finance team?

Regards,
[[PERSON:Katharina Vogel]]
Head of Procurement, Brennwerk GmbH
T [[PHONE:+49 30 901820]]-214
M [[PHONE:+49 171 4429081]]

-----Original Message-----
From: [[PERSON:Tanvir Hossain]] <billing@cloudpane.io>
Sent: Monday, March 10, 2025 9:02 AM
Subject: Invoice INV-2025-0392 overdue?
Hi [[PERSON:Katharina]], our records show INV-2025-0392 (€4,200.00) as unpaid...`,

  // gig driver payout
  `driver support: my payout didn't arrive this week. bank acct on file should be [[IBAN:NL32 INGB 5142 2560 79]], name [[PERSON:Youssef El Amrani]]. I drive in [[LOCATION:Rotterdam]]. thx`,

  // SIM swap
  `Someone did a SIM swap on my number [[PHONE:(917) 555-0114]] last night and drained my wallet app. I'm [[PERSON:Camila Restrepo]] and I never shared my account PIN. Please freeze the line. Backup contact: my brother [[PERSON:Andrés]], [[PHONE:(646) 555-0191]].`,

  // utility tenancy change
  `Meter reading for account 5500-221-887: 04411 kWh, taken 3 May. Property: [[STREET_ADDRESS:27 Rosebery Avenue, Leeds LS8 1EP]]. Tenant moving out is [[PERSON:Rose Whitaker]]; new tenant [[PERSON:Callum Fraser]] from 10 May.`,

  // school absence letter
  `Dear Mr [[PERSON:Henderson]],
This is to confirm that [[PERSON:Ifeoluwa Adebayo]] (Year 4, date of birth [[DATE_OF_BIRTH:14.01.2016]]) will be absent from 23–27 June for a family wedding in [[LOCATION:Lagos]]. Please send any homework to [[EMAIL:tola.adebayo@gmail.com]].
Kind regards,
[[PERSON:Tola Adebayo]]`,

  // warranty claim
  `Warranty claim – Kettle model KX-200, serial SN4471882901. Purchased 11/02/2024 in store. Fault: base sparks when switched on. Customer [[PERSON:May Thornton]], [[STREET_ADDRESS:3 Orchard Close, Thame OX9 3DL]], [[PHONE:01844 215 630]].`,

  // card pasted in chat, possessive
  `[11:40] Visitor: can i just give you the card number over chat? [[CREDIT_CARD:5520031716712349]] exp 09/27
[11:40] Sol: For your security, please don't share card details in chat. I've masked that message. Please use the secure payment link instead.
[11:41] Visitor: ok sorry. its for [[PERSON:Darnell]]'s subscription btw, i'm his mom`,

  // passenger manifest, SURNAME/GIVEN
  `Passenger manifest correction – PNR K7QX2L
1. [[PERSON:KOWALCZYK/ANNA MARIA]] MRS
2. [[PERSON:KOWALCZYK/JAKUB]] MSTR – date of birth [[DATE_OF_BIRTH:09APR2017]] (child fare)
Please apply the child fare to passenger 2 and reissue. Contact: [[EMAIL:anna.kowalczyk@wp.pl]]`,

  // pharmacy transfer SMS
  `Hi, this is [[PERSON:Ngozi]] - can you transfer my metformin refill to the store in [[LOCATION:Evanston]]? Rx 6620931. DOB [[DATE_OF_BIRTH:8/14/75]]. Call [[PHONE:773-555-0152]] if any issue.`,

  // nginx log with IPv6 and loopback
  `Rate-limit complaint from customer acct_5521: they say they're not over quota. Nginx shows:
[[IP_ADDRESS:2a01:4b00:87c1:9d00:5d3a:1f6e:2c49:b81a]] - - [12/May/2025:14:02:11 +0000] "GET /v1/search?q=shoes HTTP/1.1" 429 112 "-" "python-requests/2.31.0"
127.0.0.1 - - [12/May/2025:14:02:11 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"
Contact on the account is [[PERSON:Olumide]] ([[EMAIL:olumide@kolawoleconsulting.ng]]).`,

  // formal chargeback letter
  `RE: Dispute of transaction dated 19 November 2024

To whom it may concern,

I, [[PERSON:Florence Nakamura-Hayes]], dispute the charge of USD 1,299.00 posted to my Mastercard ending in 6140 by "TECHNOVA ELECTRONICS". The item was never delivered to [[STREET_ADDRESS:2250 Kalakaua Ave, Apt 1704, Honolulu, HI 96815]].
Full card number for reference: [[CREDIT_CARD:5491 2425 0899 6140]].

Sincerely,
[[PERSON:Florence Nakamura-Hayes]]`,

  // agent note, PCI
  `Agent note ([[PERSON:Bill Okonkwo]]): cx read out full Discover [[CREDIT_CARD:6011 6364 4185 5348]] on a recorded line — flagged recording 44-190 for PCI redaction. Cx name [[PERSON:Tyrone Beasley]], cb [[PHONE:704-555-0178]].`,

  // JCB card declined
  `Hello, I am [[PERSON:Haruto Sato]]. I tried to pay with my JCB card [[CREDIT_CARD:3557 8688 6468 4148]] but it was declined three times. I am staying in [[LOCATION:Vancouver]] until 30 June. Please help.`,

  // payment failed, wife's card
  `Payment failed again?? card [[CREDIT_CARD:4040-7238-6255-1182]], exp 03/28. It's under my wife's name [[PERSON:Latoya Jenkins]] - she said it's fine to use`,

  // wrong patient record link
  `The link in your appointment email opens somebody else's record! [[URL:https://myhealth.riverbendclinic.org/appt/confirm?patient=Owen%20Gallagher&dob=1990-03-14&mrn=7730211]] — I'm not [[PERSON:Owen Gallagher]], I'm [[PERSON:Ruth Abernathy]]. This is a serious privacy breach.`,

  // lost item in ride
  `I left my backpack in the car on my ride from [[LOCATION:Heathrow]] on Sunday evening. Driver was [[PERSON:Imran]] (silver Prius). It has a laptop with a sticker saying "Property of Lattice Labs". Please pass on my number [[PHONE:+44 7911 123456]].`,

  // tax preparer, dependents
  `Hi [[PERSON:Carol]],
Here are the dependents for this year's return:
- [[PERSON:Zoe Alvarez]], DOB [[DATE_OF_BIRTH:04/02/2014]], SSN [[US_SSN:619-65-9364]]
- [[PERSON:Leo Alvarez]], DOB [[DATE_OF_BIRTH:10/19/2017]], SSN [[US_SSN:531-96-2511]]
Let me know if you need last year's 1040 too.
[[PERSON:Marisol]]`,

  // return request with typos
  `i want to retrun the shoes size 9 they dont fit. order # 1122-88431. my adress is [[STREET_ADDRESS:5521 Oak Hollow Dr, San Antonio, TX 78249]] and my name is [[PERSON:Javier Montoya]]. do i need to print a lable`,

  // fraud review with IPs and geo
  `Fraud review – login from unrecognised device
Customer: [[PERSON:Arash Tehrani]]
Login IP: [[IP_ADDRESS:5.148.32.190]] (geo: [[LOCATION:Amsterdam]]), previous IP [[IP_ADDRESS:24.114.56.201]] ([[LOCATION:Toronto]])
Customer confirms he was not travelling. Card ending 7078 blocked, replacement ordered.`,

  // API key error
  `Getting "Incorrect API key provided" even though I just created it. Key: [[SECRET:sk-proj-tmUdjAWtGSU8po-799NksnRH9ucAUsdMlHUvTCQCyEZDz_Td]]
Org: org-Lk2hQ. Python 3.12, SDK 1.30.1. The same code works on my teammate [[PERSON:Nadia]]'s machine.`,

  // JWT in debug output
  `Debug output:
> GET /api/me
> Authorization: Bearer [[SECRET:eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAidV84ODIxMyIsICJleHAiOiAxNzY3MjI1NjAwfQ.z5r1pY4OjE2jBMptUsGr7CmY-uCu3ZR1zTOlUcR64cX]]
< 403 Forbidden
< x-request-id: 7f3e2a10-4c8b-4f1e-9d2a-1b6c0e5d9a33
The same token works from localhost. Account email [[EMAIL:sebastian.kruger@posteo.de]].`,

  // inbound SMS opt-out
  `Inbound SMS
From: [[PHONE:+16175550133]]
Body: pls stop texting this number. this used to be [[PERSON:Grace Whitmore]]'s phone, im [[PERSON:Tom]] and i got it last month`,

  // rental application form
  `Rental application
Applicant: [[PERSON:Deepika Nair]]
Date of birth: [[DATE_OF_BIRTH:30 Sep 1994]]
Current address: [[STREET_ADDRESS:77 Queen St W, Unit 1210, Toronto, ON M5H 2M5]]
Employer: Shopify
Reference: [[PERSON:Gregory Lam]], [[PHONE:416-555-0172]] ext 9
Desired move-in date: 1 Nov 2025`,

  // cancellation with quoted retention offer
  `> Hi [[PERSON:Ben]], we're sorry to see you go! Before we cancel, would you like 50% off for 3 months?

No thanks. Please cancel and confirm by email to [[EMAIL:ben.kaplan.nyc@icloud.com]]. And remove my card ending 2019 from file.
— [[PERSON:Ben Kaplan]]`,

  // pet insurance, pet name not a person
  `Claim for our dog Luna (microchip 985112004318827), vet visit on 21 May, invoice total £412.50. Policyholder [[PERSON:Hollie Pemberton]], [[EMAIL:hollie.pemberton@outlook.com]]. Luna is 7 and has had no previous claims.`,

  // Instagram DM giveaway, street named Grace
  `hi!! i won the giveaway 🎉 ship to [[PERSON:Tiana Brooks]], [[STREET_ADDRESS:1309 W Grace St, Richmond, VA 23220]] 💕 my cell [[PHONE:804.555.0147]]`,

  // bot chat, work address
  `Sol: Hi, I'm Sol 👋 What's the email on your account?
User: its [[EMAIL:summer.nguyen.93@gmail.com]]
Sol: Thanks! I've sent a 6-digit code to that address.
User: got it 481 902
Sol: You're verified. How can I help?
User: change my shipping to my work address: [[STREET_ADDRESS:600 Congress Ave, Suite 1400, Austin, TX 78701]]`,

  // clinic call note, doctors
  `Phone call – patient requested referral status. Pt: [[PERSON:Gurpreet Kaur Sandhu]], DOB [[DATE_OF_BIRTH:1959/02/27]]. Referred by Dr. [[PERSON:Ahmed]] to cardiology (Dr [[PERSON:Lindgren]]) on 4/10. Pt prefers callback on [[PHONE:(905) 555-0161]] after 2pm.`,

  // mortgage e-mail, IE IBAN and Irish address
  `Please find attached the signed disclosure. For the wire, our solicitor's details are with [[PERSON:Aoife]]. Funds will come from my Irish account [[IBAN:IE87 BOFI 5300 0839 0613 63]]. Property: [[STREET_ADDRESS:9 Harbour View, Kinsale, Co. Cork, P17 XT62]].`,

  // employment verification
  `Employment verification request for former employee [[PERSON:Terrence Holloway]] (employed 2019–2023). SSN [[US_SSN:170-39-7423]]. Please return the completed form to verify@workcheck.com within 5 business days.`,

  // UK council tax move
  `Council tax reference 6620014772. I moved out of [[STREET_ADDRESS:42 Chapel Street, Salford M3 5JZ]] on 30 April and into [[STREET_ADDRESS:Flat 11, Mercer House, 8 Wharf Road, Manchester M4 6BW]]. Please close my old account and set up a new one. [[PERSON:Aleksandra Nowak]], [[PHONE:07700 900384]].`,

  // chat with first-name mentions
  `[agent] ok I've checked with billing. [[PERSON:Dana]] says the credit was applied on the 3rd.
[customer] weird, I don't see it. can you ask [[PERSON:Marcus]] to call me? he handled it last time
[agent] [[PERSON:Marcus]] is off today but I'll leave him a note. Is [[PHONE:+1 312 555 0104]] still the best number?`,

  // hotel special request, birthday without date
  `Reservation 88120-KL for [[PERSON:Anand Krishnamurthy]] and [[PERSON:Lakshmi Krishnamurthy]], arriving 22 Aug, 3 nights. Special request: a small cake on the 23rd for [[PERSON:Lakshmi]]'s 40th birthday. Please confirm to [[EMAIL:anand.k@rediffmail.com]].`,

  // Australian number port
  `Hi, I want to port my number [[PHONE:+61 491 570 156]] from my old provider. Account name [[PERSON:Chloe Papadopoulos]], service address [[STREET_ADDRESS:18/240 Bondi Road, Bondi NSW 2026]]. Port auth code is on its way by SMS.`,

  // GP booking SMS, lower case dob
  `hiya can i book a blood test for next week, name [[PERSON:wayne dobbs]] dob [[DATE_OF_BIRTH:5.11.88]] mob [[PHONE:07700 900947]] ta`,

  // gym membership freeze e-mail with signature
  `Hello,

Could you freeze my membership from 1 July to 31 August? I'll be working in [[LOCATION:Singapore]] over the summer. Membership no. 00482211.

Thanks,
[[PERSON:Connor McAllister]]
[[PHONE:+1 (303) 555-0119]] | [[EMAIL:connor.mcallister@fastmail.com]]`,

  // ticket with password in form
  `Subject: Can't log in after migration
Portal: customer.helixhosting.com
Username: [[EMAIL:o.kuznetsova@mail.ru]]
password: [[SECRET:Zarya!Spring2025]]
I've tried resetting twice and the emails never arrive. Please fix — [[PERSON:Olga Kuznetsova]]`,

  // healthcare EOB question with member and provider
  `Hi, my explanation of benefits lists a procedure I never had, CPT 99214, billed by Dr. [[PERSON:Stanley Whitmore]] on 02/11/2025. I'm [[PERSON:Precious Mahlangu]], DOB [[DATE_OF_BIRTH:12/30/1985]]. I've never been to that clinic. Is this fraud?`,

  // Mastercard 2-series, support chat
  `Customer: the checkout keeps saying "card number invalid" but it's a brand new card
Agent [[PERSON:Siddharth]]: Can you double check the digits? It should start with 2 or 5 for Mastercard.
Customer: yes [[CREDIT_CARD:2221 3122 2003 8697]], expiry 11/29
Agent [[PERSON:Siddharth]]: Thanks — please don't send card numbers here, I've deleted the message. The issue was on our side and is fixed now.`,

  // Spanish (Spain) chat, IBAN + address
  `Cliente: Hola, quiero cambiar la cuenta de domiciliación. La nueva es [[IBAN:ES80 6178 5776 2668 6940 9447]].
Agente: Perfecto. ¿Me confirma el titular?
Cliente: [[PERSON:María del Carmen Ruiz Gallego]], con domicilio en [[STREET_ADDRESS:Calle de Alcalá 145, 3º B, 28009 Madrid]].
Agente: Gracias, [[PERSON:María del Carmen]]. El cambio se aplicará en la próxima factura.`,

  // Mexican Spanish e-mail
  `Asunto: Cobro duplicado pedido MX-77120

Buenas tardes, me cobraron dos veces $1,299 MXN con mi tarjeta [[CREDIT_CARD:4135 1197 1814 7810]]. Mi nombre es [[PERSON:Guadalupe Hernández Cruz]] y el pedido se entregó en [[STREET_ADDRESS:Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México, CDMX]]. Tel. [[PHONE:+52 55 4123 8890]].
Saludos.`,

  // French insurance e-mail
  `Objet : Remboursement soins dentaires

Madame, Monsieur,
Je n'ai toujours pas reçu le remboursement de ma séance du 14 mars. Assuré : [[PERSON:Jean-Baptiste Lefèvre]], né le [[DATE_OF_BIRTH:7 février 1969]]. Mon RIB : [[IBAN:FR16 4874 4731 7914 4204 9668 896]].
Cordialement,
[[PERSON:J.-B. Lefèvre]]
[[STREET_ADDRESS:12 rue des Lilas, 69003 Lyon]]`,

  // German chat with bot
  `Kunde: Guten Tag, mein Paket (Sendungsnummer 00340434161094042557) ist laut Tracking zugestellt, aber ich habe nichts bekommen.
Sol: Das tut mir leid. Bitte nennen Sie mir Ihren Namen und die Lieferadresse.
Kunde: [[PERSON:Lukas Schmidt-Hoffmann]], [[STREET_ADDRESS:Lindenstraße 14, 50674 Köln]]
Sol: Danke, Herr [[PERSON:Schmidt-Hoffmann]]. Ich leite das an unser Team weiter.`,

  // German HR payroll
  `Hallo Frau [[PERSON:Becker]],
anbei meine Daten für die Gehaltsabrechnung: [[PERSON:Jonas Weber]], geboren am [[DATE_OF_BIRTH:03.09.1975]], IBAN [[IBAN:DE64 0494 2811 0868 1273 89]]. Die Steuer-ID reiche ich nach. Eintrittsdatum: 01.06.2025.
Viele Grüße`,

  // Italian cancellation, birthplace
  `Buongiorno, vorrei disdire l'abbonamento. Intestataria: [[PERSON:Giulia Romano]], nata il [[DATE_OF_BIRTH:21/06/1991]] a [[LOCATION:Napoli]]. Residenza: [[STREET_ADDRESS:Via Giuseppe Garibaldi 58, 10122 Torino]]. Cell. [[PHONE:347 128 4406]]. Grazie.`,

  // Italian refund IBAN
  `Salve, il rimborso va accreditato sul conto [[IBAN:IT92 Q790 9165 5491 5521 7220 794]] intestato a [[PERSON:Marco Bianchi]]. Pratica n. RM-2025-00871, aperta il 3 aprile. Grazie, [[PERSON:Marco]]`,

  // Brazilian Portuguese delivery
  `Oi, tudo bem? Meu pedido ainda não chegou. Endereço: [[STREET_ADDRESS:Rua Augusta, 1508, apto 72, Consolação, São Paulo - SP, 01304-001]]. Nome: [[PERSON:Thiago Carvalho dos Santos]]. WhatsApp [[PHONE:+55 11 98123-4470]]. Obrigado!`,

  // European Portuguese refund
  `Boa tarde. Segue o IBAN para o reembolso da encomenda 55102: [[IBAN:PT49 3187 7669 7152 1734 8545 7]]. Titular: [[PERSON:Inês Figueiredo]]. Qualquer dúvida, liguem para o [[PHONE:912 345 678]].`,

  // Dutch address change
  `Hoi, ik ben [[PERSON:Sanne de Vries]]. Mijn pakket is naar mijn oude adres gestuurd. Nieuw adres: [[STREET_ADDRESS:Van Speijkstraat 81-2, 1057 GM Amsterdam]]. Mijn telefoonnummer is [[PHONE:06 12 87 44 90]]. Groetjes!`,

  // Polish account recovery
  `Dzień dobry, nie mogę zalogować się do konta. Nazywam się [[PERSON:Katarzyna Wiśniewska]], urodzona [[DATE_OF_BIRTH:15.08.1990]]. Adres e-mail: [[EMAIL:k.wisniewska90@wp.pl]]. Numer konta do zwrotu: [[IBAN:PL07 1863 3907 1960 1005 7746 8138]].`,

  // Turkish order + refund
  `Merhaba, siparişim (TR-448812) hâlâ gelmedi. Adı soyadı: [[PERSON:Elif Yılmaz]], doğum tarihi [[DATE_OF_BIRTH:02.02.1988]]. Adres: [[STREET_ADDRESS:Bağdat Caddesi No: 214 Daire 7, 34728 Kadıköy/İstanbul]]. Tel: [[PHONE:+90 532 418 27 65]]. İade için IBAN: [[IBAN:TR03 5839 0922 8345 4088 1835 77]]`,

  // Arabic (Saudi)
  `مرحباً، اسمي [[PERSON:نورة القحطاني]]. لم يصل طلبي رقم 77120 حتى الآن. رقم جوالي [[PHONE:+966 55 218 4470]] وأسكن في [[LOCATION:الرياض]]. أرجو استرداد المبلغ إلى الآيبان [[IBAN:SA30 2676 2200 0205 7487 8146]]. شكراً.`,

  // Arabic/English mix (UAE)
  `Hi, عندي مشكلة في الفاتورة. My name is [[PERSON:Layla Haddad]], I live in [[LOCATION:Dubai]]. حولت المبلغ من حسابي [[IBAN:AE77 8197 0257 2128 4415 840]] يوم 4 مايو but the invoice still shows unpaid. Please email me at [[EMAIL:layla.haddad@icloud.com]].`,

  // Hinglish refund
  `Namaste ji, mera refund abhi tak nahi aaya. Order ID 405-1182277-993. Mera naam [[PERSON:Ankit Verma]] hai aur number [[PHONE:98110 45527]] hai. Delivery [[STREET_ADDRESS:H.No. 221, Sector 15, Rohini, Delhi 110089]] pe honi thi. Jaldi check karo please.`,

  // Hinglish DOB correction
  `meri date of birth galat update ho gayi hai profile mein. sahi DOB [[DATE_OF_BIRTH:11/09/1995]] hai. account [[EMAIL:sneha.kulkarni95@rediffmail.com]] se linked hai. PAN card pe bhi yahi DOB hai. - [[PERSON:Sneha]]`,

  // Taglish parcel
  `Hello po, hindi pa dumating yung parcel ko. Name: [[PERSON:Maria Lourdes Dela Cruz]], address: [[STREET_ADDRESS:Blk 12 Lot 7, Mabini St., Brgy. San Isidro, Antipolo City, 1870 Rizal]], cp [[PHONE:0917 452 8813]]. Salamat po!`,

  // Japanese address change (postcode first)
  `お世話になっております。注文番号 JP-20250411-883 の件でご連絡しました。配送先を変更したいです。
新住所：[[STREET_ADDRESS:〒150-0001 東京都渋谷区神宮前3-12-8]]
氏名：[[PERSON:佐藤 美咲]]
電話：[[PHONE:090-4821-7736]]
よろしくお願いいたします。`,

  // Japanese DOB correction
  `会員情報の生年月日が間違っています。正しくは[[DATE_OF_BIRTH:1985年4月12日]]です。会員番号は 00418822、登録メールは [[EMAIL:takahashi.kenji@docomo.ne.jp]] です。よろしくお願いします。[[PERSON:高橋健二]]`,

  // Korean delivery
  `안녕하세요. 주문한 상품이 아직 도착하지 않았습니다. 이름: [[PERSON:김민준]], 연락처: [[PHONE:010-3842-5517]], 주소: [[STREET_ADDRESS:서울특별시 강남구 테헤란로 152, 1203호]]. 확인 부탁드립니다.`,

  // Chinese account lock
  `你好，我的账户被锁了。我叫[[PERSON:王芳]]，注册手机号是[[PHONE:+86 139 1066 2874]]，出生日期[[DATE_OF_BIRTH:1992年7月30日]]。邮箱[[EMAIL:wangfang0730@163.com]]。麻烦尽快处理，谢谢！`,

  // Chinese address
  `快递一直没到，单号 SF1402238817662。收件地址是[[STREET_ADDRESS:上海市徐汇区漕溪北路88号3单元602室]]，收件人[[PERSON:李静]]，电话[[PHONE:186 2174 3390]]。请帮忙查一下。`,

  // Québec French SMS
  `salut c [[PERSON:maxime]], mon cell a changé, nouveau # [[PHONE:438-555-0126]]. mon courriel reste [[EMAIL:max.gagnon@videotron.ca]]. merci!`,

  // US Spanish, hospital bill for mother
  `Hola, llamo por la factura del hospital. Mi mamá, [[PERSON:Rosa Elena Márquez]], fecha de nacimiento [[DATE_OF_BIRTH:12/04/1958]], tiene Medicare y la factura de $3,420 llegó a su nombre. Su número de Seguro Social es [[US_SSN:098-71-2515]]. Vivimos en [[LOCATION:El Paso]].`,

  // Swiss German refund
  `Grüezi, bitte überweisen Sie die Rückerstattung auf mein Konto [[IBAN:CH71 5439 7384 6120 1890 2]]. [[PERSON:Reto Brunner]], [[STREET_ADDRESS:Seefeldstrasse 119, 8008 Zürich]]. Besten Dank.`,

  // Austrian direct debit
  `Sehr geehrte Damen und Herren, bitte buchen Sie die Jahresgebühr künftig von [[IBAN:AT56 4617 4923 8271 5983]] ab. Kontoinhaberin: [[PERSON:Magdalena Huber]], [[STREET_ADDRESS:Mariahilfer Straße 88/4/12, 1070 Wien]]. Mit freundlichen Grüßen`,

  // Belgian Dutch refund
  `Goedemiddag, gelieve de terugbetaling te storten op [[IBAN:BE18 7350 4188 2665]] op naam van [[PERSON:Pieter Janssens]]. Mijn gsm: [[PHONE:+32 478 12 34 56]]. Alvast bedankt.`,

  // French SaaS log
  `Bonjour, depuis la mise à jour 4.2.0 nos utilisateurs reçoivent une erreur 500. Extrait du log :
2025-05-02 09:14:55 ERROR [auth] échec pour [[EMAIL:claire.dubois@orange.fr]] depuis [[IP_ADDRESS:92.184.105.31]]
2025-05-02 09:14:56 INFO  [health] ok 10.0.3.14
Merci d'avance, [[PERSON:Antoine Mercier]]`,

  // Argentine Spanish informal
  `che, me cobraron de más este mes. soy [[PERSON:Facundo]], mi mail es [[EMAIL:facu.gimenez@gmail.com]]. la tarjeta termina en 4843. vivo en [[LOCATION:Rosario]], si necesitan algo escriban`,

  // Brazilian HR health plan
  `Prezados, seguem meus dados para o cadastro no plano de saúde: [[PERSON:Beatriz Oliveira Lima]], data de nascimento [[DATE_OF_BIRTH:19/03/1989]], e-mail [[EMAIL:bia.oliveira.lima@uol.com.br]]. Dependente: meu filho [[PERSON:Gabriel]], nascido em [[DATE_OF_BIRTH:02/10/2020]].`,

  // Brazilian international refund
  `Olá! Comprei pelo site de vocês em [[LOCATION:Lisboa]] mas moro no [[LOCATION:Brasil]]. Para o reembolso internacional, meu IBAN é [[IBAN:BR45 2447 3645 2087 2006 6362 141C 1]], titular [[PERSON:Rafael Nogueira]]. Valor: € 89,90.`,

  // German SaaS IP whitelist
  `Hallo Support, bitte schalten Sie für unseren Account die IP [[IP_ADDRESS:79.241.18.202]] frei (unser neues Büro). Die alte IP 192.168.178.20 war nur intern. Ansprechpartner: [[PERSON:Tobias Krämer]], [[PHONE:+49 89 2180 4471]].`,

  // Spanish voicemail with extension
  `Mensaje de voz (10:12): "Buenos días, soy [[PERSON:Lucía Navarro]], de contabilidad. Llamo por la factura 2025-0117. Pueden devolverme la llamada al [[PHONE:+34 612 384 905]], extensión 22. Gracias."`,

  // Mexican IP + mixed Spanish/English log
  `Hola equipo, el cliente dice que no puede entrar desde su casa. Log:
2025-06-01T17:40:12Z WARN blocked_geo ip=[[IP_ADDRESS:187.190.44.63]] user=[[EMAIL:a.cardenas@prodigy.net.mx]] rule=geo_block_v2
Su nombre es [[PERSON:Alejandro Cárdenas]] y vive en [[LOCATION:Guadalajara]].`,
];

const NEGATIVES: readonly string[] = [
  // order confirmation
  `Order confirmed! Order #BW-20250611-4471. Items: 2 × Linen Throw (SKU LT-GRY-140), 1 × Harper Side Table (SKU HST-OAK-01). Subtotal $184.00, shipping $9.95, tax $15.42, total $209.37. Estimated delivery: June 14 – June 18. You'll receive a tracking number once your order ships.`,

  // shipping notification
  `Your package is on its way. Carrier: UPS. Tracking number 1Z 4F9 W12 03 8841 2276. Shipped on 2025-05-09 from our fulfilment centre. Expected delivery Tuesday by end of day. If the status has not changed in 5 business days, reply to this message or contact support@parcelway.com.`,

  // release notes
  `Release 4.2.1 (2025-04-30)
- Fixed a crash when exporting reports larger than 50 MB (#4412)
- Upgraded openssl to 3.0.13 and node to 20.12.2
- Deprecated the /v1/legacy endpoint; it will be removed in 5.0.0
Commit: 4d8c4fa2815d2802827283e0ad84173581569969
Docs: https://docs.relaybox.io/changelog`,

  // bot greeting with role mailbox
  `Hi, I'm Sol, your virtual assistant! I can help with orders, returns and billing. For invoices, e-mail billing@brightcart.com; for data-protection requests, privacy@brightcart.com. Our help centre is at https://help.brightcart.com/returns. Sol is available 24/7; human agents are online Mon–Fri 8:00–20:00.`,

  // API quickstart with placeholders
  `Quickstart: export RELAYBOX_API_KEY=<YOUR_API_KEY>
curl https://api.relaybox.io/v2/ping -H "Authorization: Bearer sk-xxxxxxxxxxxxxxxxxxxxxxxx"
For local development the server listens on http://127.0.0.1:8080 and http://localhost:8080. Replace sk-xxxx with the key from your dashboard. Never commit real keys.`,

  // furniture product names that are names / cities
  `New in: the Victoria 3-seater sofa in Florence Grey, the Austin writing desk, the Madison floor lamp and the Savannah rug (160 × 230 cm). The Brooklyn bookcase is back in stock in oak and walnut. All items ship within 10 working days.`,

  // words that are also names
  `Will your team be able to extend the grace period? In May we'll switch billing to the new plan, so the bill you get this summer may look different. Our rose gold and hunter green cases are part of the Summer Sale, which ends on the last Sunday of August.`,

  // companies named after people
  `Supported payment partners: Wells Fargo, Morgan Stanley, Charles Schwab, Goldman Sachs and JPMorgan Chase. Retail partners include Ben & Jerry's, Tim Hortons, Wendy's and Dr. Martens. Partnerships are renewed every January.`,

  // nginx with private / documentation IPs
  `10.0.4.17 - - [02/Jun/2025:09:12:44 +0000] "GET /healthz HTTP/1.1" 200 2
192.168.1.54 - - [02/Jun/2025:09:12:45 +0000] "POST /api/v2/orders HTTP/1.1" 201 512
172.16.20.9 - - [02/Jun/2025:09:12:45 +0000] "GET /metrics HTTP/1.1" 200 3321
203.0.113.42 - - [02/Jun/2025:09:12:46 +0000] "GET / HTTP/1.1" 301 0
::1 - - [02/Jun/2025:09:12:47 +0000] "GET /ready HTTP/1.1" 200 2
2001:db8::7 - - [02/Jun/2025:09:12:48 +0000] "GET /favicon.ico HTTP/1.1" 404 0`,

  // incident report with ids, hashes, timestamps
  `Incident INC-2291 (resolved). Start 2025-03-18T02:14:09Z, end 2025-03-18T03:01:55Z. Affected job id 3f9a1c2e-7b44-4e0a-9d51-c8e2f6a0b713; image digest sha256:e58b081006f7e3dfc967a64cb14028d512c9791e558e08baa7196b50ac2f8670. Root cause: expired TLS certificate on the internal load balancer. Follow-up tasks OPS-881 and OPS-882.`,

  // refund policy
  `Refunds are issued to the original payment method within 5–10 business days. Orders placed before 1 January 2025 follow the previous policy. Items over $500 require a return authorization number (RMA-xxxxxx). Gift cards, final-sale items and opened software are non-refundable.`,

  // Spanish order notice
  `Tu pedido ES-558120 ha sido enviado. Número de seguimiento: 0082 4471 9930 1156. Importe: 49,90 € (IVA incluido). Entrega estimada: entre el 12 y el 14 de junio. Si tienes dudas, escribe a atencion@tiendaverde.es.`,

  // French invoice notice
  `Votre facture n° FAC-2025-04417 d'un montant de 128,40 € TTC est disponible. Échéance : 30/06/2025. Référence client : CL-77120. Le prélèvement sera effectué automatiquement à cette date. Conditions générales : https://www.energie-claire.fr/cgv`,

  // German release / order notice
  `Ihre Bestellung 3004-88127 wurde versandt. Artikelnummer 4012345678901, Menge 2, Preis 19,99 €. Voraussichtliche Zustellung: 05.06.2025. Version der App: 7.3.0 (Build 7302). Bei Fragen wenden Sie sich an kundenservice@haushaltprofi.de.`,

  // Japanese order notice
  `ご注文ありがとうございます。注文番号：JP-20250602-1147。商品：ワイヤレスイヤホン（型番 WE-300）×1、金額：12,800円（税込）。お届け予定日：6月5日。お問い合わせは support@kaden-plus.jp までご連絡ください。`,

  // config file with placeholders
  `# config.yaml (example)
database:
  host: localhost
  port: 5432
  user: app
  password: <CHANGE_ME>
api:
  key: sk-xxxxxxxxxxxxxxxxxxxx
  base_url: https://api.example.com/v1
  timeout_ms: 30000`,

  // stack trace without personal data
  `java.lang.IllegalStateException: Connection pool shut down
    at org.apache.http.pool.AbstractConnPool.lease(AbstractConnPool.java:189)
    at com.acme.billing.sync.InvoiceSync.run(InvoiceSync.java:77)
    at java.base/java.lang.Thread.run(Thread.java:1583)
Build 2025.06.1-rc2, JDK 21.0.3, commit a91f3c0.`,

  // role mailboxes
  `Please route requests as follows: refunds to refunds@northwind-outdoor.com, wholesale to sales@northwind-outdoor.com, press to press@northwind-outdoor.com. Do not reply to noreply@northwind-outdoor.com; that mailbox is not monitored.`,

  // holiday schedule
  `Holiday hours: closed on Victoria Day (May 19), Civic Holiday (August 4), Labour Day (September 1) and Christmas Day. On St. Patrick's Day and Boxing Day we open 10:00–16:00. Orders placed on a holiday are processed the next business day.`,

  // status page
  `Status update 14:20 UTC: elevated error rates in us-east-1 and eu-west-2 for the Messages API. Error code 503 on roughly 2.4% of requests. Mitigation deployed in build 2025.06.03-1. Next update at 15:00 UTC. Subscribe at https://status.relaybox.io.`,

  // generic question to bot
  `User: Will my order ship before May 5?
Sol: Orders placed before 2 p.m. ship the same business day. Standard delivery takes 3–5 business days, express 1–2.
User: ok and is there a grace period for returns?
Sol: Yes — 30 days from delivery, plus 14 extra days during the holiday season.`,

  // template with placeholders
  `Dear {{customer_first_name}},
Thank you for contacting us about order {{order_id}}. Your case number is {{case_id}}. One of our agents will reply within 24 hours.
Kind regards,
[Agent Name]
Customer Care Team`,

  // JSON API response
  `{"id":"ord_8f3e2a104c8b","status":"paid","amount":4999,"currency":"usd","created":"2025-05-14T10:22:31Z","items":[{"sku":"TEE-BLK-M","qty":2,"price":1999},{"sku":"CAP-NVY","qty":1,"price":1001}],"shipping_method":"ground","request_id":"req_7b44e0a9"}`,

  // Dutch notice
  `Uw bestelling NL-204411 is verzonden met PostNL. Track & trace: 3SABC1234567890. Totaalbedrag € 64,95. Verwachte levering: donderdag tussen 14:00 en 18:00. Vragen? Mail naar klantenservice@fietsplaza.nl.`,

  // Polish notice
  `Zamówienie nr PL-99127 zostało opłacone. Kwota: 249,00 zł. Numer przesyłki: 6200 1234 5678 9012. Przewidywana dostawa: 10.06.2025. Regulamin sklepu: https://sklep-przyklad.pl/regulamin.`,

  // git log
  `commit 9c1e4b7a2f0d88e31b5c6a7d9e0f1a2b3c4d5e6f
Merge: 4d8c4fa a91f3c0
Date:   Tue Jun 3 11:04:52 2025 +0000

    Merge pull request #4471 from release/2.8.3

    Bump version to 2.8.3, update lockfile`,

  // marketing with name-like words
  `Meet Florence, our new ergonomic chair, and Hunter, the rugged hiking boot. Pair them with the Grace tote or the Rose & Ivy scented candle. Free shipping on orders over $75 until June 30. Use code SUMMER25 at checkout.`,

  // Chinese notice
  `您的订单 CN-20250518-7731 已发货，快递单号 YT8812204471905。订单金额 ¥299.00。预计 3 个工作日内送达。如有问题请联系客服邮箱 service@shangpin-example.cn。`,

  // chargeback policy FAQ
  `How do chargebacks work? If you dispute a charge with your bank, we receive a notice within 7–10 days and the disputed amount (plus a $15 fee) is held. Dispute reason codes such as 10.4 (fraud) or 13.1 (merchandise not received) determine the evidence we submit. Cases usually close within 75 days.`,

  // password policy / security notice
  `Password requirements: at least 12 characters, including one number and one symbol. Example format only: Xxxxxxx#0000 — do not use this. API tokens start with the prefix rbx_live_ or rbx_test_ followed by 32 characters; tokens shown in the docs such as rbx_test_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX are placeholders.`,
];

export function heldout7(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h7-p${i + 1}`, 'heldout7', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h7-n${i + 1}`, 'heldout7-negative', src, true)),
  ];
}
