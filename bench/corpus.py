"""Synthetic press-room corpus for build benchmarks.

    python bench/corpus.py --count N --out DIR [--seed 1] [--no-photos]

Writes a Pelican content folder that the real configuration builds
(`pelican DIR -s pelicanconf.py --fatal errors`):

    DIR/data/site.yml                 the repository's site data, with 5 categories
    DIR/images/logo.svg               the repository's logo
    DIR/releases/<year>/<slug>/       N release bundles:
        index.md                      English, 600–900 words
        index.zh-hant.md              30% of releases: Traditional Chinese …
        index.zh-hans.md              … and Simplified Chinese (same date, category, photos)
        photo-1.jpg …                 0–6 photos (mean ~2), hard links into the pool
    DIR/_photo-pool/                  8 camera-size JPEGs (4000×3000), made once per corpus
    DIR/_extra/releases/…             with --extra K: the next K releases, not built
                                      (_extra/releases.txt lists their folders in order)

Everything comes from the word and sentence banks below and a seeded
`random.Random`: the same arguments give the same bytes. Release `i` depends
only on the seed, `i` and the releases before it, so the corpus of N is the
first N releases of the corpus of N+1 (`release(i)` gives the next one).
Titles, subtitles, summaries and slugs are unique across the corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE_DATA = REPO / "content/data/site.yml"
LOGO = REPO / "content/images/logo.svg"

EXTRA_CATEGORIES = ("Speeches", "Events")
CATEGORIES = ("Press Releases", "Corporate News", "Media Statements") + EXTRA_CATEGORIES
CATEGORY_WEIGHTS = (50, 20, 10, 8, 12)
TRANSLATED_SHARE = 0.30
PHOTO_COUNT_WEIGHTS = (20, 21, 22, 17, 10, 6, 4)  # 0..6 photos: mean 2.1
POOL_SIZE = 8
PHOTO_SIZE = (4000, 3000)
FIRST_YEAR, LAST_YEAR = 2006, 2025
WORDS = (600, 900)

# ---------------------------------------------------------------------------
# Banks. Title parts are parallel lists — (English, Traditional, Simplified) —
# so a translation's headline says what the English one says.

SUBJECTS = [
    ("HKSTP", "香港科技園公司", "香港科技园公司"),
    ("Hong Kong Science Park", "香港科學園", "香港科学园"),
    ("INNOPARK", "創新園", "创新园"),
    ("The InnoCentre", "創新中心", "创新中心"),
    ("HKSTP Ventures", "科技園創投基金", "科技园创投基金"),
    ("The Incubation Programme", "培育計劃", "培育计划"),
    ("The Data Technology Hub", "數據技術樞紐", "数据技术枢纽"),
    ("The Advanced Manufacturing Centre", "先進製造業中心", "先进制造业中心"),
    ("The Microelectronics Centre", "微電子中心", "微电子中心"),
    ("The Biomedical Technology Cluster", "生物醫藥科技群組", "生物医药科技群组"),
    ("The Smart City Cluster", "智慧城市群組", "智慧城市群组"),
    ("The Fintech Cluster", "金融科技群組", "金融科技群组"),
]
VERBS = [
    ("Launches", "推出", "推出"),
    ("Unveils", "揭幕", "揭幕"),
    ("Opens", "開設", "开设"),
    ("Announces", "宣佈", "宣布"),
    ("Welcomes", "歡迎", "欢迎"),
    ("Celebrates", "慶祝", "庆祝"),
    ("Expands", "擴展", "扩展"),
    ("Introduces", "引入", "引入"),
    ("Showcases", "展示", "展示"),
    ("Kicks Off", "啟動", "启动"),
    ("Hosts", "舉辦", "举办"),
    ("Strengthens", "加強", "加强"),
]
ADJECTIVES = [
    ("New", "全新", "全新"),
    ("Second", "第二期", "第二期"),
    ("Regional", "區域", "区域"),
    ("Flagship", "旗艦", "旗舰"),
    ("Expanded", "擴大", "扩大"),
    ("Global", "全球", "全球"),
    ("Annual", "年度", "年度"),
    ("Cross-border", "跨境", "跨境"),
    ("Next-generation", "新一代", "新一代"),
    ("Pilot", "試點", "试点"),
    ("Joint", "聯合", "联合"),
    ("Open", "開放式", "开放式"),
]
DOMAINS = [
    ("Biotech", "生物科技", "生物科技"),
    ("Robotics", "機械人", "机器人"),
    ("AI", "人工智能", "人工智能"),
    ("Fintech", "金融科技", "金融科技"),
    ("Green Tech", "綠色科技", "绿色科技"),
    ("Microelectronics", "微電子", "微电子"),
    ("Healthtech", "醫療科技", "医疗科技"),
    ("Smart Mobility", "智慧出行", "智慧出行"),
    ("Data Science", "數據科學", "数据科学"),
    ("Advanced Manufacturing", "先進製造", "先进制造"),
    ("Materials Science", "材料科學", "材料科学"),
    ("Agritech", "農業科技", "农业科技"),
    ("Quantum", "量子科技", "量子科技"),
    ("Cybersecurity", "網絡安全", "网络安全"),
    ("Space Tech", "太空科技", "太空科技"),
    ("EdTech", "教育科技", "教育科技"),
    ("Proptech", "房地產科技", "房地产科技"),
    ("Medtech", "醫療器械", "医疗器械"),
]
THINGS = [
    ("Innovation Hub", "創新樞紐", "创新枢纽"),
    ("Accelerator Programme", "加速計劃", "加速计划"),
    ("Research Centre", "研究中心", "研究中心"),
    ("Talent Scheme", "人才計劃", "人才计划"),
    ("Start-up Competition", "創業比賽", "创业比赛"),
    ("Investment Fund", "投資基金", "投资基金"),
    ("Testbed", "測試平台", "测试平台"),
    ("Partnership", "合作計劃", "合作计划"),
    ("Conference", "會議", "会议"),
    ("Laboratory", "實驗室", "实验室"),
    ("Showcase", "展覽", "展览"),
    ("Summit", "峰會", "峰会"),
    ("Fellowship", "研究獎學金", "研究奖学金"),
    ("Demo Day", "示範日", "示范日"),
    ("Pilot Line", "試產線", "试产线"),
    ("Training Academy", "培訓學院", "培训学院"),
]
PURPOSES = [
    ("Accelerate Re-industrialisation", "加速再工業化", "加速再工业化"),
    ("Advance Smart City Solutions", "推動智慧城市方案", "推动智慧城市方案"),
    ("Support Carbon Neutrality", "支持碳中和", "支持碳中和"),
    ("Promote Healthy Ageing", "促進健康樂齡", "促进健康乐龄"),
    ("Drive Digital Transformation", "推動數碼轉型", "推动数码转型"),
    ("Speed Up Start-up Growth", "加快初創成長", "加快初创成长"),
    ("Develop Local Talent", "培育本地人才", "培育本地人才"),
    ("Strengthen Clinical Research", "加強臨床研究", "加强临床研究"),
]
AUDIENCES = [
    ("Young Founders", "年輕創業家", "年轻创业家"),
    ("Women in Tech", "科技界女性", "科技界女性"),
    ("University Spin-offs", "大學衍生企業", "大学衍生企业"),
    ("Local Manufacturers", "本地製造商", "本地制造商"),
    ("Global Investors", "環球投資者", "环球投资者"),
    ("Secondary Students", "中學生", "中学生"),
]
PLACES = [
    ("Tai Po", "大埔", "大埔"),
    ("Tseung Kwan O", "將軍澳", "将军澳"),
    ("Yuen Long", "元朗", "元朗"),
    ("Sha Tin", "沙田", "沙田"),
    ("the Greater Bay Area", "大灣區", "大湾区"),
    ("Shenzhen", "深圳", "深圳"),
    ("Singapore", "新加坡", "新加坡"),
    ("London", "倫敦", "伦敦"),
]
PARTNERS = [
    ("Leading Universities", "本地大學", "本地大学"),
    ("Global Pharma Partners", "國際藥企", "国际药企"),
    ("Mainland Partners", "內地夥伴", "内地伙伴"),
    ("Industry Leaders", "業界領袖", "业界领袖"),
    ("Overseas Incubators", "海外培育機構", "海外培育机构"),
]
PEOPLE = [
    ("Dr. Sunny Chai", "Chairman of HKSTP", "香港科技園公司主席查毅超博士", "香港科技园公司主席查毅超博士"),
    ("Albert Wong", "CEO of HKSTP", "香港科技園公司行政總裁黃克強", "香港科技园公司行政总裁黄克强"),
    ("Dr. Grace Lau", "Head of Incubation, HKSTP", "香港科技園公司培育主管劉博士", "香港科技园公司培育主管刘博士"),
    ("Peter Yan", "Chief Corporate Development Officer, HKSTP", "香港科技園公司首席企業發展總監甄先生", "香港科技园公司首席企业发展总监甄先生"),
    ("Dr. Crystal Fok", "Chief Innovation Officer, HKSTP", "香港科技園公司首席創新總監霍博士", "香港科技园公司首席创新总监霍博士"),
    ("Prof. Daniel Ho", "Director of the Research Centre", "研究中心總監何教授", "研究中心总监何教授"),
    ("Winnie Cheung", "Founder and CEO of a park company", "園區公司創辦人及行政總裁張女士", "园区公司创办人及行政总裁张女士"),
    ("Dr. Kenneth Lam", "Head of Ecosystem Partnerships, HKSTP", "香港科技園公司生態系統夥伴關係主管林博士", "香港科技园公司生态系统伙伴关系主管林博士"),
    ("Samantha Ng", "Head of Talent Development, HKSTP", "香港科技園公司人才發展主管吳女士", "香港科技园公司人才发展主管吴女士"),
    ("Michael Tse", "Chairman of the Start-up Alumni Network", "初創校友網絡主席謝先生", "初创校友网络主席谢先生"),
]
TAGS = [
    "INNOPARK", "Science Park", "Start-ups", "Biotech", "AI", "Robotics", "Fintech", "Green Tech",
    "Smart City", "Talent", "Incubation", "Investment", "Greater Bay Area", "Re-industrialisation",
    "Healthtech", "Microelectronics", "Data", "Cybersecurity", "Sustainability", "Awards",
    "Partnerships", "Community", "Research", "Universities", "Women in Tech", "Youth", "Agritech",
    "Materials", "Quantum", "Space", "EdTech", "Proptech", "Mobility", "Manufacturing", "Medtech",
    "Clinical Trials", "Venture Capital", "Open Innovation", "ESG", "Digital Economy",
    "Internships", "Competitions", "Exhibitions", "Overseas Delegations", "Mainland",
    "Southeast Asia", "Europe", "Government", "Policy Address", "Annual Report",
]
# Some tags are far more common than others, as on a real site.
TAG_WEIGHTS = [1 / (rank + 1) ** 0.8 for rank in range(len(TAGS))]

SECTORS = ["healthcare", "logistics", "financial services", "manufacturing", "retail",
           "construction", "energy", "transport", "education", "public services", "food production",
           "property management"]
BENEFITS = [
    "shorten the path from laboratory to market", "create high-skilled jobs",
    "attract international talent", "lower the cost of testing new products",
    "give founders access to global investors", "strengthen local supply chains",
    "help small manufacturers adopt automation", "open new export markets",
    "bring research and industry closer together", "support the city's carbon goals",
    "improve services for an ageing population", "nurture the next generation of engineers",
    "turn patents into products", "make trial production affordable for start-ups",
    "connect park companies with corporate buyers", "cut the time needed for clinical validation",
]
ACTIVITIES = ["prototyping", "pilot production", "clinical validation", "data analysis",
              "product testing", "market entry", "fundraising", "certification", "scale-up",
              "technology transfer"]

# Sentence templates: {slots} are filled per release (see _Topic.fill).
SENTENCES = [
    "{subject} said the {thing_l} would {benefit} and {benefit2}.",
    "The {thing_l} is open to companies working in {domain} and related fields such as {sector}.",
    "More than {n} companies have already expressed interest in joining the {thing_l}.",
    "Participants will receive up to HK${money} million in funding over {years} years.",
    "The programme combines mentoring, laboratory space and introductions to {partner_l}.",
    "Applications from {audience_l} are particularly welcome this year.",
    "The first cohort is expected to begin work in {place} in the coming months.",
    "Companies will be able to use shared facilities for {activity} and {activity2}.",
    "Since its launch in {year_past}, the initiative has supported more than {n2} projects.",
    "Industry partners will contribute expertise in {sector} and {sector2}.",
    "The facility covers some {area} square metres and includes clean rooms and testing bays.",
    "Organisers expect around {people} visitors over the {days} days of the event.",
    "A panel of {panel} judges from industry and academia will assess the entries.",
    "The scheme forms part of a wider plan to {benefit} across Hong Kong.",
    "Park companies have raised more than HK${money2} billion in funding over the past year.",
    "Researchers from {partner_l} will work alongside start-ups on shared projects.",
    "The centre will focus on {activity} for {domain} companies, an area where demand is growing fast.",
    "Local firms in {sector} are expected to be among the first users of the new services.",
    "The agreement covers joint research, talent exchange and access to each other's networks.",
    "A series of workshops will help founders prepare for {activity} and meet potential customers.",
    "Successful teams will be offered space at {place} for up to {years} years.",
    "The organisers said demand had grown steadily as more companies look to {benefit}.",
    "Several park companies demonstrated products for {sector}, from early prototypes to market-ready systems.",
    "The next round of applications will open in {month}.",
    "Speakers discussed how {domain} can {benefit} and what support smaller firms still need.",
    "The new space is designed for {activity}, with equipment that individual start-ups could not afford alone.",
    "Over {n} mentors from {partner_l} have volunteered their time to the programme.",
    "The initiative also aims to {benefit2}, a goal shared by government and industry.",
    "Visitors were able to try demonstrations of {domain} applications for {sector}.",
    "The results of the first phase will be published in a report later this year.",
    "Graduates of the programme have gone on to build companies employing more than {people} people.",
    "The collaboration builds on a memorandum of understanding signed in {year_past}.",
    "Companies taking part will report on their progress every {months} months.",
    "Training places are limited, and priority will be given to {audience_l}.",
    "The partners will review the arrangement after {years} years and consider extending it.",
    "Early results suggest that shared facilities help firms of every size {benefit}.",
    "Demand for {activity} services has doubled over the past {years} years.",
    "The {thing_l} will be run by a small team based at {place}.",
    "Each company will be paired with a mentor from {partner_l} for the first {months} months.",
    "Start-ups at the {thing_l} will be able to test their products with real users in {sector}.",
    "The selection criteria include technical merit, market potential and the strength of the team.",
    "Organisers said the {thing_l} had been shaped by feedback from more than {n} park companies.",
    "Funding will be released in stages, linked to milestones agreed at the start.",
    "Alumni of earlier cohorts will share their experience of {activity} with new participants.",
    "The centre's equipment can be booked by the hour, so small teams pay only for what they use.",
    "Government officials, investors and researchers attended the opening ceremony in {place}.",
    "The move is expected to {benefit} while helping local firms {benefit2}.",
    "Specialist staff will advise companies on {activity}, standards and certification.",
    "The {domain} sector in Hong Kong has grown rapidly, with more than {n2} companies now active.",
    "An independent panel will review progress at the end of each year.",
    "Public tours of the facility will be offered on selected weekends.",
    "Participants said the chance to work next to other founders was as valuable as the funding.",
    "The {thing_l} adds to more than {n} programmes that HKSTP runs for the innovation community.",
    "Students from local universities will be offered internships with participating companies.",
    "Investors will be invited to a closed session to meet the most promising teams.",
    "Companies from {place} and overseas are eligible to apply.",
    "Several firms reported their first customer contracts within months of joining.",
    "A dedicated help desk will answer questions about eligibility and the application process.",
    "The programme will publish an annual review of its outcomes.",
    "Partners from {sector} will set challenges for start-ups to solve during the programme.",
]
HEADINGS = [
    "Supporting {audience}", "A New Chapter for {domain}", "Building the {domain} Ecosystem",
    "What Happens Next", "Partnerships Across {place}", "Nurturing Talent", "Key Facts",
    "About the {thing}", "Funding and Support", "Timeline and Milestones", "Industry Response",
    "Looking Ahead", "From Research to Market", "How to Apply",
]
LIST_INTROS = ["Highlights of the {thing_l} include:", "The {thing_l} offers:",
               "Participants will benefit from:", "Key facts:", "The programme at a glance:"]
LIST_ITEMS = [
    "up to HK${money} million in funding for each selected company",
    "{area} square metres of shared laboratory and office space",
    "mentoring from {n} industry experts",
    "introductions to {partner_l}",
    "access to testing facilities for {activity}",
    "a {months}-month structured programme with quarterly reviews",
    "workshops on {activity} and intellectual property",
    "priority access to events in {place}",
    "support with {activity} and regulatory approval",
    "a showcase to investors at the end of the programme",
    "subsidised rent for the first {years} years",
    "help recruiting graduates and interns",
]
QUOTES = [
    "This is an important step for {domain} in Hong Kong.",
    "We want every founder with a good idea to find the support they need here.",
    "The {thing_l} shows what research and industry can achieve together.",
    "Our aim is to {benefit}, and this initiative brings that goal closer.",
    "Hong Kong has the talent, the research and the connections to lead in {domain}.",
    "We are grateful to our partners for their commitment and their confidence in Hong Kong.",
    "Companies in {sector} are looking for solutions, and our start-ups are ready to provide them.",
    "The response from {audience_l} has been remarkable.",
    "We will keep investing in facilities that no start-up could build on its own.",
    "This is only the beginning of a long-term commitment.",
]
LINKS = [
    ("the HKSTP website", "https://www.hkstp.org/"),
    ("the programme page", "https://www.hkstp.org/en/what-we-offer/"),
    ("the event website", "https://www.hkstp.org/en/events/"),
    ("the Innovation and Technology Commission", "https://www.itc.gov.hk/"),
    ("InnoHK", "https://www.innohk.gov.hk/"),
    ("the Government news site", "https://www.info.gov.hk/"),
    ("the application portal", "https://www.hkstp.org/en/apply/"),
]
LINK_SENTENCES = [
    "More details are available on [{text}]({url}).",
    "Applications can be submitted through [{text}]({url}).",
    "Background information is published on [{text}]({url}).",
    "Further updates will be posted on [{text}]({url}).",
]
SUBTITLES = [
    "The {thing_l} will {benefit} and {benefit2}",
    "{n} companies will join the {thing_l} in its first year, with support worth HK${money} million",
    "A {domain} initiative in {place} to {benefit}",
    "The {thing_l} brings {partner_l} and {audience_l} together to {benefit}",
    "Up to {n2} places will be offered to {audience_l} working in {domain}",
]
SUMMARIES = [
    "{subject} today announced {a_adj} {domain} {thing_l}. It will {benefit} and {benefit2}.",
    "The {adj_l} {domain} {thing_l} in {place} will support {n} companies over {years} years, "
    "with funding of up to HK${money} million each.",
    "{subject} and {partner_l} will {benefit} through {a_adj} {domain} {thing_l} "
    "opening in {month}.",
    "Today, {a_adj} {domain} {thing_l} for {audience_l} opened; {n2} applications have "
    "already been received.",
]
CAPTIONS = [
    ("{person}, {role}, delivers the welcome address at the launch of the {thing_l}.",
     "{person} speaking at a lectern in front of a large screen"),
    ("Guests tour the {domain} {thing_l} at {place}.",
     "A group of guests walking through a bright exhibition hall"),
    ("Founders present their {domain} projects to the judging panel.",
     "A young founder presenting slides to a seated panel"),
    ("{person}, {role} (centre), with guests at the officiating ceremony.",
     "A row of guests on stage holding a ceremonial prop"),
    ("Visitors try a demonstration of {domain} for {sector}.",
     "Visitors gathered around a demonstration table"),
    ("Representatives of {partner_l} and HKSTP sign the agreement.",
     "Two people signing documents at a table, with others standing behind"),
    ("Panellists discuss the future of {domain} in Hong Kong.",
     "Four panellists seated on a stage in conversation"),
    ("The new facility in {place}, ready for its first tenants.",
     "An empty, brightly lit laboratory with benches and equipment"),
]
CREDITS = ["HKSTP", "Generated benchmark image", "HKSTP / benchmark"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# Chinese: (Traditional, Simplified) pairs; {slots} take the Chinese title parts.
ZH_SENTENCES = [
    ("{subject}表示，{thing}將協助企業把研究成果轉化為產品。", "{subject}表示，{thing}将协助企业把研究成果转化为产品。"),
    ("{thing}歡迎從事{domain}及相關範疇的公司申請。", "{thing}欢迎从事{domain}及相关范畴的公司申请。"),
    ("目前已有超過{n}家公司表示有興趣參與。", "目前已有超过{n}家公司表示有兴趣参与。"),
    ("參與公司可於{years}年內獲得最高{money}百萬港元資助。", "参与公司可于{years}年内获得最高{money}百万港元资助。"),
    ("計劃結合導師指導、實驗室空間及與{partner}的聯繫。", "计划结合导师指导、实验室空间及与{partner}的联系。"),
    ("今年特別歡迎{audience}提交申請。", "今年特别欢迎{audience}提交申请。"),
    ("首批參與者預計於未來數月在{place}展開工作。", "首批参与者预计于未来数月在{place}展开工作。"),
    ("自{year_past}年推出以來，計劃已支援超過{n2}個項目。", "自{year_past}年推出以来，计划已支援超过{n2}个项目。"),
    ("新設施面積約{area}平方米，設有無塵室及測試區。", "新设施面积约{area}平方米，设有无尘室及测试区。"),
    ("主辦單位預計活動期間將有約{people}人次參觀。", "主办单位预计活动期间将有约{people}人次参观。"),
    ("評審團由{panel}位來自業界及學術界的專家組成。", "评审团由{panel}位来自业界及学术界的专家组成。"),
    ("園區公司過去一年共籌得超過{money2}億港元資金。", "园区公司过去一年共筹得超过{money2}亿港元资金。"),
    ("新設施的設備可按小時預約，小型團隊只需為實際使用付費。", "新设施的设备可按小时预约，小型团队只需为实际使用付费。"),
    ("每間公司在首{months}個月將獲配對一位來自{partner}的導師。", "每间公司在首{months}个月将获配对一位来自{partner}的导师。"),
    ("資助將按雙方議定的里程碑分階段發放。", "资助将按双方议定的里程碑分阶段发放。"),
    ("政府官員、投資者及研究人員出席了在{place}舉行的開幕典禮。", "政府官员、投资者及研究人员出席了在{place}举行的开幕典礼。"),
    ("香港的{domain}行業發展迅速，目前已有超過{n2}家公司。", "香港的{domain}行业发展迅速，目前已有超过{n2}家公司。"),
    ("本地大學的學生將獲安排到參與公司實習。", "本地大学的学生将获安排到参与公司实习。"),
    ("多家公司在加入計劃數月內便取得首份客戶合約。", "多家公司在加入计划数月内便取得首份客户合约。"),
    ("專責服務台將解答有關資格及申請程序的查詢。", "专责服务台将解答有关资格及申请程序的查询。"),
    ("{partner}的研究人員將與初創企業合作推展共同項目。", "{partner}的研究人员将与初创企业合作推展共同项目。"),
    ("協議涵蓋聯合研究、人才交流及共享網絡資源。", "协议涵盖联合研究、人才交流及共享网络资源。"),
    ("一系列工作坊將協助創辦人準備產品測試並接觸潛在客戶。", "一系列工作坊将协助创办人准备产品测试并接触潜在客户。"),
    ("成功入選的團隊可於{place}使用辦公空間最長{years}年。", "成功入选的团队可于{place}使用办公空间最长{years}年。"),
    ("多家園區公司展示了由原型到已可推出市場的{domain}產品。", "多家园区公司展示了由原型到已可推出市场的{domain}产品。"),
    ("下一輪申請將於{month}月開始。", "下一轮申请将于{month}月开始。"),
    ("講者探討{domain}如何推動香港經濟發展，以及中小企仍需要哪些支援。", "讲者探讨{domain}如何推动香港经济发展，以及中小企仍需要哪些支援。"),
    ("新空間配備個別初創企業難以獨力負擔的先進設備。", "新空间配备个别初创企业难以独力负担的先进设备。"),
    ("超過{n}位來自{partner}的導師自願參與計劃。", "超过{n}位来自{partner}的导师自愿参与计划。"),
    ("首階段的成果將於今年稍後以報告形式公佈。", "首阶段的成果将于今年稍后以报告形式公布。"),
    ("計劃的畢業企業已合共聘用超過{people}名員工。", "计划的毕业企业已合共聘用超过{people}名员工。"),
    ("是次合作建基於雙方於{year_past}年簽署的合作備忘錄。", "是次合作建基于双方于{year_past}年签署的合作备忘录。"),
    ("參與公司須每{months}個月匯報進度。", "参与公司须每{months}个月汇报进度。"),
    ("培訓名額有限，{audience}將獲優先考慮。", "培训名额有限，{audience}将获优先考虑。"),
    ("初步結果顯示，共享設施可協助不同規模的企業降低成本。", "初步结果显示，共享设施可协助不同规模的企业降低成本。"),
    ("{subject}將繼續投資於初創企業無法獨力建設的設施。", "{subject}将继续投资于初创企业无法独力建设的设施。"),
]
ZH_HEADINGS = [
    ("支援{audience}", "支援{audience}"), ("{domain}發展新篇章", "{domain}发展新篇章"),
    ("建設{domain}生態系統", "建设{domain}生态系统"), ("下一步", "下一步"),
    ("培育人才", "培育人才"), ("重點資料", "重点资料"), ("資助與支援", "资助与支援"),
    ("由研究到市場", "由研究到市场"), ("申請方法", "申请方法"), ("業界回應", "业界回应"),
]
ZH_LIST_ITEMS = [
    ("每間入選公司最高{money}百萬港元資助", "每间入选公司最高{money}百万港元资助"),
    ("{area}平方米共享實驗室及辦公空間", "{area}平方米共享实验室及办公空间"),
    ("{n}位業界專家提供導師指導", "{n}位业界专家提供导师指导"),
    ("與{partner}建立聯繫", "与{partner}建立联系"),
    ("為期{months}個月的培育計劃", "为期{months}个月的培育计划"),
    ("首{years}年租金資助", "首{years}年租金资助"),
    ("協助招聘畢業生及實習生", "协助招聘毕业生及实习生"),
    ("於計劃完結時向投資者展示成果", "于计划完结时向投资者展示成果"),
]
ZH_QUOTES = [
    ("這是香港{domain}發展的重要一步。", "这是香港{domain}发展的重要一步。"),
    ("我們希望每一位有好主意的創辦人都能在這裏找到所需的支援。", "我们希望每一位有好主意的创办人都能在这里找到所需的支援。"),
    ("{thing}展示了研究與業界攜手合作的成果。", "{thing}展示了研究与业界携手合作的成果。"),
    ("香港擁有人才、研究實力和聯繫網絡，足以在{domain}領域領先。", "香港拥有人才、研究实力和联系网络，足以在{domain}领域领先。"),
    ("感謝各合作夥伴對香港的承諾和信心。", "感谢各合作伙伴对香港的承诺和信心。"),
    ("這只是長遠承諾的開始。", "这只是长远承诺的开始。"),
]
ZH_LIST_INTROS = [("{thing}的重點包括：", "{thing}的重点包括："), ("參與者可享：", "参与者可享：")]
ZH_LINK_SENTENCES = [
    ("詳情請瀏覽[香港科技園公司網站](https://www.hkstp.org/)。",
     "详情请浏览[香港科技园公司网站](https://www.hkstp.org/)。"),
    ("申請可透過[網上平台](https://www.hkstp.org/en/apply/)遞交。",
     "申请可透过[网上平台](https://www.hkstp.org/en/apply/)递交。"),
    ("背景資料載於[創新科技署網站](https://www.itc.gov.hk/)。",
     "背景资料载于[创新科技署网站](https://www.itc.gov.hk/)。"),
]
ZH_SUBTITLES = [
    ("{domain}{thing}將協助{audience}把研究成果推出市場，首年名額{n}個",
     "{domain}{thing}将协助{audience}把研究成果推出市场，首年名额{n}个"),
    ("首年將有{n}家{domain}公司參與，每家最高資助{money}百萬港元",
     "首年将有{n}家{domain}公司参与，每家最高资助{money}百万港元"),
    ("{place}{domain}設施面積約{area}平方米，支援{audience}",
     "{place}{domain}设施面积约{area}平方米，支援{audience}"),
    ("{thing}聯同{partner}推動{domain}發展，為期{years}年",
     "{thing}联同{partner}推动{domain}发展，为期{years}年"),
]
ZH_SUMMARIES = [
    ("{subject}今日宣佈推出{adj}{domain}{thing}，支援{audience}，已收到{n2}份申請。",
     "{subject}今日宣布推出{adj}{domain}{thing}，支援{audience}，已收到{n2}份申请。"),
    ("位於{place}的{adj}{domain}{thing}將於{years}年內支援{n}家公司，每家最高資助{money}百萬港元。",
     "位于{place}的{adj}{domain}{thing}将于{years}年内支援{n}家公司，每家最高资助{money}百万港元。"),
    ("{subject}與{partner}合作的{domain}{thing}將於{month}月開幕，預計吸引{people}人次參與。",
     "{subject}与{partner}合作的{domain}{thing}将于{month}月开幕，预计吸引{people}人次参与。"),
]
ZH_CAPTIONS = [
    ("{person}在{thing}啟動儀式上致歡迎辭。", "{person}在{thing}启动仪式上致欢迎辞。",
     "{person}在台上發言", "{person}在台上发言"),
    ("嘉賓參觀位於{place}的{domain}{thing}。", "嘉宾参观位于{place}的{domain}{thing}。",
     "一群嘉賓在明亮的展覽廳內參觀", "一群嘉宾在明亮的展览厅内参观"),
    ("創辦人向評審團介紹其{domain}項目。", "创办人向评审团介绍其{domain}项目。",
     "年輕創辦人向評審團講解簡報", "年轻创办人向评审团讲解简报"),
    ("{person}（中）與嘉賓主持開幕儀式。", "{person}（中）与嘉宾主持开幕仪式。",
     "嘉賓在台上主持儀式", "嘉宾在台上主持仪式"),
    ("參觀者體驗{domain}示範。", "参观者体验{domain}示范。",
     "參觀者圍着示範桌", "参观者围着示范桌"),
    ("{partner}代表與香港科技園公司簽署協議。", "{partner}代表与香港科技园公司签署协议。",
     "兩人在桌前簽署文件", "两人在桌前签署文件"),
    ("講者討論{domain}在香港的未來。", "讲者讨论{domain}在香港的未来。",
     "四位講者在台上對談", "四位讲者在台上对谈"),
    ("{place}的新設施準備迎接首批租戶。", "{place}的新设施准备迎接首批租户。",
     "明亮的實驗室內設有工作台及儀器", "明亮的实验室内设有工作台及仪器"),
]
ZH_CREDIT = ("香港科技園公司（基準測試生成圖片）", "香港科技园公司（基准测试生成图片）")
LANGS = ("zh-hant", "zh-hans")


# ---------------------------------------------------------------------------

def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def slugify(text: str, words: int = 7) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words])


class _Topic:
    """One release's choices: its title parts and the numbers its text quotes."""

    _RANDOM_PAIRS = (("benefit", BENEFITS), ("sector", SECTORS), ("activity", ACTIVITIES))

    def __init__(self, parts: dict, numbers: dict, rng: random.Random):
        self.parts = parts  # slot -> (en, zh-hant, zh-hans)
        self.rng = rng
        self.values = {}  # lang -> the slots that stay fixed for the release
        for column, lang in enumerate(("en", *LANGS)):
            values = {key: value[column] for key, value in parts.items()}
            values.update(numbers)
            values["month"] = numbers["month_number"]
            self.values[lang] = values
        adj = parts["adj"][0]
        self.values["en"].update(
            thing_l=parts["thing"][0].lower(),
            adj_l=adj.lower(),
            a_adj=("an " if adj[0] in "AEIOU" else "a ") + adj.lower(),
            partner_l=parts["partner"][0].lower(),
            audience_l=parts["audience"][0].lower(),
            month=MONTHS[int(numbers["month_number"]) - 1],
        )

    def fill(self, template: str, lang: str = "en") -> str:
        values = self.values[lang]
        if lang == "en":
            # Benefits, sectors and activities vary from sentence to sentence.
            for name, bank in self._RANDOM_PAIRS:
                if "{" + name in template:
                    values = {**values, **dict(zip((name, name + "2"), self.rng.sample(bank, 2)))}
        return template.format(**values)


@dataclass
class Photo:
    file: str
    pool_index: int
    caption: dict  # lang -> text
    alt: dict
    credit: dict


@dataclass
class Release:
    index: int
    slug: str
    year: int
    date: str
    category: str
    tags: list
    title: dict  # lang -> text
    subtitle: dict
    summary: dict
    body: dict  # lang -> Markdown
    photos: list = field(default_factory=list)
    updates: list = field(default_factory=list)  # [(date, note)] (English only)
    languages: tuple = ("en",)

    @property
    def folder(self) -> str:
        return f"releases/{self.year}/{self.slug}"

    def files(self) -> dict[str, str]:
        """File name in the bundle -> text."""
        return {("index.md" if lang == "en" else f"index.{lang}.md"): self.markdown(lang)
                for lang in self.languages}

    def markdown(self, lang: str = "en") -> str:
        lines = ["---",
                 f"title: {yaml_text(self.title[lang])}",
                 f"subtitle: {yaml_text(self.subtitle[lang])}",
                 f"date: {self.date}",
                 f"category: {self.category}"]
        if lang != "en":
            lines.append(f"lang: {lang}")
        lines.append(f"summary: {yaml_text(self.summary[lang])}")
        if self.tags:
            lines.append("tags:")
            lines += [f"  - {tag}" for tag in self.tags]
        if self.photos:
            lines.append("photos:")
            for photo in self.photos:
                lines += [f"  - file: {photo.file}",
                          f"    caption: {yaml_text(photo.caption[lang])}",
                          f"    alt: {yaml_text(photo.alt[lang])}",
                          f"    credit: {yaml_text(photo.credit[lang])}"]
        lines += ["contacts:", "  - hkstp-media", "about: hkstp"]
        if self.updates and lang == "en":
            lines.append("updates:")
            for date, note in self.updates:
                lines += [f"  - date: {date}", f"    note: {yaml_text(note)}"]
        lines.append("---")
        return "\n".join(lines) + "\n\n" + self.body[lang] + "\n"


_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"\S*\w\S*")  # a run of non-space holding a letter or digit


def _word_count(markdown_text: str) -> int:
    """Words as a reader counts them: link targets and markup (##, -) are not words."""
    return len(_WORD.findall(_LINK_TARGET.sub(" ", markdown_text)))


class Corpus:
    """Releases 0, 1, 2, … of one seed; uniqueness is kept across them in order."""

    def __init__(self, seed: int = 1, photos: bool = True):
        self.seed = seed
        self.with_photos = photos
        # What is taken, per field and language: each must be unique in the corpus.
        self._taken = {name: {lang: set() for lang in ("en", *LANGS)}
                       for name in ("title", "subtitle", "summary")}
        self._taken_slugs: set = set()
        self._made = 0

    def releases(self, count: int):
        for index in range(count):
            yield self.release(index)

    def release(self, index: int) -> Release:
        """Release `index`; releases are made in order (0, 1, …), each once."""
        assert index == self._made, "releases are made in order"
        self._made += 1
        rng = random.Random(f"press-room-corpus/{self.seed}/{index}")
        translated = rng.random() < TRANSLATED_SHARE
        languages = ("en", *LANGS) if translated else ("en",)

        # Title: a combination not used before (~10^8 of them).
        for _ in range(1000):
            parts = {
                "subject": rng.choice(SUBJECTS), "verb": rng.choice(VERBS),
                "adj": rng.choice(ADJECTIVES), "domain": rng.choice(DOMAINS),
                "thing": rng.choice(THINGS), "purpose": rng.choice(PURPOSES),
                "audience": rng.choice(AUDIENCES), "place": rng.choice(PLACES),
                "partner": rng.choice(PARTNERS),
            }
            tail = rng.choice(("purpose", "audience", "place", "partner", None))
            title = {lang: self._title(parts, tail, lang) for lang in ("en", *LANGS)}
            if self._free("title", title, languages):
                break
        else:
            raise RuntimeError("title banks exhausted")
        self._take("title", title, languages)

        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        when = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        date = f"{when:%Y-%m-%d} {rng.randint(8, 19):02d}:{rng.randrange(0, 60, 5):02d} +08:00"
        numbers = {
            "n": str(rng.randint(12, 180)), "n2": str(rng.randint(20, 400)),
            "money": str(rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 12))),
            "money2": str(rng.randint(2, 40)), "years": str(rng.randint(2, 5)),
            "area": f"{rng.randrange(800, 30000, 100):,}", "people": f"{rng.randrange(500, 20000, 100):,}",
            "days": str(rng.randint(2, 4)), "panel": str(rng.randint(5, 15)),
            "months": str(rng.choice((3, 6, 9, 12, 18, 24))),
            "year_past": str(rng.randint(2002, max(2003, year - 1))),
            "month_number": str(rng.randint(1, 12)),
        }
        topic = _Topic(parts, numbers, rng)

        subtitle = self._unique("subtitle", languages, index, lambda: {
            "en": topic.fill(rng.choice(SUBTITLES)),
            **dict(zip(LANGS, (topic.fill(t, lang) for t, lang in zip(rng.choice(ZH_SUBTITLES), LANGS))))})
        summary = self._unique("summary", languages, index, lambda: {
            "en": topic.fill(rng.choice(SUMMARIES)),
            **dict(zip(LANGS, (topic.fill(t, lang) for t, lang in zip(rng.choice(ZH_SUMMARIES), LANGS))))})

        slug = slugify(title["en"])
        if slug in self._taken_slugs:  # unique across all years: Pelican pairs by slug
            number = 2
            while f"{slug}-{number}" in self._taken_slugs:
                number += 1
            slug = f"{slug}-{number}"
        self._taken_slugs.add(slug)

        category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
        tag_count = rng.choices((1, 2, 3, 4, 5), (15, 25, 30, 20, 10))[0]
        tags = []
        while len(tags) < tag_count:
            tag = rng.choices(TAGS, TAG_WEIGHTS)[0]
            if tag not in tags:
                tags.append(tag)

        body = {"en": self._english_body(topic, rng)}
        if translated:
            body.update(self._chinese_bodies(topic, rng))

        photos = []
        if self.with_photos:
            count = rng.choices(range(7), PHOTO_COUNT_WEIGHTS)[0]
            for number, pool_index in enumerate(rng.sample(range(POOL_SIZE), count), start=1):
                photos.append(self._photo(number, pool_index, topic, rng))

        updates = []
        if rng.random() < 0.03:
            later = dt.datetime.strptime(date[:16], "%Y-%m-%d %H:%M") + dt.timedelta(
                days=rng.randint(1, 20), hours=rng.randint(0, 8))
            updates.append((f"{later:%Y-%m-%d %H:%M} +08:00",
                            rng.choice(("Corrected the number of participating companies.",
                                        "Added the application deadline.",
                                        "Corrected a speaker's title."))))

        return Release(index=index, slug=slug, year=year, date=date, category=category,
                       tags=tags, title=title, subtitle=subtitle, summary=summary, body=body,
                       photos=photos, updates=updates, languages=languages)

    @staticmethod
    def _title(parts, tail, lang) -> str:
        column = {"en": 0, "zh-hant": 1, "zh-hans": 2}[lang]
        p = {key: value[column] for key, value in parts.items()}
        if lang == "en":
            text = f"{p['subject']} {p['verb']} {p['adj']} {p['domain']} {p['thing']}"
            text += {"purpose": f" to {p['purpose']}", "audience": f" for {p['audience']}",
                     "place": f" in {p['place']}", "partner": f" with {p['partner']}",
                     None: ""}[tail]
            return text
        text = f"{p['subject']}{p['verb']}{p['adj']}{p['domain']}{p['thing']}"
        text += {"purpose": f"，{p['purpose']}", "audience": f"，支援{p['audience']}",
                 "place": f"（{p['place']}）", "partner": f"，夥拍{p['partner']}"
                 if lang == "zh-hant" else f"，伙拍{p['partner']}", None: ""}[tail]
        return text

    def _free(self, name, value: dict, languages) -> bool:
        return all(value[lang] not in self._taken[name][lang] for lang in languages)

    def _take(self, name, value: dict, languages) -> None:
        for lang in languages:
            self._taken[name][lang].add(value[lang])

    def _unique(self, name, languages, index, make) -> dict:
        for _ in range(100):
            value = make()
            if self._free(name, value, languages):
                break
        else:  # practically never: the banks give far more combinations
            value = {lang: f"{text} (No. {index + 1})" for lang, text in value.items()}
        self._take(name, value, languages)
        return value

    def _english_body(self, topic: _Topic, rng) -> str:
        target = rng.randint(WORDS[0] + 10, WORDS[1] - 40)
        sections = rng.randint(2, 4)
        list_section = rng.randrange(sections)
        quote_section = rng.randrange(sections)
        links = rng.sample(LINKS, rng.randint(1, 3))

        deck = []  # sentence templates, shuffled: no repeats until all are used

        def sentence():
            if not deck:
                deck.extend(rng.sample(SENTENCES, len(SENTENCES)))
            return topic.fill(deck.pop())

        def sentences(count):
            return [sentence() for _ in range(count)]

        lead = [topic.fill("{subject} today " + rng.choice((
            "announced", "unveiled", "launched", "celebrated")) + " {a_adj} {domain} {thing_l}, "
            "which will {benefit}.")] + sentences(rng.randint(1, 2))
        blocks: list[list] = [["p", lead]]  # ["p", sentences] | ["h", text] | ["ul", ...]
        headings = rng.sample(HEADINGS, sections)
        link_blocks = []
        for number in range(sections):
            blocks.append(["h", topic.fill(headings[number], "en")])
            paragraph = ["p", sentences(rng.randint(2, 3))]
            blocks.append(paragraph)
            link_blocks.append(paragraph)
            if number == list_section:
                blocks.append(["p", [topic.fill(rng.choice(LIST_INTROS))]])
                items = rng.sample(LIST_ITEMS, rng.randint(3, 6))
                blocks.append(["ul", [topic.fill(item) for item in items]])
            if number == quote_section:
                name, role, *_ = rng.choice(PEOPLE)
                quote = " ".join(topic.fill(q) for q in rng.sample(QUOTES, rng.randint(2, 3)))
                blocks.append(["q", f"{name}, {role}, said: “{quote}”"])
        for text, url in links:
            paragraph = rng.choice(link_blocks)
            paragraph[1].append(rng.choice(LINK_SENTENCES).format(text=text, url=url))

        def render():
            out = []
            for kind, value in blocks:
                if kind == "p":
                    out.append(" ".join(value))
                elif kind == "h":
                    out.append(f"## {value}")
                elif kind == "ul":
                    out.append("\n".join(f"- {item[0].upper()}{item[1:]}" for item in value))
                else:
                    out.append(value)
            return "\n\n".join(out)

        # Grow the paragraphs after the lead (a new one every 4–6 sentences) to the target.
        paragraphs = [block for block in blocks[1:] if block[0] == "p" and len(block[1]) > 1]
        words = _word_count(render())
        while words < target:
            paragraph = rng.choice(paragraphs)
            if len(paragraph[1]) >= rng.randint(4, 6):
                new = ["p", []]
                blocks.insert(blocks.index(paragraph) + 1, new)
                paragraphs.append(new)
                paragraph = new
            added = sentence()
            paragraph[1].append(added)
            words += _word_count(added)
        return render()

    def _chinese_bodies(self, topic: _Topic, rng) -> dict:
        """Both scripts from the same choices: the Simplified text mirrors the Traditional."""
        deck = []

        def sentences(count):
            chosen = []
            for _ in range(count):
                if not deck:
                    deck.extend(rng.sample(range(len(ZH_SENTENCES)), len(ZH_SENTENCES)))
                chosen.append(deck.pop())
            return chosen

        plan = []  # (kind, [pair indices] or pair index)
        plan.append(("p", sentences(3)))
        for heading in rng.sample(range(len(ZH_HEADINGS)), rng.randint(2, 4)):
            plan.append(("h", heading))
            for _ in range(rng.randint(1, 2)):
                plan.append(("p", sentences(rng.randint(3, 5))))
        plan.insert(2, ("intro", rng.randrange(len(ZH_LIST_INTROS))))
        plan.insert(3, ("ul", rng.sample(range(len(ZH_LIST_ITEMS)), rng.randint(3, 5))))
        person = rng.randrange(len(PEOPLE))
        plan.append(("q", rng.sample(range(len(ZH_QUOTES)), 2)))
        plan.append(("link", rng.randrange(len(ZH_LINK_SENTENCES))))
        bodies = {}
        for column, lang in enumerate(LANGS):
            out = []
            for kind, value in plan:
                if kind == "p":
                    out.append("".join(topic.fill(ZH_SENTENCES[i][column], lang) for i in value))
                elif kind == "h":
                    out.append("## " + topic.fill(ZH_HEADINGS[value][column], lang))
                elif kind == "intro":
                    out.append(topic.fill(ZH_LIST_INTROS[value][column], lang))
                elif kind == "ul":
                    out.append("\n".join("- " + topic.fill(ZH_LIST_ITEMS[i][column], lang)
                                         for i in value))
                elif kind == "q":
                    quote = "".join(topic.fill(ZH_QUOTES[i][column], lang) for i in value)
                    out.append(f"{PEOPLE[person][2 + column]}表示：「{quote}」")
                else:
                    out.append(ZH_LINK_SENTENCES[value][column])
            bodies[lang] = "\n\n".join(out)
        return bodies

    def _photo(self, number, pool_index, topic: _Topic, rng) -> Photo:
        person, role, zh_hant_person, zh_hans_person = rng.choice(PEOPLE)
        kind = rng.randrange(len(CAPTIONS))
        caption_en, alt_en = CAPTIONS[kind]
        caption = {"en": topic.fill(caption_en.replace("{person}", person).replace("{role}", role))}
        alt = {"en": alt_en.replace("{person}", person)}
        credit = {"en": rng.choice(CREDITS)}
        for column, (lang, zh_person) in enumerate(zip(LANGS, (zh_hant_person, zh_hans_person))):
            zh = ZH_CAPTIONS[kind]
            caption[lang] = topic.fill(zh[column].replace("{person}", zh_person), lang)
            alt[lang] = zh[2 + column].replace("{person}", zh_person)
            credit[lang] = ZH_CREDIT[column]
        return Photo(file=f"photo-{number}.jpg", pool_index=pool_index, caption=caption,
                     alt=alt, credit=credit)


# ---------------------------------------------------------------------------
# Photos: camera-size JPEGs that make encoders work as a real photo does.

def pool_photo(path: Path, seed: int, number: int) -> None:
    """A 4000×3000 photo-like JPEG: soft colour fields, blurred shapes, grain.

    All randomness comes from `random.Random` (Pillow's effect_noise uses the
    C library's rand(), which is not ours to seed), so the bytes are the same
    on every run with the same Pillow.
    """
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(f"press-room-corpus/{seed}/photo/{number}")
    width, height = PHOTO_SIZE
    fields = Image.frombytes("RGB", (16, 12), rng.randbytes(16 * 12 * 3))
    base = fields.resize((width, height), Image.Resampling.BICUBIC)
    tint = Image.new("RGB", (width, height), tuple(rng.randrange(40, 200) for _ in range(3)))
    image = Image.blend(base, tint, 0.5)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(25, 45)):  # people, furniture, screens
        x, y = rng.randrange(width), rng.randrange(height // 3, height)
        w, h = rng.randrange(80, 700), rng.randrange(150, 1200)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        else:
            draw.rectangle((x, y, x + w, y + h), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(4))
    texture = Image.frombytes("RGB", (500, 375), rng.randbytes(500 * 375 * 3)).resize(
        (width, height), Image.Resampling.BICUBIC)
    image = Image.blend(image, texture, 0.15)
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    image = Image.blend(image, grain, 0.06)
    image.save(path, "JPEG", quality=90)


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def corpus_site_data() -> str:
    """The repository's site.yml with the corpus's 5 categories."""
    text = SITE_DATA.read_text(encoding="utf-8")
    match = re.search(r"^categories:\n((?:  - .*\n)+)", text, re.MULTILINE)
    if not match:
        raise SystemExit(f"{SITE_DATA}: no `categories:` block to extend")
    present = re.findall(r"^  - (.*)$", match.group(1), re.MULTILINE)
    extra = "".join(f"  - {name}\n" for name in CATEGORIES if name not in present)
    return text[:match.end()] + extra + text[match.end():]


def write_release(release: Release, out: Path, pool: Path | None) -> None:
    folder = out / release.folder
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in release.files().items():
        (folder / name).write_text(text, encoding="utf-8")
    for photo in release.photos:
        target = folder / photo.file
        if not target.exists():
            link_or_copy(pool / f"pool-{photo.pool_index + 1}.jpg", target)


def make_pool(out: Path, seed: int) -> Path:
    pool = out / "_photo-pool"
    pool.mkdir(parents=True, exist_ok=True)
    for number in range(POOL_SIZE):
        path = pool / f"pool-{number + 1}.jpg"
        if not path.exists():
            partial = path.with_suffix(".part")
            pool_photo(partial, seed, number)
            partial.replace(path)
    return pool


def generate(count: int, out: Path, seed: int = 1, photos: bool = True, extra: int = 0) -> dict:
    """Write the corpus; returns counts for a report.

    `extra` more releases (the next ones of the same seed) go to DIR/_extra/
    releases/…, outside what Pelican reads: a benchmark adds them one by one."""
    out = Path(out)
    if (out / "releases").exists():
        raise SystemExit(f"{out}/releases already exists: choose an empty folder")
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "data/site.yml").write_text(corpus_site_data(), encoding="utf-8")
    (out / "images").mkdir(exist_ok=True)
    shutil.copyfile(LOGO, out / "images/logo.svg")
    pool = make_pool(out, seed) if photos else None
    stats = {"releases": 0, "translated": 0, "photos": 0, "words": 0}
    extras = []
    for release in Corpus(seed, photos).releases(count + extra):
        if release.index >= count:
            write_release(release, out / "_extra", pool)
            extras.append(release.folder + "\n")
            continue
        write_release(release, out, pool)
        stats["releases"] += 1
        stats["translated"] += len(release.languages) > 1
        stats["photos"] += len(release.photos)
        stats["words"] += _word_count(release.body["en"])
    if extras:  # in the order they follow the corpus
        (out / "_extra/releases.txt").write_text("".join(extras), encoding="utf-8")
    return stats


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True, help="number of releases")
    parser.add_argument("--out", type=Path, required=True, help="content folder to create")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-photos", action="store_true", help="text only: no photos at all")
    parser.add_argument("--extra", type=int, default=0,
                        help="also write the next K releases under DIR/_extra/ (not built)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    stats = generate(args.count, args.out, args.seed, photos=not args.no_photos,
                     extra=args.extra)
    print(f"{args.out}: {stats['releases']} releases ({stats['translated']} translated), "
          f"{stats['photos']} photos, {stats['words'] / max(1, stats['releases']):.0f} words "
          f"each on average; {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
