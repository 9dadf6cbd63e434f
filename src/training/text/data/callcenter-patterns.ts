// Our own hand-written call-center lexicon: phrases that, in a bank's inbound calls, speak for one
// of the caller emotions (anger = a repeated failure or an escalation threat, anxiety = a question
// about money or time, fraud, a lost card; disappointment = a broken expectation). Written for this
// project (Apache-2.0), from the bank manual in the domain notes and ordinary contact-center
// experience — no third-party text. Patterns run on lower-cased, Simplified, NFKC text.
// Training copies this list into models/text-emotion.json; edit here, then retrain.

import type { CuePatternSpec } from '../../../text/emotion/cue-patterns.js';

const EN_ORDINAL = '(?:second|third|fourth|fifth|sixth|tenth|umpteenth|hundredth|\\d+(?:st|nd|rd|th))';
const EN_MONEY = '(?:refund|money|payment|transfer|funds|salary|wages|pension|deposit|cash|chargeback|reimbursement|compensation)';

export const CALLCENTER_PATTERNS: CuePatternSpec[] = [
  // ── English: anger ────────────────────────────────────────────────────────────────────────
  { id: 'en.repeat-contact', language: 'en', label: 'anger', pattern: `\\b${EN_ORDINAL} (?:time|call)\\b|\\b(?:called|calling|rung|rang|phoned|phoning)\\b.{0,25}\\b(?:times|again|already|every day|all week|twice)\\b|\\bhow many times\\b`, strong: true },
  { id: 'en.again', language: 'en', label: 'anger', pattern: '\\b(?:yet again|once again|again and again|over and over|every single time|every time i call|keep(?:s)? (?:telling|saying|transferring|passing|putting|promising|asking))\\b' },
  { id: 'en.complaint', language: 'en', label: 'anger', pattern: '\\b(?:complaint|complain(?:ing)?|escalate|escalated|escalating)\\b', strong: true },
  { id: 'en.manager', language: 'en', label: 'anger', pattern: '\\b(?:speak|talk|put me through|transfer me|get me)\\b.{0,12}\\b(?:manager|supervisor|boss|someone senior|someone in charge|somebody in charge)\\b', strong: true },
  { id: 'en.regulator', language: 'en', label: 'anger', pattern: '\\b(?:ombudsman|regulator|fca|cfpb|hkma|financial conduct authority|trading standards|the press|newspapers?|my lawyer|solicitor|attorney|sue you|legal action|take you to court|social media)\\b', strong: true },
  { id: 'en.leave-bank', language: 'en', label: 'anger', pattern: '\\b(?:close|closing|shut) (?:my|all my|all of my) accounts?\\b|\\btake my (?:money|business|custom) elsewhere\\b|\\bswitch(?:ing)? banks?\\b|\\bpull(?:ing)? (?:all )?my money\\b', strong: true },
  { id: 'en.on-hold', language: 'en', label: 'anger', pattern: '\\b(?:on hold|waiting|waited|queuing|queued)\\b.{0,15}\\b(?:an hour|hours|\\d+ minutes|forty|fifty|ages|forever)\\b' },
  { id: 'en.outrage', language: 'en', label: 'anger', pattern: '\\b(?:unacceptable|ridiculous|outrageous|disgraceful|disgusting|a joke|absurd|pathetic|incompetent|useless|rubbish|shambles|appalling|a disgrace|insane)\\b' },
  { id: 'en.nobody-helps', language: 'en', label: 'anger', pattern: "\\b(?:nobody|no one|no-one)\\b.{0,15}\\b(?:calls?|called|rings?|gets?|got|listens?|helps?|cares?|bothered|answers?)\\b|\\bnever (?:call|rang|rung|got) (?:me )?back\\b" },
  { id: 'en.fed-up', language: 'en', label: 'anger', pattern: "\\b(?:sick and tired|sick of|fed up|had enough|enough is enough|i'm done with|are you even listening|do your job|what is wrong with you|don't tell me to calm down)\\b", strong: true },
  { id: 'en.anger-word', language: 'en', label: 'anger', pattern: '\\b(?:angry|furious|livid|pissed(?: off)?|fuming|outraged|mad at|annoyed|irritated|infuriat\\w*|frustrat\\w*)\\b', strong: true, names: true },
  // Customer-support chat wording (a complaint written or spoken to a helpdesk, not a Reddit post).
  { id: 'en.repeat-explain', language: 'en', label: 'anger', pattern: '\\b(?:explained|told (?:you|them|your \\w+)|said|asked|reported|raised|sent)\\b.{0,30}\\b(?:twice|three times|four times|\\d+ times|several times|multiple times|many times|so many times|over and over)\\b', strong: true },
  { id: 'en.still-broken', language: 'en', label: 'anger', pattern: "\\bstill\\b.{0,20}\\b(?:not (?:working|fixed|resolved|sorted|done)|isn't (?:working|fixed|resolved|sorted)|hasn't been (?:fixed|resolved|sorted)|broken|no (?:response|reply|answer|update)|nothing)\\b|\\bnothing has (?:been done|changed|happened)\\b|\\b(?:no one|nobody) (?:has )?(?:got|gotten|come|gone) back\\b|\\bnever (?:heard|got an answer) back\\b" },
  { id: 'en.worst', language: 'en', label: 'anger', pattern: '\\b(?:worst (?:service|bank|company|experience|customer service|support)|(?:terrible|horrible|awful|poor|bad|shocking|lousy) (?:customer )?(?:service|support|experience))\\b', strong: true },
  { id: 'en.money-back', language: 'en', label: 'anger', pattern: '\\b(?:want|demand|need|expect) (?:my money back|a full refund|my refund now)\\b|\\bcancel (?:my|the) (?:account|card|subscription|contract|membership)\\b' },
  { id: 'en.passed-around', language: 'en', label: 'anger', pattern: '\\b(?:hung up on me|cut me off|disconnected me|transferred (?:me )?(?:again|around|\\w+ times)|passed (?:me )?(?:around|from)|bounced (?:me )?around|no one (?:ever )?(?:answers|picks up))\\b', strong: true },
  { id: 'en.profanity', language: 'en', label: 'anger', pattern: '\\b(?:wtf|wth|bullshit|crap|damn it|screw (?:you|this)|shit|fuck\\w*|the hell)\\b' },
  { id: 'en.threat-review', language: 'en', label: 'anger', pattern: "\\b(?:(?:bad|negative|1[- ]star|one[- ]star) review|report you|tell everyone|never (?:use|using|bank with|shop with|fly with) you again|you(?:'ve| have) lost (?:a|my) (?:customer|business))\\b", strong: true },
  // ── English: anxiety ──────────────────────────────────────────────────────────────────────
  { id: 'en.when-money', language: 'en', label: 'anxiety', pattern: `\\b(?:when|how long|how soon|by when|what time)\\b.{0,40}\\b(?:${EN_MONEY}|arrive|come through|clear|land|get (?:it|my money) back)\\b` },
  { id: 'en.money-safe', language: 'en', label: 'anxiety', pattern: '\\b(?:is|are) my (?:money|savings|funds|account|accounts|card|details|deposit)\\b.{0,15}\\b(?:safe|secure|ok|okay|protected|gone|at risk)\\b|\\bwill i lose\\b|\\bam i going to lose\\b' },
  { id: 'en.unauthorised', language: 'en', label: 'anxiety', pattern: "\\b(?:someone|somebody|a stranger|they)\\b.{0,25}\\b(?:took|taken|stole|stolen|withdrew|withdrawn|used my|charged|hacked|accessed|emptied)\\b|\\b(?:didn't|did not|never) (?:make|made|authori[sz]e|authori[sz]ed|recogni[sz]e|spend|spent|agree to)\\b|\\b(?:it )?(?:wasn't|was not|isn't) me\\b|\\b(?:don't|do not) recogni[sz]e\\b", negatable: false, strong: true },
  { id: 'en.fraud', language: 'en', label: 'anxiety', pattern: '\\b(?:unauthori[sz]ed|fraudulent|fraud|scam|scammed|scammer|phishing|hacked|identity theft|cloned)\\b', strong: true },
  { id: 'en.lost-card', language: 'en', label: 'anxiety', pattern: "\\b(?:lost|can't find|cannot find|misplaced|dropped) (?:my )?(?:card|wallet|purse|phone|cheque ?book|bag)\\b|\\bmy (?:card|wallet|purse|phone|bag) (?:was|got|has been|is|'s been) (?:lost|stolen|missing|gone|taken)\\b|\\b(?:stolen|missing) (?:card|wallet|purse)\\b", negatable: false, strong: true },
  { id: 'en.money-missing', language: 'en', label: 'anxiety', pattern: `\\b(?:${EN_MONEY}|balance)\\b.{0,25}\\b(?:missing|gone|disappeared|vanished|hasn't arrived|has not arrived|hasn't come|didn't arrive|not arrived|never arrived|bounced|stuck|still pending|hasn't gone|not showing|hasn't shown up|not shown up|hasn't landed|hasn't cleared|not there|nothing there)\\b`, negatable: false, strong: true },
  { id: 'en.urgent', language: 'en', label: 'anxiety', pattern: '\\b(?:urgent(?:ly)?|asap|emergency|rent is due|mortgage (?:payment|is due)|bills? (?:are|is) due|need (?:it|the money|this|that money) (?:by|before|today|tomorrow|now))\\b' },
  { id: 'en.what-if', language: 'en', label: 'anxiety', pattern: "\\b(?:what happens if|what if|what do i do|what should i do|is that normal|should i be worried|am i in trouble|can they take)\\b" },
  { id: 'en.debt', language: 'en', label: 'anxiety', pattern: "\\b(?:overdrawn|overdraft|debt collectors?|repossess\\w*|bailiffs?|can't pay|cannot pay|credit (?:score|rating) (?:will|would|is going to|be) (?:hit|affected|ruined))\\b" },
  { id: 'en.worry-word', language: 'en', label: 'anxiety', pattern: '\\b(?:worried|worrying|anxious|scared|nervous|panick?(?:ing|ed)?|afraid|terrified|stressed|freaking out|concerned|frightened)\\b', names: true },
  // ── English: disappointment ───────────────────────────────────────────────────────────────
  { id: 'en.expected', language: 'en', label: 'disappointment', pattern: "\\b(?:expected (?:better|more)|not what i expected|i thought (?:you|it) would|i'd hoped|i had hoped|i was hoping|i was counting on)\\b" },
  { id: 'en.let-down', language: 'en', label: 'disappointment', pattern: '\\b(?:let (?:me )?down|letdown|disappoint\\w*|gutted|heartbroken|disheartened|deflated)\\b', strong: true, names: true },
  { id: 'en.loyalty', language: 'en', label: 'disappointment', pattern: '\\b(?:been (?:a |your )?(?:loyal )?(?:customer|client|member) (?:for|since)|banked with you (?:for|since)|this is how you treat|(?:\\d+|ten|fifteen|twenty|thirty|forty) years)\\b' },
  { id: 'en.broken-promise', language: 'en', label: 'disappointment', pattern: "\\b(?:you (?:said|promised|told me|assured me)|i was (?:told|promised|assured)|supposed to (?:have|be)|you never (?:did|came through))\\b" },
  { id: 'en.shame', language: 'en', label: 'disappointment', pattern: "\\b(?:such a shame|what a shame|a real shame|a pity|too bad|shame on you|sadly|unfortunately|oh well|i give up|no point|pointless|waste of (?:my )?time|what's the point)\\b" },
  { id: 'en.declined-hope', language: 'en', label: 'disappointment', pattern: "\\b(?:used to be (?:good|great|better)|gone downhill|not the bank (?:it|you) used to be|i trusted you|i can't believe you|lost (?:all )?faith|losing faith)\\b" },
  // ── English: neutral (calm closers; help the model not to alarm on thanks) ──────────────────
  { id: 'en.thanks', language: 'en', label: 'neutral', pattern: "\\b(?:thanks? (?:you|so much|a lot)|thank you|cheers|appreciate (?:it|that|your help)|that's (?:fine|great|perfect|brilliant|lovely)|no worries|no problem)\\b" },

  // ── Chinese: anger ───────────────────────────────────────────────────────────────────────
  { id: 'zh.repeat-contact', language: 'zh', label: 'anger', pattern: '第[二三四五六七八九十几两0-9]+次|[好很]多次|好几次|多少次|多少遍|无数次|三番[两五]次|一次又一次|一遍又一遍|每次都|又[打来]|[打问说讲]了[好几两三四五0-9]+[次遍]|几次三番', strong: true },
  { id: 'zh.complaint', language: 'zh', label: 'anger', pattern: '投诉|举报|曝光|告你们|起诉|打官司|找律师|(?:找|向|去|告诉|打给|联系|报给)(?:银保监|银监|金管局|监管|消协|消费者协会|12378|媒体|记者|报社|警察)', strong: true },
  { id: 'zh.manager', language: 'zh', label: 'anger', pattern: '(?:叫|找|让|请|换|要)(?:你们的?)?(?:经理|主管|领导|负责人|上级|上司)|(?:经理|主管|领导|负责人)(?:来|出来|接电话|跟我说)', strong: true },
  { id: 'zh.outrage', language: 'zh', label: 'anger', pattern: '凭什么|什么态度|搞什么|有没有搞错|搞错没有|太过分|过分了|岂有此理|受够了|忍无可忍|不像话|离谱|垃圾|骗子|坑人|欺负人|欺人太甚|敷衍|踢皮球|推来推去|推卸|推诿|不讲理|霸王条款|乱扣|乱收', strong: true },
  { id: 'zh.nobody-helps', language: 'zh', label: 'anger', pattern: '没人管|没人理|没人回|没有人管|没有人理|不理人|不接电话|一直在等|等了半天|等了[很好]久|等了[一二两三四五六七八九十0-9半]+个?(?:小时|钟|天|分钟|星期|礼拜|月)' },
  { id: 'zh.leave-bank', language: 'zh', label: 'anger', pattern: '销户|注销(?:账户|银行卡|卡)|换[一]?家银行|把钱(?:全部|都)?(?:取出来|转走)|再也不用你们', strong: true },
  { id: 'zh.anger-word', language: 'zh', label: 'anger', pattern: '生气|愤怒|气死|火大|恼火|不满|气愤|发火|恼怒|窝火|嬲|激气|烦死', strong: true, names: true },
  { id: 'zh.cantonese-anger', language: 'zh', label: 'anger', pattern: '搞乜|搞咩|点解又|成日都|冇人理|投诉你哋|你哋搞', strong: true },
  // ── Chinese: anxiety ─────────────────────────────────────────────────────────────────────
  { id: 'zh.when-money', language: 'zh', label: 'anxiety', pattern: '(?:什么时候|多久|几时|何时|多长时间|几天|哪天|几耐|怎么还没|为什么还没|还没|还不)[^，。？！,?!]{0,8}(?:到账|到|退|返还|退款|回来|入账|放款|转回|处理好|解决|批)' },
  { id: 'zh.money-safe', language: 'zh', label: 'anxiety', pattern: '(?:钱|存款|账户|卡|资金|积蓄)[^，。？！,?!]{0,6}(?:安全吗|还安全|没了|不见了|丢了|还在吗|会不会有事|没事吧|不会有事吧)' },
  { id: 'zh.fraud', language: 'zh', label: 'anxiety', pattern: '盗刷|被盗|被骗|诈骗|骗局|可疑|陌生(?:交易|号码|人)|钓鱼|验证码|被人(?:转走|刷|用|复制|盗)|被复制|泄露|泄漏', strong: true },
  { id: 'zh.not-me', language: 'zh', label: 'anxiety', pattern: '不是我(?:本人)?(?:操作|刷|转|消费|买|取)|莫名其妙[^，。？！,?!]{0,4}(?:扣|少|多了)|钱少了|少了[0-9一二两三四五六七八九十百千万]+|被扣(?:钱|款)', negatable: false, strong: true },
  { id: 'zh.lost-card', language: 'zh', label: 'anxiety', pattern: '挂失|(?:卡|钱包|手机|存折)(?:丢|掉|不见|被偷|被抢|找不到)|丢了(?:卡|钱包|手机)|(?:卡|钱包)唔见|被吞', negatable: false, strong: true },
  { id: 'zh.urgent', language: 'zh', label: 'anxiety', pattern: '着急|急死|急用|急需|急着|马上要|等着用|今天一定要|来不及|救命钱|看病' },
  { id: 'zh.what-if', language: 'zh', label: 'anxiety', pattern: '怎么办|会不会(?:影响|被|扣|冻结)|影响(?:征信|信用)|逾期|罚息|点算|点算好|有没有风险|会有什么后果' },
  { id: 'zh.worry-word', language: 'zh', label: 'anxiety', pattern: '担心|害怕|慌|紧张|焦虑|不安|怕|好惊|惊死|忐忑|心急|提心吊胆|睡不着', names: true },
  // ── Chinese: disappointment ──────────────────────────────────────────────────────────────
  // The caller names the let-down (as en.let-down): unequivocal, so it starts the state on a partial.
  { id: 'zh.let-down', language: 'zh', label: 'disappointment', pattern: '失望|寒心|心寒|灰心|沮丧|心碎', strong: true, names: true },
  // Sadness, regret and sighs: disappointment more often than not, but 「可惜」「唉」 open calm sentences too.
  { id: 'zh.letdown-word', language: 'zh', label: 'disappointment', pattern: '伤心|难过|遗憾|可惜|心凉|无奈|唉|哎', names: true },
  { id: 'zh.expected', language: 'zh', label: 'disappointment', pattern: '没想到|本来以为|原本以为|原以为|还以为|我以为|满心期待|指望|不抱(?:任何)?希望|早知道' },
  { id: 'zh.broken-promise', language: 'zh', label: 'disappointment', pattern: '答应(?:过)?我|说好的|承诺|保证过|说过会|明明说' },
  { id: 'zh.loyalty', language: 'zh', label: 'disappointment', pattern: '老客户|[0-9一二两三四五六七八九十几]+年的?(?:老)?客户|这么多年|多年的?客户|就这样对待|这样对待|信任你们|辜负' },
  { id: 'zh.give-up', language: 'zh', label: 'disappointment', pattern: '算了|无语|白等|白跑|不再相信|大不如前|越来越差|不如以前|一点用都没有|有什么用|没意思|算啦|冇用' },
  // ── Chinese: neutral ─────────────────────────────────────────────────────────────────────
  { id: 'zh.thanks', language: 'zh', label: 'neutral', pattern: '谢谢|感谢|多谢|好的|没问题|明白了|麻烦你|唔该|满意' },
];
