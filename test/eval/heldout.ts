/**
 * ~80 held-out texts in customer-support styles neither the generator nor handwritten.ts covers well:
 * tickets, chats, forwarded e-mails with signatures, pasted logs / JSON / CSV / config, lower-case text,
 * names from many cultures, non-US phone / address / IBAN formats, plus hard negatives.
 * Written once, labeled by hand, NOT tuned against the detector: an honest generalization check.
 * Conventions: titles (Mr., Dr.) are outside PERSON spans; a URL carrying personal values is one URL span;
 * phone extensions are outside PHONE spans; organizations are not labeled (not tokenized by default); city names
 * are LOCATION wherever they stand outside an address span (project convention), a company role mailbox
 * (support@...) is not labeled.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVE: readonly string[] = [
  // lower-case chat
  `hi its [[PERSON:mehmet]] again, my wife [[PERSON:ayşe]] ordered the blender last week and it still hasnt arrived`,
  `hey so i talked to [[PERSON:nguyen van an]] yesterday and he said you guys would call me back?? my number is [[PHONE:+84 90 123 4567]]`,
  `yo this is [[PERSON:siobhan]] from the earlier chat, can you resend the code to [[EMAIL:siobhan.ni.bhriain@eircom.net]]`,
  `my name is [[PERSON:oluwaseun adeyemi]] and i cant log in since the update`,
  `ok thanks [[PERSON:wojtek]]. btw my brother [[PERSON:krzysztof]] has the same problem on his account`,
  `pls cancel the order for my mum, [[PERSON:eleni papadopoulou]], she is in hospital`,
  `hello, this is [[PERSON:zhang wei]], i forgot my password and the reset mail never comes`,
  `i am [[PERSON:Somchai]] and my friend [[PERSON:Kanya]] told me to contact you about the refund`,
  // tickets / forms
  `Ticket 20931\nReporter: [[PERSON:Chukwuemeka Obi]]\nAffected user: [[PERSON:Ngozi Okonkwo-Adeyemi]]\nSummary: cannot update billing address`,
  `Customer [[PERSON:J. R. Okafor]] called about a duplicate charge on card ending 4242.`,
  `Requester: Dr. [[PERSON:Anneke van der Berg]]`,
  `Per [[PERSON:María José García-López]], the shipment should be split in two.`,
  `Account holder: [[PERSON:Seán Ó Briain]] — verified by phone on [[PHONE:+353 87 123 4567]].`,
  `Escalated by [[PERSON:Priya Raghunathan]]. Customer is [[PERSON:Thandiwe Mokoena]] ([[EMAIL:thandi.mokoena@webmail.co.za]]).`,
  `Contact on file: [[PERSON:Abdulrahman bin Khalid Al-Harbi]], mobile [[PHONE:+966 50 123 4567]]`,
  `The order was placed by [[PERSON:Yael Ben-David]] and shipped to [[STREET_ADDRESS:Rothschild Blvd 22, Tel Aviv 6688218]].`,
  `New lead: [[PERSON:Park Ji-woo]], [[PHONE:+82 10-2345-6789]], interested in the enterprise tier.`,
  `Caller identified herself as [[PERSON:Lakshmi Narayanan]] from [[LOCATION:Chennai]]; callback number [[PHONE:+91 98765 43210]].`,
  `Agent note: spoke with [[PERSON:Tran Thi Mai]]; she will send the photos tomorrow.`,
  `Customer [[PERSON:Kemal Yılmaz]] wants the invoice in Turkish. IBAN for the refund: [[IBAN:TR33 0006 1005 1978 6457 8413 26]]`,
  // e-mail signatures / forwarded mail
  `Thanks for the quick fix!\n\n--\n[[PERSON:Kateryna Bondarenko-Smith]]\nSenior Buyer\nT: [[PHONE:+44 20 7946 0958]]\nM: [[PHONE:07700 900123]]`,
  `Best regards,\n[[PERSON:Joost de Vries]]\n[[LOCATION:Amsterdam]] office, tel. [[PHONE:+31 6 12345678]]`,
  `---------- Forwarded message ---------\nFrom: [[PERSON:Aoife Byrne]] <[[EMAIL:aoife.byrne@gmail.com]]>\nDate: Mon, 3 Jun 2024 at 09:14\nSubject: Re: refund\nTo: <support@example.com>\n\nStill waiting on this.`,
  `Kind regards,\n\n[[PERSON:Giannis Antonopoulos]]\nOperations | [[LOCATION:Athens]] office\n[[PHONE:+30 210 123 4567]]`,
  `Cheers,\n[[PERSON:Liam O'Sullivan]]\nSent from Outlook for Android`,
  `Mit freundlichen Grüßen\n[[PERSON:Jürgen Weißmüller]]\n[[STREET_ADDRESS:Hauptstraße 5, 80331 München]]\nTel.: [[PHONE:+49 89 1234567]]`,
  `Obrigado,\n[[PERSON:João Pedro Gonçalves]]\n[[PHONE:+55 11 91234-5678]]`,
  `Regards\n[[PERSON:Chinedu]]`,
  `On Tue, 4 Jun 2024, [[PERSON:Nomvula Dube]] <[[EMAIL:nomvula.d@outlook.com]]> wrote:\n> the app crashes on start`,
  // JSON
  `{"customer_name": "[[PERSON:Chukwuemeka Eze]]", "email": "[[EMAIL:c.eze@yahoo.com]]", "order_id": "ORD-88412"}`,
  `{"user": {"first_name": "[[PERSON:Hoang]]", "last_name": "[[PERSON:Nguyen]]", "phone": "[[PHONE:+84 28 3822 1234]]"}}`,
  `payload={"name":"[[PERSON:Agnieszka Wiśniewska]]","dob":"[[DATE_OF_BIRTH:1991-08-17]]","iban":"[[IBAN:PL61109010140000071219812874]]"}`,
  `{"contact":{"fullName":"[[PERSON:Mustafa Al-Sayed]]","address":"[[STREET_ADDRESS:14 Sheikh Zayed Road, Dubai]]"},"tier":"gold"}`,
  `{"billing": {"holder": "[[PERSON:Sven Lindqvist]]", "card": "[[CREDIT_CARD:4111 1111 1111 1111]]"}}`,
  `{"event":"signup","ip":"[[IP_ADDRESS:2a02:8108:1dc0:4a00::1f3]]","email":"[[EMAIL:ahmet.demir@hotmail.com.tr]]"}`,
  // log lines
  `2024-06-03T10:22:41Z INFO login ok user=[[EMAIL:ravi.shankar@infosys-mail.in]] ip=[[IP_ADDRESS:49.207.12.88]]`,
  `WARN payment declined customer="[[PERSON:Fatima Zahra Benali]]" amount=49.99 currency=EUR`,
  `level=error msg="sms failed" phone=[[PHONE:+81-3-1234-5678]] name=[[PERSON:Takeshi Yamamoto]] retry=3`,
  `[auth] session created for [[EMAIL:kim.minjun@naver.com]] from [[IP_ADDRESS:fe80::1ff:fe23:4567:890a]]`,
  `GET [[URL:https://portal.example.com/account?user=mkowalski&email=marta.kowalska%40wp.pl]] 200 143ms`,
  `export OPENAI_API_KEY=[[SECRET:sk-proj-4fGh7Jk9LmN2pQ5rS8tV1wX3yZ6aB0cD]]`,
  `# config.yml\ndatabase:\n  host: db.internal\n  user: app\n  password: [[SECRET:Xk9#mP2!vL7q]]`,
  `aws_access_key_id = [[SECRET:AKIAJ7Q3EXAMPLEK2Z4W]]\nregion = eu-west-1`,
  `git clone https://[[SECRET:ghp_Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7A]]@github.com/acme/private-repo.git`,
  `SLACK_BOT_TOKEN=[[SECRET:xoxb-2481632640-1357924680-Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7]]`,
  // CSV
  `name,email,phone\n[[PERSON:Olumide Bakare]],[[EMAIL:olumide.b@gmail.com]],[[PHONE:+234 803 123 4567]]\n[[PERSON:Dang Thi Hoa]],[[EMAIL:hoa.dang@gmail.com]],[[PHONE:+84 91 234 5678]]`,
  `id;nombre;ciudad\n17;[[PERSON:Ximena Quispe]];[[LOCATION:Cusco]]\n18;[[PERSON:Rodrigo Mamani]];[[LOCATION:Arequipa]]`,
  // phones, addresses, DOB, IBAN in prose
  `Please ring our [[LOCATION:Sydney]] office on [[PHONE:(02) 9876 5432]] and ask for [[PERSON:Mick]].`,
  `Reach me on [[PHONE:+1 (416) 555-0142]] ext. 204 during business hours.`,
  `Could you ship to [[STREET_ADDRESS:Unit 4, 27 King St, Newtown NSW 2042]]? I moved last month.`,
  `New address: [[STREET_ADDRESS:221B Baker Street, London NW1 6XE]]`,
  `Send the replacement to [[STREET_ADDRESS:1200 Rue Sainte-Catherine O, Montréal, QC H3B 1K9]], apartment 5.`,
  `Delivery address is [[STREET_ADDRESS:Keizersgracht 123, 1015 CJ Amsterdam]], 3rd floor.`,
  `d.o.b [[DATE_OF_BIRTH:03/04/1988]], name [[PERSON:Bartosz Zieliński]]`,
  `I was born on [[DATE_OF_BIRTH:7th March 1992]] but your form says 1993.`,
  `my birthday is [[DATE_OF_BIRTH:22 June 1985]] if you need it for verification`,
  `Geburtsdatum: [[DATE_OF_BIRTH:12.05.1975]]`,
  `Refund to [[IBAN:DE89 3704 0044 0532 0130 00]] please, account name [[PERSON:Hannelore Schmitt]].`,
  `Mon IBAN : [[IBAN:FR14 2004 1010 0505 0001 3M02 606]] (titulaire : [[PERSON:Élodie Marchand]])`,
  `IBAN [[IBAN:IE29AIBK93115212345678]], BIC AIBKIE2D`,
  `Our [[LOCATION:Athens]] branch account: [[IBAN:GR16 0110 1250 0000 0001 2300 695]]`,
  `my wife and i ([[PERSON:Dimitra]] and [[PERSON:Kostas]]) share the family plan, her email is [[EMAIL:dimitra.k@gmail.com]]`,
  `The technician, [[PERSON:Ciarán Mac Giolla]], visited [[STREET_ADDRESS:12 Main Street, Galway H91 X2Y3]] on Monday.`,
  `please reset 2FA for [[PERSON:ananya iyer]] — she lost her phone. alt phone [[PHONE:+91 98450 12345]]`,
  `Hi team, [[PERSON:Bui Minh Khoa]] here. Our IP changed to [[IP_ADDRESS:113.161.72.15]], please whitelist.`,
  `Reset link: [[URL:https://app.example.com/reset?token=ab12cd34ef56&uid=48812&email=tomasz.nowak%40onet.pl]]`,
];

const NEGATIVE: readonly string[] = [
  `Will you restock the Grace 2 headphones before May? The waitlist is long.`,
  `Order ORD-2024-118842 (SKU BX-4410-RED, qty 2) ships on 2024-06-14. Total €1.299,00 incl. VAT.`,
  `2024-06-03T10:22:41Z INFO cache warmed keys=18233 duration_ms=412 region=eu-west-1`,
  `{"sku": "HB-220-BLK", "name": "Summit Backpack 30L", "price": 89.95, "stock": 14}`,
  `Release 3.18.0: fixes the crash when Amber theme is enabled; Hope this helps everyone who reported it.`,
  `Tracking number 1Z999AA10123456784, expected delivery Friday 7 June between 9:00 and 13:00.`,
  `Commit 9fceb02d0ae598e95dc970b74767f19372d61af8 reverted the change to the retry policy.`,
  `request_id=3f2b1c9e-7a4d-4e8b-9c1a-2b3c4d5e6f70 status=504 upstream_ms=30001`,
  `The Rose Gold and Sky Blue cases are 20% off until the end of June.`,
  `Please bill me later — the invoice total is $2,450.00 for 12 seats, renewal 01/09/2025.`,
  `sku,name,price\nTX-100,Harmony Speaker,129.00\nTX-200,Victory Soundbar,249.00`,
  `Error 0x80070005 on Windows 11 build 22631.3593 after KB5037771.`,
  `Meeting moved to Tuesday 14:00 CET; agenda: roadmap, pricing, the Atlas migration.`,
  `Faith in the new search ranking is low: CTR dropped 4.2% week over week.`,
  `Use promo code SUMMER24 at checkout; valid until 31.08.2024.`,
  `Your plan renews on 15 March 2025 at £12.99/month.`,
  `user=anonymous status=200 path=/api/v2/products?page=3&sort=price_asc`,
  `Frank feedback welcome: does the Dawn dark mode look right on your screen?`,
];

export function heldout(): LabeledDoc[] {
  return [
    ...POSITIVE.map((s, i) => parseMarkup(`ho-${i}`, 'heldout', s)),
    ...NEGATIVE.map((s, i) => parseMarkup(`honeg-${i}`, 'heldout_negative', s, true)),
  ];
}
