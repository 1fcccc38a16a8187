/**
 * The small word lists behind quote attribution. Words are compared lower-case, without a trailing
 * period or possessive (see `bareWord`).
 */

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter((w) => w.length > 0));

/** Verbs that introduce or close a quotation, in the forms news prose uses. */
export const SPEECH_VERBS = words(`
  say says said saying tell tells told telling add adds added adding ask asks asked asking spoke speaks
  write writes wrote writing explain explains explained explaining reply replies replied
  continue continues continued notes noted noting states stated declare declares declared declaring
  insist insists insisted argue argues argued arguing warn warns warned warning claims claimed
  acknowledge acknowledged admit admits admitted recall recalls recalled suggest suggests suggested
  conclude concluded tweets tweeted tweeting posted responds responded remarked announces announced
  observed countered concede conceded emphasize emphasized emphasised stressed complained joked quipped
  predicted promised vowed urged urging pledged cautioned charged contend contended maintained mused
  shouted yelled testify testified reported reporting exclaimed boasted lamented scoffed mocked
  whispered reiterated assured confirmed confided demanded chimed interjected opined proclaimed
  retorted sighed wondered thundered recounted summed summarized summarised predicts read reads
  calling called describing described describes branded labeled labelled dubbed termed accused
  accuses deemed denounced decried praised hailed blasted slammed
  yells shouts shouted screams screamed chants chanted mutters muttered murmured pleaded pleads begged
  stresses emphasizes emphasises acknowledges concedes promises vows urges cautions counters observes
  remarks reiterates confirms recalled recounts laments boasts jokes quips tells answer answers answered
  assert asserts asserted asserting
`);

/** Verbs that only attribute a fragment ("calling it a 'disgrace'"), never a following full quote. */
export const FRAGMENT_VERBS = words(`
  calling called call calls describing described describe describes branded brands labeled labelled
  dubbed termed accused accuses deemed denounced decried praised hailed blasted slammed mocked
`);

/**
 * Words between a subject and its speech verb that do not end the subject's phrase: "Cruz *also* said",
 * "Trump *on Wednesday* said", "he *was quoted as* saying".
 */
export const VERB_MODIFIERS = words(`
  also later then once has had have would will was is were are has had again further simply just
  reportedly publicly privately repeatedly recently previously frequently often quickly quietly flatly
  bluntly angrily firmly earlier finally initially separately subsequently similarly sharply
  quoted as being been went on to yesterday today tonight
  monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
  week month year not did does do
  january february march april may june july august september october november december
`);

/** Personal pronouns that can stand for a speaker. */
export const SPEAKER_PRONOUNS = words("he she they i we it");

/** Determiners that open a description ("the Russian leader", "a spokesman"). */
export const DETERMINERS = words("the a an his her its their our this that these those one another");

/**
 * Nouns that name a role a person holds; heads of descriptions ("the Kremlin aide") and of the titles
 * before names ("Kremlin spokesman Dmitry Peskov").
 */
export const ROLE_NOUNS = words(`
  president spokesman spokeswoman spokesperson aide adviser advisor leader chief minister secretary
  official officials envoy senator governor mayor nominee candidate director chairman chairwoman chair
  head negotiator ambassador diplomat general commander lawyer attorney prosecutor judge justice analyst
  economist professor expert researcher strategist pollster consultant manager strategist congressman
  congresswoman lawmaker legislator representative rep sen gov premier chancellor king queen prince
  founder executive ceo owner host anchor reporter correspondent columnist editor writer author journalist
  businessman businesswoman billionaire developer activist organizer campaigner supporter surrogate
  critic mother father son daughter wife husband brother sister niece nephew friend resident veteran
  doctor officer soldier member delegate speaker whip counsel deputy assistant vice prime ruler dictator
  strongman opponent rival challenger incumbent mogul star actor actress singer rapper comedian
  coach player teacher student voter worker partner source sources witness narrator announcer
  commissioner administrator superintendent sheriff captain pastor priest bishop pope cardinal imam
  rabbi monarch emperor czar tsar boss magnate investor banker entrepreneur chairperson mp
  republican democrat libertarian conservative liberal progressive independent historian scientist
  broker trader dealer staffer staffers man woman person commenter user heckler child teenager co-host
  archbishop fan viewer reader listener caller bystander neighbour neighbor relative pundit operative
  insider employee academic specialist physician nurse guard agent detective investigator publicist
  producer designer composer photographer filmmaker
`);

/**
 * Roles of public figures that news prose uses as a second name for the person in focus ("the
 * businessman", "the senator"), unlike "the narrator" or "the official", who are usually someone new.
 */
export const PUBLIC_ROLES = words(`
  leader president senator governor mayor nominee candidate businessman businesswoman billionaire mogul
  developer republican democrat libertarian congressman congresswoman lawmaker secretary minister
  chancellor premier chairman chairwoman strongman dictator ruler king queen prince candidate star
`);

/** Role nouns that mark a woman, and ones that mark a man. */
export const FEMALE_ROLE_NOUNS = words(`
  spokeswoman chairwoman congresswoman businesswoman queen mother wife daughter sister niece actress
  woman lady girl grandmother aunt widow princess
`);
export const MALE_ROLE_NOUNS = words(`
  spokesman chairman congressman businessman king father husband son brother nephew actor man boy
  grandfather uncle widower prince
`);

/** Family ties that make a given name in apposition a relative who shares the family name. */
export const KIN_NOUNS = words(`
  husband wife son daughter brother sister father mother widow widower
`);

/** Roles a description may use for the role written with a person's name ("the leader" ~ "President"). */
export const ROLE_SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map([
  ["leader", ["president", "premier", "chancellor", "minister", "chief", "head", "king", "ruler", "leader"]],
  ["aide", ["adviser", "advisor", "assistant", "aide", "strategist"]],
  ["adviser", ["aide", "advisor", "adviser"]],
  ["advisor", ["aide", "adviser", "advisor"]],
  ["spokesman", ["spokesperson", "spokeswoman", "spokesman", "press"]],
  ["spokeswoman", ["spokesperson", "spokesman", "spokeswoman", "press"]],
  ["nominee", ["candidate", "nominee"]],
  ["candidate", ["nominee", "candidate"]],
  ["senator", ["sen", "senator"]],
  ["governor", ["gov", "governor"]],
  ["congressman", ["rep", "representative", "congressman"]],
  ["congresswoman", ["rep", "representative", "congresswoman"]],
  ["lawmaker", ["sen", "senator", "rep", "representative", "congressman", "congresswoman", "lawmaker"]],
  ["president", ["president"]],
  ["mayor", ["mayor"]],
  ["chief", ["chief", "head", "leader", "director"]],
  ["head", ["head", "chief", "leader", "director"]],
  ["businessman", ["businessman", "developer", "mogul", "billionaire", "nominee"]],
  ["diplomat", ["diplomat", "ambassador", "envoy", "minister", "secretary"]],
]);

/** Words that make a capitalised phrase an organisation rather than a person. */
export const ORGANISATION_WORDS = words(`
  kremlin pentagon house ministry council corps party agency times news post journal tribune herald
  guardian telegraph press network committee commission union bank fund association institute center
  centre university college school campaign army navy forces force brigade battalion regiment division
  command office department court group inc corp corporation company co ltd llc foundation
  administration government parliament congress senate assembly cabinet service services police
  board authority organization organisation federation league alliance coalition bureau club
  reuters afp ap bloomberg cnn bbc msnbc fox abc nbc cbs npr politifact hill magazine daily weekly
  review times-picayune gazette inquirer chronicle examiner report observer courier bulletin dispatch
  sentinel enquirer ledger picayune advocate
  nato un eu imf who opec fbi cia nsa doj dhs gop dnc rnc
  republicans democrats
`);

/** Words that make a capitalised phrase a place, an event or a thing rather than a person. */
export const THING_WORDS = words(`
  county state states city day war act bill plan street avenue road square beach park river island lake
  mountain bay hall tower building airport station church mosque cathedral museum hospital prize award
  cup games olympics festival series show summit conference treaty accord pact doctrine program programme
  project initiative movement revolution era age century zero district region province valley coast
  ocean sea gulf channel canal bridge palace castle plaza mall center centre hotel resort club street
  caucus convention debate primary election amendment constitution code law fund index exchange market
  airlines airways motors media entertainment studios records pictures network channel radio tv
  republic emirates
`);

/** Countries, capitals and other places that speak as bodies ("Moscow insisted", "Britain said"). */
export const PLACE_NAMES = words(`
  afghanistan albania algeria america argentina armenia australia austria azerbaijan bahrain bangladesh
  belarus belgium bolivia bosnia brazil britain bulgaria cambodia canada chile china colombia croatia
  cuba cyprus czechia denmark ecuador egypt england estonia ethiopia europe finland france georgia
  germany ghana greece hungary iceland india indonesia iran iraq ireland israel italy japan jordan
  kazakhstan kenya korea kosovo kuwait latvia lebanon libya lithuania luxembourg malaysia mexico
  moldova mongolia montenegro morocco myanmar burma nepal netherlands nigeria norway oman pakistan
  palestine panama peru philippines poland portugal qatar romania russia rwanda scotland serbia
  singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan thailand tunisia
  turkey turkiye uganda ukraine uzbekistan venezuela vietnam wales yemen zimbabwe
  moscow kyiv kiev washington beijing london paris berlin tokyo tehran brussels ankara jerusalem
  damascus baghdad kabul pyongyang seoul delhi islamabad cairo riyadh minsk warsaw rome madrid
  ottawa canberra havana caracas taipei hanoi manila budapest prague vienna athens
  tehran doha abu dhabi dubai gaza
  u.s us usa uk asia africa americas oceania arctic antarctica pacific atlantic caribbean balkans
  alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois
  indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
  missouri montana nebraska nevada hampshire jersey mexico york carolina dakota ohio oklahoma oregon
  pennsylvania rhode tennessee texas utah vermont virginia wisconsin wyoming
  chicago boston houston dallas atlanta miami seattle denver detroit philadelphia baltimore
  honolulu charlotte cleveland orlando phoenix tampa
  san santa los las fort port
`);

/** Words that open a clause or a prepositional phrase and so cannot be part of a speaker's phrase. */
export const PHRASE_STOPS = words(`
  and but or nor so yet that which who whom whose where when while because although though if unless
  since after before until as than of in on at to for from with without by about over under into onto
  upon through during against between among across around near per via like behind beyond beside within
  alongside outside inside despite toward towards amid
  is was are were be been being has had have do does did will would shall should can could may might
  must not no it its this these those there here what how why
  says said told added asked wrote
`);

/** Days and months: capitalised, never names. */
export const CALENDAR_WORDS = words(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
`);

/**
 * Capitalised words that open sentences or headlines and are not names ("But", "According", "Speaking").
 * Used to keep them out of name phrases.
 */
export const NON_NAME_CAPITALS = words(`
  the a an and but or so yet in on at to for from with by of as if when while after before since
  during according speaking asked however meanwhile still also then now this that these those there
  here he she they we i it his her its their our my your you what why how who where yes no not
  mr mrs ms dr sen rep gov
  earlier later last next today tonight yesterday although though because unless until whether whereas
  despite once instead perhaps maybe finally first second third
  like unlike off amid among over under even just only
`);

/**
 * Texts that speak for their authors ("the letter reads", "the ruling states"): unnamed speakers, reported
 * as written.
 */
export const DOCUMENT_NOUNS = words(`
  letter statement report book ruling article piece story editorial column memo memorandum ad advert
  advertisement spot release order decision opinion filing complaint lawsuit indictment study survey
  tweet email message note document documents papers resolution transcript petition verdict judgment
  endorsement video website headline caption sign banner post newspaper paper
`);

/** The documents a news outlet publishes: "the article" speaks for the paper that ran it. */
export const PUBLICATION_NOUNS = words("article piece story editorial column feature op-ed newspaper paper");

/** Words in the names of news outlets: "The New York Times", "The Washington Post". */
export const PUBLICATION_WORDS = words(`
  times post journal tribune herald guardian telegraph news press magazine gazette review chronicle
  observer globe daily examiner register inquirer star sun mail mirror express caller beast hill
  advocate courier bulletin dispatch sentinel enquirer standard independent economist monitor ledger
  statesman picayune
`);

/** Plural people who speak as a group ("Protesters chanted"), which "they" may stand for. */
export const GROUP_NOUNS = words(`
  officials protesters demonstrators residents voters supporters critics analysts experts sources
  lawmakers senators democrats republicans leaders authorities police officers members activists
  crowd crowds audience
`);

/** Words of a clause that only says why a source goes unnamed: "who was not authorized to speak publicly". */
export const ANONYMITY_WORDS = words(`
  anonymity anonymously anonymous authorized authorised permitted allowed identified named publicly
  condition requested declined insisted asked because
`);

/** Role nouns of any kind, marked for gender or not: the heads of descriptions and of titles before names. */
export function isRoleNoun(bare: string): boolean {
  return ROLE_NOUNS.has(bare) || FEMALE_ROLE_NOUNS.has(bare) || MALE_ROLE_NOUNS.has(bare);
}

/** Words that open a prepositional phrase: a name after one ("with Putin") is an oblique mention. */
export const PREPOSITIONS = words(`
  with by in on at for from to of about against between among under over into through toward towards
  during after before like including than behind ahead beyond beside past near across around within
  without via alongside outside inside despite beat beating
`);

/** Texts a body puts out in its own name, unlike a letter or a book, which have authors of their own. */
export const BODY_DOCUMENTS = words("report email e-mail statement release memo newsletter");

/** Roles written in the masculine that are used of women too ("party chairman Ann Lee"): they tell no gender. */
export const UNMARKED_ROLES = words("chairman");

/** What follows a surname without being one: "Joseph R. Biden Jr.". */
export const NAME_SUFFIXES = words("jr sr ii iii iv");

/** Letters after a name for a seat or an honour ("Tom McCabe MSP", "Jane Lee QC"): not part of the name. */
export const POST_NOMINALS = words("mp msp mep mla mpp am td qc kc obe mbe cbe kbe dbe");

/**
 * Words that make a role one not held now: "the former governor" is not who "the governor" now means, and a
 * "shadow" minister holds no ministry.
 */
export const FORMER_WORDS = words("former ex onetime one-time erstwhile retired late shadow");

/** Titles that are only a courtesy ("Mr.", "Dr."), not a role worth reporting. */
export const HONORIFICS = words("mr mrs ms miss dr mx");

/** "one" and "another" as speakers: one member of a group the story has just quoted ("dealers said"). */
export const GROUP_MEMBER_WORDS = words("one another");

/** The words that open a description of someone new: "a spokesman", "one trader", "another analyst". */
export const INDEFINITE_DETERMINERS = words("a an one another");

/** Words that count or pick out part of a group and so are no part of what its members are: "other dealers". */
export const QUANTIFIERS = words(`
  some many several most other others both all few various numerous two three four five six seven eight nine
  ten dozen dozens more
`);

/** People who exist only as a voice in a text: "a narrator", "an announcer". */
export const NARRATOR_NOUNS = words("narrator announcer voiceover voice-over");

/** Texts with a voice of their own that a narrator speaks in: "the ad", "the video". */
export const VOICED_TEXT_NOUNS = words(
  "ad ads advert advertisement commercial spot video film documentary trailer",
);

/** Last words of a company's full name: "MTS Acquisition Corp", "CenTrust Savings Bank". */
export const COMPANY_SUFFIXES = words("corp corporation inc co ltd plc llc ag sa nv group holdings bank");
