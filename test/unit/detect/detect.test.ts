import { describe, expect, it } from 'vitest';
import { creditCardValid, ibanValid, ipv4Valid, ipv6Valid, luhnValid, usSsnValid } from '../../../src/detect/checksums.js';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';
import { resolveOverlaps } from '../../../src/detect/resolve-overlaps.js';
import type { DetectorConfig, Finding } from '../../../src/detect/types.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const found = (text: string, d = detector): Array<[string, string]> => d.detect(text).map((f) => [f.type, text.slice(f.start, f.end)]);
const types = (text: string, d = detector): string[] => d.detect(text).map((f) => f.type);

describe('checksums', () => {
  it('luhn and card issuers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(creditCardValid('4111 1111 1111 1111')).toBe(true);
    expect(creditCardValid('9111111111111111')).toBe(false);
    // one issuer regex: each family's prefix (Luhn-valid numbers)
    for (const n of ['5555555555554444', '2223003122003222', '378282246310005', '6011111111111117', '3530111333300000', '30569309025904', '6304000000000000', '6200000000000005']) {
      expect(creditCardValid(n)).toBe(true);
    }
    expect(creditCardValid('1111111111111117')).toBe(false); // Luhn-valid, no issuer
    expect(creditCardValid('4444444444444444')).toBe(false); // one repeated digit
  });
  it('SSA rules', () => {
    expect(usSsnValid('536-22-1847')).toBe(true);
    expect(usSsnValid('000-12-3456')).toBe(false);
    expect(usSsnValid('666-12-3456')).toBe(false);
    expect(usSsnValid('912-12-3456')).toBe(false);
    expect(usSsnValid('123-00-3456')).toBe(false);
    expect(usSsnValid('123-45-0000')).toBe(false);
  });
  it('IBAN mod-97 and country length', () => {
    expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
    expect(ibanValid('DE89370400440532013')).toBe(false);
  });
  it('IP validators', () => {
    expect(ipv4Valid('192.168.1.1')).toBe(true);
    expect(ipv4Valid('256.1.1.1')).toBe(false);
    expect(ipv4Valid('0.0.0.0')).toBe(true);
    expect(ipv4Valid('255.255.255.255')).toBe(true);
    for (const bad of ['01.1.1.1', '1.1.1', '1.1.1.1.1', '1..1.1', '1.1.1.', '1000.1.1.1', '1.1.1.300']) expect(ipv4Valid(bad)).toBe(false);
    expect(ipv6Valid('2001:db8::8a2e:370:7334')).toBe(true);
    expect(ipv6Valid('10:30:15')).toBe(false);
  });
});

describe('pattern recognizers', () => {
  it('email, including obfuscated', () => {
    expect(found('write to maria.gonzalez@example.com.')).toContainEqual(['EMAIL', 'maria.gonzalez@example.com']);
    expect(types('john at example dot com')).toContain('EMAIL');
    expect(types('meet at noon')).not.toContain('EMAIL');
  });
  it('role mailboxes are reported below the default threshold', () => {
    for (const t of ['write to support@shipfast.io', 'From: noreply@example.com', 'an kundenservice@versandhaus.de', 'Para: reservas@hotelbrisamar.es', 'To: sellers@craftbazaar.io']) expect(types(t)).not.toContain('EMAIL');
    const low = createDetector({ ...DEFAULT_DETECTOR_CONFIG, minConfidence: { EMAIL: 0.2 } });
    expect(found('write to support@shipfast.io', low)).toContainEqual(['EMAIL', 'support@shipfast.io']);
    expect(found('write to support.maria@shipfast.io')).toContainEqual(['EMAIL', 'support.maria@shipfast.io']);
    // compounds of function words are mailboxes of a function too
    for (const t of ['cc merchant-support@lipaflow.co.ke', 'to accounts-payable@tarangsoft.in', 'service.client@voyages-azur.fr', 'treasury-ops@gulfbridgepay.ae']) expect(types(t)).not.toContain('EMAIL');
  });
  it('samples of documentation and cloud service accounts are reported below the default threshold; a stand-in a caller writes is an address', () => {
    for (const t of ['e.g. user@example.com', '"example": "user@example.com"', 'sa: etl-runner@kopi-prod.iam.gserviceaccount.com', 'mail admissions@brightfield.ac.uk']) expect(types(t)).not.toContain('EMAIL');
    expect(found('my email is jane.doe@example.com')).toContainEqual(['EMAIL', 'jane.doe@example.com']);
    expect(found('login as test@example.org')).toContainEqual(['EMAIL', 'test@example.org']);
    expect(types('Si tienes dudas, escribe a atencion@tiendaverde.es.')).not.toContain('EMAIL');
    expect(found('from caleb.kingsley@example.com')).toContainEqual(['EMAIL', 'caleb.kingsley@example.com']);
    expect(found('from user@gmail.com')).toContainEqual(['EMAIL', 'user@gmail.com']);
  });
  it('phone look-alikes: ids, postcodes, log fields, dates and coordinates', () => {
    for (const t of [
      'RUT: 17.482.305-K',
      'ABN 51 824 753 556',
      '"GET /metrics HTTP/1.1" 200 18412 "-"',
      '住所：〒150-0001 東京都',
      'Rio de Janeiro - RJ, 22240-003',
      'Dne 20. 8. 2024 v 9:14 napsal',
      'applicant 2024-88174',
      '주문번호: 20240917-000381',
      'const c = { lat: 10.7769, lng: 106.7009 };',
    ]) expect(types(t)).not.toContain('PHONE');
    expect(found('收件人王晓明，手机139 2841 7705')).toContainEqual(['PHONE', '139 2841 7705']);
    const csv = found('nome;cpf;celular\nThiago Moreira;318.402.776-09;(31) 99214-6087');
    expect(csv).toContainEqual(['PHONE', '(31) 99214-6087']);
    expect(csv).not.toContainEqual(['PHONE', '318.402.776-09']);
  });
  it('phones: E.164, US, UK, EU, extensions', () => {
    for (const p of ['+44 20 7946 0958', '(415) 555-0132', '415-555-0132', '020 7946 0958', '07700 900123', '+49 30 12345678', '06 12 34 56 78', '+33 6 12 34 56 78']) {
      expect(found(`call me on ${p} please`)).toContainEqual(['PHONE', p]);
    }
    expect(found('office (415) 555-0132 ext. 42')).toContainEqual(['PHONE', '(415) 555-0132 ext. 42']);
  });
  it('account, policy and certificate numbers are no phones; a bracketed area code outweighs a nearby other-number word', () => {
    for (const t of ['Your bill explained - account 8842-1190-33, bill period 01 Mar', 'my water account 44-0918-227 because', 'número de póliza 00-7731-2284.', 'Her certificate number is 0093318207 and', '(Bestellnr. 302-7781944, Artikel JK-4418-M)']) {
      expect(types(t)).not.toContain('PHONE');
    }
    expect(found('verified via one-time code to (917) 402-6618).')).toContainEqual(['PHONE', '(917) 402-6618']);
    expect(found('Number to port: (503) 662-1840')).toContainEqual(['PHONE', '(503) 662-1840']);
    expect(found('the mobile number on my account is 07700 900123')).toContainEqual(['PHONE', '07700 900123']);
  });
  it('an Indian mobile in two groups of five; a chat turn "Customer:" is no id key', () => {
    expect(found('Mera naam Ankit Verma hai aur number 98110 45527 hai.')).toContainEqual(['PHONE', '98110 45527']);
    expect(found('Agent: Could you confirm your registered mobile number?\nCustomer: 98450 22718.')).toContainEqual(['PHONE', '98450 22718']);
    expect(found('Customer: 0722 418 306, Otieno Samuel Ochieng')).toContainEqual(['PHONE', '0722 418 306']);
    for (const t of ['Order 98110 45372 shipped', 'customer_no: 0770090012']) expect(types(t)).not.toContain('PHONE');
  });
  it('phone near-misses: order numbers, dates, versions', () => {
    expect(types('order #4829103344 shipped')).not.toContain('PHONE');
    expect(types('due 2024-03-15 and 12/03/2024')).not.toContain('PHONE');
    expect(types('tracking number 940011189922385')).not.toContain('PHONE');
    for (const t of ['Vielen Dank für Ihre Bestellung Nr. 4410-2291.', 'spoke w/ Venkatesh (acct 7781-220).', 'Ihre Bestellung 302-4417789-2210 wurde versandt', 'Your case number is 04418227.', '[10-04-2024 11:02] Van Dijk: Goedemiddag']) expect(types(t)).not.toContain('PHONE');
    expect(found('naman po, my number is 0917 462 8830')).toContainEqual(['PHONE', '0917 462 8830']);
    expect(found('Si no puedes venir llama al +34 612 48 90 37.')).toContainEqual(['PHONE', '+34 612 48 90 37']);
    expect(found('Darnell Price | Price Family Law LLP | +1 617-902-4418')).toContainEqual(['PHONE', '+1 617-902-4418']);
    // in parentheses in prose: the '(' is the aside's, the number the one inside
    expect(found('texts on his personal phone (559-301-7742) are in scope')).toContainEqual(['PHONE', '559-301-7742']);
    expect(found('was informed by phone (+39 338 712 4409) on 17 January')).toContainEqual(['PHONE', '+39 338 712 4409']);
    expect(found('call her mobile (0412 883 106) rather')).toContainEqual(['PHONE', '0412 883 106']);
    expect(found('call (213) 484-7710 now')).toContainEqual(['PHONE', '(213) 484-7710']);
  });
  it('credit cards: spaced, dashed, plain; invalid Luhn rejected', () => {
    expect(types('card 4111 1111 1111 1111')).toContain('CREDIT_CARD');
    expect(types('card 5425-2334-3010-9903')).toContain('CREDIT_CARD');
    expect(types('card 4111111111111111')).toContain('CREDIT_CARD');
    expect(types('card 4111 1111 1111 1112')).not.toContain('CREDIT_CARD');
  });
  it('credit cards in CSV rows (a comma is a delimiter there, not a thousands separator) and of more issuers', () => {
    const csv = 'dispute_id,cardholder,card_number,amount\nDSP-1,Zeynep Aksoy,9792568511800103,899.90\nDSP-2,Rafael Quispe,376385708604062,2450.00';
    expect(found(csv).filter(([t]) => t === 'CREDIT_CARD').map(([, v]) => v)).toEqual(['9792568511800103', '376385708604062']);
    expect(found('заблокировать карту 2200 4489 4319 6415, её украли')).toContainEqual(['CREDIT_CARD', '2200 4489 4319 6415']);
    // an id column's numbers, a thousands-separated or decimal number: none
    expect(types('order_id,amount\n4068415979827319,12.00')).not.toContain('CREDIT_CARD');
    expect(types('a total of 1,4068415979827319 units')).not.toContain('CREDIT_CARD');
    expect(types('ratio 4068415979827319,50 EUR')).not.toContain('CREDIT_CARD');
  });
  it('SSN: valid, invalid areas', () => {
    expect(types('SSN 536-22-1847')).toContain('US_SSN');
    expect(types('SSN 000-22-1847')).not.toContain('US_SSN');
    expect(types('SSN 666-22-1847')).not.toContain('US_SSN');
    expect(types('ref 536221847')).not.toContain('US_SSN');
  });
  it('IBAN spaced and not; bad checksum rejected', () => {
    expect(types('IBAN DE89 3704 0044 0532 0130 00')).toContain('IBAN');
    expect(types('IBAN GB82WEST12345698765432 thanks')).toContain('IBAN');
    expect(types('IBAN GB82WEST12345698765433')).not.toContain('IBAN');
  });
  it('IP v4/v6; version numbers are not addresses', () => {
    expect(found('from 83.211.14.7 today')).toContainEqual(['IP_ADDRESS', '83.211.14.7']);
    expect(types('ip 2a02:8108:1dc0:4a00::1f3')).toContain('IP_ADDRESS');
    expect(types('upgraded to version 1.2.3.4')).not.toContain('IP_ADDRESS');
    // a version step ("firmware from A to B"), not a move between addresses
    expect(types('moves the printer firmware from 2.14.0.7 to 2.14.1.3.')).not.toContain('IP_ADDRESS');
    expect(found('the attacker moved from 81.2.69.142 to 81.2.69.160')).toContainEqual(['IP_ADDRESS', '81.2.69.142']);
    expect(types('at 10:30:15 we restarted')).not.toContain('IP_ADDRESS');
    for (const t of ['connect ECONNREFUSED 127.0.0.1:6379', 'listen on 0.0.0.0:8080', 'ping 0:0:0:0:0:0:0:1']) expect(types(t)).not.toContain('IP_ADDRESS');
  });
  it('private, shared and link-local addresses count only where the line ties them to a person', () => {
    // a company's own hosts, networks and examples: reported below the default threshold
    for (const t of [
      'upstream api {\n  server 10.0.4.17:8080;\n  server 192.168.1.254:8080 backup;\n}',
      '2025-03-06T09:12:44Z WARN upstream=172.18.4.21:9443 retry=1/3',
      'Router check: LAN gateway 192.168.1.1, VPN tunnel 10.8.0.1, carrier-grade NAT address 100.72.14.9',
      'The example server in our guide is 203.0.113.10 / 2001:db8::10 (link-local fe80::1c2b:3aff:fe4d:5e6f)',
      'bastion at 172.20.0.10, unique local fd12:3456:789a::1, self-assigned 169.254.10.3',
    ]) expect(types(t)).not.toContain('IP_ADDRESS');
    // a network in CIDR notation is no machine, whatever its range
    expect(types('ALLOWED_CIDRS: "10.0.0.0/8,81.2.69.0/24"')).not.toContain('IP_ADDRESS');
    // ...and personal data where the line says whose it is
    expect(found('My IP is 192.168.1.20 at home')).toContainEqual(['IP_ADDRESS', '192.168.1.20']);
    expect(found('His IP is 2001:db8:85a3::8a2e:370:7334.')).toContainEqual(['IP_ADDRESS', '2001:db8:85a3::8a2e:370:7334']);
    expect(found('ERROR auth failed user=ana.lima@uol.com.br ip=10.20.30.40 attempt=2')).toContainEqual(['IP_ADDRESS', '10.20.30.40']);
    expect(found('[auth] session created for kim.minjun@naver.com from fe80::1ff:fe23:4567:890a')).toContainEqual(['IP_ADDRESS', 'fe80::1ff:fe23:4567:890a']);
    expect(found('customer Ingrid reports a login loop from 10.1.2.3')).toContainEqual(['IP_ADDRESS', '10.1.2.3']);
    // (the user in a connection string's userinfo is no person's tie)
    expect(types('DATABASE_URL=postgres://app@10.0.0.5:5432/orders')).not.toContain('IP_ADDRESS');
    // documentation ranges are what careful writers put where a visitor's address stands: personal data, except as
    // an example
    expect(found('Margaret Okonkwo lives at 203.0.113.45, email margaret@example.org')).toContainEqual(['IP_ADDRESS', '203.0.113.45']);
    expect(found('{"iban":"DE89370400440532013000","ip":"198.51.100.7"}')).toContainEqual(['IP_ADDRESS', '198.51.100.7']);
    expect(types('Requests from your allow-list only, e.g. 192.0.2.10 or 203.0.113.0/24.')).not.toContain('IP_ADDRESS');
    // public addresses stay personal data anywhere
    expect(found('upstream=81.2.69.160:443 timeout')).toContainEqual(['IP_ADDRESS', '81.2.69.160']);
  });
  it('secrets of common providers and password fields', () => {
    const keys = ['sk-proj-abcdefghijklmnopqrstuvwxyz123456', 'AKIAIOSFODNN7EXAMPLE', 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'xoxb-123456789012-abcdefghijkl', 'sk_live_abcdefghijklmnop1234', 'AIzaSyA1234567890abcdefghijklmnopqrstuv', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijklmnop'];
    for (const k of keys) expect(found(`key: ${k}`)).toContainEqual(['SECRET', k]);
    expect(found('password: hunter2!')).toContainEqual(['SECRET', 'hunter2!']);
    expect(found('pwd=S3cr3t')).toContainEqual(['SECRET', 'S3cr3t']);
    expect(types('the password is incorrect')).not.toContain('SECRET');
    expect(types('-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----')).toContain('SECRET');
    expect(found('I used my token glpat-OFj_xklLwJlJ3UKFCs2q as the password')).toContainEqual(['SECRET', 'glpat-OFj_xklLwJlJ3UKFCs2q']);
    expect(found('aws:\n  secret_access_key: hig99oXl0nRKgwbzYTHoWnuSs0D3mBkZ6vXmc7i/\n')).toContainEqual(['SECRET', 'hig99oXl0nRKgwbzYTHoWnuSs0D3mBkZ6vXmc7i/']);
    expect(found('WEBHOOK_SECRET=whsec_abcdefghijklmnop12')).toContainEqual(['SECRET', 'whsec_abcdefghijklmnop12']);
    expect(found('    POSTGRES_PASSWORD: pg-Str0ng-2291!\n')).toContainEqual(['SECRET', 'pg-Str0ng-2291!']);
    // a template's stand-ins, and an empty value (the next line is not its value)
    expect(types('STRIPE_SECRET_KEY=sk_test_replace_me\nSENDGRID_API_KEY=\nJWT_SECRET=change-this-in-production\n')).not.toContain('SECRET');
    expect(found('password: changeme123')).toContainEqual(['SECRET', 'changeme123']);
    expect(types('STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nSLACK_BOT_TOKEN=xoxb-your-token-here\nDB_PASSWORD=<your database password>\n')).not.toContain('SECRET');
    expect(found('the admin API access token: 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.')).toContainEqual(['SECRET', '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']);
    expect(found('os.environ["HF_TOKEN"] = "hf_OnEVjo0xNL2bWqfcVm8SdUjfT0Ri8FtKHf"')).toContainEqual(['SECRET', 'hf_OnEVjo0xNL2bWqfcVm8SdUjfT0Ri8FtKHf']);
    expect(found('his grandson set a temporary password (Riverside2025!) and wrote it down')).toContainEqual(['SECRET', 'Riverside2025!']);
    expect(found('password: sunshine')).toContainEqual(['SECRET', 'sunshine']);
    // prose after the keyword, a file the value is read from, a log's working directory
    for (const t of ['- Administrator password: you will be asked to set one on first login', 'The 403 means your token is read-only; you need a write token.', 'vault kv put kv/prod/payments secret_key=@newkey.txt', 'sudo: deploy : TTY=pts/1 ; PWD=/srv ; COMMAND=/usr/bin/cat /srv/app/.env', 'password (optional)']) {
      expect(types(t)).not.toContain('SECRET');
    }
  });
  it('a plain URL is reported below the shipped policy minimum for URL (0.6); a URL that names someone above it', () => {
    const conf = (t: string): number | undefined => detector.detect(t).find((f) => f.type === 'URL')?.confidence;
    for (const t of ['docs: https://docs.relaybox.io/changelog', 'status at https://status.acme.io', 'POST https://api.acme.io/v2/messages']) expect(conf(t)).toBeLessThan(0.6);
    for (const t of ['https://www.linkedin.com/in/jane-doe-4821', 'https://app.acme.io/users/48213/billing', 'https://hooks.acme.io/in/x1?user=ana@gmail.com', 'https://wa.me/447700900123']) {
      expect(conf(t)).toBeGreaterThanOrEqual(0.9);
    }
    // a booking reference with a surname, a surname alone
    for (const t of ['Manage: https://m.flykwezi.co.za/mb?pnr=QW7T2K&ln=NDLOVU', 'https://manage.falconskies.com/trip?ref=ZK4P9T&last=HADDAD']) expect(conf(t)).toBeGreaterThanOrEqual(0.9);
    // the same profiles written with "www." or with no scheme at all; a plain "www." page stays below
    for (const t of ['see www.linkedin.com/in/jane-doe-4821 please', 'profile: linkedin.com/in/jane-doe-4821.', 'my github is github.com/jdoe42', 'text me: wa.me/447700900123', 'www.acme.io/users/48213/billing']) {
      expect(conf(t)).toBeGreaterThanOrEqual(0.9);
    }
    expect(conf('docs at www.acme.com/help')).toBeLessThan(0.6);
    // a host that only ends like a profile host is none ("netflix.com/browse", "foo.github.com/x")
    for (const t of ['open netflix.com/browse now', 'see foo.github.com/jdoe']) expect(conf(t)).toBeUndefined();
  });
  it('URLs, with credentials or e-mails inside', () => {
    expect(types('see https://example.com/docs.')).toContain('URL');
    const d = createDetector({ ...DEFAULT_DETECTOR_CONFIG, enabled: ['EMAIL', 'SECRET'] });
    expect(found('db postgres://app:S3cret@db.internal/x', d)).toContainEqual(['SECRET', 'S3cret']);
    expect(found('https://x.io/r?email=ana@uol.com.br', d)).toContainEqual(['EMAIL', 'ana@uol.com.br']);
    // this machine's URLs, and a template's password slot
    for (const t of ['health_url: http://localhost:8080/healthz', 'API_BASE=http://127.0.0.1:3000', 'DATABASE_URL=postgres://USER:PASSWORD@localhost:5432/app', 'APP_URL=https://your-domain.example', 'DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME']) {
      expect(types(t)).not.toContain('URL');
      expect(types(t)).not.toContain('SECRET');
    }
    // an example domain that carries a personal value stands for a real one
    expect(types('https://portal.civicservices.gov.example/verify?session=eyJabc.eyJdef.ghijklmnop')).toContain('URL');
  });
  it('date of birth only with birth context', () => {
    expect(found('I was born on March 3, 1985')).toContainEqual(['DATE_OF_BIRTH', 'March 3, 1985']);
    expect(types('DOB: 03/04/1979')).toContain('DATE_OF_BIRTH');
    expect(types('delivered on 03/04/2024')).not.toContain('DATE_OF_BIRTH');
    expect(found('Födelsedatum 1991-04-22.')).toContainEqual(['DATE_OF_BIRTH', '1991-04-22']);
    expect(found('Tanggal lahir 17 Agustus 1989')).toContainEqual(['DATE_OF_BIRTH', '17 Agustus 1989']);
    expect(found('Datum narození: 3. 5. 1977')).toContainEqual(['DATE_OF_BIRTH', '3. 5. 1977']);
    expect(found('Ngày sinh: 05/01/1996')).toContainEqual(['DATE_OF_BIRTH', '05/01/1996']);
    expect(types('Delivered 3. 5. 2024 to the depot')).not.toContain('DATE_OF_BIRTH');
  });
  it('date of birth: which date a cue belongs to', () => {
    const dobs = (t: string): string[] => found(t).filter(([type]) => type === 'DATE_OF_BIRTH').map(([, v]) => v);
    // the first date after the cue takes it, unless the next one is another value of the same field
    expect(dobs('My mother was born on 2 September 1934 and died on 14 December 2024.')).toEqual(['2 September 1934']);
    expect(dobs('Member DOB: 1988-12-04\nDate of service: 2025-01-17')).toEqual(['1988-12-04']);
    expect(dobs('| DOB | 1992-10-05 | 05 OCT 1992 |')).toEqual(['1992-10-05', '05 OCT 1992']);
    // the question on the line above the answer; a cue after a date only on its own line
    expect(dobs('Temsilci: Doğum tarihinizi de doğrulamam gerekiyor.\nMüşteri: 15.08.1991')).toEqual(['15.08.1991']);
    expect(dobs('Preferred port date: 04/04/2025\nDate of birth: 23/11/1994')).toEqual(['23/11/1994']);
    // no cue is read from the middle of a word ("renata.valdivia" holds no "nata")
    expect(dobs('From: Renata Valdivia <renata.valdivia@proton.me>\nDate: March 9, 2024')).toEqual([]);
  });
  it('date of birth: cues in their own scripts, era and dashed-month dates', () => {
    expect(found('Телефон: +7 916 482-37-19. Дата рождения: 19.06.1983.')).toContainEqual(['DATE_OF_BIRTH', '19.06.1983']);
    expect(found('जन्म तिथि 05/11/1986 है')).toContainEqual(['DATE_OF_BIRTH', '05/11/1986']);
    expect(found('Em là Ánh, sinh ngày 15/08/2003, mã sinh viên 2021')).toContainEqual(['DATE_OF_BIRTH', '15/08/2003']);
    expect(found('生年月日：昭和62年5月3日')).toContainEqual(['DATE_OF_BIRTH', '昭和62年5月3日']);
    expect(found('Date of birth: 29-Jan-1981')).toContainEqual(['DATE_OF_BIRTH', '29-Jan-1981']);
    expect(found('Giuseppe Esposito\nNato a Napoli il 14/05/1969')).toContainEqual(['DATE_OF_BIRTH', '14/05/1969']);
  });
  it('date of birth in other languages', () => {
    expect(found('Camille Lefèvre, née le 14/02/1988 à Lyon')).toContainEqual(['DATE_OF_BIRTH', '14/02/1988']);
    expect(found('Giuseppe Russo, nato il 3 marzo 1975 a Napoli')).toContainEqual(['DATE_OF_BIRTH', '3 marzo 1975']);
    expect(found('Tomasz Wiśniewski, ur. 22.07.1990.')).toContainEqual(['DATE_OF_BIRTH', '22.07.1990']);
    expect(found('geb. 12.09.1969 in Dortmund')).toContainEqual(['DATE_OF_BIRTH', '12.09.1969']);
    expect(found('nacida el 3 de marzo de 1975')).toContainEqual(['DATE_OF_BIRTH', '3 de marzo de 1975']);
    expect(types('consegnato il 3 marzo 2024')).not.toContain('DATE_OF_BIRTH');
  });
  it('street addresses (US, UK, DE, FR)', () => {
    expect(found('ship to 742 Evergreen Terrace, Springfield, OR 97403 asap')).toContainEqual(['STREET_ADDRESS', '742 Evergreen Terrace, Springfield, OR 97403']);
    expect(types('Hauptstraße 12, 10115 Berlin')).toContain('STREET_ADDRESS');
    expect(types('12 rue de la Paix, 75002 Paris')).toContain('STREET_ADDRESS');
    expect(types('I bought 3 items today')).not.toContain('STREET_ADDRESS');
    // more countries and tails: Turkish, Japanese, Dutch and Portuguese postcodes, Dublin districts, a Spanish floor
    expect(found('Adres: Bağdat Caddesi No: 145 D: 8, 34728 Kadıköy/İstanbul')).toContainEqual(['STREET_ADDRESS', 'Bağdat Caddesi No: 145 D: 8, 34728 Kadıköy/İstanbul']);
    expect(found('Shipping to:\n3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001\n')).toContainEqual(['STREET_ADDRESS', '3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001']);
    expect(found('naar Prinsengracht 263-1, 1016 GV Amsterdam.')).toContainEqual(['STREET_ADDRESS', 'Prinsengracht 263-1, 1016 GV Amsterdam']);
    expect(found('moro na Rua Augusta 120, 1100-053 Lisboa.')).toContainEqual(['STREET_ADDRESS', 'Rua Augusta 120, 1100-053 Lisboa']);
    expect(found('at 12 Griffith Avenue, Drumcondra, Dublin 9 now')).toContainEqual(['STREET_ADDRESS', '12 Griffith Avenue, Drumcondra, Dublin 9']);
    expect(found('vivo en Calle de Alcalá 214, 3º B, 28028 Madrid.')).toContainEqual(['STREET_ADDRESS', 'Calle de Alcalá 214, 3º B, 28028 Madrid']);
    expect(found('the billing address is 3/18 Station Street, Fairfield VIC 3078. I')).toContainEqual(['STREET_ADDRESS', '3/18 Station Street, Fairfield VIC 3078']);
    expect(found('the address is 41 Wellington Park, Belfast BT9 6DL. if')).toContainEqual(['STREET_ADDRESS', '41 Wellington Park, Belfast BT9 6DL']);
    // several parts after the street, through the last that names a place or holds a postcode
    expect(found('at Flat 3, 41 Ponsonby Road, Grey Lynn, Auckland 1021. He')).toContainEqual(['STREET_ADDRESS', 'Flat 3, 41 Ponsonby Road, Grey Lynn, Auckland 1021']);
    expect(found('Endereço: Rua Augusta 1508, apto 62, Consolação, São Paulo - SP, 01304-001. Meu')).toContainEqual(['STREET_ADDRESS', 'Rua Augusta 1508, apto 62, Consolação, São Paulo - SP, 01304-001']);
    expect(found('na ul. Mokotowska 48 m. 7, 00-543 Warszawa. Telefon')).toContainEqual(['STREET_ADDRESS', 'ul. Mokotowska 48 m. 7, 00-543 Warszawa']);
    expect(found('Gruber, Mariahilfer Straße 88/2/14, 1070 Wien. Handy')).toContainEqual(['STREET_ADDRESS', 'Mariahilfer Straße 88/2/14, 1070 Wien']);
    expect(found('Adresse de facturation : Avenue Louise 231, boîte 5, 1050 Ixelles.')).toContainEqual(['STREET_ADDRESS', 'Avenue Louise 231, boîte 5, 1050 Ixelles']);
    expect(found('Address: 4 Church Close, Great Shelford, Cambridge CB22 5EL\n')).toContainEqual(['STREET_ADDRESS', '4 Church Close, Great Shelford, Cambridge CB22 5EL']);
    expect(found('flyttet til Nørrebrogade 142, 3. tv., 2200 København N, så')).toContainEqual(['STREET_ADDRESS', 'Nørrebrogade 142, 3. tv., 2200 København N']);
    expect(found('osoite: Hämeenkatu 21 B 14, 33200 Tampere\n')).toContainEqual(['STREET_ADDRESS', 'Hämeenkatu 21 B 14, 33200 Tampere']);
    // the European forms in capitals
    expect(found('SHIP TO CALLE DE TOLEDO 103, 28018 MADRID. THANKS')).toContainEqual(['STREET_ADDRESS', 'CALLE DE TOLEDO 103, 28018 MADRID']);
    expect(found('ADDRESS: SCHÖNHAUSER ALLEE 36, 10435 BERLIN')).toContainEqual(['STREET_ADDRESS', 'SCHÖNHAUSER ALLEE 36, 10435 BERLIN']);
  });
});

describe('names and places', () => {
  it('greetings, sign-offs, intros, titles', () => {
    expect(found('Hi Anna,\nthanks')).toContainEqual(['PERSON', 'Anna']);
    expect(found('See below.\n\nThanks,\nPriya')).toContainEqual(['PERSON', 'Priya']);
    expect(found('My name is Oluwaseun Adeyemi.')).toContainEqual(['PERSON', 'Oluwaseun Adeyemi']);
    expect(found('Ms. Achterberg called.')).toContainEqual(['PERSON', 'Achterberg']);
    expect(found('Yamamoto-san asked for the invoice')).toContainEqual(['PERSON', 'Yamamoto']);
    expect(found('Many thanks,\nNiamh Ó Súilleabháin')).toContainEqual(['PERSON', 'Niamh Ó Súilleabháin']);
    expect(found('IBAN DE92 3506 8760 6838 6942 72, Kontoinhaber Jürgen Oberländer.')).toContainEqual(['PERSON', 'Jürgen Oberländer']);
    expect(found('Emergency contact: Blessing Nwosu, 07539 442 801')).toContainEqual(['PERSON', 'Blessing Nwosu']);
    // sign-offs, particles, field keys and intros of other languages
    expect(found('Distinti saluti\nG. Marchetti')).toContainEqual(['PERSON', 'G. Marchetti']);
    expect(found('Venlig hilsen\nMette Østergaard')).toContainEqual(['PERSON', 'Mette Østergaard']);
    expect(found('Sender: Maricel dela Cruz, nasa Dubai')).toContainEqual(['PERSON', 'Maricel dela Cruz']);
    expect(found('Nama penerima: Dewi Anggraini Putri\nAlamat')).toContainEqual(['PERSON', 'Dewi Anggraini Putri']);
    expect(found('Adım Elif Nur Yıldırım, telefonum')).toContainEqual(['PERSON', 'Elif Nur Yıldırım']);
    expect(found('"full_name": "Nguyen Thi Thu Ha",')).toContainEqual(['PERSON', 'Nguyen Thi Thu Ha']);
    expect(found('Naam: Hendrik Jan Verhoeven (roepnaam Henk)')).toContainEqual(['PERSON', 'Hendrik Jan Verhoeven']);
    expect(types('Jan 15, 2024 was the date. Invoices for Jan and Feb.')).not.toContain('PERSON');
    expect(found('hey its jake here')).toContainEqual(['PERSON', 'jake']);
    expect(found('ok so my husband bill will call you tomorrow')).toContainEqual(['PERSON', 'bill']);
    expect(found('my wife grace said the order is wrong')).toContainEqual(['PERSON', 'grace']);
    expect(types('my son will be home')).not.toContain('PERSON');
  });
  it('e-mail local parts name the person', () => {
    expect(found('maria.gonzalez@example.com wrote; maria says hi')).toContainEqual(['PERSON', 'maria']);
  });
  it('words that are also names stay words', () => {
    for (const t of ["Agent: Hope you're well! That's the fee", 'Agent: Will do. I have applied the credit.', 'Will you check the order?', 'May I ask a question?', 'Grace period is 30 days.', 'Mark as resolved.', 'Bill me later please.', 'Does it work with Alexa routines?', 'Morgan Stanley is on the enterprise plan.']) {
      expect(types(t)).not.toContain('PERSON');
    }
  });
  it('places', () => {
    expect(found('I live in Berlin now')).toContainEqual(['LOCATION', 'Berlin']);
    // as their own languages write them
    expect(found('nato il 3 marzo 1975 a Napoli.')).toContainEqual(['LOCATION', 'Napoli']);
    expect(found('Rafael Souza\nSão Paulo')).toContainEqual(['LOCATION', 'São Paulo']);
    // in capitals
    expect(found('I LIVE IN BERLIN AND MOVED FROM NEW YORK')).toEqual([['LOCATION', 'BERLIN'], ['LOCATION', 'NEW YORK']]);
    // a place's name on a product, and Spanish words that are also places
    expect(types('Our bestsellers: the Denver model recliner and the Oslo sofa bed')).not.toContain('LOCATION');
    expect(types('| Georgia armchair | bouclé, cream | €899 |')).not.toContain('LOCATION');
    // German capitalises every noun: an unknown capitalised word there is no name or place by itself
    const german = 'Wasserschaden im Bad, Wasser in Decke und Küche. Der Nachbar ist nicht da, ich habe die Fotos mit der Mail geschickt.';
    expect(types(german)).not.toContain('LOCATION');
    expect(types(german)).not.toContain('PERSON');
    expect(types('Las devoluciones se aceptan. Para cualquier duda, llámenos.')).not.toContain('LOCATION');
  });
  it('names in capitals, and surname-first forms', () => {
    expect(found('Name: KOFI MENSAH')).toContainEqual(['PERSON', 'KOFI MENSAH']);
    expect(found('name on card JOHN SMITH.')).toContainEqual(['PERSON', 'JOHN SMITH']);
    expect(found('PLEASE CALL JOHN SMITH TOMORROW')).toContainEqual(['PERSON', 'JOHN SMITH']);
    expect(found('Nom : BERNARD')).toContainEqual(['PERSON', 'BERNARD']);
    expect(found('Name: NGUYEN, Minh Khoa')).toContainEqual(['PERSON', 'NGUYEN, Minh Khoa']);
    expect(found('Customer WANG Xiuying called')).toContainEqual(['PERSON', 'WANG Xiuying']);
    expect(found('Antragsteller: Schneider, Klaus-Dieter')).toContainEqual(['PERSON', 'Schneider, Klaus-Dieter']);
    expect(found('PNR K7QZ4M\n1. ADEBAYO/OLUWATOSIN MS\n')).toContainEqual(['PERSON', 'ADEBAYO/OLUWATOSIN']);
    // near misses: shouted ordinary words and acronyms
    for (const t of ['THE API KEY IS INVALID', 'ORDER DETAILS FOR NEW YORK', 'PLEASE HELP ASAP', 'URGENT: REFUND NOT RECEIVED', 'ERROR/WARN COUNTS', 'TCP/IP STACK']) expect(types(t)).not.toContain('PERSON');
  });
  it('names with diacritics the lists write without; ordinary words of other languages', () => {
    expect(found('Hola Lucía, tu cita es mañana')).toContainEqual(['PERSON', 'Lucía']);
    for (const t of ['Vielen Dank für Ihre Bestellung.', 'De: Atención al Cliente', 'Olá, boa tarde!', 'He sent photos.', 'An agent will respond.', 'Tahmini teslim tarihi: 14 Haziran Cuma.', 'Date:   Tue Jun 10 16:42:08 2025 +0100', 'Hi Payroll, my W-2 shows the wrong state.']) {
      expect(types(t)).not.toContain('PERSON');
    }
  });
  it("a chatbot's persona is no person", () => {
    expect(types("Hi there! I'm Aria, your virtual assistant. Aria can help with orders.")).not.toContain('PERSON');
    expect(types("Juniper: Hi, I'm Juniper 🌿, the virtual assistant.")).not.toContain('PERSON');
    expect(found("Hi, I'm Sarah, your account manager.")).toContainEqual(['PERSON', 'Sarah']);
  });
  it("the first word of a chat turn after its speaker is no name ('Customer: Yes, this is …')", () => {
    for (const t of ["AGENT: Okay, I'll open a third-party claim.", 'Customer: Yes, same.', 'Agent: Noted, thanks for waiting.', "Caller: No, I don't know her."]) expect(types(t)).not.toContain('PERSON');
    expect(found('Customer: Yes, this is Venkatesh Subramanian speaking.')).toEqual([['PERSON', 'Venkatesh Subramanian']]);
    expect(found('Customer: Jolene Marsh\nPhone: 07700 900123')).toContainEqual(['PERSON', 'Jolene Marsh']);
  });
  it('a persona launched, handed over, named by a key or introduced in another language', () => {
    expect(types('Subject: Meet Ava — the assistant that actually helps\n\nToday we are launching Ava, a new assistant. Ava reads requests.')).not.toContain('PERSON');
    expect(types('¡Hola! Soy Kit, el asistente virtual de la tienda. Kit puede ayudarte.')).not.toContain('PERSON');
    expect(types('Je suis Léa, votre assistante virtuelle. Léa vous répond.')).not.toContain('PERSON');
    expect(types('{\n  "bot": "Pip",\n  "greeting": "Hi! I am Pip. How can I help today?"\n}')).not.toContain('PERSON');
    expect(found('Ollie (Marlowe & Finch assistant): Hi! I am Ollie.\nCustomer: yes\nOllie: Thanks, Rose Okeke.').filter(([t]) => t === 'PERSON')).toEqual([['PERSON', 'Rose Okeke']]);
    expect(types('Für Fragen steht Ihnen unser digitaler Assistent Ollie rund um die Uhr zur Verfügung.')).not.toContain('PERSON');
    expect(types('Check your balance any time by asking Ollie, our virtual assistant.')).not.toContain('PERSON');
    // near misses: a person introduced, a chat turn addressing the customer, a human assistant's job
    expect(found('Emma (Dental assistant): Hi, this is Emma from the clinic.')).toContainEqual(['PERSON', 'Emma']);
    expect(found('Ask Sarah, our assistant, about billing.')).toContainEqual(['PERSON', 'Sarah']);
    expect(found('Meet Sarah Collins, our new support lead.')).toContainEqual(['PERSON', 'Sarah Collins']);
    expect(found('assistant: Ananya, your leave was approved by Vikram Rao.')).toContainEqual(['PERSON', 'Ananya']);
    expect(found('Meet Dana, our new assistant manager. Dana starts Monday.')).toContainEqual(['PERSON', 'Dana']);
  });
});

describe('overlaps, custom recognizers, allowlist', () => {
  const f = (start: number, end: number, confidence: number, type = 'X'): Finding => ({ type, start, end, confidence, recognizer: 'r' });
  it('higher confidence, then longer, then earlier', () => {
    expect(resolveOverlaps([f(0, 5, 0.5), f(3, 8, 0.9)])).toEqual([f(3, 8, 0.9)]);
    expect(resolveOverlaps([f(0, 5, 0.9), f(2, 9, 0.9)])).toEqual([f(2, 9, 0.9)]);
    expect(resolveOverlaps([f(4, 8, 0.9), f(0, 4, 0.9), f(2, 6, 0.9)])).toEqual([f(0, 4, 0.9), f(4, 8, 0.9)]);
    const a = [f(0, 5, 0.7), f(3, 8, 0.7), f(10, 12, 0.1)];
    expect(resolveOverlaps(a)).toEqual(resolveOverlaps(a.slice().reverse()));
  });
  it('custom regex with validator and context, custom terms', () => {
    const config: DetectorConfig = {
      ...DEFAULT_DETECTOR_CONFIG,
      enabled: [...DEFAULT_DETECTOR_CONFIG.enabled, 'EMPLOYEE_ID', 'PROJECT'],
      custom: [
        { kind: 'regex', name: 'employee_id', type: 'EMPLOYEE_ID', pattern: 'E-\\d{6}', contextWords: ['employee'], confidence: 0.6 },
        { kind: 'regex', name: 'card', type: 'CREDIT_CARD', pattern: '\\d{16}', validator: 'luhn', confidence: 0.99 },
        { kind: 'terms', name: 'projects', type: 'PROJECT', terms: ['Project Falcon'], caseSensitive: false, confidence: 0.9 },
      ],
    };
    const d = createDetector(config);
    expect(found('employee E-123456', d)).toContainEqual(['EMPLOYEE_ID', 'E-123456']);
    expect(types('code E-123456', d)).not.toContain('EMPLOYEE_ID');
    expect(found('about project falcon.', d)).toContainEqual(['PROJECT', 'project falcon']);
  });
  it('allowlist terms are never reported', () => {
    const d = createDetector({ ...DEFAULT_DETECTOR_CONFIG, allowlist: ['Priya'] });
    expect(types('Thanks,\nPriya', d)).not.toContain('PERSON');
    expect(types('Thanks,\nPRIYA', createDetector({ ...DEFAULT_DETECTOR_CONFIG, allowlist: ['priya'] }))).not.toContain('PERSON');
  });
  it('results are sorted and non-overlapping', () => {
    const out = detector.detect('Hi Anna, card 4111 1111 1111 1111, call +44 20 7946 0958, mail anna.k@example.com');
    for (let i = 1; i < out.length; i++) expect(out[i]!.start).toBeGreaterThanOrEqual(out[i - 1]!.end);
  });
});
