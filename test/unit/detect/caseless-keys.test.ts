import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const people = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'PERSON').map((f) => text.slice(f.start, f.end));

describe('names in scripts without case: attendees, senders, speakers, relatives, titles', () => {
  it('Chinese: attendees, minute-takers, a speaker whose line starts with a surname, a room-mate', () => {
    expect(people('参会人员：张伟（就业指导中心）\n\n记录人：王芳')).toEqual(['张伟', '王芳']);
    expect(people('用户：李秀英，出生日期1990年5月12日。')).toEqual(['李秀英']);
    expect(people('让我室友刘思雨下来拿，她电话138 1672 4490。')).toEqual(['刘思雨']);
    expect(people('用户：你好，我的订单还没到')).toEqual([]);
  });
  it('Korean: sender, a relative in brackets, a name before a job title or "mum", a particle after the key', () => {
    expect(people('보낸사람: 정민수 <minsu.jung@hanbit-edu.co.kr>')).toEqual(['정민수']);
    expect(people('혹시 연락이 안 되면 아빠(김도현) 번호로 연락 주세요')).toEqual(['김도현']);
    expect(people('윤아름 팀장님,\n\n요청하신 교재')).toEqual(['윤아름']);
    expect(people('초등 5학년 김서윤 엄마 박지현입니다.')).toEqual(['김서윤', '박지현']);
    expect(people('받는 사람은 이지은입니다.')).toEqual(['이지은']);
    expect(people('세대주는 남편 이준호이고 저는 최유진입니다.')).toEqual(['이준호', '최유진']);
    expect(people('담당자 확인 후 연락드리겠습니다.')).toEqual([]);
  });
  it('Japanese: a name before "と申します", a katakana name with "・" before "です"', () => {
    expect(people('はじめまして。佐藤美咲と申します。')).toEqual(['佐藤美咲']);
    expect(people('受講生のグエン・ヴァン・ナムです。')).toEqual(['グエン・ヴァン・ナム']);
    expect(people('スマート・ウォッチの在庫はありますか')).toEqual([]);
  });
  it('Hebrew sender; Arabic relatives and "dear", the name and its family names only; Hindi "customer"', () => {
    expect(people('מאת: אורי כהן <uri.cohen@tevatech.co.il>')).toEqual(['אורי כהן']);
    expect(people('لأن زوجتي مريم والأطفال سيأتون معي.')).toEqual(['مريم']);
    expect(people('وأخوها خالد مفوض بالاستفسار.')).toEqual(['خالد']);
    expect(people('عزيزي عبدالله القحطاني،\n\nنذكّركم بموعدكم')).toEqual(['عبدالله القحطاني']);
    expect(people('ग्राहक सुनीता यादव ने कॉल किया')).toEqual(['सुनीता यादव']);
    expect(people('ग्राहक लखनऊ में रहती हैं।')).toEqual([]);
  });
  it('"I am …" around the name: Urdu, Hindi, Persian, Chinese; not "I am fine"', () => {
    expect(people('السلام علیکم، میں عائشہ ملک ہوں۔ میرے ویزا')).toEqual(['عائشہ ملک']);
    expect(people('नमस्ते, मैं सुनील यादव बोल रहा हूँ। मेरी गाड़ी')).toEqual(['सुनील यादव']);
    expect(people('سلام، علی رضایی هستم. قبض برق')).toEqual(['علی رضایی']);
    expect(people('您好，\n我是王晓雯，上周因家中有事')).toEqual(['王晓雯']);
    expect(people('我是他女儿王丽娜，帮他办理。')).toEqual(['王丽娜']);
    expect(people('میں ٹھیک ہوں')).toEqual([]);
    expect(people('मैं घर से बोल रहा हूँ')).toEqual([]);
    expect(people('我是美团骑手，您的外卖到了')).toEqual([]);
  });
  it('a table cell in a column of names; a Thai title written on the name', () => {
    expect(people('| 수강생 | 이메일 | 연락처 |\n|---|---|---|\n| 김지현 | jihyun.kim@naver.com | 010-4827-3361 |')).toEqual(['김지현']);
    expect(people('| 会員番号 | 氏名 | 生年月日 |\n|---|---|---|\n| 0412 | 佐藤 大翔 | 1995/07/02 |')).toEqual(['佐藤 大翔']);
    expect(people('{"guest_name":"นางสาวพิมพ์ชนก ศรีสุวรรณ","room":"Deluxe"}')).toEqual(['นางสาวพิมพ์ชนก ศรีสุวรรณ']);
    expect(people('商品,数量,备注\n空气炸锅,1,尽快发货')).toEqual([]);
  });
  it('Arabic "I am" / "with you is" before a full name that ends its clause', () => {
    expect(people('مرحباً، أنا خالد العتيبي. أرجو تحويل المبلغ')).toEqual(['خالد العتيبي']);
    expect(people('السلام عليكم، معك منى عبد الرحمن من القاهرة.')).toEqual(['منى عبد الرحمن']);
    expect(people('أنا عايز أغير العنوان.')).toEqual([]);
    expect(people('أنا بخير، شكرا')).toEqual([]);
  });
  it('the names listed after a key\'s first one, each with a surname first', () => {
    expect(people('参会人员：张伟（就业指导中心）、李娜（计算机学院）、赵磊（合作企业HR）')).toEqual(['张伟', '李娜', '赵磊']);
    expect(people('联系人：王磊，电话138 1024 5567')).toEqual(['王磊']);
  });
});

describe('"my name is" in the scripts of South and South-East Asia, Ethiopia and Georgia', () => {
  it('Tamil (with an initial), Telugu, Khmer, Amharic, Georgian, Burmese, Sinhala', () => {
    expect(people('வணக்கம், என் பெயர் க. அருணாசலம். எனது ஆர்டர் TN-88213')).toEqual(['க. அருணாசலம்']);
    expect(people('నమస్తే, నా పేరు లక్ష్మీ ప్రసన్న గోరంట్ల. నా పార్సెల్')).toEqual(['లక్ష్మీ ప్రసన్న గోరంట్ల']);
    expect(people('ជំរាបសួរ! ខ្ញុំឈ្មោះ សុខ ចាន់ណារី។')).toEqual(['សុខ ចាន់ណារី']);
    expect(people('ሰላም፣ ስሜ ትግስት አለሙ ነው። ትዕዛዝ ቁጥር ET-3391')).toEqual(['ትግስት አለሙ']);
    expect(people('გამარჯობა, ჩემი სახელია გიორგი კაპანაძე. შეკვეთა GE-5521')).toEqual(['გიორგი კაპანაძე']);
    expect(people('မင်္ဂလာပါ။ ကျွန်မ သန္တာလှိုင် ပါ။ အော်ဒါ MM-44')).toEqual(['သန္တာလှိုင်']);
    expect(people('විස්තර: නම දිලානි විජේසිංහ, දුරකථන 077')).toEqual(['දිලානි විජේසිංහ']);
  });
  it('an Arabic word before a full stop is no initial', () => {
    expect(people('الاسم: فاطمة الزهراء بن علي. العنوان: شارع')).toEqual(['فاطمة الزهراء بن علي']);
  });
});

describe('candidates, interviewers, tenants, account holders; the sides of a Japanese meeting; Thai "I"', () => {
  it('Chinese, Japanese, Korean and Thai keys', () => {
    expect(people('候选人：刘浩然\n出生日期：1996年11月23日\n面试官：张伟、李静\n记录：候选人有三年经验')).toEqual(['刘浩然', '张伟', '李静']);
    expect(people('请转账至我的账户，户名孙晓雯。')).toEqual(['孙晓雯']);
    expect(people('비상연락처: 이정훈 (부) 010-5512-0846').filter((p) => p === '이정훈')).toEqual(['이정훈']);
    expect(people('当方：鈴木、小林\n内容：年間契約の更新について')).toContain('鈴木');
    expect(people('สวัสดีค่ะ ดิฉันสมใจ วงศ์สวัสดิ์ บัตรเครดิตหมายเลข 4539')).toEqual(['สมใจ วงศ์สวัสดิ์']);
  });
});
