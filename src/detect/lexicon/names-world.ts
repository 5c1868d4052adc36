/**
 * More common given names and surnames per culture (West/East African, South/South-East/East Asian,
 * Slavic, Turkish, Arabic, Hebrew, Persian, Greek, Iberian/Lusophone, Dutch, Nordic, Irish/Gaelic, German),
 * written from general knowledge, independent of any evaluation text. Lower case, space-separated.
 * Words that are also ordinary words stay "common" (the index does not un-common these), so they are
 * names only with a cue.
 */
export const WORLD_GIVEN_NAMES = `
ade adebola adebisi adedayo adekunle adenike adeola adesuwa adewale adunni ayodeji ayomide babajide babatunde bisi bolaji
bukola damilola dayo funke funmilayo folasade gbenga iyabo jumoke kayode kehinde kunle lanre morenike olabisi oladipo olamide
olanrewaju olufemi olumide oluwadamilare oluwafemi oluwaseun oluwaseyi oluwatobi omolara segun seun shola simi taiwo temitope
tobi tolu tunde wale yetunde yinka chiamaka chibuike chibuzo chidera chidinma chijioke chika chikodi chimamanda chinonso chinwe
chioma chukwudi chukwuemeka ebere ekene emeka ikenna kelechi ngozi nkechi nnamdi obinna obioma ogechi okechukwu somto uchenna
uchechi ugochi uzoma amaka nneka adanna ifeanyi amaechi oluchi zainab aminu bello halima hauwa ibrahim musa sani usman yusuf
kwesi kofi yaw kwaku akua ama esi abena adjoa ekua nana thandiwe thabo sipho lerato nomvula zanele bongani themba lindiwe
mpho kagiso naledi tumelo palesa nokuthula sibusiso mandla ayanda andile zodwa wanjiru wanjiku kamau njeri otieno achieng
akinyi odhiambo wambui mutua kipchoge chebet jelimo tendai tatenda farai rudo nyasha chipo tafadzwa
nguyen thi van anh binh chau cuong dung duong giang hai hanh hieu hoa hung huong huy khanh khoa lan linh loan minh my
ngoc nhung phuong quang quynh thao thanh thu thuy trang trung tuan tuyet uyen vinh vy xuan yen phuc dat tien hoai kim
jiwoo jiwon jiho jihoon jimin jisoo jiyeon minjun minji minseo seojun seoyeon soyeon sungmin hyun hyunwoo hyejin eunji
eunbi yuna yejin dohyun junho jaehyun taeyang sunghoon youngho myungsoo kyung seung
somchai somsak sombat somporn supachai suriya kanya kannika malee nattapong niran pranee siriporn sukanya thanawat
thidarat wanchai kittisak anurak chaiyaporn apinya pimchanok ratana
wojciech wojtek krzysztof grzegorz przemysław przemek piotr paweł tomasz łukasz kamil mateusz michał jakub szymon bartosz
bartek maciej rafał dominik sebastian zbigniew jarosław mirosław stanisław kazimierz małgorzata katarzyna kasia magdalena
agata joanna justyna dorota beata ewa elżbieta halina jadwiga zofia iwona bożena urszula marzena jolanta karolina weronika
ewelina paulina
mehmet mustafa ahmet ali hüseyin hasan ibrahim murat ömer osman yusuf emre burak serkan volkan cem can kaan onur tolga
oğuz barış gökhan selim ayşe fatma emine hatice zeynep elif merve esra büşra özlem gül gülşen sevgi derya ebru songül
yasemin tuğba aylin nur
muhammad mohammed mohamed mohammad ahmed abdullah abdulrahman abdulaziz khalid khaled omar umar youssef yousef tariq
faisal saeed sultan nasser majid waleed hamad rashid saleh sami nabil ziad walid hisham karim mahmoud mustafa ayman
fatima aisha maryam mariam noura nora huda layla laila salma rania dina reem lina hala nadia yasmin yasmeen amal samira
sara hanan manal rasha
yael noa tamar shira michal maya ayelet yonatan yosef moshe avraham yitzhak yaakov eitan itai omri noam ariel ilan uri
avi dov shlomo chaim meir gal nir oren tal ronit orly efrat hadas limor
reza ali hossein mehdi mohsen hamid saeed amir arash babak dariush kaveh farhad kourosh shirin parisa nazanin maryam
leila niloufar golnar azadeh roya mahsa
giannis yannis giorgos georgios dimitris dimitrios konstantinos kostas nikos nikolaos christos panagiotis vasilis vasileios
stavros spyros thanasis athanasios andreas manolis michalis eleni maria katerina ioanna dimitra sofia georgia vasiliki
panagiota angeliki christina despina fotini
joão joao pedro tiago thiago rafael gonçalo duarte rodrigo diogo andré andre luís miguel nuno rui vasco afonso gustavo
leandro marcelo matheus lucas gabriel bruna camila larissa letícia leticia juliana mariana beatriz inês ines leonor
francisca raquel sofia carolina daniela renata tatiana vitória luana
joost jeroen bart bram daan sander thijs stijn wouter pieter maarten ruud niels joris koen floris lieke sanne femke
anouk eva fleur lotte marloes roos sterre ilse inge annelies annemieke marieke willemijn
sven lars nils erik anders björn bjorn henrik mikael johan per ola oskar jens kasper rasmus mads søren soren ingrid
astrid sigrid solveig kirsten annika linnea maja elin freja frida sanna hanne liv
siobhán siobhan seán sean aoife niamh saoirse caoimhe ciara clodagh gráinne grainne orla róisín roisin sinéad sinead
eoin oisín oisin ciarán ciaran cian darragh donal dónal pádraig padraig tadhg ruairí ruairi colm cathal fionn diarmuid
jürgen juergen günter gunter dieter wolfgang klaus horst helmut uwe jörg joerg ralf rainer bernd matthias tobias lukas
jonas florian sebastian stefan steffen torsten ulrich hannelore ursula brigitte gisela heike sabine petra anke birgit
jutta katrin silke dörte
élodie elodie amélie amelie camille chloé chloe clémence océane oceane manon margaux léa lea maëlle maelle noémie noemie
sandrine nathalie valérie valerie séverine severine aurélie aurelie benoît benoit grégoire gregoire jérôme jerome jean
thierry didier olivier mathieu sébastien sebastien guillaume arnaud cédric cedric loïc loic yannick
lakshmi priya ravi venkat venkatesh srinivas suresh ramesh rajesh mahesh ganesh sanjay vijay ajay anand arvind aravind
karthik karthikeyan senthil murugan selvi kavitha deepa divya revathi meena geetha sowmya swathi harini lavanya
subramanian bala balaji prakash naveen praveen pradeep sandeep rahul rohit amit sumit vikram vivek gaurav nikhil
harpreet gurpreet manpreet jaspreet simran navjot amandeep baljit sukhwinder ranjit
wei fang jing ying xiaoming xiaoli xiao yan yang jun hui hong lei ming ping qiang tao xin yong yu zhen zhi li na
jie hao lu bo peng chao dong feng gang guang hua jian kai long mei qing rui shan ting wen xia xu yi yun
aiyana takeshi takumi hiroto yuto sota ren haruka yui yuki sakura aoi hina rin mio kaori keiko yoko naoko emiko
tomoko yumiko kazuki daiki ryota shota kenta hayato
olena oksana natalia nataliya iryna tetiana kateryna yulia svitlana volodymyr oleksandr oleksiy andriy mykola taras
bohdan yaroslav vitaliy serhiy
liesbeth heinz sjoerd anneke ineke sietse tjitske hanneke geert henk kees piet joop merel saskia mieke klaas jorg rüdiger
rudiger reinhard siegfried gudrun renate waltraud irmgard frauke wiebke kerstin ulrike elke ragnar kjell olle pelle torbjörn
åsa agneta gunilla kajsa ylva ebba malin stina gaëlle jérémie rémi thibault gaël giuseppina gennaro ciro concetta rosaria
annunziata pasquale gaetano itziar iñaki ainhoa aitor nerea garbiñe begoña txema macarena inmaculada montserrat núria oriol
conceição graça joaquim sebastião lurdes
`;

export const WORLD_SURNAMES = `
adeyemi adebayo adeleke adewale afolabi ajayi akande akinola akintola alabi babatunde bakare balogun bello eze ezeh
obi okafor okeke okonkwo okoro okorie onyeka nwachukwu nwankwo nwosu nnadi chukwu ibekwe igwe ike ugwu uche onuoha
olawale oladipo olaniyan olatunji oyelaran oyelowo oyewole salami ogunleye ogunbiyi mensah boateng owusu asante appiah
osei agyeman darko addo amoah mokoena nkosi ndlovu dube khumalo zulu mthembu sithole ngcobo mahlangu moyo kariuki
mwangi njoroge ochieng wafula
nguyen tran le pham hoang huynh phan vu vo dang bui do ngo duong ly trinh dinh truong lam mai luong
kim lee park choi jung jeong kang cho yoon yun jang lim han oh seo shin kwon hwang ahn song hong jeon ko moon
yang baek
saetang srisuk wongsawat chaiyasit sukprasert rattanakorn thongchai boonmee kittipong jaidee
kowalski kowalska nowak wiśniewski wiśniewska wisniewski wójcik wojcik kowalczyk kamiński kaminski lewandowski
lewandowska zieliński zielinski zielińska szymański szymanski woźniak wozniak dąbrowski dabrowski kozłowski kozlowski
jankowski mazur kwiatkowski krawczyk piotrowski grabowski nowakowski pawłowski michalski adamczyk dudek zając wieczorek
jabłoński król majewski olszewski jaworski wróbel malinowski pawlak witkowski walczak stępień górski rutkowski
yılmaz yilmaz kaya demir şahin sahin çelik celik yıldız yildiz yıldırım öztürk ozturk aydın aydin özdemir ozdemir
arslan doğan dogan kılıç kilic aslan çetin cetin kara koç koc kurt özkan ozkan şimşek simsek polat korkmaz erdoğan
al-sayed al-harbi al-qahtani al-ghamdi al-zahrani al-otaibi al-shehri al-mutairi al-dosari al-rashid al-hashimi
al-masri al-khatib al-najjar al-amin al-hassan al-mansour abdullah haddad khoury nassar saleh hamdan mansour
khalil hussein hassan aziz rahman haddad darwish farouk qureshi siddiqui malik sheikh chaudhry iqbal ansari
cohen levi levy mizrahi peretz biton friedman katz shapiro goldberg rosenberg ben-david ben-ami avraham dahan
azoulay amsalem shalom
hosseini mohammadi rezaei moradi karimi jafari rahimi hashemi ahmadi ebrahimi sadeghi ghorbani
papadopoulos papadopoulou papadakis georgiou nikolaou dimitriou konstantinou ioannou vasileiou antonopoulos
christodoulou karagiannis oikonomou makris pappas alexiou
silva santos oliveira souza sousa pereira ferreira rodrigues almeida lima carvalho gomes ribeiro martins rocha
alves barbosa cardoso teixeira correia mendes nunes moreira vieira monteiro pinto fonseca gonçalves goncalves
marques lopes azevedo cavalcanti
vries jong boer dijk berg bakker janssen visser smit meijer mulder bos vos
peters hendriks dekker brouwer dijkstra verhoeven jansen kuipers willems vermeulen
lindqvist lindgren lindberg johansson karlsson nilsson eriksson larsson olsson persson svensson gustafsson
pettersson jonsson hansen jensen nielsen pedersen andersen christensen rasmussen halvorsen haugen berg
murphy kelly o'sullivan o'brien byrne ryan o'connor o'neill walsh mccarthy o'reilly doyle kennedy lynch
gallagher mcgrath quinn brennan o'donnell fitzgerald briain giolla bhriain
müller mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann schäfer schaefer koch
richter klein wolf schröder schroeder neumann schwarz zimmermann braun krüger krueger hofmann hartmann lange
schmitt werner krause lehmann köhler weißmüller
martin bernard dubois thomas robert richard petit durand leroy moreau simon laurent lefebvre michel garcia
david bertrand roux vincent fournier morel girard andré lefèvre mercier dupont lambert bonnet françois martinez
marchand
raghunathan narayanan krishnan subramaniam venkatesan ramachandran srinivasan iyer iyengar pillai nair menon
reddy rao naidu gowda hegde kulkarni deshpande joshi patil shinde pawar mehta shah patel desai sharma verma
gupta agarwal singh kaur gill sandhu sidhu dhillon grewal mukherjee chakraborty banerjee sen ghosh bose das
wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo zheng liang xie tang han feng deng
cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding shen
sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki yamaguchi
matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto
shevchenko kovalenko bondarenko tkachenko kravchenko oliynyk shevchuk koval boyko melnyk
quispe mamani huamán condori flores ramos vargas mendoza chávez chavez rojas torres gutiérrez gutierrez
`;
