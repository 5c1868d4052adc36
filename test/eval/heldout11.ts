/**
 * Held-out set 11: 111 hand-labeled texts plus 35 hard negatives, written blind (without looking at the detector or at
 * the other evaluation sets; only markup.ts and heldout9.ts's header / export were read). It follows the product brief
 * literally: realistic customer-support text as it is pasted into an LLM, mostly SHORT to MEDIUM (about half under 500
 * characters): support tickets with subject lines, live-chat transcripts (agent / customer / bot turns, timestamps,
 * usernames), forwarded e-mails with quoted replies and signatures (titles, companies, phones, addresses split over
 * lines), pasted application logs, JSON payloads, .env files, curl commands and stack traces with leaked e-mails, IPs,
 * API keys (Stripe, AWS, GitHub, GitLab, Slack, OpenAI, Anthropic, Google, SendGrid, Twilio, npm, Mailgun), bearer
 * tokens, JWTs, passwords in config lines and in prose, private keys and connection strings; informal lower-case
 * text with typos, emoji and abbreviations (pls, thx, u, ur); names from many cultures (Nigerian, Ghanaian, Indian,
 * Chinese, Vietnamese, Korean, Japanese, Arabic, Polish, Hungarian, Irish with Ó / Mc / Ní, Spanish double surnames,
 * Dutch and German particles, Icelandic patronymics, Hawaiian, Māori), first names alone, surnames with titles,
 * nicknames and initials, and given names that are also words or places (Will, May, Grace, Bill, Jordan); DATE_OF_BIRTH
 * in many phrasings and formats next to order, appointment and expiry dates that are not labeled; values at the very
 * start or end of a text, in parentheses, quotes, brackets and markdown, after a colon without a space. About 70 %
 * English (US, UK, Canada, Australia, New Zealand, Ireland, India, Nigeria, Ghana, Kenya, South Africa, Singapore,
 * Malaysia, Philippines) and 30 % other languages (ES, FR, DE, IT, PT, NL, PL, SV, TR, RU, EL, JA, ZH, KO, AR) with
 * national phone, address, date and bank formats. The hard negatives are order confirmations, shipping notices with
 * UPS / USPS / FedEx / DHL / Colissimo / SF tracking numbers, invoices, SKUs and prices, release notes and product
 * pages whose product names are also given names or words (a "Grace" lamp, a "Will" plan, a "May" sale, "Will Call"
 * pickup), bot scripts that mention "Pip", status pages and logs with only private IPs, versions, build ids, UUIDs and
 * hashes, policies and FAQs with non-birth dates, and stock spreadsheets, in English and in DE, FR, ES, IT, SV, JA, ZH.
 * Conventions: titles (Mr., Dr., Ms, Herr, Frau) and "'s" are outside PERSON spans; a full name is one PERSON span
 * (also "SURNAME/GIVEN"), a first name or surname alone is a PERSON span; pet names are not persons; phone
 * extensions are outside PHONE; a street address span runs from the house number / flat (or the street name where it
 * comes first, or the postcode where the national format starts with it) to the postcode and city (and state /
 * province abbreviation) written right after it; city / region / country names outside an address span are
 * LOCATION; a URL carrying personal values or credentials is one URL span (nothing labeled inside it); for
 * `password: value` only the value is SECRET; a full private-key block is one SECRET span; DATE_OF_BIRTH only where
 * the context says it is a birth date; partial numbers ("card ending 6140") are not labeled; organizations (also
 * when named after people), role mailboxes, the support bot "Pip", private / loopback / documentation IPs and plain
 * public URLs are not labeled. Cards are Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by
 * SSA rules, labeled IPs public.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // US ticket, wrong size, address with apartment and phone, signed name with accent
  `Subject: wrong size delivered - order #A7731-0924

Hi, I got the trail runners in a 9 instead of a 10.5. Please send the right pair to [[STREET_ADDRESS:4418 Calloway Dr Apt 2B, Bakersfield, CA 93312]] and call me at [[PHONE:(661) 823-4417]] if anything's unclear. I'll drop the wrong ones at a UPS store this week.

Thanks, [[PERSON:Renée Castillo]]`,

  // live chat with the bot Pip and an agent, card pasted in chat
  `[09:14:02] Pip (virtual assistant): Hi! I'm Pip. What can I help you with today?
[09:14:20] guest_48821: need to update the card on my subscription
[09:14:21] Pip (virtual assistant): I can connect you with an agent. Could you share the e-mail on the account?
[09:14:39] guest_48821: [[EMAIL:tbrannigan.77@yahoo.com]]
[09:15:10] [[PERSON:Kezia]] (Billing): Thanks [[PERSON:Tom]], I can see the Premium plan. What's the new card?
[09:15:48] guest_48821: [[CREDIT_CARD:4335 2571 8219 5176]] exp 08/28
[09:16:02] [[PERSON:Kezia]] (Billing): Please don't paste full card numbers in chat - I've sent you a secure payment link instead.`,

  // informal lower-case, emoji, nickname
  `hey so my order never came?? tracking says delivered but nope 😤 its [[PERSON:jas]] btw, acct under [[EMAIL:jasmine.okoro@icloud.com]]. pls call [[PHONE:917 402 8836]] after 5 thx`,

  // UK ticket, Irish name with fada, flat address, quoted earlier reply
  `Subject: Refund not received (ref CX-20931)

Hello,
I returned the kettle on 2 May and still haven't seen the £64.99 back on my card. The Royal Mail receipt shows it was signed for at your returns centre on 6 May, so it's been nearly three weeks, and your e-mail below said 5-7 working days.

My details:
Name: [[PERSON:Siobhán Ní Bhriain]]
Address: [[STREET_ADDRESS:Flat 3, 27 Alderney Road, London E1 4EG]]
Mobile: [[PHONE:07911 364208]]

Could someone please look into it? I'd rather not have to raise it with my bank.
Kind regards
[[PERSON:Siobhán]]

> From: Returns Team
> Sent: 7 May 2025 09:12
> Thank you, we've received your return for order KT-662019. Your refund will be processed within 5-7 working days.`,

  // Canada, move between cities, two phones
  `Subject: Address + phone change for acct 00418832

Hi there - we're moving from [[LOCATION:Calgary]] to [[LOCATION:Halifax]] on the 28th. Please update the account to [[STREET_ADDRESS:405-88 Quinpool Rd, Halifax, NS B3L 1A4]] and the billing phone to [[PHONE:902-431-7785]]. The old number ([[PHONE:403-290-6618]]) will be disconnected after that.

A couple of questions while I have you:
1. Can the modem move with us, or do I need to return it and get a new one shipped out east?
2. The last bill (Apr 1) charged the HD box twice - $12.99 x 2. Can that be credited?
3. My partner [[PERSON:Harpreet]] should be added as an authorized user so she can call in too.

Thanks,
[[PERSON:Gurpreet Sandhu]]`,

  // Australian chat, bot + agent whose name is also a country
  `Chat started 14/02/2025 7:41 pm AEDT
Pip: G'day! I'm Pip, the Wombat Sleep helper. What's your order number?
Customer: WS-5520917
Pip: Thanks. Can I grab the name on the order?
Customer: [[PERSON:Lachlan O'Donoghue]]
Pip: Looks like the courier tried on Tuesday. I'll pass you to a human.
[[PERSON:Jordan]] (Support): hey [[PERSON:Lachlan]], sorry about that. is [[STREET_ADDRESS:12/48 Campbell Pde, Bondi Beach NSW 2026]] still right?
Customer: yep. best to ring my mobile [[PHONE:0412 738 905]], the intercom's broken
[[PERSON:Jordan]] (Support): no worries. the driver's note says "no access to building". I've added "call on arrival" and rebooked for Friday 21/02, 7am-12pm. the mattress is vacuum-packed so it'll fit in the lift.
Customer: legend, cheers
[[PERSON:Jordan]] (Support): anything else? you've still got 97 nights left on the sleep trial btw
Customer: nah all good`,

  // Ireland, refund to IBAN, Eircode address, Irish sign-off
  `Subject: refund to bank instead of card pls

Hi,
The card I paid with has been cancelled (lost wallet!) so could the €212.40 refund for order IE-30492 go to my bank account instead? I rang on Monday and the lady said to put it in writing.

Account name: [[PERSON:Caoimhe Ó Súilleabháin]]
IBAN: [[IBAN:IE15 AIBK 9311 5285 8471 95]]
Address on file: [[STREET_ADDRESS:14 Glasnevin Park, Dublin 11, D11 K2X8]]

If you need anything else from me my number is [[PHONE:087 219 4463]]. The new card won't arrive until the end of the month so the bank transfer really is easier.

Go raibh maith agat,
[[PERSON:Caoimhe]]`,

  // India, formal complaint letter, initials in sign-off
  `Dear Sir/Madam,
This is regarding complaint no. CMP/2025/118734. The washing machine (model FL-8KG-INV, serial 2304IN77812) installed on 12-03-2025 is leaking since day one. Technician visited on 18-03-2025 and again on 27-03-2025 and replaced the door gasket, but issue not resolved. Water is collecting under the drum after every wash and the floor tiles are getting damaged.

Kindly arrange replacement at the earliest, as the product is well within the warranty period. I have attached the invoice and photos.

Name: [[PERSON:Venkataraman Subramanian]]
Address: [[STREET_ADDRESS:Flat 302, Sai Krupa Apartments, 14th Cross, Malleswaram, Bengaluru 560003]]
Mobile: [[PHONE:+91 98450 23716]] / alternate [[PHONE:080-2334 1187]]
Email: [[EMAIL:v.subramanian64@rediffmail.com]]

Thanking you,
[[PERSON:V. Subramanian]]`,

  // Nigerian Pidgin complaint
  `Good afternoon. Abeg una don collect my money since Friday and the generator never reach. Order no GEN-77103. My name na [[PERSON:Chukwuemeka Obi-Nwosu]], phone [[PHONE:0803 412 7789]]. Delivery address na [[STREET_ADDRESS:12 Adeola Odeku Street, Victoria Island, Lagos]]. Make una call me today please, I dey wait.`,

  // South Africa chat, bot handoff, agent first name repeated
  `Me: Hi Pip, I need a human please.
[agent joined: [[PERSON:Sipho]]]
[[PERSON:Sipho]]: Hi, [[PERSON:Sipho]] here. How can I help?
Me: my contract upgrade still shows pending. ID verification was done at the store in [[LOCATION:Sandton]] last week.
[[PERSON:Sipho]]: Can you confirm your full name and the delivery address?
Me: [[PERSON:Thandiwe Mokoena]], [[STREET_ADDRESS:45 Jan Smuts Avenue, Rosebank, Johannesburg, 2196]]
[[PERSON:Sipho]]: Thanks [[PERSON:Thandiwe]]. And a contact number?
Me: [[PHONE:082 614 9037]]
[[PERSON:Sipho]]: I see the problem - the credit check came back fine but the order was never released to the courier. I've pushed it through now; you should get an SMS with the waybill within 24 hours. The new phone comes with the sim already activated.
Me: ok great. and the old contract?
[[PERSON:Sipho]]: It ends automatically when the upgrade activates, no cancellation fee. Anything else?
Me: no, thanks for the help`,

  // Singapore, Singlish, two addresses (HDB block and office unit)
  `hello can help or not, my parcel stuck at the locker since monday leh. name [[PERSON:Tan Wei Ming]], hp [[PHONE:9734 2186]]. the locker at [[STREET_ADDRESS:Blk 456 Ang Mo Kio Ave 10, Singapore 560456]] say "door fault". can redeliver to my office instead? [[STREET_ADDRESS:1 Raffles Place, #20-61, Singapore 048616]]. thx ah`,

  // pasted application log with e-mails, public IPs, a leaked Stripe key, a private IP
  `2025-04-17T08:31:55.201Z INFO  [auth] login ok user=[[EMAIL:m.kowalczyk@proton.me]] ip=[[IP_ADDRESS:83.24.117.209]] sid=3f9a0c1e77b2
2025-04-17T08:31:56.014Z DEBUG [billing] POST https://api.stripe.com/v1/payment_intents auth="Bearer [[SECRET:sk_live_Zqumpm08hsE8JNpjJOQGa2rb]]"
2025-04-17T08:31:56.733Z ERROR [billing] card_declined customer=cus_Q8xLr2 code=do_not_honor
2025-04-17T08:32:10.450Z INFO  [auth] login ok user=[[EMAIL:elif.sahin@outlook.com.tr]] ip=[[IP_ADDRESS:78.188.92.16]] sid=b7d1e0aa4c19
2025-04-17T08:32:11.002Z INFO  [health] db=ok cache=ok upstream=10.20.3.14:8443
2025-04-17T08:32:14.871Z WARN  [auth] failed login user=[[EMAIL:rajesh.nair1979@gmail.com]] ip=[[IP_ADDRESS:49.36.211.74]] reason=bad_password attempts=3
2025-04-17T08:32:15.090Z WARN  [auth] failed login user=[[EMAIL:rajesh.nair1979@gmail.com]] ip=[[IP_ADDRESS:49.36.211.74]] reason=bad_password attempts=4
2025-04-17T08:32:15.912Z INFO  [ratelimit] lock account=acc_77120 until=2025-04-17T08:47:15Z`,

  // JSON webhook payload with Vietnamese name and birth date field
  `Webhook body that failed validation (delivery attempt 3 of 5):
{"event":"customer.updated","data":{"id":"cus_88213","name":"[[PERSON:Nguyễn Thị Minh Anh]]","email":"[[EMAIL:minhanh.nguyen91@gmail.com]]","phone":"[[PHONE:+1 408 772 1905]]","birthdate":"[[DATE_OF_BIRTH:1991-11-23]]","address":"[[STREET_ADDRESS:2290 Lafayette St, Santa Clara, CA 95050]]","created":"2024-06-02T17:44:09Z","plan":"family_annual","members":[{"name":"[[PERSON:Trần Quốc Bảo]]","role":"owner_spouse"},{"name":"[[PERSON:Bảo Ngọc]]","role":"child"}],"renews_on":"2025-06-02"}}
error: field "birthdate" must match dd/mm/yyyy
hint: the same payload was accepted by v1 of the endpoint until 2025-04-01, so I think the format check is new?`,

  // Python traceback leaking a card number and holder name
  `[2025-04-09 13:22:41,507] INFO request_id=9b1e7c2f path=/checkout/confirm client=[[IP_ADDRESS:24.114.62.18]]
[2025-04-09 13:22:42,118] ERROR request_id=9b1e7c2f unhandled exception
Traceback (most recent call last):
  File "/srv/app/billing/charge.py", line 212, in charge_customer
    resp = gateway.charge(card=payload["card_number"], amount=total)
  File "/srv/app/billing/gateway.py", line 88, in charge
    raise GatewayError(f"declined for {card} ({holder})")
billing.gateway.GatewayError: declined for [[CREDIT_CARD:5325641564359659]] ([[PERSON:Oluwaseun Adeyemi-Bakare]])
[2025-04-09 13:22:42,120] INFO request_id=9b1e7c2f status=500 duration_ms=613`,

  // UK forwarded e-mail, signature with two phones and an address split over lines
  `---------- Forwarded message ---------
From: [[PERSON:Harriet Pemberton-Lowe]] <[[EMAIL:h.pembertonlowe@brightwellcatering.co.uk]]>
Date: Thu, 6 Mar 2025 at 11:02
Subject: Re: invoice INV-77120 query
To: <accounts@tablewarehub.co.uk>

Yes - please use our new kitchen for the next consignment, from April onwards. Invoices can still go to me.

> On Wed, 5 Mar 2025 at 16:40, Accounts <accounts@tablewarehub.co.uk> wrote:
> Could you confirm the delivery address for the next consignment?

[[PERSON:Harriet Pemberton-Lowe]]
Head of Procurement | Brightwell Catering Ltd
[[STREET_ADDRESS:Unit 7, Hollins Business Park,
Hollins Lane, Bury BL9 8AT]]
T: [[PHONE:0161 764 2087]]  M: [[PHONE:07834 219 556]]`,

  // US patient registration form with DOB, SSN and non-birth dates
  `NEW PATIENT REGISTRATION - please verify before scanning into EHR
Patient name: [[PERSON:Marisol Gutiérrez Ybarra]]
Date of birth: [[DATE_OF_BIRTH:07/14/1983]]
SSN: [[US_SSN:412-68-3307]]
Home address: [[STREET_ADDRESS:1907 W Ashby Pl, San Antonio, TX 78201]]
Cell: [[PHONE:(210) 384-9126]]
Email: [[EMAIL:marisol.gybarra@gmail.com]]
Emergency contact: [[PERSON:Rubén Ybarra]] (brother) [[PHONE:210-731-0452]]
Primary insurance subscriber: [[PERSON:Héctor Ybarra]] (spouse), DOB [[DATE_OF_BIRTH:02/09/1980]]
Employer: Alamo Regional Transit
Preferred pharmacy: H-E-B Pharmacy (store 412)
Appointment: 04/22/2025 9:30 AM with Dr. [[PERSON:Okafor]]
Insurance member ID: W2291 44027
Last tetanus shot: 2019
Form signed 04/03/2025`,

  // password in prose, lower-case
  `ok i changed it again, new password is [[SECRET:Bluebird!2291]] and it STILL says invalid creds. username is [[EMAIL:kwame.asante@gmail.com]]. what am i doing wrong`,

  // .env pasted by a customer: password, AWS key pair, webhook secret, Sentry DSN, contact e-mail, private IP
  `Here's our .env from the staging box, the sync job dies right after connecting. Happy to rotate everything afterwards.

# --- database ---
DATABASE_HOST=10.0.4.12
DATABASE_PORT=5432
DATABASE_USER=app_rw
DATABASE_PASSWORD=[[SECRET:q7Vt!mZ2#rLp9sWx]]
# --- storage ---
AWS_ACCESS_KEY_ID=[[SECRET:AKIAFM928EGNVFG3F8GR]]
AWS_SECRET_ACCESS_KEY=[[SECRET:g+fT3pG/h8msMlc/T1ah9sdbEl7oX8nrEHAluvtd]]
AWS_REGION=eu-west-1
S3_BUCKET=fieldnote-staging-exports
# --- payments / monitoring ---
STRIPE_WEBHOOK_SECRET=[[SECRET:whsec_8FqLk2VnR7tYp0XcB4mZs9Ue]]
SENTRY_DSN=[[URL:https://4f9c2a71d0e84b6a9b3e5c1d2f7a8e60@o450217.ingest.sentry.io/5538142]]
ALERT_EMAIL=[[EMAIL:devon.achterberg@fieldnote.io]]
SYNC_INTERVAL=300
LOG_LEVEL=debug`,

  // ticket with an OpenSSH private key pasted by mistake
  `Subject: deploy key rejected

Our CI can't pull from the mirror since yesterday. This is the key we added (maybe wrong format?):

[[SECRET:-----BEGIN OPENSSH PRIVATE KEY-----
AwEh5yRSfkc04gcbfC5lD2qeYEOKMfz/ANLqcD2kpCgVszvA1GusreJT6hWEQJYtgaDUWW
rCZJAils8l0o4eY+ubYfi7tvzTW6YURm8TrZT7G1EDmRcd/iu3OXLfZlUszYa/j/sLCxUW
QVtrSuDs+XYN6NSuO7OHQ8wtbCi40MBPTUA/Kvr5rGc6XRKkcg2hHtPlGDPa9zMIkCT8zH
byWVaXnRThG/3AzFCRiudIIq83D2gRu0MIhbSiLaznMHZLY9ZD2SmDd9y/poYrsNtOHl4m
e8JL4fy7mcRVS4Bl69KQY/UeX0ooHFRR0T8JWfkeq/RBGAVTDuYejIN8Y7h+9vpLn44ad9
8bg3GZGtV97My+xggZ+mS8SQSUG9oaoCkssQmAKOxjlChtGTNF
-----END OPENSSH PRIVATE KEY-----]]

Error from the runner: "Load key: invalid format". Repo is orbital/infra-mirror.
- [[PERSON:Bashir]]`,

  // curl command with a JWT, pasted in a chat
  `[14:02] devops_k: this is what i'm running, returns 401 every time
curl -s https://api.tallyhq.io/v1/me -H "Authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfNDA5MTMiLCJyb2xlIjoiY3VzdG9tZXIiLCJpYXQiOjE3NDQ4ODAyMTUsImV4cCI6MTc0NDk2NjYxNX0.OLMdNJTkzc_8pRXhWNEuCbY-e3ZVMkfcDWKbFYV6RZc]]"
[14:03] [[PERSON:Mei]] (Support): that token expired an hour ago, can you generate a new one from the dashboard? and please revoke that one since it's in this chat now
[14:05] devops_k: ok done. new one works with curl but our backend still gets 401
[14:06] [[PERSON:Mei]] (Support): is the backend caching the token? the exp claim is 24h, so anything older than a day will be rejected. the response header WWW-Authenticate should say "token_expired" if that's it
[14:08] devops_k: yep that's it, we cached it in redis with no ttl 🤦 thanks [[PERSON:Mei]]`,

  // chat with GitHub and Slack tokens
  `[[PERSON:Arjun]]: the integration broke after we rotated creds. current values:
  github: [[SECRET:ghp_d93oQGXy9KTUMAFGrM14gENAsIrsD3mbLFec]]
  slack bot: [[SECRET:xoxb-855345786886-4684141225039-NJMRLdHb2U9LhOS0irYkPvdR]]
agent: thanks [[PERSON:Arjun]]. I'd recommend revoking both now that they've been shared here. The 403 is because the GitHub token is missing the repo scope - classic tokens need "repo" for private repositories, or use a fine-grained token with Contents: read.
[[PERSON:Arjun]]: ah ok. and slack? messages aren't posting to #deploys either
agent: the bot needs to be invited to the channel (/invite @ReleaseBot) and have chat:write. After you regenerate, paste them into Settings > Integrations rather than here 🙂
[[PERSON:Arjun]]: will do, thx`,

  // .NET connection string, a postgres URL and a redis URL with credentials
  `Customer pasted the config from appsettings.Production.json:
"ConnectionStrings": {
  "Orders": "Server=tcp:sqlprod-eu.database.windows.net,1433;Initial Catalog=orders;User ID=svc_orders;Password=[[SECRET:Tr0ub4dor&3x-Prod]];Encrypt=True;",
  "Reporting": "[[URL:postgres://report_ro:Wq83nvLx2p@pg-reporting.internal.tallyhq.io:5432/reports]]",
  "Cache": "[[URL:rediss://default:Hx9!pQ2vTm@cache-prod.tallyhq.io:6380/0]]"
}
Both SQL connections fail with a timeout after the migration on 9 April; the cache is fine. They are on the Business tier, region westeurope. Firewall rules were copied from the old server but the outbound IP of their app service changed - asked them to send the new one.`,

  // age verification, birthday in prose, given name that is a word
  `Re: Age verification failed

Hi, your system keeps saying I'm under 18 which is hilarious because my birthday is the [[DATE_OF_BIRTH:3rd of April 1988]]. I think someone typed it as 2008 when I called to change my e-mail last year? I placed the order (wine club, #WS-30918) on 14 March. Can you fix it so it ships before the 30th? It's a gift for my dad's 70th. Happy to pay for express shipping if that speeds it up - use the same card as the order, or this one if that's easier: [[CREDIT_CARD:4756 1792 0743 2733]].

I'm happy to send a photo of my driving licence if that helps, but not over e-mail - is there an upload link?
[[PERSON:Grace Abernathy]]`,

  // UK verification call notes with d.o.b. and contract dates
  `Customer verification (phone call 11/04/2025, 14:05)
Full name: Mr [[PERSON:Rhys Llewellyn-Prosser]]
d.o.b.: [[DATE_OF_BIRTH:29/02/1996]]
Postcode: verified
Security answer: passed
Notes: caller asked to cancel the broadband contract ending 31/05/2025. Early termination fee quoted £87. Caller unhappy, says speeds have been under 10 Mbps since January and he was promised 67. Line test run at 14:12 - no fault found on our side. Offered a free engineer visit; declined. Escalated to retentions, callback booked for 14/04/2025 between 10:00 and 12:00 on [[PHONE:07405 118 239]]. Agent: [[PERSON:Bethan]].`,

  // markdown table from a CRM export, NZ / VN / GH / IN / PL customers
  `Escalations this week:

| Ticket | Customer | Email | Phone | Status |
|---|---|---|---|---|
| #40112 | [[PERSON:Wiremu Tane]] | [[EMAIL:wiremu.tane@xtra.co.nz]] | [[PHONE:021 448 3920]] | open |
| #40117 | [[PERSON:Hoàng Đức Long]] | [[EMAIL:longhd.work@gmail.com]] | [[PHONE:+84 912 338 407]] | pending |
| #40121 | [[PERSON:Akosua Boateng]] | [[EMAIL:akosua.b@yahoo.com]] | [[PHONE:+233 24 418 9902]] | solved |
| #40126 | [[PERSON:Deepa Raghunathan]] | [[EMAIL:deepa.r@outlook.in]] | [[PHONE:+91 99620 41187]] | open |
| #40130 | [[PERSON:Agnieszka Dąbrowska]] | [[EMAIL:a.dabrowska@onet.pl]] | [[PHONE:+48 698 220 154]] | on hold |

Notes:
- #40112 and #40126 are both the same firmware bug (GL-4412), link them.
- #40117 wants a callback in the evening (his time).
- #40130 is waiting on the courier's damage report.

**Owner:** [[PERSON:Nadia]]`,

  // Hawaiian name, Honolulu address
  `Aloha, I'm writing about the surfboard rack (order HI-20881). It arrived with one bracket missing. Could you mail a replacement to [[STREET_ADDRESS:1450 Ala Moana Blvd Apt 2807, Honolulu, HI 96814]]? Mahalo, [[PERSON:Keoni Kahananui]] ([[PHONE:808-723-4491]])`,

  // New Zealand, Māori name and greeting
  `Kia ora team,
Just checking on the return for my heat pump remote (RMA 55120). The courier picked it up from [[STREET_ADDRESS:17 Karaka Street, Ponsonby, Auckland 1011]] on the 3rd and the tracking hasn't moved since the 5th - it just says "in transit to depot". Refund should go back to the Visa.

Also, the replacement unit you sent works but the wall bracket is a different size to the old one (old one was the 2019 model). Is there an adaptor plate, or do I need to drill new holes? Photos attached.

If it's easier to talk, I'm on [[PHONE:027 614 3308]] most mornings.
Ngā mihi,
[[PERSON:Aroha Te Whare]]`,

  // Icelandic patronymics, address with street name first
  `Hello, my name is [[PERSON:Guðrún Sigurðardóttir]] and I ordered two wool blankets (order IS-10422) to [[STREET_ADDRESS:Laugavegur 42, 101 Reykjavík]]. Customs in [[LOCATION:Iceland]] charged me VAT again even though the checkout said duties were included. My father [[PERSON:Sigurður Jónsson]] paid it at the post office so the receipt is under his name - I know that looks odd, in [[LOCATION:Iceland]] our last names are different from our parents'. The amount was 6,840 ISK. I have attached a scan of the receipt dated 8 April. Could you refund that amount to my card, or tell me how to claim it back from customs? Phone [[PHONE:+354 862 4471]].`,

  // Hungarian family-name-first, invoice correction
  `Subject: Invoice name wrong - order #EU-99812

Dear Support, the invoice says "[[PERSON:Zsofia Nagy]]" but for the Hungarian tax office it must read [[PERSON:Nagy Zsófia]] (family name first, and with the accent) with my billing address [[STREET_ADDRESS:Váci utca 18, 1052 Budapest]]. The tax number field is also empty - it should be my sole-trader number, which I added to my profile on 2 April, before the order was placed.

I need the corrected invoice by the end of the month for my VAT return. Please reissue it rather than sending a credit note, my accountant says that's simpler. Thank you, [[PERSON:Zsófia]]`,

  // Korean name in three spellings, card dashed
  `hi i'm [[PERSON:Ji-hoon]] ([[PERSON:Park Ji-hoon]] on the account, [[PERSON:Jihoon Park]] on my card lol) - payment keeps failing, is it because the names don't match?? card is [[CREDIT_CARD:5518-4459-6249-8383]]`,

  // Chinese name with English nickname, Canadian move
  `From: [[PERSON:Zhang Xiaoyu]] <[[EMAIL:cherry.zhang@qq.com]]>
Subject: please change shipping address

Hi, this is [[PERSON:Cherry]] ([[PERSON:Zhang Xiaoyu]] on the order). My package was sent to my old place in [[LOCATION:Vancouver]], but I moved last month. New address: [[STREET_ADDRESS:6088 Willingdon Ave #1903, Burnaby, BC V5H 4V4]]. Please don't call the old number, use [[PHONE:604-318-2276]].

The order is CA-771204, placed on March 29, two items (rice cooker and the steamer basket). If it has already left the warehouse, can you ask the courier to redirect it? The concierge at the new building accepts parcels, so no signature problem. My roommate [[PERSON:Vivian]] can also pick up if it goes to a depot.

Thanks!`,

  // Saudi customer writing English, refund to IBAN
  `Dear Customer Care,
I am [[PERSON:Abdulrahman bin Khalid Al-Qahtani]]. The refund for cancelled booking BK-4471902 (SAR 1,840) should be sent to my account because the card I used has expired and the bank cannot credit it:
IBAN [[IBAN:SA0480825966637476629944]]
Account holder: [[PERSON:Abdulrahman Al-Qahtani]]
Mobile [[PHONE:+966 55 318 2704]]
The booking was for 3 nights from 12 to 15 May and was cancelled on 20 April, which is inside the free cancellation period according to your confirmation e-mail. Please send me the refund reference once it is processed.
Best regards`,

  // Dutch particles, agent reply
  `Dear Mr [[PERSON:van der Berg]],

Following up on your call this morning: we have updated the delivery address for order NL-207733 to [[STREET_ADDRESS:Prinsengracht 263-2, 1016 GV Amsterdam]]. The bike will now arrive on Thursday between 08:00 and 12:00. The driver will call [[PHONE:06 2471 9038]] about 30 minutes before arrival, as the canal houses often have no doorbell at street level.

As discussed, assembly is included: the driver will fit the pedals and handlebar and check the tyre pressure. Please keep the box for 14 days in case you want to return it.

Kind regards,
[[PERSON:Femke de Vries]]
Customer Service`,

  // German particle, title outside, long corporate signature
  `Hi team,
Please cancel the duplicate subscription on our account (2 seats were added twice on 1 April). Invoice 2025-0412 can be credited. Our purchase order only covers 10 seats, so finance will reject anything above that.

Best regards

Dr. [[PERSON:Friederike von Ahlefeldt]]
Head of Research Operations
Kessler Biotech GmbH
[[STREET_ADDRESS:Am Klopferspitz 19a, 82152 Planegg]]
Tel. [[PHONE:+49 89 4523 7810]] | Mobil [[PHONE:+49 171 882 4093]]
[[EMAIL:f.vonahlefeldt@kessler-biotech.de]]

Diese E-Mail kann vertrauliche Informationen enthalten. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte den Absender und löschen Sie diese E-Mail.`,

  // Spanglish, Spanish double surname vs card name
  `hola, I need help con mi order #88120. The name on the account is [[PERSON:María José Fernández de la Cruz]] pero my card says [[PERSON:MARIA J FERNANDEZ]] so the bank flagged it. Can someone llamarme? [[PHONE:(305) 614-2278]] gracias`,

  // Polish name with English nickname
  `Hi, [[PERSON:Grzegorz Wiśniewski]] here (everyone calls me [[PERSON:Greg]]). I bought the standing desk on 19/01 and one leg motor has died - the left side goes up, the right side just clicks. Serial DSK-PRO-55A-001928, bought with the 5-year frame warranty.

I've already tried the reset (hold down for 10 seconds until it beeps) and swapped the cables between the legs, so it's definitely the motor. Can you send a replacement leg or an engineer? I'm at [[STREET_ADDRESS:22 Mill Lane, Reading RG1 6QF]], free any weekday after 4. [[PHONE:07458 302117]]`,

  // Will / May / Bill as names and as words
  `Hi [[PERSON:May]],
[[PERSON:Will]] from accounts said you may be able to help. We will need the credit note before the May board meeting, so if you could send it to [[EMAIL:will.henderson@ardentlogistics.com]] and cc me that would be great.

For context: we were billed twice for the March fuel surcharge (invoices 7730 and 7741). The bill for 7741 should be cancelled and the amount credited against April. [[PERSON:Will]] has the remittance advice if you need it. If anything's unclear, give me a ring on [[PHONE:01452 730418]] or ask [[PERSON:Grace]] in dispatch - she'll be in all week.

Cheers,
[[PERSON:Bill Osei]]
Fleet Coordinator`,

  // Ghana, initials with title, "born 3/4/88"
  `Referral from Dr. [[PERSON:A. K. Mensah]], [[LOCATION:Kumasi]]. Patient [[PERSON:Yaw Darko]], born [[DATE_OF_BIRTH:3/4/88]], contact [[PHONE:+233 20 771 3094]]. Please book a fitting for the HX-220 hearing aid at the [[LOCATION:Accra]] clinic next week; referral valid until 30/06/2025.

Audiogram attached (test date 02/04/2025): moderate loss on the left, mild on the right. Patient prefers appointments on Saturdays and will travel with his sister, [[PERSON:Efua]]. Payment via NHIS plus top-up. Please send the confirmation to the clinic e-mail and copy the patient at [[EMAIL:yaw.darko88@gmail.com]] - he checks it more often than his phone.`,

  // e-mail at the very start
  `[[EMAIL:okonkwo.ifeanyi@gmail.com]] - that's the login. Reset link never arrives, I've checked spam and promotions. Order history shows 3 orders since 2023 so the account definitely exists.`,

  // phone at the very end
  `Still waiting on the technician. Two no-shows now (Tue 8th and Fri 11th) and nobody rang to say. If nobody turns up tomorrow I'm cancelling the whole install. Call me back on [[PHONE:0438 190 662]]`,

  // values in parentheses, brackets and quotes
  `Note from [[PERSON:Priyanka]]: customer says the parcel went to the neighbour (Mrs [[PERSON:Kaur]], no. 14) and the neighbour denies it. Customer's number is [[[PHONE:07723 481 096]]] per the CRM, e-mail ("[[EMAIL:d.fairweather@btinternet.com]]"). Driver photo shows a blue door, customer's door is green. Suggest we reship and open a claim with the carrier (ref CLM-DPD-88124). Customer name on the order: '[[PERSON:Dominic Fairweather]]'. Reship address confirmed as {[[STREET_ADDRESS:9 Hawthorn Close, Cheltenham GL52 3PT]]}. Goodwill: £10 voucher.`,

  // key:value form without spaces after the colon
  `name:[[PERSON:Farrukh Karimov]]
tel:[[PHONE:+44 7458 901 117]]
mail:[[EMAIL:farrukh.karimov@mail.ru]]
iban:[[IBAN:GB79BARC81930364262129]]
reason:double charge on 02/03, please refund one`,

  // US W-9 details with SSN
  `Attached the W-9 for the affiliate payouts. Writing it here too since the upload keeps failing: [[PERSON:DeShawn Carter]], SSN [[US_SSN:521-47-8830]], [[STREET_ADDRESS:7712 Larchmont Ave, Cleveland, OH 44103]]. Payout method ACH, same as last quarter.

Also my wife [[PERSON:Tamika Carter]] is joining the program under her own account - her SSN is [[US_SSN:498-20-6174]], same address. Do we each need a separate W-9 or can we file as a household? We don't have an EIN. Best way to reach me is [[PHONE:216-409-7735]] or [[EMAIL:deshawn.carter.biz@gmail.com]].`,

  // Amex spaced 4-6-5, chat
  `customer: can u just charge this one instead [[CREDIT_CARD:3720 738080 00928]]
agent [[PERSON:Rosa]]: I'm sorry, I can't take card numbers over chat. I've removed the message from the transcript and sent a payment link to the e-mail on file.`,

  // IP address in a complaint
  `Your site keeps telling me "Access denied - suspicious activity" every time I try to check out. I'm on home broadband, nothing weird. My IP is [[IP_ADDRESS:86.147.22.190]] if that helps. Order total £148.20, basket ref BSK-00921.`,

  // IPv6 and IPv4 in a fraud review note
  `Fraud review #FR-1183: order placed from [[IP_ADDRESS:2a02:c7c:5e1a:4400:9d1f:3b2e:71c0:8a4d]] ([[LOCATION:UK]]), card billing address in [[LOCATION:Leeds]]; second attempt 4 min later from [[IP_ADDRESS:105.112.44.231]]. Account holder [[PERSON:Callum Reid]] says he never made the second attempt. Internal proxy 172.20.1.5 logged both.

Second attempt used a different device fingerprint (fp_71c0a9) and shipping to a parcel locker. 3DS challenge failed twice. Card used on both attempts: [[CREDIT_CARD:2221185571416583]] (issuer confirmed genuine cardholder for attempt 1 only). Decision: cancel second order, keep first, force password reset, add note to account. Reviewer: [[PERSON:Oksana]].`,

  // password reset URL carrying e-mail and token
  `The reset link in your e-mail doesn't work, it just loops back to the login page. This is the link:
[[URL:https://account.lumentv.com/reset?email=sofia.marchetti%40libero.it&token=7f3e9a21c04b88d1e5a6]]
Tried on Chrome and Safari, on my laptop and phone, with and without the ad blocker. I've requested a new link three times since Sunday and they all do the same. Once it said my IP ([[IP_ADDRESS:93.45.201.88]]) was temporarily blocked, but that was days ago. My subscription renews on the 30th and I need to change the card before then (the new one is [[CREDIT_CARD:3530 5564 5313 6248]]), so please help. [[PERSON:Sofia Marchetti]]`,

  // LinkedIn profile URL, hiring spam complaint
  `Someone is using my name to post fake job ads on your platform. My real profile is [[URL:https://www.linkedin.com/in/ebunoluwa-adebayo-48a1b2]] and the fake one copies my photo. I'm [[PERSON:Ebunoluwa Adebayo]], based in [[LOCATION:Manchester]]. Please take it down.

At least four people have messaged me asking about the "remote data entry role" and one of them says she paid a £150 "training fee" to the fake account. The fake profile uses the e-mail [[EMAIL:ebun.adebayo.hr@gmail.com]], which is NOT mine. I've reported it through the form twice (case refs 2291044 and 2291187) with no reply.`,

  // Kenya, English mixed with Sheng / Swahili, M-Pesa reference not labeled
  `Sasa team, I paid via M-Pesa (ref SD48K2LQ9X) but the order bado inasema "awaiting payment". Jina ni [[PERSON:Wanjiru Kamau]], namba [[PHONE:0722 418 603]]. Delivery iende [[LOCATION:Westlands]], [[LOCATION:Nairobi]] kama kawaida. pls sort it asap, asante`,

  // Philippines, Taglish, condo unit address
  `Hi po! Follow up lang sa order ko #PH-551902, di pa rin dumarating. Name: [[PERSON:Maria Cristina dela Cruz]]. Address: [[STREET_ADDRESS:Unit 1204, Avida Towers, 34th St, Bonifacio Global City, Taguig 1634]]. Contact: [[PHONE:0917 842 1036]]. Salamat po!`,

  // Vietnamese name, US nail salon
  `Subject: Supply order for salon

Hello, this is [[PERSON:Trần Văn Hùng]] ([[PERSON:Henry]]) from the salon on [[STREET_ADDRESS:3301 Bellaire Blvd, Houston, TX 77036]]. I want to reorder the gel polish set (48 colors, item GP-48-PRO) and 6 boxes of nitrile gloves, size M. The site says my card [[CREDIT_CARD:4292405745432898]] is declined. It worked last month and the bank says there is no block.

If you cannot fix it please put the order on net 30 like before, my manager [[PERSON:Linh]] will pay by check. We need the polish before Saturday because we have a wedding group booked. Please call [[PHONE:713-492-0185]].`,

  // ticket to an AI SaaS with an OpenAI project key
  `Subject: "invalid_api_key" since upgrading to Team

We upgraded to the Team plan yesterday and now every summarisation request returns 401 invalid_api_key. The key pasted in Settings > Integrations is [[SECRET:sk-proj-WlMkU6ag5t_Zj3aoeWqeHGwlifXjw9APP8Dy-3XzZmBNQR2y]] and it works fine from our own scripts. Workspace: northwind-legal.

What we've tried so far:
- removed and re-added the key (same result)
- created a brand-new key in a different project (same result)
- checked the org has billing enabled and the model is allowed for the project

Request IDs from this morning: req_8f2a11c0, req_8f2a11d7. It's blocking our whole intake team (about 30 people), so an update today would be much appreciated. Contact me at [[EMAIL:r.oyelaran@northwindlegal.com]] or on [[PHONE:+1 646 290 7714]] - [[PERSON:Remi Oyelaran]], IT lead`,

  // JS snippet with a Google Maps key
  `store locator map is blank on mobile, console says RefererNotAllowedMapError. our code:

const MAPS_KEY = "[[SECRET:AIzaTBGTCuSsH5LM_Em9iJLwbL132Zn4T8-WvXX]]";
loader.load({ apiKey: MAPS_KEY, version: "weekly", libraries: ["places"] });

allowed referrers are *.harbourandhome.com.au/* - what are we missing?`,

  // Node stack trace with a SendGrid key and recipient e-mail, role sender not labeled
  `ResponseError: Unauthorized
    at /app/node_modules/@sendgrid/client/src/classes/client.js:146:29
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {
  code: 401,
  request: {
    apiKey: '[[SECRET: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]]',
    from: 'noreply@kwiatowa-poczta.pl',
    to: '[[EMAIL:tomasz.lewandowski@wp.pl]]',
    templateId: 'd-4c1e9b7f2a'
  }
}

^ this is what our order-confirmation worker logs since last night. The key was created on 3 April with "Mail Send" permission only. Is that not enough for dynamic templates? We haven't changed anything else. Roughly 600 confirmations are stuck in the retry queue.`,

  // .npmrc and GitLab token in a build failure ticket
  `Build #4471 fails at "npm ci" with E401. Our .npmrc:

//registry.npmjs.org/:_authToken=[[SECRET:npm_UVRBoMFTXptvp7WhPvFMKFl8zE8Ajlb0cdkb]]
@acme-ui:registry=https://gitlab.com/api/v4/projects/38122/packages/npm/
//gitlab.com/api/v4/projects/38122/packages/npm/:_authToken=[[SECRET:glpat-csblnAk2vnXK6-Zy2GKl]]

Runner image node:20.11-bookworm. Worked until Friday.

Log excerpt:
npm ERR! code E401
npm ERR! 401 Unauthorized - GET https://gitlab.com/api/v4/projects/38122/packages/npm/@acme-ui%2fbutton - 401 Unauthorized

The GitLab token belongs to our service user, expiry is set to 2026-01-31 so it shouldn't have expired. Could the project have been moved to a different group? Ping me on the ticket, [[PERSON:Ifeoma]] (platform team).`,

  // Twilio auth token and customer mobiles in an SMS delivery ticket
  `Subject: SMS reminders not delivered to some mobiles

Our appointment reminders stopped reaching some patients on 3 March. Config:
TWILIO_REGION=ie1
TWILIO_AUTH_TOKEN=[[SECRET:9300aed2e779eda314554f625b65a91d]]
Two patients who didn't get theirs: [[PHONE:+44 7700 183 442]] and [[PHONE:+44 7852 610 093]]. Landline voice reminders are fine.

The message log shows status "undelivered" with error 30007 for both. We haven't changed the wording (still "Reminder: your appointment at Glenbrae Dental is on {date} at {time}. Reply C to cancel."). Could the sender ID have been filtered? We have about 140 reminders going out each day, so it's causing a lot of missed appointments.

[[PERSON:Lorna McGregor]], Practice Manager
Direct line [[PHONE:0141 332 8815]]`,

  // markdown code fence with an Anthropic key
  `Getting a 401 from the Claude integration in your plugin. My snippet:

\`\`\`python
import anthropic
client = anthropic.Anthropic(api_key="[[SECRET:sk-ant-api03-U-G7lJ2m7erV7xnuILoVGbuLI4C0GRwa9xed3XBYqpNnRNB7FIYnqdodrN1o5JqEt_lRC3ZWYdzAeAY2omtTtvM5riijaAA]]")
msg = client.messages.create(model="claude-sonnet-4", max_tokens=512, messages=[{"role": "user", "content": "ping"}])
\`\`\`

Plugin version 2.3.1 on WordPress 6.5.

The same key works from the command line on my laptop, but when the plugin calls it from the server I get:
{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}
Server is shared hosting, PHP 8.2. Does the plugin strip characters from the key when saving? It's quite long.`,

  // Mailgun key in a curl -u
  `we're testing the transactional templates like this and get "Forbidden":
curl -s --user 'api:[[SECRET:key-d8c947e0dedc8b137913993ed6da209d]]' https://api.eu.mailgun.net/v3/mg.petalpress.ie/messages -F to=[[EMAIL:aoife.mccarthy@eircom.net]] -F template=order-shipped
domain is verified since Tuesday`,

  // YAML config with an SMTP password, role mailbox not labeled
  `Notifications stopped after we changed the SMTP settings. Here's the block from config.yml:

smtp:
  host: smtp.office365.com
  port: 587
  user: notifications@orchardvet.co.nz
  password: "[[SECRET:Spr1ng-Harvest-42]]"
  starttls: true

Error in the log is 535 5.7.3 Authentication unsuccessful.

Our IT person ([[PERSON:Hemi]]) says the mailbox has MFA turned on since last week and that we might need an app password instead. Is that right? If so, where does it go in your settings - the same "password" field? Clinic reminders and invoices both use this mailbox so it's fairly urgent.`,

  // password in prose with "pw", lower-case chat
  `[22:41] nightowl_88: cant get into my acct, tried my usual pw [[SECRET:sunflower1987]] and also [[SECRET:Sunflower1987!]]
[22:41] nightowl_88: email is [[EMAIL:lindiwe.dube@gmail.com]]
[22:42] Pip: I'm sorry you're locked out. I've sent a reset link to the address on the account. Please never share your password in chat.`,

  // insurance chat with "dob 1988-04-03" and a policy start date
  `agent: for security can I have your full name and dob?
customer: [[PERSON:Amelia Hartigan]] dob [[DATE_OF_BIRTH:1988-04-03]]
agent: thank you [[PERSON:Amelia]]. I can see the home policy started 2024-09-15 and renews 2025-09-15. What would you like to change?
customer: add my partner [[PERSON:Declan]] as a named driver on the car policy too
agent: no problem. I'll need his full name, date of birth and licence details.
customer: [[PERSON:Declan Byrne]], born [[DATE_OF_BIRTH:17/09/1986]]. full licence since 2005, no claims
agent: thanks. adding him increases the premium by £6.40 a month from the next payment on 01/05. shall I go ahead?
customer: yes please`,

  // DOB in long form, Australian pharmacy account
  `Hi, I'm trying to link my script history but the form rejects my details. I was born on [[DATE_OF_BIRTH:12 November 1975]], Medicare card is current until 08/2027. Full name [[PERSON:Nikolaos Papadopoulos]] (I go by [[PERSON:Nick]]). Home is [[STREET_ADDRESS:9 Station St, Oakleigh VIC 3166]].`,

  // DOB as "Jan. 5, 1990" with other dates around
  `Claim #CLM-550218 - missing info
Policyholder: [[PERSON:Fatima Al-Zahra Haddad]]
Birth date: [[DATE_OF_BIRTH:Jan. 5, 1990]]
Date of loss: Feb. 17, 2025
Reported: Feb. 19, 2025
Address: [[STREET_ADDRESS:5230 Schaefer Rd, Dearborn, MI 48126]]
Notes: laptop stolen from car; police report pending.
Contact: [[PHONE:(313) 582-0946]] / [[EMAIL:fatima.haddad@umich.edu]]
SSN on file (last 4 only): 7712
Card on file: Diners [[CREDIT_CARD:3665 762069 3288]]
Adjuster: [[PERSON:Greg Sorensen]]
Next step: request purchase receipt and the police report number; deductible $250; coverage limit for electronics $2,500. Follow-up due Feb. 28, 2025.`,

  // long Outlook-style forwarded chain with signatures and disclaimer
  `From: [[PERSON:Chidinma Eze]] <[[EMAIL:chidinma.eze@lumenpay.ng]]>
Sent: Monday, April 14, 2025 10:17 AM
To: Partner Support <partners@cloudledger.com>
Subject: FW: Settlement mismatch for March

Hi team,

Forwarding the thread below from our finance lead. Could you check why the March settlement report shows 1,204 transactions when our side has 1,211? The seven missing ones are all from 29 March.

Thanks,
[[PERSON:Chidinma]]

[[PERSON:Chidinma Eze]] | Partnerships Manager
LumenPay Ltd
[[STREET_ADDRESS:Plot 1401 Tiamiyu Savage Street, Victoria Island, Lagos]]
Office: [[PHONE:+234 1 453 8812]] | Mobile: [[PHONE:+234 809 221 4476]]

-----Original Message-----
From: [[PERSON:Babatunde Olatunji]] <[[EMAIL:b.olatunji@lumenpay.ng]]>
Sent: Friday, April 11, 2025 6:52 PM
To: [[PERSON:Chidinma Eze]] <[[EMAIL:chidinma.eze@lumenpay.ng]]>
Cc: Finance Ops <finops@lumenpay.ng>
Subject: Settlement mismatch for March

[[PERSON:Chi]],

Reconciliation is off by 7 for March. All seven are card payments through the API between 23:50 and 23:59 WAT on the 29th, so I suspect a timezone cut-off issue on their side (they settle in UTC). Total value NGN 1,482,300.

Can you raise it with Mr. [[PERSON:Whitfield]]'s team at CloudLedger? Last time [[PERSON:Aisha]] on their side sorted it within a day.

Regards,
[[PERSON:Tunde]]

[[PERSON:Babatunde Olatunji]], ACA
Head of Finance
Direct: [[PHONE:+234 803 772 0148]]

This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error please notify the sender and delete it.`,

  // Java stack trace with user e-mail in exception and a public IP
  `2025-03-02 19:44:07,118 ERROR [http-nio-8080-exec-14] c.s.o.OrderController - Order creation failed for user [[EMAIL:hyun.woo.kang@naver.com]] from [[IP_ADDRESS:211.234.117.45]]
java.lang.IllegalStateException: Address validation failed: postal code mismatch
	at com.shopline.orders.AddressValidator.validate(AddressValidator.java:87)
	at com.shopline.orders.OrderService.create(OrderService.java:214)
	at com.shopline.orders.OrderController.post(OrderController.java:62)
	at java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
Caused by: com.shopline.geo.PostcodeException: 06236 not in city [[LOCATION:Busan]]`,

  // gaming support chat with username, real name and PayPal e-mail
  `[18:02:11] xXDragonSlayerXx: bro i got charged twice for the battle pass
[18:02:40] [[PERSON:Ana]] (Support): Hi! Sorry about that. Can you tell me the PayPal e-mail you used?
[18:03:02] xXDragonSlayerXx: [[EMAIL:mateo.rivas.2006@gmail.com]] its my dads account actually, [[PERSON:Javier Rivas]]
[18:03:30] [[PERSON:Ana]] (Support): Thanks! I can see two charges of $9.99 on 04/05. I've refunded the second one, it takes 3-5 business days.
[18:03:41] xXDragonSlayerXx: ty ur the best
[18:03:55] xXDragonSlayerXx: also can u not tell my dad lol
[18:04:10] [[PERSON:Ana]] (Support): The refund receipt goes to the PayPal e-mail automatically, sorry! Have a good game 🎮`,

  // very informal, no punctuation, abbreviations
  `yo ur app charged me 3 times this month wtf i only have 1 sub. its under [[PERSON:dre]] [[EMAIL:andre.w.mitchell@hotmail.com]] fix it or im disputing w my bank thx`,

  // Hinglish
  `Bhai mera refund kab aayega? 10 din ho gaye. Order ID OD4419023817, amount ₹2,349. UPI se pay kiya tha. Naam [[PERSON:Rohit Malhotra]], number [[PHONE:98110 45237]]. Please jaldi karo yaar 🙏`,

  // Northern Ireland, Mc surname, BT postcode
  `Hiya, the engineer needs to come to the back door, the front is blocked by scaffolding. Address is [[STREET_ADDRESS:41 Ravenhill Avenue, Belfast BT6 8LD]]. Ask for [[PERSON:Ciarán]] or my wife [[PERSON:Orla McAllister]]. Landline [[PHONE:028 9045 3312]].`,

  // Scottish Gaelic name, Highlands
  `Could you please hold the parcel at the depot in [[LOCATION:Inverness]]? I'm away until the 20th and the house is empty. Collection will be by my sister, [[PERSON:Eilidh MacLeod]]. Tracking ref 3356 0281 4472 (DPD). She'll bring her own ID and a copy of this e-mail, and I've put her mobile on the order: [[PHONE:07821 447 306]].

If holding isn't possible, please deliver to her address instead: [[STREET_ADDRESS:6 Culduthel Road, Inverness IV2 4AG]]. Please don't leave it on the doorstep at mine, the last parcel got soaked.

Thank you, [[PERSON:Morag MacLeod]]`,

  // Nigerian Hausa name with title outside
  `Good morning. My uncle Alhaji [[PERSON:Musa Abdullahi]] made payment for 3 solar panels on 2 April (receipt RCT-88213) and nothing has been delivered to [[LOCATION:Kano]]. His number is [[PHONE:+234 806 512 3390]]. He doesn't use e-mail so please call him directly.

The sales rep who came to the house was [[PERSON:Ibrahim]], he said delivery in 5 working days and installation the day after. It is now three weeks. My uncle is not young and he paid the full ₦1,850,000 upfront. If you cannot deliver by end of this week we want the money back to the same account he paid from.

Thank you,
[[PERSON:Hauwa Musa]] (niece)`,

  // Tamil name with initial first, Chennai
  `Sir, kindly note my name is spelt wrongly in the warranty card. Correct name: [[PERSON:K. Lakshmi Narayanan]]. Address: [[STREET_ADDRESS:No. 18, 3rd Main Road, Besant Nagar, Chennai 600090]]. Mob: [[PHONE:94440 18273]].`,

  // Malaysian Chinese name, Kuala Lumpur
  `Hi, I'd like to change the recipient for order MY-302291 to my colleague [[PERSON:Lim Siew Ling]] ([[PHONE:+60 12-338 4470]]). Same address, [[STREET_ADDRESS:Level 12, Menara Binjai, 2 Jalan Binjai, 50450 Kuala Lumpur]]. I'll be on leave from 21 to 30 April and she will receive it for me.

Also, the e-invoice needs our company details, not my personal name - I've updated the billing profile but the invoice preview still shows [[PERSON:Chong Kah Wai]]. Can you regenerate it after dispatch?

Thanks!
[[PERSON:Kah Wai]]`,

  // Québec name in English, Montréal
  `Bonjour/hi - [[PERSON:Marie-Ève Tremblay]] here. The winter tires were supposed to be installed on Nov 4 but the shop in [[LOCATION:Laval]] says they never got them. I'm at [[STREET_ADDRESS:4520 rue Saint-Denis, Montréal, QC H2J 2L3]], [[PHONE:514-287-6630]].`,

  // form-style DOB with format hint
  `Date of Birth (MM/DD/YYYY): [[DATE_OF_BIRTH:11/05/1990]]
Applicant: [[PERSON:Rivka Goldfarb]]
Requested start date (MM/DD/YYYY): 06/02/2025
Email: [[EMAIL:rivkag@fastmail.com]]
Reference code: APP-2025-77810`,

  // plain card, CVV and expiry not labeled, lower-case
  `here's the new card since the old one expired: [[CREDIT_CARD:6011818044640620]] 09/27 cvv 311. name on it is [[PERSON:Dwayne Pritchard]]. pls charge the outstanding $42.18 and restart my plan`,

  // US tax software, SSN written with spaces in prose
  `hi, the import keeps failing at "verify identity". i typed my social as [[US_SSN:287 54 1190]] like 5 times and it says no match. is it because my last name has a hyphen on the W-2? thx, [[PERSON:Lena Johansson-Pike]]`,

  // US ISP chat transcript, bot handoff, public IPv4 and IPv6
  `Chat transcript - Case 00981244 - 03/18/2025
[7:02 PM] Pip: Hi, I'm Pip, your virtual assistant. What's going on with your service?
[7:02 PM] Customer: internet down since noon, all lights blinking orange
[7:03 PM] Pip: I'm sorry about that! Let me connect you with a technician.
[7:05 PM] [[PERSON:Marcus T.]]: Hi, this is [[PERSON:Marcus]]. Can I get the account holder's name and the service address?
[7:06 PM] Customer: [[PERSON:Latoya Freeman]], [[STREET_ADDRESS:2207 N Calvert St, Baltimore, MD 21218]]
[7:06 PM] [[PERSON:Marcus T.]]: Thank you Ms. [[PERSON:Freeman]]. The modem last checked in at 11:48 AM from [[IP_ADDRESS:73.162.84.19]] / [[IP_ADDRESS:2600:1700:3e41:82f0::1c]], and there's a node outage in [[LOCATION:Charles Village]]. Crews expect it fixed by 10 PM.
[7:07 PM] Customer: ok. if it's not back can u send someone tomorrow?
[7:08 PM] [[PERSON:Marcus T.]]: I've booked a tech for 03/19 between 8-10 AM just in case. Best callback number?
[7:08 PM] Customer: [[PHONE:443-872-5190]]
[7:09 PM] [[PERSON:Marcus T.]]: Got it. Anything else I can help with today?
[7:09 PM] Customer: no thats it thanks`,

  // ES (Spain): refund to IBAN, Spanish address format
  `Asunto: Reembolso pendiente pedido 2025-ES-44812

Hola:
Devolví la chaqueta el 3 de marzo y todavía no he recibido el reembolso de 89,95 €. Como pagué contra reembolso, os dejo mi cuenta para la transferencia:
Titular: [[PERSON:Lucía Martín Sánchez]]
IBAN: [[IBAN:ES93 2100 6126 5206 4279 2877]]
Dirección: [[STREET_ADDRESS:Calle de Alcalá 214, 3º B, 28028 Madrid]]
Teléfono: [[PHONE:612 48 93 07]]

Adjunto el justificante de entrega de Correos (entregado el 6 de marzo en vuestro almacén). En vuestra web pone que el reembolso tarda como máximo 14 días, y ya han pasado más de tres semanas. Si necesitáis algún dato más, llamadme por la tarde, por la mañana estoy trabajando.

Un saludo,
[[PERSON:Lucía]]`,

  // ES (Mexico): chat with bot, date of birth in prose, CDMX address
  `[10:02] Pip: ¡Hola! Soy Pip. ¿En qué te puedo ayudar?
[10:02] cliente: quiero abrir una cuenta pero me rechaza la fecha de nacimiento
[10:03] [[PERSON:Alejandra]] (Soporte): Hola, soy [[PERSON:Alejandra]]. ¿Me confirmas tu nombre completo y fecha de nacimiento?
[10:04] cliente: [[PERSON:José Luis Hernández Ruiz]], nací el [[DATE_OF_BIRTH:5 de junio de 1992]]
[10:04] [[PERSON:Alejandra]] (Soporte): Gracias. ¿Un teléfono y tu domicilio?
[10:05] cliente: [[PHONE:55 4187 2093]], vivo en [[STREET_ADDRESS:Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México]]
[10:06] [[PERSON:Alejandra]] (Soporte): Listo, ya quedó corregido. El sistema tenía el año como 2029 🙃. Te llegará un SMS para activar la cuenta.
[10:06] cliente: muchas gracias!!`,

  // ES (Argentina): informal voseo
  `che, me cobraron dos veces la suscripción 😡 mi mail es [[EMAIL:fede.gimenez@hotmail.com.ar]] y mi cel [[PHONE:+54 9 11 5834-2291]]. soy [[PERSON:Federico Giménez]], de [[LOCATION:Rosario]]. devuélvanme la plata porfa`,

  // FR (France): birth date correction next to a document date
  `Objet : Erreur sur mon contrat - dossier n° 2025-FR-08812

Bonjour,
Sur l'attestation que vous m'avez envoyée le 12/03/2025, ma date de naissance est erronée : je suis née le [[DATE_OF_BIRTH:14/03/1987]] et non le 14/03/1978. Merci de corriger et de me renvoyer le document à [[STREET_ADDRESS:12 rue des Lilas, 69003 Lyon]].
Cette erreur pose problème car l'attestation doit être transmise à mon employeur avant le 31 mars. J'ai déjà signalé l'erreur par téléphone le 14 mars, on m'a dit que ce serait corrigé sous 48 heures, mais je n'ai rien reçu depuis.

Cordialement,
[[PERSON:Amandine Lefèvre-Roussel]]
[[PHONE:06 42 18 93 57]]`,

  // FR (Belgium): chat, Madame + surname, Belgian IBAN
  `Client : bonjour, mon colis est bloqué au point relais de [[LOCATION:Namur]] depuis lundi
[[PERSON:Julien]] (support) : Bonjour ! Pouvez-vous me donner votre nom et votre numéro de téléphone ?
Client : [[PERSON:Nathalie Dubois]], [[PHONE:0475 38 21 90]]
[[PERSON:Julien]] (support) : Merci Madame [[PERSON:Dubois]]. Je demande la livraison à domicile, [[STREET_ADDRESS:Rue de Fer 27, 5000 Namur]] ?
Client : oui svp, et remboursez les frais de 4,90 € sur [[IBAN:BE64 3102 0361 9052]]
[[PERSON:Julien]] (support) : C'est noté. La livraison est prévue jeudi entre 9 h et 13 h, et le remboursement sera visible sous 5 jours ouvrables. Bonne journée !`,

  // FR (France): forwarded e-mail, signature with address and mobile
  `-------- Message transféré --------
De : [[PERSON:Karim Benali]] <[[EMAIL:karim.benali@orange.fr]]>
Date : mer. 9 avr. 2025 à 18:22
À : service-client@maisonlumiere.fr
Objet : Facture incorrecte commande ML-30417

Bonjour,
La facture indique 3 suspensions alors que je n'en ai reçu que 2. Merci de m'envoyer un avoir de 149 €, ou de rembourser directement la carte utilisée pour la commande ([[CREDIT_CARD:4800 2936 5259 9882]]). Le bon de livraison signé par mon voisin, M. [[PERSON:Girard]], mentionne bien 2 colis et non 3.

Bien à vous,
[[PERSON:Karim Benali]]
[[STREET_ADDRESS:8 avenue Jean Jaurès, 13005 Marseille]]
Port. [[PHONE:+33 6 71 24 88 05]]`,

  // DE (Germany): cancellation letter, geb. date, IBAN, initials
  `Betreff: Kündigung Vertrag Nr. 4471-2291

Sehr geehrte Damen und Herren,
hiermit kündige ich meinen Vertrag fristgerecht zum 30.06.2025. Bitte bestätigen Sie mir die Kündigung schriftlich.

[[PERSON:Jürgen Häußler]], geb. [[DATE_OF_BIRTH:03.04.1968]]
[[STREET_ADDRESS:Lindenstraße 23, 10969 Berlin]]
Tel.: [[PHONE:030 6187 4421]]

Die letzte Abbuchung bitte nicht mehr vom Konto [[IBAN:DE87 1005 0000 3236 4056 22]] einziehen. Das Lastschriftmandat widerrufe ich hiermit ebenfalls. Eventuelle Guthaben überweisen Sie bitte auf dasselbe Konto. Die Bestätigung können Sie mir gerne auch per E-Mail an [[EMAIL:j.haeussler@web.de]] schicken.
Mit freundlichen Grüßen
[[PERSON:J. Häußler]]`,

  // DE (Austria): informal, card and phone
  `hallo, ich hab gestern 2x bezahlt (bestellung AT-77201) 🙈 bitte eins zurück auf die karte [[CREDIT_CARD:5489 7546 1640 4589]]. bei fragen [[PHONE:0664 218 3307]]. lg [[PERSON:Steffi]] aus [[LOCATION:Graz]]`,

  // DE (Switzerland): agent letter with Herr + surname, Swiss IBAN and mobile
  `Guten Tag Herr [[PERSON:Brunner]]

Besten Dank für Ihren Anruf. Wie besprochen haben wir die Lieferadresse für Auftrag CH-118820 geändert auf:
[[PERSON:Urs Brunner-Keller]]
[[STREET_ADDRESS:Bahnhofstrasse 71, 8001 Zürich]]
Ihr Sohn [[PERSON:Luca]] kann das Paket ebenfalls entgegennehmen; der Kurier meldet sich vorab unter [[PHONE:079 482 31 07]]. Die Rückerstattung von CHF 58.00 geht auf [[IBAN:CH39 0076 2788 4370 3742 4]].

Die Lieferung ist für Dienstag, 22. April, geplant. Falls Sie zu diesem Zeitpunkt nicht zu Hause sind, wird das Paket bei der nächsten Poststelle hinterlegt.

Freundliche Grüsse
[[PERSON:Sandra Meier]], Kundendienst`,

  // IT: formal refund request, "nato a ... il", street named after a person
  `Oggetto: Richiesta rimborso ordine IT-55019

Buongiorno,
sono [[PERSON:Giuseppe Esposito]], nato a [[LOCATION:Napoli]] il [[DATE_OF_BIRTH:17/01/1979]], titolare dell'ordine in oggetto del 2 aprile. Il prodotto è arrivato danneggiato. Vi chiedo il rimborso sul conto [[IBAN:IT15 X054 2848 8851 5904 5847 445]].
Indirizzo: [[STREET_ADDRESS:Via Giuseppe Garibaldi 45, 20121 Milano]]
Cell. [[PHONE:347 218 5590]]

Allego le foto dell'imballo e del prodotto (la base del frullatore è spaccata in due punti). Il corriere ha consegnato il pacco il 5 aprile e ho firmato con riserva. Resto in attesa di un vostro riscontro.
Distinti saluti`,

  // IT: informal chat message
  `ciao! sono [[PERSON:Chiara]] 😊 il pacco è arrivato aperto e manca il caricatore. me ne potete mandare un altro? l'indirizzo è sempre [[STREET_ADDRESS:Via dei Mille 8, 40121 Bologna]]. grazie mille!!`,

  // PT (Portugal): billing address change
  `Assunto: Alteração de morada de faturação

Boa tarde,
Venho pedir a alteração da morada de faturação para [[STREET_ADDRESS:Rua Augusta 118, 2.º Esq., 1100-053 Lisboa]]. O NIF mantém-se o mesmo. Contacto: [[PHONE:912 384 507]].
Com os melhores cumprimentos,
[[PERSON:Inês Carvalho Rodrigues]]`,

  // PT (Brazil): chat with date of birth, WhatsApp number
  `Atendente [[PERSON:Camila]]: Olá! Para confirmar a identidade, pode informar nome completo e data de nascimento?
Cliente: [[PERSON:João Pedro Albuquerque Santos]], [[DATE_OF_BIRTH:08/11/1990]]
Atendente [[PERSON:Camila]]: Obrigada! O pedido 1029-3384 foi entregue em [[STREET_ADDRESS:Rua Oscar Freire 1290, apto 52, Jardins, São Paulo - SP, 01426-001]]?
Cliente: isso, mas veio o produto errado. meu whats é [[PHONE:(11) 98234-7710]]
Atendente [[PERSON:Camila]]: Poxa, sinto muito! Vou abrir a troca agora. Um entregador vai buscar o produto até 25/04 e o correto sai no mesmo dia. Te mando o protocolo pelo WhatsApp.
Cliente: valeu!`,

  // NL: password in prose, informal
  `Hoi, ik heb mijn wachtwoord veranderd naar [[SECRET:Tulp!2024amsterdam]] maar de app blijft zeggen dat het fout is?? mijn e-mail is [[EMAIL:sanne.bakker94@ziggo.nl]]. groetjes [[PERSON:Sanne]]`,

  // NL: formal direct-debit request with geboortedatum
  `Geachte heer/mevrouw,

Graag wil ik mijn abonnement (klantnummer 30018842) omzetten naar maandelijkse betaling via automatische incasso, ingaande 1 mei.

Naam: [[PERSON:Daan de Jong]]
Geboortedatum: [[DATE_OF_BIRTH:21-06-1984]]
Adres: [[STREET_ADDRESS:Oudegracht 145, 3511 AZ Utrecht]]
IBAN: [[IBAN:NL72 RABO 0702 9313 75]]
Telefoon: [[PHONE:06-43218877]]

Het abonnement staat nu nog op naam van mijn moeder, [[PERSON:Ineke de Jong]]; zij is akkoord met de overdracht en heeft dat ook telefonisch doorgegeven op 3 april. De eerste incasso mag op 1 mei plaatsvinden; facturen graag naar [[EMAIL:daan.dejong@kpnmail.nl]].

Met vriendelijke groet,
[[PERSON:D. de Jong]]`,

  // PL: complaint with Polish address and IBAN
  `Temat: Reklamacja - zamówienie nr PL/2025/03/11872

Dzień dobry,
zgłaszam reklamację odkurzacza (uszkodzony akumulator, zakup 14.03.2025). Proszę o kontakt pod numerem [[PHONE:+48 601 234 567]] w celu odbioru kurierem.

[[PERSON:Katarzyna Wójcik-Zielińska]]
[[STREET_ADDRESS:ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa]]
Zwrot proszę na konto [[IBAN:PL48 1090 1014 2755 8282 3574 1629]]

W załączniku przesyłam dowód zakupu i zdjęcia. Odkurzacz ładuje się tylko do 20% i wyłącza po 3 minutach pracy. Jeśli naprawa nie będzie możliwa, proszę o zwrot pieniędzy.`,

  // PL: chat with data urodzenia
  `Konsultant [[PERSON:Marek]]: Dzień dobry, w czym mogę pomóc?
Klient: chcę zmienić numer telefonu w koncie
Konsultant [[PERSON:Marek]]: Proszę podać imię, nazwisko i datę urodzenia.
Klient: [[PERSON:Paweł Kowalczyk]], [[DATE_OF_BIRTH:1986-02-14]]
Konsultant [[PERSON:Marek]]: Dziękuję. Jaki jest nowy numer?
Klient: [[PHONE:512 883 091]]`,

  // SV: address change
  `Hej!
Jag har flyttat och vill byta leveransadress till [[STREET_ADDRESS:Götgatan 48, 118 26 Stockholm]] från och med nästa leverans. Nytt mobilnummer: [[PHONE:070-312 48 96]].
Mvh [[PERSON:Karin Lindqvist]]`,

  // SV: case note with "född", refund IBAN and approver first name
  `Ärende 88410: Kunden [[PERSON:Oskar Nyström]] (född [[DATE_OF_BIRTH:1989-10-30]]) ringde om en dubbeldebitering den 2 april. Återbetalning till [[IBAN:SE21 5000 0732 0215 2738 0675]] godkänd av [[PERSON:Elin]]. E-post: [[EMAIL:oskar.nystrom@telia.com]]`,

  // TR: late delivery, Turkish address and IBAN
  `Merhaba,
12 Mart'ta verdiğim TR-884201 numaralı sipariş hâlâ gelmedi. Adresim: [[STREET_ADDRESS:Bağdat Caddesi No: 215 D: 7, 34728 Kadıköy/İstanbul]]. Telefon: [[PHONE:0532 418 27 93]].
İade yapılacaksa IBAN: [[IBAN:TR58 0006 2079 5422 0587 9158 90]]
Kargo takip numarası 3 gündür "transfer merkezinde" görünüyor. Kargo şubesini aradım, paketin sizde beklediğini söylediler. Lütfen en kısa sürede gönderin ya da iade edin.
[[PERSON:Mehmet Yıldırım]]`,

  // TR: chat with doğum tarihi, "Bey" outside the span
  `Müşteri temsilcisi [[PERSON:Ayşe]]: Kimlik doğrulaması için adınızı ve doğum tarihinizi alabilir miyim?
Müşteri: [[PERSON:Burak Öztürk]], doğum tarihim [[DATE_OF_BIRTH:12.08.1993]]
Müşteri temsilcisi [[PERSON:Ayşe]]: Teşekkürler [[PERSON:Burak]] Bey. Kartınızın son dört hanesi 4417 mi?
Müşteri: evet. bu arada e-postam değişti: [[EMAIL:burak.ozturk93@yandex.com.tr]]`,

  // RU: postcode-first Russian address, full name family-first
  `Тема: Не пришёл заказ № 55-118204

Здравствуйте! Заказ оплачен 2 апреля, но до сих пор не доставлен. Адрес доставки: [[STREET_ADDRESS:125009, г. Москва, ул. Тверская, д. 12, кв. 45]]. Телефон: [[PHONE:+7 916 482-35-17]].
Курьерская служба говорит, что посылка вернулась на склад 8 апреля из-за «неверного адреса», хотя адрес указан правильно. Прошу отправить заказ повторно или вернуть деньги на карту.
С уважением, [[PERSON:Иванова Анна Сергеевна]]`,

  // RU: operator chat with дата рождения
  `Оператор [[PERSON:Дмитрий]]: Добрый день! Назовите, пожалуйста, ФИО и дату рождения владельца карты.
Клиент: [[PERSON:Смирнов Алексей Викторович]], [[DATE_OF_BIRTH:15.03.1987]]
Оператор [[PERSON:Дмитрий]]: Спасибо. Карта действует до 11/26, верно? На какую почту отправить чек?
Клиент: [[EMAIL:a.smirnov87@mail.ru]]`,

  // EL: double charge, Greek IBAN and mobile
  `Θέμα: Διπλή χρέωση

Καλησπέρα σας,
ονομάζομαι [[PERSON:Γιώργος Παπαδόπουλος]] και χρεώθηκα δύο φορές για την παραγγελία GR-20311. Παρακαλώ επιστρέψτε το ποσό στον λογαριασμό [[IBAN:GR59 0117 4605 4742 7019 7340 260]]. Τηλέφωνο: [[PHONE:694 512 3378]].
Η πρώτη χρέωση έγινε στις 02/04 και η δεύτερη στις 03/04, και οι δύο για 79,90 €. Επισυνάπτω το αντίγραφο κίνησης λογαριασμού.
Ευχαριστώ`,

  // EL: form with ημερομηνία γέννησης and an order date
  `Ονοματεπώνυμο: [[PERSON:Ελένη Κωνσταντινίδου]]
Ημερομηνία γέννησης: [[DATE_OF_BIRTH:22/04/1980]]
Διεύθυνση: [[STREET_ADDRESS:Ερμού 45, 105 63 Αθήνα]]
Email: [[EMAIL:eleni.konst@gmail.com]]
Ημερομηνία παραγγελίας: 03/04/2025`,

  // JA: missing delivery, Japanese address after the postal mark
  `件名：商品未着のお問い合わせ（注文番号 JP-2025-04417）

お世話になっております。4月2日に注文した加湿器がまだ届いておりません。
お届け先：〒[[STREET_ADDRESS:530-0001 大阪府大阪市北区梅田3-4-5 グランドメゾン梅田1203号室]]
氏名：[[PERSON:山田 花子]]
電話：[[PHONE:090-4827-3316]]
追跡番号（4418-2290-7731）で確認したところ、4月4日から「調査中」のままになっております。平日の日中は不在のため、お手数ですが宅配ボックスへの配達、またはメール（[[EMAIL:hanako.yamada@gmail.com]]）でのご連絡をお願いいたします。
ご確認のほどよろしくお願いいたします。`,

  // JA: operator chat, 様 outside the span, 生年月日
  `オペレーター（[[PERSON:佐藤]]）：本人確認のため、お名前と生年月日をお願いいたします。
お客様：[[PERSON:鈴木一郎]]です。生年月日は[[DATE_OF_BIRTH:1985年7月3日]]です。
オペレーター（[[PERSON:佐藤]]）：[[PERSON:鈴木]]様、ありがとうございます。ご登録のメールアドレスは[[EMAIL:ichiro.suzuki@docomo.ne.jp]]でよろしいでしょうか。`,

  // ZH: delivered-but-not-received ticket
  `您好，我的订单号 CN20250411-8832 显示已签收，但我并没有收到。收货地址：[[STREET_ADDRESS:上海市浦东新区世纪大道1200号2栋1503室]]，收件人：[[PERSON:王建国]]，电话：[[PHONE:138 1024 5567]]。请尽快处理，谢谢！`,

  // ZH: chat with 出生日期, 女士 outside the span, UnionPay card, membership expiry date
  `客服（[[PERSON:陈静]]）：您好，为了核实身份，请提供您的姓名和出生日期。
用户：[[PERSON:李秀英]]，出生日期[[DATE_OF_BIRTH:1990年5月12日]]。
客服（[[PERSON:陈静]]）：谢谢[[PERSON:李]]女士。您的会员卡将于2025年12月31日到期，需要续费吗？
用户：需要，用这张卡：[[CREDIT_CARD:6220 9051 9929 8457]]`,

  // KO: refund request with Korean address
  `제목: 환불 요청드립니다

안녕하세요. 3월 28일에 주문한 블루투스 스피커(주문번호 KR-44019)가 불량이라 반품했습니다. 계좌 환불 대신 카드 취소로 부탁드립니다.
이름: [[PERSON:김민준]]
연락처: [[PHONE:010-4827-3391]]
주소: [[STREET_ADDRESS:서울특별시 강남구 테헤란로 152, 12층]]
반품 송장번호는 6892-1104-3357이고, 4월 2일에 회수되었다고 나옵니다. 일주일이 지났는데 아직 취소 처리가 안 되어서 문의드립니다. 확인 후 연락 부탁드립니다.`,

  // KO: chat, particles attached right after the values, 고객님 outside the span
  `상담원 [[PERSON:이서연]]: 본인 확인을 위해 생년월일을 말씀해 주세요.
고객: [[DATE_OF_BIRTH:1992.03.15]]이요
상담원 [[PERSON:이서연]]: 감사합니다, [[PERSON:박지훈]] 고객님. 등록된 이메일 [[EMAIL:jihoon.park92@kakao.com]]으로 안내 메일을 보내드렸습니다.`,

  // AR (Saudi): refund to IBAN, Riyadh address
  `الموضوع: طلب استرداد مبلغ

السلام عليكم،
أرجو استرداد مبلغ الطلب رقم SA-77120 إلى حسابي البنكي:
الاسم: [[PERSON:محمد بن سعد العتيبي]]
الآيبان: [[IBAN:SA38 5270 6669 9439 4062 2016]]
الجوال: [[PHONE:050 774 2918]]
العنوان: [[STREET_ADDRESS:شارع الملك فهد، حي العليا، الرياض 12214]]
تم إلغاء الطلب بتاريخ 2025/04/03 قبل الشحن، وقد مضى أكثر من أسبوعين دون استرداد المبلغ. أرجو إفادتي برقم العملية بعد التحويل.
وشكراً`,

  // AR (UAE): chat with تاريخ الميلاد, phone and e-mail
  `الموظفة ([[PERSON:ريم]]): مرحباً! للتحقق من هويتك، ما اسمك وتاريخ ميلادك؟
العميل: [[PERSON:عمر حسن]]، [[DATE_OF_BIRTH:21/06/1988]]
الموظفة ([[PERSON:ريم]]): شكراً. وما رقم الهاتف المسجل؟
العميل: [[PHONE:+971 50 482 7713]]، والبريد [[EMAIL:omar.hassan88@gmail.com]]`,
];

const NEGATIVES: readonly string[] = [
  // order confirmation: order number, SKUs, prices, totals
  `Order confirmed - #HH-2025-558102

Thanks for shopping with Hearth & Hollow. Here's what's on its way:

1 x Grace Table Lamp, brushed brass (SKU GRC-LMP-BR-02)      $129.00
2 x Linen cushion cover 50x50, oat (SKU LNC-5050-OAT)        $58.00
1 x Warm-white LED bulb E26 (SKU BLB-E26-2700K)              $9.50
Subtotal                                                       $196.50
Shipping (Standard, 3-5 business days)                        $0.00
Tax                                                            $16.21
Order total                                                    $212.71

Paid with Visa ending 4242. You'll get another e-mail with tracking as soon as it ships.`,

  // UPS shipping notice with tracking number and delivery window
  `Your package is on the way!
Carrier: UPS Ground
Tracking number: 1Z4E81W70391844527
Scheduled delivery: Thursday, 04/24/2025, by end of day
Package 1 of 2 - weight 6.4 lbs
Reference: PO 7781-B / order 40019822
Track at https://www.ups.com/track`,

  // USPS and FedEx tracking in a split shipment note
  `Your order shipped in two boxes.
Box 1: USPS Ground Advantage 9400 1118 9922 3847 1965 02 - expected Apr 22
Box 2: FedEx Home Delivery 7794 1203 8851 - expected Apr 23
Items in box 2: Will Cabinet Hinge Set (x4), Drawer Slide 18" (x2).`,

  // DHL Express waybill, customs values
  `DHL Express shipment update
Waybill: 4817302956
Status: Clearance event - shipment on hold, duties and taxes due
Declared value: EUR 240.00 | Duties: EUR 0.00 | Import VAT: EUR 50.40
Pieces: 1 | Weight: 2.1 kg | Product: EXPRESS WORLDWIDE
Pay online at https://mydhl.express.dhl to release the shipment. Reference: IMP-22901-77`,

  // release notes for a product named Grace
  `Release notes - Grace Smart Lamp firmware 3.4.0 (build 3.4.0+2291)

New
- Sunrise mode now fades over 10, 20 or 30 minutes.
- Grace and Grace Mini can be grouped in the app (requires app 5.12 or later).
Fixed
- Lamp could drop off Wi-Fi after a router reboot (GL-4412).
- Brightness slider jumped to 100 % when changing colour temperature (GL-4398).
Known issues
- Grace Mini units made before week 12/2023 need to be updated twice.

Rollout starts 2025-05-06 and completes by 2025-05-20. Lamps update overnight between 02:00 and 04:00 local time; keep them powered at the wall. If an update fails, the lamp keeps running 3.3.2 and retries the next night. Checksum of the package: sha256 6d8b2ba8ad5e3b4edb0c811cc109398b89b50333.`,

  // pricing page with plans named Will, Sage and Max
  `Choose your plan

Will - for individuals. $0/month. 1 estate plan, basic document storage, e-mail support.
Sage - for couples. $12/month billed annually. Everything in Will, plus shared vault and 2 amendments per year.
Max - for families. $24/month billed annually. Unlimited amendments, trustee portal, priority support.

All plans include a 30-day money-back guarantee. Prices exclude sales tax.

FAQ
Can I switch from Will to Sage later? Yes, any time - we'll prorate the difference.
What happens if I cancel Max? Your documents stay available read-only for 12 months.`,

  // May sale marketing e-mail
  `The May Sale is here 🌸
Up to 40% off garden furniture, this week only. Use code MAYDAY15 for an extra 15% off orders over $150.
Offer valid 05/01/2025 - 05/07/2025 while stocks last. Excludes the Hope and Joy candle collections. Unsubscribe any time from your account settings.`,

  // bot script mentioning Pip
  `Pip - welcome flow v7 (approved 2025-03-28)

Pip: Hi! I'm Pip, your Brightline helper. I can track orders, start a return or connect you with a person.
[Quick replies: Track my order | Start a return | Talk to an agent]
If "Talk to an agent" and queue time > 10 min:
Pip: Our team is busy right now. Want me to send you an e-mail as soon as someone is free?
If no reply after 120 s:
Pip: Still there? I'll close this chat in 2 minutes - you can always come back.
Never ask for full card numbers or passwords in this flow.`,

  // status page with versions and private IPs
  `System status - all systems operational
Last updated 2025-04-18 06:00 UTC

API                 Operational   v2.41.3
Dashboard           Operational   v5.8.0
Webhooks            Degraded      retry queue 1,204 events
Search              Operational   index rebuilt 2025-04-17 23:10

Past incident (2025-04-16): elevated 502s from edge node 10.40.2.17 and cache 10.40.3.9 for 14 minutes. Root cause: connection pool exhaustion after deploy 7f3c2a1. Mitigation: pool size raised from 50 to 120 and a canary step added to the rollout. Subscribe to updates via RSS or webhook from this page.`,

  // application log with private and loopback IPs, UUIDs, hashes
  `2025-04-18T06:12:03.481Z INFO  worker-3 job=reindex id=f2e5fa8b-4ecf-4e5d-ac94-fa78e5fa039c shard=12/32 host=10.12.0.44
2025-04-18T06:12:03.902Z INFO  worker-3 job=reindex id=77d2f505-40a7-4edc-a5b4-eec0a0f98b7f shard=13/32 host=10.12.0.44
2025-04-18T06:12:04.117Z WARN  worker-1 redis latency 212ms (127.0.0.1:6379)
2025-04-18T06:12:05.660Z INFO  deploy build=2025.04.18-3 commit=13242aa2402605e88eb1312427c89aedc8c08e02 image=sha256:6d8b2ba8ad5e3b4edb0c811cc109398b89b50333
2025-04-18T06:12:06.002Z INFO  gateway upstream=192.168.40.11:8080 status=200 rt=38ms req=d216d63d-1741-48e5-8d2d-058b3abc4aa0`,

  // returns policy with non-birth dates
  `Returns policy (effective 1 March 2025)

You can return most items within 30 days of delivery. Items bought between 15 November 2024 and 31 December 2024 can be returned until 31 January 2025. Gift cards, opened software and custom-made furniture cannot be returned. Refunds are issued to the original payment method within 5-10 business days after we receive the item. This policy replaces the version dated 12 June 2023.

Faulty items are covered separately by the warranty and can be returned at any time within the warranty period. Return shipping is free for orders over $50; otherwise a $6.95 label fee is deducted from the refund.`,

  // warranty FAQ
  `Q: How long is the warranty on the Ivy cordless vacuum?
A: Two years from the date of purchase for the motor and one year for the battery. Keep your receipt or order confirmation.

Q: I bought mine on Black Friday - when does it expire?
A: If it was delivered on 29/11/2024 the motor is covered until 29/11/2026.

Q: Does registering extend the warranty?
A: Yes, registering within 60 days adds 12 months to the motor warranty.

Q: Is the battery replaceable?
A: Yes. Replacement batteries (SKU IVY-BAT-25) cost $59 and click in without tools. Batteries made before March 2024 have a grey label and are not compatible with the Jasper or Ruby models.`,

  // stock levels CSV
  `sku,product,colour,warehouse,on_hand,reserved,reorder_point,last_count
GRC-LMP-BR-02,Grace Table Lamp,brass,WH2,184,22,60,2025-04-15
GRC-LMP-BK-02,Grace Table Lamp,black,WH2,12,9,60,2025-04-15
WIL-HNG-04,Will Cabinet Hinge Set,nickel,WH1,2310,140,500,2025-04-14
MAY-CSH-5050,May Floral Cushion,rose,WH3,0,0,80,2025-04-12
IVY-VAC-CL,Ivy Cordless Vacuum,sage,WH1,77,31,40,2025-04-15`,

  // pick list
  `PICK LIST - wave 14 - 2025-04-18 07:30
Bin      SKU               Qty  Order
A-03-2   LNC-5050-OAT      2    HH-2025-558102
A-11-4   BLB-E26-2700K     1    HH-2025-558102
C-07-1   GRC-LMP-BR-02     1    HH-2025-558102
C-07-1   GRC-LMP-BR-02     3    HH-2025-558140
D-02-3   WIL-HNG-04        4    HH-2025-558144
Total units: 11 | Totes: 3 | Picker zone: C`,

  // product page with word-names
  `Hope Soy Candle - Fig & Amber
Hand-poured in small batches. 60-hour burn time, cotton wick, 280 g.
Pairs well with the Joy reed diffuser and the Faith linen spray.
$34.00 | Free shipping on orders over $75 | Ships in 2-3 business days
Rated 4.8/5 from 1,932 reviews.`,

  // Kubernetes manifest with secret references but no secret values
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api
  labels: { app: orders-api, tier: backend }
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: orders-api
          image: registry.internal/orders-api:2.41.3
          env:
            - name: DB_HOST
              value: 10.0.4.12
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: { name: orders-db, key: password }
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 250m, memory: 512Mi }
            limits: { cpu: "1", memory: 1Gi }`,

  // German order confirmation
  `Bestellbestätigung Nr. 302-4481920-7713

Vielen Dank für Ihre Bestellung vom 14.04.2025.
1 × Wasserkocher Edelstahl 1,7 l (Art.-Nr. WK-1700-ES)    39,99 €
1 × Entkalker 500 ml (Art.-Nr. ENT-500)                     6,49 €
Versand                                                      0,00 €
Gesamtsumme inkl. 19 % MwSt.                                46,48 €
Voraussichtliche Lieferung: 16.04.2025 - 17.04.2025

Sie können Ihre Bestellung bis zum Versand kostenlos stornieren. Das Widerrufsrecht beträgt 14 Tage ab Erhalt der Ware. Die Rechnung finden Sie ab dem Versandtag in Ihrem Kundenkonto unter „Meine Bestellungen“.`,

  // French Colissimo notice
  `Votre colis est en route !
Numéro de suivi Colissimo : 6A24118309721
Expédié le 08/04/2025 - livraison estimée le 10/04/2025.
Contenu : 2 articles (réf. TSH-BIO-M, TSH-BIO-L). Montant de la commande : 54,90 € TTC.
Vous pouvez modifier la date de livraison sur le site de suivi.`,

  // Spanish FAQ with non-birth dates
  `Preguntas frecuentes - Rebajas de verano
¿Cuándo empiezan las rebajas? El 1 de julio de 2025 a las 00:00 y terminan el 31 de agosto.
¿Puedo devolver un artículo rebajado? Sí, tienes 30 días desde la fecha de entrega.
¿Se aplican los cupones? No, los códigos de descuento no son acumulables con las rebajas.`,

  // Japanese order confirmation
  `ご注文ありがとうございます。
注文番号：JP-2025-118820
注文日：2025年4月15日
商品：電気ケトル 1.0L（品番 EK-1000-W）× 1　4,980円
送料：無料
合計：4,980円（税込）
お届け予定日：2025年4月17日〜18日`,

  // Chinese logistics status
  `物流状态更新
运单号：SF1402877635219
2025-04-16 08:12 快件已揽收
2025-04-16 21:40 已到达转运中心
2025-04-17 09:05 派送中，预计今日送达
订单金额：¥329.00，商品编号 KT-330-BK`,

  // changelog with versions and image digests
  `## v5.8.0 - 2025-04-17
- Dashboard: new "Will ship" filter on the orders view (shows orders with a confirmed ship date).
- Exports: CSV now includes SKU and bin columns.
- Fix: timezone of scheduled reports (DASH-2211).

## v5.7.2 - 2025-04-02
- Fix: pagination skipped the last page when exactly 50 rows (DASH-2190).
- Perf: order list loads 40% faster for accounts with more than 10k orders.

## v5.7.1 - 2025-03-26
- Security: upgraded dependencies flagged by the weekly audit (no customer impact).

Image: registry.internal/dashboard@sha256:b50bb84c349bcaf30428b891e753e4ee2a384f00`,

  // bot quick-replies JSON config
  `{
  "bot": "Pip",
  "version": 7,
  "greeting": "Hi! I'm Pip. How can I help today?",
  "quick_replies": ["Track my order", "Start a return", "Talk to an agent"],
  "handoff": { "queue": "tier1", "max_wait_seconds": 600 },
  "disallowed_inputs": ["card_number", "password", "cvv"],
  "updated_at": "2025-03-28T12:00:00Z"
}`,

  // CI build output with commit hashes and build ids
  `Run #8842 - main - passed in 6m 41s
Checkout 6d8b2ba (merge of PR #1207 "bump vite to 5.4.8")
Install: 1,412 packages in 38s (cache hit)
Tests: 2,318 passed, 4 skipped
Build: dist/ 4.1 MB, 212 chunks
Artifact: web-2025.04.18-8842.tar.gz sha256 b9fd149846d5257d7653acaafa9d88cd671b98f5
Deployed to staging at 2025-04-18 09:14 UTC`,

  // Will Call pickup counter notice
  `Will Call pickup is moving! Starting Monday 5 May, orders marked "Will Call" can be collected at door 4 of the distribution centre, 7:00-15:30 weekdays. Bring your order number (WC-xxxxxx) and the pickup code from your confirmation e-mail. Orders not collected within 10 days are returned to stock.`,

  // HTTP 500 error page with request ids
  `500 Internal Server Error
Something went wrong on our side. Please try again in a few minutes.
Request ID: 344d3bcf-7d49-4a2a-8911-5e67425209ad
Trace: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
Time: 2025-04-18T10:02:44Z
If the problem persists, quote the request ID when you contact support.`,

  // coupon table
  `Active promo codes (April)
GRACE20 - 20% off Grace lamps - expires 2025-04-30 - used 1,104 times
MAYDAY15 - 15% off orders over $150 - starts 2025-05-01
FREESHIP75 - free shipping over $75 - no expiry
WILLKOMMEN10 - 10% off first order - expires 2025-12-31`,

  // subscription renewal notice with a partial card
  `Your Sage plan renews on 1 June 2025. We'll charge $144.00 to the Mastercard ending in 8821. Your current billing period runs from 1 June 2024 to 31 May 2025. To change plans or cancel, visit Billing in your account before 31 May.`,

  // warehouse temperature sensor CSV
  `sensor_id,zone,timestamp,temp_c,humidity_pct,battery
TS-0041,cold-A,2025-04-18T04:00:00Z,3.8,71,92
TS-0041,cold-A,2025-04-18T04:15:00Z,3.9,70,92
TS-0042,cold-B,2025-04-18T04:00:00Z,4.6,68,88
TS-0042,cold-B,2025-04-18T04:15:00Z,5.2,69,88
TS-0107,ambient-3,2025-04-18T04:00:00Z,18.4,44,100`,

  // nginx access log with private, loopback and documentation IPs only
  `10.0.3.21 - - [18/Apr/2025:06:20:11 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"
192.168.1.44 - - [18/Apr/2025:06:20:13 +0000] "POST /api/v2/orders HTTP/1.1" 201 512 "-" "orders-client/2.41.3"
127.0.0.1 - - [18/Apr/2025:06:20:14 +0000] "GET /metrics HTTP/1.1" 200 18233 "-" "Prometheus/2.51.0"
192.0.2.10 - - [18/Apr/2025:06:20:15 +0000] "GET /api/v2/orders/HH-2025-558102 HTTP/1.1" 404 61 "-" "curl/8.5.0"
10.0.3.22 - - [18/Apr/2025:06:20:16 +0000] "GET /static/app.7f3c2a1.js HTTP/1.1" 304 0 "-" "Mozilla/5.0 (X11; Linux x86_64)"`,

  // product comparison table with word-names
  `| Model  | Suction | Runtime | Weight | Price   |
|--------|---------|---------|--------|---------|
| Ivy    | 150 AW  | 45 min  | 1.4 kg | $249.00 |
| Jasper | 180 AW  | 60 min  | 1.6 kg | $329.00 |
| Ruby   | 220 AW  | 70 min  | 1.8 kg | $449.00 |
All models ship with a wall dock and two filters. Ruby adds the pet tool.`,

  // maintenance window notice
  `Scheduled maintenance: Sunday 27 April 2025, 01:00-03:00 UTC. During this window checkout will be read-only and order exports paused. Webhooks queued during maintenance will be delivered afterwards in order. No action is needed from you.`,

  // Italian returns policy
  `Politica di reso
Puoi restituire i prodotti entro 30 giorni dalla consegna. Per gli acquisti effettuati dal 20 novembre al 24 dicembre 2024 il termine è esteso al 31 gennaio 2025. Il rimborso viene effettuato entro 14 giorni dal ricevimento del reso, con lo stesso metodo di pagamento usato per l'ordine.`,

  // Swedish stock report
  `Lagersaldo vecka 16
Artikel        Benämning              Saldo  Beställt
KAF-900-SV     Kaffebryggare svart    42     120
KAF-900-VI     Kaffebryggare vit      0      80
FIL-4-100      Kaffefilter nr 4       1 880  0
Nästa leverans beräknas 2025-04-24.`,

  // invoice summary with invoice numbers and totals, role mailbox
  `Invoice INV-2025-04117
Issued: 2025-04-01 | Due: 2025-05-01 | Terms: Net 30
Line 1: Platform subscription, Team (25 seats) ........ 1,250.00
Line 2: Additional storage 500 GB ...................... 75.00
Line 3: Credit note CN-2025-0310 applied ............... -120.00
Amount due: USD 1,205.00
Payment methods: bank transfer (reference INV-2025-04117) or card via the billing portal. Late payments incur 1.5% per month after the due date.
Questions about this invoice? Reply to billing@cloudledger.com and quote the invoice number.`,
];

export function heldout11(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h11-p${i + 1}`, 'heldout11', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h11-n${i + 1}`, 'heldout11-negative', src, true)),
  ];
}
