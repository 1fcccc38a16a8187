/**
 * Helpers for recognising people's names in English news prose: which capitalised words are titles
 * rather than names, which given names tell a gender, and how to reduce a name to the key that
 * identifies a person across spellings ("President Vladimir Putin's" -> "putin").
 */

export type Gender = "male" | "female";

/** Honorifics and titles that stand before a name and are not part of it (compared lower-case, no dot). */
export const NAME_TITLES: ReadonlySet<string> = new Set([
  "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "reverend", "sen", "senator", "rep",
  "representative", "congressman", "congresswoman", "gov", "governor", "lt", "col", "colonel", "gen",
  "general", "maj", "major", "capt", "captain", "sgt", "sergeant", "adm", "admiral", "cmdr", "commander",
  "president", "vice", "premier", "chancellor", "minister", "secretary", "mayor", "judge", "justice",
  "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop",
  "sheikh", "emir", "ambassador", "amb", "del", "delegate", "speaker", "chairman", "chairwoman", "chair",
  "attorney", "prosecutor", "sheriff", "chief", "deputy", "assemblyman", "assemblywoman", "councilman",
  "councilwoman", "detective", "officer", "coach", "hon", "state", "foreign", "defense", "defence",
  "interior", "finance", "prime", "former", "acting", "interim", "first",
]); // prettier-ignore

/** Lower-case words that join the parts of a name: "Charles de Gaulle", "Osama bin Laden". */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  "de", "da", "di", "del", "della", "do", "dos", "das", "du", "van", "von", "der", "den", "bin", "ibn", "al", "el",
  "la", "le", "ter", "ten", "st",
]); // prettier-ignore

const NAME_SUFFIXES: ReadonlySet<string> = new Set(["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"]);

const MALE_NAMES = new Set(
  `aaron abdul abdullah adam ahmed alan albert alejandro aleksandr alex alexander alexei alexey ali
  andrew andrei andrey andriy angus anthony antonio arnold arthur ashton barack ben benjamin benny bernard
  bernie bill billy bob bobby boris brad bradley brett brian bruce bryan carl carlos chad charles charlie
  chris christian christopher chuck clarence colin craig dale dan daniel danny darren dave david dean
  denis dennis derek dick dmitry dmitri don donald doug douglas duncan dwight ed eddie edward emmanuel
  eric erik ernest evan francis francisco frank franklin fred frederick gary gavin gene george gerald
  gordon graham greg gregory hamid harold harry hassan henry herman howard hugh ian igor isaac ivan jack
  jacob jake james jamie jared jason jay jean jeb jeff jeffrey jeremy jerry jesse jim jimmy joe joel john
  johnny jon jonathan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth kevin kim
  kirill kurt kyle larry lawrence lee leo leon leonard lindsey lloyd louis luis luke malcolm marco marcus
  mark martin matt matthew max michael mike mikhail mitch mitt mohammed muhammad nathan neil nicholas
  nick nigel nikolai norman oleg oleh oleksandr oleksiy oliver omar oscar pat patrick paul pedro pete
  peter petro phil philip rafael ralph ray raymond reince rex richard rick rob robert rod rodney roger
  ron ronald ross roy rudy rush russell rustem ryan sam samuel scott sean sergei sergey sergiy seth
  stephen steve steven stuart ted thomas tim timothy todd tom tony tyler valery victor viktor
  vince vincent vladimir vlad volodymyr walter wayne will william xi yuri yury zach`.split(/\s+/),
);

const FEMALE_NAMES = new Set(
  `abby abigail alice alicia alison amanda amy ana andrea angela angelina ann anna anne annie barbara
  barbra betsy betty beverly brenda bridget carla carly carmen carol caroline catherine cathy chelsea
  cheryl christina christine cia claire condoleezza cynthia dana danielle deborah debbie debra diana
  diane donna dorothy elaine eleanor elena elizabeth ellen emily emma erin eva evelyn fiona frances
  gabrielle gennifer gina gloria grace hannah heather heidi helen hillary holly hope irina jackie
  jacqueline jan jane janet janice jean jeanne jennifer jessica jill joan joanna jodi jody joyce judith
  judy julia julie karen kate katherine kathleen kathryn kathy katie kay kayleigh kelly kellyanne kim
  kimberly kirsten kristen laura lauren linda lisa lois loretta lori louise lucy lynn madeleine maria
  marie marian marianne marine marsha martha mary maxine megan meghan melania melanie melissa michele
  michelle mika miriam molly monica nancy natalia natalie nicole nikki nina nora olga pam pamela patricia
  patty paula penny rachel rebecca rita roberta rosa rose ruth sally samantha sandra sara sarah sharon
  shirley sonia sophie stephanie sue susan suzanne svetlana tamara tammy tanya teresa theresa tina tulsi
  ursula valerie vanessa victoria virginia wanda wendy yulia yuliia zoe`.split(/\s+/),
);

const MALE_WORDS = new Set(["mr", "he", "his", "him", "king", "prince", "sir", "lord", "husband", "father"]);
const FEMALE_WORDS = new Set([
  "mrs",
  "ms",
  "miss",
  "she",
  "her",
  "queen",
  "princess",
  "dame",
  "lady",
  "wife",
  "mother",
]);

/** The lower-case form of a word with a trailing period and possessive removed: "Putin's" -> "putin". */
export function bareWord(word: string): string {
  const lower = word.toLowerCase();
  // Most words end in none of "s", "'", "’" and ".", and have nothing to strip: spare them the patterns
  // (this runs for every word of every article's quote attribution).
  const last = lower.charCodeAt(lower.length - 1);
  if (last !== 115 && last !== 39 && last !== 0x2019 && last !== 46) return lower;
  return lower.replace(/['’]s$|['’]$/, "").replace(/\.$/, "");
}

/** True for a word that starts with a capital letter or a digit (names, "7th Air Assault Corps"). */
export function isCapitalised(word: string): boolean {
  const first = word.charCodeAt(0);
  if (first >= 65 && first <= 90) return true;
  if (first < 128) return false;
  return /^\p{Lu}/u.test(word);
}

/** A single capital with a period: the "F." of "John F. Kerry". */
export function isInitial(word: string): boolean {
  return /^\p{Lu}\.$/u.test(word);
}

/** Given names borne by men and women alike ("Magistrate Lee Gilmore ... she said"): they tell no gender. */
const EITHER_SEX_NAMES = new Set(
  `lee lindsey jamie jean kim jody dana kelly jesse leslie robin terry jordan casey taylor morgan jan andrea
  nicola michele sasha simone dominique`.split(/\s+/),
);

/** The gender a given name or a title tells, if it tells one. */
export function genderOfWord(word: string): Gender | undefined {
  const bare = bareWord(word);
  if (EITHER_SEX_NAMES.has(bare)) return undefined;
  if (MALE_NAMES.has(bare) || MALE_WORDS.has(bare)) return "male";
  if (FEMALE_NAMES.has(bare) || FEMALE_WORDS.has(bare)) return "female";
  return undefined;
}

/** True when the word is a common given name, which makes the words around it likely a person's name. */
export function isGivenName(word: string): boolean {
  const bare = bareWord(word);
  return MALE_NAMES.has(bare) || FEMALE_NAMES.has(bare);
}

/** True for a title or honorific that precedes a name ("Sen.", "President", "Mrs"). */
export function isNameTitle(word: string): boolean {
  return NAME_TITLES.has(bareWord(word));
}

/**
 * The words of a name without titles, suffixes and possessives: "Russian President Vladimir Putin's" gives
 * ["Vladimir", "Putin"] when "Russian" is known as part of the title by the caller; here only honorifics and
 * titles at the start are removed.
 */
export function nameWords(name: string): string[] {
  const words = name
    .replace(/\([^)]*\)/g, " ")
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => word.replace(/['’]s$|['’]$/, "").replace(/,$/, ""));
  let first = 0;
  while (first < words.length - 1 && isNameTitle(words[first] ?? "")) first++;
  let last = words.length;
  while (last > first + 1 && NAME_SUFFIXES.has(bareWord(words[last - 1] ?? ""))) last--;
  return words.slice(first, last);
}

/** The surname key of a name, lower-case: "Mr. Trump's" -> "trump", "Ban Ki-moon" -> "ki-moon". */
export function surnameKey(name: string): string {
  const words = nameWords(name);
  return bareWord(words.at(-1) ?? "");
}

/** A normalised key for a whole name: lower-case words without titles and initials' dots. */
export function fullNameKey(name: string): string {
  return nameWords(name)
    .map((word) => bareWord(word))
    .join(" ");
}
