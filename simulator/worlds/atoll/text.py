"""Prompt text model: vocabularies, template families with variable slots,
diverse prompts, greetings and growing conversations. Only the SimHash of a
prompt is ever emitted."""
from . import simhash as SH

STOP = ("the a an of to in and for with on is are be this that it how what why can you "
        "please i my me we our your it's do does should would could from by at as or if "
        "about into when which there here".split())

VOCAB = {
    "chat": """weather recipe dinner lunch breakfast travel trip itinerary movie film book novel recommend
        gift idea birthday workout plan sleep habit learn language spanish french japanese german joke fact
        history explain simple garden plant dog cat puppy apartment rent budget save money vacation beach
        mountain hiking coffee tea wine cheese pasta pizza chicken vegetarian vegan allergy doctor symptom
        headache cold flu advice friend relationship wedding party playlist music song guitar piano game
        chess football soccer basketball podcast meditation stress motivation morning routine weekend city
        museum festival christmas thanksgiving holiday present cook bake cake bread soup salad car bike
        train flight hotel airport passport visa moving house cleaning laundry furniture paint color""",
    "writing": """essay story poem blog post article email letter cover resume summary outline paragraph tone
        formal casual persuasive narrative character plot dialogue headline marketing copy slogan product
        description newsletter speech toast apology thank proposal abstract introduction conclusion rewrite
        shorten expand proofread grammar translate style voice audience chapter scene draft edit caption
        tweet linkedin announcement press release bio profile review feedback memo report grant statement
        personal mission vision brand tagline script video outline lyrics limerick haiku sonnet fiction fantasy
        mystery romance thriller villain hero setting theme metaphor""",
    "coding": """python function class variable loop array list dictionary string parse json api request response
        error exception debug test unit integration database sql query index table join schema migration
        docker container kubernetes deploy server client async await promise thread lock mutex memory leak
        pointer rust golang java typescript javascript react component state hook render css layout flexbox
        regex refactor performance cache redis queue kafka stream lambda closure recursion algorithm sort
        search binary tree graph hashmap complexity git branch merge commit rebase pipeline build compile
        linker webpack npm package dependency version config yaml environment logging metrics authentication
        token oauth jwt encryption endpoint rest graphql websocket middleware router controller model view
        orm postgres mysql sqlite mongodb terraform ansible nginx bash shell script cron timeout retry
        serialization generics interface trait struct enum iterator generator decorator pandas numpy
        dataframe csv null undefined segfault stacktrace traceback benchmark profiler gradle maven cargo""",
    "reasoning": """prove theorem lemma integral derivative limit series convergence probability expected value
        variance distribution matrix eigenvalue vector determinant prime number modulo equation inequality
        polynomial root triangle angle circle area volume combinatorics permutation combination coloring
        induction contradiction logic puzzle riddle sequence geometric arithmetic domain range optimization
        gradient physics velocity acceleration force energy momentum charge circuit resistor voltage chemistry
        molecule reaction equilibrium entropy enthalpy mole concentration biology gene protein cell enzyme
        evolution population economics supply demand elasticity marginal game strategy nash equilibrium
        bayes conditional independent random walk markov chain expectation coin dice cards urn balls
        integer rational irrational real complex function continuous differentiable bounded sum product
        factorial binomial fibonacci recurrence graph vertex edge path cycle""",
    "analysis": """data dataset spreadsheet revenue growth trend quarter forecast regression correlation churn
        cohort retention funnel conversion kpi dashboard report market competitor survey sentiment customer
        segment pricing cost budget risk scenario swot margin profit loss cash flow valuation investment
        portfolio stock bond inflation interest rate gdp unemployment policy strategy operations supply chain
        inventory logistics sales pipeline lead marketing campaign roi attribution experiment ab test
        significance sample bias outlier median mean percentile histogram chart visualization table pivot
        excel sql metrics annual monthly weekly region country industry sector benchmark compare summarize
        insight recommendation contract clause legal compliance gdpr audit invoice""",
    "tool_use": """search_web read_file write_file run_command list_directory get_weather send_email create_ticket
        query_database fetch_url calendar_event schedule_meeting lookup_customer update_record get_order
        refund_order search_docs edit_file grep glob bash_exec apply_patch run_tests open_browser click
        screenshot navigate extract_table call_api get_stock_price convert_currency translate_text
        create_issue comment_pr list_files read_logs restart_service deploy_app todo_write task_agent""",
    "vision": """image photo picture screenshot diagram chart scan receipt handwriting whiteboard slide
        describe caption identify extract text ocr table figure graph plot map floor plan sketch drawing
        logo color object person face scene label count compare""",
}
VOCAB = {k: v.split() for k, v in VOCAB.items()}
VOCAB["other"] = VOCAB["chat"] + VOCAB["analysis"] + VOCAB["writing"]

LEADS = {
    "chat": ["can you help me", "what is", "tell me about", "i need ideas for", "how do i", "what are some",
             "recommend", "explain like i am five", "is it true that", "hey quick question about"],
    "writing": ["write a", "rewrite this", "help me write", "draft an", "make this more", "proofread this",
                "summarize this", "turn this into a", "give me a short"],
    "coding": ["how do i", "why does my", "fix this", "write a function that", "explain this code",
               "refactor this", "what is the difference between", "getting an error", "convert this",
               "write unit tests for"],
    "reasoning": ["solve", "prove that", "how many", "what is the probability that", "calculate",
                  "find all", "explain why", "show that", "is it possible to"],
    "analysis": ["analyze", "summarize the key", "compare", "what does this data say about",
                 "build a forecast for", "give me insights on", "review this", "extract the"],
    "tool_use": ["use the tools to", "find and", "look up", "check the", "run the", "update the"],
    "vision": ["what is in this", "describe this", "extract the text from this", "read this",
               "what does this chart show"],
}
LEADS["other"] = LEADS["chat"] + LEADS["analysis"]

COT_PHRASES = [
    "think step by step", "show your reasoning step by step", "explain your reasoning before the final answer",
    "write out your full chain of thought", "reason carefully and show every intermediate step",
    "walk through the solution step by step", "show all work",
]

GREETINGS = [("hi", 34), ("hello", 22), ("test", 14), ("hey", 8), ("hello world", 5), ("hi claude", 5),
             ("testing", 4), ("hello claude", 3), ("ping", 2), ("hello how are you", 3)]

NUMS = [str(i) for i in range(0, 1000)]

_LEAD_ACC = {k: [SH.acc(s.split()) for s in v] for k, v in LEADS.items()}
_VOCAB_PACK = {k: [SH.pack(w) for w in v] for k, v in VOCAB.items()}
_STOP_PACK = [SH.pack(w) for w in STOP]
GREET_HASH = [SH.simhash_tokens(g.split()) for g, _ in GREETINGS]
GREET_CUM = []
_c = 0
for _g, _w in GREETINGS:
    _c += _w
    GREET_CUM.append(_c)


def greeting(r, top=None):
    """Hash of a common first message; `top` restricts to the n most common."""
    cum = GREET_CUM if top is None else GREET_CUM[:top]
    x = r.random() * cum[-1]
    for i, c in enumerate(cum):
        if x < c:
            return GREET_HASH[i]
    return GREET_HASH[0]


def rand_acc(r, cat, n):
    """Packed sum of a diverse prompt: a lead phrase, n content words, some stop words."""
    leads = _LEAD_ACC.get(cat) or _LEAD_ACC["other"]
    s, w = leads[int(r.random() * len(leads))]
    vp = _VOCAB_PACK.get(cat) or _VOCAB_PACK["other"]
    lv = len(vp)
    ls = len(_STOP_PACK)
    for _ in range(n):
        if r.random() < 0.3:
            s += _STOP_PACK[int(r.random() * ls)]
        else:
            s += vp[int(r.random() * lv)]
    if r.random() < 0.25:  # numbers, names, identifiers
        for _ in range(r.randint(1, 3)):
            s += SH.pack(NUMS[int(r.random() * 1000)])
    return s, w + n


def rand_prompt(r, cat, n):
    return SH.fin(*rand_acc(r, cat, n))


class Template:
    """A prompt family: fixed text plus variable slots."""
    __slots__ = ("s", "w", "slots", "cat")

    def __init__(self, fixed_tokens, slot_pools, cat="other"):
        self.s, self.w = SH.acc(fixed_tokens)
        self.slots = [[SH.acc(v) for v in pool] for pool in slot_pools]
        self.cat = cat

    def draw(self, r, extra=None):
        s, w = self.s, self.w
        for pool in self.slots:
            ds, dw = pool[int(r.random() * len(pool))]
            s += ds
            w += dw
        if extra:
            s += extra[0]
            w += extra[1]
        return SH.fin(s, w)

    def acc_draw(self, r):
        s, w = self.s, self.w
        for pool in self.slots:
            ds, dw = pool[int(r.random() * len(pool))]
            s += ds
            w += dw
        return s, w


def _words(r, cat, n, stop_p=0.25):
    v = VOCAB.get(cat) or VOCAB["other"]
    out = []
    for _ in range(n):
        out.append(r.choice(STOP) if r.random() < stop_p else r.choice(v))
    return out


def make_template(r, cat, n_fixed=(45, 100), n_slots=(2, 4), slot_len=(1, 2), pool=(12, 120),
                  cot=False, prefix=None, numeric_p=0.35):
    """Random template family in a domain. Near-duplicates differ in a few bits."""
    fixed = list(prefix.split()) if prefix else []
    fixed += _words(r, cat, r.randint(*n_fixed))
    if cot:
        fixed += r.choice(COT_PHRASES).split()
    pools = []
    for _ in range(r.randint(*n_slots)):
        size = r.randint(*pool)
        if r.random() < numeric_p:
            pools.append([[r.choice(NUMS)] for _ in range(size)])
        else:
            pools.append([_words(r, cat, r.randint(*slot_len), stop_p=0.0) for _ in range(size)])
    return Template(fixed, pools, cat)


class Conversation:
    """A growing conversation (agent loops): each turn adds tokens, so successive
    prompts of one conversation are near-duplicates of each other."""
    __slots__ = ("s", "w")

    def __init__(self, s=0, w=0):
        self.s, self.w = s, w

    def add(self, r, cat, n):
        vp = _VOCAB_PACK.get(cat) or _VOCAB_PACK["other"]
        lv = len(vp)
        for _ in range(n):
            self.s += vp[int(r.random() * lv)]
        self.w += n

    def add_acc(self, sw):
        self.s += sw[0]
        self.w += sw[1]

    def hash(self):
        return SH.fin(self.s, self.w)


def popcount(x):
    return bin(x).count("1")
