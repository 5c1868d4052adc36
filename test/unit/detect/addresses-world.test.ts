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
