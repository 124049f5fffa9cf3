"""Prompt material: vocabularies, slot fillers, templates, diverse prompt generator.

Prompts are produced directly as lists of normalised tokens (lower case,
no punctuation), which is what the SimHash is computed over.
"""
import math
import random
import re

FUNC = ("the a an of to in for on with and or is are be this that it how what why can you "
        "please i my me we our your from by as at about into which when if not do does should "
        "would could will just also more some any all each than then there here so but").split()

VOCAB = {
    'chat': """hello thanks weekend recipe dinner movie recommend birthday gift friend travel trip
        paris weather advice tired sleep coffee music playlist song book novel favorite funny joke
        story cat dog garden plant workout running diet healthy breakfast ideas party vacation
        summer winter holiday family kids homework game series anime hobby learn guitar piano
        language spanish japanese tips motivation stress relax meditation apartment moving rent
        car cheap best compare phone laptop headphones camping hiking beach museum restaurant
        pizza pasta vegan cake cookies wine tea morning evening routine habit journal podcast
        wedding anniversary neighbor roommate budget save money shopping clothes shoes jacket
        fix leaking sink paint bedroom furniture sofa lamp flight hotel airport visa passport
        concert ticket festival puppy kitten vet allergy headache cold flu doctor appointment
        dentist insurance bank credit score gym yoga swim bike marathon chess puzzle crossword""",
    'coding': """python function error bug fix code class method variable list dict array loop async
        await api endpoint request response json parse string regex sql query database table index
        join postgres mysql react component state hook props typescript javascript node express
        django flask fastapi rust cargo borrow lifetime trait struct enum go goroutine channel
        java spring kotlin swift docker container kubernetes deploy yaml config test unit pytest
        mock refactor performance memory leak thread lock race condition compile build webpack
        vite css html layout flexbox grid git merge rebase branch commit ci pipeline lint type
        annotation generic interface null pointer exception stack trace segfault cpp vector
        template lambda closure iterator generator decorator recursion algorithm complexity sort
        binary search tree graph hashmap cache redis queue kafka websocket auth token jwt oauth
        middleware router schema migration orm pandas numpy dataframe csv import module package
        dependency version upgrade terraform lambda s3 bucket permission cors timeout retry
        logging debug breakpoint profiler benchmark unittest integration fixture serializer""",
    'reasoning': """prove theorem lemma integer prime divisible probability expected value random
        variable dice coin sequence series converge limit derivative integral equation solve
        inequality polynomial roots matrix eigenvalue determinant vector space linear
        combinatorics permutations combinations graph vertices edges coloring puzzle logic knights
        knaves truth liar riddle chess optimal strategy game equilibrium geometry triangle circle
        angle area perimeter radius tangent parallel modular arithmetic remainder gcd lcm
        factorial fibonacci recurrence induction contradiction counterexample minimum maximum
        optimize constraint domain range inverse bijection subset union intersection hypothesis
        deduce infer premise conclusion valid argument fallacy paradox estimate bound asymptotic
        invariant symmetry parity pigeonhole expected number trials urn balls cards deck
        tournament schedule weights scale coins counterfeit bridge crossing river jug water""",
    'writing': """essay blog post article introduction conclusion paragraph rewrite tone formal casual
        persuasive cover letter resume email newsletter marketing copy slogan headline product
        description story poem character plot dialogue scene chapter outline summary abstract
        edit proofread grammar style concise engaging audience brand voice social media caption
        linkedin announcement press release speech toast wedding eulogy bio profile pitch
        proposal grant statement purpose thesis argument hook narrative villain hero fantasy
        mystery romance sci fi setting worldbuilding rhyme verse haiku sonnet lyrics script
        screenplay ad campaign tagline landing page faq onboarding apology thank note invitation""",
    'analysis': """analyze data dataset spreadsheet trend revenue growth quarter churn retention cohort
        metric kpi dashboard forecast regression correlation variance mean median distribution
        outlier survey results customer feedback sentiment market competitor pricing strategy
        swot report findings insights compare chart segment funnel conversion acquisition cost
        margin budget financial statement balance sheet cash flow valuation risk portfolio
        allocation scenario sensitivity assumptions benchmark efficiency utilization capacity
        demand supply inventory logistics headcount hiring attrition engagement nps ab test
        significance sample size confidence interval pivot summary breakdown yoy mom ebitda""",
    'tool_use': """search file read write open directory list run command shell terminal output result
        call tool function get weather lookup fetch url browse page click navigate extract fields
        update record calendar schedule meeting send message slack ticket jira issue create close
        status check inventory order database query row insert patch apply diff grep find replace
        install package execute script screenshot upload download api key config env variable""",
    'vision': """image photo picture screenshot diagram chart describe identify object text ocr read
        handwritten receipt label caption scene color plant bird species handwriting whiteboard
        slide graph table scan document invoice menu sign street map floor plan rash x ray""",
    'other': """translate convert units format table json yaml list categorize classify tag extract
        keywords rename sort alphabetize spell check acronym meaning synonym antonym define word
        pronounce timezone date calculate percentage tip currency exchange recipe scale""",
}
VOCAB = {k: v.split() for k, v in VOCAB.items()}
CATS = ['chat', 'coding', 'reasoning', 'tool_use', 'writing', 'analysis', 'vision', 'other']

# pool for rng.choices: content words weighted 2:1 against function words
_POOLS = {c: VOCAB[c] * 3 + FUNC for c in VOCAB}
# median prompt length (words) and sigma
_LEN = {'chat': (13, 0.7), 'coding': (38, 0.8), 'reasoning': (34, 0.6), 'tool_use': (24, 0.6),
        'writing': (30, 0.7), 'analysis': (34, 0.7), 'vision': (11, 0.5), 'other': (18, 0.7)}

GREETINGS = [['hi'], ['hello'], ['test'], ['hey'], ['hello', 'world'], ['testing'], ['ping'],
             ['hi', 'there'], ['hello', 'claude'], ['test', 'test'], ['say', 'hello'],
             ['are', 'you', 'there'], ['1', '2', '3', 'test']]
GREET_CUM = []
_acc = 0
for _w in [30, 22, 18, 9, 5, 5, 3, 3, 2, 1, 1, 0.6, 0.4]:
    _acc += _w
    GREET_CUM.append(_acc)

STEPWISE = "explain your reasoning step by step and show all intermediate work".split()
FOLLOWUPS = [s.split() for s in [
    "can you make it shorter", "thanks that works", "what about the second part",
    "can you explain that again more simply", "try again but more formal", "why",
    "give me another example", "that did not work here is the error", "ok and then",
    "can you add comments", "perfect now translate it to spanish", "is there a faster way",
    "what if the input is empty", "show me the full code", "summarize that in one line",
    "thanks", "thank you", "continue", "go on", "yes", "no", "ok", "more", "shorter please",
    "make it longer", "explain more", "can you elaborate", "what do you mean", "are you sure",
    "try again", "rewrite it", "now in a table", "add an example", "fix it", "same error",
    "still not working", "nice", "great thanks", "and the next step", "in bullet points",
]]


def followup(rng, cat):
    """A conversational follow-up: a stock phrase, sometimes with specifics appended."""
    base = FOLLOWUPS[rng.randrange(len(FOLLOWUPS))]
    if rng.random() < 0.55:
        return base + rng.choices(VOCAB.get(cat, VOCAB['chat']) + FUNC, k=rng.randint(3, 14))
    return base


def _norm_words(text):
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split()


def diverse(rng, cat, scale=1.0):
    med, sig = _LEN.get(cat, (20, 0.7))
    n = int(med * scale * math.exp(sig * rng.gauss(0.0, 1.0)))
    n = 2 if n < 2 else 400 if n > 400 else n
    return rng.choices(_POOLS.get(cat, _POOLS['chat']), k=n)


def phrase(rng, cat, lo, hi):
    return rng.choices(VOCAB[cat], k=rng.randint(lo, hi))


# ---------------------------------------------------------------- slot fillers
FIRST = ("james mary robert patricia john jennifer michael linda david elizabeth william "
         "barbara richard susan joseph jessica thomas sarah priya arjun wei mei hiroshi yuki "
         "carlos lucia ahmed fatima olga ivan sven ingrid kofi amara liam noah emma olivia").split()
CITY = ("london paris berlin madrid rome tokyo osaka seoul sydney toronto chicago boston austin "
        "denver seattle mumbai delhi bangalore singapore jakarta manila lagos nairobi cairo lima "
        "bogota lisbon dublin vienna prague warsaw oslo helsinki zurich").split()
PRODUCT = ("ceramic mug|standing desk|noise cancelling headphones|yoga mat|electric kettle|"
           "hiking backpack|smart watch|linen shirt|cast iron pan|desk lamp|wireless charger|"
           "running shoes|scented candle|leather wallet|bluetooth speaker|air purifier|"
           "espresso machine|phone case|water bottle|gaming chair|office chair|wool blanket").split('|')
FEATURE = ("durability|eco friendly materials|long battery life|lightweight design|easy cleaning|"
           "handmade quality|ergonomic shape|fast charging|lifetime warranty|compact size|"
           "quiet operation|premium finish").split('|')
TONE = "friendly professional playful formal persuasive witty warm luxurious minimalist bold".split()
AUDIENCE = ("beginners|busy parents|small business owners|software engineers|college students|"
            "retirees|marketing managers|first time buyers|fitness enthusiasts|remote workers").split('|')
TOPIC = ("remote work|time management|personal finance|home gardening|machine learning|"
         "climate change|electric vehicles|mental health|productivity apps|healthy eating|"
         "cybersecurity basics|travel on a budget|public speaking|sleep hygiene|crypto regulation|"
         "supply chains|urban cycling|renewable energy|customer retention|team leadership").split('|')
LANGS = "spanish french german japanese korean portuguese italian dutch polish turkish hindi chinese arabic".split()
PLANGS = "python javascript typescript go rust java kotlin c++ csharp ruby php swift scala".split()
DOMAINS = ("contract law|tort liability|pharmacology|cardiology|oncology|tax accounting|"
           "corporate finance|derivatives pricing|immigration law|clinical trials|"
           "epidemiology|securities regulation|insurance underwriting|intellectual property").split('|')
LABELS = "billing technical account shipping refund other".split()
OBJS = ("integer n|real number x|sequence a n|function f|matrix a|graph g|polynomial p|"
        "triangle abc|set s|random variable x|prime p|circle of radius r").split('|')
CONDS = ("greater than 2|between 1 and 100|divisible by 7|with integer coefficients|"
         "where x is positive|with n vertices|of degree 3|such that f 0 equals 1|"
         "with probability one half|modulo 11|of side length 5").split('|')


def _num(rng):
    return [str(rng.randint(2, 999))]


SLOTS = {
    'num': _num,
    'small': lambda r: [str(r.randint(1, 12))],
    'year': lambda r: [str(r.randint(1990, 2026))],
    'name': lambda r: [r.choice(FIRST)],
    'city': lambda r: [r.choice(CITY)],
    'product': lambda r: _norm_words(r.choice(PRODUCT)),
    'feature': lambda r: _norm_words(r.choice(FEATURE)),
    'tone': lambda r: [r.choice(TONE)],
    'audience': lambda r: _norm_words(r.choice(AUDIENCE)),
    'topic': lambda r: _norm_words(r.choice(TOPIC)),
    'lang': lambda r: [r.choice(LANGS)],
    'plang': lambda r: _norm_words(r.choice(PLANGS)),
    'domain': lambda r: _norm_words(r.choice(DOMAINS)),
    'label': lambda r: [r.choice(LABELS)],
    'obj': lambda r: _norm_words(r.choice(OBJS)),
    'cond': lambda r: _norm_words(r.choice(CONDS)),
    'chatp': lambda r: phrase(r, 'chat', 6, 18),
    'codep': lambda r: phrase(r, 'coding', 6, 16),
    'codel': lambda r: phrase(r, 'coding', 25, 70),
    'reasp': lambda r: phrase(r, 'reasoning', 5, 12),
    'reasl': lambda r: phrase(r, 'reasoning', 12, 30),
    'writp': lambda r: phrase(r, 'writing', 4, 10),
    'anlp': lambda r: phrase(r, 'analysis', 5, 14),
    'anll': lambda r: phrase(r, 'analysis', 30, 90),
    'toolp': lambda r: phrase(r, 'tool_use', 4, 10),
    'doc': lambda r: r.choices(VOCAB['analysis'] + VOCAB['other'] + FUNC, k=r.randint(40, 160)),
    'ticket': lambda r: r.choices(VOCAB['chat'] + VOCAB['tool_use'] + FUNC, k=r.randint(15, 60)),
    'mixp': lambda r: r.choices(VOCAB['chat'] + VOCAB['writing'] + FUNC, k=r.randint(20, 80)),
}

_SLOT_RE = re.compile(r"\{(\w+)\}")


class Template:
    """Fixed boilerplate with variable slots; fill() gives a token list."""
    __slots__ = ('parts', 'cat', 'cot', 'name')

    def __init__(self, text, cat, cot=(0.0, 0.1), name=''):
        self.cat = cat
        self.cot = cot
        self.name = name
        parts = []
        pos = 0
        for m in _SLOT_RE.finditer(text):
            fixed = _norm_words(text[pos:m.start()])
            if fixed:
                parts.append((None, fixed))
            parts.append((SLOTS[m.group(1)], None))
            pos = m.end()
        fixed = _norm_words(text[pos:])
        if fixed:
            parts.append((None, fixed))
        self.parts = parts

    def fill(self, rng):
        out = []
        for fn, fixed in self.parts:
            if fn is None:
                out.extend(fixed)
            else:
                out.extend(fn(rng))
        return out

    def cot_value(self, rng):
        lo, hi = self.cot
        return lo + (hi - lo) * rng.random()


def derive_template(rng, cat, cot, n_fixed=(25, 60), slots=('num',), name=''):
    """A private template: random boilerplate from a category vocabulary plus slots."""
    words = rng.choices(VOCAB[cat] + FUNC, k=rng.randint(*n_fixed))
    text = ' '.join(words)
    for s in slots:
        pos = rng.randint(0, len(text))
        # insert the slot at a word boundary
        sp = text.rfind(' ', 0, pos)
        sp = 0 if sp < 0 else sp
        text = text[:sp] + ' {%s} ' % s + text[sp:]
    return Template(text, cat, cot, name)


def system_prompt_text(rng, cat, n=(40, 400)):
    return ' '.join(rng.choices(VOCAB[cat] + FUNC, k=rng.randint(*n)))


def boiler(key, cat, n):
    """Deterministic instruction boilerplate of n words (fixed for a given key)."""
    r = random.Random('boiler/' + key)
    return ' '.join(r.choices(VOCAB[cat] + FUNC + FUNC, k=n))
