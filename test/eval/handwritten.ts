/** ~40 hand-written texts in styles the generator does not produce: a generalization check. */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVE: readonly string[] = [
  `Hello, I am writing on behalf of my mother, [[PERSON:Gertrude Oyelowo]]. She can't use the app anymore. Her number is [[PHONE:(312) 555-0198]].`,
  `hi there!! so my husband [[PERSON:dev]] set up the account but i need access now. email is [[EMAIL:kiki.morales88@gmail.com]]`,
  `Dear Sir/Madam,\nPlease cancel the direct debit from account [[IBAN:GB33BUKB20201555555555]] immediately.\nYours faithfully,\n[[PERSON:Eamon Gallagher]]`,
  `Ticket #88213 — customer [[PERSON:Ingrid Solheim]] reports login loop. Last seen from [[IP_ADDRESS:83.211.14.7]].`,
  `can u send the receipt to [[EMAIL:p.nakagawa@kyoto-ceramics.jp]] instead? thx`,
  `My SSN is [[US_SSN:219-09-9999]]? no wait it's [[US_SSN:536-22-1847]], sorry`,
  `Card: [[CREDIT_CARD:5425 2334 3010 9903]] exp 04/27 cvv on request`,
  `I was born [[DATE_OF_BIRTH:14 February 1979]] so the age check shouldn't block me.`,
  `Please deliver to [[STREET_ADDRESS:742 Evergreen Terrace, Springfield, OR 97403]], leave at the back door.`,
  `From: [[PERSON:Rohan Venkatesan]] <[[EMAIL:rohan@venkatesan.in]]>\nSent: Tuesday\nSubject: broken link\n\nThe link [[URL:https://shop.example.com/reset?token=9f8e7d6c5b4a&email=rohan%40venkatesan.in]] doesn't work.`,
  `Our dev accidentally pasted this in the ticket: [[SECRET:ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8]] — please purge it.`,
  `Thanks [[PERSON:Zuzana]], that fixed it!`,
  `Call me on [[PHONE:+49 170 1234567]] or at the office, [[PHONE:+49 89 2180 2000]].`,
  `Meine Adresse: [[STREET_ADDRESS:Schönhauser Allee 36, 10435 Berlin]]`,
  `Customer says she lives in [[LOCATION:Guadalajara]] and the courier can't find the building.`,
  `Ms. [[PERSON:Achterberg]] asked us to close the account by Friday.`,
  `db url was [[URL:postgres://app_user:S3cr3tPw@db.prod.internal:5432/orders]] if you need to check`,
  `name: [[PERSON:Tomás Ibarra]]\nphone: [[PHONE:+34 915 123 456]]\ndob: [[DATE_OF_BIRTH:1986-11-23]]`,
  `Regards,\n[[PERSON:Fiona]]\n\nSent from my iPhone`,
  `AWS creds leaked in the log: [[SECRET:AKIAIOSFODNN7EXAMPLE]]`,
  `hello its [[PERSON:marcus]], same issue as yesterday w/ the export`,
  `My colleague [[PERSON:Sipho Dlamini]] and I share the workspace. His IP is [[IP_ADDRESS:2001:db8:85a3::8a2e:370:7334]].`,
  `password: [[SECRET:Tr0ub4dor&3]]`,
  `Please transfer the deposit to NL account [[IBAN:NL91 ABNA 0417 1643 00]] (holder [[PERSON:Joost Verhoeven]]).`,
  `The parcel should go to [[STREET_ADDRESS:Flat 2, 18 Harrow Road, London W2 1XD]] not the old place.`,
  `Text me at [[PHONE:415.555.0176]] when the tech is on the way.`,
  `I spoke to [[PERSON:Alinta]] on the phone and she said a refund was approved.`,
  `{"user":"[[EMAIL:ana.lima@uol.com.br]]","ip":"[[IP_ADDRESS:177.43.201.9]]","event":"login_failed"}`,
  `The bearer token [[SECRET:eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX2hlcmVfMTIz]] expired.`,
  `Reset the router at 192.168.0.1 to defaults? No — the firmware is v3.2.1.0.`,
  `Hi [[PERSON:Mei-Ling]],\nI'm travelling to [[LOCATION:Lisbon]] next week; can you pause my plan?\n[[PERSON:Ezra]]`,
];

const NEGATIVE: readonly string[] = [
  `Order 4482913 shipped via DHL, tracking JJD0099887766554. ETA 3-5 business days.`,
  `We released version 2.14.3.1 yesterday; please update the client and restart.`,
  `The invoice INV-2024-00831 totals $1,249.00 and is due 2024-07-31.`,
  `Will the new plan include SSO? May we get a demo next week?`,
  `Grace period is 30 days; after that we bill the card on file.`,
  `Mark all notifications as read, then hit Save.`,
  `SKU 55012-338 and SKU 55012-339 are out of stock until August.`,
  `Your appointment is on 12/05/2024 at 10:30. Reply YES to confirm.`,
  `Nova here: the Orbita Cloud outage is resolved. Thank you for your patience!`,
];

export function handwritten(): LabeledDoc[] {
  return [
    ...POSITIVE.map((s, i) => parseMarkup(`hw-${i}`, 'handwritten', s)),
    ...NEGATIVE.map((s, i) => parseMarkup(`hwneg-${i}`, 'handwritten_negative', s, true)),
  ];
}
