/**
 * Given names and surnames from many cultures, to complement compromise's (mostly anglophone) lexicon.
 * Lower case, space-separated. Built by hand for the detector; the evaluation generator keeps its own lists.
 */
export const GIVEN_NAMES = `
aaliyah abdul abdullah abebe abena abhishek abimbola adaeze adebayo adel adriana adwoa afua agnieszka ahmad aiko aisha
akira akosua alejandra aleksander aleksandra alessandro alessia alexei alinta amadou amara amina amir anahi ananya anastasia
andrzej aniela anil anjali ankit anouk antoine anton antonio anya arjun arnav aroha arturo asha ashok astrid ayesha ayodele
baraka beatriz bilal bjorn björn bogdan bongani bruno camila carmen catalina chen chidi chinedu chioma chiara dagny dalia
damla darius dariusz dawit deepak deniz dimitri dmitri dmitry dolores duc eduardo efua eilidh einar ejike elif elin emeka
emre enrique esi esperanza fadi farah farid fatima fatma femi fernanda fernando finnur folake francesca francisco freya
gabriela giorgos giulia giuseppe goran guadalupe gunnar gustavo hakan hamza hana hannele haruto hassan hiroshi hoang hussein
ibrahim ifeoma ignacio ilse imani ingrid ioana irina isabela ismail ivana jabari jahid jamal javier jelena jiho jin joao joão
jorge jose josé juan kaito kalani kamala karim karin kavya kemal kenji khadija kiran kofi kojo kwame kwabena lakshmi lars
leila liang lidia lin ling lucia luis luka lupita magnus mahmoud malak malik mamadou manuel marek mariam marisol marta mateo
mehmet mei mihai mika miguel milan minh miroslav mohamed mohammad mustafa naledi nadia nasser naveen nikhil nikolai nils
nkechi noor nour nuno obinna olga oluwaseun omar oskar pablo pavel pedro pilar piotr pradeep pranav preeti priya rafael
rahul rajesh ramon ramón rania rashid ravi reza rohan rosa rui saanvi sadia saeed sakura salma samira sanjay santiago
sara saoirse seo sergei sergio shanthi shreya sigrid siobhan siddharth sina sipho sofia soo sunil svetlana tadeusz takeshi
tamar tarek tatiana thabo themba tiago tomasz tunde ulla valentina vikram vladimir wanjiru wei wojciech xavier xiu yara
yaw yasmin yousef youssef yuki yusuf zainab zanele zeynep zhang zheng zoltan zsofia ahmed ali anders anneli arvid birgit
dagmar eero elina emil eskil halvard henrik hilde ingvar jussi kaija kari katja leena linnea maija oddny pekka ragnhild
runar signe sindre solveig stig sune tove ulf vigdis aurelio benedetta cosimo donatella ettore fabrizio gianluca lorenzo
marcello ottavio raffaele ruggero salvatore vittoria agata bartosz grzegorz jadwiga kazimierz krzysztof malgorzata stanislaw
wieslaw zbigniew anatoly boris galina gennady igor lyudmila natalia oksana pyotr ruslan stanislav timur yekaterina yelena
arash dariush farhad golnaz kamran mahsa parisa shirin babak neda laleh abdulrahman faisal hind khalid layla mansour nabil
rami reem sami tariq walid yasser ziad adeola chiamaka ebere funmilayo ngozi olumide temitope uche yetunde amani juma
kamau njeri otieno wambui zawadi akua ama kwesi yaa aditi akash deepika divya gaurav harish ishaan kiran meera neha pooja
rajiv ritu sneha suresh vivek aarav anika dhruv kabir tanvi minji jisoo hyun seojun yuna daichi haruka kaori ren sota
yui an bao hanh linh quang thanh trang tuan huong phuong jia hui jun xin yan yong li ming hao lei qiang tao
`;

export const SURNAMES = `
abara abubakar achterberg adeyemi afolabi aguilar ahmadi akhtar al-farsi alvarez álvarez andersen andersson araujo
asante bakker banerjee bangura barros bauer becker bergström bhattacharya bianchi bjork björk blanco bondarenko castillo
castro chatterjee chaudhry chowdhury costa cruz dahl dasgupta de jong de vries delgado diallo diaz díaz dimitrov dlamini
dubois duarte eriksson esposito fernandes fernandez fernández ferrari fischer fontaine garcia garcía gomes gomez gómez gonzales
gonzalez gonzález gupta gutierrez gutiérrez haddad hakimi halvorsen hansen hernandez hernández hoang horvath huang ibrahim
ivanov ivanova iyer jansen jensen johansson kaczmarek kamara karimi kaur khan khalil khoury kim kiplagat kowalczyk kowalski
kowalska kozlov kumar kuznetsov larsen lewandowski lindqvist lopez lópez mahlangu mahmoud martinez martínez medina mendoza
menon mensah moreau morales moreno mukherjee muller müller murphy mwangi nakamura nascimento navarro ndlovu nguyen nielsen
nikolaidis njoroge nkosi novak nowak obi odhiambo okafor okonkwo okoro olsen oliveira omondi ortiz osei owusu pacheco
papadopoulos park pereira perez pérez petrov petrova pham popescu popov qureshi rahman ramirez ramírez rao reddy reyes
ribeiro richter rivera rodrigues rodriguez rodríguez romero rossi rostami russo said saito salazar sanchez sánchez santos
sato schmidt schneider schulz sharma silva singh sokolov soto suzuki tanaka tran trần vargas vasquez vazquez vega verma
volkov wagner wang weber wojcik wójcik yamamoto yilmaz yıldız zhou zielinski nakashima kobayashi watanabe takahashi ito
choi jung kang yoon lim han shin oh seo kwon hwang ahn song jeon hong chen liu yang zhao wu sun xu zhu ma hu guo he lin luo
gao liang zheng xie tang feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen
yao lu jiang cui tan le vu dang bui do ngo duong ly nair pillai chopra malhotra kapoor mehta shah joshi desai patil kulkarni
ghosh bose sen das pandey mishra tiwari dubey yadav saxena agarwal jain bhatt trivedi siddiqui ansari sheikh hussain
abdullah haddad nasser hamdan saleh aziz farouk mansour najjar darwish habibi mostafa hosseini mohammadi rezaei moradi
jafari sadeghi ozturk öztürk kaya demir sahin şahin celik çelik aydin aydın arslan dogan doğan koç kurt eze nwosu chukwu
adebayo babatunde balogun ogunleye okeke uzor mbeki zulu khumalo mthembu ngcobo moyo banda phiri mutua kariuki wanjiku
lindgren nilsson karlsson persson svensson gustafsson pettersson jonsson virtanen korhonen nieminen makinen hamalainen
koskinen heikkinen laine jarvinen lehtonen solberg haugen berg johansen kristiansen pedersen rasmussen christensen
sorensen sørensen madsen holm lund vasquez morozov volkova novikov fedorov lebedev semenov pavlov kovalenko shevchenko
kravchenko tkachenko horvat kovacs kovács szabo szabó toth tóth nagy varga molnar dvorak novotny svoboda dvořák
`;
