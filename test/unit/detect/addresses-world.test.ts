import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const addresses = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'STREET_ADDRESS').map((f) => text.slice(f.start, f.end));

describe('street addresses: East Asian and Thai scripts', () => {
  it('Japan: 〒 postcode, prefecture, city and ward, chome-ban-go, building and room', () => {
    expect(addresses('住所：〒150-0001 東京都渋谷区神宮前3-14-7 メゾン神宮前 402\n電話番号：090-3318-4726')).toEqual(['〒150-0001 東京都渋谷区神宮前3-14-7 メゾン神宮前 402']);
    expect(addresses('送付先：〒060-0042 北海道札幌市中央区大通西4-1 さっぽろビル 8F')).toEqual(['〒060-0042 北海道札幌市中央区大通西4-1 さっぽろビル 8F']);
    expect(addresses('住所：京都府京都市左京区吉田本町1-3')).toEqual(['京都府京都市左京区吉田本町1-3']);
    expect(addresses('住所：神奈川県横浜市中区山下町2丁目14番7号')).toEqual(['神奈川県横浜市中区山下町2丁目14番7号']);
  });
  it('Japan near misses: a product code, a prefecture without a municipality', () => {
    expect(addresses('型番 2-14-7 の部品は在庫切れです')).toEqual([]);
    expect(addresses('東京都内で3-4名募集')).toEqual([]);
    expect(addresses('東京都の天気は3-4日晴れ')).toEqual([]);
  });
  it('Korea: province, district, road and number, building, floor and flat', () => {
    expect(addresses('<td>(04524) 서울특별시 중구 세종대로 110, 3동 704호</td>')).toEqual(['(04524) 서울특별시 중구 세종대로 110, 3동 704호']);
    expect(addresses('배송지: 서울 강남구 테헤란로 152, 12층')).toEqual(['서울 강남구 테헤란로 152, 12층']);
    expect(addresses('주소: 제주특별자치도 제주시 첨단로 242 입니다')).toEqual(['제주특별자치도 제주시 첨단로 242']);
    expect(addresses('경기도 수원시 영통구 광교로 145, 1101호')).toEqual(['경기도 수원시 영통구 광교로 145, 1101호']);
  });
  it('Korea near misses: order numbers, particles, times', () => {
    expect(addresses('주문번호 20240917-000381 확인 부탁드립니다')).toEqual([]);
    expect(addresses('친구 집으로 3시에 갈게요')).toEqual([]);
    expect(addresses('혹시 주소로 3개 보내주세요')).toEqual([]);
    expect(addresses('부산 해운대구 맛집 3곳')).toEqual([]);
  });
  it('Thailand: house number, soi / moo, sub-district, district, province, postcode', () => {
    expect(addresses('ที่อยู่ 123/4 หมู่ 5 ตำบลสุเทพ อำเภอเมือง เชียงใหม่ 50200')).toEqual(['123/4 หมู่ 5 ตำบลสุเทพ อำเภอเมือง เชียงใหม่ 50200']);
    expect(addresses('ส่งที่ 88 ซอยอารีย์ 2 แขวงสามเสนใน เขตพญาไท กรุงเทพฯ 10400 ค่ะ')).toEqual(['88 ซอยอารีย์ 2 แขวงสามเสนใน เขตพญาไท กรุงเทพฯ 10400']);
  });
  it('Thailand near misses: a price, one part alone', () => {
    expect(addresses('ราคา 99 บาท ส่งฟรี')).toEqual([]);
    expect(addresses('ซอย 5 ถูกปิด')).toEqual([]);
  });
});

describe('street addresses: national formats in Latin, Greek and Cyrillic script', () => {
  it('Vietnam: Số, Ngõ / Hẻm, the street, ward, district, city', () => {
    expect(addresses('Giao tới: Số 7 Hẻm 45 Lê Lợi, Phường Bến Thành, Quận 1')).toEqual(['Số 7 Hẻm 45 Lê Lợi, Phường Bến Thành, Quận 1']);
    expect(addresses('"address": "Số 9 Ngõ 120 Trần Duy Hưng, Trung Hòa, Cầu Giấy, Hà Nội 100000"')).toEqual(['Số 9 Ngõ 120 Trần Duy Hưng, Trung Hòa, Cầu Giấy, Hà Nội 100000']);
    expect(addresses('Số 5 trong danh sách')).toEqual([]);
    expect(addresses('Hẻm 3 là cuối đường')).toEqual([]);
  });
  it('Indonesia: Jl. / Jalan, Km, No., RT/RW, area, city and postcode', () => {
    expect(addresses('Kirim ke Jalan Malioboro No. 52, Yogyakarta 55213 ya')).toEqual(['Jalan Malioboro No. 52, Yogyakarta 55213']);
    expect(addresses('line1: "Jl. Cikini Raya No. 9, RT 03/RW 07"')).toEqual(['Jl. Cikini Raya No. 9, RT 03/RW 07']);
    expect(addresses('Alamat: Jl. Magelang Km 7,2 No. 31, Sleman, Yogyakarta 55285')).toEqual(['Jl. Magelang Km 7,2 No. 31, Sleman, Yogyakarta 55285']);
    expect(addresses('Jl. raya macet 5 jam')).toEqual([]);
  });
  it('India, Bangladesh, Pakistan, Gulf: flat / house / plot, parts, city and PIN', () => {
    expect(addresses('Flat 5B, Green Park Residency, 3rd Main, Koramangala, Bengaluru 560034.')).toEqual(['Flat 5B, Green Park Residency, 3rd Main, Koramangala, Bengaluru 560034']);
    expect(addresses('H.No. 12-3, Road 7, Banjara Hills, Hyderabad 500034')).toEqual(['H.No. 12-3, Road 7, Banjara Hills, Hyderabad 500034']);
    expect(addresses('C-41, Lotus Towers, Sector 50, Noida 201301')).toEqual(['C-41, Lotus Towers, Sector 50, Noida 201301']);
    expect(addresses('No. 8, 1st Cross, Malleswaram, Bengaluru 560003')).toEqual(['No. 8, 1st Cross, Malleswaram, Bengaluru 560003']);
    expect(addresses('Plot 17, Phase 2, Industrial Area, Chandigarh 160002')).toEqual(['Plot 17, Phase 2, Industrial Area, Chandigarh 160002']);
    expect(addresses('House 15, Lane 3, Sector 4, Uttara, Dhaka 1230')).toEqual(['House 15, Lane 3, Sector 4, Uttara, Dhaka 1230']);
    expect(addresses('House 9, Street 21, G-9/3, Islamabad 44090')).toEqual(['House 9, Street 21, G-9/3, Islamabad 44090']);
    expect(addresses('"line1":"Villa 8, Street 14, Jumeirah 1","city":"Dubai"')).toEqual(['Villa 8, Street 14, Jumeirah 1']);
    expect(addresses('El 3enwan: 22 Shar3 El Tahrir, Dokki, Giza 12611')).toEqual(['22 Shar3 El Tahrir, Dokki, Giza 12611']);
  });
  it('South Asian near misses: lists, rooms, sectors and blocks of other things, prices', () => {
    expect(addresses('Sector 7 of the warehouse is closed.')).toEqual([]);
    expect(addresses('Block 4 of the course starts Monday.')).toEqual([]);
    expect(addresses('Room 402 is booked for Friday.')).toEqual([]);
    expect(addresses('No. 14 on the list was removed.')).toEqual([]);
    expect(addresses('Price: Rs. 1,299 only.')).toEqual([]);
    expect(addresses('No. 14, Item 3, Total 1299')).toEqual([]);
    expect(addresses('Plot 7, Chapter 2, The End 2019')).toEqual([]);
    expect(addresses('Meeting Room 3, 4th Floor, Building 2, Block 7, Tower 1 at 1500')).toEqual([]);
    expect(addresses('House of Cards 3 is streaming.')).toEqual([]);
  });
  it('Greece, Czechia, Slovakia, Netherlands, Germany: street and number, postcode and city', () => {
    expect(addresses('Νέα διεύθυνση: Πατησίων 76, 104 34 Αθήνα\nΚινητό: 694 418 2270')).toEqual(['Πατησίων 76, 104 34 Αθήνα']);
    expect(addresses('Διεύθυνση: Οδός Αιόλου 12, 105 51 Αθήνα')).toEqual(['Οδός Αιόλου 12, 105 51 Αθήνα']);
    expect(addresses('Send to Egnatia 88, 546 30 Thessaloniki please.')).toEqual(['Egnatia 88, 546 30 Thessaloniki']);
    expect(addresses('Nová adresa: Dlouhá 8, 110 00 Praha 1')).toEqual(['Dlouhá 8, 110 00 Praha 1']);
    expect(addresses('Korunní 1208/74, 101 00 Praha 10')).toEqual(['Korunní 1208/74, 101 00 Praha 10']);
    expect(addresses('Štefánikova 12, 811 05 Bratislava')).toEqual(['Štefánikova 12, 811 05 Bratislava']);
    expect(addresses('Nieuw adres: Kanaalweg 12a, 3526 KL Utrecht')).toEqual(['Kanaalweg 12a, 3526 KL Utrecht']);
    expect(addresses('Adres: Zuiderhof 9, 5223 AB \'s-Hertogenbosch')).toEqual(["Zuiderhof 9, 5223 AB 's-Hertogenbosch"]);
    expect(addresses('Adres: Lijnmarkt 40bis, 3511 KH Utrecht')).toEqual(['Lijnmarkt 40bis, 3511 KH Utrecht']);
    expect(addresses('Lieferadresse: Rosa-Luxemburg-Straße 7, 10178 Berlin')).toEqual(['Rosa-Luxemburg-Straße 7, 10178 Berlin']);
  });
  it('postcode-form near misses: years, labels, versions, products', () => {
    expect(addresses('In May 2024, 105 63 Athens residents voted.')).toEqual([]);
    expect(addresses('Invoice 204, 105 63 EUR')).toEqual([]);
    expect(addresses('Version 3, 2024 Update, Windows 11')).toEqual([]);
    expect(addresses('Street Fighter 2, 1991 Capcom classic.')).toEqual([]);
    expect(addresses('Chapter 3, 1999 Edition, Penguin 2001')).toEqual([]);
    expect(addresses('Upgrade to version 2.14.7, 2024 release notes.')).toEqual([]);
  });
  it('Hungary: postcode and city first, or street first; út / utca, number, floor and door', () => {
    expect(addresses('Levél: 1052 Budapest, Petőfi Sándor utca 3. 2/5')).toEqual(['1052 Budapest, Petőfi Sándor utca 3. 2/5']);
    expect(addresses('Andrássy út 60., 1062 Budapest')).toEqual(['Andrássy út 60., 1062 Budapest']);
  });
  it('Ukraine: vul. / prosp., number, flat, city and postcode', () => {
    expect(addresses('Her address was vul. Khreshchatyk 22, kv. 5, Kyiv 01001 — the bank')).toEqual(['vul. Khreshchatyk 22, kv. 5, Kyiv 01001']);
    expect(addresses('prosp. Nauky 14, kv. 7, Kharkiv 61072')).toEqual(['prosp. Nauky 14, kv. 7, Kharkiv 61072']);
    expect(addresses('Адреса: вул. Сумська 72, кв. 19, Харків 61002')).toEqual(['вул. Сумська 72, кв. 19, Харків 61002']);
  });
  it('Canada (unit-civic), Colombia (Calle N # n-n), the US with a Spanish street name', () => {
    expect(addresses('Mon adresse : 1500-220 boulevard René-Lévesque, Montréal, QC H3B 4W8')).toEqual(['1500-220 boulevard René-Lévesque, Montréal, QC H3B 4W8']);
    expect(addresses('Pickup: Carrera 15 # 88-64, Bogotá\nItem: backpack')).toEqual(['Carrera 15 # 88-64, Bogotá']);
    expect(addresses('Diagonal 40A # 12-30 Sur, Bogotá')).toEqual(['Diagonal 40A # 12-30 Sur, Bogotá']);
    expect(addresses('I live at 7801 Camino Real, Albuquerque, NM 87110.')).toEqual(['7801 Camino Real, Albuquerque, NM 87110']);
  });
  it('near misses: order numbers, dates, times, routes, games, lower-case words', () => {
    expect(addresses('Order 2207-1155 has shipped.')).toEqual([]);
    expect(addresses('We drove Route 66 last summer.')).toEqual([]);
    expect(addresses('The meeting is on 2024-10-03 at 14:30.')).toEqual([]);
    expect(addresses('Calle 8 is closed today.')).toEqual([]);
    expect(addresses('Calle 5 # pedido 13-47')).toEqual([]);
    expect(addresses('Take Carrera 7 to the north, then the 71-21 exit.')).toEqual([]);
    expect(addresses('I bought 5 camino shoes.')).toEqual([]);
    expect(addresses('Sent 3 via DHL today.')).toEqual([]);
  });
});

describe('every lead word of a South Asian dwelling is read', () => {
  it('"Door" as well as "Flat" and "House"', () => {
    expect(addresses('Deliver to Door 12, Lotus Apartments, 3rd Main, Jayanagar, Bengaluru 560041 please')).toEqual(['Door 12, Lotus Apartments, 3rd Main, Jayanagar, Bengaluru 560041']);
  });
});

describe('Vietnamese addresses without a lane word', () => {
  it('house number and street, then a ward or district, the city', () => {
    expect(addresses('Địa chỉ: 123 Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh')).toEqual(['123 Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh']);
    expect(addresses('| 42 Lý Thường Kiệt, Phường Trần Hưng Đạo, Quận Hoàn Kiếm, Hà Nội |')).toEqual(['42 Lý Thường Kiệt, Phường Trần Hưng Đạo, Quận Hoàn Kiếm, Hà Nội']);
    expect(addresses('điểm đón là Số 18 ngõ 42 Thịnh Hào 1, Đống Đa, Hà Nội')).toEqual(['Số 18 ngõ 42 Thịnh Hào 1, Đống Đa, Hà Nội']);
    expect(addresses('Tôi mua 3 Bánh Mì, Quận nào cũng giao')).toEqual([]);
  });
});

describe('more address forms', () => {
  it('a street named after a person keeps the whole address; Italian and French units; German streets with a preposition', () => {
    expect(addresses('appartamento in Via Antonio Locatelli 9, interno 6, 24121 Bergamo, foglio 12')).toEqual(['Via Antonio Locatelli 9, interno 6, 24121 Bergamo']);
    expect(addresses("Indirizzo dell'immobile: Via dei Mille 42, scala B, int. 7, 80121 Napoli NA\nIBAN")).toEqual(['Via dei Mille 42, scala B, int. 7, 80121 Napoli NA']);
    expect(addresses('Adresse : 4520, rue Saint-Denis, app. 3, Montréal (Québec) H2J 2L3\n')).toEqual(['4520, rue Saint-Denis, app. 3, Montréal (Québec) H2J 2L3']);
    expect(addresses('Neue Anschrift: Am Kuhm 19a, 46325 Borken\nTelefon')).toEqual(['Am Kuhm 19a, 46325 Borken']);
    expect(addresses('"address": "Laugavegur 77, 101 Reykjavík",')).toEqual(['Laugavegur 77, 101 Reykjavík']);
  });
  it('a Philippine block and lot; Irish addresses back from the Eircode', () => {
    expect(addresses('dito sa Blk 12 Lot 8, Phase 2, Camella Homes, Brgy. Molino III, Bacoor, Cavite 4102')).toEqual(['Blk 12 Lot 8, Phase 2, Camella Homes, Brgy. Molino III, Bacoor, Cavite 4102']);
    expect(addresses('"service_address": "The Presbytery, Main Street, Castleisland, Co. Kerry V92 H2P0",')).toEqual(['The Presbytery, Main Street, Castleisland, Co. Kerry V92 H2P0']);
    expect(addresses('Ship to The Old Rectory, Church Lane, Ballymore Eustace, Co. Kildare W91 T2K3 please')).toEqual(['The Old Rectory, Church Lane, Ballymore Eustace, Co. Kildare W91 T2K3']);
  });
  it('near misses: part numbers, a preposition without a postcode', () => {
    expect(addresses('Part number A12 B345 and C15 2233')).toEqual([]);
    expect(addresses('Am Ende 5 Tage später')).toEqual([]);
  });
});

describe('Brazilian and French address parts', () => {
  it('" - " before a district, Portuguese units, "Bât."', () => {
    expect(addresses('"endereco": "Rua Augusta, 1508, apto 72 - Consolação, São Paulo - SP, 01304-001",')).toEqual(['Rua Augusta, 1508, apto 72 - Consolação, São Paulo - SP, 01304-001']);
    expect(addresses('"endereco": "Rua Padre Lemos, 271, casa 2, Casa Amarela, Recife - PE, 52070-170",')).toEqual(['Rua Padre Lemos, 271, casa 2, Casa Amarela, Recife - PE, 52070-170']);
    expect(addresses('Adresse de livraison : 27 avenue Jean-Jaurès, Bât. C, 69007 Lyon\nAchats')).toEqual(['27 avenue Jean-Jaurès, Bât. C, 69007 Lyon']);
  });
  it('a unit word does not cut into the next word; " - " then a word that is no district', () => {
    expect(addresses('Posted contract to 42 Dorp Street, Stellenbosch, 7600.')).toEqual(['42 Dorp Street, Stellenbosch, 7600']);
    expect(addresses('Auszug aus: Kastanienallee 12, 10435 Berlin - Zählerstand 48213 kWh')).toEqual(['Kastanienallee 12, 10435 Berlin']);
  });
});

describe('addresses in Chinese, Arabic, Hindi and Hebrew script', () => {
  it('city or district, road, number and 号 / street word and parts / house number, parts and PIN / street, number, flat, city', () => {
    expect(addresses('收货地址：上海市浦东新区世纪大道100号2栋1803室\n联系')).toEqual(['上海市浦东新区世纪大道100号2栋1803室']);
    expect(addresses('可以寄到台北市大安區復興南路一段390號5樓嗎？')).toEqual(['台北市大安區復興南路一段390號5樓']);
    expect(addresses('المستخدم: 3312 شارع التحلية، حي السليمانية، الرياض 12245. وبعد')).toEqual(['3312 شارع التحلية، حي السليمانية، الرياض 12245']);
    expect(addresses('"العنوان": "شقة 1203، برج الواحة، شارع الشيخ زايد، دبي", "رقم')).toEqual(['شقة 1203، برج الواحة، شارع الشيخ زايد، دبي']);
    expect(addresses('पता: मकान नं. 27, सेक्टर 15, रोहिणी, दिल्ली 110089। कृपया')).toEqual(['मकान नं. 27, सेक्टर 15, रोहिणी, दिल्ली 110089']);
    expect(addresses('את הדירה בכתובת רחוב הרצל 15, דירה 4, תל אביב-יפו עד סוף החודש')).toEqual(['רחוב הרצל 15, דירה 4, תל אביב-יפו']);
  });
  it('near misses: a model number with 号, a road without a number', () => {
    expect(addresses('订单号 CN88301245 已发货，型号100号')).toEqual([]);
    expect(addresses('我们在北京市朝阳区的办公室见面')).toEqual([]);
  });
});

describe('Australian, Philippine and Malaysian addresses', () => {
  it('"Pde", a unit or level leading a list of parts, the postcode before the city', () => {
    expect(addresses('is 12/48 Campbell Pde, Bondi Beach NSW 2026 still right?')).toEqual(['12/48 Campbell Pde, Bondi Beach NSW 2026']);
    expect(addresses('Address: Unit 1204, Avida Towers, 34th St, Bonifacio Global City, Taguig 1634. Contact')).toEqual(['Unit 1204, Avida Towers, 34th St, Bonifacio Global City, Taguig 1634']);
    expect(addresses("Same address, Level 12, Menara Binjai, 2 Jalan Binjai, 50450 Kuala Lumpur. I'll be")).toEqual(['Level 12, Menara Binjai, 2 Jalan Binjai, 50450 Kuala Lumpur']);
  });
  it('near miss: levels and stages of a game', () => {
    expect(addresses('We hit level 3, then stage 4, then 2024 ended')).toEqual([]);
  });
});

describe('house-number suffixes and a second street word before a direction', () => {
  it('takes the whole address', () => {
    const cases: Array<[string, string]> = [
      ['Oud adres: Oudegracht 142-bis, 3511 AZ Utrecht\nNieuw', 'Oudegracht 142-bis, 3511 AZ Utrecht'],
      ['adres Vondelstraat 87-III, 1054 GM Amsterdam. Alvast', 'Vondelstraat 87-III, 1054 GM Amsterdam'],
      ['Address: 56 Elbow Park Lane SW, Calgary, AB T2S 2M4\nPhone', '56 Elbow Park Lane SW, Calgary, AB T2S 2M4'],
    ];
    for (const [text, address] of cases) expect(addresses(text)).toContain(address);
  });
});

describe('Italian street names with dei/della/degli, businesses named after a place', () => {
  it('takes the whole street and leaves the business alone', () => {
    expect(addresses('Indirizzo di fornitura: Via San Biagio dei Librai 39, 80138 Napoli. Grazie')).toContain('Via San Biagio dei Librai 39, 80138 Napoli');
    const d = detector.detect('SMS thread export - Riverside Physio inbox');
    expect(d.filter((f) => f.type === 'LOCATION' || f.type === 'PERSON')).toEqual([]);
  });
});

describe('Latin American, Romanian and British address parts', () => {
  it('takes neighbourhoods, units, postcodes, regions and building names', () => {
    const cases: Array<[string, string]> = [
      ['Mi dirección es Av. Álvaro Obregón 182, Int. 3, Col. Roma Norte, 06700 Ciudad de México. Gracias.', 'Av. Álvaro Obregón 182, Int. 3, Col. Roma Norte, 06700 Ciudad de México'],
      ['Ship to Av. Constitución 1450 Pte., Col. Centro, 64000 Monterrey, N.L., atención Rigo.', 'Av. Constitución 1450 Pte., Col. Centro, 64000 Monterrey, N.L.'],
      ['Domicilio: Calle Hidalgo 214, Col. Centro, C.P. 76000, Santiago de Querétaro, Qro.\nTeléfono', 'Calle Hidalgo 214, Col. Centro, C.P. 76000, Santiago de Querétaro, Qro.'],
      ['Dirección: Av. Corrientes 1234, piso 5 depto B, C1043AAZ CABA. Espero', 'Av. Corrientes 1234, piso 5 depto B, C1043AAZ CABA'],
      ['Domicilio: Calle Licenciado Poza 31, 4º izda., 48011 Bilbao\nImporte', 'Calle Licenciado Poza 31, 4º izda., 48011 Bilbao'],
      ['AVS matched Str. Mihai Eminescu nr. 42, ap. 7, sector 1, București 010514.', 'Str. Mihai Eminescu nr. 42, ap. 7, sector 1, București 010514'],
      ['Address: Flat 12, Rosewood House, 40 Market Street, Bristol BS1 3DL\nPhone', 'Flat 12, Rosewood House, 40 Market Street, Bristol BS1 3DL'],
    ];
    for (const [text, address] of cases) expect(addresses(text)).toContain(address);
  });
});
